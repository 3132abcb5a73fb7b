//! `infragen lsp` end to end: a client opens a document, gets the checker's diagnostics, fixes
//! the document and sees them cleared, then shuts the server down.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

fn send(stdin: &mut ChildStdin, msg: Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn receive(reader: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The next diagnostics published for `uri`.
fn diagnostics_for(reader: &mut BufReader<ChildStdout>, uri: &str) -> Vec<Value> {
    publish_for(reader, uri)["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// The parameters of the next publishDiagnostics for `uri` (diagnostics and version).
fn publish_for(reader: &mut BufReader<ChildStdout>, uri: &str) -> Value {
    loop {
        let msg = receive(reader);
        if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
            return msg["params"].clone();
        }
    }
}

fn start(root: &std::path::Path) -> (std::process::Child, ChildStdin, BufReader<ChildStdout>) {
    // `--stdio`, as VS Code's client library passes it.
    let mut child = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}}),
    );
    assert_eq!(receive(&mut reader)["id"], 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    (child, stdin, reader)
}

/// 50 edits sent at once: the server may coalesce them, but what it publishes is never older
/// than what it published before, carries the document version, and ends with the newest text.
#[test]
fn a_burst_of_edits_ends_with_the_newest_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("project.infra");
    let good = "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\nresource gcp.storage.Bucket raw {\n  location = \"US\"\n}\n";
    std::fs::write(&file, good).unwrap();
    let bad = good.replace("gcp.storage.Bucket", "gcp.storage.Buckt");
    let uri = format!("file://{}", file.display());
    let (mut child, mut stdin, mut reader) = start(&root);

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": good}}}),
    );
    let first = publish_for(&mut reader, &uri);
    assert_eq!(first["version"], 1, "{first}");

    let mut burst = String::new();
    for version in 2..=51 {
        let text = if version % 2 == 0 { &bad } else { good };
        let body = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]}})
        .to_string();
        burst.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    }
    // The last edit (version 51) is the good text again, so make the newest one bad.
    let body = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 52},
        "contentChanges": [{"text": bad}]}})
    .to_string();
    burst.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stdin.write_all(burst.as_bytes()).unwrap();
    stdin.flush().unwrap();

    let mut last = 1;
    loop {
        let params = publish_for(&mut reader, &uri);
        let version = params["version"].as_i64().expect("a version");
        assert!(version >= last, "version {version} published after {last}");
        last = version;
        if version == 52 {
            let diags = params["diagnostics"].as_array().unwrap();
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(diags[0]["code"], "E0200");
            break;
        }
    }

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
    );
    assert_eq!(receive(&mut reader)["id"], 2);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    assert!(child.wait().unwrap().success());
}

#[test]
fn publishes_and_clears_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("project.infra");
    let good = "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\nresource gcp.storage.Bucket raw {\n  location = \"US\"\n}\n";
    std::fs::write(&file, good).unwrap();
    let bad = good.replace("gcp.storage.Bucket", "gcp.storage.Buckt");
    let uri = format!("file://{}", file.display());

    let mut child = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}}),
    );
    let init = receive(&mut reader);
    assert_eq!(init["id"], 1);
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 1);
    assert_eq!(
        init["result"]["capabilities"]["documentFormattingProvider"],
        true
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": bad}}}),
    );
    let diags = diagnostics_for(&mut reader, &uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "E0200");
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 6, "character": 9})
    );
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `gcp.storage.Bucket`?")
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": good}]}}),
    );
    assert!(
        diagnostics_for(&mut reader, &uri).is_empty(),
        "fixed document has no diagnostics"
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
    );
    assert_eq!(receive(&mut reader)["id"], 2);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    assert!(child.wait().unwrap().success());
}

/// The next response to request `id` (notifications in between are skipped).
fn response_to(reader: &mut BufReader<ChildStdout>, id: i64) -> Value {
    loop {
        let msg = receive(reader);
        if msg["id"] == id && msg.get("method").is_none() {
            return msg;
        }
    }
}

/// Document formatting answers `infragen fmt`'s layout as one whole-document edit, over the
/// editor's unsaved text; a formatted document gets no edit.
#[test]
fn formats_the_open_document_as_fmt_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("project.infra");
    let formatted = "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\n// Raw uploads.\nresource gcp.storage.Bucket raw {\n  location      = \"US\"\n  storage_class = \"NEARLINE\"\n}\n";
    std::fs::write(&file, formatted).unwrap();
    let messy = "project demo {\nproviders {gcp=\"9.37.0\"}\n}\n\n\n\nenv dev {}\n\n// Raw uploads.\nresource gcp.storage.Bucket raw{\n\tlocation=\"US\"\n   storage_class   =  \"NEARLINE\"   \n}";
    let uri = format!("file://{}", file.display());
    let (mut child, mut stdin, mut reader) = start(&root);
    let answer = {
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": messy}}}),
        );
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/formatting",
            "params": {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}}),
        );
        response_to(&mut reader, 7)
    };
    let edits = answer["result"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{answer}");
    assert_eq!(edits[0]["newText"], formatted);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(
        edits[0]["range"]["end"],
        json!({"line": 12, "character": 1})
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": formatted}]}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 8, "method": "textDocument/formatting",
        "params": {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}}),
    );
    assert_eq!(response_to(&mut reader, 8)["result"], json!([]));

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}),
    );
    response_to(&mut reader, 9);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(child.wait().unwrap().success());
}
