//! Writing generated trees and comparing them with what is on disk (goldens, `--check`).

mod diff;
mod tree;

pub use diff::unified_diff;
pub use tree::{TreeDiff, compare_tree, read_tree, write_tree};
