//! Verifies the Go backend against the real SDKs: every example, every fixture workspace
//! (`tests/fixtures/*`) and every starter (`new --template`) is generated with
//! `--lang go`, and each Pulumi project must download its modules, pass `gofmt -s -l`, `go vet`,
//! `go mod tidy -diff` (go.mod and go.sum exactly right) and `go test` (which compiles and links
//! the program with its tests), whose mock runs write the observed resource graph of every
//! environment; each graph must equal `infragen plan` for that environment.
//!
//! Module downloads, the build cache and the generated projects live in `common::cache_dir()`
//! (outside the repository), so a warm run rebuilds only what changed.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use infragen::backend::go::{expected_graph, list_placeholders};
use infragen::backend::{GeneratedFile, backend_for, generate_workspace, project_folder};
use infragen::ir::plan::Evaluator;
use serde_json::Value as Json;

/// The Go toolchain: `go` on PATH, or the usual install location.
fn go_bin() -> PathBuf {
    let on_path = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        return PathBuf::from("go");
    }
    let usual = PathBuf::from("/usr/local/go/bin/go");
    assert!(
        usual.exists(),
        "the Go toolchain is needed to verify the Go backend: install Go 1.26.6 or later"
    );
    usual
}

fn gofmt_bin(go: &Path) -> PathBuf {
    match go.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("gofmt"),
        _ => PathBuf::from("gofmt"),
    }
}

struct Toolchain {
    go: PathBuf,
    gofmt: PathBuf,
    cache: PathBuf,
    goflags: String,
}

impl Toolchain {
    fn command(&self, program: &Path, dir: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(dir)
            .env("GOMODCACHE", self.cache.join("go-mod"))
            .env("GOCACHE", self.cache.join("go-build"))
            // The module cache is read-only by default, which keeps it from being cleaned.
            .env("GOFLAGS", self.goflags.as_str())
            .env_remove("INFRAGEN_OBSERVED_DIR");
        cmd
    }

    /// Runs one step, printing its duration; returns its stdout or a failure report.
    fn step(&self, label: &str, mut cmd: Command) -> Result<String, String> {
        let start = Instant::now();
        let out = cmd
            .output()
            .map_err(|e| format!("{label}: cannot run: {e}"))?;
        progress(&format!("{label} ({:.1}s)", start.elapsed().as_secs_f64()));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            return Err(format!(
                "{label} failed:\n{stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(stdout)
    }
}

/// Progress on stderr, past the test harness's output capture, so a long run is not silent.
fn progress(message: &str) {
    let _ = writeln!(std::io::stderr(), "[verify_go] {message}");
}

fn write(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.contents).unwrap();
    }
}

