//! IR and schema types as TypeScript type text.

use crate::ir::Type;

/// The TypeScript type of a component parameter.
pub fn param_type(t: &Type) -> String {
    match t {
        Type::Resource(token) => resource_class(token),
        Type::List(inner) if matches!(**inner, Type::Resource(_)) => {
            format!("{}[]", param_type(inner))
        }
        other => format!("pulumi.Input<{}>", ts_type(other)),
    }
}

/// The TypeScript type of a value of IR type `t` (plain, not wrapped in `Input`).
pub fn ts_type(t: &Type) -> String {
    match t {
        Type::String => "string".into(),
        Type::Int | Type::Number => "number".into(),
        Type::Bool => "boolean".into(),
        Type::Any => "unknown".into(),
        Type::Archive => "pulumi.asset.Archive".into(),
        // A schema asset accepts an archive too.
        Type::Asset => "pulumi.asset.Asset | pulumi.asset.Archive".into(),
        Type::List(inner) => format!("{}[]", wrap_array_elem(&ts_type(inner))),
        Type::Map(inner) => format!("Record<string, {}>", ts_type(inner)),
        Type::Object(token) => super::names::input_type(token),
        Type::Resource(token) => resource_class(token),
    }
}

fn wrap_array_elem(t: &str) -> String {
    if t.contains(' ') {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// `gcp:sql/databaseInstance:DatabaseInstance` -> `gcp.sql.DatabaseInstance`.
pub fn resource_class(token: &str) -> String {
    let mut parts = token.splitn(3, ':');
    let package = parts.next().unwrap_or_default();
    let middle = parts.next().unwrap_or_default();
    let class = parts.next().unwrap_or_default();
    let module = middle.split('/').next().unwrap_or_default();
    super::names::class_path(&crate::ir::Kind {
        token: token.to_string(),
        package: package.to_string(),
        module: module.to_string(),
        class: class.to_string(),
    })
}
