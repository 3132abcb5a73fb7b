//! The checker: name resolution, schema types, bindings, components, stack references and the
//! dependency graph. It reports every problem it finds and, alongside, builds the IR.

mod after_syntax_errors;
mod aliases;
mod assets;
mod binding;
mod builtin;
mod component;
mod control;
mod data_sources;
mod expr;
mod facts;
mod file_names;
mod functions;
mod graph;
mod indexing;
mod instance_conditions;
mod lets;
mod limits;
mod load;
mod locked;
mod logical_names;
mod loops;
mod moved;
mod names;
mod options;
mod parse_cache;
mod placeholders;
mod project;
mod providers;
mod resource;
mod rules;
mod schema;
mod schema_index;
mod schema_lock;
mod settings;
mod stacks;
mod symbols;

pub use builtin::schemas as builtin_schemas;
pub use load::{Collected, collect_dir, collect_dir_reporting, is_infra_file};
pub use parse_cache::ParseCache;
pub use schema::{
    FunctionSchema, ObjectSchema, Package, Property, ResourceSchema, SchemaSet, friendly_name,
    parse_package,
};
pub use schema_index::{hash as schema_hash, text_of as schema_text};
pub use schema_lock::{LOCK_FILE, Lock, LockedSchema};
pub use symbols::{Definition, Fields, Occurrence, Scope, SymbolIndex, SymbolKind, Target};

use crate::diag::{Diagnostic, Severity, Sink};
use crate::ir::Workspace;
use crate::syntax::SourceMap;

/// The result of checking a workspace: its sources, every diagnostic, and the IR. The IR is
/// complete only when there are no errors; with errors it holds what could be resolved.
#[derive(Debug)]
pub struct Checked {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub workspace: Workspace,
    /// Every definition and reference, for the language server.
    pub symbols: SymbolIndex,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads an extra file (a project's own schema) by path relative to the workspace root.
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// Like [`ReadFile`], as bytes: a project's schemas may be gzipped.
pub type ReadBytes<'a> = &'a dyn Fn(&str) -> Result<Vec<u8>, String>;

/// Checks a workspace given as `(path relative to the root, text)` pairs of `.infra` files.
pub fn check_files(files: Vec<(String, String)>, read: ReadFile) -> Checked {
    check_collected(
        Collected {
            files,
            invalid_utf8: Vec::new(),
        },
        read,
    )
}

/// Checks files as [`collect_dir_reporting`] found them: a file that is not valid UTF-8 gets
/// a diagnostic at its first invalid byte.
pub fn check_collected(collected: Collected, read: ReadFile) -> Checked {
    let bytes = |p: &str| read(p).map(String::into_bytes);
    check_collected_cached(collected, &bytes, None)
}

/// [`check_files`] with a reader of bytes, reusing the parse of every file unchanged since
/// `cache` last saw it.
pub fn check_files_cached(
    files: Vec<(String, String)>,
    read: ReadBytes,
    cache: &ParseCache,
) -> Checked {
    let collected = Collected {
        files,
        invalid_utf8: Vec::new(),
    };
    check_collected_cached(collected, read, Some(cache))
}

fn check_collected_cached(
    collected: Collected,
    read: ReadBytes,
    cache: Option<&ParseCache>,
) -> Checked {
    let mut sources = SourceMap::default();
    let mut sink = Sink::default();
    let (workspace, symbols) =
        project::check_workspace(collected, read, &mut sources, &mut sink, cache);
    let mut diagnostics = sink.into_sorted();
    after_syntax_errors::drop_consequences(&mut diagnostics);
    Checked {
        sources,
        diagnostics,
        workspace,
        symbols,
    }
}

/// Checks the workspace in directory `root`.
pub fn check_dir(root: &std::path::Path) -> std::io::Result<Checked> {
    let collected = collect_dir_reporting(root)?;
    let root = root.to_path_buf();
    let read = move |rel: &str| -> Result<Vec<u8>, String> {
        std::fs::read(root.join(rel)).map_err(|e| e.to_string())
    };
    Ok(check_collected_cached(collected, &read, None))
}
