//! Golden snapshots: `golden/<example>/<variant>/` holds exactly what infragen generates for
//! each shipped example (`plan` = every environment's plan; `go`, `typescript`, `python` = what
//! `infragen build examples/<example> --lang <lang> --out DIR` writes into DIR).
//! Re-bless with `INFRAGEN_BLESS=1 cargo test --test golden` (refused when CI is set).

mod common;

use infragen::backend::generate_workspace;
use infragen::ir::Language;
use infragen::ir::plan::plan_tree;

fn check_all(
    variant: &str,
    generate: impl Fn(&infragen::ir::Workspace) -> Vec<infragen::backend::GeneratedFile>,
) {
    let mut failures = String::new();
    for example in common::EXAMPLES {
        if !common::root().join("examples").join(example).exists() {
            failures.push_str(&format!("example `{example}` is missing\n"));
            continue;
        }
        let checked = common::check_example(example);
        let files = generate(&checked.workspace);
        let dir = common::root().join("golden").join(example).join(variant);
        failures.push_str(&common::golden_tree(&dir, &files));
    }
    assert!(failures.is_empty(), "{failures}");
}

fn check_language(lang: Language) {
    check_all(lang.name(), |ws| {
        generate_workspace(ws, Some(lang))
            .unwrap_or_else(|e| panic!("{} backend: {e}", lang.name()))
    });
}

#[test]
fn plan_goldens() {
    check_all("plan", plan_tree);
}

/// `golden/fixtures/<fixture>/plan/`: every environment's plan of each fixture workspace.
#[test]
fn fixture_plan_goldens() {
    let mut failures = String::new();
    for dir in common::fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let checked = common::check_workspace(&dir);
        let files = plan_tree(&checked.workspace);
        let golden = common::root()
            .join("golden/fixtures")
            .join(&name)
            .join("plan");
        failures.push_str(&common::golden_tree(&golden, &files));
    }
    assert!(failures.is_empty(), "{failures}");
}

/// Every language of the registry, each compared with its goldens.
#[test]
fn language_goldens() {
    for lang in Language::ALL {
        check_language(lang);
    }
}
