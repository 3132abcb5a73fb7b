//! Writing generated trees safely and comparing them with what is on disk: the ownership
//! manifest, staged writes that survive a killed build, `--check` diffs, golden comparison.

mod apply;
mod diff;
mod manifest;
mod paths;
mod sync;
mod tree;

pub use apply::{Progress, apply, recover, staging_dir};
pub use diff::unified_diff;
pub use manifest::{MANIFEST, Manifest, hash};
pub use paths::safe_join;
pub use sync::{Conflict, SyncPlan, Write, plan_sync};
pub use tree::{TreeDiff, compare_tree, read_tree, write_tree};
