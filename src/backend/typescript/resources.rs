//! `src/resources/<module>.ts`: one factory per resource class (or component) of a module.

use std::collections::BTreeSet;

use super::doc::Doc;
use super::imports::Imports;
use super::layout::{Group, Layout, Member};
use super::names::{camel, local, package_alias};
use super::syntax::{self, Expr, Key, Prop, Stmt};
use super::values::{Uses, ValueWriter};
use crate::ir::{Module, Options, Project, Value, ValueKind};

/// The `new Class(name, args, opts)` expression of a top-level resource or instance.
pub fn creation(writer: &ValueWriter, m: Member, uses: &mut Uses) -> (Vec<String>, String, Expr) {
    let project = writer.project;
    match m {
        Member::Resource(i) => {
            let r = &project.resources[i];
            uses.packages.insert(package_alias(&r.kind.package));
            let args = inputs(writer, &r.inputs, uses);
            let opts = options(writer, &r.options, uses, None);
            let name = match &r.computed_name {
                Some(v) => writer.value(v, uses).expr,
                None => Expr::str(r.logical_name.clone()),
            };
            let mut call = vec![name, args];
            if let Some(o) = opts {
                call.push(o);
            } else if matches!(call[1], Expr::Object(ref p) if p.is_empty()) {
                call.pop();
            }
            let class = super::names::class_path(&r.kind);
            (
                r.docs.clone(),
                writer.layout.var(&r.name),
                Expr::new_(Expr::path(&class), call),
            )
        }
        Member::Instance(i) => {
            let inst = &project.instances[i];
            uses.components.insert(inst.component);
            let comp = &project.components[inst.component];
            let mut props: Vec<Prop> = inst
                .args
                .iter()
                .filter(|(_, v)| !matches!(v.kind, ValueKind::Null))
                .map(|(k, v)| Prop::named(&camel(k), writer.value(v, uses).expr))
                .collect();
            for (field, _, _, _) in
                super::components::externals(project, writer.layout, inst.component)
            {
                props.push(Prop::shorthand(&field));
            }
            let mut call = vec![Expr::str(inst.logical_name.clone()), Expr::Object(props)];
            if let Some(o) = options(writer, &inst.options, uses, None) {
                call.push(o);
            }
            let class = super::names::pascal(&comp.name);
            (
                inst.docs.clone(),
                writer.layout.var(&inst.name),
                Expr::new_(Expr::ident(class), call),
            )
        }
    }
}

/// The args object of a resource: its inputs, nulls left out.
pub fn inputs(writer: &ValueWriter, inputs: &[(String, Value)], uses: &mut Uses) -> Expr {
    Expr::Object(
        inputs
            .iter()
            .filter(|(_, v)| !matches!(v.kind, ValueKind::Null))
            .map(|(k, v)| Prop::named(k, writer.value(v, uses).expr))
            .collect(),
    )
}

/// The resource options object, or `None` when there are none. `default_parent` is the
/// parent when the options name none (`this` for a component's children).
pub fn options(
    writer: &ValueWriter,
    o: &Options,
    uses: &mut Uses,
    default_parent: Option<Expr>,
) -> Option<Expr> {
    let mut props = Vec::new();
    if let Some(p) = &o.parent {
        props.push(Prop::named("parent", writer.resource(p, uses)));
    } else if let Some(p) = default_parent {
        props.push(Prop::named("parent", p));
    }
    if let Some(p) = &o.provider {
        props.push(Prop::named("provider", writer.resource(p, uses)));
    }
    if let Some(p) = &o.protect {
        props.push(Prop::named("protect", writer.value(p, uses).expr));
    }
    if !o.depends_on.is_empty() {
        let refs = o
            .depends_on
            .iter()
            .map(|r| match r {
                crate::ir::ResourceRef::Resource(i) if writer.project.is_looped(*i) => {
                    let whole = super::syntax::flat(&writer.resource(r, uses));
                    Expr::ident(format!("...Object.values({whole})"))
                }
                _ => writer.resource(r, uses),
            })
            .collect();
        props.push(Prop::named("dependsOn", Expr::Array(refs)));
    }
    if !o.ignore_changes.is_empty() {
        let items = o
            .ignore_changes
            .iter()
            .map(|c| Expr::str(c.clone()))
            .collect();
        props.push(Prop::named("ignoreChanges", Expr::Array(items)));
    }
    if o.delete_before_replace {
        props.push(Prop::named("deleteBeforeReplace", Expr::Bool(true)));
    }
    lifecycle_options(writer, o, uses, &mut props);
    if props.is_empty() {
        None
    } else {
        Some(Expr::InlineObject(props))
    }
}

