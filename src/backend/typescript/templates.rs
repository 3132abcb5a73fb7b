//! The askama templates of the files whose text is mostly fixed (templates/typescript/), one
//! struct per template. Files whose text follows the IR closely (modules, components, config)
//! are printed by the syntax printer instead (see docs/backends.md).

use askama::Template;

/// The header line of a file with `#` comments.
pub fn hash_header() -> String {
    crate::backend::shared::header("#", None)
}

/// The header line of a TypeScript file without a source.
pub fn ts_header() -> String {
    crate::backend::shared::header("//", None)
}

#[derive(Template)]
#[template(path = "typescript/package.json.askama", escape = "none")]
pub struct PackageJson<'a> {
    pub name: &'a str,
    /// JSON-encoded, or empty.
    pub description: String,
    pub dependencies: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "typescript/tsconfig.json.askama", escape = "none")]
pub struct TsConfig;

#[derive(Template)]
#[template(path = "typescript/gitignore.askama", escape = "none")]
pub struct GitIgnore {
    pub header: String,
}

#[derive(Template)]
#[template(path = "typescript/prettierignore.askama", escape = "none")]
pub struct PrettierIgnore {
    pub header: String,
}

#[derive(Template)]
#[template(path = "typescript/justfile.askama", escape = "none")]
pub struct Justfile<'a> {
    pub header: String,
    pub name: &'a str,
    pub envs: Vec<String>,
    /// Environments that may be destroyed (not protected).
    pub destroyable: Vec<String>,
}

#[derive(Template)]
#[template(path = "typescript/deploy.ts.askama", escape = "none")]
pub struct DeployScript {
    pub header: String,
}

#[derive(Template)]
#[template(path = "typescript/validate.ts.askama", escape = "none")]
pub struct ValidateScript {
    pub header: String,
    pub constants: String,
}

#[derive(Template)]
#[template(path = "typescript/harness.ts.askama", escape = "none")]
pub struct Harness {
    pub header: String,
    /// The project reads outputs by index or calls data sources (`test/expected/mocks.json`).
    pub mock_data: bool,
    /// Whether test/plan.ts has `providerJsonInputs` (the project declares explicit providers).
    pub provider_json_inputs: bool,
}

#[derive(Template)]
#[template(path = "typescript/env.test.ts.askama", escape = "none")]
pub struct EnvTest<'a> {
    pub header: String,
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
