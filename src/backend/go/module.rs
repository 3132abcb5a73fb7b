//! One DSL module as a Go package: a `Resources` struct of what it creates and a `New`
//! constructor taking the context, the config and the outputs it depends on. A module written
//! as a folder of files gets one more file per part, with the part's `new<Part>`.

use askama::Template;

use std::collections::BTreeSet;

use super::templates::{ModuleFile, PartFile};

use super::docs;
use super::imports::{Group, Imports};
use super::layout::{
    COMPONENT, CONFIG, Layout, ModuleLayout, STACKS, component_reads, reserved_names,
};
use super::names::{Scope, exported, file_name, local_candidates, quote};
use super::reads::Reads;
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
    parents_first(project, items.into_iter().map(|(_, item)| item).collect())
}

/// `Project::order` follows data and `depends_on`, not parents: moves each declaration after
/// its parent when the parent is in the same list, keeping the order otherwise.
fn parents_first(project: &Project, items: Vec<Item>) -> Vec<Item> {
    let parent = |item: &Item| {
        let options = match *item {
            Item::Resource(i) => &project.resources[i].options,
            Item::Instance(i) => &project.instances[i].options,
        };
        match options.parent {
            Some(crate::ir::ResourceRef::Resource(p)) => Some(Item::Resource(p)),
            _ => None,
        }
    };
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut left = items;
    while !left.is_empty() {
        // Parents cannot form a cycle (the checker rejects it); the fallback only guards.
        let k = left
            .iter()
            .position(|item| parent(item).is_none_or(|p| out.contains(&p) || !left.contains(&p)))
            .unwrap_or(0);
        out.push(left.remove(k));
    }
    out
}

/// One module part: the declarations of one source file, rendered as one function body.
struct Part {
    /// `newByok`, for a module written as a folder of files.
    func: String,
    file: String,
    docs: Vec<String>,
    resources: Vec<usize>,
    instances: Vec<usize>,
}

/// What a rendered part needs from its function's signature.
struct Rendered {
    body: String,
    imports: Imports,
    uses_cfg: bool,
    stacks: Vec<String>,
    deps: Vec<usize>,
    refs: Refs,
}

/// The files of a module's package: `<pkg>/<pkg>.go` with `Resources` and `New`, and for a
/// module written as a folder of files one `<pkg>/<part>.go` per part that declares something,
/// with its `new<Part>` (`New` calls them, each part after the parts it reads). Also tells
/// whether `New` takes the config.
pub fn files(
    project: &Project,
    layout: &Layout,
    facts: &Facts,
    m: &ModuleLayout,
    needs: &mut Needs,
) -> Result<(Vec<(String, String)>, bool), String> {
    let module = &project.modules[m.index];
    let main_file = format!("{}/{}.go", m.dir, m.package);
    if module.parts.len() < 2 {
        let part = Part {
            func: String::new(),
            file: module.file.clone(),
            docs: Vec::new(),
            resources: module.resources.clone(),
            instances: module.instances.clone(),
        };
        let r = render(project, layout, facts, m, &part, None, needs)?;
        let result = result(project, layout, &r.refs, m);
        let text = main_text(project, layout, m, r.imports, &r.body, &result, r.uses_cfg)?;
        return Ok((vec![(main_file, text)], r.uses_cfg));
    }
    let parts = ordered_parts(project, module)?;
    let mut files = Vec::new();
    let mut taken = Scope::with(&[main_file.as_str()]);
    let mut calls = String::new();
    let mut module_cfg = false;
    let imports = Imports::for_project(project);
    for part in &parts {
        let r = render(project, layout, facts, m, part, Some(&parts), needs)?;
        module_cfg |= r.uses_cfg;
        let mut args = vec!["ctx".to_string()];
        if r.uses_cfg {
            args.push("cfg".into());
        }
        args.extend(r.stacks.iter().map(|s| stack_var(layout, s)));
        args.extend(r.deps.iter().map(|d| dep_var(layout, *d)));
        args.push(RESOURCES.into());
        calls.push_str(&format!(
            "\tif err := {}({}); err != nil {{\n\t\treturn nil, err\n\t}}\n",
            part.func,
            args.join(", ")
        ));
        let name = part.file.trim_end_matches(".infra");
        let name = name.rsplit('/').next().unwrap_or(name);
        let path = taken.claim_first(&[
            format!("{}/{}", m.dir, file_name(name)),
            format!("{}/{}", m.dir, file_name(&format!("{name}_part"))),
        ]);
        files.push((path, part_text(project, layout, m, part, r)?));
    }
    let result = Expr::raw(RESOURCES);
    let mut body = format!("\t{RESOURCES} := &Resources{{}}\n");
    body.push_str(&calls);
    let text = main_text(project, layout, m, imports, &body, &result, module_cfg)?;
    files.push((main_file, text));
    Ok((files, module_cfg))
}

