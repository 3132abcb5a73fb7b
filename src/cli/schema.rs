//! `infragen schema extract`: a thin shell over `schema_extract`.

use std::path::Path;

use crate::schema_extract::{self, Sources, fetch, write};

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
