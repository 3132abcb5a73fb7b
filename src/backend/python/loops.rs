//! Looped resources in Python: a `dict[str, T]` filled by a `for` loop over the map's
//! `.items()` (or the list of strings), each item named `f"<name>-{key}"`.

use super::doc::{Doc, string};
use super::names;
use super::resources;
use super::values::ValueWriter;
use crate::ir::{Resource, ValueKind};

/// The statements creating looped resource `r` into the variable `var`: the dict, then the
/// loop filling it (inside `if cond:` for a conditional one).
pub fn statement(em: &ValueWriter, r: &Resource, var: &str) -> String {
    let Some(each) = &r.each else {
        return String::new();
    };
    let ty = names::sdk_name(&r.kind.token, "");
    let key = variable(&each.key);
    let mut out = resources::docs_comment(em.project, r, 4);
    let mut collection = em.value(&each.collection).flat();
    if collection.contains(['(', '[', '{']) {
        // Computed once, laid out as ruff does.
        let items = format!("{var}_items");
        out.push_str(&Doc::assign(format!("{items} = "), em.value(&each.collection)).render(4));
        collection = items;
    }
    let head = match &each.item {
        Some(item) if each.is_map() => {
            format!("for {key}, {} in {collection}.items():", variable(item))
        }
        _ => format!("for {key} in {collection}:"),
    };
    out.push_str(&format!("    {var}: dict[str, {ty}] = {{}}\n"));
    let mut pad = "    ".to_string();
    if let Some(cond) = &r.condition {
        out.push_str(&format!("    if {}:\n", em.condition(cond)));
        pad.push_str("    ");
    }
    out.push_str(&format!("{pad}{head}\n"));
    if !each.is_map() && !matches!(each.collection.kind, ValueKind::List(_)) {
        // A list from config may hold a string twice; two resources cannot share a name.
        out.push_str(&format!("{pad}    if {key} in {var}:\n"));
        let message = format!(
            "f\"{}: duplicate key '{{{key}}}' in the loop's collection\"",
            r.name
        );
        let raise = Doc::assign("raise ", Doc::call("ValueError", vec![Doc::text(message)]));
        out.push_str(&raise.render(pad.len() + 8));
    }
    let logical = Doc::text(format!(
        "f{}",
        string(&format!("{}-{{{key}}}", r.logical_name))
    ));
    let target = format!("{var}[{key}]");
    let indent = pad.len() + 4;
    let without_docs = Resource {
        docs: Vec::new(),
        origin: None,
        ..r.clone()
    };
    out.push_str(&resources::statement(
        em,
        &without_docs,
        &target,
        logical,
        None,
        indent,
    ));
    out
}

/// The variable of a loop's key or item.
pub fn variable(name: &str) -> String {
    names::local(name)
}
