//! `infragen schema extract`, `list`, `show` and `add`: thin shells over `schema_extract` and
//! `schema_tools`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::schema_extract::{self, Sources, fetch, write};
use crate::schema_tools::{self, SchemaSource, ToolError, project_schemas};

/// Prints a result on stdout, or its coded error on stderr (exit 2).
fn print(result: Result<String, ToolError>) -> u8 {
    match result {
        Ok(text) => {
            // A closed pipe (`| head`) ends the listing quietly.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

pub fn list(project: &Path, provider: Option<&str>, filter: Option<&str>, functions: bool) -> u8 {
    print(
        project_schemas(project)
            .and_then(|set| schema_tools::list(&set, provider, filter, functions)),
    )
}

pub fn show(project: &Path, kind: &str) -> u8 {
    print(project_schemas(project).and_then(|set| schema_tools::show(&set, kind)))
}

pub fn add(project: &Path, spec: &str, from: Option<PathBuf>) -> u8 {
    let source = from.map_or(SchemaSource::PulumiCli, SchemaSource::File);
    match schema_tools::add(project, spec, &source) {
        Ok(message) => {
            eprintln!("{message}");
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

pub fn extract(npm: &str, pypi: &str, out: &Path) -> u8 {
    let sources = Sources {
        npm: npm.to_string(),
        pypi: pypi.to_string(),
    };
    let (text, report) = match schema_extract::extract(&sources, &fetch::cache_dir()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let bytes = if out.extension().is_some_and(|e| e == "gz") {
        write::gzip(&text)
    } else {
        text.into_bytes()
    };
    if let Some(parent) = out.parent()
        && !parent.as_os_str().is_empty()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        eprintln!("error: {}: {e}", parent.display());
        return 2;
    }
    if let Err(e) = std::fs::write(out, bytes) {
        eprintln!("error: {}: {e}", out.display());
        return 2;
    }
    for s in &report.skipped {
        eprintln!("warning: skipped {s}");
    }
    if !report.unresolved_numbers.is_empty() {
        eprintln!(
            "warning: {} number properties have no Python annotation to tell integer from number (written as number), e.g. {}",
            report.unresolved_numbers.len(),
            report.unresolved_numbers[..report.unresolved_numbers.len().min(5)].join(", ")
        );
    }
    eprintln!(
        "wrote {}: {} resources ({} resource classes in the SDK), {} functions, {} object types, {} enums",
        out.display(),
        report.resources,
        report.resource_classes,
        report.functions,
        report.object_types,
        report.enum_types
    );
    0
}
