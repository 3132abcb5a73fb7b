//! The `justfile` at the root of a multi-project workspace's output: install, test, preview,
//! deploy and destroy every project in the order its stack references ask for.

use askama::Template;

use super::readme::Tooling;
use crate::ir::{Project, Workspace};

#[derive(Template)]
#[template(path = "shared/workspace.justfile.askama", escape = "none")]
struct WorkspaceJustfile {
    header: String,
    order: String,
    check: Vec<String>,
    init: Vec<String>,
    preview: Vec<String>,
    up: Vec<String>,
    destroy: Vec<String>,
}

/// `projects` are the workspace's projects with the tooling of the language each is built in,
/// in workspace order.
pub fn workspace_justfile(
    workspace: &Workspace,
    projects: &[(&Project, Tooling)],
) -> Result<String, String> {
    let order = workspace.deploy_order();
    let each = |command: &dyn Fn(&Tooling) -> Vec<&str>| -> Vec<String> {
        order
            .iter()
            .map(|&i| {
                let (project, tooling) = &projects[i];
                let steps: Vec<String> = command(tooling)
                    .into_iter()
                    .map(|c| recipe_command(c, project))
                    .collect();
                format!(
                    "cd {} && {}",
                    super::super::project_folder(project),
                    steps.join(" && ")
                )
            })
            .collect()
    };
    let mut destroy = each(&|t| vec![t.destroy]);
    destroy.reverse();
    WorkspaceJustfile {
        header: super::header("#", None),
        order: order
            .iter()
            .map(|&i| format!("`{}`", projects[i].0.pulumi_name))
            .collect::<Vec<_>>()
            .join(", "),
        check: each(&|t| t.install.iter().chain(t.test).copied().collect()),
        init: each(&|t| vec![t.stack_init]),
        preview: each(&|t| vec![t.preview]),
        up: each(&|t| vec![t.up]),
        destroy,
    }
    .render()
    .map(|mut text| {
        text.push('\n');
        text
    })
    .map_err(|e| e.to_string())
}

/// A tooling command with the recipe's `env` parameter in place of `{env}`.
fn recipe_command(pattern: &str, project: &Project) -> String {
    pattern
        .replace("{stack}", &super::readme::stack_name(project, "{env}"))
        .replace("{env}", "{{env}}")
}
