//! `resource kind name as "logical-name"`: the Pulumi logical name written out, so that a
//! generated program adopts the URNs of an existing stack.

use heck::ToKebabCase;

use super::project::ProjectChecker;
use crate::diag::{Problem, ValueProblem};
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
    /// [`logical_name_of`], reporting a logical name that is not a plain string.
    pub(super) fn logical_name(&mut self, r: &ResourceDecl) -> String {
        logical_name_of(r).unwrap_or_else(|(span, default)| {
            self.sink
                .report(Problem::Value(ValueProblem::LogicalNameNotPlain { span }));
            default
        })
    }
}
