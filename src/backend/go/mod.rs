//! The Go backend.

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};

pub struct GoBackend;

impl Backend for GoBackend {
    fn language(&self) -> Language {
        Language::Go
    }

    fn generate(&self, _workspace: &Workspace, project: &Project) -> Result<Vec<GeneratedFile>, String> {
        Err(format!(
            "the go backend cannot compile project `{}` yet",
            project.name
        ))
    }
}
