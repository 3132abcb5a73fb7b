//! `infragen new` and `infragen add`: thin shells over `crate::scaffold`.

use std::io::Write as _;

use super::AddCommand;
use crate::scaffold::{NewProject, ScaffoldError, Writes, add_module, add_resource, new_project};

/// Applies the writes (or prints them with `dry_run`) and says what happened; exit 1 on a
/// refusal, with nothing written.
fn finish(writes: Result<Writes, ScaffoldError>, dry_run: bool, next: &str) -> u8 {
    let writes = match writes {
        Ok(w) => w,
        Err(e) => {
            eprint!("{}", e.render());
            return 1;
        }
    };
    if dry_run {
        let _ = std::io::stdout().write_all(writes.diff().as_bytes());
        eprintln!(
            "dry run: {} file(s) would be written; nothing was written",
            writes.0.len()
        );
        return 0;
    }
    if let Err(e) = writes.apply() {
        eprint!("{}", e.render());
        return 1;
    }
    for w in &writes.0 {
        let verb = if w.old.is_some() {
            "updated"
        } else {
            "created"
        };
        eprintln!("{verb} {}", w.path.display());
    }
    eprintln!("{next}");
    0
}

pub fn new(req: &NewProject, dry_run: bool) -> u8 {
    let next = match req.template {
        Some(_) => format!(
            "next: read {}, then `infragen check {}` and `infragen build {} --out out`",
            req.dir.join("README.md").display(),
            req.dir.display(),
            req.dir.display()
        ),
        None => format!(
            "next: `infragen add resource <kind> <name> --module <module> --project {}`, then `infragen check {}`",
            req.dir.display(),
            req.dir.display()
        ),
    };
    finish(new_project(req), dry_run, &next)
}

pub fn add(cmd: AddCommand) -> u8 {
    match cmd {
        AddCommand::Module {
            name,
            resources,
            project,
            force,
            dry_run,
        } => {
            let next = if resources.is_empty() {
                format!("next: `infragen add resource <kind> <name> --module {name}`")
            } else {
                format!(
                    "fill in the values marked `fill in`, then run `infragen check {}`",
                    project.display()
                )
            };
            finish(
                add_module(&project, &name, &resources, force),
                dry_run,
                &next,
            )
        }
        AddCommand::Resource {
            kind,
            name,
            module,
            project,
            dry_run,
        } => finish(
            add_resource(&project, &kind, &name, &module),
            dry_run,
            &format!(
                "fill in the values marked `fill in`, then run `infragen check {}`",
                project.display()
            ),
        ),
    }
}

/// `infragen new --list`.
pub fn list_starters() -> u8 {
    let _ = std::io::stdout().write_all(crate::scaffold::starters::list().as_bytes());
    0
}
