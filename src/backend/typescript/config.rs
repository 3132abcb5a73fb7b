//! src/config.ts (typed config, the selected environment), src/stacks/ (one file per
//! environment) and src/utils/ (naming, tags).

use super::doc::{Doc, concat, hardline, text};
use super::names::{camel, local};
use super::syntax::{self, Expr, Key, Prop, Stmt, Tpl};
use super::types::ts_type;
use super::values::{Uses, ValueWriter};
use super::{GeneratedFile, header};
use crate::ir::{ConfigKey, NamePart, Project, Type};

use super::project_files::SOURCE;

pub fn files(project: &Project) -> Result<Vec<GeneratedFile>, String> {
    let mut out = vec![
        GeneratedFile::new("src/config.ts", config_file(project)),
        GeneratedFile::new("src/stacks/index.ts", stacks_index(project)),
        GeneratedFile::new("src/utils/naming.ts", naming_file(project)),
        GeneratedFile::new("src/utils/tags.ts", tags_file(project)),
    ];
    for env in &project.envs {
        let value = Expr::InlineObject(vec![
            Prop::named("name", Expr::str(env.name.clone())),
            Prop::named("protect", Expr::Bool(env.protect)),
        ]);
        let decl = Stmt::Const {
            docs: env.docs.clone(),
            export: true,
            name: local(&env.name),
            ty: Some("EnvironmentSettings".into()),
            value,
        };
        let body = syntax::file(vec![
            syntax::import_named(&["EnvironmentSettings".into()], "./index", true),
            syntax::stmt(&decl),
        ]);
        out.push(GeneratedFile::new(
            format!("src/stacks/{}.ts", env.name),
            format!("{}{body}", header(Some(SOURCE))),
        ));
    }
    Ok(out)
}

fn stacks_index(project: &Project) -> String {
    let imports: Vec<Doc> = project
        .envs
        .iter()
        .map(|e| syntax::import_named(&[local(&e.name)], &format!("./{}", e.name), false))
        .collect();
    let names: Vec<String> = project
        .envs
        .iter()
        .map(|e| syntax::quote(&e.name))
        .collect();
    let union = syntax::union_alias(
        &["An environment of this project; each is deployed as the Pulumi stack of the same name.".into()],
        "Environment",
        &names,
    );
    let settings = text(
        "/** The settings of one environment. */
export interface EnvironmentSettings {
  /** The environment's name, which is also the name of its Pulumi stack. */
  readonly name: Environment;
  /** Whether the environment's resources are protected from deletion. */
  readonly protect: boolean;
}",
    );
    let map = Stmt::Const {
        docs: vec!["Every environment, by name.".into()],
        export: true,
        name: "environments".into(),
        ty: Some("Record<Environment, EnvironmentSettings>".into()),
        value: Expr::Object(
            project
                .envs
                .iter()
                .map(|e| {
                    let var = local(&e.name);
                    if var == e.name {
                        Prop::shorthand(&var)
                    } else {
                        Prop::new(Key::for_name(&e.name), Expr::ident(var))
                    }
                })
                .collect(),
        ),
    };
    let is_env = text(
        "/** Whether `name` is one of this project's environments. */
export function isEnvironment(name: string): name is Environment {
  return Object.hasOwn(environments, name);
}",
    );
    let items = vec![
        syntax::lines(imports),
        union,
        settings_doc(settings),
        syntax::stmt(&map),
        is_env,
    ];
    format!("{}{}", header(Some(SOURCE)), syntax::file(items))
}

/// Multi-line literal text as a document (its lines joined by hard lines).
fn settings_doc(d: Doc) -> Doc {
    match d {
        Doc::Text(s) => syntax::lines(s.lines().map(|l| text(l.to_string())).collect()),
        other => other,
    }
}

