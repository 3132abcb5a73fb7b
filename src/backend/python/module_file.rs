//! The file of one module (or one part of a module that is a folder of files): a function
//! creating its resources and component instances in dependency order and returning them as a
//! dataclass, and its components as `pulumi.ComponentResource` subclasses; the `__init__.py`
//! of `modules/` and of each package of parts.

use askama::Template;

use super::components::{self, Requirement};
use super::doc::{Doc, Field, docstring, string};
use super::layout::{CONFIG_VAR, Item, Layout, PyModule};
use super::names;
use super::templates::{ModulePy, ModulesInitPy, PackageInitPy};
use super::values::{Place, ValueWriter};
use super::{block, header, resources};
use crate::ir::Project;

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
    ModulesInitPy {
        header: header(),
        docstring: docstring(&doc, 0),
    }
    .render()
    .map_err(|e| e.to_string())
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
        header: header(),
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
pub fn item_type(em: &ValueWriter, item: Item) -> String {
    match item {
        Item::Resource(r) => {
            let token = &em.project.resources[r].kind.token;
            em.import_provider(token);
            names::sdk_name(token, "")
        }
        Item::Instance(k) => {
            let c = em.project.instances[k].component;
            components::import_class(em, c);
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
    let em = ValueWriter::new(project, layout, Place::Module(m));
    if !module.items.is_empty() {
        em.imports.borrow_mut().from("dataclasses", "dataclass");
    }
    let components: Vec<String> = module
        .components
        .iter()
        .map(|c| components::render(project, layout, *c))
        .collect::<Result<_, _>>()?;
    for c in &module.components {
        components::imports_into(project, layout, *c, &em);
    }
    let (body, fields) = statements(&em, module);
    let (signature, call_args) = signature(&em, module);
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
    let (module_doc, what) = describe(project, module);
    let text = ModulePy {
        header: header(),
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

/// The function body's statements, and the dataclass fields holding what they create.
fn statements(em: &ValueWriter, module: &PyModule) -> (String, Vec<Field>) {
    let project = em.project;
    let mut body = String::new();
    let mut fields = Vec::new();
    for item in &module.items {
        let var = item_var(em.layout, *item);
        let docs = match item {
            Item::Resource(r) if project.is_looped(*r) => {
                let res = &project.resources[*r];
                body.push_str(&super::loops::statement(em, res, &var));
                resources::docs_of(project, res)
            }
            Item::Resource(r) if project.is_conditional(*r) => {
                let res = &project.resources[*r];
                let logical = resources::logical_name(em, res);
                body.push_str(&resources::conditional_statement(em, res, &var, logical));
                resources::docs_of(project, res)
            }
            Item::Resource(r) => {
                let res = &project.resources[*r];
                let logical = resources::logical_name(em, res);
                body.push_str(&resources::statement(em, res, &var, logical, None, 4));
                resources::docs_of(project, res)
            }
            Item::Instance(k) if project.instances[*k].condition.is_some() => {
                let cond = project.instances[*k]
                    .condition
                    .as_ref()
                    .map(|c| em.condition(c))
                    .unwrap_or_default();
                let ty = item_type(em, *item);
                body.push_str(&format!("    {var}: {ty} | None = None\n    if {cond}:\n"));
                body.push_str(&components::instance_statement(em, *k, &var, 8));
                project.instances[*k].docs.clone()
            }
            Item::Instance(k) => {
                body.push_str(&components::instance_statement(em, *k, &var, 4));
                project.instances[*k].docs.clone()
            }
        };
        let ty = match item {
            Item::Resource(r) if project.is_looped(*r) => {
                format!("dict[str, {}]", item_type(em, *item))
            }
            Item::Resource(r) if project.is_conditional(*r) => {
                format!("{} | None", item_type(em, *item))
            }
            Item::Instance(k) if project.instances[*k].condition.is_some() => {
                format!("{} | None", item_type(em, *item))
            }
            _ => item_type(em, *item),
        };
        fields.push(Field {
            name: var.clone(),
            ty,
            doc: docstring(&docs, 4).trim_end().to_string(),
        });
    }
    (body, fields)
}

/// The function's signature and the arguments `__main__.py` passes: the config, then the
/// units and stack references it reads, in creation order.
fn signature(em: &ValueWriter, module: &PyModule) -> (String, Vec<String>) {
    let layout = em.layout;
    let mut params: Vec<Doc> = Vec::new();
    let mut call_args = Vec::new();
    if *em.uses_config.borrow() {
        em.imports.borrow_mut().from("config", "StackConfig");
        params.push(Doc::text(format!("{CONFIG_VAR}: StackConfig")));
        call_args.push(CONFIG_VAR.to_string());
    }
    for req in components::requirements(&module.needs) {
        let (var, class) = match req {
            Requirement::Module(dm) => {
                let d = &layout.modules[dm];
                em.import_unit(dm, &d.class);
                (d.var.clone(), d.class.clone())
            }
            Requirement::Stack(s) => {
                let class = &layout.stack_classes[s];
                em.imports.borrow_mut().from("stacks", class);
                (layout.stack_vars[s].clone(), class.clone())
            }
            Requirement::Own(_) => continue,
        };
        params.push(Doc::text(format!("{var}: {class}")));
        call_args.push(var);
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
    (signature, call_args)
}

/// The file's docstring, and how the function's docstring names what it creates.
fn describe(project: &Project, module: &PyModule) -> (Vec<String>, String) {
    let ir = &project.modules[module.ir];
    let part = module.part.map(|p| &ir.parts[p]);
    let doc = match part {
        Some(p) if !p.docs.is_empty() => p.docs.clone(),
        Some(p) => vec![format!(
            "The `{}` part of the `{}` module.",
            p.name, ir.name
        )],
        None if ir.docs.is_empty() && ir.name == Project::MAIN_MODULE => vec![format!(
            "The `{}` module: what the project file (`{}`) declares itself.",
            ir.name, ir.file
        )],
        None if ir.docs.is_empty() => vec![format!("The `{}` module.", ir.name)],
        None => ir.docs.clone(),
    };
    let what = match part {
        Some(p) => format!("`{}` (of the `{}` module)", p.file, ir.name),
        None => format!("the `{}` module", ir.name),
    };
    (doc, what)
}
