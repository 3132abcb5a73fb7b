//! `__main__.py`: only orchestration. Loads the stack configuration, opens the stack
//! references, calls each module's function in dependency order and exports the outputs.

use askama::Template;

use super::doc::{Doc, comment, fstring, string};
use super::layout::{CONFIG_VAR, Layout};
use super::templates::MainPy;
use super::values::{Place, ValueWriter};
use super::{doc::docstring, header};
use crate::ir::Project;

/// A name pattern (`{env}_project_id`) as a Python string expression, `env` being the Python
/// expression of the environment name.
pub fn export_name(pattern: &str, env: &str) -> String {
    if !pattern.contains("{env}") {
        return string(pattern);
    }
    let mut parts = Vec::new();
    for (i, piece) in pattern.split("{env}").enumerate() {
        if i > 0 {
            parts.push((true, env.to_string()));
        }
        if !piece.is_empty() {
            parts.push((false, piece.to_string()));
        }
    }
    fstring(&parts)
}

/// `calls[m]` are the arguments of module `m`'s function, as its signature declares them.
pub fn render(project: &Project, layout: &Layout, calls: &[Vec<String>]) -> Result<String, String> {
    let em = ValueWriter::new(project, layout, Place::Main);
    if !project.exports.is_empty() {
        em.use_pulumi();
    }
    em.imports.borrow_mut().from("config", "load_config");
    let mut setup = Vec::new();
    for (i, _) in project.stacks.iter().enumerate() {
        em.imports
            .borrow_mut()
            .from("stacks", &layout.stack_classes[i]);
        setup.push(format!(
            "{} = {}({CONFIG_VAR})",
            layout.stack_vars[i], layout.stack_classes[i]
        ));
    }
    for (m, module) in layout.modules.iter().enumerate() {
        if module.items.is_empty() {
            continue;
        }
        em.import_unit(m, &module.function);
        let call = Doc::assign(
            format!("{} = ", module.var),
            Doc::call(
                module.function.clone(),
                calls[m].iter().map(|a| Doc::text(a.as_str())).collect(),
            ),
        );
        setup.push(call.render(0).trim_end().to_string());
    }
    let mut exports = String::new();
    for e in &project.exports {
        exports.push_str(&comment(&e.docs, 0));
        let call = Doc::call(
            "pulumi.export",
            vec![
                Doc::text(export_name(&e.name, &format!("{CONFIG_VAR}.env"))),
                em.value(&e.value),
            ],
        );
        exports.push_str(&call.render(0));
    }
    let docs = if project.docs.is_empty() {
        vec![project.description.clone()]
    } else {
        project.docs.clone()
    };
    MainPy {
        header: header(),
        docstring: docstring(&docs, 0).trim_end().to_string(),
        imports: em.imports.borrow().render().trim_end().to_string(),
        cfg: CONFIG_VAR,
        setup,
        exports: exports.trim_end().to_string(),
    }
    .render()
    .map_err(|e| e.to_string())
}
