//! `infragen schema add PACKAGE@VERSION [--from FILE]`: records a provider schema in a project,
//! gzipped, with its SHA-256 in `infragen.lock`, so the project checks and builds offline
//! against exactly that schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{ToolError, read_lock};
use crate::check::{LOCK_FILE, LockedSchema, Package, schema_hash, schema_text};

/// Where the schema comes from.
#[derive(Debug, Clone)]
pub enum SchemaSource {
    /// A schema file (`.json` or `.json.gz`), e.g. one `pulumi package get-schema` printed.
    File(PathBuf),
    /// `pulumi package get-schema PACKAGE@VERSION`, with the `pulumi` found on PATH.
    PulumiCli,
}

/// Adds (or replaces) `package@version` in the project in `dir`; returns what was done.
pub fn add(dir: &Path, spec: &str, source: &SchemaSource) -> Result<String, ToolError> {
    let (name, version) = parse_spec(spec)?;
    let bytes = match source {
        SchemaSource::File(path) => std::fs::read(path)
            .map_err(|e| ToolError::new("E1007", format!("{}: {e}", path.display())))?,
        SchemaSource::PulumiCli => from_pulumi(&name, &version)?,
    };
    let text = schema_text(&bytes).map_err(|e| ToolError::new("E1007", e))?;
    let package = Package::from_bytes(text.as_bytes())
        .map_err(|e| ToolError::new("E1007", format!("not a usable Pulumi package schema: {e}")))?;
    if package.name != name {
        return Err(ToolError::new(
            "E1007",
            format!("the schema is package `{}`, not `{name}`", package.name),
        ));
    }
    if !package.version.is_empty() && package.version != version {
        return Err(ToolError::new(
            "E1007",
            format!("the schema is {name} {}, not {version}", package.version),
        )
        .help(format!("add it as `{name}@{}`", package.version)));
    }
    let mut lock = read_lock(dir)?.unwrap_or_default();
    let file = format!("schemas/{name}-{version}.json.gz");
    let gz = crate::schema_extract::write::gzip(&text);
    let sha256 = schema_hash(&gz);
    let io = |path: &Path, e: std::io::Error| {
        ToolError::new("E1008", format!("{}: {e}", path.display()))
    };
    let schema_dir = dir.join("schemas");
    std::fs::create_dir_all(&schema_dir).map_err(|e| io(&schema_dir, e))?;
    write_atomically(&dir.join(&file), &gz).map_err(|e| io(&dir.join(&file), e))?;
    let replaced = lock.schemas.insert(
        name.clone(),
        LockedSchema {
            version: version.clone(),
            file: file.clone(),
            sha256: sha256.clone(),
        },
    );
    let lock_path = dir.join(LOCK_FILE);
    write_atomically(&lock_path, lock.render().as_bytes()).map_err(|e| io(&lock_path, e))?;
    let was = match replaced {
        Some(old) if old.version != version => format!(" (was {})", old.version),
        _ => String::new(),
    };
    Ok(format!(
        "added {name} {version}{was}: {file}, {} resource kinds, {} functions, sha256 {sha256} in {LOCK_FILE}\nnext: pin it in the project's providers: `{name} = \"{version}\"`",
        package.kinds().count(),
        package.functions().count(),
    ))
}

/// `aws@7.50.0` -> (`aws`, `7.50.0`).
fn parse_spec(spec: &str) -> Result<(String, String), ToolError> {
    match spec.split_once('@') {
        Some((name, version))
            if !name.is_empty()
                && !version.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && version
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c)) =>
        {
            Ok((name.to_string(), version.to_string()))
        }
        _ => Err(
            ToolError::new("E1005", format!("`{spec}` is not PACKAGE@VERSION"))
                .help("for example `infragen schema add aws@7.41.0`"),
        ),
    }
}

fn from_pulumi(name: &str, version: &str) -> Result<Vec<u8>, ToolError> {
    let output = Command::new("pulumi")
        .args(["package", "get-schema", &format!("{name}@{version}")])
        .output();
    match output {
        Ok(out) if out.status.success() => Ok(out.stdout),
        Ok(out) => Err(ToolError::new(
            "E1006",
            format!(
                "`pulumi package get-schema {name}@{version}` failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ToolError::new(
            "E1006",
            "the Pulumi CLI (`pulumi`) is not on PATH",
        )
        .help("install it, or give the schema with `--from FILE` (what `pulumi package get-schema` prints)")),
        Err(e) => Err(ToolError::new("E1006", format!("running `pulumi`: {e}"))),
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_file_name(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            parse_spec("aws@7.41.0").unwrap(),
            ("aws".into(), "7.41.0".into())
        );
        for bad in ["aws", "@1", "aws@", "a/b@1", "aws@1 2"] {
            assert_eq!(parse_spec(bad).unwrap_err().code, "E1005", "{bad}");
        }
    }
}
