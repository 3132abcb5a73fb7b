//! Finding `.infra` files on disk.

use std::path::Path;

use walkdir::WalkDir;

pub fn is_infra_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "infra")
}

/// Every `.infra` file below `root` as (relative path with `/`, text), sorted by path so the
/// result never depends on the order the file system lists directories in. A file that is not
/// valid UTF-8 is read lossily; [`collect_dir_reporting`] also says where it is invalid.
pub fn collect_dir(root: &Path) -> std::io::Result<Vec<(String, String)>> {
    collect_dir_reporting(root).map(|c| c.files)
}

/// What [`collect_dir_reporting`] found.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<(String, String)>,
    /// Files that are not valid UTF-8: (relative path, byte offset of the first invalid byte).
    pub invalid_utf8: Vec<(String, usize)>,
}

/// Like [`collect_dir`], reporting invalid UTF-8. Symbolic links are followed when they lead
/// to a place inside `root`; a link loop or a link leading outside is skipped.
pub fn collect_dir_reporting(root: &Path) -> std::io::Result<Collected> {
    if !root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("`{}` is not a directory", root.display()),
        ));
    }
    let canonical_root = root.canonicalize()?;
    let mut out = Collected::default();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name == "node_modules" || name == "target")
    }) {
        let entry = match entry {
            Ok(e) => e,
            // walkdir reports a link that leads back to one of its own ancestors as a loop.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => return Err(std::io::Error::other(e)),
        };
        if entry.path_is_symlink()
            && !entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root))
        {
            continue;
        }
        if entry.file_type().is_file() && is_infra_file(entry.path()) {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path())?;
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    out.invalid_utf8
                        .push((rel.clone(), e.utf8_error().valid_up_to()));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            out.files.push((rel, text));
        }
    }
    out.files.sort();
    out.invalid_utf8.sort();
    Ok(out)
}
