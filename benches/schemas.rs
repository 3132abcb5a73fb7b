//! Provider schemas benchmark: `cargo bench --bench schemas`.
//!
//! With every full schema shipped (aws, cloudflare, gcp, random), times `infragen check` of
//! each example as a user runs it: a fresh process per run, median wall time and peak memory
//! (from `wait4`), once with an empty schema-index cache (the first run on a machine indexes
//! the schemas the example uses) and then warm; and the language server's first diagnostics
//! after opening the example's project file, with its peak memory. Prints a Markdown table.
//! `INFRAGEN_BENCH_RUNS=11` sets the warm runs per example.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_infragen");
const EXAMPLES: [&str; 6] = [
    "apex",
    "dome",
    "httpapi",
    "interviewai",
    "network",
    "sophia",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Waits for `child` with `wait4`: its exit status and peak memory (KiB).
fn reap(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is a child of this process that nothing else waits for.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid as libc::pid_t, "wait4 failed");
    (status, usage.ru_maxrss)
}

/// One `infragen check` process: wall time and peak memory (KiB).
#[allow(clippy::zombie_processes)] // reaped by `reap`, which also reads its rusage
fn check(example: &str, cache: &Path) -> (Duration, i64) {
    let start = Instant::now();
    let child = Command::new(BIN)
        .args([
            "check",
            root().join("examples").join(example).to_str().unwrap(),
        ])
        .env("INFRAGEN_CACHE", cache)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("infragen starts");
    let (status, kb) = reap(child.id());
    let elapsed = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "check {example} failed"
    );
    (elapsed, kb)
}

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

/// The language server's first diagnostics after opening the example's (first) project file,
/// counted from `didOpen`, and the server's peak memory.
#[allow(clippy::zombie_processes)] // reaped by `reap`
fn lsp_first(example: &str, cache: &Path) -> (Duration, i64) {
    let dir = root().join("examples").join(example);
    let file = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.file_name().is_some_and(|n| n == "project.infra"))
        .expect("a project file");
    let mut child = Command::new(BIN)
        .arg("lsp")
        .env("INFRAGEN_CACHE", cache)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("infragen lsp starts");
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": format!("file://{}", dir.display()), "capabilities": {}}}),
    );
    while receive(&mut reader)["id"] != 1 {}
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let uri = format!("file://{}", file.display());
    let text = std::fs::read_to_string(&file).unwrap();
    let start = Instant::now();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "infragen", "version": 1, "text": text}}}),
    );
    loop {
        let msg = receive(&mut reader);
        if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
            break;
        }
    }
    let first = start.elapsed();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
    );
    while receive(&mut reader)["id"] != 2 {}
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    drop(stdin);
    let (_, kb) = reap(child.id());
    (first, kb)
}

fn median(mut samples: Vec<(Duration, i64)>) -> (Duration, i64) {
    samples.sort();
    let peak = samples.iter().map(|s| s.1).max().unwrap_or(0);
    (samples[samples.len() / 2].0, peak)
}

fn cell((time, kb): (Duration, i64)) -> String {
    format!(
        "{:.0} ms, {:.0} MB",
        time.as_secs_f64() * 1000.0,
        kb as f64 / 1024.0
    )
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let runs: usize = std::env::var("INFRAGEN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(11);
    println!(
        "| example | check, empty index cache (first run) | check, median of {runs} | language server, first diagnostics |"
    );
    println!("| --- | --- | --- | --- |");
    for example in EXAMPLES {
        let cache = tempfile::tempdir().unwrap();
        let cold = check(example, cache.path());
        let warm = median((0..runs).map(|_| check(example, cache.path())).collect());
        let lsp = median(
            (0..runs.div_ceil(2))
                .map(|_| lsp_first(example, cache.path()))
                .collect(),
        );
        println!(
            "| {example} | {} | {} | {} |",
            cell(cold),
            cell(warm),
            cell(lsp)
        );
    }
}
