//! Looped resources in Go: a `map[string]*pkg.Class` filled by a loop over the map's sorted
//! keys (or the list of strings), each item named `"<name>-" + key`.

use super::imports::Group;
use super::names::{literal, quote, unexported};
use super::resources::{ErrorContext, args, error_check};
use super::syntax::{Expr, comment_lines, tabs};
use super::types::{Scalar, resource_name};
use super::values::{Typed, ValueWriter};
use crate::ir::{Resource, Value, ValueKind};

/// The statements creating looped resource `res` into the map `var` (inside `if cond` for a
/// conditional one).
pub fn create(
    r: &mut ValueWriter,
    res: &Resource,
    var: &str,
    opts: Vec<Expr>,
    err: &ErrorContext,
) -> Result<String, String> {
    let each = res
        .each
        .as_ref()
        .ok_or_else(|| format!("resource `{}` is not looped", res.name))?;
    let ty = resource_name(&res.kind.token, r.imports)?;
    let (pkg, class) = ty.split_once('.').unwrap_or(("", &ty));
    let key = variable(&each.key);
    let name = Expr::chain(
        "+",
        vec![
            Expr::raw(quote(&format!("{}-", res.logical_name))),
            Expr::raw(key.clone()),
        ],
    )
    .unwrap_or_else(|| Expr::raw(key.clone()));
    let mut call_args = vec![Expr::raw("ctx"), name, args(r, res)?];
    call_args.extend(opts);
    let call = Expr::call(format!("{pkg}.New{class}"), call_args);
    let mut collection = collection(r, &each.collection)?;

    let mut out = comment_lines(&res.docs, 1);
    out.push_str(&format!("\t{var} := map[string]*{ty}{{}}\n"));
    if each.item.is_some() && collection.contains(['(', '{']) {
        // Read twice (keys, then each item): computed once.
        let items = format!("{var}Items");
        out.push_str(&format!("\t{items} := {collection}\n"));
        collection = items;
    }
    let mut depth = 1;
    if let Some(cond) = &res.condition {
        let cond = r.condition(cond)?;
        out.push_str(&format!("\tif {cond} {{\n"));
        depth = 2;
    }
    let pad = tabs(depth);
    let inner = tabs(depth + 1);
    if each.is_map() {
        let slices = r.imports.add("slices", Group::Std, "slices");
        let maps = r.imports.add("maps", Group::Std, "maps");
        out.push_str(&format!(
            "{pad}for _, {key} := range {slices}.Sorted({maps}.Keys({collection})) {{\n"
        ));
        if let Some(item) = &each.item {
            out.push_str(&format!(
                "{inner}{} := {collection}[{key}]\n",
                variable(item)
            ));
        }
    } else {
        out.push_str(&format!("{pad}for _, {key} := range {collection} {{\n"));
        if !matches!(each.collection.kind, ValueKind::List(_)) {
            // A list from config may hold a string twice; two resources cannot share a name.
            let fmt = r.imports.add("fmt", Group::Std, "fmt");
            let ret = if err.with_value { "nil, " } else { "" };
            out.push_str(&format!(
                "{inner}if _, ok := {var}[{key}]; ok {{\n{inner}\treturn {ret}{fmt}.Errorf({}, {key})\n{inner}}}\n",
                quote(&format!("{}: duplicate key %q in the loop's collection", res.name))
            ));
        }
    }
    out.push_str(&format!(
        "{inner}created, err := {}\n",
        call.print(depth + 1)
    ));
    let mut item_err = ErrorContext {
        format: format!("create {}-%s", res.logical_name),
        args: vec![key.clone()],
        with_value: err.with_value,
    };
    item_err.args.extend(err.args.iter().cloned());
    out.push_str(&error_check(r, &item_err, depth + 1));
    out.push_str(&format!("{inner}{var}[{key}] = created\n{pad}}}\n"));
    if res.condition.is_some() {
        out.push_str("\t}\n");
    }
    Ok(out)
}

/// The variable of a loop's key or item.
pub fn variable(name: &str) -> String {
    unexported(name)
}

/// The Go value of a loop variable: a plain string key, or a map's plain item.
pub fn variable_value(name: &str, ty: &crate::ir::Type) -> Result<Typed, String> {
    let scalar =
        Scalar::of(ty).ok_or_else(|| format!("a loop item of type {ty} is not supported"))?;
    Ok(Typed::new(
        Expr::raw(variable(name)),
        super::types::GoTy::Plain(scalar),
    ))
}

/// A composite literal inside another as `gofmt -s` leaves it: without its type.
fn elided(literal: String) -> String {
    if (literal.starts_with("[]") || literal.starts_with("map["))
        && let Some(at) = literal.find('{')
    {
        return literal[at..].to_string();
    }
    literal
}

/// A collection known before deployment as a plain Go slice or map.
fn collection(r: &mut ValueWriter, v: &Value) -> Result<String, String> {
    let elem = |ty: &crate::ir::Type| -> Result<&'static str, String> {
        match ty {
            crate::ir::Type::List(t) | crate::ir::Type::Map(t) => Scalar::of(t)
                .map(|s| s.go())
                .ok_or_else(|| format!("a collection of {t} is not supported")),
            other => Err(format!("cannot loop over {other}")),
        }
    };
    Ok(match &v.kind {
        ValueKind::List(items) => {
            let items = items
                .iter()
                .map(|i| Ok(r.native(i)?.expr.print(0)))
                .collect::<Result<Vec<_>, String>>()?;
            format!("[]{}{{{}}}", elem(&v.ty)?, items.join(", "))
        }
        ValueKind::Object(fields) => {
            let fields = fields
                .iter()
                .map(|(k, i)| Ok(format!("{}: {}", literal(k), r.native(i)?.expr.print(0))))
                .collect::<Result<Vec<_>, String>>()?;
            format!("map[string]{}{{{}}}", elem(&v.ty)?, fields.join(", "))
        }
        ValueKind::PerEnv { cases, default } => {
            let go_ty = match &v.ty {
                crate::ir::Type::List(_) => format!("[]{}", elem(&v.ty)?),
                _ => format!("map[string]{}", elem(&v.ty)?),
            };
            let cases = cases
                .iter()
                .map(|(env, c)| Ok(format!("{}: {}", quote(env), elided(collection(r, c)?))))
                .collect::<Result<Vec<_>, String>>()?;
            let cfg = r.cfg();
            let utils = r.utils();
            let table = format!("map[string]{go_ty}{{{}}}", cases.join(", "));
            match default {
                Some(d) => {
                    r.needs.by_env_or = true;
                    let d = collection(r, d)?;
                    format!("{utils}.ByEnvOr({cfg}.Environment, {table}, {d})")
                }
                None => {
                    r.needs.by_env = true;
                    format!("{utils}.ByEnv({cfg}.Environment, {table})")
                }
            }
        }
        ValueKind::If {
            cond,
            then,
            otherwise: Some(otherwise),
        } => {
            let c = r.condition(cond)?;
            let a = collection(r, then)?;
            let b = collection(r, otherwise)?;
            r.needs.if_ = true;
            let utils = r.utils();
            format!("{utils}.If({c}, {a}, {b})")
        }
        _ => r.native(v)?.expr.print(0),
    })
}
