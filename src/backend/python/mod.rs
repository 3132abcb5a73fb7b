//! The Python backend.

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};

pub struct PythonBackend;

impl Backend for PythonBackend {
    fn language(&self) -> Language {
        Language::Python
    }

    fn generate(&self, _workspace: &Workspace, project: &Project) -> Result<Vec<GeneratedFile>, String> {
        Err(format!(
            "the python backend cannot compile project `{}` yet",
            project.name
        ))
    }
}