/// The factory of one group.
fn factory(project: &Project, layout: &Layout, gi: usize, uses: &mut Uses) -> Vec<Doc> {
    let g = &layout.groups[gi];
    let writer = ValueWriter {
        project,
        layout,
        local_group: Some(gi),
        component: None,
    };
    let mut body = Vec::new();
    let mut keys = Vec::new();
    for m in &g.members {
        let (docs, name, expr) = creation(&writer, *m, uses);
        if let Member::Resource(r) = m
            && project.is_looped(*r)
        {
            body.extend(super::loops::statements(
                &writer,
                *r,
                docs,
                &name,
                &g.elem_type,
                expr,
                uses,
            ));
            keys.push(member_key(project, *m, &name));
            continue;
        }
        let condition = match m {
            Member::Resource(r) => project.resources[*r].condition.as_ref(),
            Member::Instance(i) => project.instances[*i].condition.as_ref(),
        };
        if let Some(cond) = condition {
            // Created only where the condition holds; `undefined` elsewhere.
            body.push(Stmt::Let {
                docs,
                name: name.clone(),
                ty: g.elem_type.clone(),
            });
            body.push(Stmt::If {
                cond: writer.condition(cond, uses),
                body: vec![Stmt::Assign {
                    target: Expr::ident(name.clone()),
                    value: expr,
                }],
            });
        } else {
            body.push(Stmt::Const {
                docs,
                export: false,
                name: name.clone(),
                ty: None,
                value: expr,
            });
        }
        keys.push(member_key(project, *m, &name));
    }
    body.push(Stmt::Blank);
    body.push(Stmt::Return(Expr::InlineObject(keys)));

    let params = factory_params(project, layout, g);
    let names: Vec<String> = member_keys(project, g);
    let alias_docs = vec![format!(
        "The {} of module `{}`, by name.",
        describe(project, g),
        g.module
    )];
    let conditional = conditional_keys(project, g);
    let looped: Vec<String> = g
        .members
        .iter()
        .filter_map(|m| match m {
            Member::Resource(r) if project.is_looped(*r) => {
                Some(camel(&project.resources[*r].name))
            }
            _ => None,
        })
        .collect();
    let alias = if !looped.is_empty() {
        let keys: Vec<(String, String)> = names
            .iter()
            .map(|n| {
                if looped.contains(n) {
                    (n.clone(), super::loops::record(&g.elem_type))
                } else if conditional.contains(n) {
                    (format!("{n}?"), g.elem_type.clone())
                } else {
                    (n.clone(), g.elem_type.clone())
                }
            })
            .collect();
        syntax::member_type_alias(&alias_docs, &g.type_name, &keys)
    } else if conditional.is_empty() {
        syntax::type_alias(
            &alias_docs,
            &g.type_name,
            &names.iter().map(|n| syntax::quote(n)).collect::<Vec<_>>(),
            &g.elem_type,
        )
    } else {
        let keys: Vec<(String, bool)> = names
            .iter()
            .map(|n| (n.clone(), conditional.contains(n)))
            .collect();
        syntax::object_type_alias(&alias_docs, &g.type_name, &keys, &g.elem_type)
    };
    let docs = vec![format!(
        "Creates the {} of module `{}`.",
        describe(project, g),
        g.module
    )];
    let func = syntax::function(&docs, &g.factory, &params, &g.type_name, &body);
    vec![alias, func]
}

