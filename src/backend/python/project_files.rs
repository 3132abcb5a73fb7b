//! The project's non-Python files: Pulumi.yaml, one stack file per environment, requirements,
//! tool settings, the CI workflow and .gitignore.

use askama::Template;

use super::HEADER;
use super::layout::Layout;
use crate::ir::plan::Evaluator;
use crate::ir::{Project, Type, Value};

/// The core SDK every generated project pins (schemas/README.md).
pub const PULUMI_VERSION: &str = "3.270.0";

pub struct ConfigDecl {
    pub key: String,
    pub ty: String,
    pub description: String,
    pub default: String,
}

#[derive(Template)]
#[template(path = "python/Pulumi.yaml.txt", escape = "none")]
struct PulumiYaml {
    header: &'static str,
    name: String,
    description: String,
    config: Vec<ConfigDecl>,
}

#[derive(Template)]
#[template(path = "python/stack.yaml.txt", escape = "none")]
struct StackYaml {
    header: &'static str,
    docs: Vec<String>,
    env: String,
    project: String,
    protect: bool,
    values: Vec<String>,
    secrets: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/requirements.txt.txt", escape = "none")]
struct Requirements {
    header: &'static str,
    pulumi_version: &'static str,
    providers: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/requirements-dev.txt.txt", escape = "none")]
struct RequirementsDev {
    header: &'static str,
}

#[derive(Template)]
#[template(path = "python/pyproject.toml.txt", escape = "none")]
struct Pyproject {
    header: &'static str,
    project: String,
    first_party: String,
    mypy_files: String,
}

#[derive(Template)]
#[template(path = "python/gitignore.txt", escape = "none")]
struct Gitignore {
    header: &'static str,
}

#[derive(Template)]
#[template(path = "python/workflow.yml.txt", escape = "none")]
struct Workflow {
    header: &'static str,
    envs: String,
    organization: String,
    project: String,
    credentials: Vec<&'static str>,
}

/// A YAML scalar or flow collection (JSON is valid YAML; strings always quoted).
fn yaml(v: &serde_json::Value) -> String {
    v.to_string()
}

/// Pulumi's project config type of an IR type, where it has one.
fn config_type(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::String => Some("string"),
        Type::Int => Some("integer"),
        Type::Bool => Some("boolean"),
        _ => None,
    }
}

fn json_of(project: &Project, v: &Value) -> serde_json::Value {
    match project
        .envs
        .first()
        .and_then(|e| Evaluator::new(project, &e.name))
    {
        Some(eval) => eval.value(v),
        None => serde_json::Value::Null,
    }
}

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

    let config = project
        .config
        .iter()
        .filter(|c| !c.secret)
        .filter_map(|c| {
            let ty = config_type(&c.ty)?;
            Some(ConfigDecl {
                key: c.name.clone(),
                ty: ty.into(),
                description: if c.docs.is_empty() {
                    String::new()
                } else {
                    yaml(&serde_json::Value::String(c.docs.join(" ")))
                },
                default: c
                    .default
                    .as_ref()
                    .map(|d| yaml(&json_of(project, d)))
                    .unwrap_or_default(),
            })
        })
        .collect();
    let description = if project.description.is_empty() {
        project.docs.join(" ")
    } else {
        project.description.clone()
    };
    files.push((
        "Pulumi.yaml".into(),
        PulumiYaml {
            header: HEADER,
            name: project.pulumi_name.clone(),
            description: yaml(&serde_json::Value::String(description)),
            config,
        }
        .render()
        .map_err(err)?,
    ));

    for env in &project.envs {
        let Some(eval) = Evaluator::new(project, &env.name) else {
            continue;
        };
        let mut values: Vec<(String, String)> = project
            .config
            .iter()
            .filter(|c| !c.secret)
            .filter_map(|c| {
                let v = eval.config(&c.name)?;
                Some((c.name.clone(), yaml(&eval.value(v))))
            })
            .collect();
        values.sort();
        let secrets = project
            .config
            .iter()
            .filter(|c| c.secret)
            .map(|c| format!("{}:{}", project.pulumi_name, c.name))
            .collect();
        files.push((
            format!("Pulumi.{}.yaml", env.name),
            StackYaml {
                header: HEADER,
                docs: env.docs.clone(),
                env: env.name.clone(),
                project: project.pulumi_name.clone(),
                protect: env.protect,
                values: values
                    .into_iter()
                    .map(|(k, v)| format!("{}:{k}: {v}", project.pulumi_name))
                    .collect(),
                secrets,
            }
            .render()
            .map_err(err)?,
        ));
    }

    let mut providers: Vec<String> = project
        .providers
        .iter()
        .map(|p| format!("{}=={}", p.pypi_name, p.version))
        .collect();
    providers.sort();
    files.push((
        "requirements.txt".into(),
        Requirements {
            header: HEADER,
            pulumi_version: PULUMI_VERSION,
            providers,
        }
        .render()
        .map_err(err)?,
    ));
    files.push((
        "requirements-dev.txt".into(),
        RequirementsDev { header: HEADER }.render().map_err(err)?,
    ));
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
    files.push((
        "pyproject.toml".into(),
        Pyproject {
            header: HEADER,
            project: project.pulumi_name.clone(),
            first_party: first_party
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", "),
            mypy_files: mypy_files
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", "),
        }
        .render()
        .map_err(err)?,
    ));
    files.push((
        ".gitignore".into(),
        Gitignore { header: HEADER }.render().map_err(err)?,
    ));
    files.push((
        ".github/workflows/pulumi.yml".into(),
        Workflow {
            header: HEADER,
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
