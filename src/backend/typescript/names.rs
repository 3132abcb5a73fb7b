//! TypeScript names for IR names: identifiers, types, files.

use heck::{ToKebabCase, ToLowerCamelCase, ToUpperCamelCase};

use crate::ir::Kind;

/// Words that cannot name a local variable or parameter in strict-mode TypeScript.
const RESERVED: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Names the generated modules already use at top level; a local must not shadow them.
const TAKEN: &[&str] = &[
    "pulumi",
    "environment",
    "settings",
    "resourceName",
    "byEnvironment",
    "args",
    "opts",
    "name",
];

/// `dome_meta` -> `domeMeta` (object keys and fields).
pub fn camel(s: &str) -> String {
    let c = s.to_lower_camel_case();
    if c.starts_with(|ch: char| ch.is_ascii_digit()) {
        format!("_{c}")
    } else {
        c
    }
}

/// `cloud_run_service` -> `CloudRunService`.
pub fn pascal(s: &str) -> String {
    s.to_upper_camel_case()
}

/// `CloudRunService` -> `cloud-run-service` (file names).
pub fn kebab(s: &str) -> String {
    s.to_kebab_case()
}

/// A local variable name for `s`, escaped when it is reserved or shadows a generated name.
pub fn local(s: &str) -> String {
    let c = camel(s);
    if RESERVED.contains(&c.as_str()) || TAKEN.contains(&c.as_str()) {
        format!("{c}Resource")
    } else {
        c
    }
}

/// English plural of a class name: `D1Database` -> `D1Databases`, `Policy` -> `Policies`.
pub fn plural(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
        || lower.ends_with('z')
    {
        format!("{s}es")
    } else if lower.ends_with('y')
        && !matches!(
            lower.chars().rev().nth(1),
            Some('a' | 'e' | 'i' | 'o' | 'u')
        )
    {
        format!("{}ies", &s[..s.len() - 1])
    } else {
        format!("{s}s")
    }
}

/// The TypeScript class of a resource kind: `cloudflare.D1Database`, `gcp.storage.Bucket`.
pub fn class_path(kind: &Kind) -> String {
    if kind.module == "index" || kind.module.is_empty() {
        format!("{}.{}", kind.package, kind.class)
    } else {
        format!(
            "{}.{}.{}",
            kind.package,
            kind.module.replace('/', "."),
            kind.class
        )
    }
}

/// The SDK input type of a schema object token:
/// `gcp:storage/BucketVersioning:BucketVersioning` -> `gcp.types.input.storage.BucketVersioning`.
pub fn input_type(token: &str) -> String {
    let mut parts = token.splitn(3, ':');
    let package = parts.next().unwrap_or_default();
    let middle = parts.next().unwrap_or_default();
    let name = parts.next().unwrap_or_default();
    let module = middle.split('/').next().unwrap_or_default();
    if module == "index" || module.is_empty() {
        format!("{package}.types.input.{name}")
    } else {
        format!("{package}.types.input.{module}.{name}")
    }
}

/// The variable an npm package is imported as: `@pulumi/cloudflare` -> `cloudflare`.
pub fn package_alias(package: &str) -> String {
    camel(package)
}

/// The npm package of a provider's SDK: the schema's `nodejs.packageName`, or Pulumi's default.
pub fn npm_package(provider: &crate::ir::Provider) -> String {
    provider
        .setting("nodejs", "packageName")
        .map(str::to_string)
        .unwrap_or_else(|| format!("@pulumi/{}", provider.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural("D1Database"), "D1Databases");
        assert_eq!(plural("Policy"), "Policies");
        assert_eq!(plural("Address"), "Addresses");
        assert_eq!(plural("Gateway"), "Gateways");
    }

    #[test]
    fn locals_avoid_reserved_words() {
        assert_eq!(local("default"), "defaultResource");
        assert_eq!(local("dome_meta"), "domeMeta");
    }
}
