//! Diagnostics: the checker reports [`Problem`]s (plain data); this module turns them into
//! [`Diagnostic`]s with a stable code, spans, labels and help, and renders them for people
//! (codespan-reporting) and machines (JSON lines). The LSP reuses the same `Diagnostic`s.

mod access;
mod loops;
mod names;
mod problem;
mod render;
mod suggest;
mod values;

pub use access::AccessProblem;
pub use loops::LoopProblem;
pub use names::NameProblem;
pub use problem::{CODES, Problem};
pub use render::{render_human, render_json, to_json_value};
pub use suggest::did_you_mean;
pub use values::ValueProblem;

use crate::syntax::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// The did-you-mean suggestion as data: the text that replaces the primary span.
    pub replacement: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Collects problems while a phase runs; phases never stop at the first one.
#[derive(Debug, Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn report(&mut self, problem: Problem) {
        self.diagnostics.push(problem.into_diagnostic());
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file and position, so output does not depend on checking order.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            (a.primary.span, a.code, &a.message).cmp(&(b.primary.span, b.code, &b.message))
        });
        self.diagnostics.dedup();
        self.diagnostics
    }
}
