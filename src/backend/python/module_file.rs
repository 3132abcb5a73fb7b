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
    let list: Vec<String> = layout
        .modules
        .iter()
        .map(|m| format!("`{}`", m.file))
        .collect();
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
                em.imports
                    .borrow_mut()
                    .from(&format!("modules.{}", d.file), &d.class);
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

    let module_doc = if ir.docs.is_empty() {
        vec![format!("The `{}` module.", ir.name)]
    } else {
        ir.docs.clone()
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
                "Creates the resources of the `{}` module, dependencies first.",
                ir.name
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
    Ok((format!("modules/{}.py", module.file), text, call_args))
}
