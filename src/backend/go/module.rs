//! One DSL module as a Go package: a `Resources` struct of what it creates and a `New`
//! constructor taking the context, the config and the outputs it depends on.

use askama::Template;

use super::templates::ModuleFile;

use super::docs;
use super::imports::{Group, Imports};
use super::layout::{COMPONENT, CONFIG, Layout, ModuleLayout, STACKS, reserved_names};
use super::names::{local_candidates, quote};
use super::resources::{ErrorContext, create, error_check, options};
use super::syntax::{Elem, Expr, Field, comment_lines, print_fields};
use super::types::{pulumi, resource_pointer};
use super::values::{Facts, Needs, Refs, Slot, ValueWriter};
use crate::ir::{Project, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Resource(usize),
    Instance(usize),
}

/// Resources and instances in the project's dependency order (`Project::order`): an instance
/// where its first child is created (its arguments are read by its children, and whatever
/// reads its outputs reads them from its children).
fn ordered(project: &Project, resources: &[usize], instances: &[usize]) -> Vec<Item> {
    let position = |r: usize| {
        project
            .order
            .iter()
            .position(|&o| o == r)
            .unwrap_or(usize::MAX)
    };
    let mut items: Vec<(usize, Item)> = resources
        .iter()
        .map(|&i| (position(i), Item::Resource(i)))
        .chain(instances.iter().map(|&i| {
            let first = project.instances[i]
                .children
                .iter()
                .map(|&c| position(c))
                .min()
                .unwrap_or(usize::MAX);
            (first, Item::Instance(i))
        }))
        .collect();
    // Stable: ties (no position) keep declaration order.
    items.sort_by_key(|(p, _)| *p);
    items.into_iter().map(|(_, item)| item).collect()
}

pub fn file(
    project: &Project,
    layout: &Layout,
    facts: &Facts,
    m: &ModuleLayout,
    needs: &mut Needs,
) -> Result<(String, bool), String> {
    let module = &project.modules[m.index];
    let mut imports = Imports::for_project(project);
    // Local packages first, so that they keep their names and provider packages get aliases.
    for d in &m.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        imports.add(&layout.local(&dep.dir), Group::Local, &dep.package);
    }
    if !m.stacks.is_empty() {
        imports.add(&layout.local(STACKS), Group::Local, STACKS);
    }

    let imported: Vec<&str> = m
        .deps
        .iter()
        .filter_map(|d| layout.module(*d).map(|m| m.package.as_str()))
        .collect();
    let mut scope = reserved_names(project, &imported);
    let mut refs = Refs {
        cfg: "cfg".into(),
        ..Refs::default()
    };
    for d in &m.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        scope.reserve(&dep.var);
        let dm = &project.modules[dep.index];
        for &ri in &dm.resources {
            refs.resources
                .insert(ri, format!("{}.{}", dep.var, layout.resource_fields[&ri]));
        }
        for &ii in &dm.instances {
            refs.instances
                .insert(ii, format!("{}.{}", dep.var, layout.instance_fields[&ii]));
        }
    }
    for s in &m.stacks {
        let st = layout.stack(s).expect("stack is laid out");
        scope.reserve(&st.var);
        refs.stacks.insert(s.clone(), st.var.clone());
    }
    // Local variables of this module's resources and instances.
    let items = ordered(project, &module.resources, &module.instances);
    let mut vars = std::collections::BTreeMap::new();
    for item in &items {
        let (name, kind, key) = match item {
            Item::Resource(i) => {
                let r = &project.resources[*i];
                (&r.name, r.kind.class.as_str(), *item)
            }
            Item::Instance(i) => {
                let inst = &project.instances[*i];
                let comp = &project.components[inst.component];
                (&inst.name, comp.name.as_str(), *item)
            }
        };
        let var = scope.claim_first(&local_candidates(name, kind));
        match key {
            Item::Resource(i) => refs.resources.insert(i, var.clone()),
            Item::Instance(i) => refs.instances.insert(i, var.clone()),
        };
        vars.insert(format!("{key:?}"), var);
    }

    let mut r = ValueWriter::new(facts, &refs, &mut imports, needs);
    let mut body = String::new();
    for item in &items {
        let var = &vars[&format!("{item:?}")];
        match *item {
            Item::Resource(i) => {
                let res = &project.resources[i];
                let opts = options(&mut r, &res.options, None)?;
                let err = ErrorContext {
                    format: format!("create {}", res.logical_name),
                    args: vec![],
                };
                body.push_str(&create(
                    &mut r,
                    res,
                    var,
                    Expr::raw(quote(&res.logical_name)),
                    opts,
                    &err,
                )?);
            }
            Item::Instance(i) => body.push_str(&instance(project, layout, &mut r, i, var)?),
        }
    }

    // The struct of what the module created.
    let mut fields = Vec::new();
    let mut result = Vec::new();
    for &ri in &module.resources {
        let res = &project.resources[ri];
        let field = layout.resource_fields[&ri].clone();
        fields.push(Field {
            docs: res.docs.clone(),
            name: field.clone(),
            ty: resource_pointer(&res.kind.token, r.imports)?,
        });
        result.push(Elem::Pair(field, Expr::raw(refs.resources[&ri].clone())));
    }
    for &ii in &module.instances {
        let inst = &project.instances[ii];
        let comp = &layout.components[&inst.component];
        let q = component_package(layout, r.imports, comp);
        let field = layout.instance_fields[&ii].clone();
        fields.push(Field {
            docs: inst.docs.clone(),
            name: field.clone(),
            ty: format!("*{q}.{}", comp.type_name),
        });
        result.push(Elem::Pair(field, Expr::raw(refs.instances[&ii].clone())));
    }
    let uses_cfg = r.uses_cfg;
    let p = pulumi(r.imports);
    let mut params = vec![format!("ctx *{p}.Context")];
    if uses_cfg {
        let c = r.imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        params.push(format!("cfg *{c}.Config"));
    }
    for s in &m.stacks {
        let st = layout.stack(s).expect("stack is laid out");
        params.push(format!("{} *{STACKS}.{}", st.var, st.type_name));
    }
    for d in &m.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        params.push(format!("{} *{}.Resources", dep.var, dep.package));
    }
    let result = Expr::composite("&Resources", result, true);

    let name = &module.name;
    // A module written as a folder of files names the files.
    let source = if module.parts.len() > 1 {
        let files: Vec<&str> = module.parts.iter().map(|p| p.file.as_str()).collect();
        files.join(", ")
    } else {
        module.file.clone()
    };
    let mut docs_lines = vec![format!(
        "Package {} creates the resources of the `{name}` module ({source}).",
        m.package
    )];
    if !module.docs.is_empty() {
        docs_lines.push(String::new());
        docs_lines.extend(docs::top_level(&module.docs));
    }
    let text = ModuleFile {
        header: super::templates::header(),
        docs: comment_lines(&docs_lines, 0),
        package: m.package.clone(),
        imports: imports.block(),
        fields: print_fields(&fields, 1),
        new_docs: format!("// New creates the resources of the `{name}` module.\n"),
        params: params.join(", "),
        body,
        result: result.print(1),
    }
    .render()
    .map_err(|e| e.to_string())?;
    Ok((text, uses_cfg))
}

