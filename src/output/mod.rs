//! Writing generated trees safely and comparing them with what is on disk: the ownership
//! manifest, one build at a time per output directory, staged writes that survive a killed
//! build, `--check` diffs, golden comparison.

mod apply;
mod diff;
mod lock;
mod manifest;
mod paths;
pub mod stack_merge;
mod stack_text;
mod sync;
mod tree;

pub use apply::{Progress, apply, failpoint, recover, staging_dir};
pub use diff::unified_diff;
pub use lock::{OutputLock, lock_output, lock_path};
pub use manifest::{MANIFEST, Manifest, hash};
pub use paths::{relative_path, resolve_out, safe_join};
pub use sync::{Conflict, SyncPlan, Write, plan_build, plan_sync};
pub use tree::{TreeDiff, compare_tree, read_tree, write_tree};
