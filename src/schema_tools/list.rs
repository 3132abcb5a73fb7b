//! `infragen schema list [PROVIDER] [--filter TEXT]`

use super::ToolError;
use crate::check::SchemaSet;

/// One line per resource kind (or function): friendly name and token, sorted by friendly name,
/// optionally only one provider's and only names or tokens containing `filter` (any case).
pub fn list(
    schemas: &SchemaSet,
    provider: Option<&str>,
    filter: Option<&str>,
    functions: bool,
) -> Result<String, ToolError> {
    let providers: Vec<&str> = match provider {
        Some(p) if schemas.package(p).is_none() => {
            let known = schemas.package_names().collect::<Vec<_>>().join(", ");
            return Err(
                ToolError::new("E1003", format!("no schema for provider `{p}`"))
                    .help(format!("known providers: {known}")),
            );
        }
        Some(p) => vec![p],
        None => schemas.package_names().collect(),
    };
    let filter = filter.map(str::to_lowercase);
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for p in providers {
        let Some(package) = schemas.package(p) else {
            continue;
        };
        let entries: Vec<(&str, &str)> = if functions {
            package.functions().collect()
        } else {
            package.kinds().collect()
        };
        rows.extend(entries.into_iter().filter(|(name, token)| {
            filter
                .as_ref()
                .is_none_or(|f| name.to_lowercase().contains(f) || token.to_lowercase().contains(f))
        }));
    }
    rows.sort();
    let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    Ok(rows
        .iter()
        .map(|(name, token)| format!("{name:width$}  {token}\n"))
        .collect())
}
