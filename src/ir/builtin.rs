//! Built-in functions that reach the IR: applied to a value unknown when infragen runs (a
//! config value read at run time, the environment, a resource output), each backend writes
//! them in its language and `plan` evaluates them here, on placeholders too, exactly as the
//! generated program computes them on what the mocks return.

use serde_json::Value as Json;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    Lower,
    Upper,
    /// `replace(s, old, new)`: every occurrence.
    Replace,
    /// `substr(s, start, length)`, in characters, clamped to the string.
    Substr,
    /// `split(s, separator)`
    Split,
    /// `join(list, separator)`
    Join,
    /// Whitespace removed from both ends.
    Trim,
    /// `truncate(s, n)`: at most the first n characters.
    Truncate,
    /// Compact JSON, object keys sorted.
    Json,
    /// Standard base64 of the UTF-8 bytes.
    Base64,
    /// Lowercase hex SHA-256 of the UTF-8 bytes.
    Sha256,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Lower => "lower",
            Builtin::Upper => "upper",
            Builtin::Replace => "replace",
            Builtin::Substr => "substr",
            Builtin::Split => "split",
            Builtin::Join => "join",
            Builtin::Trim => "trim",
            Builtin::Truncate => "truncate",
            Builtin::Json => "json",
            Builtin::Base64 => "base64",
            Builtin::Sha256 => "sha256",
        }
    }

    /// The result for resolved arguments (as `plan` shows values).
    pub fn apply(self, args: &[Json]) -> Json {
        let s = |i: usize| args.get(i).map(super::plan::text).unwrap_or_default();
        let n = |i: usize| args.get(i).and_then(Json::as_i64).unwrap_or(0).max(0) as usize;
        match self {
            Builtin::Lower => Json::String(s(0).to_lowercase()),
            Builtin::Upper => Json::String(s(0).to_uppercase()),
            Builtin::Replace => Json::String(s(0).replace(&s(1), &s(2))),
            Builtin::Substr => Json::String(s(0).chars().skip(n(1)).take(n(2)).collect()),
            Builtin::Split => Json::Array(
                s(0).split(s(1).as_str())
                    .map(|p| Json::String(p.to_string()))
                    .collect(),
            ),
            Builtin::Join => {
                let items: Vec<String> = args
                    .first()
                    .and_then(Json::as_array)
                    .map(|a| a.iter().map(super::plan::text).collect())
                    .unwrap_or_default();
                Json::String(items.join(&s(1)))
            }
            Builtin::Trim => Json::String(s(0).trim().to_string()),
            Builtin::Truncate => Json::String(s(0).chars().take(n(1)).collect()),
            Builtin::Json => Json::String(args.first().map(Json::to_string).unwrap_or_default()),
            Builtin::Base64 => Json::String(base64(s(0).as_bytes())),
            Builtin::Sha256 => Json::String(
                Sha256::digest(s(0).as_bytes())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
            ),
        }
    }
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_computed_as_every_language_computes_them() {
        assert_eq!(base64(b"hello"), "aGVsbG8=");
        assert_eq!(base64(b"hi!"), "aGkh");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(
            Builtin::Substr.apply(&[json!("abcdef"), json!(2), json!(10)]),
            "cdef"
        );
        assert_eq!(Builtin::Truncate.apply(&[json!("abc"), json!(5)]), "abc");
        assert_eq!(
            Builtin::Json.apply(&[json!({"b": [1, "x"], "a": true})]),
            r#"{"a":true,"b":[1,"x"]}"#
        );
        assert_eq!(
            Builtin::Sha256.apply(&[json!("abc")]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            Builtin::Split.apply(&[json!("a,b"), json!(",")]),
            json!(["a", "b"])
        );
    }
}