/// The parameter every `new<Part>` fills in.
const RESOURCES: &str = "resources";

fn stack_var(layout: &Layout, s: &str) -> String {
    layout.stack(s).expect("stack is laid out").var.clone()
}

fn dep_var(layout: &Layout, d: usize) -> String {
    layout
        .module(d)
        .expect("dependency has a package")
        .var
        .clone()
}

/// The module's parts that declare something, each after the parts it reads (the checker
/// rejects parts that read each other in a cycle, E0901); ties keep path order.
fn ordered_parts(project: &Project, module: &crate::ir::Module) -> Result<Vec<Part>, String> {
    let parts: Vec<Part> = module
        .parts
        .iter()
        .map(|p| {
            let own = |list: &[usize], of: &[usize]| -> Vec<usize> {
                list.iter().copied().filter(|x| of.contains(x)).collect()
            };
            Part {
                func: format!("new{}", exported(&p.name)),
                file: p.file.clone(),
                docs: p.docs.clone(),
                resources: own(&p.resources, &module.resources),
                instances: own(&p.instances, &module.instances),
            }
        })
        .filter(|p| !p.resources.is_empty() || !p.instances.is_empty())
        .collect();
    let reads: Vec<BTreeSet<usize>> = parts
        .iter()
        .map(|p| {
            let r = part_reads(project, p);
            parts
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.resources.iter().any(|x| r.resources.contains(x))
                        || o.instances.iter().any(|x| r.instances.contains(x))
                })
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    let mut placed: Vec<usize> = Vec::new();
    while placed.len() < parts.len() {
        let next = (0..parts.len())
            .find(|k| {
                !placed.contains(k) && reads[*k].iter().all(|d| *d == *k || placed.contains(d))
            })
            .ok_or_else(|| {
                format!(
                    "the parts of module `{}` read each other in a cycle",
                    module.name
                )
            })?;
        placed.push(next);
    }
    let mut parts: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
    Ok(placed.into_iter().filter_map(|k| parts[k].take()).collect())
}

/// What a part's declarations read, the components it instantiates included.
fn part_reads(project: &Project, part: &Part) -> Reads {
    let mut r = Reads::default();
    for &ri in &part.resources {
        let res = &project.resources[ri];
        res.inputs.iter().for_each(|(_, v)| r.value(v));
        r.options(&res.options);
    }
    for &ii in &part.instances {
        let inst = &project.instances[ii];
        inst.args.iter().for_each(|(_, v)| r.value(v));
        r.options(&inst.options);
        component_reads(project, inst.component, &mut r);
    }
    r
}

