//! `config.zones[1]`, `config.labels["team"]`, `cert.domain_validation_options[0]
//! .resource_record_name`, `zone.zone_id`: items of lists and maps and properties of objects,
//! typed from the schema. An item of a literal is computed here; one of a config value is
//! checked to exist in every environment; one of a value known only after deployment is an
//! output transform (`ValueKind::Index`).

use heck::{ToLowerCamelCase, ToSnakeCase};

use super::expr::{Ctx, find_prop, snake_names};
use super::project::ProjectChecker;
use crate::diag::{AccessProblem, Problem, did_you_mean};
use crate::ir::plan::Evaluator;
use crate::ir::{IndexKey, Type, Value, ValueKind, short_token};
use crate::syntax::Span;
use crate::syntax::ast::{Expr, ExprKind, Ident, StrPart};

impl ProjectChecker<'_> {
    /// `base[index]` or `base.name` (after an index or a call).
    pub(super) fn lower_access(&mut self, e: &Expr, ctx: &Ctx, what: &str) -> Value {
        if ctx.literal {
            self.sink.report(Problem::NotConstant {
                span: e.span,
                what: what.to_string(),
            });
            return Value::null();
        }
        match &e.kind {
            ExprKind::Index { base, index } => {
                let b = self.lower_base(base, ctx, what);
                self.index(b, index, e.span)
            }
            ExprKind::Field { base, name } => {
                let b = self.lower_base(base, ctx, what);
                self.field(b, name, e.span)
            }
            _ => unreachable!("lower_access on an expression that is no access"),
        }
    }

    fn lower_base(&mut self, base: &Expr, ctx: &Ctx, what: &str) -> Value {
        self.whole_result_ok = true;
        let v = self.lower(base, &Type::Any, ctx, what);
        self.whole_result_ok = false;
        v
    }

    /// `.a.b` after a reference (`cert.options.name`, `zone.zone_id`): one property each.
    pub(super) fn fields(&mut self, mut v: Value, rest: &[Ident]) -> Value {
        for name in rest {
            let span = name.span;
            v = self.field(v, name, span);
        }
        v
    }

    fn index(&mut self, b: Value, index: &Expr, span: Span) -> Value {
        if b.kind == ValueKind::Null && b.ty == Type::Any {
            return b;
        }
        let int = match &index.kind {
            ExprKind::Int(n) => Some(*n),
            _ => None,
        };
        let text = match &index.kind {
            ExprKind::Str(parts) => match parts.as_slice() {
                [] => Some(String::new()),
                [StrPart::Text(t)] => Some(t.clone()),
                _ => None,
            },
            _ => None,
        };
        let wrong = |s: &mut Self, reason: &str| {
            s.sink.report(Problem::Access(AccessProblem::WrongKey {
                span: index.span,
                reason: reason.to_string(),
            }));
            Value::null()
        };
        let (key, ty) = match (&b.ty, int, text) {
            (Type::List(_), Some(n), _) if n < 0 => {
                return wrong(self, &format!("`{n}` is negative; items count from 0"));
            }
            (Type::List(t), Some(n), _) => (IndexKey::Item(n as usize), (**t).clone()),
            (Type::List(_), None, Some(_)) => {
                return wrong(self, "a list is indexed by an integer, not a string");
            }
            (Type::List(_), None, None) => {
                return wrong(self, "a list is indexed by an integer literal");
            }
            (Type::Map(t), _, Some(k)) => (IndexKey::Key(k), (**t).clone()),
            (Type::Map(_), Some(_), _) => {
                return wrong(self, "a map is indexed by a string, not an integer");
            }
            (Type::Map(_), None, None) => {
                return wrong(self, "a map is indexed by a string literal");
            }
            (Type::Any, Some(n), _) if n >= 0 => (IndexKey::Item(n as usize), Type::Any),
            (Type::Any, _, Some(k)) => (IndexKey::Key(k), Type::Any),
            (Type::Any, _, _) => return wrong(self, "an index is an integer or string literal"),
            (Type::Object(_), _, _) => {
                return wrong(
                    self,
                    "an object's properties are read with `.name`, not `[...]`",
                );
            }
            (other, _, _) => {
                self.sink
                    .report(Problem::Access(AccessProblem::NotIndexable {
                        span: index.span,
                        ty: other.to_string(),
                        field: false,
                    }));
                return Value::null();
            }
        };
        let secret = b.secret;
        self.step(b, key, ty, secret, span)
    }

    fn field(&mut self, b: Value, name: &Ident, span: Span) -> Value {
        if b.kind == ValueKind::Null && b.ty == Type::Any {
            return b;
        }
        match &b.ty {
            Type::Object(token) => {
                let token = token.clone();
                let Some(props) = self.object_properties(&token) else {
                    // An object type the schema does not describe: untyped.
                    let key = IndexKey::Field(name.name.to_lower_camel_case());
                    let secret = b.secret;
                    return self.step(b, key, Type::Any, secret, span);
                };
                match find_prop(&props, &name.name) {
                    Some((camel, prop)) => {
                        let (key, ty) = (IndexKey::Field(camel.clone()), prop.ty.clone());
                        let secret = b.secret || prop.secret;
                        self.step(b, key, ty, secret, span)
                    }
                    None => {
                        self.sink
                            .report(Problem::Access(AccessProblem::UnknownField {
                                span: name.span,
                                object: format!("`{}`", short_token(&token)),
                                field: name.name.clone(),
                                suggestion: did_you_mean(
                                    &name.name,
                                    snake_names(&props).iter().map(String::as_str),
                                ),
                            }));
                        Value::null()
                    }
                }
            }
            Type::Any => {
                let key = IndexKey::Field(name.name.to_lower_camel_case());
                let secret = b.secret;
                self.step(b, key, Type::Any, secret, span)
            }
            Type::Map(_) => {
                self.sink.report(Problem::Access(AccessProblem::WrongKey {
                    span: name.span,
                    reason: format!(
                        "a map's items are read with `[\"{}\"]`, not `.{}`",
                        name.name, name.name
                    ),
                }));
                Value::null()
            }
            other => {
                self.sink
                    .report(Problem::Access(AccessProblem::NotIndexable {
                        span: name.span,
                        ty: other.to_string(),
                        field: true,
                    }));
                Value::null()
            }
        }
    }

    /// The properties of an object type, or of a data source's result (by function token).
    fn object_properties(
        &self,
        token: &str,
    ) -> Option<std::collections::BTreeMap<String, super::schema::Property>> {
        if let Some(f) = self.schemas.function(token) {
            return Some(f.outputs.properties.clone());
        }
        self.schemas
            .object_type(token)
            .map(|o| o.properties.clone())
    }

    /// One step into `b`: computed when `b` is a literal, checked per environment when it is
    /// known before deployment, an output transform otherwise.
    fn step(&mut self, b: Value, key: IndexKey, ty: Type, secret: bool, span: Span) -> Value {
        if b.is_plain_literal() {
            return match literal_item(&b, &key) {
                Some(v) => v,
                None => {
                    self.sink.report(Problem::Access(AccessProblem::Missing {
                        span,
                        reason: format!("the value has no item {}", describe(&key)),
                    }));
                    Value::null()
                }
            };
        }
        let indexed = Value {
            kind: ValueKind::Index {
                base: Box::new(b),
                key: key.clone(),
            },
            ty,
            secret,
        };
        if known_before_deployment(&indexed) && !matches!(key, IndexKey::Field(_)) {
            let mut missing = Vec::new();
            for env in &self.project.envs {
                let Some(eval) = Evaluator::new(&self.project, &env.name) else {
                    continue;
                };
                let base = match &indexed.kind {
                    ValueKind::Index { base, .. } => eval.value(base),
                    _ => continue,
                };
                if !base.is_null() && eval.value(&indexed).is_null() {
                    missing.push(format!("`{}`", env.name));
                }
            }
            if !missing.is_empty() {
                self.sink.report(Problem::Access(AccessProblem::Missing {
                    span,
                    reason: format!("{} is missing in {}", describe(&key), missing.join(", ")),
                }));
                return Value::null();
            }
        }
        indexed
    }
}

