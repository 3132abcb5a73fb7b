//! Downloads the published SDK packages into the cache and unpacks them once: the npm tarball
//! (from the registry's package metadata, checked against its `integrity`) and the Python wheel
//! (from PyPI's JSON API, checked against its sha256). `curl`, `tar` and `unzip` (or Python's
//! `zipfile`) do the work; a finished unpack is renamed into place, so concurrent runs and
//! interrupted downloads never leave a half-unpacked package behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;
use sha2::{Digest, Sha256, Sha512};

/// The npm registry (`INFRAGEN_NPM_REGISTRY` overrides it).
fn npm_registry() -> String {
    std::env::var("INFRAGEN_NPM_REGISTRY")
        .unwrap_or_else(|_| "https://registry.npmjs.org".into())
        .trim_end_matches('/')
        .to_string()
}

/// PyPI (`INFRAGEN_PYPI_URL` overrides it).
fn pypi() -> String {
    std::env::var("INFRAGEN_PYPI_URL")
        .unwrap_or_else(|_| "https://pypi.org".into())
        .trim_end_matches('/')
        .to_string()
}

/// The user's cache directory for infragen: `INFRAGEN_CACHE`, else `~/.cache/infragen`.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("INFRAGEN_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into()))
                .join(".cache")
                .join("infragen")
        })
}

/// `@pulumi/random@4.21.1` -> (`@pulumi/random`, `4.21.1`).
pub fn parse_npm_spec(spec: &str) -> Result<(String, String), String> {
    match spec.rsplit_once('@') {
        Some((name, version)) if !name.is_empty() && !version.is_empty() => {
            Ok((name.to_string(), version.to_string()))
        }
        _ => Err(format!(
            "`{spec}` is not an npm package with a version (e.g. @pulumi/random@4.21.1)"
        )),
    }
}

/// `pulumi-random==4.21.1` -> (`pulumi-random`, `4.21.1`).
pub fn parse_pypi_spec(spec: &str) -> Result<(String, String), String> {
    match spec.split_once("==") {
        Some((name, version)) if !name.is_empty() && !version.is_empty() => {
            Ok((name.to_string(), version.to_string()))
        }
        _ => Err(format!(
            "`{spec}` is not a Python package with a version (e.g. pulumi-random==4.21.1)"
        )),
    }
}

