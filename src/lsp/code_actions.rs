//! `textDocument/codeAction`: quick fixes for the checker's diagnostics in the requested range.
//! A did-you-mean suggestion replaces what it names (`Diagnostic::replacement`); a resource
//! missing required inputs (E0203) gets them, each a value of its type marked `// fill in`, as
//! `infragen add resource` writes them; an unknown config key (E0207) is declared.

use std::collections::{BTreeSet, HashMap};

use heck::ToSnakeCase;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::convert::to_lsp;
use super::locate::Snapshot;
use crate::check::{Fields, SymbolKind};
use crate::diag::Diagnostic;
use crate::syntax::{FileId, Span};

const MISSING_PROPERTY: &str = "E0203";
const UNKNOWN_CONFIG: &str = "E0207";

pub fn actions(snap: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some(file) = snap.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let from = snap.offset(file, params.range.start);
    let to = snap.offset(file, params.range.end);
    let mut out = Vec::new();
    let mut completed: BTreeSet<Span> = BTreeSet::new();
    for d in &snap.checked.diagnostics {
        let span = d.primary.span;
        if span.file != file || span.end < from || span.start > to {
            continue;
        }
        if let Some(text) = &d.replacement {
            let edit = (span, text.clone());
            out.push(fix(
                snap,
                d,
                format!("Replace with `{text}`"),
                vec![edit],
                true,
            ));
        }
        if d.code == MISSING_PROPERTY
            && let Some(scope) = snap.checked.symbols.scope_at(file, span.start)
            && completed.insert(scope.span)
            && let Some(edit) = missing_inputs(snap, scope)
        {
            let title = "Add the missing required properties".to_string();
            out.push(fix(snap, d, title, vec![edit], false));
        }
        if d.code == UNKNOWN_CONFIG
            && let Some(edit) = declare_config(snap, file, span)
        {
            let key = text_of(snap, span);
            out.push(fix(
                snap,
                d,
                format!("Declare config key `{key}`"),
                vec![edit],
                false,
            ));
        }
    }
    out
}

/// A quick fix of one diagnostic by replacing spans.
#[allow(clippy::mutable_key_type)] // the protocol's `WorkspaceEdit::changes` is keyed by `Uri`
fn fix(
    snap: &Snapshot,
    d: &Diagnostic,
    title: String,
    edits: Vec<(Span, String)>,
    preferred: bool,
) -> CodeActionOrCommand {
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for (span, new_text) in edits {
        if let Some(uri) = snap.uri_of(span.file) {
            changes.entry(uri).or_default().push(TextEdit {
                range: snap.range(span),
                new_text,
            });
        }
    }
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(&snap.checked.sources, snap.root, d)]),
        edit: Some(WorkspaceEdit::new(changes)),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn text_of<'a>(snap: &'a Snapshot, span: Span) -> &'a str {
    snap.checked
        .sources
        .get(span.file)
        .text
        .get(span.range())
        .unwrap_or_default()
}

/// The required inputs a resource body lacks, as lines before its closing brace (which must
/// be on a line of its own).
fn missing_inputs(snap: &Snapshot, scope: &crate::check::Scope) -> Option<(Span, String)> {
    let Fields::Kind(token) = &scope.fields else {
        return None;
    };
    let schema = snap.checked.symbols.schemas[scope.project].resolve_kind(token)?;
    let text = &snap.checked.sources.get(scope.span.file).text;
    let close = scope.span.end as usize - 1;
    if text.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..close];
    if !indent.chars().all(char::is_whitespace) {
        return None;
    }
    let mut lines = String::new();
    for name in &schema.required_inputs {
        let key = name.to_snake_case();
        if scope.written.iter().any(|w| *w == key || w == name) {
            continue;
        }
        let ty = schema
            .inputs
            .get(name)
            .map_or(crate::ir::Type::String, |p| p.ty.clone());
        let value = crate::scaffold::sample_value(&ty);
        lines.push_str(&format!("{indent}  {key} = {value} // fill in: {ty}\n"));
    }
    let at = Span::new(scope.span.file, line_start, line_start);
    Some((at, lines))
}

/// `key: string` as the first key of the project's `config` block, or a new block at the end
/// of the project's file when it has none.
fn declare_config(snap: &Snapshot, file: FileId, span: Span) -> Option<(Span, String)> {
    let key = text_of(snap, span);
    let (project, _) = snap.module_of(file)?;
    let defs = &snap.checked.symbols.definitions;
    let first = defs
        .iter()
        .filter(|d| d.project == project && d.kind == SymbolKind::Config)
        .min_by_key(|d| (d.span.file, d.span.start));
    if let Some(first) = first {
        let text = &snap.checked.sources.get(first.span.file).text;
        let start = first.span.start as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..start];
        if !indent.chars().all(char::is_whitespace) {
            return None;
        }
        // Doc comments above the first key stay with it.
        let mut at = line_start;
        while at > 0 {
            let prev = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            if !text[prev..at].trim_start().starts_with("///") {
                break;
            }
            at = prev;
        }
        let insert = Span::new(first.span.file, at, at);
        return Some((insert, format!("{indent}{key}: string\n")));
    }
    let project_def = defs
        .iter()
        .find(|d| d.project == project && d.kind == SymbolKind::Project)?;
    let text = &snap.checked.sources.get(project_def.span.file).text;
    let end = text.len();
    let lead = if text.ends_with('\n') { "\n" } else { "\n\n" };
    let insert = Span::new(project_def.span.file, end, end);
    Some((insert, format!("{lead}config {{\n  {key}: string\n}}\n")))
}
