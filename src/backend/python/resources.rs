//! Resource constructor calls and their `pulumi.ResourceOptions`.

use super::doc::{Doc, comment, string};
use super::names;
use super::values::ValueWriter;
use crate::ir::{Options, Project, Resource, ResourceRef, ValueKind};

/// `target = pkg.Class("logical", input=..., opts=...)`, with the resource's docs as a comment.
/// `parent` is the parent expression for a component's child (`self`).
pub fn statement(
    em: &ValueWriter,
    r: &Resource,
    target: &str,
    logical: Doc,
    parent: Option<String>,
    indent: usize,
) -> String {
    em.import_provider(&r.kind.token);
    let mut args = vec![logical];
    for (key, value) in &r.inputs {
        if matches!(value.kind, ValueKind::Null) {
            continue;
        }
        args.push(Doc::kwarg(&names::property(key), em.value(value)));
    }
    let parent = match &r.options.parent {
        Some(p) => Some(em.resource(p)),
        None => parent,
    };
    if let Some(opts) = options(em, &r.options, parent) {
        args.push(Doc::kwarg("opts", opts));
    }
    let call = Doc::call(names::sdk_name(&r.kind.token, ""), args);
    let mut out = docs_comment(em.project, r, indent);
    out.push_str(&Doc::assign(format!("{target} = "), call).render(indent));
    out
}

/// A resource that exists only where its `when` holds: `x: T | None = None`, then
/// `if cond:` creating it, after asserting that the conditional resources it reads exist
/// (the checker guarantees it; the asserts narrow their types).
pub fn conditional_statement(em: &ValueWriter, r: &Resource, target: &str, logical: Doc) -> String {
    let cond = r
        .condition
        .as_ref()
        .map(|c| em.condition(c))
        .unwrap_or_default();
    let ty = names::sdk_name(&r.kind.token, "");
    let mut reads: Vec<usize> = Vec::new();
    for (_, v) in &r.inputs {
        reads.extend(em.project.conditional_reads(v));
    }
    for d in r.options.depends_on.iter().chain(&r.options.parent) {
        if let ResourceRef::Resource(i) = d
            && em.project.is_conditional(*i)
        {
            reads.push(*i);
        }
    }
    reads.sort();
    reads.dedup();
    let mut out = format!("    {target}: {ty} | None = None\n    if {cond}:\n");
    for i in reads {
        let name = em.resource(&ResourceRef::Resource(i));
        out.push_str(&format!("        assert {name} is not None\n"));
    }
    let mut instances: Vec<usize> = r
        .inputs
        .iter()
        .flat_map(|(_, v)| em.project.conditional_instance_reads(v))
        .collect();
    instances.sort();
    instances.dedup();
    for k in instances {
        out.push_str(&format!("        assert {} is not None\n", em.instance(k)));
    }
    out.push_str(&statement(em, r, target, logical, None, 8));
    out
}

/// The docs of a resource as a comment at `indent`.
pub fn docs_comment(project: &Project, r: &Resource, indent: usize) -> String {
    comment(&docs_of(project, r), indent)
}

/// The docs of a resource, or for one a binding created, where it came from.
pub fn docs_of(project: &Project, r: &Resource) -> Vec<String> {
    if !r.docs.is_empty() {
        return r.docs.clone();
    }
    match &r.origin {
        Some(o) => vec![format!(
            "Created by the `{}` binding of `{}`.",
            o.binding, project.resources[o.source].name
        )],
        None => Vec::new(),
    }
}

