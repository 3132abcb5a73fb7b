//! Hostile inputs from the outside world: symbolic links in the workspace, closed pipes.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use infragen::check::check_dir;

#[test]
fn symbolic_links_inside_the_workspace_are_followed_and_loops_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(ws.join(".real")).unwrap();
    std::fs::create_dir_all(ws.join("sub")).unwrap();
    std::fs::write(
        ws.join("project.infra"),
        "project p {\n  providers { cloudflare = \"6.18.0\" }\n}\n\nconfig {\n  account: string = \"a\"\n}\n\nenv dev {}\n\nexport queue = queues.jobs.id\n",
    )
    .unwrap();
    // The module file lives in a hidden folder (never walked) and is reached through a link.
    std::fs::write(
        ws.join(".real/queues.infra"),
        "module queues\n\nresource cloudflare.Queue jobs {\n  account_id = config.account\n  queue_name = \"jobs\"\n}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(ws.join(".real/queues.infra"), ws.join("queues.infra")).unwrap();
    // A loop: a folder linking back to the workspace.
    std::os::unix::fs::symlink(&ws, ws.join("sub/loop")).unwrap();
    // A link leading outside the workspace is not followed.
    std::fs::write(dir.path().join("outside.infra"), "module outside\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside.infra"), ws.join("outside.infra")).unwrap();

    let checked = check_dir(&ws).unwrap();
    assert!(
        !checked.has_errors(),
        "a module reached through a link must be found: {:?}",
        checked.diagnostics
    );
    let modules: Vec<&str> = checked.workspace.projects[0]
        .modules
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert!(modules.contains(&"queues"), "{modules:?}");
    assert!(!modules.contains(&"outside"), "{modules:?}");
}

/// Runs infragen with stdout read for one byte and then closed.
fn closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    let _ = stdout.read(&mut byte);
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let apex = common::root().join("examples/apex");
    let apex = apex.to_str().unwrap();
    for args in [
        vec!["plan", apex, "--env", "dev"],
        vec!["plan", apex, "--env", "prod", "--format", "human"],
        vec!["check", apex, "--format", "json"],
    ] {
        let (code, stderr) = closed_pipe(&args);
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
        assert_ne!(code, Some(101), "{args:?} exited as a panic: {stderr}");
    }
}
