//! The README documents what the code does.

mod common;

use infragen::diag::CODES;

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    for (code, _) in CODES {
        assert!(
            readme.contains(&format!("| {code} |")),
            "README lacks diagnostic {code}"
        );
    }
}

#[test]
fn every_example_checks_clean() {
    for example in common::EXAMPLES {
        common::check_example(example);
    }
}
