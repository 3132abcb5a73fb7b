//! Typed values as the checker resolved them.

use std::collections::BTreeMap;

use super::{Builtin, IndexKey, Invoke, Type};

pub use crate::syntax::ast::BinOp;

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub ty: Type,
    /// True when the value is secret (a secret config key, or derived from one).
    pub secret: bool,
}

/// Which resource a reference points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceRef {
    /// A top-level resource, by index into `Project::resources`.
    Resource(usize),
    /// A sibling inside a component template, by its name there.
    Sibling(String),
    /// A component parameter of resource type, inside a component template.
    Param(String),
    /// One item of a looped resource (`subnet["us-central1"]`, `subnet[region]`).
    Item(usize, super::ItemKey),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvAttr {
    /// The environment (= stack) name.
    Name,
    /// The environment's `protect` policy.
    Protect,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Value(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Null,
    Bool(bool),
    Int(i64),
    Number(f64),
    String(String),
    List(Vec<Value>),
    /// Object literal; `ty` says whether it is a schema object (`Type::Object`) or a map.
    Object(Vec<(String, Value)>),
    /// String interpolation.
    Interpolate(Vec<Part>),
    /// An output of a resource (`attribute` is the schema's camelCase name; `id` and `urn` too).
    Output {
        resource: ResourceRef,
        attribute: String,
    },
    /// A whole resource (a component argument or a list of them).
    Resource(ResourceRef),
    /// A config key, read from stack config at run time.
    Config(String),
    Env(EnvAttr),
    /// A value chosen by environment.
    PerEnv {
        cases: BTreeMap<String, Value>,
        default: Option<Box<Value>>,
    },
    /// `name("x")`: the project's naming pattern applied to the argument.
    PhysicalName(Box<Value>),
    /// An output of a stack reference, by stack declaration name and output field name.
    StackOutput {
        stack: String,
        output: String,
    },
    /// A component parameter, inside a component template.
    Param(String),
    /// `file_asset("path")`: a file shipped with the program (path relative to the project).
    FileAsset(String),
    /// `file_archive("path")`: a directory or archive shipped with the program.
    FileArchive(String),
    /// `archive({ "index.js" = file_asset("app/index.js"), "lib" = file_archive("app/lib") })`:
    /// an archive of files and folders by their path in it (entries are `FileAsset` and
    /// `FileArchive` values), sorted by path.
    AssetArchive(Vec<(String, Value)>),
    /// An output of a component instance.
    InstanceOutput {
        instance: usize,
        output: String,
    },
    /// A built-in function of values not all known when infragen runs (otherwise the checker
    /// has already computed it). Only the first argument may be unknown until deployment.
    Call {
        func: Builtin,
        args: Vec<Value>,
    },
    /// `!a`; the operand is a bool known before deployment.
    Not(Box<Value>),
    /// An item of a list or map, or a property of an object: of config values, resource
    /// outputs, data source results. (Indexing a literal is computed by the checker.)
    Index {
        base: Box<Value>,
        key: IndexKey,
    },
    /// A data source called with its arguments; only its properties are read
    /// (`ValueKind::Index` with `IndexKey::Field`), never the whole result.
    Invoke(Box<Invoke>),
    /// `a == b`, `a != b`, `a && b`, `a || b`; operands known before deployment.
    Binary {
        op: BinOp,
        left: Box<Value>,
        right: Box<Value>,
    },
    /// The key of the loop being run (`for key, item in ...`): a map's key or a list's string.
    /// Holds the variable's DSL name.
    EachKey(String),
    /// The value of the map entry the loop is at (`item` in `for key, item in ...`), by the
    /// variable's DSL name.
    EachValue(String),
    /// `if cond { then } else { otherwise }`: `cond` is a bool known before deployment;
    /// without `else` the value is absent (null) where `cond` does not hold.
    If {
        cond: Box<Value>,
        then: Box<Value>,
        otherwise: Option<Box<Value>>,
    },
}

impl Value {
    pub fn new(kind: ValueKind, ty: Type) -> Self {
        Value {
            kind,
            ty,
            secret: false,
        }
    }

    pub fn string(s: impl Into<String>) -> Self {
        Value::new(ValueKind::String(s.into()), Type::String)
    }

    pub fn null() -> Self {
        Value::new(ValueKind::Null, Type::Any)
    }

    /// Every resource this value reads outputs from (or names), in order of appearance.
    pub fn referenced_resources(&self, out: &mut Vec<ResourceRef>) {
        self.walk(&mut |v| match &v.kind {
            ValueKind::Output { resource, .. } | ValueKind::Resource(resource) => {
                out.push(resource.clone())
            }
            _ => {}
        });
    }

    /// Calls `f` on this value and every value nested in it.
    pub fn walk(&self, f: &mut dyn FnMut(&Value)) {
        self.walk_in(None, f);
    }

    /// Like [`Value::walk`], but in environment `env` only the branch a per-environment value
    /// takes there is visited; with `None`, every branch.
    pub fn walk_in(&self, env: Option<&str>, f: &mut dyn FnMut(&Value)) {
        f(self);
        match &self.kind {
            ValueKind::List(items) => items.iter().for_each(|v| v.walk_in(env, f)),
            ValueKind::Object(fields) => fields.iter().for_each(|(_, v)| v.walk_in(env, f)),
            ValueKind::Interpolate(parts) => parts.iter().for_each(|p| {
                if let Part::Value(v) = p {
                    v.walk_in(env, f)
                }
            }),
            ValueKind::PerEnv { cases, default } => match env {
                Some(env) => {
                    if let Some(v) = cases.get(env).or(default.as_deref()) {
                        v.walk_in(Some(env), f)
                    }
                }
                None => {
                    cases.values().for_each(|v| v.walk_in(None, f));
                    if let Some(d) = default {
                        d.walk_in(None, f)
                    }
                }
            },
            ValueKind::Call { args, .. } => args.iter().for_each(|v| v.walk_in(env, f)),
            ValueKind::PhysicalName(v) | ValueKind::Not(v) => v.walk_in(env, f),
            ValueKind::Index { base, .. } => base.walk_in(env, f),
            ValueKind::Invoke(call) => call.args.iter().for_each(|(_, v)| v.walk_in(env, f)),
            ValueKind::Binary { left, right, .. } => {
                left.walk_in(env, f);
                right.walk_in(env, f);
            }
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => {
                cond.walk_in(env, f);
                then.walk_in(env, f);
                if let Some(o) = otherwise {
                    o.walk_in(env, f)
                }
            }
            _ => {}
        }
    }

    /// True when the value is known at compile time for every environment (no outputs, no
    /// config read at run time).
    pub fn is_plain_literal(&self) -> bool {
        let mut plain = true;
        self.walk(&mut |v| {
            if !matches!(
                v.kind,
                ValueKind::Null
                    | ValueKind::Bool(_)
                    | ValueKind::Int(_)
                    | ValueKind::Number(_)
                    | ValueKind::String(_)
                    | ValueKind::List(_)
                    | ValueKind::Object(_)
                    | ValueKind::Interpolate(_)
                    | ValueKind::FileAsset(_)
                    | ValueKind::FileArchive(_)
                    | ValueKind::AssetArchive(_)
            ) {
                plain = false;
            }
        });
        plain
    }
}
