//! Which workspace a document belongs to. The editor's workspace folder covers the files below
//! it; a document opened from elsewhere is checked with the nearest folder above it that holds
//! a `project` declaration, or, when there is none, alone (its diagnostics then say why it
//! belongs to no project).

use std::path::{Path, PathBuf};

use crate::check::is_infra_file;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Every `.infra` file below the folder.
    Dir(PathBuf),
    /// One file on its own.
    File(PathBuf),
}

/// The scope that checks `file`, opened outside the editor's workspace folder.
pub fn scope_of(file: &Path) -> Scope {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if declares_project(d) {
            return Scope::Dir(d.to_path_buf());
        }
        dir = d.parent();
    }
    Scope::File(file.to_path_buf())
}

/// Whether a `.infra` file directly in `dir` starts a line with `project`.
fn declares_project(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        is_infra_file(&path)
            && path.is_file()
            && std::fs::read_to_string(&path).is_ok_and(|text| {
                text.lines().any(|l| {
                    l.strip_prefix("project")
                        .is_some_and(|r| r.starts_with(' '))
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_belongs_to_the_nearest_project_above_it_or_to_itself() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("infra/modules")).unwrap();
        std::fs::write(root.join("infra/project.infra"), "project demo {\n}\n").unwrap();
        std::fs::write(root.join("infra/modules/net.infra"), "module net\n").unwrap();
        std::fs::write(root.join("loose.infra"), "module loose\n").unwrap();
        assert_eq!(
            scope_of(&root.join("infra/modules/net.infra")),
            Scope::Dir(root.join("infra"))
        );
        assert_eq!(
            scope_of(&root.join("loose.infra")),
            Scope::File(root.join("loose.infra"))
        );
    }
}
