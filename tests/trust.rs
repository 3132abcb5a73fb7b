//! Output you can trust: `build` never loses work, can gate CI with `--check`, survives being
//! killed, never writes outside its output directory, is deterministic, and never writes a
//! secret value.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use infragen::backend::generate_workspace;
use infragen::check::{check_files, collect_dir};
use infragen::ir::Language;
use infragen::output::{plan_sync, read_tree, recover, staging_dir};

fn infragen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .env_remove("INFRAGEN_FAILPOINT")
        .output()
        .expect("infragen runs")
}

fn build(src: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        src.to_str().unwrap(),
        "--lang",
        "go",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    infragen(&args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the Dome example that a test may change.
fn dome_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in collect_dir(&common::root().join("examples/dome")).unwrap() {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

/// The same workspace with one module removed and a default changed: writes and removals.
fn dome_changed() -> tempfile::TempDir {
    let dir = dome_copy();
    std::fs::remove_file(dir.path().join("queues.infra")).unwrap();
    let workers = std::fs::read_to_string(dir.path().join("workers.infra")).unwrap();
    let workers: String = workers
        .split("\n/// Constellation consumes new content.")
        .next()
        .unwrap()
        .replace(
            "  bind NEW_CONTENT_CONSTELLATION -> queues.new_content_constellation\n",
            "",
        )
        .replace(
            "  bind NEW_CONTENT_AI            -> queues.new_content_ai\n",
            "",
        );
    std::fs::write(dir.path().join("workers.infra"), workers).unwrap();
    let project = std::fs::read_to_string(dir.path().join("project.infra")).unwrap();
    std::fs::write(
        dir.path().join("project.infra"),
        project.replace("\"info\"", "\"warn\""),
    )
    .unwrap();
    dir
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push((
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            ));
        }
    }
    out
}

#[test]
fn rebuild_rewrites_nothing_and_keeps_modification_times() {
    let out = tempfile::tempdir().unwrap();
    let src = common::root().join("examples/dome");
    assert_eq!(build(&src, out.path(), &[]).status.code(), Some(0));
    let before = mtimes(out.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(&src, out.path(), &[]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stderr(&again).contains(" 0 written"), "{}", stderr(&again));
    assert_eq!(mtimes(out.path()), before);
}

#[test]
fn hand_written_files_survive_any_number_of_rebuilds() {
    let out = tempfile::tempdir().unwrap();
    let (v1, v2) = (dome_copy(), dome_changed());
    assert_eq!(build(v1.path(), out.path(), &[]).status.code(), Some(0));
    std::fs::write(out.path().join("NOTES.md"), "mine\n").unwrap();
    std::fs::write(out.path().join("dome/custom.go"), "package main\n").unwrap();
    for src in [&v2, &v1, &v2, &v1] {
        let o = build(src.path(), out.path(), &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(out.path().join("NOTES.md")).unwrap(),
            "mine\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("dome/custom.go")).unwrap(),
            "package main\n"
        );
    }
}

#[test]
fn stale_generated_files_are_removed() {
    let out = tempfile::tempdir().unwrap();
    let (v1, v2) = (dome_copy(), dome_changed());
    build(v1.path(), out.path(), &[]);
    let before = read_tree(out.path()).unwrap();
    let queues: Vec<&String> = before.keys().filter(|p| p.contains("queues")).collect();
    assert!(!queues.is_empty(), "the queues module generates files");
    let o = build(v2.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = read_tree(out.path()).unwrap();
    for q in queues {
        assert!(!after.contains_key(q), "{q} should have been removed");
    }
    // The rebuilt tree is exactly a fresh build of v2.
    let fresh = tempfile::tempdir().unwrap();
    build(v2.path(), fresh.path(), &[]);
    assert_eq!(after, read_tree(fresh.path()).unwrap());
}

#[test]
fn a_hand_edited_generated_file_makes_the_rebuild_refuse() {
    let out = tempfile::tempdir().unwrap();
    let (v1, v2) = (dome_copy(), dome_changed());
    build(v1.path(), out.path(), &[]);
    let edited = out.path().join("dome/main.go");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("// my change\n");
    std::fs::write(&edited, &text).unwrap();
    let before = read_tree(out.path()).unwrap();
    let o = build(v2.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("dome/main.go"),
        "names the file: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("edited by hand"), "{}", stderr(&o));
    assert_eq!(
        read_tree(out.path()).unwrap(),
        before,
        "nothing was written"
    );
    let forced = build(v2.path(), out.path(), &["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(
        !std::fs::read_to_string(&edited)
            .unwrap()
            .contains("my change")
    );
}

#[test]
fn a_file_infragen_did_not_write_is_never_overwritten() {
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(out.path().join("dome")).unwrap();
    std::fs::write(out.path().join("dome/main.go"), "package main // mine\n").unwrap();
    let o = build(&common::root().join("examples/dome"), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not generated by infragen"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("dome/main.go")).unwrap(),
        "package main // mine\n"
    );
}

#[test]
fn check_gates_ci_with_exit_codes_and_diffs() {
    let out = tempfile::tempdir().unwrap();
    let src = common::root().join("examples/dome");
    let empty = build(&src, out.path(), &["--check"]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&empty.stdout)
            .contains("missing file (would be added): dome/main.go")
    );
    assert!(
        read_tree(out.path()).unwrap().is_empty(),
        "--check writes nothing"
    );

    build(&src, out.path(), &[]);
    let clean = build(&src, out.path(), &["--check"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));

    let changed = dome_changed();
    let stale = build(changed.path(), out.path(), &["--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&stale.stdout);
    assert!(stdout.contains("--- a/dome/"), "unified diff: {stdout}");
    assert!(
        stdout.contains("extra file (would be removed): dome/queues/"),
        "{stdout}"
    );

    let diff = build(changed.path(), out.path(), &["--diff"]);
    assert_eq!(diff.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&diff.stdout).contains("--- a/dome/"));
    assert_eq!(
        build(changed.path(), out.path(), &["--check"])
            .status
            .code(),
        Some(0)
    );
}

/// Starts a build that stops at `point`, kills it with SIGKILL there, and returns.
fn kill_at(src: &Path, out: &Path, point: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args([
            "build",
            src.to_str().unwrap(),
            "--lang",
            "go",
            "--out",
            out.to_str().unwrap(),
        ])
        .env("INFRAGEN_FAILPOINT", point)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let reached = lines.any(|l| l.is_ok_and(|l| l == format!("failpoint {point}")));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(reached, "the build never reached failpoint {point}");
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_tree() {
    let (v1, v2) = (dome_copy(), dome_changed());
    for point in ["staging", "staged", "committed", "applying", "applied"] {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("out");
        build(v1.path(), &target, &[]);
        std::fs::write(target.join("NOTES.md"), "mine\n").unwrap();
        let old = read_tree(&target).unwrap();
        kill_at(v2.path(), &target, point);
        if matches!(point, "staging" | "staged") {
            assert_eq!(
                read_tree(&target).unwrap(),
                old,
                "killed at {point}: output untouched"
            );
        }
        // Whatever the moment, rolling back what the killed build left restores the old tree.
        recover(&target).unwrap();
        assert_eq!(
            read_tree(&target).unwrap(),
            old,
            "killed at {point}: old tree restored"
        );
        assert!(!staging_dir(&target).exists());
        // And the next build goes through normally.
        let o = build(v2.path(), &target, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn nothing_is_written_outside_the_output_directory() {
    let out = tempfile::tempdir().unwrap();
    let evil = vec![infragen::backend::GeneratedFile::new("../evil.txt", "x")];
    assert!(plan_sync(out.path(), &evil, false).is_err());
    let abs = vec![infragen::backend::GeneratedFile::new("/tmp/evil.txt", "x")];
    assert!(plan_sync(out.path(), &abs, false).is_err());

    // A symbolic link inside the output directory is never followed.
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out.path().join("dome")).unwrap();
    let o = build(&common::root().join("examples/dome"), out.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn builds_are_deterministic_whatever_the_file_order() {
    for example in common::EXAMPLES {
        let dir = common::root().join("examples").join(example);
        let files = collect_dir(&dir).unwrap();
        let mut reversed = files.clone();
        reversed.reverse();
        // The files programs read (`file(...)`, asset archives), from the example's folder.
        let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| e.to_string());
        let a = check_files(files, &read);
        let b = check_files(reversed, &read);
        assert!(!a.has_errors(), "{example}: {:?}", a.diagnostics);
        for lang in Language::ALL {
            let x = generate_workspace(&a.workspace, Some(lang)).unwrap();
            let y = generate_workspace(&b.workspace, Some(lang)).unwrap();
            assert_eq!(x, y, "{example} in {} depends on file order", lang.name());
            let again = generate_workspace(&a.workspace, Some(lang)).unwrap();
            assert_eq!(x, again);
        }
        assert_eq!(
            infragen::ir::plan::plan_tree(&a.workspace),
            infragen::ir::plan::plan_tree(&b.workspace)
        );
    }
}

#[test]
fn no_secret_value_reaches_a_generated_file() {
    // The secret values the tests use: every literal the UI cases try to give a secret, and
    // values put where a careless generator might read them (the process environment).
    let mut secrets = vec!["hunter2".to_string()];
    let sentinel = "s3ntinel-Secret-Value-7f3a";
    secrets.push(sentinel.to_string());

    let mut trees: Vec<(String, std::collections::BTreeMap<String, String>)> = Vec::new();
    for entry in std::fs::read_dir(common::root().join("golden")).unwrap() {
        for variant in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let path = variant.unwrap().path();
            trees.push((path.display().to_string(), read_tree(&path).unwrap()));
        }
    }
    for example in common::EXAMPLES {
        for lang in ["go", "typescript", "python"] {
            let out = tempfile::tempdir().unwrap();
            let o = Command::new(env!("CARGO_BIN_EXE_infragen"))
                .args([
                    "build",
                    &format!("examples/{example}"),
                    "--lang",
                    lang,
                    "--out",
                ])
                .arg(out.path())
                .current_dir(common::root())
                .env(
                    "PULUMI_CONFIG",
                    format!("{{\"dome:api_token\":\"{sentinel}\"}}"),
                )
                .env("API_TOKEN", sentinel)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            trees.push((format!("{example}/{lang}"), read_tree(out.path()).unwrap()));
        }
    }
    for (name, tree) in &trees {
        for (path, text) in tree {
            for s in &secrets {
                assert!(!text.contains(s.as_str()), "secret value in {name}/{path}");
            }
        }
    }
    // Stack files never give a secret key a value.
    for example in common::EXAMPLES {
        let checked = common::check_example(example);
        for project in &checked.workspace.projects {
            let secret_keys: Vec<String> = project
                .config
                .iter()
                .filter(|c| c.secret)
                .map(|c| format!("{}:{}:", project.pulumi_name, c.name))
                .collect();
            for (name, tree) in &trees {
                if !name.contains(example) {
                    continue;
                }
                for (path, text) in tree {
                    if !path.starts_with(&format!("{}/Pulumi.", project.pulumi_name)) {
                        continue;
                    }
                    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                        for key in &secret_keys {
                            assert!(
                                !line.contains(key.as_str()),
                                "{name}/{path} gives secret `{key}` a value: {line}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn workspaces_built_into_one_directory_keep_each_others_files() {
    let out = tempfile::tempdir().unwrap();
    let root = common::root();
    assert_eq!(
        build(&root.join("examples/dome"), out.path(), &[])
            .status
            .code(),
        Some(0)
    );
    let dome = read_tree(&out.path().join("dome")).unwrap();
    let o = build(&root.join("examples/sophia"), out.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read_tree(&out.path().join("dome")).unwrap(),
        dome,
        "dome's files stay"
    );
    assert!(out.path().join("sophia").exists());
    // Both stay owned: rebuilding dome is still a no-op and still tracked.
    let again = build(&root.join("examples/dome"), out.path(), &["--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}
