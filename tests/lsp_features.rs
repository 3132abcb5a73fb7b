//! `infragen lsp` requests beyond diagnostics, over stdio on the shipped examples: each answer
//! is compared with the positions, texts and edits it must hold.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    reader: BufReader<ChildStdout>,
    root: PathBuf,
    next_id: i64,
    capabilities: Value,
}

impl Client {
    /// A server for the workspace in `examples/<dir>`.
    fn start(dir: &str) -> Client {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(dir)
            .canonicalize()
            .unwrap();
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
            root,
            next_id: 1,
            capabilities: Value::Null,
        };
        let root_uri = client.uri("");
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri.trim_end_matches('/'), "capabilities": {}}),
        );
        client.capabilities = init["capabilities"].clone();
        client.notify("initialized", json!({}));
        client
    }

    fn uri(&self, file: &str) -> String {
        format!("file://{}/{file}", self.root.display())
    }

    fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.root.join(file)).unwrap()
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
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result (notifications in between are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.receive();
            if msg["id"] == id {
                assert!(msg["error"].is_null(), "{method}: {msg}");
                return msg["result"].clone();
            }
        }
    }

    fn open(&mut self, file: &str) {
        let (uri, text) = (self.uri(file), self.text(file));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": text}}),
        );
    }

    /// A request at the `nth` occurrence (from 0) of `needle` in `file`: where `|` marks in
    /// it, else one character in.
    fn at(&mut self, method: &str, file: &str, needle: &str, nth: usize, extra: Value) -> Value {
        let into = needle.find('|').unwrap_or(1);
        let position = position(&self.text(file), &needle.replace('|', ""), nth, into);
        let mut params = json!({"textDocument": {"uri": self.uri(file)}, "position": position});
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    /// `file:line:column` (1-based) of a location, relative to the root.
    fn place(&self, location: &Value) -> String {
        let uri = location["uri"].as_str().unwrap();
        let file = uri
            .strip_prefix(&format!("file://{}/", self.root.display()))
            .unwrap_or(uri);
        range_text(file, &location["range"])
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

/// The protocol position `into` characters into the `nth` occurrence of `needle`.
fn position(text: &str, needle: &str, nth: usize, into: usize) -> Value {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no occurrence {nth} of {needle:?}"));
    let at = at + into;
    let line = text[..at].matches('\n').count();
    let column = text[..at].rsplit('\n').next().unwrap().chars().count();
    json!({"line": line, "character": column})
}

fn range_text(file: &str, range: &Value) -> String {
    let n = |v: &Value| v.as_u64().unwrap() + 1;
    format!(
        "{file}:{}:{}-{}:{}",
        n(&range["start"]["line"]),
        n(&range["start"]["character"]),
        n(&range["end"]["line"]),
        n(&range["end"]["character"])
    )
}

fn places(client: &Client, locations: &Value) -> Vec<String> {
    let mut out: Vec<String> = locations
        .as_array()
        .unwrap_or_else(|| panic!("locations: {locations}"))
        .iter()
        .map(|l| client.place(l))
        .collect();
    out.sort();
    out
}

#[test]
fn the_server_advertises_what_it_answers() {
    let c = Client::start("network");
    for provider in [
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "hoverProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "documentFormattingProvider",
        "inlayHintProvider",
        "codeActionProvider",
    ] {
        assert_eq!(
            c.capabilities[provider], true,
            "{provider}: {}",
            c.capabilities
        );
    }
    assert_eq!(c.capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        c.capabilities["completionProvider"]["triggerCharacters"],
        json!(["."])
    );
}

fn hover_text(c: &mut Client, file: &str, needle: &str, nth: usize) -> String {
    let h = c.at("textDocument/hover", file, needle, nth, json!({}));
    assert_eq!(h["contents"]["kind"], "markdown", "{h}");
    h["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn hover_on_a_kind_a_property_and_an_attribute() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let kind = hover_text(&mut c, "vpc.infra", "gcp.compute.Network", 0);
    assert!(
        kind.starts_with(
            "**resource kind** `gcp.compute.Network`\n\n`gcp:compute/network:Network`\n\n"
        ),
        "{kind}"
    );
    assert!(kind.contains("VPC"), "{kind}");
    let prop = hover_text(&mut c, "vpc.infra", "routing_mode", 0);
    assert!(
        prop.starts_with("**optional input** `routingMode`: `string`\n\n"),
        "{prop}"
    );
    let prop = hover_text(&mut c, "vpc.infra", "network  ", 0);
    assert_eq!(
        prop,
        "**required input** `network`: `string`\n\nThe network this subnet belongs to."
    );
    let attr = hover_text(&mut c, "vpc.infra", "network.|self_link", 0);
    assert!(
        attr.starts_with("**output** `selfLink`: `string`"),
        "{attr}"
    );
}

#[test]
fn hover_on_names_shows_types_docs_and_values_per_environment() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let config = hover_text(&mut c, "vpc.infra", "config.|subnets", 0);
    assert_eq!(
        config,
        "**config key** `subnets`: `map<string>`\n\n\
         Subnet CIDR range by region; every region gets a router and a NAT gateway.\n\n\
         Value per environment:\n\
         - `dev`: `{\"us-central1\":\"10.10.0.0/20\"}`\n\
         - `staging`: `{\"europe-west1\":\"10.20.16.0/20\",\"us-central1\":\"10.20.0.0/20\"}`\n\
         - `prod`: `{\"europe-west1\":\"10.30.32.0/20\",\"us-central1\":\"10.30.0.0/20\",\"us-east1\":\"10.30.16.0/20\"}`"
    );
    let resource = hover_text(&mut c, "vpc.infra", "network.id", 0);
    assert!(
        resource.starts_with(
            "**resource** `network`: `gcp.compute.Network` (`gcp:compute/network:Network`) in module `vpc`\n\n\
             The VPC: subnets are created explicitly, one per configured region."
        ),
        "{resource}"
    );
    assert!(
        resource.ends_with(
            "Physical name per environment:\n\
             - `dev`: `network-dev-vpc`\n\
             - `staging`: `network-staging-vpc`\n\
             - `prod`: `network-prod-vpc`"
        ),
        "{resource}"
    );
    let looped = hover_text(&mut c, "vpc.infra", "subnet for", 0);
    assert!(
        looped.contains("- `staging`: `network-staging-subnet-europe-west1`, `network-staging-subnet-us-central1`"),
        "{looped}"
    );
    let stage = hover_text(&mut c, "vpc.infra", "stage)", 0);
    assert!(
        stage.starts_with("**let** `stage`: `string` in module `vpc`"),
        "{stage}"
    );
}

#[test]
fn hover_on_a_stack_output_names_its_producer() {
    let mut c = Client::start("interviewai");
    let file = "catalyst-backend/storage.infra";
    c.open(file);
    let out = hover_text(&mut c, file, "project_id", 0);
    assert!(
        out.starts_with("**stack output** `project_id`: `string`"),
        "{out}"
    );
    assert!(
        out.ends_with("Produced by export `{env}_project_id` of project `infrastructure`."),
        "{out}"
    );
}

#[test]
fn definition_of_a_resource_a_config_key_and_a_let() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let def = c.at(
        "textDocument/definition",
        "vpc.infra",
        "network.id",
        0,
        json!({}),
    );
    assert_eq!(c.place(&def), "vpc.infra:8:30-8:37");
    let def = c.at(
        "textDocument/definition",
        "vpc.infra",
        "config.|subnets",
        0,
        json!({}),
    );
    assert_eq!(c.place(&def), "project.infra:15:3-15:10");
    let def = c.at(
        "textDocument/definition",
        "vpc.infra",
        "stage)",
        0,
        json!({}),
    );
    assert_eq!(c.place(&def), "vpc.infra:5:5-5:10");
    // From another module, through the module's name.
    c.open("firewall.infra");
    let def = c.at(
        "textDocument/definition",
        "firewall.infra",
        "network.id",
        0,
        json!({}),
    );
    assert_eq!(c.place(&def), "vpc.infra:8:30-8:37");
    let def = c.at(
        "textDocument/definition",
        "firewall.infra",
        "vpc.network",
        0,
        json!({}),
    );
    assert_eq!(c.place(&def), "vpc.infra:2:8-2:11");
    // Nothing is defined at a property name or a keyword.
    let none = c.at(
        "textDocument/definition",
        "vpc.infra",
        "routing_mode",
        0,
        json!({}),
    );
    assert!(none.is_null(), "{none}");
}

#[test]
fn references_and_highlights_of_a_resource_and_a_config_key() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let with_decl = json!({"context": {"includeDeclaration": true}});
    let refs = c.at(
        "textDocument/references",
        "vpc.infra",
        "network {",
        0,
        with_decl.clone(),
    );
    assert_eq!(
        places(&c, &refs),
        [
            "firewall.infra:11:23-11:30",
            "firewall.infra:22:23-22:30",
            "vpc.infra:20:30-20:37",
            "vpc.infra:28:17-28:24",
            "vpc.infra:46:28-46:35",
            "vpc.infra:8:30-8:37",
        ]
    );
    let without = json!({"context": {"includeDeclaration": false}});
    let refs = c.at(
        "textDocument/references",
        "vpc.infra",
        "network {",
        0,
        without,
    );
    assert_eq!(places(&c, &refs).len(), 5);

    // A config key: its declaration, each environment's value and every use.
    let refs = c.at(
        "textDocument/references",
        "vpc.infra",
        "config.|subnets",
        0,
        with_decl,
    );
    let refs = places(&c, &refs);
    assert!(
        refs.contains(&"project.infra:15:3-15:10".to_string()),
        "{refs:?}"
    );
    assert!(
        refs.contains(&"project.infra:28:3-28:10".to_string()),
        "{refs:?}"
    );
    assert!(
        refs.contains(&"project.infra:34:3-34:10".to_string()),
        "{refs:?}"
    );
    assert_eq!(
        refs.iter().filter(|r| r.starts_with("vpc.infra")).count(),
        3,
        "{refs:?}"
    );

    let hl = c.at(
        "textDocument/documentHighlight",
        "vpc.infra",
        "network.id",
        1,
        json!({}),
    );
    let kinds: Vec<(String, u64)> = hl
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                range_text("vpc.infra", &h["range"]),
                h["kind"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("vpc.infra:8:30-8:37".to_string(), 3),
            ("vpc.infra:20:30-20:37".to_string(), 2),
            ("vpc.infra:28:17-28:24".to_string(), 2),
            ("vpc.infra:46:28-46:35".to_string(), 2),
        ]
    );
}

