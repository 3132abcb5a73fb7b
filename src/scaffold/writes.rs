//! The files a scaffolding command writes, decided before anything is written: applied, or
//! shown as diffs with `--dry-run`.

use std::path::PathBuf;

use super::error::ScaffoldError;
use crate::output::unified_diff;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub path: PathBuf,
    /// What is there now (`None`: the file is new).
    pub old: Option<String>,
    pub new: String,
}

/// The files a command writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writes(pub Vec<FileWrite>);

impl Writes {
    /// A new file; an existing one is refused unless `force`.
    pub fn create(
        &mut self,
        path: PathBuf,
        text: String,
        force: bool,
    ) -> Result<(), ScaffoldError> {
        let old = read(&path)?;
        if old.is_some() && !force {
            return Err(ScaffoldError::Exists {
                path: path.display().to_string(),
            });
        }
        self.0.push(FileWrite {
            path,
            old,
            new: text,
        });
        Ok(())
    }

    /// `block` appended to the file at `path` (created with `header` first when missing).
    pub fn append(
        &mut self,
        path: PathBuf,
        header: &str,
        block: &str,
    ) -> Result<(), ScaffoldError> {
        let old = read(&path)?;
        let mut new = old.clone().unwrap_or_else(|| header.to_string());
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push('\n');
        new.push_str(block);
        self.0.push(FileWrite { path, old, new });
        Ok(())
    }

    /// Unified diffs of every write, for `--dry-run`.
    pub fn diff(&self) -> String {
        self.0
            .iter()
            .map(|w| {
                let name = w.path.display().to_string();
                unified_diff(&name, w.old.as_deref().unwrap_or(""), &w.new)
            })
            .collect()
    }

    pub fn apply(&self) -> Result<(), ScaffoldError> {
        for w in &self.0 {
            let io = |e: std::io::Error| ScaffoldError::Io {
                path: w.path.display().to_string(),
                message: e.to_string(),
            };
            if let Some(parent) = w.path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            std::fs::write(&w.path, &w.new).map_err(io)?;
        }
        Ok(())
    }
}

fn read(path: &std::path::Path) -> Result<Option<String>, ScaffoldError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ScaffoldError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}
