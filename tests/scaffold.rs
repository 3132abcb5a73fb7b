//! `infragen new` and `infragen add` refuse bad input with a coded error, exit 1 and nothing
//! written; `--dry-run` writes nothing; nothing is overwritten without `--force`.

use std::path::Path;
use std::process::{Command, Output};

use infragen::output::read_tree;

fn infragen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("infragen runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must be refused with `code`, and checks that nothing changed.
fn refused(dir: &Path, args: &[&str], code: &str) {
    let before = read_tree(dir).unwrap();
    let o = infragen(dir, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!("error[{code}]: ")) && stderr(&o).contains("= help: "),
        "{args:?}: {}",
        stderr(&o)
    );
    assert_eq!(read_tree(dir).unwrap(), before, "{args:?} wrote something");
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = infragen(dir.path(), &["new", "app", "--provider", "aws"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir
}

#[test]
fn new_refuses_names_that_do_not_parse_and_versions_that_do_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), &["new", "123abc"], "S0001");
    refused(dir.path(), &["new", "app", "--name", "bad name"], "S0001");
    refused(
        dir.path(),
        &["new", "app", "--provider", "gcp@banana"],
        "S0003",
    );
    refused(dir.path(), &["new", "app", "--provider", "azure"], "S0002");
    assert!(!dir.path().join("app").exists());
}