/// The qualifier of a component's package in this file (`component`, or an alias when two
/// modules' components are used).
pub fn component_package(
    layout: &Layout,
    imports: &mut Imports,
    comp: &super::layout::ComponentLayout,
) -> String {
    let module = layout
        .module(comp.module)
        .map(|m| m.package.clone())
        .unwrap_or_default();
    imports.add(
        &layout.local(&comp.dir),
        Group::Local,
        &format!("{module}{COMPONENT}"),
    )
}

/// `x, err := component.NewX(ctx, "name", cfg, deps..., &component.XArgs{...}, opts...)`.
fn instance(
    project: &Project,
    layout: &Layout,
    r: &mut ValueWriter,
    i: usize,
    var: &str,
) -> Result<String, String> {
    let inst = &project.instances[i];
    let comp = &layout.components[&inst.component];
    let q = component_package(layout, r.imports, comp);
    let params = &layout.component_params[&inst.component];
    let mut elems = Vec::new();
    for p in params {
        let Some((_, v)) = inst.args.iter().find(|(n, _)| *n == p.name) else {
            continue;
        };
        if matches!(v.kind, crate::ir::ValueKind::Null) {
            continue;
        }
        elems.push(Elem::Pair(p.field.clone(), param_value(r, p, v)?));
    }
    let mut args = vec![Expr::raw("ctx"), Expr::raw(quote(&inst.logical_name))];
    if comp.uses_config {
        args.push(Expr::raw(r.refs.cfg.clone()));
        r.uses_cfg = true;
    }
    for s in &comp.stacks {
        args.push(Expr::raw(r.refs.stacks.get(s).cloned().unwrap_or_default()));
    }
    for d in &comp.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        args.push(Expr::raw(dep.var.clone()));
    }
    for ri in &comp.own_resources {
        args.push(Expr::raw(
            r.resource(&crate::ir::ResourceRef::Resource(*ri))?.0,
        ));
    }
    args.push(Expr::AddressOf(Box::new(Expr::composite(
        format!("{q}.{}Args", comp.type_name),
        elems,
        true,
    ))));
    args.extend(options(r, &inst.options, None)?);
    let call = Expr::call(format!("{q}.New{}", comp.type_name), args);
    let mut out = comment_lines(&inst.docs, 1);
    out.push_str(&format!("\t{var}, err := {}\n", call.print(1)));
    let err = ErrorContext {
        format: format!("create {}", inst.logical_name),
        args: vec![],
    };
    out.push_str(&error_check(r, &err, 1));
    Ok(out)
}

/// An instance argument as its parameter's Go type.
pub fn param_value(
    r: &mut ValueWriter,
    p: &super::params::ParamLayout,
    v: &Value,
) -> Result<Expr, String> {
    use super::types::GoTy;
    Ok(match &p.ty {
        GoTy::Plain(s) => r.value(v, Slot::Plain(*s))?.expr,
        _ => r.value(v, Slot::Input(&p.slot_ty, true))?.expr,
    })
}
