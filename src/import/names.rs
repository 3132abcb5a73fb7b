//! Spelling what the state names in the language: identifiers for resources, keys and
//! string literals.

use heck::{ToKebabCase, ToSnakeCase};

/// A keyword, or `main` (the name of a project's root module).
fn is_reserved(word: &str) -> bool {
    crate::syntax::keywords::is_reserved(word) || word == "main"
}

/// A lowercase identifier that is no keyword.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_reserved(s)
}

/// An identifier for a logical name: its snake_case, made an identifier where it is not.
pub fn identifier(logical: &str) -> String {
    let snake: String = logical
        .to_snake_case()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let snake = snake.trim_matches('_').to_string();
    if is_identifier(&snake) {
        snake
    } else if snake.is_empty() {
        "resource_".into()
    } else {
        format!("r_{snake}")
    }
}

/// Whether a resource named `ident` gets `logical` as its default logical name.
pub fn default_logical(ident: &str, logical: &str) -> bool {
    ident.to_kebab_case() == logical
}

/// A string literal: `"`, `\`, newlines, tabs and `${` escaped.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    out.push_str(&escape(s));
    out.push('"');
    out
}

/// The inside of a string literal.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out
}

/// A key of an object or map: bare when it is an identifier-like word, quoted otherwise.
pub fn key(k: &str) -> String {
    let mut chars = k.chars();
    let bare = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_reserved(k);
    if bare { k.to_string() } else { string(k) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_names_become_identifiers() {
        assert_eq!(identifier("vm-agent"), "vm_agent");
        assert!(default_logical("vm_agent", "vm-agent"));
        assert_eq!(identifier("env"), "r_env");
        assert_eq!(identifier("1st"), "r_1st");
        assert!(!default_logical(&identifier("MyBucket"), "MyBucket"));
        assert_eq!(string("a\"${b}\n"), "\"a\\\"\\${b}\\n\"");
        assert_eq!(key("Environment"), "Environment");
        assert_eq!(key("us-central1"), "\"us-central1\"");
    }
}
