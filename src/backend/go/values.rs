//! IR values as typed Go expressions. Each value is rendered for a slot (an SDK input of a
//! schema type, a plain Go value, a format argument, an export) and converted to fit it the way
//! a Go engineer would write it: `pulumi.String(cfg.LogLevel)`, `bucket.Name`,
//! `pulumi.Sprintf("serviceAccount:%s", infra.ServiceAccountEmail)`, `ptrOutput.Elem()`.

use std::collections::BTreeMap;

use super::imports::{Group, Imports};
use super::names::{literal, quote, sdk_field};
use super::syntax::Expr;
use super::types::{GoTy, Scalar, pulumi};
use crate::ir::{EnvAttr, Part, Project, ResourceRef, Type, Value, ValueKind};

/// How one Go scope reaches what values refer to.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    /// The config variable (`cfg`).
    pub cfg: String,
    /// Top-level resources by index: a local variable or `<module>.<Field>`.
    pub resources: BTreeMap<usize, String>,
    /// Component instances by index.
    pub instances: BTreeMap<usize, String>,
    /// Stack references by declaration name.
    pub stacks: BTreeMap<String, String>,
    /// Inside a component: siblings by template name -> (variable, type token).
    pub siblings: BTreeMap<String, (String, String)>,
    /// Inside a component: parameters -> (expression, type).
    pub params: BTreeMap<String, (String, GoTy)>,
}

/// Facts the renderer needs from the rest of the layout.
pub struct Facts<'a> {
    pub project: &'a Project,
    /// Go field names of config keys.
    pub config_fields: &'a BTreeMap<String, String>,
    /// Per stack: output name -> field name.
    pub stack_fields: &'a BTreeMap<String, BTreeMap<String, String>>,
    /// Per component: output name -> (field name, output type name, scalar).
    pub component_outputs: &'a BTreeMap<usize, BTreeMap<String, (String, GoTy)>>,
    /// Import path of the local `utils` package.
    pub utils_path: String,
}

/// Which generated helpers the program calls.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub name: bool,
    pub by_env: bool,
    pub by_env_or: bool,
    /// `utils.Substr` (`substr` and `truncate`).
    pub substr: bool,
    pub if_: bool,
    pub if_lazy: bool,
    /// `utils.JSON` (`json`: compact, `<>&` not escaped, as the plan writes it).
    pub json: bool,
    /// `utils.Values` (every item of a looped resource, in `depends_on`).
    pub values: bool,
}

/// Where a rendered value goes.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'t> {
    /// An SDK input of this schema type; `required` selects the non-pointer interface.
    Input(&'t Type, bool),
    /// A plain Go value of this scalar type.
    Plain(Scalar),
    /// An argument of `fmt.Sprintf` / `pulumi.Sprintf`.
    Fmt,
    /// `ctx.Export` and component outputs: any input.
    Export,
}

#[derive(Debug, Clone)]
pub struct Typed {
    pub expr: Expr,
    pub ty: GoTy,
}

impl Typed {
    pub(super) fn new(expr: Expr, ty: GoTy) -> Self {
        Typed { expr, ty }
    }
}

pub struct ValueWriter<'a> {
    pub facts: &'a Facts<'a>,
    pub refs: &'a Refs,
    pub imports: &'a mut Imports,
    pub needs: &'a mut Needs,
    /// Set when the rendered code reads `cfg`.
    pub uses_cfg: bool,
}

impl<'a> ValueWriter<'a> {
    pub fn new(
        facts: &'a Facts<'a>,
        refs: &'a Refs,
        imports: &'a mut Imports,
        needs: &'a mut Needs,
    ) -> Self {
        ValueWriter {
            facts,
            refs,
            imports,
            needs,
            uses_cfg: false,
        }
    }