#[test]
fn stack_references_lead_into_the_producing_project() {
    let mut c = Client::start("interviewai");
    let file = "catalyst-backend/storage.infra";
    c.open(file);
    let def = c.at(
        "textDocument/definition",
        file,
        "infra.project_id",
        0,
        json!({}),
    );
    assert_eq!(
        c.place(&def),
        "infrastructure/project.infra:1:1-1:1".replace(":1:1-1:1", &{
            let text = c.text("infrastructure/project.infra");
            let p = position(&text, "project infrastructure", 0, 8);
            let line = p["line"].as_u64().unwrap() + 1;
            let col = p["character"].as_u64().unwrap() + 1;
            format!(
                ":{line}:{col}-{line}:{}",
                col + "infrastructure".len() as u64
            )
        })
    );
    let def = c.at("textDocument/definition", file, "project_id", 0, json!({}));
    let export = c.place(&def);
    assert!(
        export.starts_with("infrastructure/project.infra:42:"),
        "{export}"
    );
    // The export's references are the uses of the stack output that reads it.
    let refs = c.at(
        "textDocument/references",
        file,
        "project_id",
        0,
        json!({"context": {"includeDeclaration": false}}),
    );
    let refs = places(&c, &refs);
    assert!(
        refs.contains(&"catalyst-backend/storage.infra:7:39-7:49".to_string()),
        "{refs:?}"
    );
    assert!(
        refs.iter()
            .any(|r| r.starts_with("catalyst-backend/gateway.infra")),
        "{refs:?}"
    );
}

