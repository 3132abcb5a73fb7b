//! IR values as TypeScript expressions.

use std::collections::BTreeSet;

use super::layout::Layout;
use super::names::{camel, local};
use super::syntax::{Expr, Key, Prop, Tpl};
use crate::ir::{Component, EnvAttr, Part, Project, ResourceRef, Value, ValueKind};

/// What a generated file needs imported.
#[derive(Default, Debug)]
pub struct Uses {
    pub pulumi: bool,
    /// Provider package aliases (`cloudflare`).
    pub packages: BTreeSet<String>,
    pub environment: bool,
    pub settings: bool,
    pub by_environment: bool,
    pub resource_name: bool,
    /// Components whose classes are used.
    pub components: BTreeSet<usize>,
    /// Stack references whose outputs are read.
    pub stacks: BTreeSet<String>,
    /// Groups whose maps are read (outside the group itself).
    pub groups: BTreeSet<usize>,
    /// Node's `crypto` module (`sha256`).
    pub crypto: bool,
}

/// Where a value is being written: which resources are local variables, whether inside a
/// component template.
pub struct ValueWriter<'a> {
    pub project: &'a Project,
    pub layout: &'a Layout,
    /// The group whose factory is being written: its members are local variables.
    pub local_group: Option<usize>,
    /// Inside a component class.
    pub component: Option<&'a Component>,
}

/// A TypeScript expression and whether it is a `pulumi.Output` (or an `Input` that may be one).
pub struct Ts {
    pub expr: Expr,
    pub output: bool,
}

impl Ts {
    pub(super) fn plain(expr: Expr) -> Ts {
        Ts {
            expr,
            output: false,
        }
    }
    fn output(expr: Expr) -> Ts {
        Ts { expr, output: true }
    }
}

