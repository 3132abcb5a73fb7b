//! `infragen import`: a thin shell over `crate::import`.

use std::path::{Path, PathBuf};

use crate::import::{ImportError, ModuleMap, Request, import};

fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|e| ImportError::Unreadable {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

fn refuse(e: ImportError) -> u8 {
    eprint!("{}", e.render());
    1
}

/// Reads the exports, writes the workspace into `out` (which must hold no `.infra` file) and
/// reports what was left out; exit 1 on a refusal, with nothing written.
pub fn run(states: &[PathBuf], out: &Path, project: Option<&str>, modules: Option<&Path>) -> u8 {
    let mut exports = Vec::new();
    for path in states {
        match read(path) {
            Ok(text) => exports.push((path.display().to_string(), text)),
            Err(e) => return refuse(e),
        }
    }
    let modules = match modules {
        None => ModuleMap::default(),
        Some(path) => {
            match read(path).and_then(|t| ModuleMap::parse(&path.display().to_string(), &t)) {
                Ok(m) => m,
                Err(e) => return refuse(e),
            }
        }
    };
    if let Some(taken) = infra_file_in(out) {
        return refuse(ImportError::OutputTaken {
            dir: out.display().to_string(),
            file: taken,
        });
    }
    let req = Request {
        exports,
        project: project.map(str::to_string),
        modules,
    };
    let imported = match import(&req) {
        Ok(i) => i,
        Err(e) => return refuse(e),
    };
    for w in &imported.warnings {
        eprint!("{}", w.render());
    }
    for (path, text) in &imported.files {
        let target = out.join(path);
        let written = std::fs::create_dir_all(out).and_then(|()| std::fs::write(&target, text));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", target.display());
            return 2;
        }
    }
    eprintln!(
        "imported {} resource(s) into {} file(s) in `{}`",
        imported.resources,
        imported.files.len(),
        out.display()
    );
    for key in &imported.secrets {
        eprintln!("secret: set it in every stack with `pulumi config set --secret {key}`");
    }
    eprintln!("next: `infragen check {}`", out.display());
    0
}

/// The first `.infra` file directly in `dir`, if any.
fn infra_file_in(dir: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".infra"))
        .collect();
    names.sort();
    names.into_iter().next()
}
