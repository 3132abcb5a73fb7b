//! The whole pipeline on one input, for the fuzz targets (`fuzz/`) and their regression tests
//! (`tests/fuzz_regressions.rs`): a workspace is encoded as bytes, its files separated by NUL,
//! the first being `project.infra`; it is checked, its diagnostics rendered both ways, and a
//! clean workspace is planned in every environment and generated in every language.

use codespan_reporting::term::termcolor::NoColor;

use crate::backend::generate_workspace;
use crate::check::{Checked, check_files};
use crate::diag::{render_human, render_json};
use crate::ir::Language;
use crate::ir::plan::{Evaluator, plan_tree};

/// The files of an encoded workspace; `None` when a file is not UTF-8 (reading files reports
/// that before checking, see `check::load`).
pub fn decode(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    bytes
        .split(|b| *b == 0)
        .enumerate()
        .map(|(i, part)| {
            let name = if i == 0 {
                "project.infra".to_string()
            } else {
                format!("m{i}.infra")
            };
            Some((name, String::from_utf8(part.to_vec()).ok()?))
        })
        .collect()
}

/// The bytes of a workspace: its project file first (`project.infra`), then the others.
pub fn encode(files: &[(String, String)]) -> Vec<u8> {
    let mut ordered: Vec<&(String, String)> = files.iter().collect();
    ordered.sort_by_key(|(path, _)| path != "project.infra");
    let mut out = Vec::new();
    for (i, (_, text)) in ordered.iter().enumerate() {
        if i > 0 {
            out.push(0);
        }
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// Parses and checks `files` and renders their diagnostics both ways.
pub fn check(files: Vec<(String, String)>) -> Checked {
    let no_files = |_: &str| -> Result<String, String> { Err("not available".into()) };
    let checked = check_files(files, &no_files);
    let _ = render_json(&checked.sources, &checked.diagnostics);
    let mut human = NoColor::new(Vec::new());
    let _ = render_human(&checked.sources, &checked.diagnostics, &mut human);
    checked
}

/// Runs every stage a user can reach on `files`; panics are the findings.
pub fn exercise(files: Vec<(String, String)>) {
    let checked = check(files);
    if checked.has_errors() {
        return;
    }
    for project in &checked.workspace.projects {
        for env in &project.envs {
            if let Some(eval) = Evaluator::new(project, &env.name) {
                let _ = eval.plan();
            }
        }
    }
    let _ = plan_tree(&checked.workspace);
    for language in Language::ALL {
        let _ = generate_workspace(&checked.workspace, Some(language));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_with_the_project_first() {
        let files = vec![
            ("a.infra".to_string(), "module a\n".to_string()),
            ("project.infra".to_string(), "project p {}\n".to_string()),
        ];
        let bytes = encode(&files);
        assert_eq!(bytes, b"project p {}\n\0module a\n");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            decoded[0],
            ("project.infra".into(), "project p {}\n".into())
        );
        assert_eq!(decoded[1], ("m1.infra".into(), "module a\n".into()));
        assert_eq!(decode(b"\xff"), None);
    }
}
