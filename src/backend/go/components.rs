//! A DSL component as a `pulumi.ComponentResource` type in `<module>/component/`: the struct
//! (embedded `pulumi.ResourceState`, its outputs and its children), the `Args` struct of its
//! parameters, and `NewX`, which registers the component and creates the children parented
//! to it as `<instance>-<resource>`.

use std::collections::BTreeMap;

use askama::Template;

use super::templates::ComponentFile;

use super::docs;
use super::imports::{Group, Imports};
use super::layout::{CONFIG, Layout, STACKS, reserved_names};
use super::names::{Scope, exported, local_candidates, quote};
use super::resources::{ErrorContext, create, options};
use super::syntax::{Elem, Expr, Field, comment_lines, print_fields};
use super::types::{GoTy, input_name, pulumi, resource_pointer};
use super::values::{Facts, Needs, Refs, Slot, ValueWriter, type_name};
use crate::ir::{Project, ResourceRef};

/// The Go types of a component's outputs (name -> (field, type)), for code that reads them.
pub fn output_types(
    project: &Project,
    layout: &Layout,
    ci: usize,
) -> Result<BTreeMap<String, (String, GoTy)>, String> {
    let rendered = render(project, layout, ci, &mut Needs::default(), None)?;
    Ok(rendered.outputs)
}

pub fn file(
    project: &Project,
    layout: &Layout,
    facts: &Facts,
    ci: usize,
    needs: &mut Needs,
) -> Result<String, String> {
    Ok(render(project, layout, ci, needs, Some(facts))?.text)
}

struct Rendered {
    text: String,
    outputs: BTreeMap<String, (String, GoTy)>,
}

