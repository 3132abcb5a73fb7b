//! The `config` package: a typed `Config` loaded from the selected stack, with the
//! environment table. The stack files come from the shared layer.

use askama::Template;

use super::templates::LoaderFile;

use super::templates::ConfigFile;

use super::docs;
use super::imports::{Group, Imports};
use super::layout::Layout;
use super::names::quote;
use super::syntax::{Elem, Expr, Field, comment_lines, print_fields};
use super::types::{PULUMI, Scalar};
use super::values::{config_type, type_name};
use crate::ir::{NamePart, Project, Type, Value, ValueKind};

const PULUMI_CONFIG: &str = "github.com/pulumi/pulumi/sdk/v3/go/pulumi/config";

/// True when the naming pattern needs the project name at run time.
pub fn uses_project(project: &Project) -> bool {
    project.naming.contains(&NamePart::Project)
}

/// config/config.go and config/loader.go.
pub fn files(project: &Project, layout: &Layout) -> Result<Vec<(String, String)>, String> {
    let mut imports = Imports::default();
    let mut fields = Vec::new();
    if uses_project(project) {
        fields.push(Field {
            docs: vec!["Project is the Pulumi project name.".into()],
            name: "Project".into(),
            ty: "string".into(),
        });
    }
    fields.push(Field {
        docs: vec!["Environment is the environment this stack deploys: the stack name.".into()],
        name: "Environment".into(),
        ty: "string".into(),
    });
    fields.push(Field {
        docs: vec!["Protect protects every resource of the environment from deletion.".into()],
        name: "Protect".into(),
        ty: "bool".into(),
    });
    let mut methods: Vec<&'static str> = Vec::new();
    let mut values = Vec::new();
    if uses_project(project) {
        values.push(Elem::Pair("Project".into(), Expr::raw("ctx.Project()")));
    }
    values.push(Elem::Pair("Environment".into(), Expr::raw("env")));
    values.push(Elem::Pair("Protect".into(), Expr::raw("protect")));
    for c in &project.config {
        let field = layout.config_fields[&c.name].clone();
        let ty = config_type(&c.ty, c.secret, &mut imports)?;
        fields.push(Field {
            docs: c.docs.clone(),
            name: field.clone(),
            ty: type_name(&ty),
        });
        let key = quote(&c.name);
        let (method, call) = loader_call(&c.ty, c.secret, c.default.as_ref(), &key)?;
        methods.push(method);
        values.push(Elem::Pair(field, Expr::raw(call)));
    }
    methods.sort();
    methods.dedup();

    let mut env_elems = Vec::new();
    for e in &project.envs {
        if !e.docs.is_empty() {
            env_elems.push(Elem::Comment(e.docs.clone()));
        }
        env_elems.push(Elem::Pair(quote(&e.name), Expr::raw(e.protect.to_string())));
    }
    imports.add("errors", Group::Std, "errors");
    imports.add("fmt", Group::Std, "fmt");
    imports.add(PULUMI, Group::External, "pulumi");
    imports.named(PULUMI_CONFIG, Group::External, "pulumiconfig");
    let names: Vec<&str> = project.envs.iter().map(|e| e.name.as_str()).collect();
    let mut doc_lines = vec![
        "Package config loads the typed configuration of the selected stack. The stack name is"
            .to_string(),
        format!("the environment: {}.", names.join(", ")),
    ];
    if !project.config.is_empty() {
        doc_lines.push(String::new());
        doc_lines.push(
            "Non-secret values are in Pulumi.<env>.yaml; secrets are set with `pulumi config set --secret`."
                .into(),
        );
    }
    let config_go = ConfigFile {
        header: super::templates::header(),
        docs: comment_lines(&docs::top_level(&doc_lines), 0),
        imports: imports.block(),
        fields: print_fields(&fields, 1),
        environments: Expr::composite("map[string]bool", env_elems, true).print(0),
        env_list: names.join(", "),
        values: Expr::composite("&Config", values, true).print(1),
    }
    .render()
    .map_err(|e| e.to_string())?;

    let optional = methods.iter().any(|m| m.ends_with("Or"));
    let mut loader_imports = Imports::default();
    if optional {
        loader_imports.add("errors", Group::Std, "errors");
    }
    if methods.iter().any(|m| m.starts_with("secret")) {
        loader_imports.add(PULUMI, Group::External, "pulumi");
    }
    loader_imports.named(PULUMI_CONFIG, Group::External, "pulumiconfig");
    let loader_go = LoaderFile {
        header: super::templates::header(),
        imports: loader_imports.block(),
        methods: methods.iter().map(|m| m.to_string()).collect(),
        optional,
    }
    .render()
    .map_err(|e| e.to_string())?;
    Ok(vec![
        ("config/config.go".into(), config_go),
        ("config/loader.go".into(), loader_go),
    ])
}

