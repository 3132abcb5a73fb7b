//! Block YAML for config values. Strings are single-quoted, which every YAML reader accepts
//! and prettier (`singleQuote`) leaves unchanged.

use serde_json::Value as Json;

/// A YAML string scalar.
pub fn string(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') && !s.contains('\\') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// `key: value` as block YAML lines, indented by `depth` levels.
pub fn entry(key: &str, v: &Json, depth: usize) -> Vec<String> {
    let pad = "  ".repeat(depth);
    match v {
        Json::Array(items) if !items.is_empty() => {
            let mut out = vec![format!("{pad}{key}:")];
            for item in items {
                out.extend(item_lines(item, depth + 1));
            }
            out
        }
        Json::Object(map) if !map.is_empty() => {
            let mut out = vec![format!("{pad}{key}:")];
            for (k, item) in map {
                out.extend(entry(&self::key(k), item, depth + 1));
            }
            out
        }
        scalar => vec![format!("{pad}{key}: {}", self::scalar(scalar))],
    }
}

/// One `- item` of a block sequence; a mapping's later keys align under its first.
fn item_lines(v: &Json, depth: usize) -> Vec<String> {
    let pad = "  ".repeat(depth);
    let mut lines = match v {
        Json::Object(map) if !map.is_empty() => map
            .iter()
            .flat_map(|(k, item)| entry(&key(k), item, depth + 1))
            .collect::<Vec<_>>(),
        Json::Array(items) if !items.is_empty() => items
            .iter()
            .flat_map(|i| item_lines(i, depth + 1))
            .collect(),
        scalar => return vec![format!("{pad}- {}", self::scalar(scalar))],
    };
    let inner = "  ".repeat(depth + 1);
    if let Some(first) = lines.first_mut() {
        *first = format!("{pad}- {}", first.trim_start_matches(inner.as_str()));
    }
    lines
}

/// A mapping key: plain when it is a simple word, quoted otherwise.
pub fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        string(k)
    }
}

pub fn scalar(v: &Json) -> String {
    match v {
        Json::String(s) => string(s),
        Json::Array(_) => "[]".into(),
        Json::Object(_) => "{}".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::entry;

    #[test]
    fn nested_config_values_are_block_yaml() {
        let v = serde_json::json!([{"name": "a", "ports": [80, 443]}, "x"]);
        assert_eq!(
            entry("p:rules", &v, 1).join("\n"),
            "  p:rules:\n    - name: 'a'\n      ports:\n        - 80\n        - 443\n    - 'x'"
        );
    }

    #[test]
    fn strings_quote_what_yaml_would_misread() {
        assert_eq!(super::string("it's"), "\"it's\"");
        assert_eq!(super::string("a'b\"c"), "'a''b\"c'");
        assert_eq!(super::key("dome:key"), "'dome:key'");
    }
}
