//! Go to definition, find references and document highlights, from the checker's symbol
//! index. A stack reference leads into the project that produces it, a stack output into the
//! export it reads, when that project is in the workspace.

use lsp_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams, GotoDefinitionParams,
    GotoDefinitionResponse, Location, ReferenceParams,
};

use super::locate::Snapshot;
use crate::check::Target;

/// The definition the occurrence at a position names.
fn definition_at(
    snap: &Snapshot,
    uri: &lsp_types::Uri,
    position: lsp_types::Position,
) -> Option<usize> {
    match snap.occurrence(uri, position)?.target {
        Target::Definition(id) => Some(id),
        _ => None,
    }
}

pub fn definition(
    snap: &Snapshot,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = &params.text_document_position_params;
    let id = definition_at(snap, &at.text_document.uri, at.position)?;
    let defs = &snap.checked.symbols.definitions;
    let d = &defs[id];
    let span = d.produced_by.map_or(d.span, |p| defs[p].span);
    Some(GotoDefinitionResponse::Scalar(snap.location(span)?))
}

/// The definitions whose references are one name's: the definition, and the stack references
/// and outputs it produces (their uses read it in another project).
fn family(snap: &Snapshot, id: usize) -> Vec<usize> {
    let defs = &snap.checked.symbols.definitions;
    let root = defs[id].produced_by.unwrap_or(id);
    let mut ids = vec![root];
    ids.extend((0..defs.len()).filter(|&d| defs[d].produced_by == Some(root)));
    ids
}

pub fn references(snap: &Snapshot, params: &ReferenceParams) -> Vec<Location> {
    let at = &params.text_document_position;
    let Some(id) = definition_at(snap, &at.text_document.uri, at.position) else {
        return Vec::new();
    };
    let include = params.context.include_declaration;
    let defs = &snap.checked.symbols.definitions;
    let mut spans = Vec::new();
    for d in family(snap, id) {
        spans.extend(
            snap.checked
                .symbols
                .occurrences_of(d)
                .filter(|o| include || o.span != defs[d].span)
                .map(|o| o.span),
        );
    }
    spans.sort();
    spans.dedup();
    spans.into_iter().filter_map(|s| snap.location(s)).collect()
}

/// The occurrences of the name at a position within the same document: its declaration is
/// written, every use read.
pub fn highlights(snap: &Snapshot, params: &DocumentHighlightParams) -> Vec<DocumentHighlight> {
    let at = &params.text_document_position_params;
    let Some(id) = definition_at(snap, &at.text_document.uri, at.position) else {
        return Vec::new();
    };
    let Some(file) = snap.file_of(&at.text_document.uri) else {
        return Vec::new();
    };
    let defs = &snap.checked.symbols.definitions;
    snap.checked
        .symbols
        .occurrences_of(id)
        .filter(|o| o.span.file == file)
        .map(|o| DocumentHighlight {
            range: snap.range(o.span),
            kind: Some(if o.span == defs[id].span {
                DocumentHighlightKind::WRITE
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect()
}