fn describe(key: &IndexKey) -> String {
    match key {
        IndexKey::Item(i) => format!("`[{i}]`"),
        IndexKey::Key(k) => format!("`[\"{k}\"]`"),
        IndexKey::Field(f) => format!("`.{}`", f.to_snake_case()),
    }
}

/// The item of a literal list or object.
fn literal_item(v: &Value, key: &IndexKey) -> Option<Value> {
    match (&v.kind, key) {
        (ValueKind::List(items), IndexKey::Item(i)) => items.get(*i).cloned(),
        (ValueKind::Object(fields), IndexKey::Key(k) | IndexKey::Field(k)) => {
            fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        }
        _ => None,
    }
}

/// True when nothing in the value is known only after deployment (config, env and literals):
/// an item of it can be checked in every environment.
fn known_before_deployment(v: &Value) -> bool {
    let mut known = true;
    v.walk(&mut |x| {
        if matches!(
            x.kind,
            ValueKind::Output { .. }
                | ValueKind::StackOutput { .. }
                | ValueKind::InstanceOutput { .. }
                | ValueKind::Param(_)
                | ValueKind::Invoke(_)
                | ValueKind::Resource(_)
        ) {
            known = false;
        }
    });
    known && !v.secret
}

/// `target[key].attrs` as parsed for an item of a looped resource (`ExprKind::Item`), as the
/// index and properties of the value `target` names.
pub(super) fn as_access(target: &[Ident], key: &Expr, attrs: &[Ident]) -> Expr {
    let base_span = target[0].span.to(target[target.len() - 1].span);
    let mut e = Expr {
        kind: ExprKind::Path(target.to_vec()),
        span: base_span,
    };
    let span = base_span.to(key.span);
    e = Expr {
        kind: ExprKind::Index {
            base: Box::new(e),
            index: Box::new(key.clone()),
        },
        span: Span {
            end: span.end + 1,
            ..span
        },
    };
    for a in attrs {
        let span = e.span.to(a.span);
        e = Expr {
            kind: ExprKind::Field {
                base: Box::new(e),
                name: a.clone(),
            },
            span,
        };
    }
    e
}

impl ProjectChecker<'_> {
    /// Whether `target` (before `[...]`) names a resource: `name` of this module or a
    /// component sibling, or `module.name`; otherwise `[...]` indexes a value.
    pub(super) fn names_resource(&self, target: &[Ident], ctx: &Ctx) -> bool {
        let head = &target[0].name;
        let in_module = |m: &str, n: &str| {
            self.modules
                .get(m)
                .is_some_and(|syms| syms.resources.contains_key(n))
        };
        match target {
            [_] => {
                in_module(ctx.module, head)
                    || ctx.component.is_some_and(|c| c.siblings.contains_key(head))
            }
            [module, name] => {
                !in_module(ctx.module, head)
                    && self.modules.contains_key(&module.name)
                    && in_module(&module.name, &name.name)
            }
            _ => false,
        }
    }
}
