//! Open documents over the files on disk, and checking them together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lsp_server::Notification;
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    PublishDiagnosticsParams, Uri,
};

use super::convert::{path_to_uri, to_lsp, uri_to_path};
use super::locate::Snapshot;
use crate::check::{Checked, ParseCache, check_files_cached, collect_dir};

pub struct Documents {
    root: Option<PathBuf>,
    /// Open documents by absolute path: their unsaved text wins over the disk.
    open: BTreeMap<PathBuf, String>,
    /// The version of each open document, sent back with its diagnostics.
    versions: BTreeMap<PathBuf, i32>,
    /// Files that had diagnostics last time (to clear them when they are fixed).
    published: BTreeSet<PathBuf>,
    parses: ParseCache,
    /// The last check and the root it was made from, for requests.
    last: Option<(Checked, PathBuf)>,
}

impl Documents {
    pub fn new(root: Option<PathBuf>) -> Self {
        Documents {
            root,
            open: BTreeMap::new(),
            versions: BTreeMap::new(),
            published: BTreeSet::new(),
            parses: ParseCache::default(),
            last: None,
        }
    }

    /// Updates the open documents; true when the workspace should be checked again.
    pub fn apply(&mut self, n: &Notification) -> bool {
        if !super::is_document_change(&n.method) {
            return false;
        }
        let path_of = |uri: &Uri| uri_to_path(uri);
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params.clone())
                    && let Some(path) = path_of(&p.text_document.uri)
                {
                    self.versions.insert(path.clone(), p.text_document.version);
                    self.open.insert(path, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) =
                    serde_json::from_value::<DidChangeTextDocumentParams>(n.params.clone())
                    && let Some(path) = path_of(&p.text_document.uri)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.versions.insert(path.clone(), p.text_document.version);
                    self.open.insert(path, change.text);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) =
                    serde_json::from_value::<DidCloseTextDocumentParams>(n.params.clone())
                    && let Some(path) = path_of(&p.text_document.uri)
                {
                    self.versions.remove(&path);
                    self.open.remove(&path);
                }
            }
            _ => {}
        }
        true
    }

    /// A document's text: the editor's unsaved text if it is open, else the file on disk.
    pub fn text(&self, uri: &Uri) -> Option<String> {
        let path = uri_to_path(uri)?;
        match self.open.get(&path) {
            Some(text) => Some(text.clone()),
            None => std::fs::read_to_string(&path).ok(),
        }
    }

    fn root(&self) -> Option<PathBuf> {
        self.root.clone().or_else(|| {
            self.open
                .keys()
                .next()
                .and_then(|p| p.parent())
                .map(Path::to_path_buf)
        })
    }

    /// Checks the workspace and returns diagnostics for every file that has or had some.
    pub fn publish(&mut self) -> Vec<PublishDiagnosticsParams> {
        let Some(root) = self.root() else {
            return Vec::new();
        };
        let mut files: BTreeMap<String, String> =
            collect_dir(&root).unwrap_or_default().into_iter().collect();
        for (path, text) in &self.open {
            if let Ok(rel) = path.strip_prefix(&root) {
                files.insert(rel.to_string_lossy().replace('\\', "/"), text.clone());
            }
        }
        let read_root = root.clone();
        let read = move |rel: &str| -> Result<Vec<u8>, String> {
            std::fs::read(read_root.join(rel)).map_err(|e| e.to_string())
        };
        let checked = check_files_cached(files.into_iter().collect(), &read, &self.parses);
        let mut by_file: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for d in &checked.diagnostics {
            let file = root.join(&checked.sources.get(d.primary.span.file).name);
            by_file
                .entry(file)
                .or_default()
                .push(to_lsp(&checked.sources, &root, d));
        }
        let mut out = Vec::new();
        // Every open document hears back (an empty list says its version checked clean), and
        // files that had diagnostics are cleared.
        let mut to_clear = std::mem::take(&mut self.published);
        to_clear.extend(self.open.keys().cloned());
        for stale in to_clear {
            if !by_file.contains_key(&stale)
                && let Some(uri) = path_to_uri(&stale)
            {
                let version = self.versions.get(&stale).copied();
                out.push(PublishDiagnosticsParams::new(uri, Vec::new(), version));
            }
        }
        for (file, diagnostics) in by_file {
            if let Some(uri) = path_to_uri(&file) {
                let version = self.versions.get(&file).copied();
                self.published.insert(file);
                out.push(PublishDiagnosticsParams::new(uri, diagnostics, version));
            }
        }
        self.last = Some((checked, root));
        out
    }

    /// The last check, as requests read it.
    pub fn snapshot(&self) -> Option<Snapshot<'_>> {
        self.last
            .as_ref()
            .map(|(checked, root)| Snapshot { checked, root })
    }
}