#[test]
fn definition_of_a_component_an_environment_and_a_parameter() {
    let mut c = Client::start("interviewai");
    let file = "catalyst-backend/functions/byok.infra";
    c.open(file);
    let def = c.at(
        "textDocument/definition",
        file,
        "CloudFunction",
        0,
        json!({}),
    );
    let place = c.place(&def);
    assert!(place.starts_with("catalyst-backend/"), "{place}");
    let component = c.text(place.split(':').next().unwrap());
    assert!(component.contains("component CloudFunction"), "{place}");

    let storage = "catalyst-backend/storage.infra";
    c.open(storage);
    let def = c.at(
        "textDocument/definition",
        storage,
        "dev: true",
        0,
        json!({}),
    );
    let place = c.place(&def);
    assert!(
        place.starts_with("catalyst-backend/project.infra:"),
        "{place}"
    );
    let project = c.text("catalyst-backend/project.infra");
    let p = position(&project, "env dev", 0, 4);
    assert_eq!(
        place,
        format!(
            "catalyst-backend/project.infra:{}:{}-{}:{}",
            p["line"].as_u64().unwrap() + 1,
            p["character"].as_u64().unwrap() + 1,
            p["line"].as_u64().unwrap() + 1,
            p["character"].as_u64().unwrap() + 4
        )
    );
}

