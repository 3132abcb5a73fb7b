//! index.ts: creates every group in dependency order and exports the stack outputs.

use std::collections::BTreeSet;

use super::imports::Imports;
use super::layout::Layout;
use super::names::local;
use super::resources::factory_params;
use super::stack_references::{env_pattern, function_name};
use super::syntax::{self, Expr, Key, Prop, Stmt};
use super::values::{Uses, ValueWriter};
use crate::ir::Project;

pub fn file(project: &Project, layout: &Layout) -> String {
    let writer = ValueWriter {
        project,
        layout,
        local_group: None,
        component: None,
    };
    let mut uses = Uses::default();
    let exports: Vec<Prop> = project
        .exports
        .iter()
        .map(|e| {
            let key = if e.name.contains("{env}") {
                uses.environment = true;
                Key::Computed(env_pattern(&e.name))
            } else {
                Key::for_name(&e.name)
            };
            Prop::new(key, writer.value(&e.value, &mut uses).expr).with_docs(&e.docs)
        })
        .collect();

    // A map is kept in a variable only when something reads it.
    let mut read: BTreeSet<String> = BTreeSet::new();
    for g in &layout.groups {
        for (p, _) in factory_params(project, layout, g) {
            read.insert(p);
        }
    }
    let mut body = Vec::new();
    let mut imports = Imports::new("index");
    for s in &project.stacks {
        imports.add("src/references", &function_name(&s.name));
        body.push(Stmt::Const {
            docs: vec![],
            export: false,
            name: local(&s.name),
            ty: None,
            value: Expr::ident(function_name(&s.name)).call(vec![]),
        });
    }
    for (gi, g) in layout.groups.iter().enumerate() {
        imports.add(&super::layout::module_path(&g.module), &g.factory);
        let args: Vec<Expr> = factory_params(project, layout, g)
            .into_iter()
            .map(|(p, _)| Expr::ident(p))
            .collect();
        let call = Expr::ident(g.factory.clone()).call(args);
        let used = read.contains(&g.var) || uses.groups.contains(&gi);
        if used {
            body.push(Stmt::Const {
                docs: vec![],
                export: false,
                name: g.var.clone(),
                ty: None,
                value: call,
            });
        } else {
            body.push(Stmt::Expr(call));
        }
    }
    imports.add_uses(project, &uses);
    let mut items = vec![imports.doc()];
    items.push(syntax::block(&body));
    items.push(syntax::stmt(&Stmt::ExportAssign(Expr::Object(exports))));
    let mut docs = project.docs.clone();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(
        "The selected stack chooses the environment (src/config.ts): one program serves".into(),
    );
    docs.push(format!(
        "every environment ({}).",
        project
            .envs
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    format!(
        "{}{}",
        super::header_with_docs(Some("project.infra"), &docs),
        syntax::file(items)
    )
}
