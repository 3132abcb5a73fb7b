//! `infragen fmt`: the shipped examples and test fixtures are in the canonical layout, formatting is idempotent
//! on every `.infra` file of the repository that parses, and a file laid out carelessly formats
//! back to the example while planning exactly as it does.

mod common;

use std::path::Path;
use std::process::Command;

use infragen::check::{check_dir, collect_dir_reporting};
use infragen::format::{Unformattable, format_text};
use infragen::ir::plan::Evaluator;

fn infragen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_infragen"))
}

/// Every `.infra` file below `dir` that is valid UTF-8 (the robustness cases hold some that
/// are not), as the checker finds them: (relative path, text).
fn infra_files(dir: &Path) -> Vec<(String, String)> {
    let collected = collect_dir_reporting(dir).unwrap();
    collected
        .files
        .into_iter()
        .filter(|(path, _)| !collected.invalid_utf8.iter().any(|(bad, _)| bad == path))
        .collect()
}

/// Every plan of every project and environment of a workspace, as text.
fn plans(dir: &Path) -> Vec<String> {
    let checked = check_dir(dir).unwrap();
    assert!(!checked.has_errors(), "{}", dir.display());
    let mut out = Vec::new();
    for project in &checked.workspace.projects {
        for env in &project.envs {
            let plan = Evaluator::new(project, &env.name).unwrap().plan();
            out.push(format!("{}/{}: {plan}", project.name, env.name));
        }
    }
    out
}

/// The same tokens laid out carelessly: no indentation, alignment and spaces around `=`
/// dropped before the first string of a line, trailing spaces, extra blank lines.
fn scramble(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        let (code, rest) = match line.find(['"', '/']) {
            Some(at) => line.split_at(at),
            None => (line, ""),
        };
        let mut squeezed = code.split_whitespace().collect::<Vec<_>>().join(" ");
        if code.ends_with(char::is_whitespace) && !squeezed.is_empty() {
            squeezed.push(' ');
        }
        out.push_str(&squeezed.replacen(" = ", "=", 1));
        out.push_str(rest);
        out.push_str("  \n");
        if line.is_empty() {
            out.push_str("\n\n");
        }
    }
    out
}

#[test]
fn the_examples_and_fixtures_are_formatted() {
    let out = infragen()
        .args(["fmt", "--check", "examples", "tests/fixtures"])
        .current_dir(common::root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 to reformat"), "{stdout}");
}

#[test]
fn formatting_twice_changes_nothing_more_on_every_file_that_parses() {
    let mut formatted = 0;
    for (file, text) in infra_files(&common::root().join("examples"))
        .into_iter()
        .chain(infra_files(&common::root().join("tests")))
    {
        let once = match format_text(&file, &text) {
            Ok(once) => once,
            Err(Unformattable::Syntax { .. }) => continue,
            Err(Unformattable::Changed(why)) => panic!("{why}"),
        };
        let twice = format_text("again", &once).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(once, twice, "{file} is not stable");
        formatted += 1;
    }
    assert!(formatted > 100, "only {formatted} files formatted");
}

#[test]
fn a_scrambled_example_formats_back_and_plans_the_same() {
    for name in common::EXAMPLES {
        let dir = common::root().join("examples").join(name);
        let copy = tempfile::tempdir().unwrap();
        for (relative, text) in infra_files(&dir) {
            let target = copy.path().join(&relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, scramble(&text)).unwrap();
        }
        // The files programs read (`file(...)`, asset archives) come along as they are.
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_none_or(|e| e != "infra") {
                let target = copy.path().join(path.strip_prefix(&dir).unwrap());
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(path, target).unwrap();
            }
        }
        assert!(
            plans(copy.path()) == plans(&dir),
            "{name}: the scrambled plans differ"
        );

        let check = infragen()
            .args(["fmt", "--check"])
            .arg(copy.path())
            .output()
            .unwrap();
        assert_eq!(check.status.code(), Some(1), "{name}: --check must fail");
        assert!(String::from_utf8_lossy(&check.stdout).contains("would reformat"));

        let write = infragen().arg("fmt").arg(copy.path()).output().unwrap();
        assert!(
            write.status.success(),
            "{}",
            String::from_utf8_lossy(&write.stderr)
        );
        for (relative, text) in infra_files(&dir) {
            let back = std::fs::read_to_string(copy.path().join(&relative)).unwrap();
            assert_eq!(back, text, "{name}/{relative}");
        }
        assert_eq!(
            plans(copy.path()),
            plans(&dir),
            "{name}: formatted plans differ"
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.infra");
    std::fs::write(&file, "resource gcp.storage.Bucket b {\n  name = \n").unwrap();
    let out = infragen()
        .arg("fmt")
        .arg(&file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("error["),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "resource gcp.storage.Bucket b {\n  name = \n"
    );
}

#[test]
fn standard_input_formats_to_standard_output() {
    use std::io::Write;
    let mut child = infragen()
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"env dev {  a=1 }\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "env dev { a = 1 }\n");
}

#[test]
fn scaffolded_projects_are_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("shop");
    let new = infragen()
        .args(["new", "--provider", "gcp", "--provider", "aws"])
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let add = infragen()
        .args([
            "add",
            "resource",
            "gcp.compute.Instance",
            "vm",
            "--module",
            "compute",
            "--project",
        ])
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let check = infragen()
        .args(["fmt", "--check"])
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
