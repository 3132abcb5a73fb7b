//! The statement that creates one resource: `x, err := pkg.NewX(ctx, name, &pkg.XArgs{...},
//! opts...)` followed by the error check, with the DSL docs above it.

use super::imports::Group;
use super::names::sdk_field;
use super::syntax::{Elem, Expr, comment_lines, tabs};
use super::types::{pulumi, resource_name};
use super::values::{Slot, ValueWriter};
use crate::ir::{Options, Resource, ResourceRef, ValueKind};

/// How the error check reports a failure: `fmt.Errorf(<format>, <args>..., err)`.
pub struct ErrorContext {
    pub format: String,
    pub args: Vec<String>,
    /// The function returns a value besides the error (`return nil, err`), not only the
    /// error (a module part's `new<Part>`).
    pub with_value: bool,
}

/// The options of a resource or instance, rendered as `pulumi.<Option>(...)` calls.
pub fn options(
    r: &mut ValueWriter,
    o: &Options,
    parent: Option<String>,
) -> Result<Vec<Expr>, String> {
    let p = pulumi(r.imports);
    let mut out = Vec::new();
    let explicit_parent = match &o.parent {
        Some(pr) => Some(r.resource(pr)?.0),
        None => None,
    };
    if let Some(parent) = explicit_parent.or(parent) {
        out.push(Expr::call(format!("{p}.Parent"), vec![Expr::raw(parent)]));
    }
    if let Some(provider) = &o.provider {
        let provider = r.resource(provider)?.0;
        out.push(Expr::call(
            format!("{p}.Provider"),
            vec![Expr::raw(provider)],
        ));
    }
    if let Some(protect) = &o.protect {
        let v = r.value(protect, Slot::Plain(super::types::Scalar::Bool))?;
        out.push(Expr::call(format!("{p}.Protect"), vec![v.expr]));
    }
    if !o.depends_on.is_empty() {
        let (looped, single): (Vec<&ResourceRef>, Vec<&ResourceRef>) = o
            .depends_on
            .iter()
            .partition(|d| matches!(d, ResourceRef::Resource(i) if r.project().is_looped(*i)));
        let deps = single
            .iter()
            .map(|d| Ok(Elem::Value(Expr::raw(r.resource(d)?.0))))
            .collect::<Result<Vec<_>, String>>()?;
        let mut list = Expr::composite(format!("[]{p}.Resource"), deps, false);
        for d in looped {
            // Every item of a looped resource, by key.
            let whole = r.resource(d)?.0;
            r.needs.values = true;
            let utils = r.utils();
            list = Expr::call(
                "append",
                vec![list, Expr::raw(format!("{utils}.Values({whole})..."))],
            );
        }
        out.push(Expr::call(format!("{p}.DependsOn"), vec![list]));
    }
    if !o.ignore_changes.is_empty() {
        let names = o
            .ignore_changes
            .iter()
            .map(|n| Elem::Value(Expr::raw(super::names::quote(n))))
            .collect();
        let list = Expr::composite("[]string", names, false);
        out.push(Expr::call(format!("{p}.IgnoreChanges"), vec![list]));
    }
    if o.delete_before_replace {
        out.push(Expr::call(
            format!("{p}.DeleteBeforeReplace"),
            vec![Expr::raw("true")],
        ));
    }
    lifecycle_options(r, o, &p, &mut out)?;
    Ok(out)
}

/// The `&pkg.XArgs{...}` literal of a resource's inputs.
pub fn args(r: &mut ValueWriter, res: &Resource) -> Result<Expr, String> {
    let facts = r
        .project()
        .schema
        .kind(&res.kind.token)
        .ok_or_else(|| format!("the schema facts have no resource `{}`", res.kind.token))?;
    let ty = resource_name(&res.kind.token, r.imports)?;
    let mut elems = Vec::new();
    for (name, value) in &res.inputs {
        if matches!(value.kind, ValueKind::Null) {
            continue;
        }
        let prop = facts.inputs.get(name).ok_or_else(|| {
            format!(
                "resource `{}` ({}) has no input `{name}`",
                res.name, res.kind.token
            )
        })?;
        let e = r.input(value, &prop.ty, prop.required)?;
        elems.push(Elem::Pair(sdk_field(name), e));
    }
    Ok(Expr::AddressOf(Box::new(Expr::composite(
        format!("{ty}Args"),
        elems,
        true,
    ))))
}

