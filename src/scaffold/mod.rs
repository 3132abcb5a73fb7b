//! `infragen new` and `infragen add`: scaffolding projects, modules and resources. Every command
//! validates first (`validate`), then decides the files it writes (`Writes`), which are applied
//! or shown as a diff (`--dry-run`); a refusal (`ScaffoldError`) writes nothing.

mod error;
pub mod starters;
mod text;
mod validate;
mod writes;

use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

pub use error::{CODES, ScaffoldError};
pub use text::sample_value;
pub use writes::{FileWrite, Writes};

use crate::ir::Language;

/// `infragen new`: a project directory with `project.infra`.
#[derive(Debug, Clone)]
pub struct NewProject<'a> {
    pub dir: &'a Path,
    /// The project's name; by default the directory's name in snake_case.
    pub name: Option<&'a str>,
    /// The language; by default the starter's, or TypeScript.
    pub language: Option<Language>,
    /// `gcp` or `gcp@9.37.0` (not with a template, whose providers are its own).
    pub providers: &'a [String],
    /// A starter of `starters::STARTERS` to copy instead of an empty project.
    pub template: Option<&'a str>,
    pub force: bool,
}

pub fn new_project(req: &NewProject) -> Result<Writes, ScaffoldError> {
    let name = match req.name {
        Some(n) => n.to_string(),
        None => req
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().to_snake_case())
            .unwrap_or_default(),
    };
    validate::identifier("project", &name)?;
    if let Some(template) = req.template {
        let starter = starters::find(template).ok_or_else(|| ScaffoldError::UnknownTemplate {
            name: template.to_string(),
            list: starters::list(),
        })?;
        let mut writes = Writes::default();
        for (path, text) in starters::instantiate(starter, &name, req.language) {
            writes.create(req.dir.join(path), text, req.force)?;
        }
        return Ok(writes);
    }
    let pins = req
        .providers
        .iter()
        .map(|p| validate::provider_pin(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut writes = Writes::default();
    writes.create(
        req.dir.join("project.infra"),
        text::project_file(&name, req.language.unwrap_or(Language::TypeScript), &pins),
        req.force,
    )?;
    Ok(writes)
}

/// `infragen add module NAME [--resource KIND ...]`: `<name>.infra` in the project directory,
/// with a skeleton of each kind (named after the kind: `gcp.storage.Bucket` -> `bucket`,
/// `bucket_2`, ...).
pub fn add_module(
    project: &Path,
    name: &str,
    kinds: &[String],
    force: bool,
) -> Result<Writes, ScaffoldError> {
    validate::identifier("module", name)?;
    let info = validate::project(project)?;
    let mut text = text::module_file(name);
    let mut taken: Vec<String> = Vec::new();
    for kind in kinds {
        declared_kind(&info, kind)?;
        let base = kind.rsplit('.').next().unwrap_or(kind).to_snake_case();
        let base = if validate::identifier("resource", &base).is_ok() {
            base
        } else {
            format!("{base}_resource")
        };
        let resource = (1..)
            .map(|i| {
                if i == 1 {
                    base.clone()
                } else {
                    format!("{base}_{i}")
                }
            })
            .find(|n| !taken.contains(n))
            .expect("an unused name");
        text.push('\n');
        text.push_str(&text::resource_block(kind, &resource, &info.config_keys));
        taken.push(resource);
    }
    let mut writes = Writes::default();
    writes.create(module_path(project, name), text, force)?;
    Ok(writes)
}

/// A known kind whose provider the project declares.
fn declared_kind(info: &validate::ProjectInfo, kind: &str) -> Result<(), ScaffoldError> {
    let provider = validate::kind_provider(kind)?;
    if !info.providers.contains(&provider) {
        return Err(ScaffoldError::ProviderNotDeclared {
            kind: kind.to_string(),
            provider,
            declared: info.providers.clone(),
        });
    }
    Ok(())
}

/// `infragen add resource KIND NAME --module M`: a skeleton appended to the module (created
/// when missing), every required property set to a value of its type.
pub fn add_resource(
    project: &Path,
    kind: &str,
    name: &str,
    module: &str,
) -> Result<Writes, ScaffoldError> {
    validate::identifier("resource", name)?;
    validate::identifier("module", module)?;
    let info = validate::project(project)?;
    declared_kind(&info, kind)?;
    let file = module_path(project, module);
    if validate::resource_names(&file)?.iter().any(|n| n == name) {
        return Err(ScaffoldError::Duplicate {
            what: "resource",
            name: name.to_string(),
            file: file.display().to_string(),
        });
    }
    let block = text::resource_block(kind, name, &info.config_keys);
    let mut writes = Writes::default();
    writes.append(file, &text::module_file(module), &block)?;
    Ok(writes)
}

fn module_path(project: &Path, module: &str) -> PathBuf {
    project.join(format!("{module}.infra"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_write_nothing_and_name_their_code() {
        let dir = tempfile::tempdir().unwrap();
        let req = NewProject {
            dir: &dir.path().join("123abc"),
            name: None,
            language: Some(Language::Go),
            providers: &["gcp".to_string()],
            template: None,
            force: false,
        };
        assert_eq!(new_project(&req).unwrap_err().code(), "S0001");
        let nowhere = dir.path().join("nowhere");
        assert_eq!(
            add_module(&nowhere, "queues", &[], false)
                .unwrap_err()
                .code(),
            "S0007"
        );
        assert!(!nowhere.exists());
    }
}
