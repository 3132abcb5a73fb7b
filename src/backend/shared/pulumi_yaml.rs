//! Pulumi.yaml: the project's name, description, runtime and declared config keys.

use askama::Template;

use super::yaml;
use crate::ir::plan::Evaluator;
use crate::ir::{Project, Type};

#[derive(Template)]
#[template(path = "shared/Pulumi.yaml.askama", escape = "none")]
struct PulumiYaml<'a> {
    header: String,
    name: &'a str,
    description: String,
    runtime: &'a str,
    config: Vec<ConfigDecl>,
}

struct ConfigDecl {
    key: String,
    ty: &'static str,
    description: String,
    default: String,
}

/// Pulumi's project config type of an IR type, where it has a scalar one.
fn config_type(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::String => Some("string"),
        Type::Int => Some("integer"),
        Type::Bool => Some("boolean"),
        _ => None,
    }
}

/// Pulumi.yaml. `runtime` is the backend's YAML for the `runtime:` key and what follows it
/// (`runtime: go`, or a `runtime:` block and `main:`), without a final newline.
pub fn pulumi_yaml(
    project: &Project,
    source: Option<&str>,
    runtime: &str,
) -> Result<String, String> {
    let first_env = project
        .envs
        .first()
        .and_then(|e| Evaluator::new(project, &e.name));
    let config = project
        .config
        .iter()
        .filter(|c| !c.secret)
        .filter_map(|c| {
            Some(ConfigDecl {
                key: c.name.clone(),
                ty: config_type(&c.ty)?,
                description: if c.docs.is_empty() {
                    String::new()
                } else {
                    yaml::string(&c.docs.join(" "))
                },
                default: match (&c.default, &first_env) {
                    (Some(d), Some(eval)) => yaml::scalar(&eval.value(d)),
                    _ => String::new(),
                },
            })
        })
        .collect();
    let text = PulumiYaml {
        header: super::header("#", source),
        name: &project.pulumi_name,
        description: if project.description.is_empty() {
            String::new()
        } else {
            yaml::string(&project.description)
        },
        runtime,
        config,
    }
    .render()
    .map_err(|e| e.to_string())?;
    Ok(text + "\n")
}
