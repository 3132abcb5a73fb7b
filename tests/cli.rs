//! The command line as a user meets it: exit codes, output streams, JSON, colour.

mod common;

use std::process::{Command, Output};

fn infragen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .current_dir(common::root())
        .env_remove("NO_COLOR")
        .output()
        .expect("infragen runs")
}

fn bad_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("project.infra"),
        "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\nresource gcp.storage.Buckt raw {\n  locaton = \"US\"\n}\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_exits_zero_on_a_clean_example() {
    let out = infragen(&["check", "examples/dome"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checked 1 project: no errors"));
}

#[test]
fn check_exits_one_on_errors_and_two_on_io_problems() {
    let dir = bad_workspace();
    let out = infragen(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E0200]"), "{stderr}");
    assert!(
        stderr.contains("did you mean `gcp.storage.Bucket`?"),
        "{stderr}"
    );

    let missing = infragen(&["check", "does/not/exist"]);
    assert_eq!(missing.status.code(), Some(2));
    let usage = infragen(&["check", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn check_json_prints_one_object_per_diagnostic() {
    let dir = bad_workspace();
    let out = infragen(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let d = &lines[0];
    assert_eq!(d["code"], "E0200");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(7), Some(10))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(7), Some(27))
    );
    assert_eq!(d["file"], "project.infra");
    assert_eq!(d["help"], "did you mean `gcp.storage.Bucket`?");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = bad_workspace();
    let path = dir.path().to_str().unwrap();
    let plain = infragen(&["check", path]);
    assert!(
        !plain.stderr.contains(&0x1b),
        "no colour when stderr is not a terminal"
    );
    let forced = infragen(&["--color", "always", "check", path]);
    assert!(forced.stderr.contains(&0x1b), "--color always colours");
    let no_color = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(["check", path])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!no_color.stderr.contains(&0x1b));
}

#[test]
fn plan_prints_the_golden_plan() {
    let out = infragen(&["plan", "examples/dome", "--env", "dev"]);
    assert_eq!(out.status.code(), Some(0));
    let golden =
        std::fs::read_to_string(common::root().join("golden/dome/plan/dome/dev.json")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), golden);
}

#[test]
fn plan_reports_usage_problems_with_exit_two() {
    let unknown_env = infragen(&["plan", "examples/dome", "--env", "qa"]);
    assert_eq!(unknown_env.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown_env.stderr).contains("it has: dev, staging, prod"));
    let ambiguous = infragen(&["plan", "examples/interviewai", "--env", "dev"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("--project"));
    let chosen = infragen(&[
        "plan",
        "examples/interviewai",
        "--env",
        "dev",
        "--project",
        "infrastructure",
    ]);
    assert_eq!(chosen.status.code(), Some(0));
    let missing_env = infragen(&["plan", "examples/dome"]);
    assert_eq!(missing_env.status.code(), Some(2));
}

#[test]
fn build_writes_nothing_when_the_input_has_errors() {
    let dir = bad_workspace();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("out");
    let out = infragen(&[
        "build",
        dir.path().to_str().unwrap(),
        "--lang",
        "go",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
}

#[test]
fn help_teaches_the_commands() {
    let out = infragen(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "build",
        "check",
        "plan",
        "Exit codes",
        "NO_COLOR",
        "Examples:",
    ] {
        assert!(help.contains(word), "`--help` lacks {word}:\n{help}");
    }
}

#[test]
fn new_and_add_scaffold_a_project_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("shop");
    let p = project.to_str().unwrap();
    let created = infragen(&[
        "new",
        p,
        "--lang",
        "go",
        "--provider",
        "gcp",
        "--provider",
        "cloudflare@6.18.0",
    ]);
    assert_eq!(
        created.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let text = std::fs::read_to_string(project.join("project.infra")).unwrap();
    assert!(
        text.contains("gcp = \"9.37.0\"") && text.contains("cloudflare = \"6.18.0\""),
        "{text}"
    );
    assert_eq!(
        infragen(&["new", p]).status.code(),
        Some(1),
        "refuses to overwrite"
    );

    assert_eq!(
        infragen(&["add", "module", "storage", "--project", p])
            .status
            .code(),
        Some(0)
    );
    for (kind, name, module) in [
        ("gcp.storage.Bucket", "uploads", "storage"),
        ("gcp.cloudrunv2.Service", "api", "compute"),
        ("gcp.monitoring.AlertPolicy", "errors", "monitoring"),
        ("cloudflare.WorkersScript", "edge", "workers"),
    ] {
        let o = infragen(&[
            "add",
            "resource",
            kind,
            name,
            "--module",
            module,
            "--project",
            p,
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let storage = std::fs::read_to_string(project.join("storage.infra")).unwrap();
    assert!(
        storage.contains(
            "resource gcp.storage.Bucket uploads {\n  name     = name(\"uploads\")\n  location = config.region\n}"
        ),
        "{storage}"
    );
    let check = infragen(&["check", p]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let unknown = infragen(&[
        "add",
        "resource",
        "gcp.storage.Buckit",
        "x",
        "--module",
        "storage",
        "--project",
        p,
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("did you mean `gcp.storage.Bucket`?")
    );
}

#[test]
fn a_workspace_without_a_project_says_so_in_its_own_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("storage.infra"), "module storage\n").unwrap();
    let out = infragen(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "error[E0100]: no `project` declaration found in the workspace's own directory"
        ),
        "{stderr}"
    );
}
