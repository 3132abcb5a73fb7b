//! src/components/<name>.ts: a component as a `pulumi.ComponentResource` subclass whose
//! children are parented to the instance and named `<instance>-<template name>`.

use super::doc::{Doc, concat, hardline, indent, text};
use super::imports::Imports;
use super::layout::Layout;
use super::names::{camel, class_path, package_alias, pascal};
use super::resources::{inputs, options};
use super::syntax::{self, Expr, Prop, Stmt, Tpl, leading_docs};
use super::types::{param_type, ts_type};
use super::values::{Uses, ValueWriter};
use crate::ir::{Component, Project, ResourceRef, Type, Value, ValueKind};

fn siblings(v: &Value, out: &mut Vec<String>) {
    v.walk(&mut |x| match &x.kind {
        ValueKind::Output {
            resource: ResourceRef::Sibling(n),
            ..
        }
        | ValueKind::Resource(ResourceRef::Sibling(n)) => out.push(n.clone()),
        _ => {}
    });
}

/// Template resources in dependency order (ties in declaration order).
fn creation_order(c: &Component) -> Result<Vec<usize>, String> {
    let deps: Vec<Vec<String>> = c
        .resources
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            r.inputs.iter().for_each(|(_, v)| siblings(v, &mut out));
            for d in r
                .options
                .depends_on
                .iter()
                .chain(&r.options.parent)
                .chain(&r.options.provider)
                .chain(&r.options.deleted_with)
                .chain(r.options.alias_parents())
            {
                if let ResourceRef::Sibling(n) = d {
                    out.push(n.clone());
                }
            }
            out
        })
        .collect();
    let mut done: Vec<bool> = vec![false; c.resources.len()];
    let mut order = Vec::new();
    while order.len() < c.resources.len() {
        let next = (0..c.resources.len()).find(|&i| {
            !done[i]
                && deps[i].iter().all(|n| {
                    c.resources
                        .iter()
                        .position(|r| r.name == *n)
                        .is_none_or(|j| done[j] || j == i)
                })
        });
        let Some(i) = next else {
            return Err(format!(
                "component `{}` has a cycle between its resources",
                c.name
            ));
        };
        done[i] = true;
        order.push(i);
    }
    Ok(order)
}

/// An output is an `Output` already when it reads a resource; anything else is lifted.
fn as_output(v: &Value, e: Expr, uses: &mut Uses) -> Expr {
    let reads_resource = matches!(&v.kind, ValueKind::Output { .. })
        || matches!(&v.kind, ValueKind::Interpolate(_) if {
            let mut any = false;
            v.walk(&mut |x| any |= matches!(x.kind, ValueKind::Output { .. }));
            any
        });
    if reads_resource {
        e
    } else {
        uses.pulumi = true;
        Expr::path("pulumi.output").call(vec![e])
    }
}

pub fn file(project: &Project, layout: &Layout, index: usize) -> Result<String, String> {
    let c = &project.components[index];
    let class = pascal(&c.name);
    let mut uses = Uses {
        pulumi: true,
        ..Uses::default()
    };
    let (fields, body) = members(project, layout, c, &mut uses)?;
    let (args_interface, type_imports) = args_interface(project, layout, index, &mut uses);
    let class_doc = class_decl(c, &class, fields, &body);
    let mut imports = Imports::new(&super::layout::component_path(project, index));
    imports.add_uses(project, &uses);
    for (module, ty) in type_imports {
        imports.add_type(&module, &ty);
    }
    let items = vec![imports.doc(), args_interface, class_doc];
    Ok(format!(
        "{}{}",
        super::header(Some(&source_file(project, c))),
        syntax::file(items)
    ))
}

/// The class's fields (children, then outputs) and its constructor's statements.
fn members(
    project: &Project,
    layout: &Layout,
    c: &Component,
    uses: &mut Uses,
) -> Result<(Vec<Doc>, Vec<Stmt>), String> {
    let writer = ValueWriter {
        project,
        layout,
        local_group: None,
        component: Some(c),
    };
    let mut fields = Vec::new();
    let mut body = vec![
        Stmt::Expr(Expr::ident("super").call(vec![
            Expr::str(c.type_token.clone()),
            Expr::ident("name"),
            Expr::Object(vec![]),
            Expr::ident("opts"),
        ])),
        Stmt::Blank,
    ];
    for i in creation_order(c)? {
        let r = &c.resources[i];
        uses.packages.insert(package_alias(&r.kind.package));
        let field = camel(&r.name);
        fields.push(concat(vec![
            leading_docs(&r.docs),
            text(format!("public readonly {field}: {};", class_path(&r.kind))),
        ]));
        let logical = Expr::Template(vec![
            Tpl::Expr(Expr::ident("name")),
            Tpl::Text(format!("-{}", r.logical_name)),
        ]);
        let mut call = vec![logical, inputs(&writer, &r.inputs, uses)];
        if let Some(o) = options(&writer, &r.options, uses, Some(Expr::ident("this"))) {
            call.push(o);
        }
        body.push(Stmt::Assign {
            target: Expr::ident("this").member(field),
            value: Expr::new_(Expr::path(&class_path(&r.kind)), call),
        });
    }
    let mut registered = Vec::new();
    for (name, v) in &c.outputs {
        let field = camel(name);
        let ts = writer.value(v, uses);
        fields.push(text(format!(
            "public readonly {field}: pulumi.Output<{}>;",
            ts_type(&v.ty)
        )));
        body.push(Stmt::Assign {
            target: Expr::ident("this").member(field.clone()),
            value: as_output(v, ts.expr, uses),
        });
        registered.push(Prop::new(
            syntax::Key::Ident(field.clone()),
            Expr::ident("this").member(field),
        ));
    }
    body.push(Stmt::Expr(
        Expr::ident("this")
            .member("registerOutputs")
            .call(vec![Expr::InlineObject(registered)]),
    ));
    Ok((fields, body))
}

