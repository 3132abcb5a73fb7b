//! Deterministic output: JSON with sorted keys and two-space indentation (the layout of
//! `json.dump(obj, f, indent=2, sort_keys=True)`), and its gzip form for `schemas/`.

use std::io::{Read, Write};

use serde_json::Value as Json;

/// The schema as text: keys sorted at every level, two-space indentation, a final newline.
pub fn to_sorted_json(value: &Json) -> String {
    let mut out = String::new();
    write_value(value, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(v: &Json, indent: usize, out: &mut String) {
    match v {
        Json::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent + 1, out);
                out.push_str(&Json::String((*k).clone()).to_string());
                out.push_str(": ");
                write_value(&map[*k], indent + 1, out);
            }
            newline(indent, out);
            out.push('}');
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent + 1, out);
                write_value(item, indent + 1, out);
            }
            newline(indent, out);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn newline(indent: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..indent {
        out.push_str("  ");
    }
}

/// Gzip with a fixed header (no file name, no time stamp), so equal input gives equal bytes.
pub fn gzip(text: &str) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    enc.write_all(text.as_bytes()).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

pub fn gunzip(bytes: &[u8]) -> Result<String, String> {
    let mut s = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut s)
        .map_err(|e| e.to_string())?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_stable() {
        let v: Json =
            serde_json::from_str(r#"{"b":[1,{"d":2,"c":[]}],"a":{},"é":"\"x\""}"#).unwrap();
        let s = to_sorted_json(&v);
        assert_eq!(
            s,
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"c\": [],\n      \"d\": 2\n    }\n  ],\n  \"é\": \"\\\"x\\\"\"\n}\n"
        );
        let z = gzip(&s);
        assert_eq!(z, gzip(&s));
        assert_eq!(gunzip(&z).unwrap(), s);
    }
}
