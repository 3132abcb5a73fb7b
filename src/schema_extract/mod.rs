//! The schema extractor: reads the SDK packages a provider publishes (the npm package's `.d.ts`
//! type definitions and `.js` files, the Python wheel's annotations) and writes the Pulumi
//! Package Schema that `pulumi package get-schema` prints, with sorted keys so that two runs
//! are byte-identical. `infragen schema extract` is its command line; `schemas/README.md`
//! says what is read from where and how the output was validated.

pub mod build;
pub mod convert;
pub mod dts;
pub mod fetch;
pub mod js;
pub mod package;
pub mod python;
pub mod write;

use std::path::Path;

pub use build::Report;

/// Which SDK packages to read.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `@pulumi/random@4.21.1`
    pub npm: String,
    /// `pulumi-random==4.21.1`
    pub pypi: String,
}

/// Downloads (once, into `cache`) and reads the packages; returns the schema text and what
/// was seen.
pub fn extract(sources: &Sources, cache: &Path) -> Result<(String, Report), String> {
    let (npm_name, npm_version) = fetch::parse_npm_spec(&sources.npm)?;
    let (py_name, py_version) = fetch::parse_pypi_spec(&sources.pypi)?;
    let npm_dir = fetch::npm_package(cache, &npm_name, &npm_version)?;
    let py_dir = fetch::python_package(cache, &py_name, &py_version)?;
    extract_dirs(&npm_dir, &py_dir)
}

/// Reads already unpacked packages: the npm folder holding `package.json` and the Python
/// import package folder (e.g. `pulumi_random`).
pub fn extract_dirs(npm_dir: &Path, python_dir: &Path) -> Result<(String, Report), String> {
    let (schema, report) = build::build(npm_dir, python_dir)?;
    Ok((write::to_sorted_json(&schema), report))
}
