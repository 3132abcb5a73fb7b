//! IR values as Python expressions, in the scope of a module function or a component.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::doc::{Doc, fstring, string};
use super::imports::Imports;
use super::layout::{CONFIG_VAR, Layout};
use super::names;
pub use super::types::{import_provider, input_type, py_type};
use crate::ir::{EnvAttr, NamePart, Part, Project, ResourceRef, Type, Value, ValueKind};

/// True when the value is only known at deployment (a `pulumi.Output`). Lists and objects are
/// plain containers even when they hold outputs. `plain_params` are the parameters of the
/// enclosing component whose arguments are all plain.
pub fn is_output(v: &Value, plain_params: &BTreeSet<String>) -> bool {
    match &v.kind {
        ValueKind::Output { .. }
        | ValueKind::StackOutput { .. }
        | ValueKind::InstanceOutput { .. } => true,
        ValueKind::Config(_) => v.secret,
        ValueKind::Param(p) => !plain_params.contains(p),
        ValueKind::Interpolate(parts) => parts.iter().any(|p| match p {
            Part::Value(v) => is_output(v, plain_params),
            Part::Text(_) => false,
        }),
        ValueKind::PerEnv { cases, default } => {
            cases.values().any(|c| is_output(c, plain_params))
                || default.as_ref().is_some_and(|d| is_output(d, plain_params))
        }
        ValueKind::PhysicalName(a) => is_output(a, plain_params),
        ValueKind::Index { base, .. } => is_output(base, plain_params),
        ValueKind::Invoke(_) => true,
        ValueKind::Call { func, args } => ValueWriter::call_is_output(*func, args, plain_params),
        ValueKind::If {
            then, otherwise, ..
        } => {
            is_output(then, plain_params)
                || otherwise
                    .as_ref()
                    .is_some_and(|o| is_output(o, plain_params))
        }
        _ => false,
    }
}

/// The attribute name of a config key on `StackConfig` (clear of its own members).
pub fn config_field(key: &str) -> String {
    let f = names::field(key);
    if matches!(f.as_str(), "env" | "protect" | "name" | "for_env") {
        format!("{f}_")
    } else {
        f
    }
}

/// Where the code being generated lives.
pub enum Place {
    /// A module function (index into `Layout::modules`).
    Module(usize),
    /// A component's constructor (index into `Project::components`).
    Component(usize),
    /// `__main__.py`.
    Main,
}

pub struct ValueWriter<'a> {
    pub project: &'a Project,
    pub layout: &'a Layout,
    pub place: Place,
    pub imports: RefCell<Imports>,
    /// Whether the code read the stack configuration.
    pub uses_config: RefCell<bool>,
    plain_params: BTreeSet<String>,
}

impl<'a> ValueWriter<'a> {
    pub fn new(project: &'a Project, layout: &'a Layout, place: Place) -> Self {
        let plain_params = match &place {
            Place::Component(c) => layout.components[*c].plain_params.clone(),
            _ => BTreeSet::new(),
        };
        ValueWriter {
            project,
            layout,
            place,
            imports: RefCell::new(Imports::new()),
            uses_config: RefCell::new(false),
            plain_params,
        }
    }

    pub fn is_output(&self, v: &Value) -> bool {
        is_output(v, &self.plain_params)
    }