fn describe(project: &Project, g: &Group) -> String {
    match g.component {
        Some(c) => format!(
            "`{}` components",
            super::names::pascal(&project.components[c].name)
        ),
        None => format!("`{}` resources", g.elem_type),
    }
}

/// `{ key }` or `{ key: var }` of a factory's returned object.
fn member_key(project: &Project, m: Member, name: &str) -> Prop {
    let key = match m {
        Member::Resource(r) => camel(&project.resources[r].name),
        Member::Instance(i) => camel(&project.instances[i].name),
    };
    if key == name {
        Prop::shorthand(&key)
    } else {
        Prop::new(Key::Ident(key), Expr::ident(name))
    }
}

/// The keys of a group's members that exist only where their `when` holds.
fn conditional_keys(project: &Project, g: &Group) -> Vec<String> {
    g.members
        .iter()
        .filter_map(|m| match m {
            Member::Resource(r) if project.is_conditional(*r) => {
                Some(camel(&project.resources[*r].name))
            }
            Member::Instance(i) if project.instances[*i].condition.is_some() => {
                Some(camel(&project.instances[*i].name))
            }
            _ => None,
        })
        .collect()
}

pub fn member_keys(project: &Project, g: &Group) -> Vec<String> {
    let mut keys: Vec<(usize, String)> = g
        .members
        .iter()
        .map(|m| match m {
            Member::Resource(r) => (*r, camel(&project.resources[*r].name)),
            Member::Instance(i) => (*i, camel(&project.instances[*i].name)),
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

/// `(d1Databases: D1Databases, infra: InfraOutputs)`: the maps and stack references a factory reads.
pub fn factory_params(project: &Project, layout: &Layout, g: &Group) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = g
        .deps
        .iter()
        .map(|d| {
            (
                layout.groups[*d].var.clone(),
                layout.groups[*d].type_name.clone(),
            )
        })
        .collect();
    for s in &g.stacks {
        params.push((local(s), super::stack_references::outputs_type(s)));
    }
    let _ = project;
    params
}

/// The file of one part of a module (the whole module for a module of one file), or `None`
/// when the part creates nothing: `(path without extension, text)`.
pub fn part_file(
    project: &Project,
    layout: &Layout,
    module: &Module,
    part: usize,
) -> Option<(String, String)> {
    let path = super::layout::part_path(module, part);
    let groups: Vec<usize> = layout
        .module_groups(&module.name)
        .filter(|(_, g)| g.part == part)
        .map(|(i, _)| i)
        .collect();
    if groups.is_empty() {
        return None;
    }
    let mut uses = Uses::default();
    let mut items = Vec::new();
    for gi in &groups {
        items.extend(factory(project, layout, *gi, &mut uses));
    }
    let mut imports = Imports::new(&path);
    imports.add_uses(project, &uses);
    for gi in &groups {
        let g = &layout.groups[*gi];
        for d in &g.deps {
            let target = super::layout::group_import(project, &module.name, &layout.groups[*d]);
            if target != path {
                imports.add_type(&target, &layout.groups[*d].type_name);
            }
        }
        for s in &g.stacks {
            imports.add_type("src/references", &super::stack_references::outputs_type(s));
        }
    }
    let mut all = vec![imports.doc()];
    all.extend(items);
    let (file, docs) = match module.parts.get(part) {
        Some(p) if super::layout::is_folder(module) => (&p.file, &p.docs),
        _ => (&module.file, &module.docs),
    };
    let header = super::header_with_docs(Some(file), docs);
    Some((path, format!("{header}\n{}", syntax::file(all))))
}

/// `src/resources/<module>/index.ts` of a module that is a folder: re-exports its files.
pub fn folder_index(project: &Project, layout: &Layout, module: &Module) -> Option<String> {
    if !super::layout::is_folder(module) {
        return None;
    }
    let dir = super::layout::module_path(&module.name);
    let mut files: BTreeSet<String> = layout
        .module_groups(&module.name)
        .map(|(_, g)| super::layout::group_path(project, g))
        .collect();
    files.extend(
        module
            .components
            .iter()
            .map(|&c| super::layout::component_path(project, c))
            .filter(|p| p.starts_with(&format!("{dir}/"))),
    );
    let lines: Vec<String> = files
        .iter()
        .map(|f| format!("export * from './{}';", &f[dir.len() + 1..]))
        .collect();
    let mut docs = module.docs.clone();
    if docs.is_empty() {
        docs.push(format!(
            "Module `{}`, one file per source file.",
            module.name
        ));
    }
    Some(format!(
        "{}{}\n",
        super::header_with_docs(None, &docs),
        lines.join("\n")
    ))
}

/// `retainOnDelete`, `replaceOnChanges`, `customTimeouts`, `import`, `deletedWith` and
/// `additionalSecretOutputs`.
fn lifecycle_options(writer: &ValueWriter, o: &Options, uses: &mut Uses, props: &mut Vec<Prop>) {
    let strings =
        |names: &[String]| Expr::Array(names.iter().map(|n| Expr::str(n.clone())).collect());
    if o.retain_on_delete {
        props.push(Prop::named("retainOnDelete", Expr::Bool(true)));
    }
    if !o.replace_on_changes.is_empty() {
        props.push(Prop::named(
            "replaceOnChanges",
            strings(&o.replace_on_changes),
        ));
    }
    if let Some(t) = &o.custom_timeouts {
        let fields = [
            ("create", &t.create),
            ("update", &t.update),
            ("delete", &t.delete),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some(Prop::named(k, Expr::str(v.clone()?))))
        .collect();
        props.push(Prop::named("customTimeouts", Expr::InlineObject(fields)));
    }
    if let Some(id) = &o.import {
        props.push(Prop::named("import", writer.value(id, uses).expr));
    }
    if let Some(d) = &o.deleted_with {
        props.push(Prop::named("deletedWith", writer.resource(d, uses)));
    }
    if !o.additional_secret_outputs.is_empty() {
        props.push(Prop::named(
            "additionalSecretOutputs",
            strings(&o.additional_secret_outputs),
        ));
    }
    if !o.aliases.is_empty() || !o.instance_aliases.is_empty() {
        let aliases: Vec<Expr> = o.aliases.iter().map(|a| alias(writer, a, uses)).collect();
        // In a component: `name === 'site' ? [...] : [...]`, the instance's own aliases first.
        let mut value = Expr::Array(aliases.clone());
        for (instance, extra) in o.instance_aliases.iter().rev() {
            let mut list = aliases.clone();
            list.push(alias(writer, extra, uses));
            let test = Expr::ident("name").binary("===", Expr::str(instance.clone()));
            value = Expr::Conditional(Box::new(test), Box::new(Expr::Array(list)), Box::new(value));
        }
        props.push(Prop::named("aliases", value));
    }
}

/// `{ name: 'old', parent: x }` (`parent: undefined`: it had no parent).
fn alias(writer: &ValueWriter, a: &crate::ir::Alias, uses: &mut Uses) -> Expr {
    let mut fields = Vec::new();
    if let Some(n) = &a.name {
        fields.push(Prop::named("name", writer.value(n, uses).expr));
    }
    if let Some(t) = &a.type_token {
        fields.push(Prop::named("type", Expr::str(t.clone())));
    }
    match &a.parent {
        Some(crate::ir::AliasParent::Resource(r)) => {
            fields.push(Prop::named("parent", writer.resource(r, uses)))
        }
        Some(crate::ir::AliasParent::Root) => {
            fields.push(Prop::named("parent", Expr::ident("undefined")))
        }
        Some(crate::ir::AliasParent::Component { name, type_token }) => {
            uses.pulumi = true;
            let urn = Expr::path("pulumi.createUrn")
                .call(vec![Expr::str(name.clone()), Expr::str(type_token.clone())]);
            fields.push(Prop::named("parent", urn))
        }
        None => {}
    }
    Expr::InlineObject(fields)
}
