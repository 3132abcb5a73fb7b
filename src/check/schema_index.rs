//! A schema's index: the package's name, version and language settings, and where each
//! resource, object type and function is in a body of compact JSON, so that only what a
//! workspace uses is ever decoded. Large schemas (the shipped aws, gcp and cloudflare ones, or
//! one a project added) are indexed once per content hash into
//! `<cache>/schema-index/<sha256>.idx` (`~/.cache/infragen`, or `INFRAGEN_CACHE`) and read from
//! there with positioned reads; without a usable cache directory the index is built in memory
//! on every run, which is only slower.
//!
//! Cache file: the line `infragen-schema-index <FORMAT> <header length>`, the header (JSON),
//! then the body. Files are written to a temporary name and renamed into place, so a reader
//! sees a whole file or none. A damaged file is not trusted: one of the wrong length is
//! ignored and rewritten; an entry whose bytes fail their checksum (each entry carries one) is
//! read from an index rebuilt in memory from the schema, and the file is removed so that the
//! next run writes it again.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::schema::{decode_function, decode_object, decode_resource, primitive};

const MAGIC: &str = "infragen-schema-index";
/// Bumped whenever the header or body layout changes: old cache files are then ignored.
const FORMAT: u32 = 3;
/// Schemas smaller than this (as stored) are indexed in memory: a cache file would not pay.
const CACHE_FROM_BYTES: usize = 64 * 1024;

/// Where an entry is in the body: (token, offset, length, checksum of its bytes).
pub type Place = (String, u64, u32, u32);

/// What the index says about a package. Entries are sorted by token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub version: String,
    pub language: BTreeMap<String, BTreeMap<String, String>>,
    pub resources: Vec<Place>,
    pub types: Vec<Place>,
    pub functions: Vec<Place>,
    /// The body's length in bytes.
    pub body_len: u64,
    /// Enum type token -> the schema type of its values (`string`, `integer`, ...).
    pub enums: BTreeMap<String, String>,
}

/// The entries' JSON: in a cache file, or in memory.
#[derive(Debug)]
pub enum Body {
    File { file: File, start: u64 },
    Memory(Vec<u8>),
}

impl Body {
    /// An entry's bytes, checked against its checksum.
    pub fn read(&self, offset: u64, len: u32, checksum: u32) -> Result<Vec<u8>, String> {
        let bytes = match self {
            Body::File { file, start } => {
                let mut buf = vec![0; len as usize];
                file.read_exact_at(&mut buf, start + offset)
                    .map_err(|e| e.to_string())?;
                buf
            }
            Body::Memory(bytes) => bytes
                .get(offset as usize..offset as usize + len as usize)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "entry outside the schema body".to_string())?,
        };
        if fnv1a(&bytes) != checksum {
            return Err("the entry's bytes do not match its checksum".into());
        }
        Ok(bytes)
    }
}

/// FNV-1a, 32 bits: cheap enough to check every entry read, enough to notice a damaged file.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[derive(Debug)]
pub struct Indexed {
    pub header: Header,
    pub body: Body,
    /// For a body read from a cache file: the schema and the file, to rebuild the body from
    /// should the file turn out damaged.
    pub recovery: Option<Recovery>,
}

#[derive(Debug)]
pub struct Recovery {
    pub schema: Vec<u8>,
    pub cache_file: PathBuf,
}

impl Recovery {
    /// The body rebuilt in memory from the schema; the damaged cache file is removed.
    pub fn rebuild(&self) -> Option<Body> {
        let _ = std::fs::remove_file(&self.cache_file);
        let (_, body) = build(&text_of(&self.schema).ok()?).ok()?;
        Some(Body::Memory(body))
    }
}

/// The hex SHA-256 of a schema as stored (the cache key, and what a lock entry records).
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The directory of cached indexes.
pub fn cache_dir() -> PathBuf {
    crate::schema_extract::fetch::cache_dir().join("schema-index")
}

/// Indexes a schema given as JSON or gzipped JSON, from the cache when it was indexed before.
pub fn load(bytes: &[u8]) -> Result<Indexed, String> {
    if bytes.len() < CACHE_FROM_BYTES {
        let (header, body) = build(&text_of(bytes)?)?;
        return Ok(Indexed {
            header,
            body: Body::Memory(body),
            recovery: None,
        });
    }
    let path = cache_dir().join(format!("{}.idx", hash(bytes)));
    let recovery = |path: &Path| Recovery {
        schema: bytes.to_vec(),
        cache_file: path.to_path_buf(),
    };
    if let Some(indexed) = read_cached(&path) {
        return Ok(Indexed {
            recovery: Some(recovery(&path)),
            ..indexed
        });
    }
    let (header, body) = build(&text_of(bytes)?)?;
    if write_cached(&path, &header, &body).is_ok()
        && let Some(indexed) = read_cached(&path)
    {
        return Ok(Indexed {
            recovery: Some(recovery(&path)),
            ..indexed
        });
    }
    Ok(Indexed {
        header,
        body: Body::Memory(body),
        recovery: None,
    })
}

