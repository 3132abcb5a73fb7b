//! `textDocument/completion`, from the last check: resource kinds after `resource` (each with a
//! snippet of its required inputs), the fields of the resource body or object value around the
//! cursor (required first, with types, those not written yet), and at a value the names a
//! reference may start with, then what follows a `.`: config keys, a module's names, a
//! resource's attributes, a stack reference's outputs.
//!
//! Which of these applies is read from the text of the line before the cursor (the check has
//! already parsed the rest): the words typed there, never a second parse.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    InsertTextFormat,
};

use super::locate::Snapshot;
use crate::check::{Definition, Fields, SchemaSet, SymbolKind};

/// Kinds offered at most, matching what is typed (the list says it is incomplete).
const MAX_KINDS: usize = 100;

pub fn complete(snap: &Snapshot, params: &CompletionParams) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let file = snap.file_of(&at.text_document.uri)?;
    let offset = snap.offset(file, at.position) as usize;
    let text = &snap.checked.sources.get(file).text;
    let line = &text[text[..offset].rfind('\n').map_or(0, |i| i + 1)..offset];
    let (project, module) = snap.module_of(file)?;
    let schemas = snap.checked.symbols.schemas.get(project)?;

    if let Some(typed) = kind_position(line) {
        return Some(kinds(schemas, typed));
    }
    let path = typed_path(line);
    let before = line[..line.len() - path.len()].trim_end();
    let key_position = before.is_empty() || before.ends_with(['{', ',']);
    if key_position && !path.contains('.') {
        let scope = snap.checked.symbols.scope_at(file, offset as u32)?;
        return Some(list(fields(schemas, &scope.fields, &scope.written), false));
    }
    let segments: Vec<&str> = path.split('.').collect();
    let qualifiers = &segments[..segments.len() - 1];
    let items = references(snap, project, &module, qualifiers);
    Some(list(items, false))
}

fn list(items: Vec<CompletionItem>, incomplete: bool) -> CompletionResponse {
    CompletionResponse::List(CompletionList {
        is_incomplete: incomplete,
        items,
    })
}

/// The kind typed so far when the cursor follows `resource ` (or `resource` and a partial kind).
fn kind_position(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("resource")?;
    let typed = rest.strip_prefix([' ', '\t'])?.trim_start();
    typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        .then_some(typed)
}

/// The dotted name the cursor ends (`config.re`, `vpc.`, `net`), or empty.
fn typed_path(line: &str) -> &str {
    let start = line
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i + 1);
    &line[start..]
}

fn kinds(schemas: &SchemaSet, typed: &str) -> CompletionResponse {
    let typed = typed.to_lowercase();
    let mut names: Vec<&str> = schemas
        .friendly_names()
        .filter(|n| n.to_lowercase().contains(&typed))
        .collect();
    names.sort_by_key(|n| (!n.to_lowercase().starts_with(&typed), n.len(), *n));
    let incomplete = names.len() > MAX_KINDS;
    names.truncate(MAX_KINDS);
    let items = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let schema = schemas.resolve_kind(name);
            let mut snippet = format!("{name} ${{1:name}} {{\n");
            let mut n = 2;
            if let Some(s) = schema {
                for req in &s.required_inputs {
                    snippet.push_str(&format!("  {} = ${{{n}}}\n", snake(req)));
                    n += 1;
                }
            }
            snippet.push_str("}$0");
            CompletionItem {
                label: name.to_string(),
                kind: Some(CompletionItemKind::CLASS),
                detail: schema.map(|s| s.token.clone()),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(name.to_string()),
                insert_text: Some(snippet),
                insert_text_format: Some(InsertTextFormat::SNIPPET),
                ..CompletionItem::default()
            }
        })
        .collect();
    list(items, incomplete)
}

fn snake(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// The fields of a resource body or object value not written yet: required first.
fn fields(schemas: &SchemaSet, fields: &Fields, written: &[String]) -> Vec<CompletionItem> {
    let (props, required) = match fields {
        Fields::Kind(token) => match schemas.resolve_kind(token) {
            Some(s) => (s.inputs.clone(), s.required_inputs.clone()),
            None => return Vec::new(),
        },
        Fields::Object(token) => match schemas.object_type(token) {
            Some(o) => (o.properties.clone(), o.required.clone()),
            None => return Vec::new(),
        },
    };
    let mut items: Vec<(bool, CompletionItem)> = props
        .iter()
        .filter(|(name, _)| !written.iter().any(|w| *w == snake(name) || w == *name))
        .map(|(name, p)| {
            let is_required = required.contains(name);
            let label = snake(name);
            let item = CompletionItem {
                label: label.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: Some(format!(
                    "{}{}",
                    p.ty,
                    if is_required { " (required)" } else { "" }
                )),
                documentation: (!p.description.is_empty()).then(|| {
                    lsp_types::Documentation::String(
                        p.description
                            .split("\n\n")
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                    )
                }),
                deprecated: Some(p.deprecation.is_some()),
                sort_text: Some(format!("{}{label}", if is_required { 0 } else { 1 })),
                insert_text: Some(format!("{label} = ")),
                ..CompletionItem::default()
            };
            (is_required, item)
        })
        .collect();
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.label.cmp(&b.1.label)));
    items.into_iter().map(|(_, i)| i).collect()
}