#[test]
fn document_symbols_outline_a_file_and_workspace_symbols_search_every_project() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let outline = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": c.uri("vpc.infra")}}),
    );
    let names: Vec<(String, u64, String)> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["kind"].as_u64().unwrap(),
                range_text("vpc.infra", &s["location"]["range"]),
            )
        })
        .collect();
    let expected = [
        ("vpc", 2, "vpc.infra:2:8-2:11"),
        ("stage", 14, "vpc.infra:5:5-5:10"),
        ("network", 19, "vpc.infra:8:30-8:37"),
        ("subnet", 19, "vpc.infra:16:33-16:39"),
        ("router", 19, "vpc.infra:25:29-25:35"),
        ("nat", 19, "vpc.infra:33:32-33:35"),
        ("network_self_link", 24, "vpc.infra:46:8-46:25"),
        ("primary_subnet", 24, "vpc.infra:48:8-48:22"),
        ("primary_gateway", 24, "vpc.infra:50:8-50:23"),
    ];
    let expected: Vec<(String, u64, String)> = expected
        .iter()
        .map(|(n, k, r)| (n.to_string(), *k, r.to_string()))
        .collect();
    assert_eq!(names, expected);

    let mut c = Client::start("interviewai");
    c.open("catalyst-backend/project.infra");
    let found = c.request("workspace/symbol", json!({"query": "projid"}));
    let found: Vec<String> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["name"].as_str().unwrap(),
                c.place(&s["location"])
            )
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("project_id catalyst-backend/project.infra:")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("{env}_project_id infrastructure/project.infra:42:")),
        "{found:?}"
    );
}

/// The text of a file after a workspace edit's changes to it.
fn apply(text: &str, edits: &Value) -> String {
    let mut edits: Vec<&Value> = edits.as_array().unwrap().iter().collect();
    let offset = |p: &Value| {
        let (line, col) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        start + col as usize
    };
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let (a, b) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    out
}