    fn cfg(&self) -> &'static str {
        *self.uses_config.borrow_mut() = true;
        CONFIG_VAR
    }

    pub fn import_provider(&self, token: &str) {
        import_provider(token, &mut self.imports.borrow_mut());
    }

    pub fn use_pulumi(&self) {
        self.imports.borrow_mut().import("pulumi");
    }

    /// The unit (index into `Layout::modules`) whose file this code is in; None for
    /// `__main__.py`.
    pub fn unit(&self) -> Option<usize> {
        match self.place {
            Place::Module(m) => Some(m),
            Place::Component(c) => Some(self.layout.components[c].module),
            Place::Main => None,
        }
    }

    /// Imports `name` of unit `target` from where this code is.
    pub fn import_unit(&self, target: usize, name: &str) {
        let from = self.layout.import_from(target, self.unit()).to_string();
        self.imports.borrow_mut().from(&from, name);
    }

    /// How to reach a module-level item's variable from here.
    fn module_item(&self, module: usize, var: &str) -> String {
        match self.place {
            Place::Module(m) if m == module => var.to_string(),
            Place::Component(c) if self.layout.components[c].module == module => var.to_string(),
            _ => format!("{}.{var}", self.layout.modules[module].var),
        }
    }

    /// The expression naming a resource.
    pub fn resource(&self, r: &ResourceRef) -> String {
        match r {
            ResourceRef::Resource(i) => {
                if let Some((m, var)) = self.layout.resource_home.get(i) {
                    return self.module_item(*m, var);
                }
                // A component's child, reached through its instance.
                let res = &self.project.resources[*i];
                let Some(k) = res.instance else {
                    return "None".into();
                };
                let inst = &self.project.instances[k];
                let pos = inst.children.iter().position(|c| c == i).unwrap_or(0);
                let attr = &self.layout.components[inst.component].children[pos];
                format!("{}.{attr}", self.instance(k))
            }
            ResourceRef::Sibling(n) => {
                let Place::Component(c) = self.place else {
                    return n.clone();
                };
                let comp = &self.project.components[c];
                let pos = comp
                    .resources
                    .iter()
                    .position(|r| &r.name == n)
                    .unwrap_or(0);
                format!("self.{}", self.layout.components[c].children[pos])
            }
            ResourceRef::Param(p) => format!("args.{}", names::field(p)),
            ResourceRef::Item(i, key) => {
                let whole = self.resource(&ResourceRef::Resource(*i));
                match key {
                    crate::ir::ItemKey::Literal(k) => format!("{whole}[{}]", string(k)),
                    crate::ir::ItemKey::Current(var) => {
                        format!("{whole}[{}]", super::loops::variable(var))
                    }
                }
            }
        }
    }

    pub fn instance(&self, k: usize) -> String {
        let (m, var) = &self.layout.instance_home[&k];
        self.module_item(*m, var)
    }

    pub fn stack(&self, name: &str) -> String {
        let i = self
            .project
            .stacks
            .iter()
            .position(|s| s.name == name)
            .unwrap_or(0);
        self.layout.stack_vars[i].clone()
    }

    pub fn value(&self, v: &Value) -> Doc {
        match &v.kind {
            ValueKind::Null => Doc::text("None"),
            ValueKind::Bool(b) => Doc::text(if *b { "True" } else { "False" }),
            ValueKind::Int(i) => Doc::text(i.to_string()),
            ValueKind::Number(n) => Doc::text(number(*n)),
            ValueKind::String(s) => Doc::text(string(s)),
            ValueKind::List(items) => Doc::list(items.iter().map(|i| self.value(i)).collect()),
            ValueKind::Object(fields) => self.object(fields, &v.ty),
            ValueKind::Interpolate(parts) => self.interpolate(parts, self.is_output(v)),
            ValueKind::Output {
                resource,
                attribute,
            } => Doc::text(format!(
                "{}.{}",
                self.resource(resource),
                names::property(attribute)
            )),
            ValueKind::Resource(r) => Doc::text(self.resource(r)),
            ValueKind::EachKey(n) | ValueKind::EachValue(n) => Doc::text(super::loops::variable(n)),
            ValueKind::Config(key) => Doc::text(format!("{}.{}", self.cfg(), config_field(key))),
            ValueKind::Env(EnvAttr::Name) => Doc::text(format!("{}.env", self.cfg())),
            ValueKind::Env(EnvAttr::Protect) => Doc::text(format!("{}.protect", self.cfg())),
            ValueKind::PerEnv { cases, default } => self.per_env(cases, default.as_deref()),
            ValueKind::PhysicalName(arg) => self.physical_name(arg),
            ValueKind::StackOutput { stack, output } => {
                Doc::text(format!("{}.{}", self.stack(stack), names::field(output)))
            }
            ValueKind::Param(p) => Doc::text(format!("args.{}", names::field(p))),
            ValueKind::FileAsset(p) => {
                self.use_pulumi();
                Doc::call("pulumi.FileAsset", vec![Doc::text(string(p))])
            }
            ValueKind::FileArchive(p) => {
                self.use_pulumi();
                Doc::call("pulumi.FileArchive", vec![Doc::text(string(p))])
            }
            ValueKind::AssetArchive(entries) => {
                self.use_pulumi();
                let items = entries
                    .iter()
                    .map(|(path, e)| (path.clone(), self.value(e)))
                    .collect();
                Doc::call("pulumi.AssetArchive", vec![Doc::dict(items)])
            }
            ValueKind::InstanceOutput { instance, output } => Doc::text(format!(
                "{}.{}",
                self.instance(*instance),
                names::field(output)
            )),
            ValueKind::Call { func, args } => self.call(*func, args),
            ValueKind::Index { base, key } => self.index(base, key),
            ValueKind::Invoke(call) => self.invoke(call),
            ValueKind::Not(_) | ValueKind::Binary { .. } => Doc::text(self.condition(v)),
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => self.if_value(cond, then, otherwise.as_deref()),
        }
    }

    fn object(&self, fields: &[(String, Value)], ty: &Type) -> Doc {
        let present = fields
            .iter()
            .filter(|(_, v)| !matches!(v.kind, ValueKind::Null));
        match ty {
            Type::Object(token) => {
                self.import_provider(token);
                Doc::call(
                    names::sdk_name(token, "Args"),
                    present
                        .map(|(k, v)| Doc::kwarg(&names::property(k), self.value(v)))
                        .collect(),
                )
            }
            _ => Doc::dict(present.map(|(k, v)| (k.clone(), self.value(v))).collect()),
        }
    }

    /// A string built from parts: an f-string when everything is known before deployment,
    /// else `pulumi.Output.concat` (or `pulumi.Output.format` when a part is not a string).
    fn interpolate(&self, parts: &[Part], output: bool) -> Doc {
        if output {
            self.use_pulumi();
            let all_strings = parts.iter().all(|p| match p {
                Part::Text(_) => true,
                Part::Value(v) => v.ty == Type::String,
            });
            if all_strings {
                let args = parts
                    .iter()
                    .filter(|p| !matches!(p, Part::Text(t) if t.is_empty()))
                    .map(|p| match p {
                        Part::Text(t) => Doc::text(string(t)),
                        Part::Value(v) => self.value(v),
                    })
                    .collect();
                return Doc::call("pulumi.Output.concat", args);
            }
            let mut format = String::new();
            let mut args = Vec::new();
            for p in parts {
                match p {
                    Part::Text(t) => format.push_str(&t.replace('{', "{{").replace('}', "}}")),
                    Part::Value(v) => {
                        format.push_str(&format!("{{{}}}", args.len()));
                        args.push(self.value(v));
                    }
                }
            }
            args.insert(0, Doc::text(string(&format)));
            return Doc::call("pulumi.Output.format", args);
        }
        let mut fparts: Vec<(bool, String)> = Vec::new();
        let mut simple = true;
        for p in parts {
            match p {
                Part::Text(t) => fparts.push((false, t.clone())),
                Part::Value(v) => {
                    let code = self.value(v).flat();
                    if code.contains(['"', '\'', '\n', '{', '}', '\\']) {
                        simple = false;
                    }
                    let code = if v.ty == Type::Bool {
                        format!("str({code}).lower()")
                    } else {
                        code
                    };
                    fparts.push((true, code));
                }
            }
        }
        if simple {
            if fparts.iter().all(|(code, _)| !code) {
                return Doc::text(string(
                    &fparts.iter().map(|(_, t)| t.as_str()).collect::<String>(),
                ));
            }
            return Doc::text(fstring(&fparts));
        }
        let items = parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => Doc::text(string(t)),
                Part::Value(v) if v.ty == Type::String => self.value(v),
                Part::Value(v) => Doc::call("str", vec![self.value(v)]),
            })
            .collect();
        Doc::call("\"\".join", vec![Doc::list(items)])
    }

    /// `cfg.for_env({...})`: every environment's value, spelled out.
    fn per_env(
        &self,
        cases: &std::collections::BTreeMap<String, Value>,
        default: Option<&Value>,
    ) -> Doc {
        let values: Vec<(String, Option<&Value>)> = self
            .project
            .envs
            .iter()
            .map(|e| (e.name.clone(), cases.get(&e.name).or(default)))
            .collect();
        let mixed = values
            .iter()
            .any(|(_, v)| v.is_some_and(|v| self.is_output(v)))
            && values
                .iter()
                .any(|(_, v)| v.is_none_or(|v| !self.is_output(v)));
        let items = values
            .into_iter()
            .map(|(env, v)| {
                let doc = v
                    .map(|v| self.value(v))
                    .unwrap_or_else(|| Doc::text("None"));
                let doc = if mixed && v.is_none_or(|v| !self.is_output(v)) {
                    self.use_pulumi();
                    Doc::call("pulumi.Output.from_input", vec![doc])
                } else {
                    doc
                };
                (env, doc)
            })
            .collect();
        Doc::call(format!("{}.for_env", self.cfg()), vec![Doc::dict(items)])
    }

    /// `name("x")`: `cfg.name("x")`; for a name only known at deployment, the naming pattern
    /// spelled out as a `pulumi.Output.concat`.
    fn physical_name(&self, arg: &Value) -> Doc {
        if !self.is_output(arg) {
            return Doc::call(format!("{}.name", self.cfg()), vec![self.value(arg)]);
        }
        self.use_pulumi();
        let cfg = self.cfg();
        let parts = self
            .project
            .naming
            .iter()
            .filter(|p| !matches!(p, NamePart::Text(t) if t.is_empty()))
            .map(|p| match p {
                NamePart::Text(t) => Doc::text(string(t)),
                NamePart::Name => self.value(arg),
                NamePart::Project => Doc::text("pulumi.get_project()"),
                NamePart::Env => Doc::text(format!("{cfg}.env")),
                NamePart::Config(k) => Doc::text(format!("{cfg}.{}", config_field(k))),
            })
            .collect();
        Doc::call("pulumi.Output.concat", parts)
    }
}

/// A float literal as Python writes it.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e16 {
        format!("{n:.1}")
    } else {
        format!("{n}")
    }
}