    pub(super) fn project(&self) -> &'a Project {
        self.facts.project
    }

    pub(super) fn pulumi(&mut self) -> String {
        pulumi(self.imports)
    }

    pub(super) fn cfg(&mut self) -> String {
        self.uses_cfg = true;
        self.refs.cfg.clone()
    }

    pub(super) fn utils(&mut self) -> String {
        self.uses_cfg = true;
        let path = self.facts.utils_path.clone();
        self.imports.add(&path, Group::Local, "utils")
    }

    /// Renders a value for a slot.
    pub fn value(&mut self, v: &Value, slot: Slot) -> Result<Typed, String> {
        if let (Slot::Export, ValueKind::List(_) | ValueKind::Object(_)) = (slot, &v.kind) {
            // An exported list or object is typed by its own value type.
            let ty = match &v.ty {
                t @ (Type::List(_) | Type::Map(_) | Type::Object(_)) => t.clone(),
                _ => Type::Any,
            };
            return self.value(v, Slot::Input(&ty, true));
        }
        match &v.kind {
            ValueKind::List(items) => self.list(items, slot),
            ValueKind::Object(fields) => self.object(fields, slot),
            ValueKind::PerEnv { cases, default } => {
                self.per_env(v, cases, default.as_deref(), slot)
            }
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => self.if_value(v, cond, then, otherwise.as_deref(), slot),
            _ => {
                let t = self.native(v)?;
                self.fit(t, slot)
            }
        }
    }

    /// Renders a value for an SDK input and returns just the expression.
    pub fn input(&mut self, v: &Value, ty: &Type, required: bool) -> Result<Expr, String> {
        Ok(self.value(v, Slot::Input(ty, required))?.expr)
    }

    /// A value in its own Go type (no slot conversion).
    pub(super) fn native(&mut self, v: &Value) -> Result<Typed, String> {
        Ok(match &v.kind {
            ValueKind::Null => return Err("a null value has no Go expression".into()),
            ValueKind::Bool(b) => Typed::new(Expr::raw(b.to_string()), GoTy::Plain(Scalar::Bool)),
            ValueKind::Int(i) => Typed::new(Expr::raw(i.to_string()), GoTy::Plain(Scalar::Int)),
            ValueKind::Number(n) => Typed::new(Expr::raw(float(*n)), GoTy::Plain(Scalar::Float)),
            ValueKind::String(s) => Typed::new(Expr::raw(literal(s)), GoTy::Plain(Scalar::String)),
            ValueKind::Config(key) => self.config(key)?,
            ValueKind::Env(EnvAttr::Name) => {
                let cfg = self.cfg();
                Typed::new(
                    Expr::raw(format!("{cfg}.Environment")),
                    GoTy::Plain(Scalar::String),
                )
            }
            ValueKind::Env(EnvAttr::Protect) => {
                let cfg = self.cfg();
                Typed::new(
                    Expr::raw(format!("{cfg}.Protect")),
                    GoTy::Plain(Scalar::Bool),
                )
            }
            ValueKind::PhysicalName(arg) => self.physical_name(arg)?,
            ValueKind::Interpolate(parts) => self.interpolate(parts)?,
            ValueKind::Output {
                resource,
                attribute,
            } => self.output(resource, attribute)?,
            ValueKind::Resource(r) => {
                let (expr, token) = self.resource(r)?;
                Typed::new(Expr::raw(expr), GoTy::Resource(token))
            }
            ValueKind::StackOutput { stack, output } => self.stack_output(stack, output)?,
            ValueKind::EachKey(n) | ValueKind::EachValue(n) => {
                super::loops::variable_value(n, &v.ty)?
            }
            ValueKind::Param(name) => {
                let (expr, ty) = self
                    .refs
                    .params
                    .get(name)
                    .ok_or_else(|| format!("parameter `{name}` is not in scope"))?;
                Typed::new(Expr::raw(expr.clone()), ty.clone())
            }
            ValueKind::FileAsset(path) => {
                let p = self.pulumi();
                Typed::new(
                    Expr::call(format!("{p}.NewFileAsset"), vec![Expr::raw(quote(path))]),
                    GoTy::Input,
                )
            }
            ValueKind::FileArchive(path) => {
                let p = self.pulumi();
                Typed::new(
                    Expr::call(format!("{p}.NewFileArchive"), vec![Expr::raw(quote(path))]),
                    GoTy::Input,
                )
            }
            ValueKind::AssetArchive(entries) => {
                let p = self.pulumi();
                let mut elems = Vec::new();
                for (path, entry) in entries {
                    let e = self.native(entry)?.expr;
                    elems.push(super::syntax::Elem::Pair(quote(path), e));
                }
                let map = Expr::composite("map[string]interface{}", elems, true);
                Typed::new(
                    Expr::call(format!("{p}.NewAssetArchive"), vec![map]),
                    GoTy::Input,
                )
            }
            ValueKind::InstanceOutput { instance, output } => {
                let base = self
                    .refs
                    .instances
                    .get(instance)
                    .ok_or_else(|| format!("component instance {instance} is not in scope"))?
                    .clone();
                let comp = self.project().instances[*instance].component;
                let (field, ty) = self
                    .facts
                    .component_outputs
                    .get(&comp)
                    .and_then(|o| o.get(output))
                    .ok_or_else(|| format!("component output `{output}` is unknown"))?
                    .clone();
                Typed::new(Expr::raw(format!("{base}.{field}")), ty)
            }
            ValueKind::Call { func, args } => self.call(*func, args)?,
            ValueKind::Index { base, key } => self.index(v, base, key)?,
            ValueKind::Invoke(call) => self.invoke(call)?,
            ValueKind::Not(_) | ValueKind::Binary { .. } => {
                Typed::new(Expr::raw(self.condition(v)?), GoTy::Plain(Scalar::Bool))
            }
            ValueKind::List(_)
            | ValueKind::Object(_)
            | ValueKind::PerEnv { .. }
            | ValueKind::If { .. } => {
                return Err("a collection or choice needs a slot type".into());
            }
        })
    }

    fn config(&mut self, key: &str) -> Result<Typed, String> {
        let c = self
            .project()
            .config
            .iter()
            .find(|c| c.name == key)
            .ok_or_else(|| format!("config key `{key}` is not declared"))?;
        let field = self
            .facts
            .config_fields
            .get(key)
            .cloned()
            .unwrap_or_default();
        let cfg = self.cfg();
        let expr = Expr::raw(format!("{cfg}.{field}"));
        let ty = config_type(&c.ty, c.secret, self.imports)?;
        Ok(Typed::new(expr, ty))
    }

    fn physical_name(&mut self, arg: &Value) -> Result<Typed, String> {
        self.needs.name = true;
        if self.is_plain(arg) {
            let a = self.value(arg, Slot::Plain(Scalar::String))?;
            let utils = self.utils();
            let cfg = self.cfg();
            return Ok(Typed::new(
                Expr::call(format!("{utils}.Name"), vec![Expr::raw(cfg), a.expr]),
                GoTy::Plain(Scalar::String),
            ));
        }
        // A name only known at run time (an output): apply the pattern to the resolved value.
        let a = self.value(arg, Slot::Fmt)?;
        let out = self.as_output(a, Scalar::String)?;
        let utils = self.utils();
        let cfg = self.cfg();
        let p = self.pulumi();
        let apply = Expr::raw(format!(
            "ApplyT(func(name string) string {{ return {utils}.Name({cfg}, name) }})"
        ));
        let expr = Expr::raw(format!(
            "{}.{}.({p}.StringOutput)",
            out.print(0),
            apply.print(0)
        ));
        Ok(Typed::new(
            expr,
            GoTy::Output {
                name: format!("{p}.StringOutput"),
                scalar: Some(Scalar::String),
                ptr: false,
            },
        ))
    }

    pub(super) fn as_output(&mut self, t: Typed, s: Scalar) -> Result<Expr, String> {
        let p = self.pulumi();
        Ok(match t.ty {
            GoTy::Output { ptr: true, .. } => t.expr.method("Elem", vec![]),
            GoTy::Output { .. } => t.expr,
            GoTy::InputIface { .. } => t.expr.method(format!("To{}Output", s.sdk()), vec![]),
            GoTy::Plain(_) => Expr::call(format!("{p}.{}", s.sdk()), vec![t.expr])
                .method(format!("To{}Output", s.sdk()), vec![]),
            other => return Err(format!("cannot turn {other:?} into an output")),
        })
    }

    fn interpolate(&mut self, parts: &[Part]) -> Result<Typed, String> {
        let values: Vec<&Value> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Value(v) => Some(v),
                Part::Text(_) => None,
            })
            .collect();
        let text_only: String = parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.as_str()),
                Part::Value(_) => None,
            })
            .collect();
        if values.is_empty() {
            return Ok(Typed::new(
                Expr::raw(quote(&text_only)),
                GoTy::Plain(Scalar::String),
            ));
        }
        if let [Part::Value(v)] = parts {
            let t = self.value(v, Slot::Fmt)?;
            if t.ty.scalar() == Some(Scalar::String) {
                return Ok(t);
            }
        }
        let plain = values.iter().all(|v| self.is_plain(v));
        let mut format = String::new();
        let mut args = Vec::new();
        for p in parts {
            match p {
                Part::Text(t) => format.push_str(&t.replace('%', "%%")),
                Part::Value(v) => {
                    let t = self.value(v, Slot::Fmt)?;
                    let verb = t.ty.scalar().map(Scalar::verb).unwrap_or("%v");
                    format.push_str(verb);
                    args.push(t.expr);
                }
            }
        }
        let mut call_args = vec![Expr::raw(literal(&format))];
        call_args.extend(args);
        if plain {
            let fmt = self.imports.add("fmt", Group::Std, "fmt");
            Ok(Typed::new(
                Expr::call(format!("{fmt}.Sprintf"), call_args),
                GoTy::Plain(Scalar::String),
            ))
        } else {
            let p = self.pulumi();
            Ok(Typed::new(
                Expr::call(format!("{p}.Sprintf"), call_args),
                GoTy::Output {
                    name: format!("{p}.StringOutput"),
                    scalar: Some(Scalar::String),
                    ptr: false,
                },
            ))
        }
    }

    /// The Go expression of a resource and its type token.
    pub fn resource(&self, r: &ResourceRef) -> Result<(String, String), String> {
        match r {
            ResourceRef::Resource(i) => {
                let expr = self
                    .refs
                    .resources
                    .get(i)
                    .ok_or_else(|| {
                        format!(
                            "resource `{}` is not in scope",
                            self.project().resources[*i].name
                        )
                    })?
                    .clone();
                Ok((expr, self.project().resources[*i].kind.token.clone()))
            }
            ResourceRef::Sibling(name) => self
                .refs
                .siblings
                .get(name)
                .cloned()
                .ok_or_else(|| format!("component resource `{name}` is not in scope")),
            ResourceRef::Param(name) => match self.refs.params.get(name) {
                Some((expr, GoTy::Resource(token))) => Ok((expr.clone(), token.clone())),
                _ => Err(format!("parameter `{name}` is not a resource")),
            },
            ResourceRef::Item(i, key) => {
                let (whole, token) = self.resource(&ResourceRef::Resource(*i))?;
                let key = match key {
                    crate::ir::ItemKey::Literal(k) => quote(k),
                    crate::ir::ItemKey::Current(var) => super::loops::variable(var),
                };
                Ok((format!("{whole}[{key}]"), token))
            }
        }
    }

    fn output(&mut self, r: &ResourceRef, attribute: &str) -> Result<Typed, String> {
        let (base, token) = self.resource(r)?;
        let p = self.pulumi();
        Ok(match attribute {
            "id" => Typed::new(
                Expr::raw(format!("{base}.ID()")),
                GoTy::Output {
                    name: format!("{p}.IDOutput"),
                    scalar: Some(Scalar::String),
                    ptr: false,
                },
            ),
            "urn" => Typed::new(
                Expr::raw(format!("{base}.URN()")),
                GoTy::Output {
                    name: format!("{p}.URNOutput"),
                    scalar: Some(Scalar::String),
                    ptr: false,
                },
            ),
            _ => {
                let prop = self
                    .project()
                    .schema
                    .output(&token, attribute)
                    .ok_or_else(|| format!("resource `{token}` has no output `{attribute}`"))?;
                let ty = GoTy::output_of(&prop.ty, prop.required, self.imports)?;
                Typed::new(Expr::raw(format!("{base}.{}", sdk_field(attribute))), ty)
            }
        })
    }

    fn stack_output(&mut self, stack: &str, output: &str) -> Result<Typed, String> {
        let base = self
            .refs
            .stacks
            .get(stack)
            .ok_or_else(|| format!("stack reference `{stack}` is not in scope"))?
            .clone();
        let decl = self
            .project()
            .stacks
            .iter()
            .find(|s| s.name == stack)
            .and_then(|s| s.outputs.iter().find(|o| o.name == output))
            .ok_or_else(|| format!("stack `{stack}` declares no output `{output}`"))?;
        let field = self
            .facts
            .stack_fields
            .get(stack)
            .and_then(|f| f.get(output))
            .cloned()
            .unwrap_or_default();
        let ty = GoTy::output_of(&decl.ty, true, self.imports)?;
        Ok(Typed::new(Expr::raw(format!("{base}.{field}")), ty))
    }

    /// True when the value is a plain Go value when the program runs (no outputs, no secrets).
    pub fn is_plain(&self, v: &Value) -> bool {
        match &v.kind {
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Number(_)
            | ValueKind::String(_)
            | ValueKind::Env(_)
            | ValueKind::EachKey(_)
            | ValueKind::EachValue(_) => true,
            ValueKind::Config(key) => self
                .project()
                .config
                .iter()
                .any(|c| c.name == *key && !c.secret && Scalar::of(&c.ty).is_some()),
            ValueKind::Interpolate(parts) => parts.iter().all(|p| match p {
                Part::Text(_) => true,
                Part::Value(v) => self.is_plain(v),
            }),
            ValueKind::PerEnv { cases, default } => {
                cases.values().all(|c| self.is_plain(c))
                    && default.as_ref().is_none_or(|d| self.is_plain(d))
            }
            ValueKind::PhysicalName(arg) => self.is_plain(arg),
            ValueKind::Call { func, args } => self.call_is_plain(*func, args),
            ValueKind::Index { base, .. } => match &base.kind {
                ValueKind::Config(key) => self
                    .project()
                    .config
                    .iter()
                    .any(|c| c.name == *key && !c.secret),
                _ => false,
            },
            ValueKind::Not(_) | ValueKind::Binary { .. } => true,
            ValueKind::If {
                then, otherwise, ..
            } => self.is_plain(then) && otherwise.as_ref().is_some_and(|o| self.is_plain(o)),
            ValueKind::Param(name) => {
                matches!(self.refs.params.get(name), Some((_, GoTy::Plain(_))))
            }
            _ => false,
        }
    }
}

