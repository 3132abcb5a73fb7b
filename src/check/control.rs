//! Conditions: the operators `!`, `==`, `!=`, `&&`, `||`, `if` values and `when` on resources.
//! Conditions are decided before deployment (config, environment, literals), so the generated
//! program tests them with plain `if`s and `plan` evaluates them per environment.

use super::expr::Ctx;
use super::project::{ParsedFile, ProjectChecker};
use crate::diag::Problem;
use crate::ir::{BinOp, ResourceRef, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{Expr, Item};

impl ProjectChecker<'_> {
    /// Lowers every top-level resource's `when` before any body, so that references check
    /// against conditions declared later in the file.
    pub(super) fn lower_resource_conditions(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                match item {
                    Item::Resource(r) => {
                        let Some(when) = &r.when else { continue };
                        let Some(idx) = self.declared_resource(&module, &r.name) else {
                            continue;
                        };
                        let ctx = Ctx::module(&module);
                        let cond = self.lower_condition(when, &ctx);
                        self.condition_spans.insert(idx, when.span);
                        self.project.resources[idx].condition = Some(cond);
                    }
                    Item::Component(c) => {
                        for r in &c.resources {
                            if let Some(when) = &r.when {
                                self.sink
                                    .report(Problem::WhenInComponent { span: when.span });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A bool known before deployment.
    pub(super) fn lower_condition(&mut self, e: &Expr, ctx: &Ctx) -> Value {
        let v = self.lower(e, &Type::Bool, ctx, "a condition");
        // The operands of `!`, `&&`, `==`, ... were checked as they were lowered.
        if !matches!(v.kind, ValueKind::Not(_) | ValueKind::Binary { .. }) {
            self.require_known(&v, e.span);
        }
        v
    }

    pub(super) fn lower_not(&mut self, operand: &Expr, ctx: &Ctx) -> Value {
        let v = self.lower_condition(operand, ctx);
        Value::new(ValueKind::Not(Box::new(v)), Type::Bool)
    }

    pub(super) fn lower_binary(
        &mut self,
        op: BinOp,
        left: &Expr,
        right: &Expr,
        ctx: &Ctx,
    ) -> Value {
        let (l, r) = match op {
            BinOp::And | BinOp::Or => (
                self.lower_condition(left, ctx),
                self.lower_condition(right, ctx),
            ),
            BinOp::Eq | BinOp::Ne => {
                let what = format!("`{}`", op.symbol());
                let l = self.lower(left, &Type::Any, ctx, &what);
                self.require_known(&l, left.span);
                let expected = if comparable(&l.ty) {
                    l.ty.clone()
                } else {
                    Type::Any
                };
                let r = self.lower(right, &expected, ctx, &what);
                self.require_known(&r, right.span);
                for (v, e) in [(&l, left), (&r, right)] {
                    if !comparable(&v.ty) && v.ty != Type::Any {
                        self.sink.report(Problem::TypeMismatch {
                            span: e.span,
                            expected: "string, int, number or bool".into(),
                            found: v.ty.to_string(),
                            context: what.clone(),
                        });
                    }
                }
                (l, r)
            }
        };
        Value::new(
            ValueKind::Binary {
                op,
                left: Box::new(l),
                right: Box::new(r),
            },
            Type::Bool,
        )
    }

    /// `if c { a } else { b }`: each branch is lowered knowing which way `c` went.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lower_if(
        &mut self,
        span: Span,
        cond: &Expr,
        then: &Expr,
        otherwise: Option<&Expr>,
        expected: &Type,
        ctx: &Ctx,
        what: &str,
    ) -> Value {
        if otherwise.is_none() && self.allow_absent != Some(span) {
            self.sink.report(Problem::IfWithoutElse { span });
        }
        self.allow_absent = None;
        let c = self.lower_condition(cond, ctx);
        self.guards.push(c.clone());
        let t = self.lower(then, expected, ctx, what);
        self.guards.pop();
        let ty = if *expected == Type::Any {
            t.ty.clone()
        } else {
            expected.clone()
        };
        let o = otherwise.map(|o| {
            self.guards
                .push(Value::new(ValueKind::Not(Box::new(c.clone())), Type::Bool));
            let v = self.lower(o, &ty, ctx, what);
            self.guards.pop();
            Box::new(v)
        });
        let secret = t.secret || o.as_ref().is_some_and(|o| o.secret);
        Value {
            kind: ValueKind::If {
                cond: Box::new(c),
                then: Box::new(t),
                otherwise: o,
            },
            ty,
            secret,
        }
    }

    /// Reports a condition or operand that reads something only deployment knows.
    fn require_known(&mut self, v: &Value, span: Span) {
        if let Some(reads) = self.unknown_reads(v) {
            self.sink.report(Problem::UnknownCondition { span, reads });
        }
    }

    /// What `v` reads that only deployment knows (the first such thing), said for a message.
    pub(super) fn unknown_reads(&self, v: &Value) -> Option<String> {
        let mut reads = None;
        v.walk(&mut |x| {
            if reads.is_some() {
                return;
            }
            reads = match &x.kind {
                ValueKind::Output {
                    resource,
                    attribute,
                } => Some(format!(
                    "the output `{}.{attribute}`",
                    self.ref_name(resource)
                )),
                ValueKind::Resource(r) => Some(format!("the resource `{}`", self.ref_name(r))),
                ValueKind::InstanceOutput { instance, output } => Some(format!(
                    "the output `{}.{output}`",
                    self.project.instances[*instance].name
                )),
                ValueKind::StackOutput { stack, output } => {
                    Some(format!("the stack reference output `{stack}.{output}`"))
                }
                ValueKind::Param(p) => Some(format!(
                    "the component parameter `{p}` (an input that may be an output)"
                )),
                ValueKind::Invoke(call) => Some(format!(
                    "the data source `{}` (called when the program runs)",
                    call.function.friendly
                )),
                ValueKind::Config(k) if x.secret => {
                    Some(format!("the secret config key `{k}` (read as an output)"))
                }
                _ => None,
            };
        });
        reads
    }

    fn ref_name(&self, r: &ResourceRef) -> String {
        match r {
            ResourceRef::Resource(i) | ResourceRef::Item(i, _) => {
                self.project.resources[*i].name.clone()
            }
            ResourceRef::Sibling(n) | ResourceRef::Param(n) => n.clone(),
        }
    }

    /// A reference to resource `idx` at `span`: a conditional resource must be guarded by its
    /// condition (every conjunct of it holds where the reference is evaluated).
    pub(super) fn check_guarded(&mut self, idx: usize, span: Span) {
        let Some(cond) = self.project.resources[idx].condition.clone() else {
            return;
        };
        if self.guarded_by(&cond) {
            return;
        }
        let condition = self.condition_spans.get(&idx).copied().unwrap_or(span);
        self.sink.report(Problem::UnguardedConditional {
            span,
            resource: self.project.resources[idx].name.clone(),
            condition,
        });
    }
}

impl ProjectChecker<'_> {
    /// Whether every conjunct of `cond` holds where the value being lowered is evaluated.
    pub(super) fn guarded_by(&self, cond: &Value) -> bool {
        let mut known = Vec::new();
        for g in &self.guards {
            conjuncts(g, &mut known);
        }
        let mut needed = Vec::new();
        conjuncts(cond, &mut needed);
        needed.iter().all(|n| known.contains(n))
    }
}

/// `a && b && c` -> `[a, b, c]`.
fn conjuncts<'v>(v: &'v Value, out: &mut Vec<&'v Value>) {
    match &v.kind {
        ValueKind::Binary {
            op: BinOp::And,
            left,
            right,
        } => {
            conjuncts(left, out);
            conjuncts(right, out);
        }
        _ => out.push(v),
    }
}

fn comparable(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Int | Type::Number | Type::Bool)
}