/// The creation statement and its error check, at one level of indentation inside a
/// function returning `(..., error)`.
pub fn create(
    r: &mut ValueWriter,
    res: &Resource,
    var: &str,
    name: Expr,
    opts: Vec<Expr>,
    err: &ErrorContext,
) -> Result<String, String> {
    let ty = resource_name(&res.kind.token, r.imports)?;
    let (pkg, class) = ty.split_once('.').unwrap_or(("", &ty));
    let mut call_args = vec![Expr::raw("ctx"), name, args(r, res)?];
    call_args.extend(opts);
    let call = Expr::call(format!("{pkg}.New{class}"), call_args);
    let mut out = comment_lines(&res.docs, 1);
    if let Some(cond) = &res.condition {
        // Created only where the condition holds; the variable stays nil elsewhere.
        let cond = r.condition(cond)?;
        out.push_str(&format!(
            "\tvar {var} *{ty}\n\tif {cond} {{\n\t\tvar err error\n"
        ));
        out.push_str(&format!("\t\t{var}, err = {}\n", call.print(2)));
        out.push_str(&error_check(r, err, 2));
        out.push_str("\t}\n");
        return Ok(out);
    }
    out.push_str(&format!("\t{var}, err := {}\n", call.print(1)));
    out.push_str(&error_check(r, err, 1));
    Ok(out)
}

/// `if err != nil { return nil, fmt.Errorf(...) }`.
pub fn error_check(r: &mut ValueWriter, err: &ErrorContext, indent: usize) -> String {
    let fmt = r.imports.add("fmt", Group::Std, "fmt");
    let mut args = vec![super::names::quote(&format!("{}: %w", err.format))];
    args.extend(err.args.iter().cloned());
    args.push("err".into());
    let pad = tabs(indent);
    format!(
        "{pad}if err != nil {{\n{pad}\treturn {}{fmt}.Errorf({})\n{pad}}}\n",
        if err.with_value { "nil, " } else { "" },
        args.join(", ")
    )
}

/// Sibling and top-level references a resource's inputs and options make, for ordering.
pub fn depends(res: &Resource) -> Vec<ResourceRef> {
    super::layout::refs_of(&res.inputs, &res.options)
}

