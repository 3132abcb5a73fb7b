//! `resource kind name as "logical-name"`: the Pulumi logical name written out, so that a
//! generated program adopts the URNs of an existing stack. On a top-level resource it may be
//! computed from values known before deployment (`as "${config.domain}-content"`); the
//! program computes it when it runs and `plan` evaluates it per environment.

use std::collections::BTreeMap;

use heck::ToKebabCase;

use super::expr::Ctx;
use super::project::ProjectChecker;
use crate::diag::{NameProblem, Problem, ValueProblem};
use crate::ir::plan::Evaluator;
use crate::ir::{Type, Value};
use crate::syntax::Span;
use crate::syntax::ast::{ExprKind, ResourceDecl, StrPart};

/// The written logical name, or the name in kebab-case; `Err` (with the default) when what is
/// written is not a plain string.
pub(super) fn logical_name_of(r: &ResourceDecl) -> Result<String, (Span, String)> {
    let default = r.name.name.to_kebab_case();
    let Some(e) = &r.logical_name else {
        return Ok(default);
    };
    match &e.kind {
        ExprKind::Str(parts) if !parts.is_empty() => parts
            .iter()
            .map(|p| match p {
                StrPart::Text(t) => Some(t.as_str()),
                StrPart::Interp(_) => None,
            })
            .collect::<Option<String>>()
            .ok_or((e.span, default)),
        _ => Err((e.span, default)),
    }
}

impl ProjectChecker<'_> {
    /// [`logical_name_of`] for a component's resource, reporting a name that is not a plain
    /// string (a child is named after its instance, in the component's class).
    pub(super) fn logical_name(&mut self, r: &ResourceDecl) -> String {
        logical_name_of(r).unwrap_or_else(|(span, default)| {
            self.sink
                .report(Problem::Value(ValueProblem::LogicalNameNotPlain { span }));
            default
        })
    }

    /// A top-level resource's logical name when it is not a plain string: a string known
    /// before deployment (E1320 otherwise).
    pub(super) fn computed_logical_name(&mut self, r: &ResourceDecl, ctx: &Ctx) -> Option<Value> {
        logical_name_of(r).err()?;
        let e = r.logical_name.as_ref()?;
        let v = self.lower(e, &Type::String, ctx, "a logical name");
        if let Some(reads) = self.unknown_reads(&v) {
            self.sink
                .report(Problem::Name(NameProblem::LogicalNameNotKnown {
                    span: e.span,
                    reads,
                }));
        }
        Some(v)
    }

    /// Two resources must not get the same URN (type, parents' types and logical name) in any
    /// environment where both exist (E1321); pairs of plain names are E0300 already.
    pub(super) fn check_logical_names_per_env(&mut self) {
        if self
            .project
            .resources
            .iter()
            .all(|r| r.computed_name.is_none())
        {
            return;
        }
        let mut problems = Vec::new();
        for env in &self.project.envs {
            let Some(eval) = Evaluator::new(&self.project, &env.name) else {
                continue;
            };
            let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
            for (i, r) in self.project.resources.iter().enumerate() {
                if !eval.exists(r) {
                    continue;
                }
                let key = (eval.urn(i), eval.logical_name(i));
                match seen.get(&key) {
                    Some(&first)
                        if r.computed_name.is_some()
                            || self.project.resources[first].computed_name.is_some() =>
                    {
                        problems.push(NameProblem::LogicalNameClash {
                            span: self.resource_spans.get(&i).copied().unwrap_or_default(),
                            name: key.1.clone(),
                            env: env.name.clone(),
                            first: self.resource_spans.get(&first).copied().unwrap_or_default(),
                        })
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, i);
                    }
                }
            }
        }
        // One report per pair of resources, in the first environment where they clash.
        let mut reported = std::collections::BTreeSet::new();
        for p in problems {
            if let NameProblem::LogicalNameClash { span, first, .. } = &p
                && !reported.insert((*span, *first))
            {
                continue;
            }
            self.sink.report(Problem::Name(p));
        }
    }
}