fn run(cmd: &mut Command) -> Result<Vec<u8>, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if !out.status.success() {
        return Err(format!(
            "{:?} failed: {}",
            cmd,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

fn curl(url: &str) -> Result<Vec<u8>, String> {
    run(Command::new("curl").args(["-fsSL", "--retry", "3", url]))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// A fresh temporary directory next to `dest`, for an unpack that is renamed into place.
fn staging(dest: &Path) -> Result<PathBuf, String> {
    let parent = dest.parent().expect("cache entries have a parent");
    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    // Unique per process and per call: threads of one process may fetch the same package.
    static SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let tmp = parent.join(format!(
        ".{}.{}-{}.tmp",
        dest.file_name().unwrap().to_string_lossy(),
        std::process::id(),
        SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    Ok(tmp)
}

fn finish(tmp: &Path, dest: &Path) -> Result<(), String> {
    match std::fs::rename(tmp, dest) {
        Ok(()) => Ok(()),
        // Another run finished first: keep its copy.
        Err(_) if dest.is_dir() => {
            let _ = std::fs::remove_dir_all(tmp);
            Ok(())
        }
        Err(e) => Err(format!("{}: {e}", dest.display())),
    }
}

/// The unpacked npm package (the folder holding its `package.json`), downloaded on first use.
pub fn npm_package(cache: &Path, name: &str, version: &str) -> Result<PathBuf, String> {
    let dest = cache
        .join("sdk")
        .join("npm")
        .join(format!("{}@{version}", name.replace('/', "+")));
    let package = dest.join("package");
    if package.join("package.json").is_file() {
        return Ok(package);
    }
    let meta_url = format!("{}/{name}/{version}", npm_registry());
    let meta: Json =
        serde_json::from_slice(&curl(&meta_url)?).map_err(|e| format!("{meta_url}: {e}"))?;
    let tarball = meta["dist"]["tarball"]
        .as_str()
        .ok_or_else(|| format!("{meta_url}: no dist.tarball"))?;
    let bytes = curl(tarball)?;
    if let Some(integrity) = meta["dist"]["integrity"].as_str()
        && let Some(expected) = integrity.strip_prefix("sha512-")
    {
        let got = base64(&Sha512::digest(&bytes));
        if got != expected {
            return Err(format!("{tarball}: integrity mismatch (sha512-{got})"));
        }
    }
    let tmp = staging(&dest)?;
    let archive = tmp.join("package.tgz");
    std::fs::write(&archive, &bytes).map_err(|e| format!("{}: {e}", archive.display()))?;
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&tmp))?;
    std::fs::remove_file(&archive).map_err(|e| e.to_string())?;
    if !tmp.join("package").join("package.json").is_file() {
        return Err(format!("{tarball}: no package/package.json inside"));
    }
    finish(&tmp, &dest)?;
    Ok(package)
}

/// The unpacked wheel's import package (e.g. `.../pulumi_random`), downloaded on first use.
pub fn python_package(cache: &Path, name: &str, version: &str) -> Result<PathBuf, String> {
    let dest = cache
        .join("sdk")
        .join("pypi")
        .join(format!("{name}=={version}"));
    let import_name = name.replace('-', "_");
    let package = dest.join(&import_name);
    if package.join("__init__.py").is_file() {
        return Ok(package);
    }
    // The per-project JSON (the per-version one is not served by every index mirror).
    let url = format!("{}/pypi/{name}/json", pypi());
    let meta: Json = serde_json::from_slice(&curl(&url)?).map_err(|e| format!("{url}: {e}"))?;
    let files = meta["releases"][version]
        .as_array()
        .ok_or_else(|| format!("{url}: no release {version}"))?;
    let wheel = files
        .iter()
        .find(|f| f["packagetype"] == "bdist_wheel")
        .ok_or_else(|| format!("{url}: release {version} has no wheel"))?;
    let file_url = wheel["url"].as_str().unwrap_or_default();
    // Mirrors may answer with URLs relative to the JSON's address.
    let file_url = if file_url.contains("://") {
        file_url.to_string()
    } else {
        resolve_relative(&url, file_url)
    };
    let bytes = curl(&file_url)?;
    if let Some(expected) = wheel["digests"]["sha256"].as_str() {
        let got: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if got != expected {
            return Err(format!("{file_url}: sha256 mismatch ({got})"));
        }
    }
    let tmp = staging(&dest)?;
    let archive = tmp.join("wheel.zip");
    std::fs::write(&archive, &bytes).map_err(|e| format!("{}: {e}", archive.display()))?;
    let unzipped = run(Command::new("unzip")
        .arg("-q")
        .arg(&archive)
        .arg("-d")
        .arg(&tmp))
    .or_else(|_| {
        run(Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&archive)
            .arg(&tmp))
    });
    unzipped?;
    std::fs::remove_file(&archive).map_err(|e| e.to_string())?;
    if !tmp.join(&import_name).join("__init__.py").is_file() {
        return Err(format!("{file_url}: no {import_name}/__init__.py inside"));
    }
    finish(&tmp, &dest)?;
    Ok(package)
}

/// Resolves `../../packages/x` against `https://host/pypi/name/json`.
fn resolve_relative(base: &str, rel: &str) -> String {
    let (scheme_host, path) = match base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
    {
        Some(i) => (&base[..i], &base[i..]),
        None => (base, "/"),
    };
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop(); // the file name
    for seg in rel.split('/') {
        match seg {
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            "." => {}
            s => parts.push(s),
        }
    }
    format!("{scheme_host}{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_urls() {
        assert_eq!(
            parse_npm_spec("@pulumi/random@4.21.1").unwrap(),
            ("@pulumi/random".to_string(), "4.21.1".to_string())
        );
        assert!(parse_npm_spec("@pulumi/random").is_err());
        assert_eq!(
            parse_pypi_spec("pulumi-random==4.21.1").unwrap(),
            ("pulumi-random".to_string(), "4.21.1".to_string())
        );
        assert_eq!(
            resolve_relative(
                "https://pypi.org/pypi/pulumi-random/json",
                "../../packages/a/b.whl"
            ),
            "https://pypi.org/packages/a/b.whl"
        );
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }
}
