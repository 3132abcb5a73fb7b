//! A generated tree as files on disk.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use super::unified_diff;
use crate::backend::GeneratedFile;

/// Every file below `dir` as relative path (with `/`) -> contents. Missing dir = empty tree.
pub fn read_tree(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path())?;
            out.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(out)
}

/// Writes files below `dir`, leaving files whose contents are already identical untouched.
pub fn write_tree(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<usize> {
    let mut written = 0;
    for f in files {
        let path = dir.join(&f.path);
        if std::fs::read(&path).is_ok_and(|old| old == f.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.contents)?;
        written += 1;
    }
    Ok(written)
}

/// How a directory differs from a generated tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeDiff {
    /// Files to add (generated, not on disk).
    pub added: Vec<String>,
    /// Files to remove (on disk, not generated).
    pub removed: Vec<String>,
    /// Changed files with their unified diffs (disk -> generated).
    pub changed: Vec<(String, String)>,
}

impl TreeDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Human-readable report: diffs, then the lists of files to add and remove.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (_, diff) in &self.changed {
            out.push_str(diff);
        }
        for a in &self.added {
            out.push_str(&format!("missing file (would be added): {a}\n"));
        }
        for r in &self.removed {
            out.push_str(&format!("extra file (would be removed): {r}\n"));
        }
        out
    }
}

/// Compares the tree on disk (`existing`) with the generated files.
pub fn compare_tree(existing: &BTreeMap<String, String>, files: &[GeneratedFile]) -> TreeDiff {
    let mut diff = TreeDiff::default();
    let generated: BTreeMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    for (path, contents) in &generated {
        match existing.get(*path) {
            None => diff.added.push(path.to_string()),
            Some(old) if old != contents => diff
                .changed
                .push((path.to_string(), unified_diff(path, old, contents))),
            Some(_) => {}
        }
    }
    for path in existing.keys() {
        if !generated.contains_key(path.as_str()) {
            diff.removed.push(path.clone());
        }
    }
    diff
}