/// The loader method that reads a key and the call expression.
fn loader_call(
    ty: &Type,
    secret: bool,
    default: Option<&Value>,
    key: &str,
) -> Result<(&'static str, String), String> {
    if secret {
        let s = Scalar::of(ty).ok_or("secret config keys must be scalars")?;
        let m = match s {
            Scalar::String => "secret",
            Scalar::Int => "secretInt",
            Scalar::Float => "secretFloat64",
            Scalar::Bool => "secretBool",
        };
        return Ok((m, format!("l.{m}({key})")));
    }
    let base = match ty {
        Type::String => "str",
        Type::Int => "integer",
        Type::Number => "number",
        Type::Bool => "boolean",
        Type::List(_) | Type::Map(_) => "object",
        other => return Err(format!("config keys of type {other} are not supported")),
    };
    let go_ty = match ty {
        Type::List(e) => format!("[]{}", Scalar::of(e).map(Scalar::go).unwrap_or("string")),
        Type::Map(e) => format!(
            "map[string]{}",
            Scalar::of(e).map(Scalar::go).unwrap_or("string")
        ),
        _ => String::new(),
    };
    Ok(match (base, default) {
        ("object", None) => ("object", format!("object[{go_ty}](&l, {key})")),
        ("object", Some(d)) => (
            "objectOr",
            format!("objectOr(&l, {key}, {})", literal(d, ty)?),
        ),
        (m, None) => (m, format!("l.{m}({key})")),
        (m, Some(d)) => {
            let name = match m {
                "str" => "strOr",
                "integer" => "integerOr",
                "number" => "numberOr",
                _ => "booleanOr",
            };
            (name, format!("l.{name}({key}, {})", literal(d, ty)?))
        }
    })
}

/// A compile-time config default as a Go literal.
fn literal(v: &Value, ty: &Type) -> Result<String, String> {
    Ok(match (&v.kind, ty) {
        (ValueKind::String(s), _) => quote(s),
        (ValueKind::Int(i), _) => i.to_string(),
        (ValueKind::Number(n), _) => format!("{n:?}"),
        (ValueKind::Bool(b), _) => b.to_string(),
        (ValueKind::List(items), Type::List(e)) => {
            let elems = items
                .iter()
                .map(|i| literal(i, e).map(|s| Elem::Value(Expr::raw(s))))
                .collect::<Result<Vec<_>, _>>()?;
            let s = Scalar::of(e).map(Scalar::go).unwrap_or("string");
            Expr::composite(format!("[]{s}"), elems, false).print(0)
        }
        (ValueKind::Object(fields), Type::Map(e)) => {
            let elems = fields
                .iter()
                .map(|(k, i)| literal(i, e).map(|s| Elem::Pair(quote(k), Expr::raw(s))))
                .collect::<Result<Vec<_>, _>>()?;
            let s = Scalar::of(e).map(Scalar::go).unwrap_or("string");
            Expr::composite(format!("map[string]{s}"), elems, false).print(0)
        }
        _ => return Err(format!("unsupported config default for {ty}")),
    })
}
