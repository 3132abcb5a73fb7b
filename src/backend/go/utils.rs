//! The `utils` package: the project's naming convention (`name(...)` in the DSL) and the
//! per-environment value helpers.

use askama::Template;

use super::templates::UtilsFile;

use super::imports::{Group, Imports};
use super::layout::{CONFIG, Layout};
use super::names::quote;
use super::syntax::Expr;
use super::values::Needs;
use crate::ir::{NamePart, Project, Type};

/// The pattern as written in the DSL, for the doc comment.
fn pattern(project: &Project) -> String {
    project
        .naming
        .iter()
        .map(|p| match p {
            NamePart::Text(t) => t.clone(),
            NamePart::Name => "{name}".into(),
            NamePart::Project => "{project}".into(),
            NamePart::Env => "{env}".into(),
            NamePart::Config(k) => format!("{{config.{k}}}"),
        })
        .collect()
}

/// `utils/utils.go`, or nothing when the program uses no helper.
pub fn file(project: &Project, layout: &Layout, needs: &Needs) -> Result<Option<String>, String> {
    if !needs.name
        && !needs.by_env
        && !needs.by_env_or
        && !needs.substr
        && !needs.if_
        && !needs.if_lazy
        && !needs.json
        && !needs.values
    {
        return Ok(None);
    }
    let mut imports = Imports::default();
    if needs.json {
        imports.add("encoding/json", Group::Std, "json");
        imports.add("strings", Group::Std, "strings");
        super::types::pulumi(&mut imports);
    }
    if needs.values {
        imports.add("maps", Group::Std, "maps");
        imports.add("slices", Group::Std, "slices");
        super::types::pulumi(&mut imports);
    }
    let name = if needs.name {
        let mut parts = Vec::new();
        for p in &project.naming {
            parts.push(match p {
                NamePart::Text(t) => Expr::raw(quote(t)),
                NamePart::Name => Expr::raw("name"),
                NamePart::Project => Expr::raw("cfg.Project"),
                NamePart::Env => Expr::raw("cfg.Environment"),
                NamePart::Config(k) => {
                    let field = layout
                        .config_fields
                        .get(k)
                        .ok_or_else(|| format!("naming reads unknown config key `{k}`"))?;
                    let key = project.config.iter().find(|c| c.name == *k);
                    Expr::raw(match key.map(|c| &c.ty) {
                        Some(Type::String) | None => format!("cfg.{field}"),
                        Some(Type::Int) => {
                            let s = imports.add("strconv", Group::Std, "strconv");
                            format!("{s}.Itoa(cfg.{field})")
                        }
                        Some(_) => {
                            let f = imports.add("fmt", Group::Std, "fmt");
                            format!("{f}.Sprint(cfg.{field})")
                        }
                    })
                }
            });
        }
        imports.add(&layout.local(CONFIG), Group::Local, CONFIG);
        Some(
            Expr::chain("+", parts)
                .unwrap_or_else(|| Expr::raw("\"\""))
                .print(1),
        )
    } else {
        None
    };
    Ok(Some(
        UtilsFile {
            header: super::templates::header(),
            imports: imports.block(),
            pattern: pattern(project),
            name,
            by_env: needs.by_env,
            by_env_or: needs.by_env_or,
            substr: needs.substr,
            if_: needs.if_,
            if_lazy: needs.if_lazy,
            json: needs.json,
            values: needs.values,
        }
        .render()
        .map_err(|e| e.to_string())?,
    ))
}
