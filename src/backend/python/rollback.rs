//! `ROLLBACK.md`: per environment and per resource, the targeted destroy with its real URN, as
//! the Sophia standards ask of every change.

use askama::Template;

use super::header;
use super::templates::Rollback;
use crate::ir::Project;
use crate::ir::plan::Evaluator;

pub struct Entry {
    pub title: String,
    pub urn: String,
}

pub struct EnvSteps {
    pub name: String,
    pub stack: String,
    pub protect: bool,
    pub resources: Vec<Entry>,
}

fn first_sentence(docs: &[String]) -> String {
    let text = docs.join(" ");
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text,
    }
}

pub fn render(project: &Project) -> Result<String, String> {
    let mut envs = Vec::new();
    for env in &project.envs {
        let Some(eval) = Evaluator::new(project, &env.name) else {
            continue;
        };
        let mut resources = Vec::new();
        // Dependents first: the reverse of the creation order; an instance after its children.
        let mut children_left: Vec<usize> =
            project.instances.iter().map(|i| i.children.len()).collect();
        for &i in project.order.iter().rev() {
            let r = &project.resources[i];
            let doc = first_sentence(&r.docs);
            let title = if doc.is_empty() {
                format!("`{}` ({})", r.logical_name, r.kind.class)
            } else {
                format!("`{}` ({}): {doc}", r.logical_name, r.kind.class)
            };
            resources.push(Entry {
                title,
                urn: eval.urn(i),
            });
            if let Some(k) = r.instance {
                children_left[k] -= 1;
                if children_left[k] == 0 {
                    let inst = &project.instances[k];
                    let comp = &project.components[inst.component];
                    resources.push(Entry {
                        title: format!("`{}` ({} component)", inst.logical_name, comp.name),
                        urn: eval.instance_urn(k),
                    });
                }
            }
        }
        envs.push(EnvSteps {
            name: env.name.clone(),
            stack: format!(
                "{}/{}/{}",
                project.organization, project.pulumi_name, env.name
            ),
            protect: env.protect,
            resources,
        });
    }
    let overview = if project.description.is_empty() {
        project.docs.join(" ")
    } else {
        format!("{}.", project.description.trim_end_matches('.'))
    };
    Rollback {
        header: header().trim_start_matches("# ").to_string(),
        project: project.pulumi_name.clone(),
        overview,
        envs,
    }
    .render()
    .map_err(|e| e.to_string())
}
