//! `textDocument/documentSymbol` and `workspace/symbol`: the checker's definitions as an
//! outline of a document and a searchable list over the workspace.

use lsp_types::{
    DocumentSymbolParams, DocumentSymbolResponse, SymbolInformation, SymbolKind as LspKind,
    WorkspaceSymbolParams,
};

use super::locate::Snapshot;
use crate::check::{Definition, SymbolKind};

fn lsp_kind(kind: SymbolKind) -> LspKind {
    match kind {
        SymbolKind::Project => LspKind::PACKAGE,
        SymbolKind::Module => LspKind::MODULE,
        SymbolKind::Resource => LspKind::OBJECT,
        SymbolKind::Component => LspKind::CLASS,
        SymbolKind::Instance => LspKind::VARIABLE,
        SymbolKind::Config => LspKind::PROPERTY,
        SymbolKind::Env => LspKind::ENUM_MEMBER,
        SymbolKind::Let => LspKind::CONSTANT,
        SymbolKind::Stack => LspKind::INTERFACE,
        SymbolKind::StackOutput => LspKind::FIELD,
        SymbolKind::Export => LspKind::EVENT,
        SymbolKind::Param => LspKind::TYPE_PARAMETER,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the older flat form
fn information(snap: &Snapshot, d: &Definition) -> Option<SymbolInformation> {
    Some(SymbolInformation {
        name: d.name.clone(),
        kind: lsp_kind(d.kind),
        tags: None,
        deprecated: None,
        location: snap.location(d.span)?,
        container_name: d.module.clone(),
    })
}

/// A module without a `module` line is named by its file: it is not a symbol of the file.
fn written(d: &Definition) -> bool {
    d.span.end > d.span.start
}

pub fn document(snap: &Snapshot, params: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let file = snap.file_of(&params.text_document.uri)?;
    let mut defs: Vec<&Definition> = snap
        .checked
        .symbols
        .definitions
        .iter()
        .filter(|d| d.span.file == file && written(d))
        .collect();
    defs.sort_by_key(|d| d.span.start);
    let symbols = defs
        .into_iter()
        .filter_map(|d| information(snap, d))
        .collect();
    Some(DocumentSymbolResponse::Flat(symbols))
}

/// Every definition whose name contains the query's characters in order (case-insensitive),
/// as editors' fuzzy pickers expect.
pub fn workspace(snap: &Snapshot, params: &WorkspaceSymbolParams) -> Vec<SymbolInformation> {
    let query = params.query.to_lowercase();
    let mut defs: Vec<&Definition> = snap
        .checked
        .symbols
        .definitions
        .iter()
        .filter(|d| written(d) && matches(&d.name.to_lowercase(), &query))
        .collect();
    defs.sort_by_key(|d| (d.name.len(), d.name.clone(), d.span));
    defs.into_iter()
        .filter_map(|d| information(snap, d))
        .collect()
}

fn matches(name: &str, query: &str) -> bool {
    let mut rest = name.chars();
    query.chars().all(|q| rest.any(|c| c == q))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn a_query_matches_its_characters_in_order() {
        assert!(matches("nat_logging", "natlog"));
        assert!(matches("network", ""));
        assert!(!matches("network", "wn"));
    }
}
