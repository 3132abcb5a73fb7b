//! Reading a `Pulumi.<stack>.yaml` as the Pulumi CLI leaves it: top-level entries
//! (`encryptionsalt`, `secretsprovider`, `config`, ...) and the entries of `config:`, each kept
//! as its raw text so that what infragen does not own is written back byte for byte.

use yaml_rust2::{Yaml, YamlLoader};

/// One `key: value` entry with the lines it spans, its own indentation removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// Comment lines directly above the entry (kept with user entries), then the entry itself.
    pub lines: Vec<String>,
}

impl Entry {
    /// The entry's value with every scalar read as text, as Pulumi reads config: `3`, `'3'`
    /// and `"3"` are the same value. `None` when the text is not YAML.
    pub fn canonical_value(&self) -> Option<String> {
        let text = self.lines.join("\n");
        let docs = YamlLoader::load_from_str(&text).ok()?;
        let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
            return None;
        };
        let (_, value) = map.into_iter().next()?;
        let mut out = String::new();
        canonical(&value, &mut out);
        Some(out)
    }
}

fn canonical(v: &Yaml, out: &mut String) {
    match v {
        Yaml::Real(s) | Yaml::String(s) => push_json_string(s, out),
        Yaml::Integer(i) => push_json_string(&i.to_string(), out),
        Yaml::Boolean(b) => push_json_string(&b.to_string(), out),
        Yaml::Null => out.push_str("null"),
        Yaml::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        Yaml::Hash(map) => {
            let mut pairs: Vec<(String, String)> = map
                .iter()
                .map(|(k, v)| {
                    let mut key = String::new();
                    canonical(k, &mut key);
                    let mut value = String::new();
                    canonical(v, &mut value);
                    (key, value)
                })
                .collect();
            pairs.sort();
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(k);
                out.push(':');
                out.push_str(v);
            }
            out.push('}');
        }
        Yaml::Alias(_) | Yaml::BadValue => out.push('?'),
    }
}

fn push_json_string(s: &str, out: &mut String) {
    out.push_str(&serde_json::Value::String(s.to_string()).to_string());
}

/// A stack file: the comment lines before its first entry, its other top-level entries, and
/// the entries of its `config:` mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackText {
    pub header: Vec<String>,
    pub top: Vec<Entry>,
    pub config: Vec<Entry>,
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// The key of a `key: value` or `key:` line (already without indentation).
fn entry_key(line: &str) -> Option<String> {
    if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = line[1..].find(quote)? + 1;
        let rest = &line[end + 1..];
        return (rest.starts_with(": ") || rest == ":").then(|| line[1..end].to_string());
    }
    let bytes = line.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
        .filter(|&i| i > 0)
        .map(|i| line[..i].to_string())
}

/// Splits `lines` (all at indentation `base` or deeper) into entries at exactly `base`.
fn entries(lines: &[&str], base: usize, keep_comments: bool) -> Result<Vec<Entry>, String> {
    let mut out: Vec<Entry> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let depth = indentation(line);
        if line.trim_start().starts_with('#') && (depth <= base || out.is_empty()) {
            comments.push(line.trim_start().to_string());
            continue;
        }
        let continues_sequence = line[depth..].starts_with("- ") || line[depth..] == *"-";
        let starts_entry = !continues_sequence || out.is_empty();
        if depth == base && starts_entry {
            let text = &line[base..];
            let key =
                entry_key(text).ok_or_else(|| format!("`{text}` is not a `key: value` entry"))?;
            let mut entry_lines = if keep_comments {
                std::mem::take(&mut comments)
            } else {
                comments.clear();
                Vec::new()
            };
            entry_lines.push(text.to_string());
            out.push(Entry {
                key,
                lines: entry_lines,
            });
        } else if depth >= base {
            let entry = out
                .last_mut()
                .ok_or_else(|| format!("`{}` is indented but belongs to no entry", line.trim()))?;
            entry.lines.append(&mut comments);
            entry.lines.push(line[base..].to_string());
        } else {
            return Err(format!(
                "`{}` is less indented than its mapping",
                line.trim()
            ));
        }
    }
    Ok(out)
}