fn error_of(c: &mut Client, method: &str, params: Value) -> String {
    let id = 900;
    c.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
    loop {
        let msg = c.receive();
        if msg["id"] == id {
            return msg["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_string();
        }
    }
}

#[test]
fn renaming_a_resource_edits_every_file_and_records_the_old_name() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let prepared = c.at(
        "textDocument/prepareRename",
        "vpc.infra",
        "network.id",
        0,
        json!({}),
    );
    assert_eq!(prepared["placeholder"], "network");
    assert_eq!(
        range_text("vpc.infra", &prepared["range"]),
        "vpc.infra:20:30-20:37"
    );
    let edit = c.at(
        "textDocument/rename",
        "vpc.infra",
        "network.id",
        0,
        json!({"newName": "shared_vpc"}),
    );
    let changes = edit["changes"].as_object().unwrap();
    let mut files: Vec<&String> = changes.keys().collect();
    files.sort();
    assert_eq!(files, [&c.uri("firewall.infra"), &c.uri("vpc.infra")]);
    let firewall = apply(
        &c.text("firewall.infra"),
        &changes[&c.uri("firewall.infra")],
    );
    assert_eq!(firewall.matches("vpc.shared_vpc.id").count(), 2);
    assert!(!firewall.contains("vpc.network.id"));
    let vpc = apply(&c.text("vpc.infra"), &changes[&c.uri("vpc.infra")]);
    assert!(vpc.contains("resource gcp.compute.Network shared_vpc {"));
    assert!(vpc.contains("network                  = shared_vpc.id"));
    assert!(vpc.contains("export network_self_link = shared_vpc.self_link"));
    assert!(vpc.ends_with(
        "\n\n/// Renamed from `network`: Pulumi keeps the live resource.\nmoved {\n  from = network\n  to   = shared_vpc\n}\n"
    ));

    // The renamed workspace checks clean and the alias keeps the live resource.
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "project.infra",
        "bastion.infra",
        "firewall.infra",
        "vpc.infra",
    ] {
        std::fs::copy(c.root.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("firewall.infra"), &firewall).unwrap();
    std::fs::write(dir.path().join("vpc.infra"), &vpc).unwrap();
    let plan = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(["plan", "--env", "dev", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let plan: Value = serde_json::from_slice(&plan.stdout).unwrap();
    let renamed = plan["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "shared-vpc")
        .expect("the renamed resource");
    assert_eq!(renamed["aliases"], json!([{"name": "network"}]));
}

#[test]
fn renaming_a_config_key_edits_environments_and_uses() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let edit = c.at(
        "textDocument/rename",
        "vpc.infra",
        "config.|subnets",
        0,
        json!({"newName": "regions"}),
    );
    let changes = edit["changes"].as_object().unwrap();
    let project = apply(&c.text("project.infra"), &changes[&c.uri("project.infra")]);
    assert!(project.contains("  regions: map<string> = {"));
    assert_eq!(project.matches("  regions     = {").count(), 2, "{project}");
    assert!(!project.contains("subnets "), "{project}");
    let vpc = apply(&c.text("vpc.infra"), &changes[&c.uri("vpc.infra")]);
    assert_eq!(vpc.matches("config.regions").count(), 3);
    assert!(!vpc.contains("moved"), "a config key has no live resource");
}

#[test]
fn rename_refuses_what_it_cannot_rename() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    c.open("project.infra");
    let uri = c.uri("vpc.infra");
    let text = c.text("vpc.infra");
    let at = |needle: &str, into| json!({"textDocument": {"uri": uri}, "position": position(&text, needle, 0, into)});
    let why = error_of(
        &mut c,
        "textDocument/prepareRename",
        at("gcp.compute.Network", 1),
    );
    assert_eq!(why, "a schema's kind or property cannot be renamed");
    let why = error_of(
        &mut c,
        "textDocument/prepareRename",
        at("network_self_link", 1),
    );
    assert!(why.starts_with("stack outputs are read by name"), "{why}");
    let mut params = at("network.id", 1);
    params["newName"] = json!("subnet");
    let why = error_of(&mut c, "textDocument/rename", params.clone());
    assert_eq!(
        why,
        "`subnet` is taken by the resource declared at vpc.infra:16:33"
    );
    params["newName"] = json!("env");
    assert_eq!(
        error_of(&mut c, "textDocument/rename", params.clone()),
        "`env` is a keyword"
    );
    params["newName"] = json!("9lives");
    assert!(error_of(&mut c, "textDocument/rename", params).contains("is not a name"));
    let project = c.text("project.infra");
    let env = json!({"textDocument": {"uri": c.uri("project.infra")}, "position": position(&project, "env dev", 0, 5)});
    let why = error_of(&mut c, "textDocument/prepareRename", env);
    assert!(why.starts_with("an environment is a stack's name"), "{why}");
}

/// Opens `file` with `edit` applied to its text (a `|` marks the cursor) and asks for
/// completion there; returns the items as `label detail` lines.
fn complete(c: &mut Client, file: &str, find: &str, replace: &str) -> (Vec<String>, Value) {
    let text = c.text(file).replacen(find, replace, 1);
    let cursor = text.find('|').unwrap();
    let text = text.replacen('|', "", 1);
    let (uri, version) = (c.uri(file), c.next_id + 100);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    let line = text[..cursor].matches('\n').count();
    let column = text[..cursor].rsplit('\n').next().unwrap().chars().count();
    let result = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}),
    );
    let items = result["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{result}"));
    let lines = items
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                i["label"].as_str().unwrap(),
                i["detail"].as_str().unwrap_or("")
            )
            .trim_end()
            .to_string()
        })
        .collect();
    (lines, result)
}