/// `retain_on_delete`, `replace_on_changes`, `custom_timeouts`, `import`, `deleted_with` and
/// `additional_secret_outputs` as `pulumi.<Option>(...)` calls.
fn lifecycle_options(
    r: &mut ValueWriter,
    o: &Options,
    p: &str,
    out: &mut Vec<Expr>,
) -> Result<(), String> {
    let strings = |names: &[String]| {
        let items = names
            .iter()
            .map(|n| Elem::Value(Expr::raw(super::names::quote(n))))
            .collect();
        Expr::composite("[]string", items, false)
    };
    if o.retain_on_delete {
        out.push(Expr::call(
            format!("{p}.RetainOnDelete"),
            vec![Expr::raw("true")],
        ));
    }
    if !o.replace_on_changes.is_empty() {
        let list = strings(&o.replace_on_changes);
        out.push(Expr::call(format!("{p}.ReplaceOnChanges"), vec![list]));
    }
    if let Some(t) = &o.custom_timeouts {
        let fields = [
            ("Create", &t.create),
            ("Update", &t.update),
            ("Delete", &t.delete),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.as_ref()?;
            Some(Elem::Pair(k.into(), Expr::raw(super::names::quote(v))))
        })
        .collect();
        let timeouts = Expr::composite(format!("&{p}.CustomTimeouts"), fields, false);
        out.push(Expr::call(format!("{p}.Timeouts"), vec![timeouts]));
    }
    if let Some(id) = &o.import {
        let id = r.value(id, Slot::Plain(super::types::Scalar::String))?;
        let id = Expr::call(format!("{p}.ID"), vec![id.expr]);
        out.push(Expr::call(format!("{p}.Import"), vec![id]));
    }
    if let Some(d) = &o.deleted_with {
        let d = r.resource(d)?.0;
        out.push(Expr::call(format!("{p}.DeletedWith"), vec![Expr::raw(d)]));
    }
    if !o.additional_secret_outputs.is_empty() {
        let list = strings(&o.additional_secret_outputs);
        out.push(Expr::call(
            format!("{p}.AdditionalSecretOutputs"),
            vec![list],
        ));
    }
    if !o.aliases.is_empty() && o.instance_aliases.is_empty() {
        let mut items = Vec::new();
        for a in &o.aliases {
            items.push(Elem::Value(alias(r, a, p)?));
        }
        let list = Expr::composite(format!("[]{p}.Alias"), items, false);
        out.push(Expr::call(format!("{p}.Aliases"), vec![list]));
    }
    if !o.instance_aliases.is_empty() {
        // In a component: `map[string][]pulumi.Alias{"site": {...}}[name]`, each instance's
        // list holding the aliases of every instance and its own.
        let mut common = Vec::new();
        for a in &o.aliases {
            common.push(Elem::Value(alias(r, a, p)?));
        }
        let mut by_instance = Vec::new();
        for (instance, extra) in &o.instance_aliases {
            let mut list = common.clone();
            list.push(Elem::Value(alias(r, extra, p)?));
            let key = super::names::quote(instance);
            by_instance.push(Elem::Pair(key, Expr::composite("", list, false)));
        }
        let map = Expr::composite(format!("map[string][]{p}.Alias"), by_instance, false);
        let lookup = Expr::raw(format!("{}[name]", map.print(0)));
        out.push(Expr::call(format!("{p}.Aliases"), vec![lookup]));
    }
    Ok(())
}

/// `{Name: pulumi.String("old"), Parent: x}`: one element of `pulumi.Aliases(...)`.
fn alias(r: &mut ValueWriter, a: &crate::ir::Alias, p: &str) -> Result<Expr, String> {
    let mut fields = Vec::new();
    if let Some(n) = &a.name {
        let name = r.input(n, &crate::ir::Type::String, true)?;
        fields.push(Elem::Pair("Name".into(), name));
    }
    if let Some(t) = &a.type_token {
        let ty = Expr::call(
            format!("{p}.String"),
            vec![Expr::raw(super::names::quote(t))],
        );
        fields.push(Elem::Pair("Type".into(), ty));
    }
    match &a.parent {
        Some(crate::ir::AliasParent::Resource(res)) => {
            let parent = r.resource(res)?.0;
            fields.push(Elem::Pair("Parent".into(), Expr::raw(parent)));
        }
        Some(crate::ir::AliasParent::Root) => {
            let none = Expr::call(format!("{p}.Bool"), vec![Expr::raw("true")]);
            fields.push(Elem::Pair("NoParent".into(), none));
        }
        Some(crate::ir::AliasParent::Component { name, type_token }) => {
            let string = |s: &str| {
                Expr::call(
                    format!("{p}.String"),
                    vec![Expr::raw(super::names::quote(s))],
                )
            };
            let from_context =
                |f: &str| Expr::call(format!("{p}.String"), vec![Expr::raw(format!("ctx.{f}()"))]);
            let urn = Expr::call(
                format!("{p}.CreateURN"),
                vec![
                    string(name),
                    string(type_token),
                    Expr::raw("nil"),
                    from_context("Project"),
                    from_context("Stack"),
                ],
            );
            fields.push(Elem::Pair("ParentURN".into(), urn));
        }
        None => {}
    }
    Ok(Expr::composite("", fields, false))
}
