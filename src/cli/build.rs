//! `infragen build`

use std::path::Path;

use super::output::{ColorMode, io_error, print_human};
use crate::backend::generate_workspace;
use crate::check::check_dir;
use crate::ir::Language;
use crate::output::write_tree;

pub fn run(path: &Path, lang: Option<Language>, out: &Path, color: ColorMode) -> u8 {
    let checked = match check_dir(path) {
        Ok(c) => c,
        Err(e) => return io_error(&format!("cannot read `{}`", path.display()), e),
    };
    if checked.has_errors() {
        print_human(&checked, color);
        return 1;
    }
    if !checked.diagnostics.is_empty() {
        print_human(&checked, color);
    }
    let files = match generate_workspace(&checked.workspace, lang) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    match write_tree(out, &files) {
        Ok(written) => {
            eprintln!(
                "built {} project(s) into {}: {} file(s), {} written, {} unchanged",
                checked.workspace.projects.len(),
                out.display(),
                files.len(),
                written,
                files.len() - written
            );
            0
        }
        Err(e) => io_error(&format!("cannot write `{}`", out.display()), e),
    }
}
