//! `infragen import`: a workspace from what `pulumi stack export` writes, one export per
//! environment. Reading (`read`), merging the stacks (`model`), the module of each resource
//! (`modules`), values through the schema (`values`) and the files (`write`), formatted by
//! `infragen fmt`'s layout. Every resource keeps its URN (logical name, type, no parent) and
//! gets `import` with its id, so the first `pulumi up` adopts instead of recreating.

mod error;
mod model;
mod modules;
mod names;
mod read;
mod values;
mod write;

use std::collections::BTreeMap;

pub use error::{CODES, ImportError};
pub use modules::ModuleMap;
pub use read::{ARCHIVE_SIG, ASSET_SIG, SECRET_SIG, SIG_KEY};

/// Every import warning code with a one-line description (the README's table).
pub const WARNINGS: &[(&str, &str)] = &[
    (
        "W1380",
        "a resource whose type no shipped schema has, left out",
    ),
    (
        "W1381",
        "an input the schema does not have, or whose value does not fit its type, left out",
    ),
    (
        "W1382",
        "a component (with its children) or a child of a resource, left out",
    ),
];

/// Something imported that is left out or needs a hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

impl Warning {
    pub fn new(code: &'static str, message: String) -> Warning {
        Warning { code, message }
    }

    pub fn render(&self) -> String {
        format!("warning[{}]: {}\n", self.code, self.message)
    }
}

/// The inputs of one import.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// (path, text) of each export, one per stack.
    pub exports: Vec<(String, String)>,
    /// The project's name in the language (default: the Pulumi project's in snake_case).
    pub project: Option<String>,
    pub modules: ModuleMap,
}

/// What an import writes.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// Relative path -> formatted text.
    pub files: BTreeMap<String, String>,
    pub warnings: Vec<Warning>,
    /// Secret config keys to set in every stack.
    pub secrets: Vec<String>,
    pub resources: usize,
}

pub fn import(req: &Request) -> Result<Imported, ImportError> {
    let mut stacks: Vec<read::Stack> = Vec::new();
    for (path, text) in &req.exports {
        let stack = read::read(path, text)?;
        if let Some(first) = stacks.first()
            && first.project != stack.project
        {
            return Err(ImportError::MixedProjects {
                first: (first.path.clone(), first.project.clone()),
                other: (stack.path.clone(), stack.project.clone()),
            });
        }
        if let Some(same) = stacks.iter().find(|s| s.name == stack.name) {
            return Err(ImportError::SameStack {
                stack: stack.name.clone(),
                first: same.path.clone(),
                other: stack.path.clone(),
            });
        }
        if !names::is_identifier(&stack.name) {
            return Err(ImportError::Unspellable {
                what: "stack",
                name: stack.name.clone(),
                path: stack.path.clone(),
            });
        }
        stacks.push(stack);
    }
    let Some(first) = stacks.first() else {
        return Ok(Imported::default());
    };
    let project = req
        .project
        .clone()
        .unwrap_or_else(|| names::identifier(&first.project));
    if !names::is_identifier(&project) || !names::default_logical(&project, &first.project) {
        return Err(ImportError::Unspellable {
            what: "project",
            name: first.project.clone(),
            path: first.path.clone(),
        });
    }
    let schemas = crate::check::builtin_schemas();
    let mut warnings = Vec::new();
    let mut model = model::Model::build(&stacks, schemas, &req.modules, &mut warnings);
    // Modules may not read each other in a cycle: merge the modules of one and write again.
    let (raw, secrets, warnings) = loop {
        let mut writer = write::Writer {
            model: &model,
            schemas,
            secrets: Default::default(),
            reads: Default::default(),
            warnings: warnings.clone(),
        };
        let raw = writer.files(&project);
        let reads = std::mem::take(&mut writer.reads);
        let done = (raw, writer.secrets, writer.warnings);
        if !model.merge_cycle(&reads) {
            break done;
        }
    };
    let mut files = BTreeMap::new();
    for (path, text) in raw {
        let text = crate::format::format_text(&path, &text).unwrap_or(text);
        files.insert(path, text);
    }
    let mut warnings = warnings;
    let mut seen = std::collections::BTreeSet::new();
    warnings.retain(|w| seen.insert(w.message.clone()));
    Ok(Imported {
        files,
        warnings,
        secrets: secrets.keys().cloned().collect(),
        resources: model
            .entities
            .iter()
            .filter(|e| matches!(e.role, model::Role::Resource { .. }))
            .count(),
    })
}
