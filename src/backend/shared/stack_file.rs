//! `Pulumi.<env>.yaml`: each environment's effective non-secret config values, and how to set
//! each secret.

use askama::Template;

use super::yaml;
use crate::backend::GeneratedFile;
use crate::ir::Project;
use crate::ir::plan::Evaluator;

#[derive(Template)]
#[template(path = "shared/stack.yaml.askama", escape = "none")]
struct StackYaml<'a> {
    header: String,
    docs: &'a [String],
    env: &'a str,
    project: &'a str,
    protect: bool,
    values: Vec<String>,
    secrets: Vec<String>,
}

/// One stack file per environment; `comment_header` is [`super::header`] with `#`.
pub fn stack_files(project: &Project, source: Option<&str>) -> Result<Vec<GeneratedFile>, String> {
    let mut out = Vec::new();
    let mut keys: Vec<&crate::ir::ConfigKey> =
        project.config.iter().filter(|c| !c.secret).collect();
    keys.sort_by(|a, b| a.name.cmp(&b.name));
    for env in &project.envs {
        let eval = Evaluator::new(project, &env.name)
            .ok_or_else(|| format!("unknown environment `{}`", env.name))?;
        let mut values = Vec::new();
        for c in &keys {
            if let Some(v) = eval.config(&c.name) {
                values.extend(yaml::entry(
                    &format!("{}:{}", project.pulumi_name, c.name),
                    &eval.value(v),
                    1,
                ));
            }
        }
        // Default providers read their settings from the stack config (`gcp:region`).
        for provider in &project.provider_config {
            for (name, v) in &provider.settings {
                let value = eval.value(v);
                if !value.is_null() {
                    values.extend(yaml::entry(
                        &format!("{}:{name}", provider.package),
                        &value,
                        1,
                    ));
                }
            }
        }
        let text = StackYaml {
            header: super::header("#", source),
            docs: &env.docs,
            env: &env.name,
            project: &project.pulumi_name,
            protect: env.protect,
            values,
            secrets: secret_keys(project),
        }
        .render()
        .map_err(|e| e.to_string())?;
        out.push(GeneratedFile::stack_config(
            format!("Pulumi.{}.yaml", env.name),
            text + "\n",
        ));
    }
    Ok(out)
}

/// The config keys each stack must be given with `pulumi config set --secret`: the project's
/// secret keys, then the default providers' secret settings (`<package>:<name>`).
pub fn secret_keys(project: &Project) -> Vec<String> {
    project
        .config
        .iter()
        .filter(|c| c.secret)
        .map(|c| c.name.clone())
        .chain(
            project
                .provider_config
                .iter()
                .flat_map(|p| p.secrets.iter().map(|s| format!("{}:{s}", p.package))),
        )
        .collect()
}