/// `pulumi.ResourceOptions(...)`, or nothing when every option has its default. A resource
/// with a parent always states `protect`: children would otherwise inherit their parent's.
pub fn options(em: &ValueWriter, o: &Options, parent: Option<String>) -> Option<Doc> {
    let mut args = Vec::new();
    let has_parent = parent.is_some();
    if let Some(p) = parent {
        args.push(Doc::kwarg("parent", Doc::text(p)));
    }
    if let Some(p) = &o.provider {
        args.push(Doc::kwarg("provider", Doc::text(em.resource(p))));
    }
    match &o.protect {
        Some(p) => args.push(Doc::kwarg("protect", em.value(p))),
        None if has_parent => args.push(Doc::kwarg("protect", Doc::text("False"))),
        None => {}
    }
    if !o.depends_on.is_empty() {
        let deps = o
            .depends_on
            .iter()
            .map(|d: &ResourceRef| match d {
                ResourceRef::Resource(i) if em.project.is_looped(*i) => {
                    Doc::text(format!("*{}.values()", em.resource(d)))
                }
                _ => Doc::text(em.resource(d)),
            })
            .collect();
        args.push(Doc::kwarg("depends_on", Doc::list(deps)));
    }
    // The SDK translates top-level Python names; nested paths stay as in the schema.
    let names = |props: &[String]| {
        let items = props
            .iter()
            .map(|p| {
                let name = if p.contains(['.', '[']) {
                    p.clone()
                } else {
                    names::property(p)
                };
                Doc::text(string(&name))
            })
            .collect();
        Doc::list(items)
    };
    if !o.ignore_changes.is_empty() {
        args.push(Doc::kwarg("ignore_changes", names(&o.ignore_changes)));
    }
    if o.delete_before_replace {
        args.push(Doc::kwarg("delete_before_replace", Doc::text("True")));
    }
    if o.retain_on_delete {
        args.push(Doc::kwarg("retain_on_delete", Doc::text("True")));
    }
    if !o.replace_on_changes.is_empty() {
        args.push(Doc::kwarg(
            "replace_on_changes",
            names(&o.replace_on_changes),
        ));
    }
    if let Some(t) = &o.custom_timeouts {
        let fields = [
            ("create", &t.create),
            ("update", &t.update),
            ("delete", &t.delete),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some(Doc::kwarg(k, Doc::text(string(v.as_ref()?)))))
        .collect();
        args.push(Doc::kwarg(
            "custom_timeouts",
            Doc::call("pulumi.CustomTimeouts", fields),
        ));
    }
    if let Some(id) = &o.import {
        args.push(Doc::kwarg("import_", em.value(id)));
    }
    if let Some(d) = &o.deleted_with {
        args.push(Doc::kwarg("deleted_with", Doc::text(em.resource(d))));
    }
    if !o.additional_secret_outputs.is_empty() {
        args.push(Doc::kwarg(
            "additional_secret_outputs",
            names(&o.additional_secret_outputs),
        ));
    }
    if !o.aliases.is_empty() && o.instance_aliases.is_empty() {
        let aliases = o.aliases.iter().map(|a| alias(em, a)).collect();
        args.push(Doc::kwarg("aliases", Doc::list(aliases)));
    }
    if !o.instance_aliases.is_empty() {
        // In a component: `{"site": [...]}.get(name, [...])`, the instance's own aliases added.
        let common: Vec<Doc> = o.aliases.iter().map(|a| alias(em, a)).collect();
        let mut by_instance: Vec<(String, Doc)> = Vec::new();
        for (instance, extra) in &o.instance_aliases {
            let mut list = common.clone();
            list.push(alias(em, extra));
            by_instance.push((instance.clone(), Doc::list(list)));
        }
        let lookup = Doc::seq(vec![
            Doc::dict(by_instance),
            Doc::call(".get", vec![Doc::text("name"), Doc::list(common)]),
        ]);
        args.push(Doc::kwarg("aliases", lookup));
    }
    if args.is_empty() {
        return None;
    }
    em.use_pulumi();
    Some(Doc::call("pulumi.ResourceOptions", args))
}

/// The resource's logical name: a string literal, or the expression that computes it.
pub fn logical_name(em: &ValueWriter, r: &Resource) -> Doc {
    match &r.computed_name {
        Some(v) => em.value(v),
        None => Doc::text(string(&r.logical_name)),
    }
}

/// `pulumi.Alias(name="old", parent=x)`: `parent=None` when it had no parent.
fn alias(em: &ValueWriter, a: &crate::ir::Alias) -> Doc {
    let mut fields = Vec::new();
    if let Some(n) = &a.name {
        fields.push(Doc::kwarg("name", em.value(n)));
    }
    if let Some(t) = &a.type_token {
        fields.push(Doc::kwarg("type_", Doc::text(string(t))));
    }
    match &a.parent {
        Some(crate::ir::AliasParent::Resource(r)) => {
            fields.push(Doc::kwarg("parent", Doc::text(em.resource(r))))
        }
        Some(crate::ir::AliasParent::Root) => fields.push(Doc::kwarg("parent", Doc::text("None"))),
        Some(crate::ir::AliasParent::Component { name, type_token }) => {
            let urn = Doc::call(
                "pulumi.create_urn",
                vec![Doc::text(string(name)), Doc::text(string(type_token))],
            );
            fields.push(Doc::kwarg("parent", urn))
        }
        None => {}
    }
    Doc::call("pulumi.Alias", fields)
}