impl ValueWriter<'_> {
    pub fn value(&self, v: &Value, uses: &mut Uses) -> Ts {
        match &v.kind {
            ValueKind::Null => Ts::plain(Expr::ident("undefined")),
            ValueKind::Bool(b) => Ts::plain(Expr::Bool(*b)),
            ValueKind::Int(i) => Ts::plain(Expr::Num(i.to_string())),
            ValueKind::Number(n) => Ts::plain(Expr::Num(number(*n))),
            ValueKind::String(s) => Ts::plain(Expr::str(s.clone())),
            ValueKind::List(items) => {
                let items: Vec<Ts> = items.iter().map(|i| self.value(i, uses)).collect();
                let output = items.iter().any(|i| i.output);
                Ts {
                    expr: Expr::Array(items.into_iter().map(|i| i.expr).collect()),
                    output,
                }
            }
            ValueKind::Object(fields) => {
                let mut output = false;
                let props = fields
                    .iter()
                    .filter(|(_, v)| !matches!(v.kind, ValueKind::Null))
                    .map(|(k, v)| {
                        let ts = self.value(v, uses);
                        output |= ts.output;
                        Prop::new(Key::for_name(k), ts.expr)
                    })
                    .collect();
                Ts {
                    expr: Expr::InlineObject(props),
                    output,
                }
            }
            ValueKind::Interpolate(parts) => {
                let mut tpl = Vec::new();
                let mut output = false;
                for p in parts {
                    match p {
                        Part::Text(t) => tpl.push(Tpl::Text(t.clone())),
                        Part::Value(v) => {
                            let ts = self.value(v, uses);
                            output |= ts.output;
                            tpl.push(Tpl::Expr(ts.expr));
                        }
                    }
                }
                if output {
                    uses.pulumi = true;
                    Ts::output(Expr::Tagged(
                        Box::new(Expr::path("pulumi.interpolate")),
                        tpl,
                    ))
                } else {
                    Ts::plain(Expr::Template(tpl))
                }
            }
            ValueKind::Output {
                resource,
                attribute,
            } => Ts::output(self.resource(resource, uses).member(attribute.clone())),
            ValueKind::Resource(r) => Ts::plain(self.resource(r, uses)),
            ValueKind::Config(key) => {
                uses.settings = true;
                let secret = self
                    .project
                    .config
                    .iter()
                    .any(|c| c.name == *key && c.secret);
                Ts {
                    expr: Expr::ident("settings").member(camel(key)),
                    output: secret,
                }
            }
            ValueKind::EachKey(n) | ValueKind::EachValue(n) => Ts::plain(super::loops::variable(n)),
            ValueKind::Env(EnvAttr::Name) => {
                uses.environment = true;
                Ts::plain(Expr::path("environment.name"))
            }
            ValueKind::Env(EnvAttr::Protect) => {
                uses.environment = true;
                Ts::plain(Expr::path("environment.protect"))
            }
            ValueKind::PerEnv { cases, default } => self.per_env(cases, default.as_deref(), uses),
            ValueKind::PhysicalName(arg) => {
                uses.resource_name = true;
                let a = self.value(arg, uses);
                if a.output {
                    uses.pulumi = true;
                    Ts::output(
                        Expr::path("pulumi.output")
                            .call(vec![a.expr])
                            .member("apply")
                            .call(vec![Expr::ident("resourceName")]),
                    )
                } else {
                    Ts::plain(Expr::ident("resourceName").call(vec![a.expr]))
                }
            }
            ValueKind::StackOutput { stack, output } => {
                uses.stacks.insert(stack.clone());
                Ts::output(self.external(&local(stack)).member(stack_field(output)))
            }
            ValueKind::Param(name) => Ts::output(Expr::ident("args").member(camel(name))),
            ValueKind::FileAsset(p) => {
                uses.pulumi = true;
                Ts::plain(Expr::new_(
                    Expr::path("pulumi.asset.FileAsset"),
                    vec![Expr::str(p.clone())],
                ))
            }
            ValueKind::FileArchive(p) => {
                uses.pulumi = true;
                Ts::plain(Expr::new_(
                    Expr::path("pulumi.asset.FileArchive"),
                    vec![Expr::str(p.clone())],
                ))
            }
            ValueKind::AssetArchive(entries) => {
                uses.pulumi = true;
                let props = entries
                    .iter()
                    .map(|(path, e)| {
                        super::syntax::Prop::new(
                            super::syntax::Key::for_name(path),
                            self.value(e, uses).expr,
                        )
                    })
                    .collect();
                Ts::plain(Expr::new_(
                    Expr::path("pulumi.asset.AssetArchive"),
                    vec![Expr::Object(props)],
                ))
            }
            ValueKind::InstanceOutput { instance, output } => {
                Ts::output(self.instance(*instance, uses).member(camel(output)))
            }
            ValueKind::Call { func, args } => self.call(*func, args, uses),
            ValueKind::Index { .. } => self.index(v, uses),
            ValueKind::Invoke(call) => self.invoke(call, uses),
            ValueKind::Not(_) | ValueKind::Binary { .. } => {
                Ts::plain(Expr::ident(self.condition(v, uses)))
            }
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => self.if_value(cond, then, otherwise.as_deref(), uses),
        }
    }

    /// `byEnvironment({ env: value, ... }, fallback)`, lifted to outputs when a branch is one.
    fn per_env(
        &self,
        cases: &std::collections::BTreeMap<String, Value>,
        default: Option<&Value>,
        uses: &mut Uses,
    ) -> Ts {
        uses.by_environment = true;
        let mut cases_ts: Vec<(String, Ts)> = cases
            .iter()
            .map(|(k, v)| (k.clone(), self.value(v, uses)))
            .collect();
        let mut default_ts = default.as_ref().map(|d| self.value(d, uses));
        let output =
            cases_ts.iter().any(|(_, t)| t.output) || default_ts.as_ref().is_some_and(|d| d.output);
        if output {
            uses.pulumi = true;
            let lift = |t: Ts| {
                if t.output {
                    t.expr
                } else {
                    Expr::path("pulumi.output").call(vec![t.expr])
                }
            };
            cases_ts = cases_ts
                .into_iter()
                .map(|(k, t)| (k, Ts::output(lift(t))))
                .collect();
            default_ts = default_ts.map(|t| Ts::output(lift(t)));
        }
        // Environments in declaration order, as the stack files list them.
        let order: Vec<&str> = self.project.envs.iter().map(|e| e.name.as_str()).collect();
        cases_ts.sort_by_key(|(k, _)| order.iter().position(|e| e == k).unwrap_or(usize::MAX));
        let props = cases_ts
            .into_iter()
            .map(|(k, t)| Prop::new(Key::for_name(&k), t.expr))
            .collect();
        let mut args = vec![Expr::InlineObject(props)];
        if let Some(d) = default_ts {
            args.push(d.expr);
        }
        Ts {
            expr: Expr::ident("byEnvironment").call(args),
            output,
        }
    }

    /// The expression naming a resource; `x!` for a conditional one (the checker allows it to be
    /// read only where its condition holds).
    pub fn resource(&self, r: &ResourceRef, uses: &mut Uses) -> Expr {
        let e = self.resource_maybe(r, uses);
        match r {
            ResourceRef::Resource(i)
                if self.project.is_conditional(*i)
                    && self.project.resources[*i].instance.is_none() =>
            {
                Expr::ident(format!("{}!", super::syntax::flat(&e)))
            }
            _ => e,
        }
    }

    fn resource_maybe(&self, r: &ResourceRef, uses: &mut Uses) -> Expr {
        match r {
            ResourceRef::Resource(i) => {
                if let Some((inst, field)) = self.layout.children.get(i) {
                    return self.instance(*inst, uses).member(field.clone());
                }
                match self.layout.resources.get(i) {
                    Some((g, _)) if Some(*g) == self.local_group => {
                        Expr::ident(self.layout.var(&self.project.resources[*i].name))
                    }
                    Some((g, key)) => {
                        uses.groups.insert(*g);
                        self.external(&self.layout.groups[*g].var)
                            .member(key.clone())
                    }
                    None => Expr::ident("undefined"),
                }
            }
            ResourceRef::Sibling(n) => Expr::ident("this").member(camel(n)),
            ResourceRef::Param(n) => Expr::ident("args").member(camel(n)),
            ResourceRef::Item(i, key) => {
                let whole = self.resource_maybe(&ResourceRef::Resource(*i), uses);
                let key = match key {
                    crate::ir::ItemKey::Literal(k) => super::syntax::quote(k),
                    crate::ir::ItemKey::Current(var) => super::loops::variable_name(var),
                };
                Expr::ident(format!("{}[{key}]", super::syntax::flat(&whole)))
            }
        }
    }

    /// The expression naming an instance; `x!` for a conditional one (read only where its
    /// condition holds).
    fn instance(&self, i: usize, uses: &mut Uses) -> Expr {
        let e = self.instance_maybe(i, uses);
        if self.project.instances[i].condition.is_some() {
            Expr::ident(format!("{}!", super::syntax::flat(&e)))
        } else {
            e
        }
    }

    fn instance_maybe(&self, i: usize, uses: &mut Uses) -> Expr {
        match self.layout.instances.get(&i) {
            Some((g, _)) if Some(*g) == self.local_group => {
                Expr::ident(self.layout.var(&self.project.instances[i].name))
            }
            Some((g, key)) => {
                uses.groups.insert(*g);
                self.external(&self.layout.groups[*g].var)
                    .member(key.clone())
            }
            None => Expr::ident("undefined"),
        }
    }

    /// A map or stack reference from outside: a factory parameter, or inside a component an
    /// argument of the same name.
    fn external(&self, name: &str) -> Expr {
        if self.component.is_some() {
            Expr::ident("args").member(name)
        } else {
            Expr::ident(name)
        }
    }
}

/// The accessor field of a stack reference output: `project_id` -> `projectId`.
pub fn stack_field(output: &str) -> String {
    camel(output)
}

/// A number as prettier prints it.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
