//! `README.md` of every generated project: how to install, test and deploy it with its
//! language's tooling, the secrets each stack needs, the projects to deploy first, and what a
//! protected environment refuses.

use askama::Template;

use crate::ir::{Project, Workspace};

/// The commands of one language's tooling, run in the project folder. In the command
/// patterns `{env}` is the environment and `{stack}` the full stack name
/// (`organization/project/env`).
pub struct Tooling {
    /// What must be installed besides the Pulumi CLI, as a phrase.
    pub needs: &'static str,
    /// Run once after every build: dependencies and compilation.
    pub install: &'static [&'static str],
    /// Type checks, format checks and the tests under Pulumi's mocks.
    pub test: &'static [&'static str],
    /// The stack name the commands below use.
    pub stack: &'static str,
    pub stack_init: &'static str,
    pub preview: &'static str,
    pub up: &'static str,
    pub destroy: &'static str,
}

impl Tooling {
    fn command(pattern: &str, project: &Project, env: &str) -> String {
        pattern
            .replace("{stack}", &stack_name(project, env))
            .replace("{env}", env)
    }
}

/// The stack an environment of `project` is deployed to.
pub fn stack_name(project: &Project, env: &str) -> String {
    format!("{}/{}/{env}", project.organization, project.pulumi_name)
}

#[derive(Template)]
#[template(path = "shared/README.md.askama", escape = "none")]
struct Readme<'a> {
    header: String,
    project: &'a str,
    description: &'a str,
    needs: &'a str,
    providers: Vec<String>,
    install: &'a [&'a str],
    test: &'a [&'a str],
    producers: Vec<Producer>,
    envs: Vec<EnvSteps>,
}

struct Producer {
    project: String,
    stack: String,
    reads: String,
}

struct EnvSteps {
    name: String,
    protect: bool,
    commands: Vec<String>,
    destroy: String,
}

pub fn project_readme(
    workspace: &Workspace,
    project: &Project,
    tooling: &Tooling,
) -> Result<String, String> {
    let secrets = super::stack_file::secret_keys(project);
    let producers = workspace
        .producers_of(project)
        .into_iter()
        .map(|i| &workspace.projects[i])
        .map(|p| Producer {
            project: p.pulumi_name.clone(),
            stack: stack_name(p, "<env>"),
            reads: project
                .stacks
                .iter()
                .filter(|s| s.reads(p))
                .map(|s| format!("`{}`", s.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let envs = project
        .envs
        .iter()
        .map(|env| {
            let name = env.name.as_str();
            let stack = Tooling::command(tooling.stack, project, name);
            let mut commands = vec![Tooling::command(tooling.stack_init, project, name)];
            commands.extend(
                secrets
                    .iter()
                    .map(|s| format!("pulumi config set --secret --stack {stack} {s} <value>")),
            );
            commands.push(Tooling::command(tooling.preview, project, name));
            commands.push(Tooling::command(tooling.up, project, name));
            EnvSteps {
                name: name.to_string(),
                protect: env.protect,
                commands,
                destroy: Tooling::command(tooling.destroy, project, name),
            }
        })
        .collect();
    let mut providers: Vec<String> = project
        .providers
        .iter()
        .map(|p| format!("`{}`", p.name))
        .collect();
    providers.sort();
    Readme {
        header: super::header("", None).trim().to_string(),
        project: &project.pulumi_name,
        description: project.description.trim(),
        needs: tooling.needs,
        providers,
        install: tooling.install,
        test: tooling.test,
        producers,
        envs,
    }
    .render()
    .map(|mut text| {
        text.push('\n');
        text
    })
    .map_err(|e| e.to_string())
}
