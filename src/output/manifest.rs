//! The ownership manifest: which files in an output directory infragen generated, with the
//! SHA-256 of what it wrote, so a rebuild can tell its own stale files from hand-written ones
//! and notice generated files that were edited by hand since.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name inside the output directory.
pub const MANIFEST: &str = ".infragen-manifest.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always "infragen": a marker that the directory holds infragen output.
    pub generator: String,
    /// Relative path (with `/`) -> hex SHA-256 of the contents infragen wrote.
    pub files: BTreeMap<String, String>,
    /// Project folder -> the workspace that wrote it, as a path relative to the output
    /// directory: a rebuild of that workspace removes the folders it no longer writes (a
    /// renamed project). Folders of other workspaces are left alone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub projects: BTreeMap<String, String>,
    /// Co-owned stack file -> the config keys infragen wrote in it, with the hash of each
    /// value (see `stack_merge`): the other keys belong to the user.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stack_keys: BTreeMap<String, BTreeMap<String, String>>,
}

pub fn hash(contents: &[u8]) -> String {
    let digest = Sha256::digest(contents);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Manifest {
    pub fn new(files: BTreeMap<String, String>) -> Self {
        Manifest {
            generator: "infragen".into(),
            files,
            projects: BTreeMap::new(),
            stack_keys: BTreeMap::new(),
        }
    }

    /// Reads the manifest of `dir`; none when the directory holds no infragen output yet.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{} is not a valid manifest: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
