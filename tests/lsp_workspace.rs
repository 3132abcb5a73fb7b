//! `infragen lsp` and the workspace around the open documents: files outside any project,
//! files created, deleted and renamed on disk (watched through the client), no second
//! diagnostic after a syntax error, and semantic tokens.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    reader: BufReader<ChildStdout>,
    /// Requests the server sent to the client.
    server_requests: Vec<Value>,
}

impl Client {
    /// Starts the server on `root` with the client capabilities `capabilities`.
    fn start(root: &Path, capabilities: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_infragen"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let reader = BufReader::new(child.stdout.take().unwrap());
        let mut client = Client {
            child,
            stdin,
            reader,
            server_requests: Vec::new(),
        };
        client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": uri(root), "capabilities": capabilities}}));
        let init = client.response(1);
        client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        (client, init)
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        let msg: Value = serde_json::from_slice(&body).unwrap();
        if msg.get("method").is_some() && msg.get("id").is_some() {
            self.server_requests.push(msg.clone());
        }
        msg
    }

    fn response(&mut self, id: i64) -> Value {
        loop {
            let msg = self.receive();
            if msg["id"] == id && msg.get("method").is_none() {
                return msg;
            }
        }
    }

    /// The next diagnostics published for `file`.
    fn diagnostics(&mut self, file: &Path) -> Vec<Value> {
        let uri = uri(file);
        loop {
            let msg = self.receive();
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&mut self, file: &Path, text: &str) {
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri(file), "languageId": "infragen", "version": 1, "text": text}}}));
    }

    fn change(&mut self, file: &Path, version: i32, text: &str) {
        self.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri(file), "version": version},
            "contentChanges": [{"text": text}]}}),
        );
    }

    /// `workspace/didChangeWatchedFiles` with (file, 1 created | 2 changed | 3 deleted).
    fn watched(&mut self, changes: &[(&Path, u8)]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(f, t)| json!({"uri": uri(f), "type": t}))
            .collect();
        self.send(
            json!({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
            "params": {"changes": changes}}),
        );
    }

    fn shut_down(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
        self.response(99);
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        assert!(self.child.wait().unwrap().success());
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

const PROJECT: &str = "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\nexport network_id = vpc.network.id\n";
const VPC: &str =
    "module vpc\n\nresource gcp.compute.Network network {\n  auto_create_subnetworks = false\n}\n";

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("project.infra"), PROJECT).unwrap();
    std::fs::write(root.join("vpc.infra"), VPC).unwrap();
    (dir, root)
}

#[test]
fn a_file_outside_the_workspace_folder_is_checked_with_its_own_project_or_alone() {
    let (_dir, root) = workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    let other = elsewhere.path().canonicalize().unwrap();
    // Another project, opened from outside the editor's folder, checks against its own modules.
    std::fs::create_dir_all(other.join("app/modules")).unwrap();
    std::fs::write(other.join("app/project.infra"), PROJECT).unwrap();
    std::fs::write(other.join("app/modules/vpc.infra"), VPC).unwrap();
    let module = other.join("app/modules/vpc.infra");
    // A lone module belongs to no project.
    std::fs::create_dir_all(other.join("loose")).unwrap();
    let loose = other.join("loose/queue.infra");
    std::fs::write(&loose, "module queue\n").unwrap();

    let (mut client, _) = Client::start(&root, json!({}));
    let typo = VPC.replace("gcp.compute.Network", "gcp.compute.Netwrk");
    client.open(&module, &typo);
    let diagnostics = client.diagnostics(&module);
    assert_eq!(codes(&diagnostics), ["E0200"], "{diagnostics:?}");
    client.change(&module, 2, VPC);
    assert!(client.diagnostics(&module).is_empty());

    client.open(&loose, "module queue\n");
    let diagnostics = client.diagnostics(&loose);
    assert_eq!(codes(&diagnostics), ["E0100"], "{diagnostics:?}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 7})
    );
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("`loose`"), "{message}");
    client.shut_down();
}

#[test]
fn files_created_deleted_and_renamed_on_disk_are_picked_up() {
    let (_dir, root) = workspace();
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::start(&root, capabilities);
    let project = root.join("project.infra");
    client.open(&project, PROJECT);
    assert!(client.diagnostics(&project).is_empty());

    // The server asked the client to watch the workspace's files.
    let registration = client
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .cloned()
        .expect("a registration request");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registered["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/*.infra"), "{globs:?}");
    assert!(globs.contains(&"**/infragen.lock"), "{globs:?}");
    client.send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));

    // A module created on disk, with a mistake, is checked without being opened.
    let queues = root.join("queues.infra");
    std::fs::write(
        &queues,
        "module queues\n\nresource gcp.pubsub.Topc events {}\n",
    )
    .unwrap();
    client.watched(&[(&queues, 1)]);
    assert_eq!(codes(&client.diagnostics(&queues)), ["E0200"]);

    // Renamed: the old path is cleared, the new one diagnosed.
    let renamed = root.join("topics.infra");
    std::fs::rename(&queues, &renamed).unwrap();
    client.watched(&[(&queues, 3), (&renamed, 1)]);
    let mut cleared = false;
    let mut moved = false;
    while !(cleared && moved) {
        let msg = client.receive();
        if msg["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        let diagnostics = msg["params"]["diagnostics"].as_array().unwrap();
        if msg["params"]["uri"] == uri(&queues) {
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            cleared = true;
        } else if msg["params"]["uri"] == uri(&renamed) {
            assert_eq!(codes(diagnostics), ["E0200"]);
            moved = true;
        }
    }

    // Deleting the module on disk clears its diagnostics.
    std::fs::remove_file(&renamed).unwrap();
    client.watched(&[(&renamed, 3)]);
    assert!(client.diagnostics(&renamed).is_empty());

    // A module the project reads, deleted on disk: the reference is now unknown.
    let vpc = root.join("vpc.infra");
    std::fs::remove_file(&vpc).unwrap();
    client.watched(&[(&vpc, 3)]);
    let diagnostics = client.diagnostics(&project);
    assert!(!diagnostics.is_empty(), "{diagnostics:?}");
    client.shut_down();
}

