//! `infragen new --template`: every starter, in every language, checks with no diagnostic at
//! all, is formatted, and generates; `--list` names each; an unknown template is refused.
//! (The verify tests run each starter through the real toolchains: `common::starters`.)

mod common;

use std::path::Path;
use std::process::{Command, Output};

use infragen::backend::generate_workspace;
use infragen::check::check_dir;
use infragen::ir::Language;
use infragen::output::read_tree;
use infragen::scaffold::starters::STARTERS;

fn infragen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("infragen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_starter_in_every_language_checks_clean_is_formatted_and_generates() {
    let root = tempfile::tempdir().unwrap();
    for starter in STARTERS {
        for language in Language::ALL {
            let dir = format!("{}-{}", starter.name, language.name());
            let o = infragen(
                root.path(),
                &[
                    "new",
                    &dir,
                    "--template",
                    starter.name,
                    "--lang",
                    language.name(),
                    "--name",
                    "my_shop",
                ],
            );
            assert!(o.status.success(), "{dir}: {}", text(&o.stderr));
            let checked = check_dir(&root.path().join(&dir)).unwrap();
            assert!(
                checked.diagnostics.is_empty(),
                "{dir}: {:?}",
                checked.diagnostics
            );
            assert!(
                checked
                    .workspace
                    .projects
                    .iter()
                    .all(|p| p.language == Some(language)),
                "{dir}: --lang is not every project's language"
            );
            let fmt = infragen(root.path(), &["fmt", "--check", &dir]);
            assert!(fmt.status.success(), "{dir}: {}", text(&fmt.stdout));
            let files = generate_workspace(&checked.workspace, None)
                .unwrap_or_else(|e| panic!("{dir}: {e}"));
            assert!(!files.is_empty(), "{dir}");
        }
    }
}

#[test]
fn the_starters_as_kept_in_the_repository_are_formatted() {
    let o = infragen(&common::root(), &["fmt", "--check", "starters"]);
    assert!(o.status.success(), "{}", text(&o.stdout));
}

#[test]
fn a_starter_keeps_its_language_and_takes_the_directorys_name() {
    let root = tempfile::tempdir().unwrap();
    let o = infragen(
        root.path(),
        &["new", "web-shop", "--template", "aws-standard"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let project = std::fs::read_to_string(root.path().join("web-shop/project.infra")).unwrap();
    assert!(project.contains("project web_shop {"), "{project}");
    assert!(project.contains("language    = python"), "{project}");
    assert!(root.path().join("web-shop/README.md").is_file());
    assert!(text(&o.stderr).contains("README.md"), "{}", text(&o.stderr));
}

#[test]
fn list_names_every_starter_on_one_line() {
    let o = infragen(&common::root(), &["new", "--list"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), STARTERS.len(), "{out}");
    for (line, starter) in out.lines().zip(STARTERS) {
        assert!(line.starts_with(&format!("{} ", starter.name)), "{line}");
    }
    for name in [
        "gcp-functions",
        "cloudflare-workers",
        "aws-standard",
        "gcp-services",
        "minimal-aws",
        "minimal-gcp",
        "minimal-cloudflare",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
}

#[test]
fn an_unknown_template_is_refused_with_the_list_and_nothing_written() {
    let root = tempfile::tempdir().unwrap();
    let o = infragen(root.path(), &["new", "app", "--template", "gcp-function"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.starts_with("error[S0010]: "), "{err}");
    assert!(
        err.contains("= help: ") && err.contains("gcp-functions"),
        "{err}"
    );
    assert!(read_tree(root.path()).unwrap().is_empty());
}

#[test]
fn a_starter_over_existing_files_needs_force_and_a_dry_run_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dry = infragen(
        root.path(),
        &["new", "app", "--template", "minimal-gcp", "--dry-run"],
    );
    assert!(dry.status.success());
    assert!(
        text(&dry.stdout).contains("+project app {"),
        "{}",
        text(&dry.stdout)
    );
    assert!(read_tree(root.path()).unwrap().is_empty());
    assert!(
        infragen(root.path(), &["new", "app", "--template", "minimal-gcp"])
            .status
            .success()
    );
    let before = read_tree(root.path()).unwrap();
    let again = infragen(root.path(), &["new", "app", "--template", "minimal-aws"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).starts_with("error[S0008]: "));
    assert_eq!(read_tree(root.path()).unwrap(), before);
    let forced = infragen(
        root.path(),
        &["new", "app", "--template", "minimal-aws", "--force"],
    );
    assert!(forced.status.success());
    let project = std::fs::read_to_string(root.path().join("app/project.infra")).unwrap();
    assert!(project.contains("aws = "), "{project}");
}
