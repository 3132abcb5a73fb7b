//! Keeping writes inside the output directory.

use std::path::{Component, Path, PathBuf};

/// Checks that a generated path is relative, has no `..`, and that nothing on the way to it
/// inside `root` is a symbolic link (which could lead outside). Returns the full path.
pub fn safe_join(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel_path.is_absolute() || rel.contains('\\') {
        return Err(format!("refusing to write `{rel}`: not a relative path"));
    }
    let mut full = root.to_path_buf();
    for c in rel_path.components() {
        match c {
            Component::Normal(part) => {
                full.push(part);
                if std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(format!(
                        "refusing to write `{rel}`: `{}` is a symbolic link",
                        full.display()
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "refusing to write `{rel}`: it leaves the output directory"
                ));
            }
        }
    }
    Ok(full)
}

/// The output directory as an absolute path without `.`, `..` or symbolic links (those of its
/// existing part are resolved), refused when writing there could destroy what is not
/// infragen's: the file system root, the home directory, or a directory holding the workspace.
pub fn resolve_out(out: &Path, workspace: &Path) -> Result<PathBuf, String> {
    let resolved = absolute(out)?;
    let shown = out.display();
    if resolved.parent().is_none() {
        return Err(format!(
            "refusing to build into `{shown}`: it is the root of the file system"
        ));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && absolute(Path::new(&home)).is_ok_and(|h| h == resolved)
    {
        return Err(format!(
            "refusing to build into `{shown}`: it is the home directory"
        ));
    }
    if absolute(workspace).is_ok_and(|w| w.starts_with(&resolved)) {
        return Err(format!(
            "refusing to build into `{shown}`: it contains the workspace `{}`",
            workspace.display()
        ));
    }
    Ok(resolved)
}

/// `to` relative to `from` (both absolute and resolved), with `/`: `../examples/dome`.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// `path` made absolute, with the symbolic links of its longest existing part resolved and
/// `.`/`..` removed from the rest.
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let full = cwd.join(path);
    let existing = full
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"));
    let mut out = existing
        .canonicalize()
        .map_err(|e| format!("cannot resolve `{}`: {e}", existing.display()))?;
    for c in full
        .strip_prefix(existing)
        .unwrap_or(Path::new(""))
        .components()
    {
        match c {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_leave_the_root() {
        let root = Path::new("/tmp/out");
        assert!(safe_join(root, "a/b.go").is_ok());
        assert!(safe_join(root, "../evil").is_err());
        assert!(safe_join(root, "a/../../evil").is_err());
        assert!(safe_join(root, "/etc/passwd").is_err());
        assert!(safe_join(root, "").is_err());
        assert!(safe_join(root, "./a").is_err());
    }

    #[test]
    fn relative_paths() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_path(&p("/w/out"), &p("/w/examples/dome")),
            "../examples/dome"
        );
        assert_eq!(relative_path(&p("/w/out"), &p("/w/out")), ".");
        assert_eq!(relative_path(&p("/a/b"), &p("/a/b/c")), "c");
    }

    #[test]
    fn refuses_output_directories_that_hold_more_than_output() {
        let ws = tempfile::tempdir().unwrap();
        let ws = ws.path();
        assert!(resolve_out(Path::new("/"), ws).is_err());
        assert!(resolve_out(Path::new("/tmp/.."), ws).is_err());
        assert!(resolve_out(ws, ws).is_err());
        assert!(resolve_out(ws.parent().unwrap(), ws).is_err());
        let out = resolve_out(&ws.join("x/../out"), &ws.join("src")).unwrap();
        assert_eq!(out, ws.canonicalize().unwrap().join("out"));
        if let Some(home) = std::env::var_os("HOME") {
            assert!(resolve_out(Path::new(&home), ws).is_err());
        }
    }
}
