//! Conditional component instances: `use Component name when CONDITION { ... }` exists (with
//! its children) only where the condition holds; reading it is guarded like a conditional
//! resource (E1201).

use super::expr::Ctx;
use super::project::{ParsedFile, ProjectChecker};
use crate::diag::Problem;
use crate::syntax::Span;
use crate::syntax::ast::Item;

impl ProjectChecker<'_> {
    /// Lowers every instance's `when` and gives its children the same condition, before any
    /// resource body is lowered.
    pub(super) fn lower_instance_conditions(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Use(u) = item else { continue };
                let Some(when) = &u.when else { continue };
                let Some(inst) = self.declared_instance(&module, &u.name) else {
                    continue;
                };
                let ctx = Ctx::module(&module);
                let cond = self.lower_condition(when, &ctx);
                self.instance_condition_spans.insert(inst, when.span);
                for child in self.project.instances[inst].children.clone() {
                    self.condition_spans.insert(child, when.span);
                    self.project.resources[child].condition = Some(cond.clone());
                }
                self.project.instances[inst].condition = Some(cond);
            }
        }
    }

    /// A read of instance `inst`'s outputs at `span`: a conditional instance must be guarded.
    pub(super) fn check_instance_guarded(&mut self, inst: usize, span: Span) {
        let Some(cond) = self.project.instances[inst].condition.clone() else {
            return;
        };
        if self.guarded_by(&cond) {
            return;
        }
        let condition = self
            .instance_condition_spans
            .get(&inst)
            .copied()
            .unwrap_or(span);
        self.sink.report(Problem::UnguardedConditional {
            span,
            resource: self.project.instances[inst].name.clone(),
            condition,
        });
    }
}