/// Generates one workspace (`example` names it in reports and in the output folder), builds,
/// type-checks and tests every project in it.
fn verify_example(tc: &Toolchain, example: &str, source: &Path, root: &Path) -> Result<(), String> {
    let checked = common::check_workspace(source);
    let files = generate_workspace(&checked.workspace, Some(common::language("go")))
        .map_err(|e| format!("{example}: the Go backend fails: {e}"))?;
    let out = root.join(example);
    write(&out, &files);
    let mut failures = String::new();
    for project in &checked.workspace.projects {
        let name = &project.pulumi_name;
        let dir = out.join(project_folder(project));
        let label = |step: &str| format!("{example}/{name}: {step}");
        let observed = root.join("observed").join(example).join(name);
        std::fs::create_dir_all(&observed).unwrap();

        // A provider version without shipped go.sum data: the build says to tidy first.
        if !backend_for(common::language("go"))
            .notes(&checked.workspace, project)
            .is_empty()
        {
            let mut tidy = tc.command(&tc.go, &dir);
            tidy.args(["mod", "tidy"]);
            tc.step(&label("go mod tidy (go.sum data not shipped)"), tidy)?;
        }

        let mut download = tc.command(&tc.go, &dir);
        download.args(["mod", "download"]);
        tc.step(&label("go mod download"), download)?;

        let mut gofmt = tc.command(&tc.gofmt, &dir);
        gofmt.args(["-s", "-l", "."]);
        let unformatted = tc.step(&label("gofmt -s -l"), gofmt)?;
        if !unformatted.trim().is_empty() {
            failures.push_str(&format!(
                "{example}/{name}: gofmt would change:\n{unformatted}\n"
            ));
        }

        // No separate `go build`: `go vet` type-checks every package and `go test` compiles
        // and links the main package with its tests, so a build would only link it again.
        for args in [&["vet", "./..."][..], &["mod", "tidy", "-diff"][..]] {
            let mut cmd = tc.command(&tc.go, &dir);
            cmd.args(args);
            if let Err(e) = tc.step(&label(&format!("go {}", args.join(" "))), cmd) {
                failures.push_str(&format!("{e}\n"));
            }
        }

        let mut test = tc.command(&tc.go, &dir);
        test.args(["test", "-count=1", "./..."])
            .env("INFRAGEN_OBSERVED_DIR", &observed);
        if let Err(e) = tc.step(&label("go test"), test) {
            failures.push_str(&format!("{e}\n"));
            continue;
        }

        let lists = list_placeholders(project);
        for env in &project.envs {
            let expected = Evaluator::new(project, &env.name).unwrap().plan();
            let expected = expected_graph(&expected, &lists);
            let path = observed.join(format!("{}.json", env.name));
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    failures.push_str(&format!(
                        "{example}/{name}: no observed graph for {}: {e}\n",
                        env.name
                    ));
                    continue;
                }
            };
            let got: Json = serde_json::from_str(&text).expect("observed graph is JSON");
            let diff = common::graph_diff(&expected, &got);
            if !diff.is_empty() {
                failures.push_str(&format!(
                    "{example}/{name}: the observed graph of `{}` differs from the plan:\n{diff}\n",
                    env.name
                ));
            } else {
                progress(&format!("{example}/{name}: {} matches the plan", env.name));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

/// A short stable key of this checkout's path (FNV-1a: the same on every run and machine).
fn checkout_key() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in common::root().to_string_lossy().bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

#[test]
fn go_projects_build_and_reproduce_the_plan() {
    let go = go_bin();
    let tc = Toolchain {
        gofmt: gofmt_bin(&go),
        go,
        cache: common::cache_dir(),
        goflags: format!(
            "{} -modcacherw",
            std::env::var("GOFLAGS").unwrap_or_default()
        )
        .trim()
        .to_string(),
    };
    // A fixed folder outside the repository: Go's build cache keys local packages by their
    // path, so an unchanged project is not recompiled or relinked on the next run. One folder
    // per checkout, so two checkouts verifying at once do not remove each other's projects.
    let root = tc.cache.join(format!("verify-go-{}", checkout_key()));
    if root.exists() {
        std::fs::remove_dir_all(&root).unwrap();
    }
    std::fs::create_dir_all(&root).unwrap();
    let start = Instant::now();
    let mut failures = String::new();
    let mut workspaces: Vec<(String, PathBuf)> = common::EXAMPLES
        .iter()
        .map(|e| (e.to_string(), common::root().join("examples").join(e)))
        .collect();
    for dir in common::fixture_dirs_verified_in("go") {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        workspaces.push((format!("fixture-{name}"), dir));
    }
    // Every starter, created by `new --template` outside the repository.
    let starters = tempfile::tempdir().unwrap();
    workspaces.extend(common::starters(starters.path(), "go"));
    workspaces.retain(|(name, _)| common::verify_selected(name));
    for (example, source) in &workspaces {
        if !source.exists() {
            failures.push_str(&format!("workspace `{example}` is missing\n"));
            continue;
        }
        progress(&format!("{example}: generating and checking"));
        if let Err(e) = verify_example(&tc, example, source, &root) {
            failures.push_str(&e);
        }
    }
    progress(&format!(
        "all examples and fixtures done in {:.0}s",
        start.elapsed().as_secs_f64()
    ));
    assert!(failures.is_empty(), "{failures}");
}
