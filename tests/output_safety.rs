//! The output directory is safe from the ways a build can go wrong around it: builds running
//! at once, a build killed at any stage followed by an edit, renamed projects, and output
//! directories that hold more than output.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read as _};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use infragen::check::collect_dir;
use infragen::output::{MANIFEST, Manifest, hash, lock_path, read_tree, staging_dir};

fn command(src: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_infragen"));
    c.arg("build")
        .arg(src)
        .args(["--lang", "go", "--out"])
        .arg(out)
        .args(extra)
        .env_remove("INFRAGEN_FAILPOINT");
    c
}

fn build(src: &Path, out: &Path, extra: &[&str]) -> Output {
    command(src, out, extra).output().expect("infragen runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the Dome example, with `edit` applied to `project.infra`.
fn dome_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    common::example_with("dome", edit)
}

/// A second version of Dome: one module fewer and a changed default (writes and removals).
fn dome_v2() -> tempfile::TempDir {
    let dir = dome_with(|p| p.replace("\"info\"", "\"warn\""));
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
    dir
}

/// The generated files of a fresh build of `src` (the manifest left out: it records where
/// the workspace is relative to the output directory).
fn fresh(src: &Path) -> BTreeMap<String, String> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out");
    let o = build(src, &target, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    generated(&target)
}

fn generated(out: &Path) -> BTreeMap<String, String> {
    let mut tree = read_tree(out).unwrap();
    tree.remove(MANIFEST);
    tree
}

/// Every file the manifest lists is on disk with the recorded hash, every file on disk is
/// listed, and no build left its staging directory or lock file behind.
fn assert_consistent(out: &Path, hand_written: &[&str]) {
    let manifest = Manifest::read(out).unwrap().expect("a manifest");
    let tree = read_tree(out).unwrap();
    for (path, recorded) in &manifest.files {
        let text = tree
            .get(path)
            .unwrap_or_else(|| panic!("{path} is in the manifest but not on disk"));
        assert_eq!(
            &hash(text.as_bytes()),
            recorded,
            "{path} differs from its hash"
        );
    }
    for path in tree.keys() {
        if path != MANIFEST && !hand_written.contains(&path.as_str()) {
            assert!(
                manifest.files.contains_key(path),
                "{path} is on disk but not in the manifest"
            );
        }
    }
    assert!(!staging_dir(out).exists(), "a staging directory was left");
    assert!(!lock_path(out).exists(), "a lock file was left");
}

#[test]
fn concurrent_builds_into_one_directory_leave_one_complete_build() {
    let (v1, v2) = (dome_with(|p| p), dome_v2());
    let (t1, t2) = (fresh(v1.path()), fresh(v2.path()));
    assert_ne!(t1, t2);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for pair in 0..40 {
        // Both orders, both into the same directory at the same moment.
        let (a, b) = if pair % 2 == 0 {
            (&v1, &v2)
        } else {
            (&v2, &v1)
        };
        let spawn = |src: &Path| -> Child {
            command(src, &out, &[])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn(a.path()), spawn(b.path()));
        let outputs = [first.wait_with_output(), second.wait_with_output()];
        for o in outputs {
            let o = o.unwrap();
            assert_eq!(o.status.code(), Some(0), "pair {pair}: {}", stderr(&o));
            let waits = stderr(&o)
                .matches("waiting for another infragen build")
                .count();
            assert!(waits <= 1, "says it waits once: {}", stderr(&o));
        }
        let tree = generated(&out);
        assert!(
            tree == t1 || tree == t2,
            "pair {pair}: the tree is neither complete build"
        );
        assert_consistent(&out, &[]);
    }
}

#[test]
fn a_waiting_build_says_once_who_holds_the_directory() {
    let src = common::root().join("examples/dome");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut holder = command(&src, &out, &[])
        .env("INFRAGEN_FAILPOINT", "locked")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(holder.stderr.take().unwrap()).lines();
    assert!(lines.any(|l| l.is_ok_and(|l| l == "failpoint locked")));
    assert_eq!(
        std::fs::read_to_string(lock_path(&out)).unwrap().trim(),
        holder.id().to_string(),
        "the lock file names its holder"
    );

    let mut waiter = command(&src, &out, &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut waiter_err = BufReader::new(waiter.stderr.take().unwrap());
    let mut first = String::new();
    waiter_err.read_line(&mut first).unwrap();
    assert!(
        first.contains(&format!(
            "waiting for another infragen build (pid {})",
            holder.id()
        )),
        "{first}"
    );
    // The waiter is still waiting: nothing is written while the holder holds the lock.
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(waiter.try_wait().unwrap().is_none());
    assert!(!out.join("dome").exists());

    holder.kill().unwrap(); // SIGKILL: the kernel releases the lock
    holder.wait().unwrap();
    let mut rest = String::new();
    waiter_err.read_to_string(&mut rest).unwrap();
    assert_eq!(waiter.wait().unwrap().code(), Some(0), "{rest}");
    assert!(!rest.contains("waiting"), "says it once: {rest}");
    assert_eq!(generated(&out), fresh(&src));
    assert_consistent(&out, &[]);
}

/// Starts a build that stops at `point`, kills it with SIGKILL there, and returns.
fn kill_at(src: &Path, out: &Path, point: &str) {
    let mut child = command(src, out, &[])
        .env("INFRAGEN_FAILPOINT", point)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let reached = lines.any(|l| l.is_ok_and(|l| l == format!("failpoint {point}")));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(reached, "the build never reached failpoint {point}");
}

const STAGES: [&str; 6] = [
    "locked",
    "staging",
    "staged",
    "committed",
    "applying",
    "applied",
];

#[test]
fn a_build_killed_at_any_stage_then_an_input_edit_rebuilds_cleanly() {
    let (v1, v2) = (dome_with(|p| p), dome_v2());
    let v3 = dome_with(|p| p.replace("\"info\"", "\"debug\""));
    let expected = fresh(v3.path());
    for point in STAGES {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert_eq!(build(v1.path(), &out, &[]).status.code(), Some(0));
        std::fs::write(out.join("NOTES.md"), "mine\n").unwrap();
        kill_at(v2.path(), &out, point);
        let o = build(v3.path(), &out, &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "killed at {point}: {}",
            stderr(&o)
        );
        let mut tree = generated(&out);
        assert_eq!(tree.remove("NOTES.md").as_deref(), Some("mine\n"));
        assert_eq!(
            tree, expected,
            "killed at {point}: a fresh build of the edit"
        );
        assert_consistent(&out, &["NOTES.md"]);
    }
}

#[test]
fn check_and_diff_roll_back_a_killed_build_before_reading() {
    let (v1, v2) = (dome_with(|p| p), dome_v2());
    for point in ["committed", "applying", "applied"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert_eq!(build(v1.path(), &out, &[]).status.code(), Some(0));
        let old = read_tree(&out).unwrap();
        kill_at(v2.path(), &out, point);
        // The previous output is what `--check` compares with: up to date.
        let check = build(v1.path(), &out, &["--check"]);
        assert_eq!(check.status.code(), Some(0), "{point}: {}", stderr(&check));
        assert!(stderr(&check).contains("rolled back"), "{}", stderr(&check));
        assert_eq!(read_tree(&out).unwrap(), old, "{point}");
        assert!(!staging_dir(&out).exists());

        kill_at(v2.path(), &out, point);
        let diff = build(v2.path(), &out, &["--diff"]);
        assert_eq!(diff.status.code(), Some(0), "{point}: {}", stderr(&diff));
        assert_eq!(generated(&out), fresh(v2.path()));
        assert_consistent(&out, &[]);
    }
}

#[test]
fn a_renamed_project_leaves_no_stale_folder() {
    // One workspace whose project is renamed in place, as a user would.
    let ws = dome_with(|p| p);
    let project = ws.path().join("project.infra");
    let original = std::fs::read_to_string(&project).unwrap();
    let rename = |to: &str| {
        std::fs::write(
            &project,
            original.replace("project dome {", &format!("project {to} {{")),
        )
        .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(build(ws.path(), &out, &[]).status.code(), Some(0));
    assert!(out.join("dome/main.go").exists());

    rename("dome_next");
    let o = build(ws.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !out.join("dome").exists(),
        "the old project's folder is gone"
    );
    assert!(out.join("dome-next/main.go").exists());
    assert_eq!(generated(&out), fresh(ws.path()));
    assert_consistent(&out, &[]);

    // Renamed again, with a hand-written file and a hand-edited generated file in the folder
    // being left: the edit is refused and nothing is written; the hand-written file stays.
    let edited = out.join("dome-next/main.go");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("// mine\n");
    std::fs::write(&edited, &text).unwrap();
    std::fs::write(out.join("dome-next/NOTES.md"), "mine\n").unwrap();
    let before = read_tree(&out).unwrap();
    rename("dome_last");
    let refused = build(ws.path(), &out, &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("dome-next/main.go")
            && stderr(&refused).contains("edited by hand"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(read_tree(&out).unwrap(), before, "nothing was written");
    std::fs::write(&edited, text.replace("// mine\n", "")).unwrap();
    let o = build(ws.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(out.join("dome-next"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect::<Vec<_>>(),
        ["NOTES.md"],
        "only the hand-written file is left"
    );
    assert!(out.join("dome-last/main.go").exists());
    assert_consistent(&out, &["dome-next/NOTES.md"]);
}

#[test]
fn another_workspaces_folders_are_kept() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let dome = root.join("examples/dome");
    assert_eq!(build(&dome, &out, &[]).status.code(), Some(0));
    let before = read_tree(&out.join("dome")).unwrap();
    let o = build(&root.join("examples/sophia"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_tree(&out.join("dome")).unwrap(), before);
    assert_eq!(build(&dome, &out, &["--check"]).status.code(), Some(0));
}

#[test]
fn output_directories_that_hold_more_than_output_are_refused() {
    let src = common::root().join("examples/dome");
    let ws = tempfile::tempdir().unwrap();
    let inner = ws.path().join("infra");
    std::fs::create_dir(&inner).unwrap();
    for (path, text) in collect_dir(&src).unwrap() {
        std::fs::write(inner.join(path), text).unwrap();
    }
    let home = std::env::var("HOME").unwrap_or_default();
    let mut cases: Vec<(&Path, &str)> = vec![
        (Path::new("/"), "root of the file system"),
        (Path::new("/tmp/.."), "root of the file system"),
        (&inner, "contains the workspace"),
        (ws.path(), "contains the workspace"),
    ];
    if !home.is_empty() && home != "/" {
        cases.push((Path::new(&home), "home directory"));
    }
    for (out, why) in cases {
        for extra in [&[][..], &["--check"], &["--diff"]] {
            let o = build(&inner, out, extra);
            assert_eq!(
                o.status.code(),
                Some(2),
                "{}: {}",
                out.display(),
                stderr(&o)
            );
            assert!(
                stderr(&o).contains("refusing to build into"),
                "{}",
                stderr(&o)
            );
            assert!(stderr(&o).contains(why), "{}", stderr(&o));
        }
    }
    assert_eq!(
        std::fs::read_dir(ws.path()).unwrap().count(),
        1,
        "nothing was written beside the workspace"
    );
    // A directory beside the workspace is fine.
    let o = build(&inner, &ws.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
