//! `let` local values: a name for a value, declared at module level and used by name in the
//! module (or as `module.name` from another). A use stands for the value itself, checked where
//! it is used against the type wanted there, so the IR holds no separate local values.

use super::expr::Ctx;
use super::project::{ParsedFile, ProjectChecker};
use crate::diag::{Problem, ValueProblem};
use crate::ir::{Type, Value};
use crate::syntax::ast::{Ident, Item, LetDecl};

impl ProjectChecker<'_> {
    /// Declares every `let` after resources and instances, so a clash names the resource.
    pub(super) fn declare_lets(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Let(l) = item else { continue };
                let syms = &self.modules[&module];
                let taken = syms
                    .resources
                    .get(&l.name.name)
                    .map(|i| ("resource", self.resource_spans[i]))
                    .or_else(|| {
                        syms.instances.get(&l.name.name).map(|i| {
                            (
                                "component instance",
                                self.instance_spans.get(i).copied().unwrap_or_default(),
                            )
                        })
                    })
                    .or_else(|| {
                        self.lets
                            .get(&module)
                            .and_then(|m| m.get(&l.name.name))
                            .map(|d| ("`let`", d.name.span))
                    });
                if let Some((what, first)) = taken {
                    self.sink.report(Problem::Value(ValueProblem::LetClash {
                        span: l.name.span,
                        name: l.name.name.clone(),
                        what: what.into(),
                        first,
                    }));
                    continue;
                }
                self.lets
                    .entry(module.clone())
                    .or_default()
                    .insert(l.name.name.clone(), l.clone());
            }
        }
    }

    /// Checks every `let` once on its own, so that problems inside one are reported once
    /// (and those of unused ones at all).
    pub(super) fn check_lets(&mut self) {
        let all: Vec<(String, LetDecl)> = self
            .lets
            .iter()
            .flat_map(|(m, ls)| ls.values().map(move |l| (m.clone(), l.clone())))
            .collect();
        for (module, l) in all {
            let v = self.let_value(&module, &l, &Type::Any, None, None);
            self.symbols
                .let_type(&module, &l.name.name, v.ty.to_string());
        }
        for ((_, name), span) in std::mem::take(&mut self.let_cycles) {
            self.sink
                .report(Problem::Value(ValueProblem::LetCycle { span, name }));
        }
    }

    /// The `let` a path names, if it names one: `name` in the current module or
    /// `module.name`.
    pub(super) fn let_reference(
        &mut self,
        segs: &[Ident],
        expected: &Type,
        ctx: &Ctx,
    ) -> Option<Value> {
        let head = &segs[0].name;
        let (module, decl, used) = match self.lets.get(ctx.module).and_then(|m| m.get(head)) {
            Some(d)
                if ctx.component.is_none_or(|c| {
                    !c.params.contains_key(head) && !c.siblings.contains_key(head)
                }) =>
            {
                (ctx.module.to_string(), d.clone(), 1)
            }
            _ => {
                let name = &segs.get(1)?.name;
                if !self.modules.contains_key(head) {
                    return None;
                }
                let d = self.lets.get(head)?.get(name)?.clone();
                (head.clone(), d, 2)
            }
        };
        if used == 2 {
            let key = super::symbols::Key::Module(module.clone());
            self.symbols.refer(segs[0].span, key);
        }
        let key = super::symbols::Key::Let(module.clone(), decl.name.name.clone());
        self.symbols.refer(segs[used - 1].span, key);
        if segs.len() > used {
            // `zone.zone_id`: properties of the value (a data source's result, an object).
            let span = segs[0].span.to(segs[used - 1].span);
            let v = self.let_value(&module, &decl, &Type::Any, ctx.resource, Some(span));
            return Some(self.fields(v, &segs[used..]));
        }
        let span = segs[0].span.to(segs[segs.len() - 1].span);
        Some(self.let_value(&module, &decl, expected, ctx.resource, Some(span)))
    }

    /// The value of a `let` where `expected` is wanted. Problems inside the value are
    /// reported by `check_lets`; a use only reports that the value does not fit.
    fn let_value(
        &mut self,
        module: &str,
        decl: &LetDecl,
        expected: &Type,
        resource: Option<usize>,
        used_at: Option<crate::syntax::Span>,
    ) -> Value {
        let key = (module.to_string(), decl.name.name.clone());
        if self.let_stack.contains(&key) {
            // Reported once, by `check_lets`, whichever use found it.
            self.let_cycles.insert(key, decl.name.span);
            return Value::null();
        }
        self.let_stack.push(key);
        let ctx = Ctx {
            module,
            component: None,
            resource,
            literal: false,
        };
        let what = format!("`let {}`", decl.name.name);
        let before = self.sink.diagnostics.len();
        self.whole_result_ok = true;
        let v = self.lower(&decl.value, expected, &ctx, &what);
        if let Some(span) = used_at
            && self.sink.diagnostics.len() > before
        {
            // Problems inside the value are reported by `check_lets`; here only that the value
            // does not fit, unless the use's own check says so already.
            self.sink.diagnostics.truncate(before);
            let found = self.lower_quiet(&decl.value, &ctx, &what);
            if !expected.accepts(&found) && expected.accepts(&v.ty) {
                self.sink.report(Problem::TypeMismatch {
                    span,
                    expected: expected.to_string(),
                    found: found.to_string(),
                    context: what,
                });
            }
        }
        self.let_stack.pop();
        v
    }

    /// The type a value has on its own, without reporting anything.
    fn lower_quiet(&mut self, e: &crate::syntax::ast::Expr, ctx: &Ctx, what: &str) -> Type {
        let before = self.sink.diagnostics.len();
        self.whole_result_ok = true;
        let v = self.lower(e, &Type::Any, ctx, what);
        self.sink.diagnostics.truncate(before);
        v.ty
    }
}
