//! Finding `.infra` files on disk.

use std::path::Path;

use walkdir::WalkDir;

pub fn is_infra_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "infra")
}

/// Every `.infra` file below `root` as (relative path with `/`, text), sorted by path so the
/// result never depends on the order the file system lists directories in.
pub fn collect_dir(root: &Path) -> std::io::Result<Vec<(String, String)>> {
    if !root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("`{}` is not a directory", root.display()),
        ));
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(root).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name == "node_modules" || name == "target")
    }) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() && is_infra_file(entry.path()) {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(entry.path())?;
            files.push((rel, text));
        }
    }
    files.sort();
    Ok(files)
}
