//! Everything `check` accepts builds in every language: a backend limit is a checker
//! diagnostic, never a late error. Every shipped example, every fixture workspace under
//! `tests/fixtures/`, and every seeded mutation of the examples that checks clean must
//! generate in each language of the registry (`Language::ALL`) without an error.

mod common;

use std::path::Path;

use common::mutate::{Rng, mutate};
use infragen::backend::generate_workspace;
use infragen::check::{Checked, check_dir, check_files, collect_dir};
use infragen::ir::Language;

/// The errors of generating a clean workspace in every language, one line each.
fn build_failures(what: &str, checked: &Checked) -> String {
    let mut out = String::new();
    for lang in Language::ALL {
        if let Err(e) = generate_workspace(&checked.workspace, Some(lang)) {
            out.push_str(&format!(
                "{what} checks clean but does not build in {}: {e}\n",
                lang.name()
            ));
        }
    }
    out
}

fn workspaces() -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    for name in common::EXAMPLES {
        out.push((
            format!("example `{name}`"),
            common::root().join("examples").join(name),
        ));
    }
    for dir in common::fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        out.push((format!("fixture `{name}`"), dir));
    }
    out
}

#[test]
fn examples_and_fixtures_build_in_every_language() {
    let mut failures = String::new();
    let all = workspaces();
    assert!(
        all.len() > common::EXAMPLES.len(),
        "no fixture workspaces found"
    );
    for (what, dir) in all {
        let checked = check_dir(Path::new(&dir)).expect("workspace is readable");
        assert!(
            !checked.has_errors(),
            "{what} has errors: {:?}",
            checked.diagnostics
        );
        failures.push_str(&build_failures(&what, &checked));
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn mutations_that_check_clean_build_in_every_language() {
    let iterations: usize = std::env::var("INFRAGEN_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seed = 0x005E_EDB1_11D5_u64;
    eprintln!("builds_everywhere: seed {seed:#x}, {iterations} mutations per example");
    let mut rng = Rng(seed);
    let mut failures = String::new();
    let mut clean = 0;
    for name in common::EXAMPLES {
        let dir = common::root().join("examples").join(name);
        let files = collect_dir(&dir).unwrap();
        let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).map_err(|e| e.to_string());
        for i in 0..iterations {
            let mut files = files.clone();
            let which = rng.below(files.len());
            files[which].1 = mutate(&files[which].1, &mut rng);
            let path = files[which].0.clone();
            let checked = check_files(files, &read);
            if checked.has_errors() {
                continue;
            }
            clean += 1;
            failures.push_str(&build_failures(
                &format!("mutation {i} of example `{name}` (file {path})"),
                &checked,
            ));
        }
    }
    eprintln!("builds_everywhere: {clean} mutated workspaces checked clean and were built");
    assert!(
        clean > 0,
        "no mutation checked clean: the test would prove nothing"
    );
    assert!(failures.is_empty(), "{failures}");
}

/// UI cases are written to show a diagnostic; one that only warns (checks without errors)
/// must build in every language too. Today every case has an error, so this guards the next
/// warning-only case.
#[test]
fn ui_cases_that_check_clean_build_in_every_language() {
    let ui = common::root().join("tests/ui");
    let mut failures = String::new();
    let mut walked = 0;
    let mut areas: Vec<_> = std::fs::read_dir(&ui)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    areas.sort();
    for area in areas {
        let mut cases: Vec<_> = std::fs::read_dir(&area)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        cases.sort();
        for case in cases {
            let checked = if case.is_dir() {
                check_dir(&case).expect("case is readable")
            } else if case.extension().is_some_and(|e| e == "infra") {
                let Ok(text) = std::fs::read_to_string(&case) else {
                    continue; // not UTF-8: an error case
                };
                let name = case.file_name().unwrap().to_string_lossy().into_owned();
                check_files(vec![(name, text)], &|_| Err("no extra files".into()))
            } else {
                continue;
            };
            walked += 1;
            if checked.has_errors() {
                continue;
            }
            let what = format!("UI case `{}`", case.strip_prefix(&ui).unwrap().display());
            failures.push_str(&build_failures(&what, &checked));
        }
    }
    assert!(
        walked > 50,
        "only {walked} UI cases found under {}",
        ui.display()
    );
    assert!(failures.is_empty(), "{failures}");
}
