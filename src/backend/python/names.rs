//! Python names: identifiers, SDK property, module and class names, all through heck.

use heck::{ToPascalCase, ToSnakeCase};

/// Keywords and soft keywords: never usable as identifiers (the SDK appends `_`, as in `from_`
/// and `lambda_`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "type", "while", "with", "yield",
];

/// Builtins and names the generated code itself uses: a local variable or parameter with one
/// of these names would shadow it.
const RESERVED: &[&str] = &[
    "all",
    "any",
    "bool",
    "cast",
    "dataclass",
    "dict",
    "float",
    "id",
    "input",
    "int",
    "len",
    "list",
    "map",
    "max",
    "min",
    "name",
    "object",
    "opts",
    "print",
    "pulumi",
    "self",
    "set",
    "str",
    "sum",
    "super",
    "tuple",
    "args",
    "cfg",
];

fn is_keyword(s: &str) -> bool {
    // `match`, `case` and `type` are soft keywords; only the hard ones need escaping as names.
    KEYWORDS.contains(&s) && !matches!(s, "match" | "case" | "type")
}

/// A keyword-safe identifier (`from` -> `from_`), as the SDK spells property names.
pub fn safe(s: &str) -> String {
    if is_keyword(s) {
        format!("{s}_")
    } else {
        s.to_string()
    }
}

/// A snake_case identifier for a local variable, parameter or field: keywords, builtins and
/// the names generated code relies on get a trailing `_`.
pub fn local(s: &str) -> String {
    let snake = s.to_snake_case();
    if is_keyword(&snake)
        || RESERVED.contains(&snake.as_str())
        || KEYWORDS.contains(&snake.as_str())
    {
        format!("{snake}_")
    } else {
        snake
    }
}

/// A snake_case attribute name (attributes may shadow builtins; keywords get a `_`).
pub fn field(s: &str) -> String {
    safe(&s.to_snake_case())
}

/// The SDK's Python name of a schema (camelCase) property.
pub fn property(camel: &str) -> String {
    safe(&camel.to_snake_case())
}

/// A class name from a DSL name (`CloudRunService`, `databases` -> `Databases`).
pub fn class(s: &str) -> String {
    s.to_pascal_case()
}

/// The Python module of a provider schema module (`lambda` -> `lambda_`).
pub fn sdk_module(module: &str) -> String {
    safe(&module.to_lowercase())
}

/// The import alias of a provider package (`gcp` for `pulumi_gcp`).
pub fn provider_alias(provider: &str) -> String {
    safe(&provider.to_snake_case())
}

/// `gcp:storage/bucket:Bucket` -> `("storage", "Bucket")`.
fn split_token(token: &str) -> (&str, &str) {
    let mut parts = token.split(':');
    let _package = parts.next();
    let module = parts.next().unwrap_or("index");
    let class = parts.next().unwrap_or(module);
    (module.split('/').next().unwrap_or("index"), class)
}

/// The qualified Python name of something a provider package defines, by token: the resource
/// class for resources, `<Type>Args` for input object types.
pub fn sdk_name(token: &str, suffix: &str) -> String {
    let package = token.split(':').next().unwrap_or_default();
    let (module, class) = split_token(token);
    let alias = provider_alias(package);
    if module == "index" {
        format!("{alias}.{class}{suffix}")
    } else {
        format!("{alias}.{}.{class}{suffix}", sdk_module(module))
    }
}

/// The provider package (import alias) a token belongs to.
pub fn token_package(token: &str) -> &str {
    token.split(':').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(property("headSamplingRate"), "head_sampling_rate");
        assert_eq!(property("from"), "from_");
        assert_eq!(property("ipv4Enabled"), "ipv4_enabled");
        assert_eq!(local("type"), "type_");
        assert_eq!(local("dome_meta"), "dome_meta");
        assert_eq!(class("databases"), "Databases");
        assert_eq!(
            sdk_name("aws:lambda/function:Function", ""),
            "aws.lambda_.Function"
        );
        assert_eq!(
            sdk_name(
                "cloudflare:index/WorkersScriptBinding:WorkersScriptBinding",
                "Args"
            ),
            "cloudflare.WorkersScriptBindingArgs"
        );
        assert_eq!(
            sdk_name("gcp:cloudrunv2/ServiceTemplate:ServiceTemplate", "Args"),
            "gcp.cloudrunv2.ServiceTemplateArgs"
        );
    }
}
