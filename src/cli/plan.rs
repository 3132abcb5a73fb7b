//! `infragen plan`

use std::path::Path;

use super::Format;
use super::output::{ColorMode, io_error, print_human};
use crate::check::check_dir;
use crate::ir::plan::Evaluator;

pub fn run(path: &Path, env: &str, project: Option<&str>, format: Format, color: ColorMode) -> u8 {
    let checked = match check_dir(path) {
        Ok(c) => c,
        Err(e) => return io_error(&format!("cannot read `{}`", path.display()), e),
    };
    let code = plan_checked(&checked, env, project, format, color);
    super::end_of_process(checked);
    code
}

fn plan_checked(
    checked: &crate::check::Checked,
    env: &str,
    project: Option<&str>,
    format: Format,
    color: ColorMode,
) -> u8 {
    if checked.has_errors() {
        print_human(checked, color);
        return 1;
    }
    let projects = &checked.workspace.projects;
    let chosen = match project {
        Some(name) => projects
            .iter()
            .find(|p| p.name == name || p.pulumi_name == name),
        None if projects.len() == 1 => projects.first(),
        None => None,
    };
    let Some(project) = chosen else {
        let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
        eprintln!(
            "error: choose a project with --project (this workspace has: {})",
            names.join(", ")
        );
        return 2;
    };
    let Some(eval) = Evaluator::new(project, env) else {
        let envs: Vec<&str> = project.envs.iter().map(|e| e.name.as_str()).collect();
        eprintln!(
            "error: project `{}` has no environment `{env}` (it has: {})",
            project.name,
            envs.join(", ")
        );
        return 2;
    };
    let plan = eval.plan();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&plan).unwrap_or_default()
        ),
        Format::Human => print!("{}", crate::ir::plan::human(&plan)),
    }
    0
}
