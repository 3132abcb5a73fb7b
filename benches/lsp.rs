//! Language-server latency benchmark: `cargo bench --bench lsp`.
//!
//! Starts `infragen lsp` as an editor would and measures, per scenario, the time to the first
//! diagnostics after opening a document, then the time from each one-character edit to the
//! diagnostics of that document version (edits sent one at a time, as typing does). Prints a
//! Markdown table of first-diagnostics time and the median and p95 edit latency.
//!
//! Scenarios: a module of the synthetic 10,000-resource workspace (`infragen::synth`), and a
//! project with one 5,000-line module. `INFRAGEN_BENCH_EDITS=50` sets the edits per scenario.

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

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
        while self.receive()["id"] != 2 {}
        self.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
        let _ = self.child.wait();
    }
}

struct Latencies {
    first: Duration,
    median: Duration,
    p95: Duration,
}

/// Opens `file`, then edits one character `edits` times: `from` and `to` alternate.
fn measure(root: &Path, file: &Path, from: &str, to: &str, edits: usize) -> Latencies {
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
    server.stop();
    times.sort();
    Latencies {
        first,
        median: times[times.len() / 2],
        p95: times[(times.len() * 95).div_ceil(100).saturating_sub(1)],
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
    println!("| scenario | first diagnostics | edit median | edit p95 |");
    println!("| --- | --- | --- | --- |");
    let row = |name: &str, l: Latencies| {
        println!(
            "| {name} | {} | {} | {} |",
            millis(l.first),
            millis(l.median),
            millis(l.p95)
        );
    };

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
        measure(&root, &root.join(module), "name(\"", "name( \"", edits),
    );

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = long_module(&root, 5_000);
    row(
        "one 5,000-line module",
        measure(&root, &file, "team = \"data\"", "team = \"datb\"", edits),
    );
}
