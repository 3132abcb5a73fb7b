//! `modules/<module>.py`: one function per DSL module creating its resources and component
//! instances in dependency order and returning them as a dataclass; the module's components as
//! `pulumi.ComponentResource` subclasses.

use askama::Template;

use super::component::{self, Requirement};
use super::doc::{Doc, Field, docstring, string};
use super::expr::{Emitter, Place};
use super::layout::{CONFIG_VAR, Item, Layout};
use super::names;
use super::{HEADER, block, resources};
use crate::ir::Project;

#[derive(Template)]
#[template(path = "python/module.py.txt", escape = "none")]
struct ModulePy {
    header: &'static str,
    docstring: String,
    imports: String,
    components: Vec<String>,
    has_items: bool,
    class: String,
    class_doc: String,
    fields: Vec<Field>,
    signature: String,
    function_doc: String,
    body: String,
    ret: String,
}

#[derive(Template)]
#[template(path = "python/modules_init.py.txt", escape = "none")]
struct InitPy {
    header: &'static str,
    docstring: String,
}

pub fn render_init(project: &Project, layout: &Layout) -> Result<String, String> {
    let mut list: Vec<String> = Vec::new();
    for m in &layout.modules {
        let top = m.import.trim_start_matches("modules.");
        let name = format!("`{}`", top.split('.').next().unwrap_or(top));
        if !list.contains(&name) {
            list.push(name);
        }
    }
    let doc = vec![format!(
        "The infrastructure of `{}`, one module per concern: {}.",
        project.pulumi_name,
        list.join(", ")
    )];
    InitPy {
        header: HEADER,
        docstring: docstring(&doc, 0),
    }
    .render()
    .map_err(|e| e.to_string())
}

#[derive(Template)]
#[template(path = "python/package_init.py.askama", escape = "none")]
struct PackageInitPy {
    header: &'static str,
    docstring: String,
    imports: String,
    all: String,
}

/// The `__init__.py` of a module that is a folder of files: re-exports each part's function,
/// dataclass and components.
pub fn render_package(project: &Project, layout: &Layout, p: usize) -> Result<String, String> {
    let package = &layout.packages[p];
    let module = &project.modules[package.ir];
    let mut imports = super::imports::Imports::new();
    let mut names = Vec::new();
    for &u in &package.units {
        let unit = &layout.modules[u];
        let mut export = |name: &str| {
            imports.from(&unit.import, name);
            names.push(name.to_string());
        };
        for c in &unit.components {
            export(&layout.components[*c].class);
            export(&layout.components[*c].args_class);
        }
        if !unit.items.is_empty() {
            export(&unit.class);
            export(&unit.function);
        }
    }
    names.sort_by_key(|n| super::imports::member_key(n));
    let parts: Vec<String> = package
        .units
        .iter()
        .map(|u| {
            format!(
                "`{}`",
                layout.modules[*u].path.rsplit('/').next().unwrap_or("")
            )
        })
        .collect();
    let mut doc = if module.docs.is_empty() {
        vec![format!("The `{}` module.", module.name)]
    } else {
        module.docs.clone()
    };
    doc.push(String::new());
    doc.push(format!("One file per part: {}.", parts.join(", ")));
    PackageInitPy {
        header: HEADER,
        docstring: docstring(&doc, 0).trim_end().to_string(),
        imports: imports.render().trim_end().to_string(),
        all: block(
            &Doc::assign(
                "__all__ = ",
                Doc::list(names.iter().map(|n| Doc::text(string(n))).collect()),
            ),
            0,
        ),
    }
    .render()
    .map_err(|e| e.to_string())
}

/// The Python type of a module-level item.
pub fn item_type(em: &Emitter, item: Item) -> String {
    match item {
        Item::Resource(r) => {
            let token = &em.project.resources[r].kind.token;
            em.import_provider(token);
            names::sdk_name(token, "")
        }
        Item::Instance(k) => {
            let c = em.project.instances[k].component;
            component::import_class(em, c);
            em.layout.components[c].class.clone()
        }
    }
}

pub fn item_var(layout: &Layout, item: Item) -> String {
    match item {
        Item::Resource(r) => layout.resource_home[&r].1.clone(),
        Item::Instance(k) => layout.instance_home[&k].1.clone(),
    }
}