#[test]
fn without_dynamic_registration_nothing_is_registered() {
    let (_dir, root) = workspace();
    let (mut client, _) = Client::start(&root, json!({}));
    let project = root.join("project.infra");
    client.open(&project, PROJECT);
    assert!(client.diagnostics(&project).is_empty());
    assert!(
        client.server_requests.is_empty(),
        "{:?}",
        client.server_requests
    );
    client.shut_down();
}

/// A syntax error is the only diagnostic: what the broken text declared is not also reported
/// missing where it is used (here, in another file), and the uses come back once fixed.
#[test]
fn a_syntax_error_is_not_followed_by_unknown_names_elsewhere() {
    let (_dir, root) = workspace();
    let (mut client, _) = Client::start(&root, json!({}));
    let vpc = root.join("vpc.infra");
    let project = root.join("project.infra");
    client.open(&vpc, VPC);
    assert!(client.diagnostics(&vpc).is_empty());

    // The user is typing: the resource's closing brace is not there yet.
    let typing = VPC.replace("false\n}", "false\n");
    client.change(&vpc, 2, &typing);
    let mut seen = Vec::new();
    loop {
        let msg = client.receive();
        if msg["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        let diagnostics = msg["params"]["diagnostics"].as_array().unwrap().clone();
        seen.extend(codes(&diagnostics).into_iter().map(String::from));
        if msg["params"]["uri"] == uri(&vpc) {
            break;
        }
    }
    assert!(!seen.is_empty());
    assert!(seen.iter().all(|c| c == "E0001"), "{seen:?}");

    // A real unknown name is still reported once the syntax is right.
    let renamed = VPC.replace("network {", "net {");
    client.change(&vpc, 3, &renamed);
    loop {
        let msg = client.receive();
        if msg["method"] == "textDocument/publishDiagnostics"
            && msg["params"]["uri"] == uri(&project)
        {
            let diagnostics = msg["params"]["diagnostics"].as_array().unwrap();
            assert!(
                codes(diagnostics).iter().any(|c| c.starts_with("E020")),
                "{diagnostics:?}"
            );
            break;
        }
    }
    client.shut_down();
}

/// Semantic tokens of a shipped example, decoded to (line, column, length, type, modifiers).
#[test]
fn semantic_tokens_classify_an_example() {
    let root = common::root().join("examples/network");
    let file = root.join("vpc.infra");
    let text = std::fs::read_to_string(&file).unwrap();
    let (mut client, init) = Client::start(&root, json!({}));
    let provider = &init["result"]["capabilities"]["semanticTokensProvider"];
    assert_eq!(provider["full"], true);
    let legend: Vec<String> = provider["legend"]["tokenTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    let modifiers: Vec<String> = provider["legend"]["tokenModifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    client.open(&file, &text);
    client.send(
        json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/semanticTokens/full",
        "params": {"textDocument": {"uri": uri(&file)}}}),
    );
    let answer = client.response(5);
    let data: Vec<u64> = answer["result"]["data"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0] as usize;
            col = t[1] as usize;
        } else {
            col += t[1] as usize;
        }
        let word = &lines[line][col..col + t[2] as usize];
        let mods: Vec<&str> = (0..modifiers.len())
            .filter(|i| t[4] & (1 << i) != 0)
            .map(|i| modifiers[i].as_str())
            .collect();
        decoded.push((line, word.to_string(), legend[t[3] as usize].clone(), mods));
    }
    let find = |line: usize, word: &str| {
        decoded
            .iter()
            .find(|(l, w, _, _)| *l == line && w == word)
            .map(|(_, _, ty, mods)| (ty.as_str(), mods.clone()))
            .unwrap_or_else(|| panic!("no token `{word}` on line {line}: {decoded:?}"))
    };
    assert_eq!(find(0, lines[0]), ("comment", vec!["documentation"]));
    assert_eq!(find(1, "module"), ("keyword", vec![]));
    assert_eq!(find(1, "vpc"), ("namespace", vec!["declaration"]));
    assert_eq!(find(7, "gcp.compute.Network"), ("type", vec![]));
    assert_eq!(find(7, "network"), ("variable", vec!["declaration"]));
    assert_eq!(find(8, "name"), ("property", vec![]));
    assert_eq!(find(8, "="), ("operator", vec![]));
    assert_eq!(find(8, "\"vpc\""), ("string", vec![]));
    assert_eq!(find(9, "false"), ("keyword", vec![]));
    assert_eq!(find(15, "for"), ("keyword", vec![]));
    assert_eq!(find(15, "config"), ("variable", vec!["defaultLibrary"]));
    assert_eq!(find(15, "subnets"), ("property", vec![]));
    // `network.id`: a resource the checker resolved, then its attribute.
    let on_19: Vec<(&str, &str)> = decoded
        .iter()
        .filter(|(l, _, _, _)| *l == 19)
        .map(|(_, w, ty, _)| (w.as_str(), ty.as_str()))
        .collect();
    assert_eq!(
        on_19,
        [
            ("network", "property"),
            ("=", "operator"),
            ("network", "variable"),
            ("id", "property")
        ]
    );
    assert_eq!(find(19, "id"), ("property", vec![]));
    client.shut_down();
}
