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
}
