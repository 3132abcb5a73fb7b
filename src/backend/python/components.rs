//! Components: a `pulumi.ComponentResource` subclass with a frozen `Args` dataclass, its
//! children parented to it (`<instance>-<child>`), and its outputs registered; and the
//! statement that instantiates one.

use askama::Template;

use super::doc::{Doc, Field, docstring, fstring, string};
use super::layout::{CONFIG_VAR, Item, Layout, Needs};
use super::module_file::{item_type, item_var};
use super::names;
use super::templates::ComponentPy;
use super::values::{Place, ValueWriter, input_type, py_type};
use super::{block, resources};
use crate::ir::{Project, Type, ValueKind};

/// Something a module function or component constructor takes as a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Module(usize),
    Stack(usize),
    Own(Item),
}

/// The parameters `needs` asks for, in a stable order: modules in creation order, stack
/// references, then items of the component's own module.
pub fn requirements(needs: &Needs) -> Vec<Requirement> {
    let mut out: Vec<Requirement> = needs
        .modules
        .iter()
        .map(|m| Requirement::Module(*m))
        .collect();
    out.extend(needs.stacks.iter().map(|s| Requirement::Stack(*s)));
    out.extend(needs.own.iter().map(|i| Requirement::Own(*i)));
    out
}

/// Imports the component's classes where they are used, unless they are defined right there.
pub fn import_class(em: &ValueWriter, c: usize) {
    let home = em.layout.components[c].module;
    if em.unit() != Some(home) {
        let comp = &em.layout.components[c];
        em.import_unit(home, &comp.class);
        em.import_unit(home, &comp.args_class);
    }
}

/// What rendering a component class needs imported into its module file.
pub fn imports_into(project: &Project, layout: &Layout, c: usize, into: &ValueWriter) {
    let em = ValueWriter::new(project, layout, Place::Component(c));
    let _ = render_with(&em, c);
    into.imports.borrow_mut().merge(&em.imports.borrow());
}

pub fn render(project: &Project, layout: &Layout, c: usize) -> Result<String, String> {
    let em = ValueWriter::new(project, layout, Place::Component(c));
    render_with(&em, c)
}

fn render_with(em: &ValueWriter, c: usize) -> Result<String, String> {
    let project = em.project;
    let comp = &project.components[c];
    let pc = &em.layout.components[c];
    em.use_pulumi();
    em.imports.borrow_mut().from("dataclasses", "dataclass");
    let params = params(em, c);
    let (mut attrs, body) = children(em, c);
    let (outputs, body, register) = outputs(em, c, body);
    attrs.extend(outputs);
    let signature = constructor(em, c);
    let super_call = block(
        &Doc::call(
            "super().__init__",
            vec![
                Doc::text(string(&comp.type_token)),
                Doc::text("name"),
                Doc::text("None"),
                Doc::text("opts"),
            ],
        ),
        8,
    );
    let class_doc = if comp.docs.is_empty() {
        vec![format!("The `{}` component.", comp.name)]
    } else {
        comp.docs.clone()
    };
    ComponentPy {
        args_class: pc.args_class.clone(),
        class: pc.class.clone(),
        class_doc: docstring(&class_doc, 4).trim_end().to_string(),
        params,
        attrs,
        signature,
        super_call,
        body: body.trim_end().to_string(),
        register,
    }
    .render()
    .map_err(|e| e.to_string())
}

/// The `Args` dataclass fields: the resolved type, `Input[...]` where some instance passes a
/// deployment output.
fn params(em: &ValueWriter, c: usize) -> Vec<Field> {
    let comp = &em.project.components[c];
    let pc = &em.layout.components[c];
    let mut params = Vec::new();
    for p in &comp.params {
        let declared = p.resolved_ty.clone();
        let ty = if pc.plain_params.contains(&p.name) || matches!(declared, Type::Resource(_)) {
            py_type(&declared, &mut em.imports.borrow_mut())
        } else {
            input_type(&declared, &mut em.imports.borrow_mut())
        };
        let ty = match &p.default {
            Some(d) if matches!(d.kind, ValueKind::List(_) | ValueKind::Object(_)) => {
                em.imports.borrow_mut().from("dataclasses", "field");
                format!(
                    "{ty} = field(default_factory=lambda: {})",
                    em.value(d).flat()
                )
            }
            Some(d) => format!("{ty} = {}", em.value(d).flat()),
            None => ty,
        };
        params.push(Field {
            name: names::field(&p.name),
            ty,
            doc: String::new(),
        });
    }
    params
}

/// The children's statements (`self.<child> = ...`) and attributes.
fn children(em: &ValueWriter, c: usize) -> (Vec<Field>, String) {
    let project = em.project;
    let comp = &project.components[c];
    let pc = &em.layout.components[c];
    let mut attrs = Vec::new();
    let mut body = String::new();
    for (i, r) in comp.resources.iter().enumerate() {
        let attr = &pc.children[i];
        let logical = Doc::text(fstring(&[
            (true, "name".into()),
            (false, format!("-{}", r.logical_name)),
        ]));
        body.push_str(&resources::statement(
            em,
            r,
            &format!("self.{attr}"),
            logical,
            Some("self".into()),
            8,
        ));
        em.import_provider(&r.kind.token);
        attrs.push(Field {
            name: attr.clone(),
            ty: names::sdk_name(&r.kind.token, ""),
            doc: docstring(&resources::docs_of(project, r), 4)
                .trim_end()
                .to_string(),
        });
    }
    (attrs, body)
}

