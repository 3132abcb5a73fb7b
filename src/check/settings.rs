//! The project declaration (settings, providers, schemas, naming), config keys and envs.

use std::collections::BTreeMap;

use heck::ToKebabCase;

use super::builtin;
use super::project::{ConfigInfo, ParsedFile, ProjectChecker};
use super::rules::parse_rules;
use super::schema::Package;
use super::{ReadBytes, expr::Ctx};
use crate::diag::{Problem, did_you_mean};
use crate::ir::{self, Language, NamePart, Type, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, ExprKind, Item, StrPart};

const SETTINGS: [&str; 7] = [
    "description",
    "language",
    "layout",
    "naming",
    "organization",
    "schemas",
    "bindings",
];

/// The text of a setting written as a bare word or a plain string.
pub(super) fn word(e: &ast::Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Path(p) if p.len() == 1 => Some(p[0].name.clone()),
        ExprKind::Str(parts) => match parts.as_slice() {
            [] => Some(String::new()),
            [StrPart::Text(t)] => Some(t.clone()),
            _ => None,
        },
        _ => None,
    }
}

impl ProjectChecker<'_> {
    pub(super) fn project_settings(&mut self, p: &ast::ProjectDecl, read: ReadBytes) {
        self.project.name = p.name.name.clone();
        self.project.pulumi_name = p.name.name.to_kebab_case();
        self.project.docs = p.docs.clone();
        self.providers_span = p.name.span;

        self.schemas = builtin::schemas().clone();
        self.rules = builtin::rules().to_vec();

        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for s in &p.settings {
            if let Some(first) = seen.insert(s.key.name.clone(), s.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: s.key.span,
                    what: "setting".into(),
                    name: s.key.name.clone(),
                    first,
                });
                continue;
            }
            match s.key.name.as_str() {
                "description" => match word(&s.value) {
                    Some(d) => self.project.description = d,
                    None => self.mismatch(&s.value, "a plain string", "`description`"),
                },
                "organization" => match word(&s.value) {
                    Some(o) => self.project.organization = o,
                    None => self.mismatch(&s.value, "a plain string", "`organization`"),
                },
                "language" => match word(&s.value) {
                    Some(l) => match Language::parse(&l) {
                        Some(lang) => self.project.language = Some(lang),
                        None => self.sink.report(Problem::UnknownLanguage {
                            span: s.value.span,
                            value: l,
                        }),
                    },
                    None => self.mismatch(
                        &s.value,
                        &format!("one of {}", Language::choices()),
                        "`language`",
                    ),
                },
                "layout" => match word(&s.value) {
                    Some(l) => match ir::ProjectLayout::parse(&l) {
                        Some(layout) => self.project.layout = layout,
                        None => self.sink.report(Problem::UnknownLayout {
                            span: s.value.span,
                            value: l,
                        }),
                    },
                    None => self.mismatch(
                        &s.value,
                        &format!("one of {}", ir::ProjectLayout::choices()),
                        "`layout`",
                    ),
                },
                "naming" => {} // parsed once config keys are known
                "schemas" | "bindings" => self.extra_data(s, read),
                other => self.sink.report(Problem::UnknownProjectSetting {
                    span: s.key.span,
                    key: other.to_string(),
                    suggestion: did_you_mean(other, SETTINGS),
                }),
            }
        }

        self.locked_schemas(p, read);
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for prov in &p.providers {
            let name = prov.key.name.clone();
            if let Some(first) = seen.insert(name.clone(), prov.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: prov.key.span,
                    what: "provider".into(),
                    name,
                    first,
                });
                continue;
            }
            let version = match word(&prov.value) {
                Some(v) if !v.is_empty() => v,
                _ => {
                    self.mismatch(&prov.value, "a version string", "a provider");
                    continue;
                }
            };
            let Some(pkg) = self.schemas.package(&name) else {
                self.sink.report(Problem::UnknownProvider {
                    span: prov.key.span,
                    name,
                    known: self.schemas.package_names().map(str::to_string).collect(),
                });
                continue;
            };
            self.project.providers.push(ir::Provider {
                name: name.clone(),
                version,
                language: pkg.language.clone(),
            });
            self.declared_providers.insert(name);
        }
        self.project.providers.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// `schemas = [...]` and `bindings = [...]`: extra data files, relative to the project.
    fn extra_data(&mut self, s: &ast::Assign, read: ReadBytes) {
        let ExprKind::List(items) = &s.value.kind else {
            self.mismatch(
                &s.value,
                "a list of file paths",
                &format!("`{}`", s.key.name),
            );
            return;
        };
        for item in items {
            let Some(path) = word(item) else {
                self.mismatch(item, "a file path", "a schema path");
                continue;
            };
            let full = if self.project.dir.is_empty() {
                path.clone()
            } else {
                format!("{}/{}", self.project.dir, path)
            };
            let parsed = read(&full).and_then(|text| {
                if s.key.name == "schemas" {
                    Package::shared(&text).map(|pkg| self.schemas.add_shared(pkg))
                } else {
                    String::from_utf8(text)
                        .map_err(|e| e.to_string())
                        .and_then(|text| parse_rules(&text))
                        .map(|rules| self.rules.extend(rules))
                }
            });
            if let Err(reason) = parsed {
                self.sink.report(Problem::SchemaUnreadable {
                    span: item.span,
                    path,
                    reason,
                });
            }
        }
    }

    pub(super) fn mismatch(&mut self, e: &ast::Expr, expected: &str, context: &str) {
        self.sink.report(Problem::TypeMismatch {
            span: e.span,
            expected: expected.into(),
            found: describe(e).into(),
            context: context.into(),
        });
    }

    pub(super) fn config_and_envs(&mut self, files: &[ParsedFile]) {
        let literal = Ctx::literal();
        for item in files.iter().flat_map(|f| f.ast.items.iter()) {
            let Item::Config(c) = item else { continue };
            for key in &c.keys {
                if let Some(first) = self.config.get(&key.name.name) {
                    self.sink.report(Problem::Duplicate {
                        span: key.name.span,
                        what: "config key".into(),
                        name: key.name.name.clone(),
                        first: first.span,
                    });
                    continue;
                }
                let (ty, secret) = self.config_type(&key.ty);
                let default = key.default.as_ref().map(|d| {
                    if secret {
                        self.sink.report(Problem::PlainSecret {
                            span: d.span,
                            what: format!("config key `{}`", key.name.name),
                        });
                    }
                    self.lower(d, &ty, &literal, &format!("config key `{}`", key.name.name))
                });
                self.config.insert(
                    key.name.name.clone(),
                    ConfigInfo {
                        ty: ty.clone(),
                        secret,
                        span: key.name.span,
                    },
                );
                self.project.config.push(ir::ConfigKey {
                    name: key.name.name.clone(),
                    docs: key.docs.clone(),
                    ty,
                    secret,
                    default: if secret { None } else { default },
                });
            }
        }

        for item in files.iter().flat_map(|f| f.ast.items.iter()) {
            let Item::Env(e) = item else { continue };
            if let Some(first) = self.envs.get(&e.name.name) {
                self.sink.report(Problem::Duplicate {
                    span: e.name.span,
                    what: "environment".into(),
                    name: e.name.name.clone(),
                    first: *first,
                });
                continue;
            }
            self.envs.insert(e.name.name.clone(), e.name.span);
            let mut env = ir::Env {
                name: e.name.name.clone(),
                docs: e.docs.clone(),
                protect: false,
                values: BTreeMap::new(),
            };
            let mut seen: BTreeMap<String, Span> = BTreeMap::new();
            for a in &e.values {
                if let Some(first) = seen.insert(a.key.name.clone(), a.key.span) {
                    self.sink.report(Problem::Duplicate {
                        span: a.key.span,
                        what: "value".into(),
                        name: a.key.name.clone(),
                        first,
                    });
                    continue;
                }
                if a.key.name == "protect" {
                    let v = self.lower(&a.value, &Type::Bool, &literal, "`protect`");
                    env.protect = matches!(v.kind, ValueKind::Bool(true));
                    continue;
                }
                let Some(info) = self.config.get(&a.key.name) else {
                    let mut names: Vec<&str> = self.config.keys().map(String::as_str).collect();
                    names.push("protect");
                    self.sink.report(Problem::UnknownConfig {
                        span: a.key.span,
                        key: a.key.name.clone(),
                        suggestion: did_you_mean(&a.key.name, names),
                    });
                    continue;
                };
                let (ty, secret) = (info.ty.clone(), info.secret);
                let key = super::symbols::Key::Config(a.key.name.clone());
                self.symbols.refer(a.key.span, key);
                if secret {
                    self.sink.report(Problem::PlainSecret {
                        span: a.value.span,
                        what: format!("config key `{}`", a.key.name),
                    });
                    continue;
                }
                let v = self.lower(
                    &a.value,
                    &ty,
                    &literal,
                    &format!("config key `{}`", a.key.name),
                );
                env.values.insert(a.key.name.clone(), v);
            }
            self.project.envs.push(env);
        }

        for key in &self.project.config {
            if key.secret || key.default.is_some() {
                continue;
            }
            for env in &self.project.envs {
                if !env.values.contains_key(&key.name) {
                    self.sink.report(Problem::ConfigMissingInEnv {
                        span: self.config[&key.name].span,
                        key: key.name.clone(),
                        env: env.name.clone(),
                        env_span: self.envs[&env.name],
                    });
                }
            }
        }

        self.naming(files);
    }

    fn naming(&mut self, files: &[ParsedFile]) {
        let setting = files
            .iter()
            .flat_map(|f| f.ast.items.iter())
            .find_map(|i| match i {
                Item::Project(p) => p.settings.iter().find(|s| s.key.name == "naming"),
                _ => None,
            });
        let Some(setting) = setting else { return };
        let Some(pattern) = word(&setting.value) else {
            self.mismatch(&setting.value, "a pattern string", "`naming`");
            return;
        };
        match parse_pattern(&pattern, &["name", "project", "env"], true) {
            Ok(parts) => {
                let mut allowed = vec!["name".to_string(), "project".into(), "env".into()];
                allowed.extend(self.config.keys().map(|k| format!("config.{k}")));
                for part in &parts {
                    if let NamePart::Config(k) = part {
                        let ok = self
                            .config
                            .get(k)
                            .is_some_and(|c| !c.secret && c.ty == Type::String);
                        if !ok {
                            self.sink.report(Problem::BadPattern {
                                span: setting.value.span,
                                placeholder: format!("config.{k}"),
                                allowed: allowed.clone(),
                            });
                        }
                    }
                }
                self.project.naming = parts;
            }
            Err(bad) => self.sink.report(Problem::BadPattern {
                span: setting.value.span,
                placeholder: bad,
                allowed: vec![
                    "name".into(),
                    "project".into(),
                    "env".into(),
                    "config.<key>".into(),
                ],
            }),
        }
    }

    /// A config key's declared type; `secret` and `secret<T>` mark it secret.
    fn config_type(&mut self, t: &ast::TypeExpr) -> (Type, bool) {
        match t {
            ast::TypeExpr::Named(i) if i.name == "secret" => (Type::String, true),
            ast::TypeExpr::Generic { name, arg, .. } if name.name == "secret" => {
                (self.parse_type(arg, false), true)
            }
            _ => (self.parse_type(t, false), false),
        }
    }
}

