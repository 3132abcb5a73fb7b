//! Looped resources: `resource K name for key, item in COLLECTION { ... }` creates one resource
//! per key of a map (or string of a list), named `<name>-<key>`; `name["key"]` and
//! `name[key]` read one item, `name` alone (in `depends_on`) all of them. Collections are
//! known before deployment, so the checker knows every environment's keys.

use super::expr::Ctx;
use super::project::{ParsedFile, ProjectChecker};
use crate::diag::{LoopProblem, Problem};
use crate::ir::{self, Each, ItemKey, ResourceRef, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{Expr, ForClause, Ident, Item};

/// Names the generated modules use for config, imports and their own locals.
const GENERATED_NAMES: [&str; 18] = [
    "config",
    "env",
    "pulumi",
    "utils",
    "fmt",
    "strings",
    "maps",
    "slices",
    "created",
    "err",
    "ok",
    "ctx",
    "cfg",
    "args",
    "settings",
    "environment",
    "resources",
    "self",
];

/// The loop whose body is being lowered.
#[derive(Debug, Clone)]
pub(super) struct EachScope {
    pub key: String,
    pub item: Option<String>,
    pub each: Each,
}

impl ProjectChecker<'_> {
    /// Lowers every top-level resource's `for` before any body, so that item references check
    /// against loops declared later.
    pub(super) fn lower_resource_loops(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                match item {
                    Item::Resource(r) => {
                        let Some(each) = &r.each else { continue };
                        if let Some(b) = r.bindings.first() {
                            self.report(LoopProblem::BindingInLoop { span: b.span });
                        }
                        let Some(idx) = self.declared_resource(&module, &r.name) else {
                            continue;
                        };
                        let ctx = Ctx::module(&module);
                        for var in std::iter::once(&each.key).chain(&each.item) {
                            self.check_variable_name(&module, var);
                        }
                        let lowered = self.lower_for(each, &ctx);
                        // An invalid loop still binds its variables (as `any`), so that the
                        // body reports only its own problems.
                        let scope = EachScope {
                            key: each.key.name.clone(),
                            item: each.item.as_ref().map(|i| i.name.clone()),
                            each: lowered.clone().unwrap_or(Each {
                                key: each.key.name.clone(),
                                item: each.item.as_ref().map(|i| i.name.clone()),
                                collection: Value::null(),
                            }),
                        };
                        self.loop_scopes.insert(idx, scope);
                        self.project.resources[idx].each = lowered;
                    }
                    Item::Component(c) => {
                        for r in &c.resources {
                            if let Some(each) = &r.each {
                                self.report(LoopProblem::ForInComponent { span: each.span });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A loop variable shares the generated scope of its module's declarations and imports.
    fn check_variable_name(&mut self, module: &str, var: &Ident) {
        let name = var.name.as_str();
        let syms = &self.modules[module];
        let what = if syms.resources.contains_key(name) {
            Some("a resource of this module")
        } else if syms.instances.contains_key(name) {
            Some("a component instance of this module")
        } else if self.lets.get(module).is_some_and(|l| l.contains_key(name)) {
            Some("a `let` of this module")
        } else if self.modules.contains_key(name) {
            Some("a module")
        } else if self.components.contains_key(name) {
            Some("a component")
        } else if self.stacks.contains_key(name) {
            Some("a stack reference")
        } else if self.declared_providers.contains(name) {
            Some("a provider package")
        } else if GENERATED_NAMES.contains(&name) {
            Some("a local or import of the generated code")
        } else {
            None
        };
        if let Some(what) = what {
            self.report(LoopProblem::VariableClash {
                span: var.span,
                name: name.to_string(),
                what: what.to_string(),
            });
        }
    }

    fn report(&mut self, p: LoopProblem) {
        self.sink.report(Problem::Loop(p));
    }

    fn lower_for(&mut self, f: &ForClause, ctx: &Ctx) -> Option<Each> {
        if let Some(item) = &f.item
            && item.name == f.key.name
        {
            self.report(LoopProblem::SameVariable {
                span: item.span,
                name: item.name.clone(),
            });
        }
        let mut collection = self.lower(&f.collection, &Type::Any, ctx, "a loop's collection");
        if let ValueKind::Object(fields) = &collection.kind
            && collection.ty == Type::Map(Box::new(Type::Any))
        {
            // A map literal: its values' common type.
            let mut types: Vec<&Type> = fields.iter().map(|(_, v)| &v.ty).collect();
            types.dedup();
            if let [one] = types.as_slice() {
                collection.ty = Type::Map(Box::new((*one).clone()));
            }
        }
        let span = f.collection.span;
        if let Some(reads) = self.unknown_read(&collection) {
            self.report(LoopProblem::CollectionNotKnown { span, reads });
            return None;
        }
        match &collection.ty {
            Type::Map(t) if matches!(**t, Type::String | Type::Int | Type::Number | Type::Bool) => {
            }
            Type::List(t) if **t == Type::String => {}
            Type::Any => return None,
            other => {
                let found = match other {
                    Type::List(t) => format!("a list of {t}"),
                    other => other.to_string(),
                };
                self.report(LoopProblem::NotKeyed { span, found });
                return None;
            }
        }
        if f.item.is_some() && !matches!(collection.ty, Type::Map(_)) {
            self.report(LoopProblem::NotKeyed {
                span,
                found: "a list with two loop variables (a list's string is its key)".into(),
            });
            return None;
        }
        let each = Each {
            key: f.key.name.clone(),
            item: f.item.as_ref().map(|i| i.name.clone()),
            collection,
        };
        self.check_duplicate_keys(&each, f, span);
        Some(each)
    }

    /// A list with a string twice: in a literal, or in some environment's config value.
    fn check_duplicate_keys(&mut self, each: &Each, f: &ForClause, span: Span) {
        if each.is_map() {
            return;
        }
        if let Expr {
            kind: crate::syntax::ast::ExprKind::List(items),
            ..
        } = &f.collection
        {
            let mut seen = std::collections::BTreeSet::new();
            for (item, e) in items.iter().zip(items) {
                if let crate::syntax::ast::ExprKind::Str(parts) = &item.kind
                    && let [crate::syntax::ast::StrPart::Text(t)] = parts.as_slice()
                    && !seen.insert(t.clone())
                {
                    self.report(LoopProblem::DuplicateKey {
                        span: e.span,
                        key: t.clone(),
                        env: None,
                    });
                    return;
                }
            }
        }
        for env in self.project.envs.clone() {
            let Some(eval) = ir::plan::Evaluator::new(&self.project, &env.name) else {
                continue;
            };
            let mut seen = std::collections::BTreeSet::new();
            if let serde_json::Value::Array(items) = eval.value(&each.collection) {
                for i in items {
                    let k = ir::plan::text(&i);
                    if !seen.insert(k.clone()) {
                        self.report(LoopProblem::DuplicateKey {
                            span,
                            key: k,
                            env: Some(env.name.clone()),
                        });
                        return;
                    }
                }
            }
        }
    }

    /// What a value reads that is known only after deployment, described.
    fn unknown_read(&self, v: &Value) -> Option<String> {
        let mut reads = None;
        v.walk(&mut |x| {
            if reads.is_some() {
                return;
            }
            reads = match &x.kind {
                ValueKind::Output { attribute, .. } => {
                    Some(format!("a resource output (`{attribute}`)"))
                }
                ValueKind::Resource(_) => Some("a resource".into()),
                ValueKind::InstanceOutput { output, .. } => {
                    Some(format!("a component output (`{output}`)"))
                }
                ValueKind::StackOutput { stack, output } => {
                    Some(format!("the stack reference output `{stack}.{output}`"))
                }
                ValueKind::Config(k) if x.secret => Some(format!("the secret config key `{k}`")),
                ValueKind::EachKey(_) | ValueKind::EachValue(_) => {
                    Some("another loop's variable".into())
                }
                _ => None,
            };
        });
        reads
    }

    /// The loop scope of resource `idx`'s body, if it is looped.
    pub(super) fn each_scope_of(&self, idx: usize) -> Option<EachScope> {
        self.loop_scopes.get(&idx).cloned()
    }

    /// `region` or `cidr` inside a loop's body.
    pub(super) fn loop_variable(&mut self, segs: &[Ident]) -> Option<Value> {
        let scope = self.each_scope.as_ref()?;
        let head = &segs[0].name;
        let v = if *head == scope.key {
            let ty = if scope.each.collection.ty == Type::Any {
                Type::Any
            } else {
                Type::String
            };
            Value::new(ValueKind::EachKey(head.clone()), ty)
        } else if scope.item.as_deref() == Some(head.as_str()) {
            let mut v = Value::new(ValueKind::EachValue(head.clone()), scope.each.item_type());
            v.secret = scope.each.collection.secret;
            v
        } else {
            return None;
        };
        if segs.len() > 1 {
            let last = &segs[segs.len() - 1];
            self.sink.report(Problem::UnknownAttribute {
                span: segs[1].span.to(last.span),
                target: head.clone(),
                attribute: segs[1..]
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join("."),
                suggestion: None,
            });
            return Some(Value::null());
        }
        Some(v)
    }

    /// `name[key]`, then attributes: one item of a looped resource.
    pub(super) fn lower_item(
        &mut self,
        span: Span,
        target: &[Ident],
        key: &Expr,
        attrs: &[Ident],
        ctx: &Ctx,
    ) -> Value {
        self.naming_item = true;
        let whole = self.resolve_path(target, span, ctx);
        self.naming_item = false;
        let idx = match whole.kind {
            ValueKind::Resource(ResourceRef::Resource(i)) if self.project.is_looped(i) => i,
            ValueKind::Null => return Value::null(),
            ValueKind::Resource(_) => {
                let name = target
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(".");
                self.report(LoopProblem::NotLooped { span, name });
                return Value::null();
            }
            _ => {
                // `[...]` after a value that is not a resource: indexing.
                let end = attrs
                    .first()
                    .map_or(span.end, |a| a.span.start.saturating_sub(1));
                let start = key.span.start.saturating_sub(1);
                let at = Span {
                    file: span.file,
                    start,
                    end: end.max(key.span.end + 1),
                };
                self.sink
                    .report(Problem::Access(crate::diag::AccessProblem::NotIndexable {
                        span: at,
                        ty: whole.ty.to_string(),
                        field: false,
                    }));
                return Value::null();
            }
        };
        let name = self.project.resources[idx].name.clone();
        let k = self.lower(key, &Type::String, ctx, "an item key");
        let item_key = match &k.kind {
            ValueKind::String(s) => {
                self.check_key_exists(idx, s, key.span);
                ItemKey::Literal(s.clone())
            }
            ValueKind::EachKey(var)
                if self.each_scope.as_ref().map(|s| &s.each.collection)
                    == self.project.resources[idx]
                        .each
                        .as_ref()
                        .map(|e| &e.collection) =>
            {
                ItemKey::Current(var.clone())
            }
            ValueKind::Null => return Value::null(),
            _ => {
                self.report(LoopProblem::KeyNotLiteral {
                    span: key.span,
                    resource: name,
                });
                return Value::null();
            }
        };
        let token = self.project.resources[idx].kind.token.clone();
        let r = ResourceRef::Item(idx, item_key);
        match attrs {
            [] => Value::new(ValueKind::Resource(r), Type::Resource(token)),
            [attr] => self.attribute(r, &token, &name, attr),
            [_, rest @ ..] => {
                let last = rest.last().unwrap_or(&attrs[0]);
                self.sink.report(Problem::UnknownAttribute {
                    span: attrs[1].span.to(last.span),
                    target: format!("{name}[...].{}", attrs[0].name),
                    attribute: attrs[1..]
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join("."),
                    suggestion: None,
                });
                Value::null()
            }
        }
    }

    /// A literal key must be a key of the collection in every environment where the looped
    /// resource exists.
    fn check_key_exists(&mut self, idx: usize, key: &str, span: Span) {
        let literal = self.project.resources[idx]
            .each
            .as_ref()
            .is_some_and(|e| e.collection.is_plain_literal());
        for env in self.project.envs.clone() {
            let Some(eval) = ir::plan::Evaluator::new(&self.project, &env.name) else {
                continue;
            };
            if !eval.exists(&self.project.resources[idx]) {
                continue;
            }
            let keys: Vec<String> = eval.keys(idx).into_iter().map(|(k, _)| k).collect();
            if !keys.iter().any(|k| k == key) {
                self.report(LoopProblem::UnknownKey {
                    span,
                    resource: self.project.resources[idx].name.clone(),
                    key: key.to_string(),
                    env: (!literal).then(|| env.name.clone()),
                    keys,
                });
                return;
            }
        }
    }

    /// A looped resource named where one resource is wanted.
    pub(super) fn check_whole_collection(&mut self, idx: usize, span: Span, attribute: bool) {
        if self.project.is_looped(idx)
            && (attribute || !(self.naming_item || self.allow_collection))
        {
            self.report(LoopProblem::WholeCollection {
                span,
                name: self.project.resources[idx].name.clone(),
            });
        }
    }
}
