//! `textDocument/hover`: what the checker knows of the name under the cursor. A resource kind
//! shows its token and description; a property its type, whether it is required, its
//! description and deprecation; a name its kind, type and doc comment, a resource's physical
//! name and a config key's value in every environment.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::locate::Snapshot;
use crate::check::{Definition, SymbolKind, Target};
use crate::ir::Project;
use crate::ir::plan::{Evaluator, text};

pub fn hover(snap: &Snapshot, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let occurrence = snap.occurrence(&at.text_document.uri, at.position)?;
    let markdown = match &occurrence.target {
        Target::Definition(id) => definition(snap, &snap.checked.symbols.definitions[*id]),
        Target::Kind(token) => kind(snap, token)?,
        Target::Input { token, name } => property(snap, token, name, true)?,
        Target::Output { token, name } => property(snap, token, name, false)?,
        Target::Field { token, name } => field(snap, token, name)?,
        Target::Binding { rule, lowering } => {
            let name = snap.text(occurrence.span);
            format!("**binding** `{name}` (rule {rule})\n\nLowers to {lowering}.")
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.range(occurrence.span)),
    })
}

fn schema_of<'a>(
    snap: &'a Snapshot,
    token: &str,
) -> Option<&'a std::sync::Arc<crate::check::ResourceSchema>> {
    snap.checked
        .symbols
        .schemas
        .iter()
        .find_map(|s| s.resolve_kind(token))
}

fn kind(snap: &Snapshot, token: &str) -> Option<String> {
    let schema = schema_of(snap, token)?;
    let friendly = crate::check::friendly_name(token).unwrap_or_else(|| token.to_string());
    let mut out = format!("**resource kind** `{friendly}`\n\n`{token}`");
    if let Some(d) = &schema.deprecation {
        out.push_str(&format!("\n\n**Deprecated:** {}", first_paragraph(d)));
    }
    push_paragraph(&mut out, &schema.description);
    Some(out)
}

fn property(snap: &Snapshot, token: &str, name: &str, input: bool) -> Option<String> {
    let schema = schema_of(snap, token)?;
    let (props, required) = if input {
        (&schema.inputs, &schema.required_inputs)
    } else {
        (&schema.outputs, &schema.required_outputs)
    };
    let p = props.get(name)?;
    let what = match (input, required.contains(name)) {
        (true, true) => "required input",
        (true, false) => "optional input",
        (false, true) => "output",
        (false, false) => "output (may be absent)",
    };
    let ty = if p.secret {
        format!("secret<{}>", p.ty)
    } else {
        p.ty.to_string()
    };
    let mut out = format!("**{what}** `{name}`: `{ty}`");
    if let Some(d) = &p.deprecation {
        out.push_str(&format!("\n\n**Deprecated:** {}", first_paragraph(d)));
    }
    push_paragraph(&mut out, &p.description);
    Some(out)
}

fn field(snap: &Snapshot, token: &str, name: &str) -> Option<String> {
    let object = snap
        .checked
        .symbols
        .schemas
        .iter()
        .find_map(|s| s.object_type(token))?;
    let p = object.properties.get(name)?;
    let what = if object.required.contains(name) {
        "required field"
    } else {
        "optional field"
    };
    let mut out = format!("**{what}** `{name}`: `{}` of `{token}`", p.ty);
    if let Some(d) = &p.deprecation {
        out.push_str(&format!("\n\n**Deprecated:** {}", first_paragraph(d)));
    }
    push_paragraph(&mut out, &p.description);
    Some(out)
}

fn definition(snap: &Snapshot, d: &Definition) -> String {
    let mut out = format!("**{}** `{}`", d.kind.word(), d.name);
    if !d.detail.is_empty() {
        let detail = match d.kind {
            SymbolKind::Resource => crate::check::friendly_name(&d.detail)
                .map_or(format!("`{}`", d.detail), |f| {
                    format!("`{f}` (`{}`)", d.detail)
                }),
            SymbolKind::Instance => format!("of component `{}`", d.detail),
            SymbolKind::Stack => format!("reads `{}`", d.detail),
            _ => format!("`{}`", d.detail),
        };
        out.push_str(&format!(": {detail}"));
    }
    if let Some(m) = d.module.as_deref().filter(|m| *m != Project::MAIN_MODULE) {
        out.push_str(&format!(" in module `{m}`"));
    }
    let docs = d.docs.join("\n");
    push_paragraph(&mut out, docs.trim());
    let project = &snap.checked.workspace.projects[d.project];
    let per_env = match d.kind {
        SymbolKind::Config => config_values(project, d),
        SymbolKind::Resource => physical_names(project, d)
            .into_iter()
            .map(|(env, names)| {
                let shown = if names.is_empty() {
                    "none (no items)".to_string()
                } else {
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (env, shown)
            })
            .collect(),
        _ => Vec::new(),
    };
    if !per_env.is_empty() {
        let title = match d.kind {
            SymbolKind::Config => "Value",
            _ => "Physical name",
        };
        out.push_str(&format!("\n\n{title} per environment:"));
        for (env, value) in per_env {
            out.push_str(&format!("\n- `{env}`: {value}"));
        }
    }
    if let Some(p) = d.produced_by {
        let producer = &snap.checked.symbols.definitions[p];
        let from = &snap.checked.workspace.projects[producer.project].name;
        out.push_str(&match producer.kind {
            SymbolKind::Project => format!("\n\nProduced by project `{from}` of this workspace."),
            kind => format!(
                "\n\nProduced by {} `{}` of project `{from}`.",
                kind.word(),
                producer.name
            ),
        });
    }
    out
}

/// A config key's value in each environment.
fn config_values(project: &Project, d: &Definition) -> Vec<(String, String)> {
    let Some(key) = project.config.iter().find(|c| c.name == d.name) else {
        return Vec::new();
    };
    project
        .envs
        .iter()
        .filter_map(|env| {
            let eval = Evaluator::new(project, &env.name)?;
            let shown = if key.secret {
                "secret, set in the stack".to_string()
            } else {
                match eval.config(&key.name) {
                    Some(v) => format!("`{}`", eval.value(v)),
                    None => "not set".to_string(),
                }
            };
            Some((env.name.clone(), shown))
        })
        .collect()
}

/// A resource's physical name (`name(...)`) in each environment; every item's for a loop.
pub(super) fn physical_names(project: &Project, d: &Definition) -> Vec<(String, Vec<String>)> {
    let Some(i) = project.resources.iter().position(|r| {
        r.name == d.name
            && Some(&r.module) == d.module.as_ref()
            && r.instance.is_none()
            && r.origin.is_none()
    }) else {
        return Vec::new();
    };
    let r = &project.resources[i];
    let Some(name) = &r.physical_name else {
        return Vec::new();
    };
    project
        .envs
        .iter()
        .filter_map(|env| {
            let eval = Evaluator::new(project, &env.name)?;
            let names: Vec<String> = if r.each.is_some() {
                eval.keys(i)
                    .into_iter()
                    .map(|item| {
                        let item_eval = Evaluator {
                            item: Some(item),
                            ..eval.clone()
                        };
                        text(&item_eval.value(name))
                    })
                    .collect()
            } else {
                vec![text(&eval.value(name))]
            };
            Some((env.name.clone(), names))
        })
        .collect()
}

fn push_paragraph(out: &mut String, text: &str) {
    let text = first_paragraph(text);
    if !text.is_empty() {
        out.push_str("\n\n");
        out.push_str(&text);
    }
}

/// Schema descriptions can be pages long; the first paragraph says what a thing is.
fn first_paragraph(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .to_string()
}