fn accessor(key: &ConfigKey) -> (&'static str, Option<String>) {
    let generic = |ts: String| Some(ts);
    match (&key.ty, key.secret, key.default.is_some()) {
        (Type::String, true, _) => ("requireSecret", None),
        (Type::Int | Type::Number, true, _) => ("requireSecretNumber", None),
        (Type::Bool, true, _) => ("requireSecretBoolean", None),
        (t, true, _) => ("requireSecretObject", generic(ts_type(t))),
        (Type::String, false, false) => ("require", None),
        (Type::Int | Type::Number, false, false) => ("requireNumber", None),
        (Type::Bool, false, false) => ("requireBoolean", None),
        (t, false, false) => ("requireObject", generic(ts_type(t))),
        (Type::String, false, true) => ("get", None),
        (Type::Int | Type::Number, false, true) => ("getNumber", None),
        (Type::Bool, false, true) => ("getBoolean", None),
        (t, false, true) => ("getObject", generic(ts_type(t))),
    }
}

/// The `settings` object's properties: each key read from the stack config, typed.
fn settings_props(project: &Project) -> Vec<Prop> {
    let layout = super::layout::Layout::default();
    let writer = ValueWriter {
        project,
        layout: &layout,
        local_group: None,
        component: None,
    };
    let mut uses = Uses::default();
    project
        .config
        .iter()
        .map(|c| {
            let (method, generic) = accessor(c);
            let method = match generic {
                Some(g) => format!("{method}<{g}>"),
                None => method.to_string(),
            };
            let read = Expr::ident("config")
                .member(method)
                .call(vec![Expr::str(c.name.clone())]);
            let value = match &c.default {
                Some(d) => read.binary("??", writer.value(d, &mut uses).expr),
                None => read,
            };
            Prop::named(&camel(&c.name), value).with_docs(&c.docs)
        })
        .collect()
}

/// The import block of src/config.ts.
fn config_imports(uses_by_env: bool) -> Doc {
    let mut imports = vec![
        text("import * as pulumi from '@pulumi/pulumi';"),
        hardline(),
        hardline(),
    ];
    imports.push(syntax::import_named(
        &["environments".into(), "isEnvironment".into()],
        "./stacks",
        false,
    ));
    imports.push(hardline());
    let types: Vec<String> = if uses_by_env {
        vec!["Environment".into(), "EnvironmentSettings".into()]
    } else {
        vec!["EnvironmentSettings".into()]
    };
    imports.push(syntax::import_named(&types, "./stacks", true));
    concat(imports)
}

fn config_file(project: &Project) -> String {
    let props = settings_props(project);
    let uses_by_env = project.uses_per_env();
    let mut items = vec![config_imports(uses_by_env)];

    items.push(settings_doc(text(
        "/**
 * The environment this program deploys: the one named like the selected stack, so that one
 * program serves every environment.
 */
export const environment: EnvironmentSettings = selectEnvironment(pulumi.getStack());

function selectEnvironment(stack: string): EnvironmentSettings {
  if (!isEnvironment(stack)) {
    const known = Object.keys(environments).join(', ');
    throw new Error(`Stack \"${stack}\" is not an environment of this project (${known}).`);
  }
  return environments[stack];
}",
    )));
    if !project.config.is_empty() {
        items.push(text("const config = new pulumi.Config();"));
        items.push(syntax::stmt(&Stmt::Const {
            docs: vec![
                "The stack's configuration, typed. Non-secret values come from Pulumi.<stack>.yaml;"
                    .into(),
                "secrets are set with `pulumi config set --secret <key> <value>`.".into(),
            ],
            export: true,
            name: "settings".into(),
            ty: None,
            value: Expr::Object(props),
        }));
    }
    if uses_by_env {
        items.push(settings_doc(text(
            "/**
 * The value for the selected environment: its own entry in `values`, else `fallback`.
 */
export function byEnvironment<T>(values: Record<Environment, T>): T;
export function byEnvironment<T>(values: Partial<Record<Environment, T>>, fallback: T): T;
export function byEnvironment<T>(values: Partial<Record<Environment, T>>, fallback?: T): T {
  const value = values[environment.name];
  if (value !== undefined) {
    return value;
  }
  if (fallback === undefined) {
    throw new Error(`No value for environment \"${environment.name}\".`);
  }
  return fallback;
}",
        )));
    }
    format!("{}{}", header(Some(SOURCE)), syntax::file(items))
}