/// `export interface <Class>Args`: the parameters, then the maps and stack references the
/// template reads; with the types to import for the latter.
fn args_interface(
    project: &Project,
    layout: &Layout,
    index: usize,
    uses: &mut Uses,
) -> (Doc, Vec<(String, String)>) {
    let c = &project.components[index];
    let mut params: Vec<Doc> = c
        .params
        .iter()
        .map(|p| {
            collect_packages(&p.resolved_ty, uses);
            let ty = param_type(&p.resolved_ty);
            concat(vec![
                leading_docs(&p.docs),
                text(format!("readonly {}: {ty};", camel(&p.name))),
            ])
        })
        .collect();
    let mut type_imports: Vec<(String, String)> = Vec::new();
    for (field, ty, module, docs) in externals(project, layout, index) {
        params.push(concat(vec![
            leading_docs(&[docs]),
            text(format!("readonly {field}: {ty};")),
        ]));
        type_imports.push((module, ty));
    }
    let class = pascal(&c.name);
    let doc = concat(vec![
        leading_docs(&[format!("The arguments of a {{@link {class}}}.")]),
        text(format!("export interface {class}Args {{")),
        indent(concat(vec![hardline(), syntax::lines(params)])),
        hardline(),
        text("}"),
    ]);
    (doc, type_imports)
}

/// `export class <Class> extends pulumi.ComponentResource { fields; constructor }`.
fn class_decl(c: &Component, class: &str, fields: Vec<Doc>, body: &[Stmt]) -> Doc {
    let ctor = concat(vec![
        text("constructor"),
        syntax::params(
            &[
                ("name".into(), "string".into()),
                ("args".into(), format!("{class}Args")),
                ("opts?".into(), "pulumi.ComponentResourceOptions".into()),
            ],
            None,
        ),
        text(" "),
        syntax::braces(syntax::block(body)),
    ]);
    let mut docs = c.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The `{}` component.", c.name));
    }
    concat(vec![
        leading_docs(&docs),
        text(format!(
            "export class {class} extends pulumi.ComponentResource {{"
        )),
        indent(concat(vec![
            hardline(),
            syntax::lines(fields),
            hardline(),
            hardline(),
            ctor,
        ])),
        hardline(),
        text("}"),
    ])
}

fn collect_packages(t: &Type, uses: &mut Uses) {
    match t {
        Type::Resource(token) | Type::Object(token) => {
            if let Some(p) = token.split(':').next() {
                uses.packages.insert(package_alias(p));
            }
        }
        Type::List(inner) | Type::Map(inner) => collect_packages(inner, uses),
        _ => {}
    }
}

/// The maps and stack references a component's template reads, which its instances pass in
/// as arguments: (field, type, module to import the type from, doc).
pub fn externals(
    project: &Project,
    layout: &Layout,
    index: usize,
) -> Vec<(String, String, String, String)> {
    let reads = super::layout::component_reads(project, index);
    let mut groups: Vec<usize> = reads
        .resources
        .iter()
        .filter_map(|r| layout.resources.get(r).map(|(g, _)| *g))
        .collect();
    groups.sort();
    groups.dedup();
    let mut out: Vec<(String, String, String, String)> = groups
        .into_iter()
        .map(|g| {
            let g = &layout.groups[g];
            (
                g.var.clone(),
                g.type_name.clone(),
                super::layout::group_import(project, &project.components[index].module, g),
                format!(
                    "The {} of module `{}` the component reads.",
                    g.type_name, g.module
                ),
            )
        })
        .collect();
    for s in &reads.stacks {
        out.push((
            super::names::local(s),
            super::stack_references::outputs_type(s),
            "src/references".into(),
            format!("The outputs of stack reference `{s}`."),
        ));
    }
    out
}

/// The source file a component is declared in.
fn source_file(project: &Project, c: &Component) -> String {
    let module = super::layout::module_named(project, &c.module);
    let index = project.components.iter().position(|x| std::ptr::eq(x, c));
    module
        .and_then(|m| {
            m.parts
                .iter()
                .find(|p| index.is_some_and(|i| p.components.contains(&i)))
                .map(|p| p.file.clone())
                .or_else(|| Some(m.file.clone()))
        })
        .unwrap_or_else(|| format!("{}.infra", c.module))
}
