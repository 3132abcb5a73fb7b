//! The Python backend: one Pulumi project per IR project, laid out like the Apex and Sophia
//! designs (`__main__.py` orchestrating one file per module, under `modules/` or flat beside
//! it as `ir::ProjectLayout` says; a package per module that is a folder of files; a typed
//! `config.py`, pytest unit tests under the mock runtime comparing the whole graph with the
//! plan, policy tests, CI and a rollback runbook).

mod access;
mod components;
mod conditions;
mod config;
mod doc;
mod functions;
mod imports;
mod layout;
mod loops;
mod main_file;
mod module_file;
mod names;
mod project_files;
mod resources;
mod rollback;
mod stack_references;
mod templates;
mod tests;
mod types;
mod values;

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};

/// The first line of every generated file that can carry a comment (the shared layer's).
pub(crate) fn header() -> String {
    super::shared::header("#", None)
}

/// A statement laid out at `indent` columns, without its final newline.
fn block(doc: &doc::Doc, indent: usize) -> String {
    doc.render(indent).trim_end_matches('\n').to_string()
}

/// Ends text with exactly one newline.
fn finish(text: String) -> String {
    let mut t = text.trim_end().to_string();
    t.push('\n');
    t
}

pub struct PythonBackend;

impl Backend for PythonBackend {
    fn language(&self) -> Language {
        Language::Python
    }

    fn tooling(&self) -> super::shared::Tooling {
        super::shared::Tooling {
            needs: "Python 3.11 or newer",
            install: &[
                "python -m venv venv",
                "venv/bin/pip install -r requirements-dev.txt",
            ],
            test: &[
                "venv/bin/ruff format --check .",
                "venv/bin/ruff check .",
                "venv/bin/mypy",
                "venv/bin/pytest",
            ],
            stack: "{stack}",
            stack_init: "pulumi stack init {stack}",
            preview: "pulumi preview --stack {stack}",
            up: "pulumi up --stack {stack}",
            destroy: "pulumi destroy --stack {stack}",
        }
    }

    fn generate(
        &self,
        workspace: &Workspace,
        project: &Project,
    ) -> Result<Vec<GeneratedFile>, String> {
        let layout = layout::Layout::new(project)?;
        let mut files = vec![
            GeneratedFile::new("config.py", config::render(project)?),
            GeneratedFile::new("ROLLBACK.md", rollback::render(project)?),
        ];
        if !layout.flat {
            files.push(GeneratedFile::new(
                "modules/__init__.py",
                module_file::render_init(project, &layout)?,
            ));
        }
        for (p, package) in layout.packages.iter().enumerate() {
            files.push(GeneratedFile::new(
                package.path.clone(),
                module_file::render_package(project, &layout, p)?,
            ));
        }
        let mut calls = Vec::new();
        for m in 0..layout.modules.len() {
            let (path, text, args) = module_file::render(project, &layout, m)?;
            files.push(GeneratedFile::new(path, text));
            calls.push(args);
        }
        files.push(GeneratedFile::new(
            "__main__.py",
            main_file::render(project, &layout, &calls)?,
        ));
        if !project.stacks.is_empty() {
            files.push(GeneratedFile::new(
                "stacks.py",
                stack_references::render(workspace, project, &layout)?,
            ));
        }
        let other = project_files::render(project, &layout)?
            .into_iter()
            .chain(tests::render(project, &layout)?);
        files.extend(other.map(|(path, text)| GeneratedFile::new(path, text)));
        let mut files: Vec<GeneratedFile> = files
            .into_iter()
            .map(|f| GeneratedFile::new(f.path, finish(f.contents)))
            .collect();
        files.sort();
        Ok(files)
    }
}
