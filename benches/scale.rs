//! Scale benchmark: `cargo bench --bench scale`.
//!
//! Writes synthetic workspaces (`infragen::synth`) of 100, 1,000, 10,000 and 50,000 resources
//! and runs the release binary on each, as a user would (a cold process per run): `check`,
//! `plan`, `build` per language into an empty directory, the same build again with nothing to
//! change (up-to-date), and `cp -r` of the generated tree as the floor a build cannot beat.
//! Prints a Markdown table of median wall time and peak memory (max RSS) per command.
//!
//! `INFRAGEN_BENCH_SIZES=100,1000` picks sizes, `INFRAGEN_BENCH_RUNS=5` the runs per cell;
//! `INFRAGEN_BENCH_WRITE=DIR` only writes the workspaces to `DIR/<size>/` (to profile one).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use infragen::ir::Language;

const BIN: &str = env!("CARGO_BIN_EXE_infragen");

fn main() {
    let sizes = env_list("INFRAGEN_BENCH_SIZES", &[100, 1_000, 10_000, 50_000]);
    let runs = env_list("INFRAGEN_BENCH_RUNS", &[5])[0].max(1);
    println!("| resources | command | median | peak memory | vs `cp -r` |");
    println!("| --- | --- | --- | --- | --- |");
    if let Some(dir) = std::env::var_os("INFRAGEN_BENCH_WRITE") {
        for size in sizes {
            write_workspace(&Path::new(&dir).join(size.to_string()), size);
        }
        return;
    }
    for size in sizes {
        let dir = tempfile::tempdir().expect("temporary directory");
        let ws = dir.path().join("ws");
        write_workspace(&ws, size);
        let ws = ws.to_str().unwrap().to_string();
        let row = |command: &str, m: Measure, floor: Option<Duration>| {
            let ratio = floor
                .map(|f| format!("{:.1}x", m.median.as_secs_f64() / f.as_secs_f64()))
                .unwrap_or_default();
            println!(
                "| {size} | {command} | {} | {} MB | {ratio} |",
                millis(m.median),
                m.peak_kb / 1024
            );
        };
        row("check", measure(runs, || cmd(&["check", &ws])), None);
        row(
            "plan",
            measure(runs, || {
                cmd(&["plan", "--env", "dev", "--project", "app", &ws])
            }),
            None,
        );
        for lang in Language::ALL {
            let out = dir.path().join(format!("out-{}", lang.name()));
            let out_s = out.to_str().unwrap().to_string();
            let build = || cmd(&["build", "--lang", lang.name(), "--out", &out_s, &ws]);
            let fresh = measure(runs, || {
                let _ = std::fs::remove_dir_all(&out);
                build()
            });
            let copy = dir.path().join("copy");
            let floor = measure(runs, || {
                let _ = std::fs::remove_dir_all(&copy);
                let mut cp = Command::new("cp");
                cp.arg("-r").arg(&out).arg(&copy);
                cp
            });
            row(&format!("build {}", lang.name()), fresh, Some(floor.median));
            row(
                &format!("rebuild {} (up to date)", lang.name()),
                measure(runs, build),
                Some(floor.median),
            );
            row(&format!("cp -r ({})", lang.name()), floor, None);
        }
    }
}

fn write_workspace(dir: &Path, size: usize) {
    for file in infragen::synth::workspace(size) {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.text).unwrap();
    }
}

struct Measure {
    median: Duration,
    peak_kb: i64,
}

/// Runs the command `runs` times (after one warm-up run that fills the page cache) and keeps
/// the median wall time and the largest peak memory.
fn measure(runs: usize, mut make: impl FnMut() -> Command) -> Measure {
    let mut times = Vec::new();
    let mut peak_kb = 0;
    for i in 0..=runs {
        let mut command = make();
        let (time, kb) = run(&mut command);
        if i > 0 {
            times.push(time);
            peak_kb = peak_kb.max(kb);
        }
    }
    times.sort();
    Measure {
        median: times[times.len() / 2],
        peak_kb,
    }
}

/// Wall time and peak memory (KiB) of one process, read from `wait4`'s resource usage.
// The child is reaped by `wait4`, which `Child::wait` cannot replace: it gives no rusage.
#[allow(clippy::zombie_processes)]
fn run(command: &mut Command) -> (Duration, i64) {
    let start = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: pid is a child of this process that nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed with status {status}"
    );
    (elapsed, usage.ru_maxrss)
}

fn cmd(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).env("NO_COLOR", "1");
    command
}

fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    match std::env::var(name) {
        Ok(v) => v
            .split(',')
            .map(|s| s.trim().parse().expect("a number"))
            .collect(),
        Err(_) => default.to_vec(),
    }
}
