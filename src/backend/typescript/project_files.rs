//! Project-level files: package.json, tsconfig.json, Pulumi.yaml and the stack files (from the
//! shared layer), the justfile, .gitignore, .prettierignore and scripts/.

use super::GeneratedFile;
use super::templates::{
    DeployScript, GitIgnore, Justfile, PackageJson, PrettierIgnore, TsConfig, ValidateScript,
    hash_header, render, ts_header,
};
use crate::backend::shared;
use crate::ir::Project;

/// The project file every project-level file is generated from.
pub const SOURCE: &str = "project.infra";

/// The `runtime:` block of Pulumi.yaml: Pulumi runs the JavaScript `npm run build` compiled.
const RUNTIME: &str = "runtime:
  name: nodejs
  options:
    # The program is compiled with tsc (`npm run build`); Pulumi runs the compiled JavaScript.
    typescript: false
main: bin/index.js";

pub fn files(project: &Project) -> Result<Vec<GeneratedFile>, String> {
    let mut out = vec![
        GeneratedFile::new("package.json", package_json(project)?),
        GeneratedFile::new("tsconfig.json", render(&TsConfig)?),
        GeneratedFile::new(
            ".gitignore",
            render(&GitIgnore {
                header: hash_header(),
            })?,
        ),
        GeneratedFile::new(
            ".prettierignore",
            render(&PrettierIgnore {
                header: hash_header(),
            })?,
        ),
        GeneratedFile::new(
            "Pulumi.yaml",
            shared::pulumi_yaml(project, Some(SOURCE), RUNTIME)?,
        ),
        GeneratedFile::new("justfile", justfile(project)?),
        GeneratedFile::new(
            "scripts/deploy.ts",
            render(&DeployScript {
                header: ts_header(),
            })?,
        ),
        GeneratedFile::new(
            "scripts/validate.ts",
            render(&ValidateScript {
                header: ts_header(),
                constants: super::config::validate_constants(project),
            })?,
        ),
    ];
    out.extend(shared::stack_files(project, Some(SOURCE))?);
    Ok(out)
}

/// package.json: the providers at the IR's versions and the core SDK.
fn package_json(project: &Project) -> Result<String, String> {
    let mut dependencies: Vec<(String, String)> = project
        .providers
        .iter()
        .map(|p| (super::names::npm_package(p), p.version.clone()))
        .collect();
    dependencies.push(("@pulumi/pulumi".into(), super::PULUMI_VERSION.into()));
    dependencies.sort();
    let description = if project.description.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&project.description).map_err(|e| e.to_string())?
    };
    render(&PackageJson {
        name: &project.pulumi_name,
        description,
        dependencies,
    })
}

fn justfile(project: &Project) -> Result<String, String> {
    render(&Justfile {
        header: hash_header(),
        name: &project.pulumi_name,
        envs: project.envs.iter().map(|e| e.name.clone()).collect(),
        destroyable: project
            .envs
            .iter()
            .filter(|e| !e.protect)
            .map(|e| e.name.clone())
            .collect(),
    })
}
