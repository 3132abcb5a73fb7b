//! Looped resources in TypeScript: a `Record<string, T>` filled by a `for ... of` loop over
//! `Object.entries(map)` (or the list of strings), each item named `` `<name>-${key}` ``.

use super::names::camel;
use super::syntax::{Expr, Stmt, Tpl, flat};
use super::values::{Uses, ValueWriter};
use crate::ir::ValueKind;

/// The statements creating looped resource `i`: the map, then the loop filling it (inside
/// `if (cond)` for a conditional one). `creation` is the `new Class(name, ...)` expression.
pub fn statements(
    writer: &ValueWriter,
    i: usize,
    docs: Vec<String>,
    var: &str,
    elem_type: &str,
    creation: Expr,
    uses: &mut Uses,
) -> Vec<Stmt> {
    let r = &writer.project.resources[i];
    let Some(each) = &r.each else {
        return Vec::new();
    };
    let key = variable_name(&each.key);
    let creation = match creation {
        Expr::New(class, mut args) => {
            args[0] = Expr::Template(vec![
                Tpl::Text(format!("{}-", r.logical_name)),
                Tpl::Expr(Expr::ident(key.clone())),
            ]);
            Expr::New(class, args)
        }
        other => other,
    };
    let collection = flat(&writer.value(&each.collection, uses).expr);
    let head = match &each.item {
        Some(item) if each.is_map() => {
            format!(
                "const [{key}, {}] of Object.entries({collection})",
                camel(item)
            )
        }
        None if each.is_map() => format!("const {key} of Object.keys({collection})"),
        _ => format!("const {key} of {collection}"),
    };
    let mut body = Vec::new();
    if !each.is_map() && !matches!(each.collection.kind, ValueKind::List(_)) {
        // A list from config may hold a string twice; two resources cannot share a name.
        body.push(Stmt::If {
            cond: format!("{key} in {var}"),
            body: vec![Stmt::Throw(Expr::Template(vec![
                Tpl::Text(format!("{}: duplicate key \"", r.name)),
                Tpl::Expr(Expr::ident(key.clone())),
                Tpl::Text("\" in the loop's collection".into()),
            ]))],
        });
    }
    body.push(Stmt::Assign {
        target: Expr::ident(format!("{var}[{key}]")),
        value: creation,
    });
    let mut out = vec![Stmt::Const {
        docs,
        export: false,
        name: var.to_string(),
        ty: Some(record(elem_type)),
        value: Expr::InlineObject(Vec::new()),
    }];
    let each_loop = Stmt::For { head, body };
    match &r.condition {
        Some(cond) => out.push(Stmt::If {
            cond: writer.condition(cond, uses),
            body: vec![each_loop],
        }),
        None => out.push(each_loop),
    }
    out
}

/// `Record<string, T>`: the type of a looped resource's items by key.
pub fn record(elem_type: &str) -> String {
    format!("Record<string, {elem_type}>")
}

/// The variable of a loop's key or item inside its body (`fooKey` where the name is reserved).
pub fn variable(name: &str) -> Expr {
    Expr::ident(variable_name(name))
}

pub fn variable_name(name: &str) -> String {
    let c = camel(name);
    if super::names::local(name) == c {
        c
    } else {
        format!("{c}Key")
    }
}
