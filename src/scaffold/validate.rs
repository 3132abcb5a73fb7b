//! What scaffolding checks before it writes anything: names, provider pins, kinds and the
//! project a command adds to.

use std::path::Path;

use super::error::ScaffoldError;
use crate::check::builtin_schemas;
use crate::diag::{Sink, did_you_mean};
use crate::syntax::ast::{File, Item};
use crate::syntax::{FileId, parse_file};

/// A lowercase identifier that is not a keyword: it becomes a file name and a name in code.
pub fn identifier(what: &'static str, value: &str) -> Result<(), ScaffoldError> {
    let mut chars = value.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok && !crate::syntax::keywords::is_reserved(value) {
        Ok(())
    } else {
        Err(ScaffoldError::BadIdentifier {
            what,
            value: value.to_string(),
        })
    }
}

/// `gcp` (the shipped version) or `gcp@9.37.0` (which must be the shipped version).
pub fn provider_pin(spec: &str) -> Result<(String, String), ScaffoldError> {
    let schemas = builtin_schemas();
    let (name, version) = match spec.split_once('@') {
        Some((n, v)) => (n, Some(v)),
        None => (spec, None),
    };
    let Some(package) = schemas.package(name) else {
        return Err(ScaffoldError::UnknownProvider {
            name: name.to_string(),
            known: schemas.package_names().map(str::to_string).collect(),
        });
    };
    match version {
        Some(v) if v != package.version => Err(ScaffoldError::UnknownVersion {
            provider: name.to_string(),
            version: v.to_string(),
            shipped: package.version.clone(),
        }),
        _ => Ok((name.to_string(), package.version.clone())),
    }
}

/// The provider of a known kind (`aws.s3.Bucket` -> `aws`).
pub fn kind_provider(kind: &str) -> Result<String, ScaffoldError> {
    let schemas = builtin_schemas();
    if schemas.resolve_kind(kind).is_none() {
        let provider = kind.split('.').next().unwrap_or(kind);
        let suggestion = schemas
            .package(provider)
            .and_then(|p| did_you_mean(kind, p.kinds().map(|(f, _)| f)));
        return Err(ScaffoldError::UnknownKind {
            kind: kind.to_string(),
            suggestion,
        });
    }
    Ok(kind.split('.').next().unwrap_or(kind).to_string())
}

/// What scaffolding needs to know about an existing project.
#[derive(Debug, Clone, Default)]
pub struct ProjectInfo {
    pub providers: Vec<String>,
    pub config_keys: Vec<String>,
}

fn parse(path: &Path) -> Result<File, ScaffoldError> {
    let text = std::fs::read_to_string(path).map_err(|e| ScaffoldError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(parse_file(FileId(0), &text, &mut Sink::default()))
}

/// Reads `dir/project.infra`; a directory without one is refused (nothing is written outside a
/// project).
pub fn project(dir: &Path) -> Result<ProjectInfo, ScaffoldError> {
    let file = dir.join("project.infra");
    if !file.is_file() {
        return Err(ScaffoldError::NoProject {
            dir: dir.display().to_string(),
        });
    }
    let mut info = ProjectInfo::default();
    for item in parse(&file)?.items {
        match item {
            Item::Project(p) => info
                .providers
                .extend(p.providers.iter().map(|a| a.key.name.clone())),
            Item::Config(c) => info
                .config_keys
                .extend(c.keys.iter().map(|k| k.name.name.clone())),
            _ => {}
        }
    }
    Ok(info)
}

/// The resource names a module file declares (none when it does not exist yet).
pub fn resource_names(module_file: &Path) -> Result<Vec<String>, ScaffoldError> {
    if !module_file.exists() {
        return Ok(Vec::new());
    }
    Ok(parse(module_file)?
        .items
        .into_iter()
        .filter_map(|item| match item {
            Item::Resource(r) => Some(r.name.name),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(identifier("module", "queues_2").is_ok());
        for bad in ["123abc", "bad name", "Bad", "bad-mod", "", "resource", "_x"] {
            assert!(identifier("module", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn provider_pins() {
        let (name, version) = provider_pin("random").unwrap();
        assert_eq!(name, "random");
        assert_eq!(
            provider_pin(&format!("random@{version}")).unwrap().1,
            version
        );
        assert_eq!(provider_pin("random@banana").unwrap_err().code(), "S0003");
        assert_eq!(provider_pin("azure").unwrap_err().code(), "S0002");
    }
}
