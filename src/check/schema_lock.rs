//! `infragen.lock`: the provider schemas a project recorded with `infragen schema add`, each
//! with its version, file (relative to the project) and SHA-256, so a build reads exactly the
//! schema that was added, offline.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The lock file's name, in the project's directory.
pub const LOCK_FILE: &str = "infragen.lock";

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lock {
    /// Provider name -> its recorded schema.
    pub schemas: BTreeMap<String, LockedSchema>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LockedSchema {
    pub version: String,
    /// Relative to the project directory, with `/`.
    pub file: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

impl Lock {
    pub fn parse(text: &str) -> Result<Lock, String> {
        serde_json::from_str(text).map_err(|e| format!("`{LOCK_FILE}` is malformed: {e}"))
    }

    /// The lock file's text: sorted, two-space indented, ending in a newline.
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a lock serialises");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_parses_back() {
        let mut lock = Lock::default();
        lock.schemas.insert(
            "aws".into(),
            LockedSchema {
                version: "7.50.0".into(),
                file: "schemas/aws-7.50.0.json.gz".into(),
                sha256: "ab".into(),
            },
        );
        let text = lock.render();
        assert!(
            text.starts_with("{\n  \"schemas\": {\n    \"aws\": {\n"),
            "{text}"
        );
        assert_eq!(Lock::parse(&text).unwrap(), lock);
        assert!(Lock::parse("{").unwrap_err().contains("infragen.lock"));
    }
}