#[test]
fn new_writes_each_providers_own_config() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        infragen(dir.path(), &["new", "a", "--provider", "aws"])
            .status
            .success()
    );
    let aws = std::fs::read_to_string(dir.path().join("a/project.infra")).unwrap();
    assert!(aws.contains("region: string = \"us-east-1\""), "{aws}");
    assert!(!aws.contains("us-central1"), "{aws}");
    assert!(
        infragen(dir.path(), &["new", "c", "--provider", "cloudflare"])
            .status
            .success()
    );
    let cf = std::fs::read_to_string(dir.path().join("c/project.infra")).unwrap();
    assert!(cf.contains("cloudflare_account_id: string"), "{cf}");
    for project in ["a", "c"] {
        let o = infragen(dir.path(), &["check", project]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
}

#[test]
fn add_refuses_duplicates_undeclared_providers_bad_modules_and_missing_projects() {
    let dir = workspace();
    let ok = infragen(
        dir.path(),
        &[
            "add",
            "resource",
            "aws.s3.Bucket",
            "raw",
            "--module",
            "storage",
            "--project",
            "app",
        ],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let add =
        |kind: &'static str, name: &'static str, module: &'static str, project: &'static str| {
            vec![
                "add",
                "resource",
                kind,
                name,
                "--module",
                module,
                "--project",
                project,
            ]
        };
    refused(
        dir.path(),
        &add("aws.s3.Bucket", "raw", "storage", "app"),
        "S0006",
    );
    refused(
        dir.path(),
        &add("gcp.storage.Bucket", "logs", "storage", "app"),
        "S0005",
    );
    refused(
        dir.path(),
        &add("aws.s3.Buckt", "logs", "storage", "app"),
        "S0004",
    );
    refused(
        dir.path(),
        &add("aws.s3.Bucket", "Logs", "storage", "app"),
        "S0001",
    );
    refused(
        dir.path(),
        &add("aws.s3.Bucket", "logs", "bad-mod", "app"),
        "S0001",
    );
    refused(
        dir.path(),
        &["add", "module", "Bad Mod", "--project", "app"],
        "S0001",
    );
    refused(
        dir.path(),
        &["add", "module", "bad-mod", "--project", "app"],
        "S0001",
    );
    refused(
        dir.path(),
        &["add", "module", "queues", "--project", "/nonexistent"],
        "S0007",
    );
    refused(
        dir.path(),
        &add("aws.s3.Bucket", "logs", "storage", "/nonexistent"),
        "S0007",
    );
    assert!(!Path::new("/nonexistent").exists());
    let o = infragen(dir.path(), &["check", "app"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn nothing_is_overwritten_without_force() {
    let dir = workspace();
    refused(dir.path(), &["new", "app", "--provider", "aws"], "S0008");
    assert!(
        infragen(dir.path(), &["add", "module", "queues", "--project", "app"])
            .status
            .success()
    );
    std::fs::write(
        dir.path().join("app/queues.infra"),
        "/// mine\nmodule queues\n",
    )
    .unwrap();
    refused(
        dir.path(),
        &["add", "module", "queues", "--project", "app"],
        "S0008",
    );
    let forced = infragen(
        dir.path(),
        &["add", "module", "queues", "--project", "app", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    let text = std::fs::read_to_string(dir.path().join("app/queues.infra")).unwrap();
    assert!(!text.contains("mine"), "{text}");
}

#[test]
fn dry_run_prints_the_diff_and_leaves_the_tree_byte_identical() {
    let dir = workspace();
    let before = read_tree(dir.path()).unwrap();
    for args in [
        vec!["new", "other", "--provider", "gcp", "--dry-run"],
        vec!["add", "module", "queues", "--project", "app", "--dry-run"],
        vec![
            "add",
            "resource",
            "aws.sqs.Queue",
            "jobs",
            "--module",
            "queues",
            "--project",
            "app",
            "--dry-run",
        ],
    ] {
        let o = infragen(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.starts_with("--- a/") && stdout.contains("\n+"),
            "{args:?}: {stdout}"
        );
        assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
        assert_eq!(
            read_tree(dir.path()).unwrap(),
            before,
            "{args:?} wrote something"
        );
    }
}

#[test]
fn a_skeleton_uses_the_naming_pattern_and_the_projects_config() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        infragen(dir.path(), &["new", "app", "--provider", "gcp"])
            .status
            .success()
    );
    let o = infragen(
        dir.path(),
        &[
            "add",
            "resource",
            "gcp.storage.Bucket",
            "raw",
            "--module",
            "storage",
            "--project",
            "app",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("app/storage.infra")).unwrap();
    assert!(text.contains("  name     = name(\"raw\")\n"), "{text}");
    assert!(text.contains("  location = config.region\n"), "{text}");
    let o = infragen(
        dir.path(),
        &[
            "add",
            "resource",
            "gcp.compute.Instance",
            "vm",
            "--module",
            "storage",
            "--project",
            "app",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("app/storage.infra")).unwrap();
    assert!(
        text.contains("  machine_type       = \"\" // fill in: string\n"),
        "{text}"
    );
    assert!(infragen(dir.path(), &["check", "app"]).status.success());
}

#[test]
fn every_scaffolding_code_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (code, what) in infragen::scaffold::CODES {
        assert!(
            readme.contains(&format!("| {code} | {what}")),
            "{code} {what}"
        );
    }
}

#[test]
fn add_module_with_resources_names_them_after_their_kind_and_refuses_bad_kinds() {
    let dir = workspace();
    let p = dir.path();
    refused(
        p,
        &[
            "add",
            "module",
            "store",
            "--project",
            "app",
            "--resource",
            "aws.s3.Buckt",
        ],
        "S0004",
    );
    refused(
        p,
        &[
            "add",
            "module",
            "store",
            "--project",
            "app",
            "--resource",
            "aws.s3.Bucket",
            "--resource",
            "gcp.storage.Bucket",
        ],
        "S0005",
    );
    let o = infragen(
        p,
        &[
            "add",
            "module",
            "store",
            "--project",
            "app",
            "--resource",
            "aws.s3.Bucket",
            "--resource",
            "aws.s3.Bucket",
            "--resource",
            "aws.iam.RolePolicyAttachment",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(p.join("app/store.infra")).unwrap();
    for header in [
        "resource aws.s3.Bucket bucket {",
        "resource aws.s3.Bucket bucket_2 {",
        "resource aws.iam.RolePolicyAttachment role_policy_attachment {",
    ] {
        assert!(text.contains(header), "{header}:\n{text}");
    }
    let check = infragen(p, &["check", "app"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("warning[W1370]"),
        "{}",
        stderr(&check)
    );
}