/// The outputs' attributes and statements (appended to `body`), and `register_outputs`.
fn outputs(em: &ValueWriter, c: usize, mut body: String) -> (Vec<Field>, String, String) {
    let comp = &em.project.components[c];
    let pc = &em.layout.components[c];
    let mut attrs = Vec::new();
    let mut registered = Vec::new();
    for (k, (name, value)) in comp.outputs.iter().enumerate() {
        let attr = &pc.outputs[k];
        let inner = py_type(&value.ty, &mut em.imports.borrow_mut());
        let expr = if em.is_output(value) {
            em.value(value)
        } else {
            Doc::call("pulumi.Output.from_input", vec![em.value(value)])
        };
        body.push_str(&Doc::assign(format!("self.{attr} = "), expr).render(8));
        attrs.push(Field {
            name: attr.clone(),
            ty: format!("pulumi.Output[{inner}]"),
            doc: String::new(),
        });
        registered.push((name.clone(), Doc::text(format!("self.{attr}"))));
    }
    let register = block(
        &Doc::call("self.register_outputs", vec![Doc::dict(registered)]),
        8,
    );
    (attrs, body, register)
}

/// `def __init__(...)`: logical name, arguments, what the template reads from outside, options.
fn constructor(em: &ValueWriter, c: usize) -> String {
    let pc = &em.layout.components[c];
    let mut sig = vec![
        Doc::text("self"),
        Doc::text("name: str"),
        Doc::text(format!("args: {}", pc.args_class)),
        Doc::text("*"),
    ];
    if *em.uses_config.borrow() {
        em.imports.borrow_mut().from("config", "StackConfig");
        sig.push(Doc::text(format!("{CONFIG_VAR}: StackConfig")));
    }
    for req in requirements(&pc.needs) {
        sig.push(Doc::text(requirement_param(em, req)));
    }
    sig.push(Doc::text("opts: pulumi.ResourceOptions | None = None"));
    block(&Doc::group("def __init__(", sig, ") -> None:", false), 4)
}

/// `name: Type` of a requirement, importing the type.
fn requirement_param(em: &ValueWriter, req: Requirement) -> String {
    let layout = em.layout;
    match req {
        Requirement::Module(m) => {
            let d = &layout.modules[m];
            em.import_unit(m, &d.class);
            format!("{}: {}", d.var, d.class)
        }
        Requirement::Stack(s) => {
            em.imports
                .borrow_mut()
                .from("stacks", &layout.stack_classes[s]);
            format!("{}: {}", layout.stack_vars[s], layout.stack_classes[s])
        }
        Requirement::Own(item) => format!("{}: {}", item_var(layout, item), item_type(em, item)),
    }
}

/// `var = Component("logical", ComponentArgs(...), cfg=cfg, ..., opts=...)`.
pub fn instance_statement(em: &ValueWriter, k: usize, var: &str, indent: usize) -> String {
    let project = em.project;
    let inst = &project.instances[k];
    let comp = &project.components[inst.component];
    let pc = &em.layout.components[inst.component];
    import_class(em, inst.component);
    let args: Vec<Doc> = inst
        .args
        .iter()
        .filter(|(n, v)| {
            let default = comp
                .params
                .iter()
                .find(|p| &p.name == n)
                .and_then(|p| p.default.as_ref());
            default != Some(v)
        })
        .map(|(n, v)| Doc::kwarg(&names::field(n), em.value(v)))
        .collect();
    let mut call = vec![
        Doc::text(string(&inst.logical_name)),
        Doc::call(pc.args_class.clone(), args),
    ];
    let cfg_used = {
        let probe = ValueWriter::new(project, em.layout, Place::Component(inst.component));
        let _ = render_with(&probe, inst.component);
        *probe.uses_config.borrow()
    };
    if cfg_used {
        call.push(Doc::text(format!("{CONFIG_VAR}={}", config_ref(em))));
    }
    for req in requirements(&pc.needs) {
        let name = match req {
            Requirement::Module(m) => em.layout.modules[m].var.clone(),
            Requirement::Stack(s) => em.layout.stack_vars[s].clone(),
            Requirement::Own(item) => item_var(em.layout, item),
        };
        let value = match req {
            Requirement::Own(Item::Resource(r)) => {
                em.resource(&crate::ir::ResourceRef::Resource(r))
            }
            Requirement::Own(Item::Instance(i)) => em.instance(i),
            _ => name.clone(),
        };
        call.push(Doc::text(format!("{name}={value}")));
    }
    if let Some(opts) = resources::options(em, &inst.options, None) {
        call.push(Doc::kwarg("opts", opts));
    }
    let mut out = super::doc::comment(&inst.docs, indent);
    out.push_str(
        &Doc::assign(format!("{var} = "), Doc::call(pc.class.clone(), call)).render(indent),
    );
    out
}

fn config_ref(em: &ValueWriter) -> &'static str {
    *em.uses_config.borrow_mut() = true;
    CONFIG_VAR
}