/// Template siblings in dependency order, ties in declaration order.
fn ordered(c: &crate::ir::Component) -> Vec<usize> {
    let deps: Vec<Vec<usize>> = c
        .resources
        .iter()
        .map(|r| {
            super::resources::depends(r)
                .iter()
                .filter_map(|d| match d {
                    ResourceRef::Sibling(n) => c.resources.iter().position(|s| s.name == *n),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let mut done: Vec<usize> = Vec::new();
    while done.len() < c.resources.len() {
        match (0..c.resources.len())
            .find(|k| !done.contains(k) && deps[*k].iter().all(|d| done.contains(d)))
        {
            Some(k) => done.push(k),
            None => {
                for k in 0..c.resources.len() {
                    if !done.contains(&k) {
                        done.push(k);
                    }
                }
            }
        }
    }
    done
}

fn render(
    project: &Project,
    layout: &Layout,
    ci: usize,
    needs: &mut Needs,
    facts: Option<&Facts>,
) -> Result<Rendered, String> {
    let c = &project.components[ci];
    let cl = &layout.components[&ci];
    let params = &layout.component_params[&ci];
    // Component outputs are not known while rendering the component itself; other
    // components' outputs are not read by templates.
    let empty_outputs = BTreeMap::new();
    let config_fields = layout.config_fields.clone();
    let stack_fields: BTreeMap<String, BTreeMap<String, String>> = layout
        .stacks
        .iter()
        .map(|s| (s.name.clone(), s.fields.clone()))
        .collect();
    let own_facts = Facts {
        project,
        config_fields: &config_fields,
        stack_fields: &stack_fields,
        component_outputs: &empty_outputs,
        utils_path: layout.local(super::layout::UTILS),
    };
    let facts = facts.unwrap_or(&own_facts);

    let mut imports = Imports::for_project(project);
    imports.add("fmt", Group::Std, "fmt");
    for d in &cl.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        imports.add(&layout.local(&dep.dir), Group::Local, &dep.package);
    }
    if !cl.stacks.is_empty() {
        imports.add(&layout.local(STACKS), Group::Local, STACKS);
    }
    let imported: Vec<&str> = cl
        .deps
        .iter()
        .filter_map(|d| layout.module(*d).map(|m| m.package.as_str()))
        .collect();
    let mut scope = reserved_names(project, &imported);
    let mut refs = Refs {
        cfg: "cfg".into(),
        ..Refs::default()
    };
    for p in params {
        refs.params
            .insert(p.name.clone(), (format!("args.{}", p.field), p.ty.clone()));
    }
    for d in &cl.deps {
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
    for s in &cl.stacks {
        let st = layout.stack(s).expect("stack is laid out");
        scope.reserve(&st.var);
        refs.stacks.insert(s.clone(), st.var.clone());
    }
    let mut own = Vec::new();
    for &ri in &cl.own_resources {
        let res = &project.resources[ri];
        let v = scope.claim_first(&local_candidates(&res.name, &res.kind.class));
        refs.resources.insert(ri, v.clone());
        own.push((ri, v));
    }
    let var = scope.claim_first(&local_candidates(&c.name, "component"));
    let order = ordered(c);
    for &k in &order {
        let res = &c.resources[k];
        let v = scope.claim_first(&local_candidates(&res.name, &res.kind.class));
        refs.siblings
            .insert(res.name.clone(), (v, res.kind.token.clone()));
    }

    let mut r = ValueWriter::new(facts, &refs, &mut imports, needs);
    let mut body = String::new();
    for &k in &order {
        let res = &c.resources[k];
        let v = refs.siblings[&res.name].0.clone();
        let opts = options(&mut r, &res.options, Some(var.clone()))?;
        let suffix = format!("-{}", res.logical_name);
        let err = ErrorContext {
            format: format!("create %s{suffix}"),
            args: vec!["name".into()],
            with_value: true,
        };
        let name = Expr::Binary(
            Box::new(Expr::raw("name")),
            "+",
            Box::new(Expr::raw(quote(&suffix))),
        );
        body.push_str(&create(&mut r, res, &v, name, opts, &err)?);
    }

    // Fields: outputs first (the component's interface), then the children.
    let mut field_scope = Scope::with(&[
        "ResourceState",
        "URN",
        "PulumiResourceName",
        "PulumiResourceType",
        "GetProvider",
    ]);
    let mut fields = Vec::new();
    let mut assign = String::new();
    let mut outputs = BTreeMap::new();
    let mut registered = Vec::new();
    for (name, value) in &c.outputs {
        let t = r.value(value, Slot::Fmt)?;
        let (expr, ty) = as_output(&mut r, t)?;
        let field = field_scope.claim(&exported(name));
        fields.push(Field {
            // The IR carries no docs for component outputs.
            docs: Vec::new(),
            name: field.clone(),
            ty: type_name(&ty),
        });
        assign.push_str(&format!("\t{var}.{field} = {}\n", expr.print(1)));
        registered.push(Elem::Pair(quote(name), Expr::raw(format!("{var}.{field}"))));
        outputs.insert(name.clone(), (field, ty));
    }
    for &k in &order {
        let res = &c.resources[k];
        let field = field_scope.claim(&exported(&res.name));
        fields.push(Field {
            docs: res.docs.clone(),
            name: field.clone(),
            ty: resource_pointer(&res.kind.token, r.imports)?,
        });
        assign.push_str(&format!(
            "\t{var}.{field} = {}\n",
            refs.siblings[&res.name].0
        ));
    }
    let p = pulumi(r.imports);
    let outputs_map = Expr::composite(format!("{p}.Map"), registered, true);

    let mut args_fields = Vec::new();
    for prm in params {
        let ty = match &prm.ty {
            GoTy::Resource(token) => resource_pointer(token, r.imports)?,
            GoTy::Plain(s) => s.go().to_string(),
            _ => input_name(&prm.slot_ty, true, r.imports)?,
        };
        args_fields.push(Field {
            docs: vec![],
            name: prm.field.clone(),
            ty,
        });
    }

    let mut sig = vec![format!("ctx *{p}.Context"), "name string".to_string()];
    if cl.uses_config {
        let q = r.imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        sig.push(format!("cfg *{q}.Config"));
    }
    for s in &cl.stacks {
        let st = layout.stack(s).expect("stack is laid out");
        sig.push(format!("{} *{STACKS}.{}", st.var, st.type_name));
    }
    for d in &cl.deps {
        let dep = layout.module(*d).expect("dependency has a package");
        sig.push(format!("{} *{}.Resources", dep.var, dep.package));
    }
    for (ri, v) in &own {
        let ty = resource_pointer(&project.resources[*ri].kind.token, r.imports)?;
        sig.push(format!("{v} {ty}"));
    }
    sig.push(format!("args *{}Args", cl.type_name));
    sig.push(format!("opts ...{p}.ResourceOption"));

    let mut doc_lines = vec![format!(
        "{} is the `{}` component of the `{}` module.",
        cl.type_name, c.name, c.module
    )];
    if !c.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(docs::top_level(&c.docs));
    }
    let mut struct_fields = print_fields(
        &[Field {
            docs: vec![],
            name: String::new(),
            ty: format!("{p}.ResourceState"),
        }],
        1,
    );
    if !fields.is_empty() {
        struct_fields.push('\n');
        struct_fields.push_str(&print_fields(&fields, 1));
    }
    let text = ComponentFile {
        header: super::templates::header(),
        docs: comment_lines(&doc_lines, 0),
        imports: imports.block(),
        type_name: cl.type_name.clone(),
        fields: struct_fields,
        args_fields: print_fields(&args_fields, 1),
        new_docs: format!(
            "// New{0} registers a {0} named name and creates its resources as its children,\n// each named `<name>-<resource>`.\n",
            cl.type_name
        ),
        params: sig.join(", "),
        var,
        token: quote(&c.type_token),
        body,
        assign,
        outputs: outputs_map.print(1),
    }
    .render()
    .map_err(|e| e.to_string())?;
    Ok(Rendered { text, outputs })
}

/// Component outputs are declared with output types: plain values become outputs, pointer
/// outputs are dereferenced (`Slot::Fmt` already did that).
fn as_output(r: &mut ValueWriter, t: super::values::Typed) -> Result<(Expr, GoTy), String> {
    let p = pulumi(r.imports);
    match &t.ty {
        GoTy::Output { .. } => Ok((t.expr, t.ty)),
        GoTy::Plain(s)
        | GoTy::InputIface {
            scalar: Some(s), ..
        } => {
            let expr = match t.ty {
                GoTy::Plain(_) => Expr::call(format!("{p}.{}", s.sdk()), vec![t.expr]),
                _ => t.expr,
            };
            let ty = GoTy::Output {
                name: format!("{p}.{}Output", s.sdk()),
                scalar: Some(*s),
                ptr: false,
            };
            Ok((expr.method(format!("To{}Output", s.sdk()), vec![]), ty))
        }
        other => Err(format!("a component output cannot be a {other:?}")),
    }
}
