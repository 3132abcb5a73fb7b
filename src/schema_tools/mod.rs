//! `infragen schema list`, `show` and `add`: finding kinds and functions in the provider
//! schemas a project sees, and recording a schema in a project (`infragen.lock`). The command
//! line (`src/cli/schema.rs`) is a thin shell over these functions.

mod add;
mod list;
mod show;

use std::path::Path;

pub use add::{SchemaSource, add};
pub use list::list;
pub use show::show;

use crate::check::{LOCK_FILE, Lock, Package, SchemaSet, builtin_schemas, schema_hash};

/// A coded error of the schema commands (exit code 2).
#[derive(Debug, Clone, PartialEq)]
pub struct ToolError {
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// The schema commands' error codes (the README lists them beside the diagnostics).
pub const TOOL_CODES: &[(&str, &str)] = &[
    ("E1003", "`schema list`: unknown provider"),
    ("E1004", "`schema show`: unknown resource kind or function"),
    ("E1005", "`schema add`: malformed `PACKAGE@VERSION`"),
    (
        "E1006",
        "`schema add`: no schema source (`pulumi` not on PATH and no `--from`), or `pulumi package get-schema` failed",
    ),
    (
        "E1007",
        "`schema add`: the schema cannot be read, or is not the package and version asked for",
    ),
    (
        "E1008",
        "a project's `infragen.lock` or a file it names cannot be read or written",
    ),
];

impl ToolError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ToolError {
            code,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error[{}]: {}", self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The schemas a project in `dir` sees: the shipped ones, replaced by those its
/// `infragen.lock` records (each checked against its hash).
pub fn project_schemas(dir: &Path) -> Result<SchemaSet, ToolError> {
    let mut set = builtin_schemas().clone();
    let Some(lock) = read_lock(dir)? else {
        return Ok(set);
    };
    for (provider, entry) in &lock.schemas {
        let path = dir.join(&entry.file);
        let bytes = std::fs::read(&path)
            .map_err(|e| ToolError::new("E1008", format!("{}: {e}", path.display())))?;
        if schema_hash(&bytes) != entry.sha256 {
            return Err(ToolError::new(
                "E1008",
                format!("{} is not the schema of {provider} that {LOCK_FILE} records", path.display()),
            )
            .help(format!("run `infragen check` for details, or `infragen schema add {provider}@{} --from {}`", entry.version, entry.file)));
        }
        let package = Package::shared(&bytes)
            .map_err(|e| ToolError::new("E1008", format!("{}: {e}", path.display())))?;
        set.add_shared(package);
    }
    Ok(set)
}

/// The project's lock, or `None` when it has none.
fn read_lock(dir: &Path) -> Result<Option<Lock>, ToolError> {
    let path = dir.join(LOCK_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Lock::parse(&text)
            .map(Some)
            .map_err(|e| ToolError::new("E1008", format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ToolError::new("E1008", format!("{}: {e}", path.display()))),
    }
}