fn item(label: &str, kind: CompletionItemKind, detail: String) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then_some(detail),
        ..CompletionItem::default()
    }
}

fn def_item(d: &Definition) -> CompletionItem {
    let kind = match d.kind {
        SymbolKind::Resource | SymbolKind::Instance => CompletionItemKind::VARIABLE,
        SymbolKind::Module => CompletionItemKind::MODULE,
        SymbolKind::Config => CompletionItemKind::PROPERTY,
        SymbolKind::Let => CompletionItemKind::CONSTANT,
        SymbolKind::Stack => CompletionItemKind::INTERFACE,
        SymbolKind::StackOutput => CompletionItemKind::FIELD,
        _ => CompletionItemKind::TEXT,
    };
    let detail = match crate::check::friendly_name(&d.detail) {
        Some(f) if d.kind == SymbolKind::Resource => f,
        _ => d.detail.clone(),
    };
    item(&d.name, kind, detail)
}

/// What may follow `qualifiers.` where a value is written in `module` of `project`.
fn references(
    snap: &Snapshot,
    project: usize,
    module: &str,
    qualifiers: &[&str],
) -> Vec<CompletionItem> {
    let defs: Vec<&Definition> = snap
        .checked
        .symbols
        .definitions
        .iter()
        .filter(|d| d.project == project)
        .collect();
    let in_module = |m: &str| {
        defs.iter()
            .filter(|d| {
                matches!(
                    d.kind,
                    SymbolKind::Resource | SymbolKind::Instance | SymbolKind::Let
                ) && d.module.as_deref() == Some(m)
            })
            .map(|d| def_item(d))
            .collect::<Vec<_>>()
    };
    let named = |kind: SymbolKind, name: &str| {
        defs.iter()
            .find(|d| d.kind == kind && d.name == name)
            .copied()
    };
    let resource_in = |m: &str, name: &str| {
        defs.iter()
            .find(|d| {
                d.kind == SymbolKind::Resource && d.name == name && d.module.as_deref() == Some(m)
            })
            .copied()
    };
    match qualifiers {
        [] => {
            let mut items = in_module(module);
            items.extend(
                defs.iter()
                    .filter(|d| matches!(d.kind, SymbolKind::Module | SymbolKind::Stack))
                    .filter(|d| d.name != module)
                    .map(|d| def_item(d)),
            );
            items.push(item("config", CompletionItemKind::KEYWORD, String::new()));
            items.push(item("env", CompletionItemKind::KEYWORD, String::new()));
            items
        }
        ["config"] => defs
            .iter()
            .filter(|d| d.kind == SymbolKind::Config)
            .map(|d| def_item(d))
            .collect(),
        ["env"] => vec![
            item("name", CompletionItemKind::FIELD, "string".into()),
            item("protect", CompletionItemKind::FIELD, "bool".into()),
        ],
        [stack] if named(SymbolKind::Stack, stack).is_some() => defs
            .iter()
            .filter(|d| d.kind == SymbolKind::StackOutput)
            .filter(|d| {
                snap.checked.workspace.projects[project]
                    .stacks
                    .iter()
                    .any(|s| s.name == *stack && s.outputs.iter().any(|o| o.name == d.name))
            })
            .map(|d| def_item(d))
            .collect(),
        [name] if resource_in(module, name).is_some() => {
            attributes(snap, project, resource_in(module, name))
        }
        [m] if named(SymbolKind::Module, m).is_some() => in_module(m),
        [m, name] => attributes(snap, project, resource_in(m, name)),
        _ => Vec::new(),
    }
}

/// A resource's output attributes, with `id` and `urn`.
fn attributes(snap: &Snapshot, project: usize, d: Option<&Definition>) -> Vec<CompletionItem> {
    let Some(d) = d else { return Vec::new() };
    let Some(schema) = snap.checked.symbols.schemas[project].resolve_kind(&d.detail) else {
        return Vec::new();
    };
    let mut items = vec![
        item("id", CompletionItemKind::FIELD, "string".into()),
        item("urn", CompletionItemKind::FIELD, "string".into()),
    ];
    items.extend(
        schema
            .outputs
            .iter()
            .map(|(name, p)| item(&snake(name), CompletionItemKind::FIELD, p.ty.to_string())),
    );
    items
}

#[cfg(test)]
mod tests {
    use super::{kind_position, typed_path};

    #[test]
    fn the_line_says_what_is_being_typed() {
        assert_eq!(kind_position("resource gcp.sto"), Some("gcp.sto"));
        assert_eq!(kind_position("  resource "), Some(""));
        assert_eq!(kind_position("resource gcp.storage.Bucket b"), None);
        assert_eq!(typed_path("  network = vpc.net"), "vpc.net");
        assert_eq!(typed_path("  name = \"${config."), "config.");
        assert_eq!(typed_path("  loc"), "loc");
    }
}