/// Parses `{placeholder}` patterns. `allowed` lists plain placeholders; `config.<key>` is
/// accepted when `with_config`. Returns the unknown placeholder on error.
pub(super) fn parse_pattern(
    pattern: &str,
    allowed: &[&str],
    with_config: bool,
) -> Result<Vec<NamePart>, String> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(NamePart::Text(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(rest[open..].to_string());
        };
        let name = &rest[open + 1..open + close];
        let part = match name {
            "name" if allowed.contains(&"name") => NamePart::Name,
            "project" if allowed.contains(&"project") => NamePart::Project,
            "env" if allowed.contains(&"env") => NamePart::Env,
            _ => match name.strip_prefix("config.") {
                Some(k) if with_config && !k.is_empty() => NamePart::Config(k.to_string()),
                _ => return Err(name.to_string()),
            },
        };
        parts.push(part);
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(NamePart::Text(rest.to_string()));
    }
    Ok(parts)
}

pub(super) fn describe(e: &ast::Expr) -> &'static str {
    match &e.kind {
        ExprKind::Null => "null",
        ExprKind::Bool(_) => "bool",
        ExprKind::Int(_) => "int",
        ExprKind::Number(_) => "number",
        ExprKind::Str(_) => "string",
        ExprKind::List(_) => "a list",
        ExprKind::Object(_) => "an object",
        ExprKind::PerEnv(_) => "a per-environment value",
        ExprKind::Call { .. } => "a call",
        ExprKind::Path(_) => "a reference",
        ExprKind::Item { .. } => "an item reference",
        ExprKind::Not(_) | ExprKind::Binary { .. } => "a condition",
        ExprKind::If { .. } => "an `if` value",
        ExprKind::Index { .. } => "an item of a list or map",
        ExprKind::Field { .. } => "a property of an object",
    }
}
