//! `src/references.ts`: typed accessors for the stacks this project reads.

use super::doc::{Doc, concat, hardline, indent, text};
use super::names::{camel, pascal};
use super::syntax::{self, Expr, Prop, Stmt, Tpl, leading_docs};
use super::types::ts_type;
use crate::ir::{Project, StackRef};

/// `InfraOutputs`: the interface of a stack reference's outputs.
pub fn outputs_type(stack: &str) -> String {
    format!("{}Outputs", pascal(stack))
}

/// `referenceInfra`
pub fn function_name(stack: &str) -> String {
    format!("reference{}", pascal(stack))
}

/// A pattern with `{env}` as a template literal (or a plain string without it).
pub fn env_pattern(pattern: &str) -> Expr {
    if !pattern.contains("{env}") {
        return Expr::str(pattern);
    }
    let mut parts = Vec::new();
    for (i, piece) in pattern.split("{env}").enumerate() {
        if i > 0 {
            parts.push(Tpl::Expr(Expr::path("environment.name")));
        }
        if !piece.is_empty() {
            parts.push(Tpl::Text(piece.to_string()));
        }
    }
    Expr::Template(parts)
}

fn interface(s: &StackRef) -> Doc {
    let mut members = Vec::new();
    for o in &s.outputs {
        members.push(concat(vec![
            leading_docs(&o.docs),
            text(format!(
                "readonly {}: pulumi.Output<{}>;",
                camel(&o.name),
                ts_type(&o.ty)
            )),
        ]));
    }
    let mut docs = vec![format!(
        "The outputs of stack `{}` this project reads.",
        s.stack
    )];
    if !s.docs.is_empty() {
        docs = s.docs.clone();
    }
    concat(vec![
        leading_docs(&docs),
        text(format!("export interface {} {{", outputs_type(&s.name))),
        indent(concat(vec![hardline(), syntax::lines(members)])),
        hardline(),
        text("}"),
    ])
}

fn accessor(s: &StackRef) -> Doc {
    let reference = Expr::new_(
        Expr::path("pulumi.StackReference"),
        vec![
            Expr::str(s.name.clone()),
            Expr::InlineObject(vec![Prop::named("name", env_pattern(&s.stack))]),
        ],
    );
    let fields = s
        .outputs
        .iter()
        .map(|o| {
            let read = Expr::ident("stack")
                .member("requireOutput")
                .call(vec![env_pattern(&o.export)])
                .as_(format!("pulumi.Output<{}>", ts_type(&o.ty)));
            Prop::named(&camel(&o.name), read)
        })
        .collect();
    let body = vec![
        Stmt::Const {
            docs: vec![],
            export: false,
            name: "stack".into(),
            ty: None,
            value: reference,
        },
        Stmt::Return(Expr::Object(fields)),
    ];
    let docs = vec![format!(
        "Reads stack `{}` (the environment's stack of project `{}`).",
        s.stack, s.project
    )];
    syntax::function(
        &docs,
        &function_name(&s.name),
        &[],
        &outputs_type(&s.name),
        &body,
    )
}

/// The file, or `None` when the project reads no stacks.
pub fn file(project: &Project) -> Option<String> {
    if project.stacks.is_empty() {
        return None;
    }
    let uses_env = project
        .stacks
        .iter()
        .any(|s| s.stack.contains("{env}") || s.outputs.iter().any(|o| o.export.contains("{env}")));
    let mut imports = vec![text("import * as pulumi from '@pulumi/pulumi';")];
    if uses_env {
        imports.push(hardline());
        imports.push(hardline());
        imports.push(text("import { environment } from './config';"));
    }
    let mut items = vec![concat(imports)];
    for s in &project.stacks {
        items.push(interface(s));
        items.push(accessor(s));
    }
    Some(format!("{}{}", super::header(None), syntax::file(items)))
}
