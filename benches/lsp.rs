//! Language-server latency benchmark: `cargo bench --bench lsp`.
//!
//! Starts `infragen lsp` as an editor would and measures, per scenario, the time to the first
//! diagnostics after opening a document, then the time from each one-character edit to the
//! diagnostics of that document version (edits sent one at a time, as typing does), then the
//! time to answer a hover on a resource kind and a completion of property names, as many times.
//! Prints a Markdown table of first-diagnostics time and the median and p95 of each latency.
//!
//! Scenarios: the largest shipped example's largest module, a module of the synthetic
//! 10,000-resource workspace (`infragen::synth`), and a project with one 5,000-line module.
//! `INFRAGEN_BENCH_EDITS=50` sets the edits (and the hover and completion requests) per
//! scenario.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_infragen");

struct Server {
    child: Child,
    stdin: ChildStdin,
    reader: BufReader<ChildStdout>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(BIN)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("infragen lsp starts");
        let stdin = child.stdin.take().unwrap();
        let reader = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server {
            child,
            stdin,
            reader,
        };
        server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}}));
        while server.receive()["id"] != 1 {}
        server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
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

    /// Waits for the diagnostics of `uri` at `version`; panics if they report an error.
    fn wait_for(&mut self, uri: &str, version: i64) {
        loop {
            let msg = self.receive();
            let params = &msg["params"];
            if msg["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"] == version
            {
                let errors = params["diagnostics"]
                    .as_array()
                    .map(|d| d.iter().filter(|d| d["severity"] == 1).count())
                    .unwrap_or(0);
                assert_eq!(
                    errors, 0,
                    "the benchmark's edits keep the document clean: {msg}"
                );
                return;
            }
        }
    }

    /// Sends a request and waits for its answer; returns how long that took.
    fn time_request(&mut self, id: i64, method: &str, params: Value) -> Duration {
        let start = Instant::now();
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.receive();
            if msg["id"] == id {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return start.elapsed();
            }
        }
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
        while self.receive()["id"] != 2 {}
        self.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
        let _ = self.child.wait();
    }
}

struct Latencies {
    first: Duration,
    edit: Spread,
    hover: Spread,
    completion: Spread,
}

/// The median and p95 of some timings.
struct Spread {
    median: Duration,
    p95: Duration,
}

impl Spread {
    fn of(mut times: Vec<Duration>) -> Spread {
        times.sort();
        Spread {
            median: times[times.len() / 2],
            p95: times[(times.len() * 95).div_ceil(100).saturating_sub(1)],
        }
    }
}

/// Where the benchmark asks: `kind` is a resource kind to hover, `property` the start of a
/// property name inside a resource body, where completion offers the kind's properties.
struct Probe<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'a str,
    property: &'a str,
}

/// The LSP position (line, UTF-16 column) of the first `needle` in `text`, `offset` bytes in.
fn position(text: &str, needle: &str, offset: usize) -> Value {
    let at = text.find(needle).expect("the probe is in the file") + offset;
    let line = text[..at].matches('\n').count();
    let column = text[..at]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .encode_utf16()
        .count();
    json!({"line": line, "character": column})
}