/// Renders a part's declarations: each one's local variable, and for a part of a folder
/// (`parts` given) the assignments of `resources`' fields. What the part reads of the module's
/// other parts it reads from `resources`.
fn render(
    project: &Project,
    layout: &Layout,
    facts: &Facts,
    m: &ModuleLayout,
    part: &Part,
    parts: Option<&[Part]>,
    needs: &mut Needs,
) -> Result<Rendered, String> {
    let reads = part_reads(project, part);
    let reads_module = |d: &usize| {
        let dm = &project.modules[*d];
        dm.resources.iter().any(|x| reads.resources.contains(x))
            || dm.instances.iter().any(|x| reads.instances.contains(x))
    };
    let (deps, stacks): (Vec<usize>, Vec<String>) = match parts {
        None => (m.deps.clone(), m.stacks.clone()),
        Some(_) => (
            m.deps.iter().copied().filter(reads_module).collect(),
            m.stacks
                .iter()
                .filter(|s| reads.stacks.contains(*s))
                .cloned()
                .collect(),
        ),
    };
    let mut imports = Imports::for_project(project);
    // Local packages first, so that they keep their names and provider packages get aliases.
    for d in &deps {
        let dep = layout.module(*d).expect("dependency has a package");
        imports.add(&layout.local(&dep.dir), Group::Local, &dep.package);
    }
    if !stacks.is_empty() {
        imports.add(&layout.local(STACKS), Group::Local, STACKS);
    }
    let imported: Vec<&str> = deps
        .iter()
        .filter_map(|d| layout.module(*d).map(|m| m.package.as_str()))
        .collect();
    let mut scope = reserved_names(project, &imported);
    let mut refs = Refs {
        cfg: "cfg".into(),
        ..Refs::default()
    };
    for d in &deps {
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
    for s in &stacks {
        let st = layout.stack(s).expect("stack is laid out");
        scope.reserve(&st.var);
        refs.stacks.insert(s.clone(), st.var.clone());
    }
    if let Some(parts) = parts {
        scope.reserve(RESOURCES);
        for other in parts {
            scope.reserve(&other.func);
            for &ri in &other.resources {
                let field = &layout.resource_fields[&ri];
                refs.resources.insert(ri, format!("{RESOURCES}.{field}"));
            }
            for &ii in &other.instances {
                let field = &layout.instance_fields[&ii];
                refs.instances.insert(ii, format!("{RESOURCES}.{field}"));
            }
        }
    }
    // Local variables of this part's resources and instances.
    let items = ordered(project, &part.resources, &part.instances);
    let mut vars = Vec::new();
    for item in &items {
        let (name, kind) = match item {
            Item::Resource(i) => {
                let r = &project.resources[*i];
                (&r.name, r.kind.class.as_str())
            }
            Item::Instance(i) => {
                let inst = &project.instances[*i];
                let comp = &project.components[inst.component];
                (&inst.name, comp.name.as_str())
            }
        };
        let var = scope.claim_first(&local_candidates(name, kind));
        match item {
            Item::Resource(i) => refs.resources.insert(*i, var.clone()),
            Item::Instance(i) => refs.instances.insert(*i, var.clone()),
        };
        vars.push(var);
    }

    let with_value = parts.is_none();
    let mut r = ValueWriter::new(facts, &refs, &mut imports, needs);
    let mut body = String::new();
    for (item, var) in items.iter().zip(&vars) {
        match *item {
            Item::Resource(i) if project.is_looped(i) => {
                let res = &project.resources[i];
                let opts = options(&mut r, &res.options, None)?;
                let err = ErrorContext {
                    format: String::new(),
                    args: vec![],
                    with_value,
                };
                body.push_str(&super::loops::create(&mut r, res, var, opts, &err)?);
            }
            Item::Resource(i) => {
                let res = &project.resources[i];
                let opts = options(&mut r, &res.options, None)?;
                let err = ErrorContext {
                    format: format!("create {}", res.logical_name),
                    args: vec![],
                    with_value,
                };
                let name = match &res.computed_name {
                    Some(v) => {
                        let plain = super::values::Slot::Plain(super::types::Scalar::String);
                        r.value(v, plain)?.expr
                    }
                    None => Expr::raw(quote(&res.logical_name)),
                };
                body.push_str(&create(&mut r, res, var, name, opts, &err)?);
            }
            Item::Instance(i) => {
                body.push_str(&instance(project, layout, &mut r, i, var, with_value)?)
            }
        }
    }
    let uses_cfg = r.uses_cfg;
    if parts.is_some() {
        for (item, var) in items.iter().zip(&vars) {
            let field = match *item {
                Item::Resource(i) => &layout.resource_fields[&i],
                Item::Instance(i) => &layout.instance_fields[&i],
            };
            body.push_str(&format!("\t{RESOURCES}.{field} = {var}\n"));
        }
    }
    Ok(Rendered {
        body,
        imports,
        uses_cfg,
        stacks,
        deps,
        refs,
    })
}

/// `&Resources{Field: variable, ...}` of a module written in one file.
fn result(project: &Project, layout: &Layout, refs: &Refs, m: &ModuleLayout) -> Expr {
    let module = &project.modules[m.index];
    let mut result = Vec::new();
    for &ri in &module.resources {
        let field = layout.resource_fields[&ri].clone();
        result.push(Elem::Pair(field, Expr::raw(refs.resources[&ri].clone())));
    }
    for &ii in &module.instances {
        let field = layout.instance_fields[&ii].clone();
        result.push(Elem::Pair(field, Expr::raw(refs.instances[&ii].clone())));
    }
    Expr::composite("&Resources", result, true)
}

/// `<pkg>/<pkg>.go`: the package documentation, `Resources` and `New`.
fn main_text(
    project: &Project,
    layout: &Layout,
    m: &ModuleLayout,
    mut imports: Imports,
    body: &str,
    result: &Expr,
    uses_cfg: bool,
) -> Result<String, String> {
    let module = &project.modules[m.index];
    for d in &m.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        imports.add(&layout.local(&dep.dir), Group::Local, &dep.package);
    }
    if !m.stacks.is_empty() {
        imports.add(&layout.local(STACKS), Group::Local, STACKS);
    }
    // The struct of what the module created.
    let mut fields = Vec::new();
    for &ri in &module.resources {
        let res = &project.resources[ri];
        let pointer = resource_pointer(&res.kind.token, &mut imports)?;
        fields.push(Field {
            docs: res.docs.clone(),
            name: layout.resource_fields[&ri].clone(),
            ty: if res.each.is_some() {
                format!("map[string]{pointer}")
            } else {
                pointer
            },
        });
    }
    for &ii in &module.instances {
        let inst = &project.instances[ii];
        let comp = &layout.components[&inst.component];
        let q = component_package(layout, &mut imports, comp);
        fields.push(Field {
            docs: inst.docs.clone(),
            name: layout.instance_fields[&ii].clone(),
            ty: format!("*{q}.{}", comp.type_name),
        });
    }
    let p = pulumi(&mut imports);
    let mut params = vec![format!("ctx *{p}.Context")];
    if uses_cfg {
        let c = imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        params.push(format!("cfg *{c}.Config"));
    }
    params.extend(stack_params(layout, &m.stacks));
    params.extend(dep_params(layout, &m.deps));

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
    ModuleFile {
        header: super::templates::header(),
        docs: comment_lines(&docs_lines, 0),
        package: m.package.clone(),
        imports: imports.block(),
        fields: print_fields(&fields, 1),
        new_docs: format!("// New creates the resources of the `{name}` module.\n"),
        params: params.join(", "),
        body: body.to_string(),
        result: result.print(1),
    }
    .render()
    .map_err(|e| e.to_string())
}