#[test]
fn completion_offers_kinds_fields_and_references() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    // Resource kinds, each a snippet with its required inputs.
    let (kinds, result) = complete(
        &mut c,
        "vpc.infra",
        "module vpc\n",
        "module vpc\nresource gcp.compute.Subnetw|\n",
    );
    assert_eq!(
        kinds[0], "gcp.compute.Subnetwork gcp:compute/subnetwork:Subnetwork",
        "{kinds:?}"
    );
    let snippet = result["items"][0]["insertText"].as_str().unwrap();
    assert_eq!(
        snippet,
        "gcp.compute.Subnetwork ${1:name} {\n  network = ${2}\n}$0"
    );

    // A resource body: the inputs not written yet, required first, with types.
    let (fields, _) = complete(
        &mut c,
        "vpc.infra",
        "  routing_mode            = \"GLOBAL\"\n",
        "  routing_mode            = \"GLOBAL\"\n  |\n",
    );
    assert!(
        !fields.iter().any(|f| f.starts_with("routing_mode ")),
        "{fields:?}"
    );
    assert!(fields.contains(&"mtu int".to_string()), "{fields:?}");
    let (fields, _) = complete(
        &mut c,
        "vpc.infra",
        "  network                  = network.id\n",
        "  |\n",
    );
    assert_eq!(fields[0], "network string (required)", "{fields:?}");
    assert_eq!(
        fields[1], "allow_subnet_cidr_routes_overlap bool",
        "{fields:?}"
    );

    // Inside an object value: its type's fields.
    let (fields, _) = complete(
        &mut c,
        "vpc.infra",
        "    filter = if config.nat_logging { \"ALL\" } else { \"ERRORS_ONLY\" }\n",
        "    |\n",
    );
    assert_eq!(fields, ["filter string (required)"]);

    // References: names in scope, then what follows a dot.
    let (names, _) = complete(
        &mut c,
        "vpc.infra",
        "network.id\n  private",
        "|network.id\n  private",
    );
    for name in [
        "network gcp.compute.Network",
        "router gcp.compute.Router",
        "stage string",
        "config",
        "env",
    ] {
        assert!(names.contains(&name.to_string()), "{name}: {names:?}");
    }
    let (keys, _) = complete(&mut c, "vpc.infra", "config.subnets {", "config.|subnets {");
    assert_eq!(
        keys,
        [
            "admin_ranges list<string>",
            "gcp_project string",
            "nat_logging bool",
            "subnets map<string>"
        ]
    );
    let (attrs, _) = complete(&mut c, "vpc.infra", "network.self_link", "network.self_|");
    assert!(attrs.contains(&"self_link string".to_string()), "{attrs:?}");
    assert!(attrs.contains(&"id string".to_string()), "{attrs:?}");
    c.open("firewall.infra");
    let (names, _) = complete(
        &mut c,
        "firewall.infra",
        "vpc.network.id",
        "vpc.|network.id",
    );
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names.contains(&"subnet gcp.compute.Subnetwork".to_string()),
        "{names:?}"
    );
}

