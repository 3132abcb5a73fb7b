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
use super::workspaces::{Scope, scope_of};
use crate::check::{Checked, ParseCache, check_files_cached, collect_dir};

pub struct Documents {
    root: Option<PathBuf>,
    /// Open documents by absolute path: their unsaved text wins over the disk.
    open: BTreeMap<PathBuf, String>,
    /// The version of each open document, sent back with its diagnostics.
    versions: BTreeMap<PathBuf, i32>,
    /// Files that had diagnostics last time (to clear them when they are fixed).
    published: BTreeSet<PathBuf>,
    /// The parse cache of each scope checked last time.
    parses: BTreeMap<Scope, ParseCache>,
    /// The last check of each scope, by the scope's folder (requests answer from it).
    checks: BTreeMap<PathBuf, Checked>,
}

impl Documents {
    pub fn new(root: Option<PathBuf>) -> Self {
        Documents {
            root,
            open: BTreeMap::new(),
            versions: BTreeMap::new(),
            published: BTreeSet::new(),
            parses: BTreeMap::new(),
            checks: BTreeMap::new(),
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

    /// The last check of the scope holding `uri` (the deepest folder holding it), with the
    /// folder its file names are relative to.
    pub fn checked_of(&self, uri: &Uri) -> Option<(&Path, &Checked)> {
        self.snapshot(Some(uri)).map(|s| (s.root, s.checked))
    }

    /// The last check of the scope holding `uri` (the deepest folder), or without one of the
    /// editor's workspace folder.
    pub fn snapshot(&self, uri: Option<&Uri>) -> Option<Snapshot<'_>> {
        let path = match uri {
            Some(uri) => uri_to_path(uri)?,
            None => self.root.clone()?,
        };
        self.checks
            .iter()
            .filter(|(root, _)| path.starts_with(root))
            .max_by_key(|(root, _)| root.as_os_str().len())
            .map(|(root, checked)| Snapshot { checked, root })
    }

    /// Whether anything was checked yet.
    pub fn checked_once(&self) -> bool {
        !self.checks.is_empty()
    }

    /// The scopes to check: the workspace folder, and the scope of each open document outside it.
    fn scopes(&self) -> BTreeSet<Scope> {
        let mut scopes = BTreeSet::new();
        if let Some(root) = &self.root {
            scopes.insert(Scope::Dir(root.clone()));
        }
        for path in self.open.keys() {
            if !self.root.as_ref().is_some_and(|r| path.starts_with(r)) {
                scopes.insert(scope_of(path));
            }
        }
        scopes
    }

    /// The files of a scope, the open documents' text winning over the disk, and its folder.
    fn files_of(&self, scope: &Scope) -> (PathBuf, Vec<(String, String)>) {
        let (root, mut files) = match scope {
            Scope::Dir(root) => {
                let files: BTreeMap<String, String> =
                    collect_dir(root).unwrap_or_default().into_iter().collect();
                (root.clone(), files)
            }
            Scope::File(file) => {
                // Named with its folder, so that a diagnostic can say which folder has no project.
                let dir = file.parent().unwrap_or(file);
                let root = dir.parent().unwrap_or(dir).to_path_buf();
                let mut files = BTreeMap::new();
                if let Ok(text) = std::fs::read_to_string(file) {
                    files.insert(rel(&root, file), text);
                }
                (root, files)
            }
        };
        for (path, text) in &self.open {
            let inside = match scope {
                Scope::Dir(root) => path.starts_with(root),
                Scope::File(file) => path == file,
            };
            if inside {
                files.insert(rel(&root, path), text.clone());
            }
        }
        (root, files.into_iter().collect())
    }

    /// Checks every scope and returns diagnostics for every file that has or had some.
    pub fn publish(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut by_file: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        let scopes = self.scopes();
        let mut checks = BTreeMap::new();
        self.parses.retain(|scope, _| scopes.contains(scope));
        for scope in scopes {
            let (root, files) = self.files_of(&scope);
            let read_root = root.clone();
            let read = move |rel: &str| -> Result<Vec<u8>, String> {
                std::fs::read(read_root.join(rel)).map_err(|e| e.to_string())
            };
            let parses = self.parses.entry(scope).or_default();
            let checked = check_files_cached(files, &read, parses);
            for d in &checked.diagnostics {
                let file = root.join(&checked.sources.get(d.primary.span.file).name);
                by_file
                    .entry(file)
                    .or_default()
                    .push(to_lsp(&checked.sources, &root, d));
            }
            checks.insert(root, checked);
        }
        self.checks = checks;
        let mut out = Vec::new();
        // Every open document hears back (an empty list says its version checked clean), and
        // files that had diagnostics (fixed, deleted or renamed since) are cleared.
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
        out
    }
}

/// `path` relative to `root`, with `/`, as the checker names files.
fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
