//! Problems of local values, built-in functions and logical names (codes E1150-E1199).

use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    /// A `let` name that is already a resource, instance or `let` of the module.
    LetClash {
        span: Span,
        name: String,
        what: String,
        first: Span,
    },
    /// `a ? b : c`
    NoTernary { span: Span },
    /// `value.method(...)`
    MethodCall {
        span: Span,
        method: String,
        receiver: String,
    },
    /// An argument other than the first that is unknown until deployment.
    ArgumentNotKnown {
        span: Span,
        function: String,
        position: usize,
    },
    /// `as ...` inside a component that is not a plain string.
    LogicalNameNotPlain { span: Span },
    /// `file("path")` naming a file that cannot be read.
    FileUnreadable {
        span: Span,
        path: String,
        reason: String,
    },
    /// `let` values that refer to each other in a cycle.
    LetCycle { span: Span, name: String },
    /// `format(...)` whose pattern is not a literal or whose `%s` count differs.
    BadFormat { span: Span, reason: String },
}

impl ValueProblem {
    pub fn code(&self) -> &'static str {
        use ValueProblem::*;
        match self {
            LetClash { .. } => "E1150",
            NoTernary { .. } => "E1151",
            MethodCall { .. } => "E1153",
            ArgumentNotKnown { .. } => "E1154",
            LogicalNameNotPlain { .. } => "E1155",
            FileUnreadable { .. } => "E1156",
            LetCycle { .. } => "E1157",
            BadFormat { .. } => "E1159",
        }
    }

    /// Primary span, message, label, help and secondary labels.
    pub fn parts(self) -> (Span, String, String, Option<String>, Vec<(Span, String)>) {
        use ValueProblem::*;
        match self {
            LetClash {
                span,
                name,
                what,
                first,
            } => (
                span,
                format!("`let {name}` clashes with the {what} `{name}` of this module"),
                "name already taken".into(),
                Some("rename the `let`: a module's resources, instances and `let` values share one set of names".into()),
                vec![(first, format!("{what} `{name}` is declared here"))],
            ),
            NoTernary { span } => (
                span,
                "infragen has no ternary `a ? b : c`".into(),
                "not part of the language".into(),
                Some("choose per environment with `env { prod: a, default: b }`".into()),
                Vec::new(),
            ),
            MethodCall {
                span,
                method,
                receiver,
            } => (
                span,
                format!("infragen has no method calls: `{receiver}.{method}(...)`"),
                "not a function".into(),
                Some(format!("functions take the value as their first argument: `{method}({receiver}, ...)`")),
                Vec::new(),
            ),
            ArgumentNotKnown {
                span,
                function,
                position,
            } => (
                span,
                format!("argument {position} of `{function}` must be known before deployment"),
                "unknown until deployment".into(),
                Some("only the first argument may be a resource output or a secret; write the others as literals, config or `env` values".into()),
                Vec::new(),
            ),
            LogicalNameNotPlain { span } => (
                span,
                "a logical name inside a component must be a plain string".into(),
                "not a plain string".into(),
                Some("a component child is named `<instance>-<name>`: write `<name>` out (`as \"content\"`); a computed name belongs on a top-level resource".into()),
                Vec::new(),
            ),
            FileUnreadable { span, path, reason } => (
                span,
                format!("cannot read `{path}`: {reason}"),
                "cannot be read".into(),
                Some("the path is relative to the file that calls `file(...)`".into()),
                Vec::new(),
            ),
            LetCycle { span, name } => (
                span,
                format!("`let {name}` refers to itself"),
                "used in its own value".into(),
                Some("a `let` may use other `let` values, but not in a cycle".into()),
                Vec::new(),
            ),
            BadFormat { span, reason } => (
                span,
                format!("bad `format(...)`: {reason}"),
                "bad pattern".into(),
                Some("`format(\"%s-%s\", a, b)`: a literal pattern with one `%s` per argument (`%%` is a literal `%`)".into()),
                Vec::new(),
            ),
        }
    }
}
