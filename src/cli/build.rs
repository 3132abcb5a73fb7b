//! `infragen build`

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::time::Instant;

use super::output::{ColorMode, io_error, print_human};
use crate::backend::{generate_workspace, workspace_notes};
use crate::check::check_dir;
use crate::ir::Language;
use crate::output::{
    OutputLock, Progress, apply, failpoint, lock_output, plan_build, recover, relative_path,
    resolve_out,
};

#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    pub check: bool,
    pub diff: bool,
    pub force: bool,
}

pub fn run(path: &Path, lang: Option<Language>, out: &Path, mode: Mode, color: ColorMode) -> u8 {
    let started = Instant::now();
    let resolved = match resolve_out(out, path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("help: pass `--out` a directory of its own, outside the workspace");
            return 2;
        }
    };
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
    // One build at a time per output directory; what an interrupted build left is rolled back
    // before anything reads the directory.
    let _lock = match lock_and_recover(out, &resolved, mode) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let source = std::fs::canonicalize(path)
        .map(|w| relative_path(&resolved, &w))
        .ok();
    let plan = match plan_build(&resolved, &files, mode.force, source.as_deref()) {
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
    if let Err(e) = apply(&resolved, &plan, &mut report) {
        eprintln!("\nerror: {e}");
        eprintln!("the previous output is restored by the next `infragen build`");
        return 2;
    }
    if live && started.elapsed().as_millis() > 300 {
        eprint!("\r\x1b[K");
    }
    for note in workspace_notes(&checked.workspace, lang) {
        eprintln!("note: {note}");
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

/// Takes the output directory's lock (saying once who holds it when it must wait), then rolls
/// back what an interrupted build left. `--check` of a directory whose parent does not exist
/// has nothing to lock or recover, and creates nothing.
fn lock_and_recover(out: &Path, resolved: &Path, mode: Mode) -> Result<Option<OutputLock>, String> {
    let parent = resolved.parent().unwrap_or(resolved);
    if !parent.is_dir() {
        if mode.check {
            return Ok(None);
        }
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    let lock = lock_output(resolved, &mut |holder| match holder {
        Some(pid) => eprintln!(
            "waiting for another infragen build (pid {pid}) to finish writing {}",
            out.display()
        ),
        None => eprintln!(
            "waiting for another infragen build to finish writing {}",
            out.display()
        ),
    })?;
    failpoint("locked");
    if recover(resolved)? {
        eprintln!(
            "note: rolled back what an interrupted build left in {}",
            out.display()
        );
    }
    Ok(Some(lock))
}