fn stack_params(layout: &Layout, stacks: &[String]) -> Vec<String> {
    stacks
        .iter()
        .map(|s| {
            let st = layout.stack(s).expect("stack is laid out");
            format!("{} *{STACKS}.{}", st.var, st.type_name)
        })
        .collect()
}

fn dep_params(layout: &Layout, deps: &[usize]) -> Vec<String> {
    deps.iter()
        .map(|d| {
            let dep = layout.module(*d).expect("dependency has a package");
            format!("{} *{}.Resources", dep.var, dep.package)
        })
        .collect()
}

/// `<pkg>/<part>.go`: one part's `new<Part>`, filling in the module's `Resources`.
fn part_text(
    project: &Project,
    layout: &Layout,
    m: &ModuleLayout,
    part: &Part,
    mut r: Rendered,
) -> Result<String, String> {
    let p = pulumi(&mut r.imports);
    let mut params = vec![format!("ctx *{p}.Context")];
    if r.uses_cfg {
        let c = r.imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        params.push(format!("cfg *{c}.Config"));
    }
    params.extend(stack_params(layout, &r.stacks));
    params.extend(dep_params(layout, &r.deps));
    params.push(format!("{RESOURCES} *Resources"));
    let mut docs_lines = vec![format!(
        "{} creates the resources of {} in `{RESOURCES}`.",
        part.func, part.file
    )];
    // The module's documentation is the package's; a part's own is its function's.
    if !part.docs.is_empty() && part.docs != project.modules[m.index].docs {
        docs_lines.push(String::new());
        docs_lines.extend(docs::top_level(&part.docs));
    }
    PartFile {
        header: super::templates::header(),
        package: m.package.clone(),
        imports: r.imports.block(),
        docs: comment_lines(&docs_lines, 0),
        func: part.func.clone(),
        params: params.join(", "),
        body: r.body,
    }
    .render()
    .map_err(|e| e.to_string())
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
    with_value: bool,
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
    let err = ErrorContext {
        format: format!("create {}", inst.logical_name),
        args: vec![],
        with_value,
    };
    if let Some(cond) = &inst.condition {
        // Created only where the condition holds; the variable stays nil elsewhere.
        let cond = r.condition(cond)?;
        out.push_str(&format!(
            "\tvar {var} *{q}.{}\n\tif {cond} {{\n\t\tvar err error\n",
            comp.type_name
        ));
        out.push_str(&format!("\t\t{var}, err = {}\n", call.print(2)));
        out.push_str(&error_check(r, &err, 2));
        out.push_str("\t}\n");
        return Ok(out);
    }
    out.push_str(&format!("\t{var}, err := {}\n", call.print(1)));
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
