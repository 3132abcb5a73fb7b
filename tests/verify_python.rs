//! Verifies the Python backend against the real SDKs: every example, every fixture workspace
//! (`tests/fixtures/*`) and every starter (`new --template`) is built in Python, and
//! each generated project, in a virtualenv with its requirements-dev.txt installed, must pass
//! `ruff format --check`, `ruff check`, `mypy` (strict) and `pytest` (unit tests under the mock
//! runtime for every environment, and the policy tests). The graph the mock runtime observed
//! in each environment must equal that environment's plan.
//!
//! Virtualenvs and mypy's cache live under `common::cache_dir()/python`, keyed by a hash of
//! the requirements, so only the first run on a machine downloads anything. `INFRAGEN_PYTHON`
//! names the interpreter that creates them (default `python3`, 3.11 or newer).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use infragen::backend::generate_workspace;
use infragen::ir::Project;
use infragen::ir::plan::Evaluator;
use infragen::output::write_tree;

/// Progress on stderr, bypassing the test harness's output capture.
macro_rules! progress {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// FNV-1a: a stable hash for cache keys.
fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{what}: cannot run: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{what} failed ({}):\n{text}", out.status))
    }
}

/// The virtualenv for a project's requirements, created and filled on first use.
fn venv(project_dir: &Path) -> Result<PathBuf, String> {
    let read = |f: &str| std::fs::read_to_string(project_dir.join(f)).unwrap_or_default();
    let python = std::env::var("INFRAGEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let version = run(Command::new(&python).arg("--version"), "python --version")?;
    let key = fnv(&format!(
        "{version}{}{}",
        read("requirements.txt"),
        read("requirements-dev.txt")
    ));
    let dir = common::cache_dir()
        .join("python")
        .join(format!("venv-{key}"));
    let done = dir.join(".infragen-complete");
    if done.exists() {
        return Ok(dir);
    }
    progress!("    creating virtualenv {} (first run only)", dir.display());
    let _ = std::fs::remove_dir_all(&dir);
    run(
        Command::new(&python).args(["-m", "venv"]).arg(&dir),
        "python -m venv",
    )?;
    run(
        Command::new(dir.join("bin/pip"))
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                "requirements-dev.txt",
            ])
            .current_dir(project_dir),
        "pip install -r requirements-dev.txt",
    )?;
    std::fs::write(&done, "").map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Runs every check of one generated project; returns the problems found.
fn verify_project(project: &Project, dir: &Path, observed: &Path) -> Result<(), String> {
    let venv = venv(dir)?;
    let bin = venv.join("bin");
    let mypy_cache = venv.with_file_name(format!(
        "mypy-{}",
        venv.file_name().unwrap_or_default().to_string_lossy()
    ));
    let step = |name: &str, cmd: &mut Command| -> Result<(), String> {
        let start = Instant::now();
        let result = run(cmd.current_dir(dir), name).map(|_| ());
        progress!(
            "    {name}: {} ({:.1}s)",
            if result.is_ok() { "ok" } else { "FAILED" },
            start.elapsed().as_secs_f64()
        );
        result
    };
    let mut problems = Vec::new();
    let checks: Vec<(&str, Command)> = vec![
        ("ruff format --check", {
            let mut c = Command::new(bin.join("ruff"));
            c.args(["format", "--check", "--no-cache", "."]);
            c
        }),
        ("ruff check", {
            let mut c = Command::new(bin.join("ruff"));
            c.args(["check", "--no-cache", "."]);
            c
        }),
        ("mypy", {
            let mut c = Command::new(bin.join("mypy"));
            c.env("MYPY_CACHE_DIR", &mypy_cache);
            c
        }),
        ("pytest", {
            let mut c = Command::new(bin.join("python"));
            c.args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
                .env("INFRAGEN_OBSERVED_DIR", observed);
            c
        }),
    ];
    for (name, mut cmd) in checks {
        if let Err(e) = step(name, &mut cmd) {
            problems.push(e);
        }
    }
    for env in &project.envs {
        let expected = Evaluator::new(project, &env.name)
            .expect("env exists")
            .plan();
        let path = observed.join(format!("{}.json", env.name));
        let observed: serde_json::Value = match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
            }
            Err(e) => {
                problems.push(format!(
                    "no observed graph for `{}` ({}): {e}",
                    env.name,
                    path.display()
                ));
                continue;
            }
        };
        let diff = common::graph_diff(&expected, &observed);
        if !diff.is_empty() {
            problems.push(format!(
                "observed graph of `{}` differs from the plan:\n{diff}",
                env.name
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Every shipped example, every fixture workspace under `tests/fixtures/` and every starter
/// (created in `starters`), by name.
fn workspaces(starters: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = common::EXAMPLES
        .iter()
        .map(|e| (e.to_string(), common::root().join("examples").join(e)))
        .collect();
    out.extend(
        common::fixtures()
            .into_iter()
            .map(|(name, dir)| (format!("fixture-{name}"), dir)),
    );
    out.extend(common::starters(starters, "python"));
    out.retain(|(name, _)| common::verify_selected(name));
    out
}

#[test]
fn python_projects_pass_their_checks_and_reproduce_the_plan() {
    let out = tempfile::Builder::new()
        .prefix("infragen-python-")
        .tempdir()
        .unwrap();
    let mut failures = String::new();
    let total = Instant::now();
    for (name, dir) in workspaces(&out.path().join("starter-sources")) {
        let checked = common::check_workspace(&dir);
        let files = generate_workspace(&checked.workspace, Some(common::language("python")))
            .unwrap_or_else(|e| panic!("python backend on `{name}`: {e}"));
        let again =
            generate_workspace(&checked.workspace, Some(common::language("python"))).unwrap();
        if files != again {
            failures.push_str(&format!("`{name}`: the output differs between two runs\n"));
        }
        let out_dir = out.path().join(&name);
        write_tree(&out_dir, &files).unwrap();
        for project in &checked.workspace.projects {
            progress!("python: {name}/{}", project.pulumi_name);
            let project_dir = out_dir.join(infragen::backend::project_folder(project));
            let observed = out
                .path()
                .join("observed")
                .join(&name)
                .join(&project.pulumi_name);
            if let Err(e) = verify_project(project, &project_dir, &observed) {
                failures.push_str(&format!("== {name}/{}\n{e}\n", project.pulumi_name));
            }
        }
    }
    progress!(
        "python: all examples verified in {:.0}s",
        total.elapsed().as_secs_f64()
    );
    if !failures.is_empty() {
        let kept = out.keep();
        panic!(
            "{failures}\n(generated projects kept in {})",
            kept.display()
        );
    }
}