/// The code actions for the range of `needle` in `file` after replacing `find` with `replace`:
/// each title with the text of the file after its edit.
fn actions(
    c: &mut Client,
    file: &str,
    find: &str,
    replace: &str,
    needle: &str,
) -> Vec<(String, String)> {
    let text = c.text(file).replacen(find, replace, 1);
    let (uri, version) = (c.uri(file), c.next_id + 100);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    let start = position(&text, needle, 0, 0);
    let end = position(&text, needle, 0, needle.len());
    let result = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": start, "end": end},
               "context": {"diagnostics": []}}),
    );
    result
        .as_array()
        .unwrap_or_else(|| panic!("{result}"))
        .iter()
        .map(|a| {
            assert_eq!(a["kind"], "quickfix");
            assert!(a["diagnostics"][0]["code"].is_string(), "{a}");
            let changes = a["edit"]["changes"].as_object().unwrap();
            assert_eq!(changes.len(), 1, "{a}");
            let (target, edits) = changes.iter().next().unwrap();
            let name = target.rsplit('/').next().unwrap();
            let base = if name == file {
                text.clone()
            } else {
                c.text(name)
            };
            (
                a["title"].as_str().unwrap().to_string(),
                apply(&base, edits),
            )
        })
        .collect()
}

#[test]
fn code_actions_fix_a_misspelling_add_required_properties_and_declare_a_config_key() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let fixes = actions(
        &mut c,
        "vpc.infra",
        "gcp.compute.Network network",
        "gcp.compute.Netwrk network",
        "Netwrk",
    );
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0].0, "Replace with `gcp.compute.Network`");
    assert_eq!(fixes[0].1, c.text("vpc.infra"));

    let fixes = actions(
        &mut c,
        "vpc.infra",
        "config.subnets {",
        "config.subnet {",
        "subnet {",
    );
    let titles: Vec<&str> = fixes.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        titles,
        ["Replace with `subnets`", "Declare config key `subnet`"]
    );
    assert_eq!(fixes[0].1, c.text("vpc.infra"));
    let project = &fixes[1].1;
    assert!(
        project.contains(
            "config {\n  subnet: string\n  /// The GCP project of the stack.\n  gcp_project: string"
        ),
        "{project}"
    );

    let fixes = actions(
        &mut c,
        "vpc.infra",
        "  network                  = network.id\n",
        "",
        "subnet for",
    );
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0].0, "Add the missing required properties");
    assert!(
        fixes[0].1.contains(
            "  private_ip_google_access = true\n  network = \"\" // fill in: string\n}\n"
        ),
        "{}",
        fixes[0].1
    );
}

#[test]
fn inlay_hints_show_physical_names_per_environment_and_let_types() {
    let mut c = Client::start("network");
    c.open("vpc.infra");
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": c.uri("vpc.infra")},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}}}),
    );
    let hints: Vec<String> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let p = &h["position"];
            format!(
                "{}:{} {}",
                p["line"].as_u64().unwrap() + 1,
                p["character"].as_u64().unwrap() + 1,
                h["label"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        hints,
        [
            "5:10 : string",
            "8:37 dev: network-dev-vpc · staging: network-staging-vpc · prod: network-prod-vpc",
            "16:39 dev: network-dev-subnet-us-central1 · staging: network-staging-subnet-europe-west1, network-staging-subnet-us-central1 · prod: network-prod-subnet-europe-west1, network-prod-subnet-us-central1, +1",
            "25:35 dev: network-dev-router-us-central1 · staging: network-staging-router-europe-west1, network-staging-router-us-central1 · prod: network-prod-router-europe-west1, network-prod-router-us-central1, +1",
        ]
    );
}

#[test]
fn hover_on_a_binding_says_what_it_lowers_to() {
    let mut c = Client::start("sophia");
    c.open("lambda_dynamic.infra");
    let bind = hover_text(&mut c, "lambda_dynamic.infra", "ASSETS_BUCKET", 0);
    assert_eq!(
        bind,
        "**binding** `ASSETS_BUCKET` (rule `aws.lambda.Function` -> `bucket name`)\n\n\
         Lowers to an entry named after the binding in the map `environment.variables` of this resource."
    );
    let mut c = Client::start("interviewai");
    let iam = "infrastructure/iam.infra";
    c.open(iam);
    let role = hover_text(&mut c, iam, "\"roles/logging", 0);
    assert!(
        role.ends_with("Lowers to a new `gcp.projects.IAMMember` resource (`gcp:projects/iAMMember:IAMMember`)."),
        "{role}"
    );
}
