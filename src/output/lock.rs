//! One build at a time per output directory: an exclusive lock (`flock`) on a hidden sibling
//! file, `.DIR.infragen-lock`, holding the pid of the build that holds it.
//!
//! The lock file is removed when the lock is released. A build that opened the file just before
//! it was removed would lock a file nobody else can see, so after locking, a build checks that
//! the file it locked is still the one at the path, and starts over when it is not.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

/// The lock file used for `out` (a hidden sibling, like the staging directory).
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.infragen-lock"))
}

/// An exclusive lock on an output directory; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

/// Takes the lock on `out`, waiting for the build that holds it. `waiting` is called once,
/// with the holder's pid when it is known, if the lock is held by another build.
pub fn lock_output(out: &Path, waiting: &mut dyn FnMut(Option<u32>)) -> Result<OutputLock, String> {
    let path = lock_path(out);
    let mut told = false;
    loop {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| format!("cannot open the lock file `{}`: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !told {
                    told = true;
                    waiting(read_pid(&mut file));
                }
                file.lock()
                    .map_err(|e| format!("cannot lock `{}`: {e}", path.display()))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(format!("cannot lock `{}`: {e}", path.display()));
            }
        }
        // The holder we waited for may have removed the file: lock the one at the path.
        let locked = file.metadata().map_err(|e| e.to_string())?;
        let current = std::fs::metadata(&path);
        if !current.is_ok_and(|m| m.dev() == locked.dev() && m.ino() == locked.ino()) {
            continue;
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(|e| format!("cannot write the lock file `{}`: {e}", path.display()))?;
        return Ok(OutputLock { file, path });
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so no build can lock this file after it is gone.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = lock_output(&out, &mut |_| panic!("nobody holds it")).unwrap();
        assert!(lock_path(&out).exists());
        let (tx, rx) = std::sync::mpsc::channel();
        let out2 = out.clone();
        let waiter = std::thread::spawn(move || {
            let lock = lock_output(&out2, &mut |pid| tx.send(pid).unwrap()).unwrap();
            drop(lock);
        });
        let holder = rx.recv().unwrap();
        assert_eq!(holder, Some(std::process::id()));
        drop(first);
        waiter.join().unwrap();
        assert!(!lock_path(&out).exists(), "the lock file is removed");
    }
}