fn naming_file(project: &Project) -> String {
    let mut tpl = Vec::new();
    let mut uses_settings = false;
    let mut uses_env = false;
    let mut uses_pulumi = false;
    for p in &project.naming {
        match p {
            NamePart::Text(t) => tpl.push(Tpl::Text(t.clone())),
            NamePart::Name => tpl.push(Tpl::Expr(Expr::ident("name"))),
            NamePart::Project => {
                uses_pulumi = true;
                tpl.push(Tpl::Expr(Expr::path("pulumi.getProject").call(vec![])));
            }
            NamePart::Env => {
                uses_env = true;
                tpl.push(Tpl::Expr(Expr::path("environment.name")));
            }
            NamePart::Config(k) => {
                uses_settings = true;
                tpl.push(Tpl::Expr(Expr::ident("settings").member(camel(k))));
            }
        }
    }
    let mut imports = Vec::new();
    if uses_pulumi {
        imports.push(text("import * as pulumi from '@pulumi/pulumi';"));
    }
    let mut names = Vec::new();
    if uses_env {
        names.push("environment".to_string());
    }
    if uses_settings {
        names.push("settings".to_string());
    }
    if !names.is_empty() {
        if !imports.is_empty() {
            imports.push(super::doc::empty());
        }
        imports.push(syntax::import_named(&names, "../config", false));
    }
    let docs = vec![
        format!(
            "The physical name of a resource: the project's naming pattern `{}` applied to",
            project.naming_pattern()
        ),
        "`name` in the selected environment.".into(),
    ];
    let body = vec![Stmt::Return(Expr::Template(tpl))];
    let func = syntax::function(
        &docs,
        "resourceName",
        &[("name".into(), "string".into())],
        "string",
        &body,
    );
    let mut items = Vec::new();
    if !imports.is_empty() {
        items.push(syntax::lines(imports));
    }
    items.push(func);
    format!("{}{}", header(Some(SOURCE)), syntax::file(items))
}

fn tags_file(project: &Project) -> String {
    let tags = Expr::Object(vec![
        Prop::named("project", Expr::str(project.pulumi_name.clone())),
        Prop::shorthand("environment"),
        Prop::named("managed-by", Expr::str("infragen")),
    ]);
    let docs = vec![
        "The tags of this project's stacks, which `just pulumi-stack-init` sets with".into(),
        "`pulumi stack tag set` so that stacks can be found by project and environment.".into(),
    ];
    let func = syntax::function(
        &docs,
        "stackTags",
        &[("environment".into(), "string".into())],
        "Record<string, string>",
        &[Stmt::Return(tags)],
    );
    format!("{}{}", header(None), syntax::file(vec![func]))
}

/// `const requiredKeys ...` for scripts/validate.ts.
pub fn validate_constants(project: &Project) -> String {
    let keys = |secret: bool| {
        Expr::Array(
            project
                .config
                .iter()
                .filter(|c| c.secret == secret)
                .map(|c| Expr::str(c.name.clone()))
                .collect(),
        )
    };
    let stmts = vec![
        Stmt::Const {
            docs: vec![
                "The project's Pulumi name: configuration keys are `<project>:<key>`.".into(),
            ],
            export: false,
            name: "project".into(),
            ty: None,
            value: Expr::str(project.pulumi_name.clone()),
        },
        Stmt::Blank,
        Stmt::Const {
            docs: vec!["Configuration every stack file must set.".into()],
            export: false,
            name: "requiredKeys".into(),
            ty: Some("readonly string[]".into()),
            value: keys(false),
        },
        Stmt::Blank,
        Stmt::Const {
            docs: vec![
                "Secrets every stack must have set with `pulumi config set --secret`.".into(),
            ],
            export: false,
            name: "secretKeys".into(),
            ty: Some("readonly string[]".into()),
            value: keys(true),
        },
    ];
    super::doc::print(&syntax::block(&stmts))
}