impl StackText {
    pub fn parse(text: &str) -> Result<StackText, String> {
        let lines: Vec<&str> = text.lines().collect();
        if lines
            .iter()
            .any(|l| l.contains('\t') && !is_comment_or_blank(l))
        {
            return Err("tab characters in indentation".into());
        }
        let first = lines
            .iter()
            .position(|l| !is_comment_or_blank(l))
            .unwrap_or(lines.len());
        let header = lines[..first]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.to_string())
            .collect();
        let mut stack = StackText {
            header,
            ..StackText::default()
        };
        for entry in entries(&lines[first..], 0, false)? {
            if entry.key == "config" {
                stack.config = config_entries(&entry)?;
            } else {
                stack.top.push(entry);
            }
        }
        Ok(stack)
    }

    pub fn config_entry(&self, key: &str) -> Option<&Entry> {
        self.config.iter().find(|e| e.key == key)
    }

    /// The file text: header, other top-level entries, then `config:` sorted by key.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in self
            .header
            .iter()
            .chain(self.top.iter().flat_map(|e| &e.lines))
        {
            out.push_str(line);
            out.push('\n');
        }
        if self.config.is_empty() {
            out.push_str("config: {}\n");
            return out;
        }
        out.push_str("config:\n");
        let mut config: Vec<&Entry> = self.config.iter().collect();
        config.sort_by(|a, b| a.key.cmp(&b.key));
        for line in config.iter().flat_map(|e| &e.lines) {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

fn config_entries(config: &Entry) -> Result<Vec<Entry>, String> {
    let head = config.lines[0].trim_end();
    let inline = head["config:".len()..].trim();
    if !inline.is_empty() && inline != "{}" && !inline.starts_with('#') {
        return Err(format!(
            "`config: {inline}` is not a block mapping (Pulumi writes one entry per line)"
        ));
    }
    let body: Vec<&str> = config.lines[1..].iter().map(String::as_str).collect();
    let Some(base) = body
        .iter()
        .find(|l| !is_comment_or_blank(l))
        .map(|l| indentation(l))
    else {
        return Ok(Vec::new());
    };
    entries(&body, base, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLI_EDITED: &str = "\
encryptionsalt: v1:Zm9vYmFy:v1:AAAA:BBBB==
# Code generated by infragen. DO NOT EDIT.
config:
    # the account
    dome:account: '0123'
    dome:api_token:
        secure: v1:abc:def==
    dome:zones:
        - a
        - b
";

    #[test]
    fn splits_top_level_and_config_entries_keeping_user_comments() {
        let s = StackText::parse(CLI_EDITED).unwrap();
        assert_eq!(s.header, Vec::<String>::new());
        assert_eq!(s.top.len(), 1);
        assert_eq!(s.top[0].key, "encryptionsalt");
        let keys: Vec<&str> = s.config.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["dome:account", "dome:api_token", "dome:zones"]);
        assert_eq!(
            s.config[1].lines,
            ["dome:api_token:", "    secure: v1:abc:def=="]
        );
        assert_eq!(s.config[0].lines, ["# the account", "dome:account: '0123'"]);
    }

    #[test]
    fn renders_with_two_space_config_and_parses_back_to_the_same() {
        let s = StackText::parse(CLI_EDITED).unwrap();
        let text = s.render();
        assert!(text.contains("config:\n  # the account\n  dome:account: '0123'\n"));
        assert!(text.contains("  dome:api_token:\n      secure: v1:abc:def==\n"));
        let again = StackText::parse(&text).unwrap();
        assert_eq!(again.render(), text);
    }

    #[test]
    fn scalars_compare_as_text() {
        let a = StackText::parse("config:\n  p:n: 3\n").unwrap();
        let b = StackText::parse("config:\n  p:n: \"3\"\n").unwrap();
        let c = StackText::parse("config:\n  p:n: '4'\n").unwrap();
        let value = |s: &StackText| s.config[0].canonical_value().unwrap();
        assert_eq!(value(&a), value(&b));
        assert_ne!(value(&a), value(&c));
    }

    #[test]
    fn a_sequence_at_the_key_indentation_belongs_to_the_key() {
        let s = StackText::parse("config:\n  p:zones:\n  - a\n  - b\n  p:x: 1\n").unwrap();
        assert_eq!(s.config[0].lines, ["p:zones:", "- a", "- b"]);
        assert_eq!(s.config[1].key, "p:x");
    }

    #[test]
    fn quoted_and_colon_keys() {
        assert_eq!(
            entry_key("dome:api_token: x").as_deref(),
            Some("dome:api_token")
        );
        assert_eq!(entry_key("'a: b': x").as_deref(), Some("a: b"));
        assert_eq!(entry_key("- item"), None);
    }

    #[test]
    fn empty_and_flow_config() {
        assert!(StackText::parse("config: {}\n").unwrap().config.is_empty());
        assert!(StackText::parse("config: {a: b}\n").is_err());
        assert!(StackText::parse("  indented: first\n").is_err());
    }
}
