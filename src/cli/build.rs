//! `infragen build`

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::time::Instant;

use super::output::{ColorMode, io_error, print_human};
use crate::backend::generate_workspace;
use crate::check::check_dir;
use crate::ir::Language;
use crate::output::{Progress, apply, plan_sync, staging_dir};

#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    pub check: bool,
    pub diff: bool,
    pub force: bool,
}

pub fn run(path: &Path, lang: Option<Language>, out: &Path, mode: Mode, color: ColorMode) -> u8 {
    let started = Instant::now();
    let checked = match check_dir(path) {
        Ok(c) => c,
        Err(e) => return io_error(&format!("cannot read `{}`", path.display()), e),
    };
    if !checked.diagnostics.is_empty() {
        print_human(&checked, color);
    }
    if checked.has_errors() {
        return 1;
    }
    let files = match generate_workspace(&checked.workspace, lang) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let plan = match plan_sync(out, &files, mode.force) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if !plan.conflicts.is_empty() {
        for c in &plan.conflicts {
            eprintln!("error: {c}");
        }
        eprintln!(
            "nothing was written; keep your changes elsewhere, or pass --force to overwrite them"
        );
        return 1;
    }
    if mode.check || mode.diff {
        print!("{}", plan.diff.report());
    }
    if mode.check {
        if staging_dir(out).exists() {
            eprintln!(
                "note: an interrupted build left changes; the next `infragen build` rolls them back"
            );
        }
        return if plan.is_up_to_date() {
            eprintln!("{} is up to date ({} files)", out.display(), files.len());
            0
        } else {
            eprintln!(
                "{} is out of date: {} to add, {} to change, {} to remove",
                out.display(),
                plan.diff.added.len(),
                plan.diff.changed.len(),
                plan.diff.removed.len()
            );
            1
        };
    }
    let live = std::io::stderr().is_terminal();
    let mut report = |p: Progress| {
        if live && started.elapsed().as_millis() > 300 {
            eprint!("\rwriting {}/{} files", p.done, p.total);
            let _ = std::io::stderr().flush();
        }
    };
    if let Err(e) = apply(out, &plan, &mut report) {
        eprintln!("\nerror: {e}");
        eprintln!("the previous output is restored by the next `infragen build`");
        return 2;
    }
    if live && started.elapsed().as_millis() > 300 {
        eprint!("\r\x1b[K");
    }
    let written = plan
        .writes
        .iter()
        .filter(|w| w.path != crate::output::MANIFEST)
        .count();
    eprintln!(
        "built {} project(s) into {}: {} written, {} unchanged, {} removed ({:.1}s)",
        checked.workspace.projects.len(),
        out.display(),
        written,
        plan.unchanged,
        plan.removes.len(),
        started.elapsed().as_secs_f64()
    );
    0
}
