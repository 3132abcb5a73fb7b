//! Diagnostic snapshot tests: each `tests/ui/<area>/<case>.infra` (or `<case>/`, a directory
//! workspace) sits beside `<case>.stderr`, the exact rendered diagnostics.
//! Re-bless with `INFRAGEN_BLESS=1 cargo test --test ui` (refused when CI is set).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::NoColor;
use infragen::check::{Collected, check_collected, check_files};
use infragen::diag::{CODES, render_human};
use walkdir::WalkDir;

/// (case name, files as (path relative to tests/ui, text)).
fn cases() -> Vec<(PathBuf, Vec<(String, String)>)> {
    cases_collected()
        .into_iter()
        .map(|(case, c)| (case, c.files))
        .collect()
}

/// A file's text, read lossily, and where it stops being UTF-8.
fn read_lossy(path: &Path) -> (String, Option<usize>) {
    let bytes = std::fs::read(path).unwrap();
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some(e.utf8_error().valid_up_to()),
        ),
    }
}

/// Every case as the checker gets it from disk (invalid UTF-8 included).
fn cases_collected() -> Vec<(PathBuf, Collected)> {
    let ui = common::root().join("tests/ui");
    let mut out = Vec::new();
    for area in std::fs::read_dir(&ui).unwrap() {
        let area = area.unwrap().path();
        for entry in std::fs::read_dir(&area).unwrap() {
            let path = entry.unwrap().path();
            let rel = |p: &Path| {
                p.strip_prefix(&ui)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            };
            let mut collected = Collected::default();
            let mut add = |p: &Path| {
                let (text, invalid) = read_lossy(p);
                if let Some(at) = invalid {
                    collected.invalid_utf8.push((rel(p), at));
                }
                collected.files.push((rel(p), text));
            };
            if path.extension().is_some_and(|e| e == "infra") {
                add(&path);
                out.push((path.with_extension(""), collected));
            } else if path.is_dir() {
                for f in WalkDir::new(&path).sort_by_file_name() {
                    let f = f.unwrap();
                    if f.path().extension().is_some_and(|e| e == "infra") {
                        add(f.path());
                    }
                }
                out.push((path, collected));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn render(files: Collected) -> (String, bool) {
    let read = |p: &str| -> Result<String, String> {
        std::fs::read_to_string(common::root().join("tests/ui").join(p)).map_err(|e| e.to_string())
    };
    let checked = check_collected(files, &read);
    let mut buf = NoColor::new(Vec::new());
    render_human(&checked.sources, &checked.diagnostics, &mut buf).unwrap();
    (
        String::from_utf8(buf.into_inner()).unwrap(),
        checked.has_errors(),
    )
}

#[test]
fn diagnostics_match_snapshots() {
    let mut failures = String::new();
    let cases = cases_collected();
    assert!(
        cases.len() >= 40,
        "expected at least 40 UI cases, found {}",
        cases.len()
    );
    for (case, files) in cases {
        let (actual, has_errors) = render(files);
        let name = case.display().to_string();
        if !has_errors {
            failures.push_str(&format!(
                "{name}: expected at least one error, got none\n{actual}\n"
            ));
        }
        let stderr = case.with_extension("stderr");
        let expected = std::fs::read_to_string(&stderr).unwrap_or_default();
        if expected != actual {
            if common::bless() {
                std::fs::write(&stderr, &actual).unwrap();
            } else {
                failures.push_str(&infragen::output::unified_diff(&name, &expected, &actual));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "UI snapshots differ (re-bless with INFRAGEN_BLESS=1):\n{failures}"
    );
}

#[test]
fn every_diagnostic_code_has_a_case() {
    let mut seen = BTreeSet::new();
    for entry in WalkDir::new(common::root().join("tests/ui")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "stderr") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (code, _) in CODES {
                if text.contains(&format!("[{code}]")) {
                    seen.insert(*code);
                }
            }
        }
    }
    let missing: Vec<&str> = CODES
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "diagnostic codes without a UI case: {missing:?}"
    );
}

#[test]
fn json_output_has_the_documented_fields() {
    let (_, files) = cases().into_iter().next().unwrap();
    let read = |_: &str| -> Result<String, String> { Err("no".into()) };
    let checked = check_files(files, &read);
    let json = infragen::diag::render_json(&checked.sources, &checked.diagnostics);
    assert!(!json.is_empty());
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "labels",
            "help",
        ] {
            assert!(v.get(key).is_some(), "missing `{key}` in {line}");
        }
        assert!(v["line"].as_u64().unwrap() >= 1 && v["column"].as_u64().unwrap() >= 1);
    }
}
