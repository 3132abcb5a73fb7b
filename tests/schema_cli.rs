//! `infragen schema list`, `show` and `add`, and a project checking against a schema it
//! recorded in `infragen.lock`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn infragen(args: &[&str], path_env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_infragen"));
    cmd.args(args)
        .current_dir(common::root())
        .env("NO_COLOR", "1");
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    cmd.output().expect("infragen runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn list_prints_sorted_kinds_and_functions_with_tokens() {
    let out = infragen(&["schema", "list", "random"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        10,
        "random 4.21.1 has 10 resource classes:\n{stdout}"
    );
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    assert!(lines.contains(&"random.RandomPassword  random:index/randomPassword:RandomPassword"));

    let out = infragen(
        &["schema", "list", "gcp", "--filter", "PUBSUB/topic:"],
        None,
    );
    assert_eq!(
        text(&out.stdout),
        "gcp.pubsub.Topic  gcp:pubsub/topic:Topic\n"
    );

    let out = infragen(
        &[
            "schema",
            "list",
            "aws",
            "--functions",
            "--filter",
            "route53/getzone:",
        ],
        None,
    );
    assert_eq!(
        text(&out.stdout),
        "aws.route53.getZone  aws:route53/getZone:getZone\n"
    );

    let out = infragen(&["schema", "list", "azure"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error[E1003]: no schema for provider `azure`"),
        "{stderr}"
    );
    assert!(stderr.contains("aws, cloudflare, gcp, random"), "{stderr}");
}

#[test]
fn show_prints_properties_types_flags_and_object_types() {
    let out = infragen(&["schema", "show", "random.RandomPassword"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("random.RandomPassword (random:index/randomPassword:RandomPassword)\n")
    );
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no row {name}:\n{stdout}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        row("length").starts_with("length int required The length"),
        "{}",
        row("length")
    );
    assert!(row("number").contains("[deprecated: "), "{}", row("number"));
    assert!(stdout.contains("\noutputs:\n"));
    assert!(
        row("result").starts_with("result string required, secret The generated"),
        "{}",
        row("result")
    );

    let out = infragen(&["schema", "show", "gcp.storage.Bucket"], None);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("  versioning "), "{stdout}");
    assert!(
        stdout.contains("\ntype BucketVersioning (gcp:storage/BucketVersioning:BucketVersioning):\n  enabled  bool  required"),
        "{stdout}"
    );

    let out = infragen(&["schema", "show", "aws.route53.getZone"], None);
    assert!(
        text(&out.stdout).contains("name_servers"),
        "{}",
        text(&out.stdout)
    );

    let out = infragen(&["schema", "show", "gcp.storage.Buckte"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error[E1004]: unknown resource kind or function `gcp.storage.Buckte`\n  = help: did you mean `gcp.storage.Bucket`?\n"
    );
}

fn new_project(dir: &Path) {
    let out = infragen(
        &[
            "new",
            dir.to_str().unwrap(),
            "--provider",
            "random",
            "--name",
            "demo",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(
        dir.join("main.infra"),
        "module main2\n\nresource random.RandomPassword db {\n  length = 24\n}\n",
    )
    .unwrap();
}

#[test]
fn add_records_a_schema_that_the_checker_then_reads_and_guards() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("demo");
    new_project(&project);
    let p = project.to_str().unwrap();
    let random = common::root().join("schemas/full/random-4.21.1.json.gz");
    let plain = tmp.path().join("random.json");
    let json = infragen::schema_extract::write::gunzip(&std::fs::read(&random).unwrap()).unwrap();
    std::fs::write(&plain, &json).unwrap();

    let out = infragen(
        &[
            "schema",
            "add",
            "random@4.21.1",
            "--from",
            plain.to_str().unwrap(),
            "--project",
            p,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("10 resource kinds"),
        "{}",
        text(&out.stderr)
    );
    let stored = std::fs::read(project.join("schemas/random-4.21.1.json.gz")).unwrap();
    assert_eq!(
        stored,
        std::fs::read(&random).unwrap(),
        "stored gzipped, deterministically"
    );
    let lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("infragen.lock")).unwrap())
            .unwrap();
    let entry = &lock["schemas"]["random"];
    assert_eq!(entry["version"], "4.21.1");
    assert_eq!(entry["file"], "schemas/random-4.21.1.json.gz");
    assert_eq!(entry["sha256"], infragen::check::schema_hash(&stored));

    // The project checks against the locked schema (the lock is read: tampering is caught).
    let out = infragen(&["check", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tampered = json.replace("The length of the string desired.", "Changed.");
    std::fs::write(
        project.join("schemas/random-4.21.1.json.gz"),
        infragen::schema_extract::write::gzip(&tampered),
    )
    .unwrap();
    let out = infragen(&["check", p], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[E1000]"),
        "{}",
        text(&out.stderr)
    );

    // A pin other than the locked version.
    std::fs::write(project.join("schemas/random-4.21.1.json.gz"), &stored).unwrap();
    let file = project.join("project.infra");
    let src = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        src.replace("random = \"4.21.1\"", "random = \"4.20.0\""),
    )
    .unwrap();
    let out = infragen(&["check", p], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("error[E1001]"),
        "{}",
        text(&out.stderr)
    );

    // The schema must be the package and version asked for.
    let out = infragen(
        &[
            "schema",
            "add",
            "random@4.20.0",
            "--from",
            plain.to_str().unwrap(),
            "--project",
            p,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error[E1007]: the schema is random 4.21.1, not 4.20.0"),
        "{}",
        text(&out.stderr)
    );
    let out = infragen(
        &[
            "schema",
            "add",
            "aws@4.21.1",
            "--from",
            plain.to_str().unwrap(),
            "--project",
            p,
        ],
        None,
    );
    assert!(
        text(&out.stderr).starts_with("error[E1007]: the schema is package `random`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn add_needs_pulumi_or_a_file_and_a_well_formed_spec() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().to_str().unwrap();
    let out = infragen(&["schema", "add", "aws@7.50.0", "--project", p], Some(""));
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error[E1006]: the Pulumi CLI (`pulumi`) is not on PATH"),
        "{stderr}"
    );
    assert!(stderr.contains("--from FILE"), "{stderr}");
    assert!(!tmp.path().join("infragen.lock").exists());

    let out = infragen(&["schema", "add", "aws", "--project", p], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error[E1005]"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn help_shows_examples() {
    for sub in ["list", "show", "add"] {
        let out = infragen(&["schema", sub, "--help"], None);
        assert_eq!(out.status.code(), Some(0));
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains(&format!("Examples:\n  infragen schema {sub}")),
            "{stdout}"
        );
    }
}
