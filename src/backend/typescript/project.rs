//! Project-level files: package.json, tsconfig.json, Pulumi.yaml and the stack files, the
//! justfile, .gitignore and scripts/.

use super::GeneratedFile;
use super::templates::{
    DeployScript, GitIgnore, Justfile, PackageJson, PulumiYaml, StackYaml, TsConfig,
    ValidateScript, render,
};
use crate::ir::Project;
use crate::ir::plan::Evaluator;

pub fn files(project: &Project) -> Result<Vec<GeneratedFile>, String> {
    let mut dependencies: Vec<(String, String)> = project
        .providers
        .iter()
        .map(|p| (p.npm_package.clone(), p.version.clone()))
        .collect();
    dependencies.push(("@pulumi/pulumi".into(), super::PULUMI_VERSION.into()));
    dependencies.sort();
    let description = if project.description.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&project.description).map_err(|e| e.to_string())?
    };
    let mut out = vec![
        GeneratedFile::new(
            "package.json",
            render(&PackageJson {
                name: &project.pulumi_name,
                description,
                dependencies,
            })?,
        ),
        GeneratedFile::new("tsconfig.json", render(&TsConfig)?),
        GeneratedFile::new(".gitignore", render(&GitIgnore)?),
        GeneratedFile::new(
            "Pulumi.yaml",
            render(&PulumiYaml {
                name: &project.pulumi_name,
                description: if project.description.is_empty() {
                    String::new()
                } else {
                    yaml_string(&project.description)
                },
            })?,
        ),
        GeneratedFile::new(
            "justfile",
            render(&Justfile {
                name: &project.pulumi_name,
                envs: project.envs.iter().map(|e| e.name.clone()).collect(),
                destroyable: project
                    .envs
                    .iter()
                    .filter(|e| !e.protect)
                    .map(|e| e.name.clone())
                    .collect(),
            })?,
        ),
        GeneratedFile::new("scripts/deploy.ts", render(&DeployScript)?),
        GeneratedFile::new(
            "scripts/validate.ts",
            render(&ValidateScript {
                constants: super::config::validate_constants(project),
            })?,
        ),
    ];
    for env in &project.envs {
        let eval = Evaluator::new(project, &env.name)
            .ok_or_else(|| format!("unknown environment `{}`", env.name))?;
        let mut keys: Vec<&crate::ir::ConfigKey> =
            project.config.iter().filter(|c| !c.secret).collect();
        keys.sort_by(|a, b| a.name.cmp(&b.name));
        let mut values = Vec::new();
        for c in keys {
            if let Some(v) = eval.config(&c.name) {
                let json = eval.value(v);
                values.extend(yaml_entry(
                    &format!("{}:{}", project.pulumi_name, c.name),
                    &json,
                    0,
                ));
            }
        }
        out.push(GeneratedFile::new(
            format!("Pulumi.{}.yaml", env.name),
            render(&StackYaml {
                env: &env.name,
                docs: env.docs.clone(),
                secrets: project
                    .config
                    .iter()
                    .filter(|c| c.secret)
                    .map(|c| c.name.clone())
                    .collect(),
                values,
            })?,
        ));
    }
    Ok(out)
}

/// A YAML string scalar, single-quoted as prettier leaves it (`singleQuote`).
pub fn yaml_string(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') && !s.contains('\\') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// `key: value` as block YAML lines, indented by `depth` levels.
fn yaml_entry(key: &str, v: &serde_json::Value, depth: usize) -> Vec<String> {
    let pad = "  ".repeat(depth);
    match v {
        serde_json::Value::Array(items) if !items.is_empty() => {
            let mut out = vec![format!("{pad}{key}:")];
            for item in items {
                out.extend(yaml_item(item, depth + 1));
            }
            out
        }
        serde_json::Value::Object(map) if !map.is_empty() => {
            let mut out = vec![format!("{pad}{key}:")];
            for (k, item) in map {
                out.extend(yaml_entry(&yaml_key(k), item, depth + 1));
            }
            out
        }
        scalar => vec![format!("{pad}{key}: {}", yaml_scalar(scalar))],
    }
}

/// One `- item` of a block sequence; a mapping's later keys align under its first.
fn yaml_item(v: &serde_json::Value, depth: usize) -> Vec<String> {
    let pad = "  ".repeat(depth);
    let mut lines = match v {
        serde_json::Value::Object(map) if !map.is_empty() => map
            .iter()
            .flat_map(|(k, item)| yaml_entry(&yaml_key(k), item, depth + 1))
            .collect::<Vec<_>>(),
        serde_json::Value::Array(items) if !items.is_empty() => {
            items.iter().flat_map(|i| yaml_item(i, depth + 1)).collect()
        }
        scalar => return vec![format!("{pad}- {}", yaml_scalar(scalar))],
    };
    let inner = "  ".repeat(depth + 1);
    if let Some(first) = lines.first_mut() {
        *first = format!("{pad}- {}", first.trim_start_matches(inner.as_str()));
    }
    lines
}

fn yaml_key(k: &str) -> String {
    if k.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !k.is_empty()
    {
        k.to_string()
    } else {
        yaml_string(k)
    }
}

fn yaml_scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => yaml_string(s),
        serde_json::Value::Array(_) => "[]".into(),
        serde_json::Value::Object(_) => "{}".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::yaml_entry;

    #[test]
    fn nested_config_values_are_block_yaml() {
        let v = serde_json::json!([{"name": "a", "ports": [80, 443]}, "x"]);
        assert_eq!(
            yaml_entry("p:rules", &v, 1).join("\n"),
            "  p:rules:\n    - name: 'a'\n      ports:\n        - 80\n        - 443\n    - 'x'"
        );
    }
}
