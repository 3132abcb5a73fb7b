//! The text scaffolding writes: project files, module files and resource skeletons.

use heck::ToSnakeCase;

use crate::check::{SchemaSet, builtin_schemas, friendly_name};
use crate::ir::{Language, Type};

/// The config keys a provider's resources read, with a default and what to fill in.
fn provider_config(provider: &str, providers: &[(String, String)]) -> Vec<(String, &'static str)> {
    let both_regions =
        providers.iter().any(|(p, _)| p == "aws") && providers.iter().any(|(p, _)| p == "gcp");
    match provider {
        "gcp" => vec![
            (
                "gcp_project".into(),
                "  /// The Google Cloud project every resource belongs to (fill in).\n  gcp_project: string = \"my-gcp-project\"\n",
            ),
            (
                if both_regions { "gcp_region" } else { "region" }.into(),
                "  /// Where resources are created.\n  REGION: string = \"us-central1\"\n",
            ),
        ],
        "aws" => vec![(
            if both_regions { "aws_region" } else { "region" }.into(),
            "  /// The AWS region resources are created in.\n  REGION: string = \"us-east-1\"\n",
        )],
        "cloudflare" => vec![(
            "cloudflare_account_id".into(),
            "  /// The Cloudflare account every resource belongs to (fill in).\n  cloudflare_account_id: string = \"0123456789abcdef0123456789abcdef\"\n",
        )],
        _ => Vec::new(),
    }
}

/// Text of a new project's `project.infra`.
pub fn project_file(name: &str, language: Language, providers: &[(String, String)]) -> String {
    let pins: Vec<String> = providers
        .iter()
        .map(|(p, v)| format!("{p} = \"{v}\""))
        .collect();
    let mut config = String::new();
    for (provider, _) in providers {
        for (key, text) in provider_config(provider, providers) {
            config.push_str(&text.replace("REGION", &key));
        }
    }
    let config = if config.is_empty() {
        String::new()
    } else {
        format!("\nconfig {{\n{config}}}\n")
    };
    format!(
        "/// {name}: infrastructure defined with infragen.\nproject {name} {{\n  description = \"{name} infrastructure\"\n  language    = {}\n  providers {{ {} }}\n  naming = \"{{name}}-{{env}}\"\n}}\n{config}\n/// Development.\nenv dev {{}}\n\n/// Staging mirrors production.\nenv staging {{}}\n\n/// Production: every resource protected.\nenv prod {{\n  protect = true\n}}\n",
        language.name(),
        pins.join("; ")
    )
}

/// Text of a new module file.
pub fn module_file(name: &str) -> String {
    format!("/// The {name} module.\nmodule {name}\n")
}

/// The config key that fills a required string input of a `provider` kind, if the project has it.
fn config_for<'a>(provider: &str, input: &str, config: &'a [String]) -> Option<&'a String> {
    let candidates: &[&str] = match (provider, input) {
        ("gcp", "project") => &["gcp_project"],
        ("gcp", "region" | "location") => &["region", "gcp_region"],
        ("cloudflare", "account_id") => &["cloudflare_account_id"],
        _ => &[],
    };
    candidates
        .iter()
        .find_map(|c| config.iter().find(|k| k == c))
}

/// A resource skeleton: `name` from the naming pattern where the kind has one, required inputs
/// from the project's config where it has the key, every other required input a placeholder of
/// its type marked with a comment. The kind must be known.
pub fn resource_block(kind: &str, name: &str, config: &[String]) -> String {
    let schemas = builtin_schemas();
    let Some(resource) = schemas.resolve_kind(kind) else {
        return String::new();
    };
    let provider = kind.split('.').next().unwrap_or(kind);
    let friendly = friendly_name(&resource.token).unwrap_or(resource.token.clone());
    let mut lines: Vec<(String, String, Option<String>)> = Vec::new();
    let has_name = resource
        .inputs
        .get("name")
        .is_some_and(|p| p.ty == Type::String);
    if has_name {
        lines.push((
            "name".into(),
            format!("name(\"{}\")", name.replace('_', "-")),
            None,
        ));
    }
    for req in &resource.required_inputs {
        let key = req.to_snake_case();
        if key == "name" && has_name {
            continue;
        }
        let ty = resource
            .inputs
            .get(req)
            .map(|p| p.ty.clone())
            .unwrap_or(Type::String);
        match config_for(provider, &key, config).filter(|_| ty == Type::String) {
            Some(c) => lines.push((key, format!("config.{c}"), None)),
            None => lines.push((
                key,
                sample(schemas, &ty, 1),
                Some(format!("fill in: {}", ty_name(&ty))),
            )),
        }
    }
    let width = lines.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    let mut out = String::new();
    if !resource.description.is_empty() {
        out.push_str(&format!("/// {}\n", resource.description));
    }
    out.push_str(&format!("resource {friendly} {name} {{\n"));
    for (key, value, comment) in lines {
        match comment {
            Some(c) => out.push_str(&format!("  {key:width$} = {value} // {c}\n")),
            None => out.push_str(&format!("  {key:width$} = {value}\n")),
        }
    }
    out.push_str("}\n");
    out
}

/// A type as the checker prints it, except that object types are named like kinds
/// (`gcp.compute.InstanceBootDisk`), at any depth.
fn ty_name(ty: &Type) -> String {
    match ty {
        Type::List(t) => format!("list<{}>", ty_name(t)),
        Type::Map(t) => format!("map<{}>", ty_name(t)),
        Type::Object(token) => friendly_name(token).unwrap_or_else(|| token.clone()),
        Type::Resource(_) => "resource".into(),
        other => other.to_string(),
    }
}

/// A value of type `ty` that checks (required fields of objects included), from the shipped
/// schemas: what `add resource` fills a required input with.
pub fn sample_value(ty: &Type) -> String {
    sample(builtin_schemas(), ty, 1)
}

/// A value of type `ty` that checks (required fields of objects included).
fn sample(schemas: &SchemaSet, ty: &Type, depth: usize) -> String {
    match ty {
        Type::String | Type::Any => "\"\"".into(),
        Type::Int => "0".into(),
        Type::Number => "0".into(),
        Type::Bool => "false".into(),
        Type::List(_) => "[]".into(),
        Type::Map(_) => "{}".into(),
        Type::Archive => "file_archive(\".\")".into(),
        Type::Asset => "file_asset(\"file\")".into(),
        Type::Resource(_) => "null".into(),
        Type::Object(_) if depth > 4 => "{}".into(),
        Type::Object(token) => {
            let Some(obj) = schemas.object_type(token) else {
                return "{}".into();
            };
            let fields: Vec<String> = obj
                .required
                .iter()
                .filter_map(|f| {
                    let p = obj.properties.get(f)?;
                    Some(format!(
                        "{} = {}",
                        f.to_snake_case(),
                        sample(schemas, &p.ty, depth + 1)
                    ))
                })
                .collect();
            if fields.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", fields.join(", "))
            }
        }
    }
}
