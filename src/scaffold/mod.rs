//! `infragen new` and `infragen add`: scaffolding projects, modules and resources. Resource
//! skeletons come from the schemas: every required input is written with a value of its type.

use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::check::{SchemaSet, builtin_schemas, friendly_name};
use crate::ir::{Language, Type};

/// Text of a new project's `project.infra`.
pub fn project_file(
    name: &str,
    language: Language,
    providers: &[String],
) -> Result<String, String> {
    let schemas = builtin_schemas();
    let mut pins = Vec::new();
    for p in providers {
        let (provider, version) = match p.split_once('@') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                let pkg = schemas.package(p).ok_or_else(|| {
                    format!(
                        "no schema for provider `{p}` (known: {})",
                        schemas.package_names().collect::<Vec<_>>().join(", ")
                    )
                })?;
                (p.clone(), pkg.version.clone())
            }
        };
        pins.push(format!("{provider} = \"{version}\""));
    }
    Ok(format!(
        "/// {name}: infrastructure defined with infragen.\nproject {name} {{\n  description = \"{name} infrastructure\"\n  language    = {}\n  providers {{ {} }}\n  naming      = \"{{name}}-{{env}}\"\n}}\n\nconfig {{\n  /// Where resources are created.\n  region: string = \"us-central1\"\n}}\n\n/// Development.\nenv dev {{}}\n\n/// Staging mirrors production.\nenv staging {{}}\n\n/// Production: every resource protected.\nenv prod {{\n  protect = true\n}}\n",
        language.name(),
        pins.join("; ")
    ))
}

/// Text of a new module file.
pub fn module_file(name: &str) -> String {
    format!("/// The {name} module.\nmodule {name}\n")
}

/// A resource skeleton: every required input of `kind` with a placeholder of its type.
pub fn resource_block(kind: &str, name: &str) -> Result<String, String> {
    let schemas = builtin_schemas();
    let resource = schemas.resolve_kind(kind).ok_or_else(|| {
        let hint = crate::diag::did_you_mean(kind, schemas.friendly_names())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        format!("unknown resource kind `{kind}`{hint}")
    })?;
    let friendly = friendly_name(&resource.token).unwrap_or(resource.token.clone());
    let mut out = String::new();
    if !resource.description.is_empty() {
        out.push_str(&format!("/// {}\n", resource.description));
    }
    out.push_str(&format!(
        "resource {friendly} {} {{\n",
        name.to_snake_case()
    ));
    let width = resource
        .required_inputs
        .iter()
        .map(|r| r.to_snake_case().len())
        .max()
        .unwrap_or(0);
    for req in &resource.required_inputs {
        let ty = resource
            .inputs
            .get(req)
            .map(|p| p.ty.clone())
            .unwrap_or(Type::String);
        out.push_str(&format!(
            "  {:width$} = {}\n",
            req.to_snake_case(),
            sample(schemas, &ty, 1)
        ));
    }
    out.push_str("}\n");
    Ok(out)
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

/// Creates a file, refusing to overwrite one that exists.
pub fn create(path: &Path, text: &str) -> Result<PathBuf, String> {
    if path.exists() {
        return Err(format!(
            "`{}` already exists; nothing was written",
            path.display()
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// Appends a block to an existing file, separated by a blank line.
pub fn append(path: &Path, block: &str) -> Result<(), String> {
    let mut text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push('\n');
    text.push_str(block);
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}
