//! The Go backend: one Pulumi project laid out like the InterviewAI design. main.go only
//! orchestrates; config/ holds the typed `Config`; every DSL module is a package with a `New`
//! constructor; components live in `<module>/component/`; stack references in `stacks/`;
//! naming in `utils/`; tests run the program under the mock runtime per environment.

mod access;
mod collections;
mod components;
mod conditions;
mod config;
mod convert;
mod docs;
mod functions;
mod imports;
mod layout;
mod loops;
mod mainfile;
mod module;
mod names;
mod params;
mod project_files;
mod reads;
mod resources;
mod stack_references;
mod syntax;
mod templates;
mod tests;
mod types;
mod utils;
mod values;

use std::collections::BTreeMap;

use super::{Backend, GeneratedFile};
use crate::ir::{Language, Project, Workspace};
use values::{Facts, Needs};

pub use project_files::PULUMI_SDK;
pub use tests::{expected_graph, list_placeholders};

pub struct GoBackend;

impl Backend for GoBackend {
    fn language(&self) -> Language {
        Language::Go
    }

    fn tooling(&self) -> super::shared::Tooling {
        super::shared::Tooling {
            needs: "Go (the version `go.mod` names, or newer)",
            install: &["go mod download"],
            test: &["test -z \"$(gofmt -l .)\"", "go vet ./...", "go test ./..."],
            stack: "{stack}",
            stack_init: "pulumi stack init {stack}",
            preview: "pulumi preview --stack {stack}",
            up: "pulumi up --stack {stack}",
            destroy: "pulumi destroy --stack {stack}",
        }
    }

    fn generate(
        &self,
        _workspace: &Workspace,
        project: &Project,
    ) -> Result<Vec<GeneratedFile>, String> {
        generate(project).map_err(|e| format!("go backend, project `{}`: {e}", project.name))
    }

    fn notes(&self, _workspace: &Workspace, project: &Project) -> Vec<String> {
        let missing = project_files::unsummed(project);
        if missing.is_empty() {
            return Vec::new();
        }
        let list: Vec<String> = missing.iter().map(|(n, v)| format!("{n} {v}")).collect();
        vec![format!(
            "project `{}`: no go.sum data shipped for {}; run `go mod tidy` in `{}/` before building",
            project.name,
            list.join(", "),
            super::project_folder(project)
        )]
    }
}

fn generate(project: &Project) -> Result<Vec<GeneratedFile>, String> {
    layout::check_config(project)?;
    let layout = layout::build(project)?;
    let mut files: Vec<(String, String)> = Vec::new();

    let (go_mod, go_sum) = project_files::files(project)?;
    files.push(("go.mod".into(), go_mod));
    files.push(("go.sum".into(), go_sum));
    files.push((
        "Pulumi.yaml".into(),
        super::shared::pulumi_yaml(project, None, "runtime: go")?,
    ));
    files.extend(
        super::shared::stack_files(project, None)?
            .into_iter()
            .map(|f| (f.path, f.contents)),
    );
    files.extend(config::files(project, &layout)?);
    files.extend(stack_references::files(project, &layout)?);

    // Component output types are needed by every module that reads an instance's outputs.
    let mut component_outputs = BTreeMap::new();
    for ci in layout.components.keys() {
        component_outputs.insert(*ci, components::output_types(project, &layout, *ci)?);
    }
    let stack_fields = layout
        .stacks
        .iter()
        .map(|s| (s.name.clone(), s.fields.clone()))
        .collect();
    let facts = Facts {
        project,
        config_fields: &layout.config_fields,
        stack_fields: &stack_fields,
        component_outputs: &component_outputs,
        utils_path: layout.local(layout::UTILS),
    };
    let mut needs = Needs::default();
    for (ci, cl) in &layout.components {
        let text = components::file(project, &layout, &facts, *ci, &mut needs)?;
        files.push((cl.file.clone(), text));
    }
    let mut module_cfg = BTreeMap::new();
    for m in &layout.modules {
        let (module_files, takes_cfg) = module::files(project, &layout, &facts, m, &mut needs)?;
        module_cfg.insert(m.index, takes_cfg);
        files.extend(module_files);
    }
    files.push((
        "main.go".into(),
        mainfile::file(project, &layout, &facts, &module_cfg, &mut needs)?,
    ));
    if let Some(text) = utils::file(project, &layout, &needs)? {
        files.push(("utils/utils.go".into(), text));
    }
    files.extend(tests::files(project)?);

    let mut out: Vec<GeneratedFile> = files
        .into_iter()
        .map(|(path, mut contents)| {
            if !contents.ends_with('\n') {
                contents.push('\n');
            }
            GeneratedFile::new(path, contents)
        })
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod notes_tests {
    use super::*;

    fn notes_of(fixture: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        let checked = crate::check::check_dir(&dir).expect("fixture is readable");
        assert!(!checked.has_errors(), "fixture `{fixture}` has errors");
        let ws = &checked.workspace;
        ws.projects
            .iter()
            .flat_map(|p| GoBackend.notes(ws, p))
            .collect()
    }

    /// A provider version without shipped go.sum data is said once, with what to run.
    #[test]
    fn unshipped_go_sum_data_is_noted_once() {
        assert_eq!(
            notes_of("own_schema"),
            vec![
                "project `own_schema`: no go.sum data shipped for cloudflare 6.17.0; run `go mod \
                 tidy` in `own-schema/` before building"
                    .to_string()
            ]
        );
        assert!(notes_of("depends_on").is_empty());
    }
}

#[cfg(test)]
mod go_mod_tests {
    use super::*;

    /// go.mod requires the providers the program imports, as `go mod tidy` leaves it: the
    /// fixture declares cloudflare and random but uses only aws and gcp kinds.
    #[test]
    fn go_mod_requires_only_imported_providers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sampled_kinds_go");
        let checked = crate::check::check_dir(&dir).expect("fixture is readable");
        assert!(!checked.has_errors());
        let project = &checked.workspace.projects[0];
        let declared: Vec<&str> = project.providers.iter().map(|p| p.name.as_str()).collect();
        assert!(declared.contains(&"cloudflare") && declared.contains(&"random"));
        let files = generate(project).unwrap();
        let go_mod = &files.iter().find(|f| f.path == "go.mod").unwrap().contents;
        assert!(
            go_mod.contains("github.com/pulumi/pulumi-aws/sdk/v7 v7.41.0"),
            "{go_mod}"
        );
        assert!(
            go_mod.contains("github.com/pulumi/pulumi-gcp/sdk/v9 v9.37.0"),
            "{go_mod}"
        );
        assert!(!go_mod.contains("pulumi-cloudflare"), "{go_mod}");
        assert!(!go_mod.contains("pulumi-random"), "{go_mod}");
    }
}
