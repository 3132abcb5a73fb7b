//! IR and schema types as Python type text.

use super::imports::Imports;
use super::names;
use crate::ir::Type;

/// The Python type of a value of IR type `ty` (no `Input`/`Output` wrapping).
pub fn py_type(ty: &Type, imports: &mut Imports) -> String {
    match ty {
        Type::String => "str".into(),
        Type::Int => "int".into(),
        Type::Number => "float".into(),
        Type::Bool => "bool".into(),
        Type::Any => "object".into(),
        Type::Archive => "pulumi.Archive".into(),
        // `Asset` is an asset or an archive, as the schema's `pulumi.json#/Asset` means.
        Type::Asset => "pulumi.Asset | pulumi.Archive".into(),
        Type::List(t) => format!("list[{}]", py_type(t, imports)),
        Type::Map(t) => format!("dict[str, {}]", py_type(t, imports)),
        Type::Object(token) => {
            import_provider(token, imports);
            names::sdk_name(token, "Args")
        }
        Type::Resource(token) => {
            import_provider(token, imports);
            names::sdk_name(token, "")
        }
    }
}

/// The type of a component parameter or input that may be given an output: `Input[T]`.
pub fn input_type(ty: &Type, imports: &mut Imports) -> String {
    match ty {
        Type::List(t) => format!("pulumi.Input[list[{}]]", input_type(t, imports)),
        Type::Map(t) => format!("pulumi.Input[dict[str, {}]]", input_type(t, imports)),
        Type::Resource(_) => py_type(ty, imports),
        other => format!("pulumi.Input[{}]", py_type(other, imports)),
    }
}

pub fn import_provider(token: &str, imports: &mut Imports) {
    let package = names::token_package(token);
    imports.import_as(
        &format!("pulumi_{}", package.replace('-', "_")),
        &names::provider_alias(package),
    );
}
