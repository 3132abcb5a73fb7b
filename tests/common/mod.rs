//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod mutate;

use std::path::{Path, PathBuf};

use infragen::backend::GeneratedFile;
use infragen::check::{Checked, check_dir};
use infragen::output::{compare_tree, read_tree};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped examples, by name.
pub const EXAMPLES: [&str; 6] = [
    "apex",
    "dome",
    "httpapi",
    "interviewai",
    "network",
    "sophia",
];

/// Checks a shipped example and fails with the rendered diagnostics if it has errors.
pub fn check_example(name: &str) -> Checked {
    check_workspace(&root().join("examples").join(name))
}

/// The fixture workspaces: every folder directly under `tests/fixtures/`, sorted.
pub fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// Checks a workspace folder and fails with the rendered diagnostics if it has errors.
pub fn check_workspace(dir: &Path) -> Checked {
    let checked = check_dir(dir).expect("workspace is readable");
    if checked.has_errors() {
        let mut buf = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        infragen::diag::render_human(&checked.sources, &checked.diagnostics, &mut buf).unwrap();
        panic!(
            "workspace `{}` has errors:\n{}",
            dir.display(),
            String::from_utf8_lossy(&buf.into_inner())
        );
    }
    checked
}

/// Re-blessing is on when INFRAGEN_BLESS=1, and refused on CI.
pub fn bless() -> bool {
    let on = std::env::var("INFRAGEN_BLESS").is_ok_and(|v| v == "1");
    if on && std::env::var_os("CI").is_some() {
        panic!("INFRAGEN_BLESS is refused on CI: goldens are reviewed, never rewritten there");
    }
    on
}

/// Compares `files` with the golden tree in `dir`; with blessing on, rewrites what differs
/// (and only that). Returns a report of the differences, empty when equal.
pub fn golden_tree(dir: &Path, files: &[GeneratedFile]) -> String {
    let existing = read_tree(dir).expect("golden tree is readable");
    let diff = compare_tree(&existing, files);
    if diff.is_empty() {
        return String::new();
    }
    if bless() {
        for f in files {
            let path = dir.join(&f.path);
            if existing.get(&f.path) != Some(&f.contents) {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &f.contents).unwrap();
            }
        }
        for removed in &diff.removed {
            std::fs::remove_file(dir.join(removed)).unwrap();
        }
        return String::new();
    }
    format!(
        "golden tree {} differs from the generated output (re-bless with INFRAGEN_BLESS=1 cargo test, then review the diff):\n{}",
        dir.display(),
        diff.report()
    )
}

/// Compares an observed resource graph (written by a generated program's tests under the mock
/// runtime) with the plan, both in the `infragen plan --format json` shape. Resources are
/// compared as a set keyed by URN (registration order differs between SDKs).
pub fn graph_diff(expected: &serde_json::Value, observed: &serde_json::Value) -> String {
    fn numbers(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => {
                if let Some(f) = n.as_f64()
                    && f.fract() == 0.0
                    && f.abs() < 9.0e15
                {
                    *v = serde_json::json!(f as i64);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(numbers),
            serde_json::Value::Object(map) => map.values_mut().for_each(numbers),
            _ => {}
        }
    }
    fn normalise(v: &serde_json::Value) -> String {
        let mut v = v.clone();
        numbers(&mut v);
        if let Some(list) = v.get_mut("resources").and_then(|r| r.as_array_mut()) {
            list.sort_by(|a, b| a["urn"].as_str().cmp(&b["urn"].as_str()));
        }
        let mut s = serde_json::to_string_pretty(&v).unwrap();
        s.push('\n');
        s
    }
    infragen::output::unified_diff("graph.json", &normalise(expected), &normalise(observed))
}

/// Where SDK downloads are cached between runs (outside the repository).
pub fn cache_dir() -> PathBuf {
    let dir = std::env::var_os("INFRAGEN_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into()))
                .join(".cache")
                .join("infragen")
        });
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fixture workspaces (`tests/fixtures/<name>/`), by name, sorted.
pub fn fixtures() -> Vec<(String, PathBuf)> {
    fixture_dirs()
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect()
}

/// A language of the registry by its name (`ir::Language::name`): the per-language tests name
/// their language as data, so the registry stays the one place that lists languages.
pub fn language(name: &str) -> infragen::ir::Language {
    infragen::ir::Language::parse(name)
        .unwrap_or_else(|| panic!("`{name}` is not a registered language"))
}

/// The fixture workspaces the real toolchain of `language` verifies: all, except those whose
/// `verify-languages` file (one language name per line, `#` comments) leaves it out.
pub fn fixture_dirs_verified_in(language: &str) -> Vec<PathBuf> {
    fixture_dirs()
        .into_iter()
        .filter(
            |dir| match std::fs::read_to_string(dir.join("verify-languages")) {
                Ok(text) => text
                    .lines()
                    .map(|l| l.split('#').next().unwrap_or("").trim())
                    .any(|l| l == language),
                Err(_) => true,
            },
        )
        .collect()
}

/// `INFRAGEN_VERIFY_ONLY=<part of a name>`: the verify tests check only the matching workspaces.
pub fn verify_selected(name: &str) -> bool {
    name.contains(&std::env::var("INFRAGEN_VERIFY_ONLY").unwrap_or_default())
}

/// A copy of the example `name` in a temporary directory, with `edit` applied to its
/// `project.infra`.
pub fn example_with(name: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in infragen::check::collect_dir(&root().join("examples").join(name)).unwrap() {
        let text = if path == "project.infra" {
            edit(text)
        } else {
            text
        };
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

/// Every starter of `infragen new --template`, created in `language` (as `new --template NAME
/// --lang L --name NAME` does) in a folder of `root`: the verify tests check them like the
/// examples. By name (`starter-<name>`), in the order of `new --list`.
pub fn starters(root: &Path, language: &str) -> Vec<(String, PathBuf)> {
    infragen::scaffold::starters::STARTERS
        .iter()
        .map(|starter| {
            let dir = root.join(format!("starter-{}", starter.name));
            let name = starter.name.replace('-', "_");
            let writes = infragen::scaffold::new_project(&infragen::scaffold::NewProject {
                dir: &dir,
                name: Some(&name),
                language: Some(self::language(language)),
                providers: &[],
                template: Some(starter.name),
                force: false,
            })
            .unwrap_or_else(|e| panic!("starter {}: {}", starter.name, e.render()));
            writes.apply().unwrap();
            (format!("starter-{}", starter.name), dir)
        })
        .collect()
}