/// The schema's text: gunzipped when it starts with the gzip magic bytes.
pub fn text_of(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        crate::schema_extract::write::gunzip(bytes).map_err(|e| format!("not a gzip file: {e}"))
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| format!("not UTF-8: {e}"))
    }
}

/// Parses a whole schema, checks that every entry decodes, and lays the entries out as
/// compact JSON one after another.
pub fn build(text: &str) -> Result<(Header, Vec<u8>), String> {
    let doc: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let name = doc["name"]
        .as_str()
        .ok_or("schema has no `name`")?
        .to_string();
    let language = doc["language"]
        .as_object()
        .map(|sections| {
            sections
                .iter()
                .map(|(language, settings)| {
                    let strings = settings
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect();
                    (language.clone(), strings)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut header = Header {
        name,
        version: doc["version"].as_str().unwrap_or_default().to_string(),
        language,
        resources: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        body_len: 0,
        enums: BTreeMap::new(),
    };
    let section = |key: &str| doc[key].as_object().into_iter().flatten();
    for (token, t) in section("types") {
        if t.get("enum").is_some() {
            let ty = t["type"].as_str().unwrap_or("string").to_string();
            header.enums.insert(token.clone(), ty);
        }
    }
    let enums: BTreeMap<String, crate::ir::Type> = header
        .enums
        .iter()
        .map(|(t, ty)| (t.clone(), primitive(ty)))
        .collect();
    let mut body = Vec::new();
    let place = |value: &Json, body: &mut Vec<u8>| -> Result<(u64, u32, u32), String> {
        let offset = body.len() as u64;
        serde_json::to_writer(&mut *body, value).map_err(|e| e.to_string())?;
        let len = u32::try_from(body.len() as u64 - offset).map_err(|e| e.to_string())?;
        Ok((offset, len, fnv1a(&body[offset as usize..])))
    };
    for (token, r) in section("resources") {
        decode_resource(token, r, &enums).map_err(|e| format!("resource `{token}`: {e}"))?;
        let (o, l, c) = place(r, &mut body)?;
        header.resources.push((token.clone(), o, l, c));
    }
    for (token, t) in section("types") {
        if header.enums.contains_key(token) {
            continue;
        }
        decode_object(t, &enums).map_err(|e| format!("type `{token}`: {e}"))?;
        let (o, l, c) = place(t, &mut body)?;
        header.types.push((token.clone(), o, l, c));
    }
    // The provider resource is a kind like any other (`aws.Provider`), so that an explicit
    // provider is declared, typed and lowered as a resource; it registers as
    // `pulumi:providers:aws` (`ir::Kind::registered_type`).
    if doc["provider"].is_object() {
        let token = super::schema::provider_token(&header.name);
        decode_resource(&token, &doc["provider"], &enums).map_err(|e| format!("provider: {e}"))?;
        let (o, l, c) = place(&doc["provider"], &mut body)?;
        header.resources.push((token, o, l, c));
    }
    // The default provider's settings (`config.variables`) as an object type.
    if doc["config"]["variables"].is_object() {
        let config = serde_json::json!({ "properties": doc["config"]["variables"] });
        decode_object(&config, &enums).map_err(|e| format!("config: {e}"))?;
        let (o, l, c) = place(&config, &mut body)?;
        header
            .types
            .push((super::schema::config_token(&header.name), o, l, c));
    }
    // Provider methods (`pulumi:providers:aws/terraformConfig`) are not data sources.
    for (token, f) in section("functions").filter(|(t, _)| !t.starts_with("pulumi:providers:")) {
        decode_function(token, f, &enums).map_err(|e| format!("function `{token}`: {e}"))?;
        let (o, l, c) = place(f, &mut body)?;
        header.functions.push((token.clone(), o, l, c));
    }
    header.body_len = body.len() as u64;
    Ok((header, body))
}

fn read_cached(path: &Path) -> Option<Indexed> {
    let mut file = File::open(path).ok()?;
    let mut first = [0u8; 64];
    let n = file.read(&mut first).ok()?;
    let line_end = first[..n].iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&first[..line_end]).ok()?;
    let mut words = line.split(' ');
    if words.next()? != MAGIC || words.next()?.parse::<u32>().ok()? != FORMAT {
        return None;
    }
    let header_len: u64 = words.next()?.parse().ok()?;
    let header_start = line_end as u64 + 1;
    let mut header = vec![0; usize::try_from(header_len).ok()?];
    file.read_exact_at(&mut header, header_start).ok()?;
    let header: Header = serde_json::from_slice(&header).ok()?;
    let start = header_start + header_len;
    if file.metadata().ok()?.len() != start + header.body_len {
        return None;
    }
    Some(Indexed {
        header,
        body: Body::File { file, start },
        recovery: None,
    })
}

fn write_cached(path: &Path, header: &Header, body: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let header = serde_json::to_vec(header).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut f = File::create(&tmp)?;
        writeln!(f, "{MAGIC} {FORMAT} {}", header.len())?;
        f.write_all(&header)?;
        f.write_all(body)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r##"{
      "name": "demo", "version": "1.2.3",
      "language": {"nodejs": {"packageName": "@demo/demo"}},
      "resources": {"demo:index/thing:Thing": {
        "inputProperties": {"size": {"$ref": "#/types/demo:index/Size:Size"},
                            "spec": {"$ref": "#/types/demo:index/Spec:Spec"}},
        "requiredInputs": ["size"], "properties": {"size": {"type": "string"}}}},
      "types": {"demo:index/Size:Size": {"type": "string", "enum": [{"value": "S"}]},
                "demo:index/Spec:Spec": {"type": "object", "properties": {"n": {"type": "integer"}}}},
      "functions": {"demo:index/getThing:getThing": {
        "inputs": {"properties": {"id": {"type": "string"}}, "required": ["id"]},
        "outputs": {"properties": {"size": {"type": "string"}}}}}
    }"##;

    #[test]
    fn cache_file_round_trips_and_decodes_entries_on_demand() {
        let (header, body) = build(SCHEMA).unwrap();
        assert_eq!(header.enums.len(), 1);
        assert_eq!(header.types.len(), 1, "enums are not object types");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.idx");
        write_cached(&path, &header, &body).unwrap();
        let indexed = read_cached(&path).expect("reads back");
        assert!(matches!(indexed.body, Body::File { .. }));
        let (_, offset, len, check) = indexed.header.resources[0].clone();
        let bytes = indexed.body.read(offset, len, check).unwrap();
        let json: Json = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["requiredInputs"][0], "size");
        // Another format version is ignored, not misread.
        let text = std::fs::read(&path).unwrap();
        let other = [b"infragen-schema-index 0".as_slice(), &text[23..]].concat();
        std::fs::write(&path, other).unwrap();
        assert!(read_cached(&path).is_none());
    }

    /// A cache file cut short is not read; one with damaged bytes still gives every entry,
    /// from the schema, and is removed so that the next run writes it again.
    #[test]
    fn a_damaged_cache_file_is_rebuilt_from_the_schema() {
        let (header, body) = build(SCHEMA).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.idx");
        write_cached(&path, &header, &body).unwrap();
        let whole = std::fs::read(&path).unwrap();

        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(read_cached(&path).is_none(), "a truncated file is ignored");

        let mut damaged = whole.clone();
        let at = damaged.len() - body.len() + body.windows(4).position(|w| w == b"size").unwrap();
        damaged[at] = b'X';
        std::fs::write(&path, &damaged).unwrap();
        let indexed = read_cached(&path).expect("same length: the header reads");
        let (_, offset, len, check) = indexed.header.resources[0].clone();
        assert!(
            indexed.body.read(offset, len, check).is_err(),
            "checksum catches it"
        );
        let package = super::super::schema::Package::from_index(Indexed {
            recovery: Some(Recovery {
                schema: SCHEMA.as_bytes().to_vec(),
                cache_file: path.clone(),
            }),
            ..indexed
        });
        let thing = package.resource("demo:index/thing:Thing").expect("rebuilt");
        assert!(
            thing.inputs.contains_key("size"),
            "{:?}",
            thing.inputs.keys()
        );
        assert!(!path.exists(), "the damaged file is removed");
    }

    #[test]
    fn a_bad_entry_is_reported_with_its_token() {
        let bad = SCHEMA.replace(r#""type": "integer""#, r#""type": "tuple""#);
        let err = build(&bad).unwrap_err();
        assert!(err.contains("demo:index/Spec:Spec"), "{err}");
    }
}
