//! `options { aliases = ["old-name", { name = "old", type = "...", parent = other }] }`: what
//! a resource was registered as before, so that Pulumi moves it instead of replacing it. A
//! name is a string known before deployment; `parent = null` says it had no parent.

use super::expr::Ctx;
use super::project::ProjectChecker;
use crate::diag::{NameProblem, Problem};
use crate::ir::{self, Type, ValueKind};
use crate::syntax::ast::{self, ExprKind};

impl ProjectChecker<'_> {
    /// `aliases = [...]` of a resource (a component instance has none: E1322).
    pub(super) fn lower_aliases(
        &mut self,
        e: &ast::Expr,
        on_resource: bool,
        ctx: &Ctx,
    ) -> Vec<ir::Alias> {
        let bad = |this: &mut Self, span, reason: &str| {
            this.sink.report(Problem::Name(NameProblem::BadAlias {
                span,
                reason: reason.into(),
            }))
        };
        if !on_resource {
            bad(self, e.span, "a component instance takes no aliases");
            return Vec::new();
        }
        let ExprKind::List(items) = &e.kind else {
            bad(self, e.span, "`aliases` is a list");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let alias = match &item.kind {
                ExprKind::Object(fields) => self.alias_fields(fields, ctx, item.span),
                _ => Some(ir::Alias {
                    name: Some(self.alias_name(item, ctx)),
                    ..Default::default()
                }),
            };
            if let Some(a) = alias {
                self.check_not_self(&a, ctx, item.span);
                out.push(a);
            }
        }
        out
    }

    fn alias_fields(
        &mut self,
        fields: &[ast::Assign],
        ctx: &Ctx,
        span: crate::syntax::Span,
    ) -> Option<ir::Alias> {
        let mut alias = ir::Alias::default();
        for f in fields {
            match f.key.name.as_str() {
                "name" => alias.name = Some(self.alias_name(&f.value, ctx)),
                "type" => match super::settings::word(&f.value) {
                    Some(t) if t.contains(':') && matches!(f.value.kind, ExprKind::Str(_)) => {
                        alias.type_token = Some(t)
                    }
                    _ => self.sink.report(Problem::Name(NameProblem::BadAlias {
                        span: f.value.span,
                        reason: "`type` is a type token such as \"gcp:storage/bucket:Bucket\""
                            .into(),
                    })),
                },
                "parent" => {
                    alias.parent = match &f.value.kind {
                        ExprKind::Null => Some(ir::AliasParent::Root),
                        _ => self
                            .resource_ref(&f.value, ctx, "an alias's `parent`")
                            .map(ir::AliasParent::Resource),
                    }
                }
                other => self.sink.report(Problem::Name(NameProblem::BadAlias {
                    span: f.key.span,
                    reason: format!(
                        "unknown field `{other}` (an alias has `name`, `type` and `parent`)"
                    ),
                })),
            }
        }
        if alias == ir::Alias::default() {
            if !fields.is_empty() {
                return None; // its fields were reported
            }
            self.sink.report(Problem::Name(NameProblem::BadAlias {
                span,
                reason: "an alias must say what differed: `name`, `type` or `parent`".into(),
            }));
            return None;
        }
        Some(alias)
    }

    /// An alias's name: a string known before deployment.
    fn alias_name(&mut self, e: &ast::Expr, ctx: &Ctx) -> ir::Value {
        let v = self.lower(e, &Type::String, ctx, "an alias name");
        if let Some(reads) = self.unknown_reads(&v) {
            self.sink.report(Problem::Name(NameProblem::BadAlias {
                span: e.span,
                reason: format!("its name reads {reads}, known only after deployment"),
            }));
        }
        v
    }

    /// An alias that changes nothing names the resource as it is (E1323).
    fn check_not_self(&mut self, a: &ir::Alias, ctx: &Ctx, span: crate::syntax::Span) {
        let Some(idx) = ctx.resource else { return };
        let r = &self.project.resources[idx];
        if a.type_token.is_some() || a.parent.is_some() || r.computed_name.is_some() {
            return;
        }
        if let Some(ValueKind::String(name)) = a.name.as_ref().map(|n| &n.kind)
            && *name == r.logical_name
        {
            self.sink.report(Problem::Name(NameProblem::AliasIsSelf {
                span,
                name: name.clone(),
            }));
        }
    }
}