/// The Go type of a config key's field.
pub fn config_type(ty: &Type, secret: bool, imports: &mut Imports) -> Result<GoTy, String> {
    if secret {
        let s = Scalar::of(ty)
            .ok_or_else(|| format!("a secret config key of type {ty} is not supported"))?;
        let p = pulumi(imports);
        return Ok(GoTy::Output {
            name: format!("{p}.{}Output", s.sdk()),
            scalar: Some(s),
            ptr: false,
        });
    }
    match ty {
        Type::List(e) => Scalar::of(e).map(GoTy::PlainList),
        Type::Map(e) => Scalar::of(e).map(GoTy::PlainMap),
        other => Scalar::of(other).map(GoTy::Plain),
    }
    .ok_or_else(|| format!("config keys of type {ty} are not supported by the Go backend"))
}

/// The Go type name of a plain or output type.
pub fn type_name(ty: &GoTy) -> String {
    match ty {
        GoTy::Plain(s) => s.go().to_string(),
        GoTy::PlainList(s) => format!("[]{}", s.go()),
        GoTy::PlainMap(s) => format!("map[string]{}", s.go()),
        GoTy::Output { name, .. } | GoTy::InputIface { name, .. } => name.clone(),
        GoTy::Input => "pulumi.Input".to_string(),
        GoTy::Resource(t) => t.clone(),
    }
}

/// A float literal in Go syntax.
fn float(n: f64) -> String {
    let s = format!("{n:?}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}
