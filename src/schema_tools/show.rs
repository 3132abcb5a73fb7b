//! `infragen schema show KIND`: what a user would otherwise look up in the registry docs.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use super::ToolError;
use crate::check::{ObjectSchema, Property, SchemaSet};
use crate::ir::Type;

/// A resource kind's (or function's) inputs and outputs, then the object types they use: each
/// property with its DSL name, type, `required`, `secret`, description and deprecation.
pub fn show(schemas: &SchemaSet, name: &str) -> Result<String, ToolError> {
    let mut out = String::new();
    let mut objects = BTreeSet::new();
    if let Some(kind) = schemas.resolve_kind(name) {
        out.push_str(&title(&kind.token, &kind.description, &kind.deprecation));
        section(
            &mut out,
            "inputs",
            &kind.inputs,
            &kind.required_inputs,
            &mut objects,
        );
        section(
            &mut out,
            "outputs",
            &kind.outputs,
            &kind.required_outputs,
            &mut objects,
        );
    } else if let Some(function) = schemas.function(name) {
        out.push_str(&title(
            &function.token,
            &function.description,
            &function.deprecation,
        ));
        let (i, o) = (&function.inputs, &function.outputs);
        section(&mut out, "inputs", &i.properties, &i.required, &mut objects);
        section(
            &mut out,
            "outputs",
            &o.properties,
            &o.required,
            &mut objects,
        );
    } else {
        let names: Vec<String> = schemas.friendly_names().map(str::to_string).collect();
        let mut error = ToolError::new(
            "E1004",
            format!("unknown resource kind or function `{name}`"),
        );
        error = match crate::diag::did_you_mean(name, names.iter().map(String::as_str)) {
            Some(s) => error.help(format!("did you mean `{s}`?")),
            None => error.help("`infragen schema list [PROVIDER] --filter TEXT` lists the kinds"),
        };
        return Err(error);
    }
    // The object types reachable from the properties, each once, sorted by token.
    let mut shown = BTreeSet::new();
    while let Some(token) = objects.pop_first() {
        if !shown.insert(token.clone()) {
            continue;
        }
        let Some(object) = schemas.object_type(&token) else {
            continue;
        };
        let ObjectSchema {
            properties,
            required,
            ..
        } = object.as_ref();
        let mut found = BTreeSet::new();
        section(
            &mut out,
            &format!("type {} ({token})", crate::ir::short_token(&token)),
            properties,
            required,
            &mut found,
        );
        objects.extend(found.into_iter().filter(|t| !shown.contains(t)));
    }
    Ok(out)
}

fn title(token: &str, description: &str, deprecation: &Option<String>) -> String {
    let friendly = crate::check::friendly_name(token).unwrap_or_else(|| token.to_string());
    let mut out = format!("{friendly} ({token})\n");
    if !description.is_empty() {
        out.push_str(&format!("{description}\n"));
    }
    if let Some(d) = deprecation {
        out.push_str(&format!("deprecated: {d}\n"));
    }
    out
}

fn section(
    out: &mut String,
    heading: &str,
    properties: &BTreeMap<String, Property>,
    required: &BTreeSet<String>,
    objects: &mut BTreeSet<String>,
) {
    out.push_str(&format!("\n{heading}:\n"));
    if properties.is_empty() {
        out.push_str("  (none)\n");
        return;
    }
    let rows: Vec<(String, String, &Property, bool)> = properties
        .iter()
        .map(|(name, p)| {
            note_objects(&p.ty, objects);
            (
                name.to_snake_case(),
                type_name(&p.ty),
                p,
                required.contains(name),
            )
        })
        .collect();
    let name_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let type_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    for (name, ty, p, req) in rows {
        let mut flags = Vec::new();
        if req {
            flags.push("required");
        }
        if p.secret {
            flags.push("secret");
        }
        let mut line = format!(
            "  {name:name_width$}  {ty:type_width$}  {:17}",
            flags.join(", ")
        );
        line.push_str(&p.description);
        if let Some(d) = &p.deprecation {
            line.push_str(&format!(" [deprecated: {d}]"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The type as the DSL's documentation writes it, objects by their short name.
fn type_name(ty: &Type) -> String {
    match ty {
        Type::Object(token) => crate::ir::short_token(token).to_string(),
        Type::Resource(token) => crate::check::friendly_name(token).unwrap_or(token.clone()),
        Type::List(t) => format!("list<{}>", type_name(t)),
        Type::Map(t) => format!("map<{}>", type_name(t)),
        other => other.to_string(),
    }
}

fn note_objects(ty: &Type, objects: &mut BTreeSet<String>) {
    match ty {
        Type::Object(token) => {
            objects.insert(token.clone());
        }
        Type::List(t) | Type::Map(t) => note_objects(t, objects),
        _ => {}
    }
}
