//! `textDocument/prepareRename` and `textDocument/rename`: resources, config keys, components,
//! modules (those with a `module` line), `let` values and component parameters, with every
//! occurrence across the workspace edited. A resource whose logical name follows its DSL name
//! keeps its live resource: the edit adds `moved { from = OLD  to = NEW }` (README "Logical
//! names and aliases"), which every backend emits as an alias.

use std::collections::HashMap;

use heck::ToKebabCase;
use lsp_types::{
    ChangeAnnotation, Position, PrepareRenameResponse, Range, RenameParams,
    TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::locate::{Snapshot, position_in};
use crate::check::{Definition, SymbolKind, Target};

/// Words the grammar reads as keywords, and the names every scope starts with.
const RESERVED: &[&str] = &[
    "project",
    "config",
    "env",
    "module",
    "resource",
    "component",
    "use",
    "stack",
    "export",
    "bind",
    "var",
    "secret",
    "options",
    "providers",
    "provider",
    "true",
    "false",
    "null",
    "let",
    "as",
    "moved",
    "if",
    "else",
    "when",
    "for",
    "in",
];

/// The definition at a position if it can be renamed, else why not.
fn renamable(snap: &Snapshot, at: &TextDocumentPositionParams) -> Result<usize, String> {
    let occurrence = snap
        .occurrence(&at.text_document.uri, at.position)
        .ok_or("there is no name here to rename")?;
    let Target::Definition(id) = occurrence.target else {
        return Err("a schema's kind or property cannot be renamed".into());
    };
    let d = &snap.checked.symbols.definitions[id];
    match d.kind {
        SymbolKind::Resource
        | SymbolKind::Config
        | SymbolKind::Component
        | SymbolKind::Let
        | SymbolKind::Param => Ok(id),
        SymbolKind::Module if d.span.end > d.span.start => Ok(id),
        SymbolKind::Module => Err(format!(
            "module `{}` is named by its file or folder: rename that instead",
            d.name
        )),
        SymbolKind::Env => Err("an environment is a stack's name: renaming it starts a new stack".into()),
        SymbolKind::Export | SymbolKind::StackOutput | SymbolKind::Stack => Err(
            "stack outputs are read by name from other stacks: rename the export and its readers together by hand".into(),
        ),
        SymbolKind::Instance => Err(
            "renaming a component instance renames every child's URN, which `moved` cannot record yet".into(),
        ),
        SymbolKind::Project => Err("a project's name is its Pulumi project's name".into()),
    }
}

pub fn prepare(
    snap: &Snapshot,
    at: &TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, String> {
    let id = renamable(snap, at)?;
    let occurrence = snap
        .occurrence(&at.text_document.uri, at.position)
        .ok_or("there is no name here to rename")?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(occurrence.span),
        placeholder: snap.checked.symbols.definitions[id].name.clone(),
    }))
}

#[allow(clippy::mutable_key_type)] // the protocol's `WorkspaceEdit::changes` is keyed by `Uri`
pub fn rename(snap: &Snapshot, params: &RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    let id = renamable(snap, &params.text_document_position)?;
    let defs = &snap.checked.symbols.definitions;
    let d = &defs[id];
    let new = params.new_name.as_str();
    check_name(new)?;
    if new == d.name {
        return Ok(None);
    }
    if let Some(taken) = defs.iter().find(|o| clashes(o, d, new)) {
        return Err(format!(
            "`{new}` is taken by the {} declared at {}",
            taken.kind.word(),
            place(snap, taken)
        ));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for o in snap.checked.symbols.occurrences_of(id) {
        if let Some(uri) = snap.uri_of(o.span.file) {
            changes.entry(uri).or_default().push(TextEdit {
                range: snap.range(o.span),
                new_text: new.to_string(),
            });
        }
    }
    if let Some(old) = &d.logical_name
        && new.to_kebab_case() != *old
        && let Some(uri) = snap.uri_of(d.span.file)
    {
        changes
            .entry(uri)
            .or_default()
            .push(moved_block(snap, d, new));
    }
    for edits in changes.values_mut() {
        edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
    }
    let mut edit = WorkspaceEdit::new(changes);
    if d.kind == SymbolKind::Component && has_instances(snap, d) {
        // Clients that show annotations ask before applying.
        edit.change_annotations = Some(HashMap::from([(
            "urn".to_string(),
            ChangeAnnotation {
                label: "the component's type token changes".into(),
                needs_confirmation: Some(true),
                description: Some(format!(
                    "Every `use {}` gets a new URN type: Pulumi replaces its instances.",
                    d.name
                )),
            },
        )]));
    }
    Ok(Some(edit))
}

fn check_name(new: &str) -> Result<(), String> {
    let mut chars = new.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(format!(
            "`{new}` is not a name: letters, digits and `_`, not first a digit"
        ));
    }
    if RESERVED.contains(&new) {
        return Err(format!("`{new}` is a keyword"));
    }
    Ok(())
}

/// Whether definition `other` already holds `new` where `d` would.
fn clashes(other: &Definition, d: &Definition, new: &str) -> bool {
    if other.name != new || other.project != d.project {
        return false;
    }
    let in_module = |k| {
        matches!(
            k,
            SymbolKind::Resource | SymbolKind::Instance | SymbolKind::Let
        )
    };
    match d.kind {
        k if in_module(k) => in_module(other.kind) && other.module == d.module,
        SymbolKind::Param => other.kind == SymbolKind::Param && other.module == d.module,
        k => other.kind == k,
    }
}

fn has_instances(snap: &Snapshot, d: &Definition) -> bool {
    snap.checked
        .symbols
        .definitions
        .iter()
        .any(|o| o.kind == SymbolKind::Instance && o.detail == d.name && o.project == d.project)
}

fn place(snap: &Snapshot, d: &Definition) -> String {
    let (line, col) = snap.checked.sources.line_col(d.span.file, d.span.start);
    format!(
        "{}:{line}:{col}",
        snap.checked.sources.get(d.span.file).name
    )
}

/// `moved { from = OLD  to = NEW }` at the end of the resource's file.
fn moved_block(snap: &Snapshot, d: &Definition, new: &str) -> TextEdit {
    let text = &snap.checked.sources.get(d.span.file).text;
    let end: Position = position_in(text, text.len());
    let lead = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    TextEdit {
        range: Range::new(end, end),
        new_text: format!(
            "{lead}/// Renamed from `{old}`: Pulumi keeps the live resource.\nmoved {{\n  from = {old}\n  to   = {new}\n}}\n",
            old = d.name
        ),
    }
}
