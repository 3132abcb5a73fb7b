//! Stack references as typed structs in `stacks/`: one typed output field per declared output,
//! read with the SDK's typed accessors (`GetStringOutput`, ...), never as `AnyOutput`.

use askama::Template;

use super::templates::StackFile;

use super::docs;
use super::imports::{Group, Imports};
use super::layout::{CONFIG, Layout, StackLayout};
use super::syntax::{Elem, Expr, Field, comment_lines, print_fields};
use super::types::{output_name, pulumi};
use crate::ir::{Project, StackRef, Type};

/// A pattern with `{env}` as a Go string expression: `cfg.Environment + "_project_id"`.
pub fn env_pattern(pattern: &str, cfg: &str) -> Expr {
    let mut parts = Vec::new();
    for (i, text) in pattern.split("{env}").enumerate() {
        if i > 0 {
            parts.push(Expr::raw(format!("{cfg}.Environment")));
        }
        if !text.is_empty() {
            parts.push(Expr::raw(super::names::quote(text)));
        }
    }
    Expr::chain("+", parts).unwrap_or_else(|| Expr::raw("\"\""))
}

pub fn files(project: &Project, layout: &Layout) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (k, s) in project.stacks.iter().enumerate() {
        let sl = layout.stack(&s.name).expect("stack is laid out");
        let text = file(layout, s, sl, k == 0)?;
        out.push((format!("stacks/{}", super::names::file_name(&s.name)), text));
    }
    Ok(out)
}

fn file(layout: &Layout, s: &StackRef, sl: &StackLayout, first: bool) -> Result<String, String> {
    let mut imports = Imports::default();
    imports.add("fmt", Group::Std, "fmt");
    let p = pulumi(&mut imports);
    let uses_env =
        s.stack.contains("{env}") || s.outputs.iter().any(|o| o.export.contains("{env}"));
    let mut params = vec![format!("ctx *{p}.Context")];
    if uses_env {
        let c = imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        params.push(format!("cfg *{c}.Config"));
    }
    let mut fields = Vec::new();
    let mut values = Vec::new();
    for o in &s.outputs {
        let field = sl.fields[&o.name].clone();
        fields.push(Field {
            docs: o.docs.clone(),
            name: field.clone(),
            ty: output_name(&o.ty, true, &mut imports)?,
        });
        let key = Expr::call(format!("{p}.String"), vec![env_pattern(&o.export, "cfg")]);
        let read = match &o.ty {
            Type::String => Expr::call("ref.GetStringOutput", vec![key]),
            Type::Int => Expr::call("ref.GetIntOutput", vec![key]),
            Type::Number => Expr::call("ref.GetFloat64Output", vec![key]),
            // Other builtin types convert the untyped output: `.AsBoolOutput()`, ...
            other => {
                let name = output_name(other, true, &mut imports)?;
                let Some(bare) = name.strip_prefix(&format!("{p}.")) else {
                    return Err(format!(
                        "stack output `{}` of type {other} has no typed accessor in the Go SDK",
                        o.name
                    ));
                };
                Expr::call("ref.GetOutput", vec![key]).method(format!("As{bare}"), vec![])
            }
        };
        values.push(Elem::Pair(field, read));
    }
    let mut doc_lines = vec![format!(
        "{} holds the outputs of the `{}` stack.",
        sl.type_name, s.stack
    )];
    if !s.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(docs::top_level(&s.docs));
    }
    let package_docs = if first {
        "// Package stacks reads the outputs of the stacks this project depends on, with one typed\n// field per output.\n".to_string()
    } else {
        String::new()
    };
    StackFile {
        header: super::templates::header(),
        docs: comment_lines(&doc_lines, 0),
        package_docs,
        imports: imports.block(),
        type_name: sl.type_name.clone(),
        fields: print_fields(&fields, 1),
        ctor_docs: format!(
            "// New{} references the `{}` stack of this environment and reads its outputs.\n",
            sl.type_name, s.stack
        ),
        params: params.join(", "),
        logical: super::names::quote(&s.name),
        stack_name: env_pattern(&s.stack, "cfg").print(1),
        values: Expr::composite(format!("&{}", sl.type_name), values, true).print(1),
    }
    .render()
    .map_err(|e| e.to_string())
}
