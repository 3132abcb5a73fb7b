//! `config.py`: the typed configuration of the selected stack, its environment, the naming
//! pattern and per-environment choices, all resolved at run time from the stack name.

use askama::Template;

use super::doc::{Doc, Field, docstring, fstring, string};
use super::imports::Imports;
use super::templates::ConfigPy;
use super::values::{config_field, py_type};
use super::{block, header};
use crate::ir::{NamePart, Project, Type, ValueKind};

/// `SDK Config` getter for a key: (method, needs a cast to the declared type).
fn getter(ty: &Type, secret: bool, default: bool) -> (String, bool) {
    let (suffix, cast) = match ty {
        Type::String => ("", false),
        Type::Int => ("_int", false),
        Type::Number => ("_float", false),
        Type::Bool => ("_bool", false),
        _ => ("_object", true),
    };
    let method = match (secret, default) {
        (true, _) => format!("require_secret{suffix}"),
        (false, true) => format!("get{suffix}"),
        (false, false) => format!("require{suffix}"),
    };
    (method, cast)
}

pub fn render(project: &Project) -> Result<String, String> {
    let mut imports = Imports::new();
    imports.import("pulumi");
    imports.from("dataclasses", "dataclass");
    imports.from("typing", "Final");
    let for_env = project.uses_per_env();
    if for_env {
        imports.from("collections.abc", "Mapping");
        imports.from("typing", "TypeVar");
    }

    let (fields, args) = fields(project, &mut imports);
    let (environments, protected) = environments(project);
    let name_expr = name_expr(project);
    let raise_unknown = block(
        &Doc::seq(vec![
            Doc::text("raise "),
            Doc::call(
                "ValueError",
                vec![Doc::text(
                    "f\"stack {env!r} is not an environment: {ENVIRONMENTS}\"",
                )],
            ),
        ]),
        8,
    );
    let construct = block(&Doc::assign("return ", Doc::call("StackConfig", args)), 4);

    let mut doc = vec![format!(
        "Typed configuration of the `{}` stacks: one stack per environment.",
        project.pulumi_name
    )];
    doc.push(String::new());
    doc.push(
        "Values come from `Pulumi.<env>.yaml`; secrets are set with `pulumi config set --secret`."
            .into(),
    );
    ConfigPy {
        header: header(),
        docstring: docstring(&doc, 0),
        imports: imports.render(),
        for_env,
        environments,
        protected,
        fields,
        pattern: project.naming_pattern(),
        name_expr,
        raise_unknown,
        construct,
    }
    .render()
    .map_err(|e| e.to_string())
}

/// `StackConfig`'s fields, and the keyword arguments that read each from the stack's config.
fn fields(project: &Project, imports: &mut Imports) -> (Vec<Field>, Vec<Doc>) {
    let mut fields = Vec::new();
    let mut args = vec![
        Doc::text("env=env"),
        Doc::text("protect=env in PROTECTED_ENVIRONMENTS"),
    ];
    for key in &project.config {
        let base = py_type(&key.ty, imports);
        let ty = if key.secret {
            format!("pulumi.Output[{base}]")
        } else {
            base.clone()
        };
        let field = config_field(&key.name);
        let (method, cast) = getter(&key.ty, key.secret, key.default.is_some());
        let mut call_args = vec![Doc::text(string(&key.name))];
        if let Some(d) = &key.default {
            call_args.push(Doc::text(literal(&d.kind)));
        }
        let mut value = Doc::call(format!("config.{method}"), call_args);
        if cast {
            imports.from("typing", "cast");
            let target = if key.secret { ty.clone() } else { base };
            value = Doc::call("cast", vec![Doc::text(target), value]);
        }
        args.push(Doc::kwarg(&field, value));
        fields.push(Field {
            name: field,
            ty,
            doc: docstring(&key.docs, 4).trim_end().to_string(),
        });
    }
    (fields, args)
}

/// `ENVIRONMENTS` and `PROTECTED_ENVIRONMENTS`.
fn environments(project: &Project) -> (String, String) {
    let envs: Vec<Doc> = project
        .envs
        .iter()
        .map(|e| Doc::text(string(&e.name)))
        .collect();
    let environments = block(&Doc::tuple(envs), 0);
    let protected: Vec<Doc> = project
        .envs
        .iter()
        .filter(|e| e.protect)
        .map(|e| Doc::text(string(&e.name)))
        .collect();
    let protected = if protected.is_empty() {
        "frozenset[str]()".to_string()
    } else {
        block(&Doc::call("frozenset", vec![Doc::set(protected)]), 0)
    };
    (environments, protected)
}

/// The naming pattern as the expression `StackConfig.name()` returns.
fn name_expr(project: &Project) -> String {
    let mut name_parts: Vec<(bool, String)> = Vec::new();
    for p in &project.naming {
        match p {
            NamePart::Text(t) => name_parts.push((false, t.clone())),
            NamePart::Name => name_parts.push((true, "name".into())),
            NamePart::Project => name_parts.push((true, "pulumi.get_project()".into())),
            NamePart::Env => name_parts.push((true, "self.env".into())),
            NamePart::Config(k) => name_parts.push((true, format!("self.{}", config_field(k)))),
        }
    }
    if name_parts == [(true, "name".to_string())] {
        "name".to_string()
    } else {
        fstring(&name_parts)
    }
}

/// A compile-time config default as a Python literal.
fn literal(v: &ValueKind) -> String {
    match v {
        ValueKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ValueKind::Int(i) => i.to_string(),
        ValueKind::Number(n) => super::values::number(*n),
        ValueKind::String(s) => string(s),
        ValueKind::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| literal(&i.kind))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ValueKind::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{}: {}", string(k), literal(&v.kind)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => "None".into(),
    }
}