/// The file of module `m`, and the arguments `__main__.py` calls its function with.
pub fn render(
    project: &Project,
    layout: &Layout,
    m: usize,
) -> Result<(String, String, Vec<String>), String> {
    let module = &layout.modules[m];
    let ir = &project.modules[module.ir];
    let em = Emitter::new(project, layout, Place::Module(m));
    if !module.items.is_empty() {
        em.imports.borrow_mut().from("dataclasses", "dataclass");
    }

    let components: Vec<String> = module
        .components
        .iter()
        .map(|c| component::render(project, layout, *c))
        .collect::<Result<_, _>>()?;
    for c in &module.components {
        component::imports_into(project, layout, *c, &em);
    }

    let mut body = String::new();
    let mut fields = Vec::new();
    for item in &module.items {
        let var = item_var(layout, *item);
        match item {
            Item::Resource(r) => {
                let res = &project.resources[*r];
                let logical = Doc::text(string(&res.logical_name));
                body.push_str(&resources::statement(&em, res, &var, logical, None, 4));
                fields.push(Field {
                    name: var.clone(),
                    ty: item_type(&em, *item),
                    doc: docstring(&resources::docs_of(project, res), 4)
                        .trim_end()
                        .to_string(),
                });
            }
            Item::Instance(k) => {
                body.push_str(&component::instance_statement(&em, *k, &var, 4));
                fields.push(Field {
                    name: var.clone(),
                    ty: item_type(&em, *item),
                    doc: docstring(&project.instances[*k].docs, 4)
                        .trim_end()
                        .to_string(),
                });
            }
        }
    }

    // Parameters: the config, then the modules and stack references it reads, in creation order.
    let mut params: Vec<Doc> = Vec::new();
    let mut call_args = Vec::new();
    if *em.uses_config.borrow() {
        em.imports.borrow_mut().from("config", "StackConfig");
        params.push(Doc::text(format!("{CONFIG_VAR}: StackConfig")));
        call_args.push(CONFIG_VAR.to_string());
    }
    for req in component::requirements(&module.needs) {
        match req {
            Requirement::Module(dm) => {
                let d = &layout.modules[dm];
                em.import_unit(dm, &d.class);
                params.push(Doc::text(format!("{}: {}", d.var, d.class)));
                call_args.push(d.var.clone());
            }
            Requirement::Stack(s) => {
                em.imports
                    .borrow_mut()
                    .from("stacks", &layout.stack_classes[s]);
                params.push(Doc::text(format!(
                    "{}: {}",
                    layout.stack_vars[s], layout.stack_classes[s]
                )));
                call_args.push(layout.stack_vars[s].clone());
            }
            Requirement::Own(_) => {}
        }
    }
    let signature = block(
        &Doc::group(
            format!("def {}(", module.function),
            params,
            format!(") -> {}:", module.class),
            false,
        ),
        0,
    );

    let ret = block(
        &Doc::assign(
            "return ",
            Doc::call(
                module.class.clone(),
                fields
                    .iter()
                    .map(|f| Doc::text(format!("{0}={0}", f.name)))
                    .collect(),
            ),
        ),
        4,
    );

    let part = module.part.map(|p| &ir.parts[p]);
    let module_doc = match part {
        Some(p) if !p.docs.is_empty() => p.docs.clone(),
        Some(p) => vec![format!(
            "The `{}` part of the `{}` module.",
            p.name, ir.name
        )],
        None if ir.docs.is_empty() => vec![format!("The `{}` module.", ir.name)],
        None => ir.docs.clone(),
    };
    let what = match part {
        Some(p) => format!("`{}` (of the `{}` module)", p.file, ir.name),
        None => format!("the `{}` module", ir.name),
    };
    let text = ModulePy {
        header: HEADER,
        docstring: docstring(&module_doc, 0).trim_end().to_string(),
        imports: em.imports.borrow().render().trim_end().to_string(),
        components,
        has_items: !module.items.is_empty(),
        class: module.class.clone(),
        class_doc: docstring(&[format!("What `{}` creates.", module.function)], 4)
            .trim_end()
            .to_string(),
        fields,
        signature,
        function_doc: docstring(
            &[format!(
                "Creates the resources of {what}, dependencies first."
            )],
            4,
        )
        .trim_end()
        .to_string(),
        body: body.trim_end().to_string(),
        ret,
    }
    .render()
    .map_err(|e| e.to_string())?;
    Ok((module.path.clone(), text, call_args))
}
