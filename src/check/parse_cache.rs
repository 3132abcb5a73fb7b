//! Parse results kept between checks (the language server re-checks on every keystroke): a
//! file whose text and place in the source map are unchanged is not parsed again.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::diag::Diagnostic;
use crate::syntax::{FileId, ast};

#[derive(Default)]
pub struct ParseCache {
    entries: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    id: FileId,
    text: String,
    ast: ast::File,
    diagnostics: Vec<Diagnostic>,
}

impl ParseCache {
    /// The earlier parse of `path`, when it had the same id and text.
    pub(super) fn get(
        &self,
        path: &str,
        id: FileId,
        text: &str,
    ) -> Option<(ast::File, Vec<Diagnostic>)> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(path)?;
        (e.id == id && e.text == text).then(|| (e.ast.clone(), e.diagnostics.clone()))
    }

    pub(super) fn put(
        &self,
        path: &str,
        id: FileId,
        text: &str,
        ast: &ast::File,
        diagnostics: &[Diagnostic],
    ) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(
                path.to_string(),
                Entry {
                    id,
                    text: text.to_string(),
                    ast: ast.clone(),
                    diagnostics: diagnostics.to_vec(),
                },
            );
        }
    }

    /// Forgets files no longer in the workspace.
    pub(super) fn retain(&self, paths: &std::collections::BTreeSet<&str>) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|p, _| paths.contains(p.as_str()));
        }
    }
}
