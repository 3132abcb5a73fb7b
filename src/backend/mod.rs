//! Backends turn the IR into a Pulumi project in one language. Each lives in its own folder
//! with its own templates (`templates/<lang>/`) and reads only the IR: adding a language means
//! one folder here, one template folder, and one line in [`backend_for`].

pub mod go;
pub mod python;
pub mod shared;
pub mod typescript;

use crate::ir::{Language, Project, Workspace};

/// One generated file, by path relative to the project's output folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
    pub ownership: Ownership,
}

/// Who owns a generated file's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Ownership {
    /// infragen owns the whole file: any edit by hand is a conflict.
    #[default]
    Whole,
    /// A `Pulumi.<stack>.yaml`: infragen owns the config keys it generates, the user and the
    /// Pulumi CLI own everything else (see `output::stack_merge`).
    StackConfig,
}

impl GeneratedFile {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
            ownership: Ownership::Whole,
        }
    }

    /// A stack file whose config is co-owned with the user.
    pub fn stack_config(path: impl Into<String>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            ownership: Ownership::StackConfig,
            ..GeneratedFile::new(path, contents)
        }
    }
}

pub trait Backend {
    fn language(&self) -> Language;
    /// Every file of one project. `workspace` is there for cross-project facts (a stack
    /// reference's producer); paths use `/` and are relative to the project's folder.
    fn generate(
        &self,
        workspace: &Workspace,
        project: &Project,
    ) -> Result<Vec<GeneratedFile>, String>;
    /// The commands that install, test and deploy a generated project (its `README.md`).
    fn tooling(&self) -> shared::Tooling;
    /// What the user must know about a generated project before building it (a step the
    /// backend could not do offline), one sentence each.
    fn notes(&self, workspace: &Workspace, project: &Project) -> Vec<String> {
        let _ = (workspace, project);
        Vec::new()
    }
}

pub fn backend_for(language: Language) -> Box<dyn Backend> {
    match language {
        Language::Go => Box::new(go::GoBackend),
        Language::TypeScript => Box::new(typescript::TypeScriptBackend),
        Language::Python => Box::new(python::PythonBackend),
    }
}

/// The folder a project is written to inside the output directory.
pub fn project_folder(project: &Project) -> String {
    project.pulumi_name.clone()
}

/// The notes of every project of a workspace (see [`Backend::notes`]), in project order.
/// Projects without a language are skipped ([`generate_workspace`] reports them).
pub fn workspace_notes(workspace: &Workspace, language: Option<Language>) -> Vec<String> {
    workspace
        .projects
        .iter()
        .filter_map(|p| Some((p, language.or(p.language)?)))
        .flat_map(|(p, lang)| backend_for(lang).notes(workspace, p))
        .collect()
}

/// Generates every project of a workspace; paths are prefixed with each project's folder.
/// `language` overrides each project's declared language.
pub fn generate_workspace(
    workspace: &Workspace,
    language: Option<Language>,
) -> Result<Vec<GeneratedFile>, String> {
    let mut out = Vec::new();
    let mut toolings = Vec::new();
    for project in &workspace.projects {
        let lang = language.or(project.language).ok_or_else(|| {
            format!(
                "project `{}` declares no language: pass --lang or add `language = ...`",
                project.name
            )
        })?;
        let folder = project_folder(project);
        let backend = backend_for(lang);
        let tooling = backend.tooling();
        let readme = shared::project_readme(workspace, project, &tooling)?;
        out.push(GeneratedFile::new(format!("{folder}/README.md"), readme));
        toolings.push((project, tooling));
        for f in backend.generate(workspace, project)? {
            out.push(GeneratedFile {
                path: format!("{folder}/{}", f.path),
                ..f
            });
        }
    }
    // A workspace of several projects also gets the order they deploy in.
    if toolings.len() > 1 {
        let text = shared::workspace_justfile(workspace, &toolings)?;
        out.push(GeneratedFile::new("justfile", text));
    }
    out.sort();
    Ok(out)
}
