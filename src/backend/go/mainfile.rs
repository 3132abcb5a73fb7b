//! main.go: loads the config, references the stacks, calls every module's constructor in
//! dependency order and exports the stack outputs. It only orchestrates.

use std::collections::BTreeMap;

use askama::Template;

use super::templates::MainFile;

use super::docs;
use super::imports::{Group, Imports};
use super::layout::{CONFIG, Layout, STACKS};
use super::reads::Reads;
use super::stack_references::env_pattern;
use super::syntax::{Expr, comment_lines};
use super::types::pulumi;
use super::values::{Facts, Needs, Refs, Slot, ValueWriter};
use crate::ir::Project;

/// `module_cfg` tells, per module index, whether its constructor takes the config.
pub fn file(
    project: &Project,
    layout: &Layout,
    facts: &Facts,
    module_cfg: &BTreeMap<usize, bool>,
    needs: &mut Needs,
) -> Result<String, String> {
    let mut imports = Imports::for_project(project);
    imports.add("fmt", Group::Std, "fmt");
    pulumi(&mut imports);
    let config = imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
    let mut refs = Refs {
        cfg: "cfg".into(),
        ..Refs::default()
    };
    let mut body = String::new();
    let mut uses_cfg = false;
    // A module's or stack's result is kept only when something reads it.
    let mut exported = Reads::default();
    project
        .exports
        .iter()
        .for_each(|e| exported.value(&e.value));
    let module_read = |index: usize| {
        let module = &project.modules[index];
        layout.modules.iter().any(|o| o.deps.contains(&index))
            || module
                .resources
                .iter()
                .any(|r| exported.resources.contains(r))
            || module
                .instances
                .iter()
                .any(|i| exported.instances.contains(i))
    };
    let stack_read = |name: &str| {
        layout
            .modules
            .iter()
            .any(|m| m.stacks.iter().any(|s| s == name))
            || exported.stacks.contains(name)
    };
    for s in &layout.stacks {
        let q = imports.add(&layout.local(STACKS), Group::Local, STACKS);
        let decl = project
            .stacks
            .iter()
            .find(|d| d.name == s.name)
            .expect("declared");
        let takes_cfg =
            decl.stack.contains("{env}") || decl.outputs.iter().any(|o| o.export.contains("{env}"));
        uses_cfg |= takes_cfg;
        let args = if takes_cfg { "ctx, cfg" } else { "ctx" };
        let call = format!("{q}.New{}({args})", s.type_name);
        body.push_str(&checked(
            stack_read(&s.name).then_some(s.var.as_str()),
            &call,
            &format!("reference stack {}", s.name),
        ));
        refs.stacks.insert(s.name.clone(), s.var.clone());
    }
    for m in &layout.modules {
        let module = &project.modules[m.index];
        let q = imports.add(&layout.local(&m.dir), Group::Local, &m.package);
        let takes_cfg = module_cfg.get(&m.index).copied().unwrap_or(false);
        uses_cfg |= takes_cfg;
        let mut args = vec!["ctx".to_string()];
        if takes_cfg {
            args.push("cfg".into());
        }
        for s in &m.stacks {
            args.push(layout.stack(s).expect("stack is laid out").var.clone());
        }
        for d in &m.deps {
            args.push(
                layout
                    .module(*d)
                    .expect("dependency has a package")
                    .var
                    .clone(),
            );
        }
        let call = format!("{q}.New({})", args.join(", "));
        body.push_str(&checked(
            module_read(m.index).then_some(m.var.as_str()),
            &call,
            &format!("create {}", module.name),
        ));
        for &ri in &module.resources {
            refs.resources
                .insert(ri, format!("{}.{}", m.var, layout.resource_fields[&ri]));
        }
        for &ii in &module.instances {
            refs.instances
                .insert(ii, format!("{}.{}", m.var, layout.instance_fields[&ii]));
        }
    }
    let mut r = ValueWriter::new(facts, &refs, &mut imports, needs);
    for e in &project.exports {
        let v = r.value(&e.value, Slot::Export)?;
        body.push_str(&comment_lines(&e.docs, 1));
        let export = Expr::call("ctx.Export", vec![env_pattern(&e.name, "cfg"), v.expr]);
        body.push_str(&format!("\t{}\n", export.print(1)));
        uses_cfg |= e.name.contains("{env}");
    }
    uses_cfg |= r.uses_cfg;
    let load = if uses_cfg {
        format!("\tcfg, err := {config}.Load(ctx)\n\tif err != nil {{\n")
    } else {
        format!("\tif _, err := {config}.Load(ctx); err != nil {{\n")
    };
    let mut doc_lines = vec![format!(
        "Command {} is the Pulumi program of the `{}` project.",
        project.pulumi_name, project.name
    )];
    if !project.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(docs::top_level(&project.docs));
    }
    let envs: Vec<&str> = project.envs.iter().map(|e| e.name.as_str()).collect();
    doc_lines.push(String::new());
    doc_lines.push(format!(
        "One program serves every environment; the stack name selects it ({}).",
        envs.join(", ")
    ));
    MainFile {
        header: super::templates::header(),
        docs: comment_lines(&doc_lines, 0),
        imports: imports.block(),
        load,
        body,
    }
    .render()
    .map_err(|e| e.to_string())
}

/// `v, err := call` with its error check, or `if _, err := call; ...` when `v` is not read.
fn checked(var: Option<&str>, call: &str, what: &str) -> String {
    match var {
        Some(v) => format!(
            "\t{v}, err := {call}\n\tif err != nil {{\n\t\treturn fmt.Errorf(\"{what}: %w\", err)\n\t}}\n"
        ),
        None => format!(
            "\tif _, err := {call}; err != nil {{\n\t\treturn fmt.Errorf(\"{what}: %w\", err)\n\t}}\n"
        ),
    }
}
