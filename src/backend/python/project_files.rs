//! The project's non-Python files: Pulumi.yaml, one stack file per environment, requirements,
//! tool settings, the CI workflow and .gitignore.

use askama::Template;

use super::header;
use super::layout::Layout;
use super::templates::{Gitignore, Pyproject, Requirements, RequirementsDev, Workflow};
use crate::backend::shared;
use crate::ir::Project;

/// `"a", "b"`: a TOML array's items.
fn toml_strings(items: &[String]) -> String {
    items
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// pyproject.toml: ruff (first-party modules of the layout) and strict mypy over every file.
fn pyproject(project: &Project, layout: &Layout) -> Result<String, String> {
    let mut mypy_files: Vec<String> = vec!["__main__.py".into(), "config.py".into()];
    if !project.stacks.is_empty() {
        mypy_files.push("stacks.py".into());
    }
    mypy_files.extend(layout.top_level());
    mypy_files.push("tests".into());
    let mut first_party: Vec<String> = vec!["config".into(), "stacks".into(), "tests".into()];
    first_party.extend(
        layout
            .top_level()
            .iter()
            .map(|t| t.trim_end_matches(".py").to_string()),
    );
    first_party.sort();
    Pyproject {
        header: header(),
        project: project.pulumi_name.clone(),
        first_party: toml_strings(&first_party),
        mypy_files: toml_strings(&mypy_files),
    }
    .render()
    .map_err(|e| e.to_string())
}

/// The `runtime:` block of Pulumi.yaml (the rest is the shared layer's).
const RUNTIME: &str =
    "runtime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv";

/// The core SDK every generated project pins (schemas/README.md).
pub const PULUMI_VERSION: &str = "3.272.0";

/// Environment variables the provider reads its credentials from, set from CI secrets.
fn credentials(project: &Project) -> Vec<&'static str> {
    let mut out = Vec::new();
    for p in &project.providers {
        match p.name.as_str() {
            "aws" => out.extend(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]),
            "gcp" => out.push("GOOGLE_CREDENTIALS"),
            "cloudflare" => out.push("CLOUDFLARE_API_TOKEN"),
            _ => {}
        }
    }
    out
}

pub fn render(project: &Project, layout: &Layout) -> Result<Vec<(String, String)>, String> {
    let err = |e: askama::Error| e.to_string();
    let mut files = Vec::new();

    files.push((
        "Pulumi.yaml".into(),
        shared::pulumi_yaml(project, None, RUNTIME)?,
    ));
    for f in shared::stack_files(project, None)? {
        files.push((f.path, f.contents));
    }

    let mut providers: Vec<String> = project
        .providers
        .iter()
        .map(|p| format!("{}=={}", super::names::pypi_name(p), p.version))
        .collect();
    providers.sort();
    files.push((
        "requirements.txt".into(),
        Requirements {
            header: header(),
            pulumi_version: PULUMI_VERSION,
            providers,
        }
        .render()
        .map_err(err)?,
    ));
    files.push((
        "requirements-dev.txt".into(),
        RequirementsDev { header: header() }.render().map_err(err)?,
    ));
    files.push(("pyproject.toml".into(), pyproject(project, layout)?));
    files.push((
        ".gitignore".into(),
        Gitignore { header: header() }.render().map_err(err)?,
    ));
    files.push((
        ".github/workflows/pulumi.yml".into(),
        Workflow {
            header: header(),
            envs: project
                .envs
                .iter()
                .map(|e| e.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            organization: project.organization.clone(),
            project: project.pulumi_name.clone(),
            credentials: credentials(project),
        }
        .render()
        .map_err(err)?,
    ));
    Ok(files)
}
