//! The TypeScript backend: one Pulumi project laid out like the Dome design (index.ts,
//! src/config.ts, src/resources/<module>.ts factories, src/stacks/<env>.ts, src/utils/,
//! scripts/, tests under the mock runtime).

mod access;
mod components;
mod conditions;
mod config;
mod doc;
mod functions;
mod imports;
mod index;
mod layout;
mod loops;
mod names;
mod project_files;
mod resources;
mod stack_references;
mod syntax;
mod templates;
mod tests;
mod types;
mod values;

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};

pub struct TypeScriptBackend;

/// Versions of the npm tooling the generated projects pin.
pub const PULUMI_VERSION: &str = "3.276.0";

impl Backend for TypeScriptBackend {
    fn language(&self) -> Language {
        Language::TypeScript
    }

    fn tooling(&self) -> super::shared::Tooling {
        super::shared::Tooling {
            needs: "Node.js 22 with npm",
            install: &["npm install", "npm run build"],
            test: &["npm run lint", "npm test"],
            stack: "{env}",
            stack_init: "npm run deploy -- init {env}",
            preview: "npm run deploy -- preview {env}",
            up: "npm run deploy -- up {env}",
            destroy: "npm run deploy -- destroy {env}",
        }
    }

    fn generate(
        &self,
        _workspace: &Workspace,
        project: &Project,
    ) -> Result<Vec<GeneratedFile>, String> {
        let layout = layout::build(project)?;
        let mut files = Vec::new();
        files.extend(project_files::files(project)?);
        files.extend(config::files(project)?);
        files.push(GeneratedFile::new(
            "index.ts",
            index::file(project, &layout),
        ));
        for module in &project.modules {
            for part in 0..module.parts.len().max(1) {
                if let Some((path, text)) = resources::part_file(project, &layout, module, part) {
                    files.push(GeneratedFile::new(format!("{path}.ts"), text));
                }
            }
            if let Some(text) = resources::folder_index(project, &layout, module) {
                let dir = layout::module_path(&module.name);
                files.push(GeneratedFile::new(format!("{dir}/index.ts"), text));
            }
        }
        for i in 0..project.components.len() {
            files.push(GeneratedFile::new(
                format!("{}.ts", layout::component_path(project, i)),
                components::file(project, &layout, i)?,
            ));
        }
        if let Some(text) = stack_references::file(project) {
            files.push(GeneratedFile::new("src/references.ts", text));
        }
        files.extend(tests::files(project, &layout)?);
        files.sort();
        Ok(files)
    }
}

/// The first line of every generated TypeScript file (the shared header), with its newline.
pub fn header(source: Option<&str>) -> String {
    format!("{}\n", super::shared::header("//", source))
}

/// The header followed by the source's doc comment as a file overview.
pub fn header_with_docs(source: Option<&str>, docs: &[String]) -> String {
    let mut out = header(source);
    if !docs.is_empty() {
        out.push_str("//\n");
        for d in docs {
            if d.trim().is_empty() {
                out.push_str("//\n");
            } else {
                out.push_str(&format!("// {}\n", d.trim_end()));
            }
        }
    }
    out
}
