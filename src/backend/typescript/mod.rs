//! The TypeScript backend.

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};

pub struct TypeScriptBackend;

impl Backend for TypeScriptBackend {
    fn language(&self) -> Language {
        Language::TypeScript
    }

    fn generate(&self, _workspace: &Workspace, project: &Project) -> Result<Vec<GeneratedFile>, String> {
        Err(format!(
            "the typescript backend cannot compile project `{}` yet",
            project.name
        ))
    }
}