/// Opens `file`, then edits one character `edits` times (`from` and `to` alternate), then
/// asks for a hover and a completion `edits` times each.
fn measure(root: &Path, file: &Path, probe: &Probe, edits: usize) -> Latencies {
    let (from, to) = (probe.from, probe.to);
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", file.display());
    let edited = text.replacen(from, to, 1);
    let uri = format!("file://{}", file.display());
    let mut server = Server::start(root);
    let start = Instant::now();
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": text}}}),
    );
    server.wait_for(&uri, 1);
    let first = start.elapsed();
    let mut times = Vec::new();
    for i in 0..edits {
        let version = i as i64 + 2;
        let body = if i % 2 == 0 { &edited } else { &text };
        let start = Instant::now();
        server.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": body}]}}),
        );
        server.wait_for(&uri, version);
        times.push(start.elapsed());
    }
    let current = if edits % 2 == 1 { &edited } else { &text };
    let document = json!({"uri": uri});
    let hover_at = position(current, probe.kind, 1);
    let complete_at = position(current, probe.property, 0);
    let mut hovers = Vec::new();
    let mut completions = Vec::new();
    for i in 0..edits {
        let id = 100 + 2 * i as i64;
        hovers.push(server.time_request(
            id,
            "textDocument/hover",
            json!({"textDocument": document, "position": hover_at}),
        ));
        completions.push(server.time_request(
            id + 1,
            "textDocument/completion",
            json!({"textDocument": document, "position": complete_at}),
        ));
    }
    server.stop();
    Latencies {
        first,
        edit: Spread::of(times),
        hover: Spread::of(hovers),
        completion: Spread::of(completions),
    }
}

fn write(dir: &Path, files: impl IntoIterator<Item = (PathBuf, String)>) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// A project with one module of `lines` lines: buckets that each read the one before.
fn long_module(dir: &Path, lines: usize) -> PathBuf {
    let mut module = String::from("/// One long module.\nmodule storage\n");
    let mut i = 0;
    while module.lines().count() < lines {
        let labels = if i == 0 {
            "{ team = \"data\" }".to_string()
        } else {
            format!("{{ team = \"data\", after = b{}.name }}", i - 1)
        };
        module.push_str(&format!(
            "\n/// Bucket {i}.\nresource gcp.storage.Bucket b{i} {{\n  name     = name(\"b{i}\")\n  location = config.region\n  labels   = {labels}\n}}\n"
        ));
        i += 1;
    }
    let project = "project long {\n  language = go\n  providers { gcp = \"9.37.0\" }\n  naming = \"{name}-{env}\"\n}\n\nconfig {\n  region: string = \"us-central1\"\n}\n\nenv dev {}\n";
    write(
        dir,
        [
            (PathBuf::from("project.infra"), project.to_string()),
            (PathBuf::from("storage.infra"), module),
        ],
    );
    dir.join("storage.infra")
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let edits: usize = std::env::var("INFRAGEN_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    println!(
        "| scenario | first diagnostics | edit median / p95 | hover median / p95 | completion median / p95 |"
    );
    println!("| --- | --- | --- | --- | --- |");
    let row = |name: &str, l: Latencies| {
        let spread = |s: &Spread| format!("{} / {}", millis(s.median), millis(s.p95));
        println!(
            "| {name} | {} | {} | {} | {} |",
            millis(l.first),
            spread(&l.edit),
            spread(&l.hover),
            spread(&l.completion)
        );
    };

    let apex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/apex");
    row(
        "examples/apex, monitoring.infra",
        measure(
            &apex,
            &apex.join("monitoring.infra"),
            &Probe {
                from: "Apex alerts",
                to: "Apex alertz",
                kind: "gcp.monitoring.NotificationChannel",
                property: "display_name",
            },
            edits,
        ),
    );

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let files = infragen::synth::workspace(10_000);
    let module = files
        .iter()
        .find(|f| f.text.contains("name(\""))
        .expect("a module with resources")
        .path
        .clone();
    write(&root, files.into_iter().map(|f| (f.path.into(), f.text)));
    row(
        "one module of 10,000 resources",
        measure(
            &root,
            &root.join(module),
            &Probe {
                from: "name(\"",
                to: "name( \"",
                kind: "gcp.storage.Bucket",
                property: "location",
            },
            edits,
        ),
    );

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = long_module(&root, 5_000);
    row(
        "one 5,000-line module",
        measure(
            &root,
            &file,
            &Probe {
                from: "team = \"data\"",
                to: "team = \"datb\"",
                kind: "gcp.storage.Bucket",
                property: "location",
            },
            edits,
        ),
    );
}
