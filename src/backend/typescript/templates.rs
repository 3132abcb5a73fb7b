//! The askama templates of the project-level files (templates/typescript/).

use askama::Template;

#[derive(Template)]
#[template(path = "typescript/package.json.txt", escape = "none")]
pub struct PackageJson<'a> {
    pub name: &'a str,
    /// JSON-encoded, or empty.
    pub description: String,
    pub dependencies: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "typescript/tsconfig.json.txt", escape = "none")]
pub struct TsConfig;

#[derive(Template)]
#[template(path = "typescript/gitignore.txt", escape = "none")]
pub struct GitIgnore;

#[derive(Template)]
#[template(path = "typescript/Pulumi.yaml.txt", escape = "none")]
pub struct PulumiYaml<'a> {
    pub name: &'a str,
    /// A YAML scalar, or empty.
    pub description: String,
}

#[derive(Template)]
#[template(path = "typescript/stack.yaml.txt", escape = "none")]
pub struct StackYaml<'a> {
    pub env: &'a str,
    pub docs: Vec<String>,
    pub secrets: Vec<String>,
    /// `key: value` lines (nested values already indented).
    pub values: Vec<String>,
}

#[derive(Template)]
#[template(path = "typescript/justfile.txt", escape = "none")]
pub struct Justfile<'a> {
    pub name: &'a str,
    pub envs: Vec<String>,
    /// Environments that may be destroyed (not protected).
    pub destroyable: Vec<String>,
}

#[derive(Template)]
#[template(path = "typescript/deploy.ts.txt", escape = "none")]
pub struct DeployScript;

#[derive(Template)]
#[template(path = "typescript/validate.ts.txt", escape = "none")]
pub struct ValidateScript {
    pub constants: String,
}

#[derive(Template)]
#[template(path = "typescript/harness.ts.txt", escape = "none")]
pub struct Harness;

#[derive(Template)]
#[template(path = "typescript/env.test.ts.txt", escape = "none")]
pub struct EnvTest<'a> {
    pub env: &'a str,
}

/// Renders a template with exactly one trailing newline.
pub fn render(t: &impl Template) -> Result<String, String> {
    let rendered = t.render().map_err(|e| e.to_string())?;
    let mut s = rendered.trim_start_matches('\n').to_string();
    while s.ends_with('\n') {
        s.pop();
    }
    s.push('\n');
    Ok(s)
}
