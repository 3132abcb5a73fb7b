//! Applying a sync plan so that a build that fails or is killed at any moment can be undone.
//!
//! 1. Every new file is written to a staging directory beside the output directory; the output
//!    directory is not touched yet (a kill here leaves it as it was).
//! 2. A journal listing the operations is written to the staging directory: the commit point.
//! 3. Each replaced or removed file is moved into the staging directory's `backup/`, and each
//!    new file is moved into place (renames within one file system).
//! 4. The journal is deleted (the build is complete), then the staging directory.
//!
//! Before reading the output directory, a build (or `--check`, `--diff`) takes the directory's
//! lock and rolls back what an interrupted build left (`recover`): with a journal, backups are
//! moved back and added files removed; without one, the staging directory is simply
//! discarded. So the output directory is always either the previous output or, after the next
//! infragen run, restored to it, and what a build plans from is never a half-written tree.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::paths::safe_join;
use super::sync::SyncPlan;

const JOURNAL: &str = "journal.json";

#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// Paths that get new contents, and whether a previous file was there.
    writes: Vec<(String, bool)>,
    removes: Vec<String>,
}

/// The staging directory used for `out`: a hidden sibling, so it is on the same file system.
pub fn staging_dir(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.infragen-staging"))
}

/// Counts reported while applying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Pauses at a named point when `INFRAGEN_FAILPOINT` names it (tests kill the process there).
pub fn failpoint(name: &str) {
    if std::env::var("INFRAGEN_FAILPOINT").is_ok_and(|v| v == name) {
        eprintln!("failpoint {name}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

fn io(context: &str, path: &Path, e: std::io::Error) -> String {
    format!("{context} `{}`: {e}", path.display())
}

fn write_synced(path: &Path, contents: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io("cannot create", parent, e))?;
    }
    let mut f = std::fs::File::create(path).map_err(|e| io("cannot create", path, e))?;
    f.write_all(contents)
        .map_err(|e| io("cannot write", path, e))?;
    f.sync_all().map_err(|e| io("cannot sync", path, e))
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io("cannot create", parent, e))?;
    }
    std::fs::rename(from, to).map_err(|e| io("cannot move", from, e))
}

/// Rolls back whatever an interrupted build left in `out`. Returns whether there was anything.
pub fn recover(out: &Path) -> Result<bool, String> {
    let staging = staging_dir(out);
    if !staging.exists() {
        return Ok(false);
    }
    let journal_path = staging.join(JOURNAL);
    if let Ok(text) = std::fs::read_to_string(&journal_path) {
        let journal: Journal =
            serde_json::from_str(&text).map_err(|e| format!("unreadable build journal: {e}"))?;
        for (path, replaced) in journal.writes.iter().rev() {
            let target = safe_join(out, path)?;
            let backup = staging.join("backup").join(path);
            let staged = staging.join("new").join(path);
            if backup.exists() {
                rename(&backup, &target)?;
            } else if !replaced && !staged.exists() && target.exists() {
                std::fs::remove_file(&target).map_err(|e| io("cannot remove", &target, e))?;
            }
        }
        for path in &journal.removes {
            let backup = staging.join("backup").join(path);
            if backup.exists() {
                rename(&backup, &safe_join(out, path)?)?;
            }
        }
    }
    std::fs::remove_dir_all(&staging).map_err(|e| io("cannot remove", &staging, e))?;
    Ok(true)
}

/// Applies a plan to `out` (see the module documentation for why it is done in this order).
pub fn apply(
    out: &Path,
    plan: &SyncPlan,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), String> {
    recover(out)?;
    if plan.writes.is_empty() && plan.removes.is_empty() {
        return Ok(());
    }
    let staging = staging_dir(out);
    let total = plan.writes.len() + plan.removes.len();
    for (i, w) in plan.writes.iter().enumerate() {
        safe_join(out, &w.path)?;
        write_synced(&staging.join("new").join(&w.path), w.contents.as_bytes())?;
        if i == 0 {
            failpoint("staging");
        }
    }
    failpoint("staged");
    let journal = Journal {
        writes: plan
            .writes
            .iter()
            .map(|w| (w.path.clone(), w.replaces))
            .collect(),
        removes: plan.removes.clone(),
    };
    let tmp = staging.join("journal.tmp");
    write_synced(
        &tmp,
        serde_json::to_string(&journal)
            .unwrap_or_default()
            .as_bytes(),
    )?;
    rename(&tmp, &staging.join(JOURNAL))?;
    failpoint("committed");

    let mut done = 0;
    for w in &plan.writes {
        let target = safe_join(out, &w.path)?;
        if w.replaces && target.exists() {
            rename(&target, &staging.join("backup").join(&w.path))?;
        }
        rename(&staging.join("new").join(&w.path), &target)?;
        done += 1;
        progress(Progress { done, total });
        if done == 1 {
            failpoint("applying");
        }
    }
    for path in &plan.removes {
        let target = safe_join(out, path)?;
        if target.exists() {
            rename(&target, &staging.join("backup").join(path))?;
        }
        done += 1;
        progress(Progress { done, total });
    }
    failpoint("applied");
    let journal_path = staging.join(JOURNAL);
    std::fs::remove_file(&journal_path).map_err(|e| io("cannot remove", &journal_path, e))?;
    std::fs::remove_dir_all(&staging).map_err(|e| io("cannot remove", &staging, e))?;
    for path in &plan.removes {
        remove_empty_parents(out, path);
    }
    Ok(())
}

/// Removes directories that removing `path` left empty, up to (not including) `out`.
fn remove_empty_parents(out: &Path, path: &str) {
    let mut dir = Path::new(path).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if std::fs::remove_dir(out.join(d)).is_err() {
            break; // not empty (or already gone): stop
        }
        dir = d.parent();
    }
}
