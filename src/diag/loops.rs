//! Problems of looped resources and conditional component instances (codes E1250-E1299).

use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum LoopProblem {
    /// A loop's collection reads `reads`, known only after deployment.
    CollectionNotKnown { span: Span, reads: String },
    /// A collection that is not a map or a list of strings (of type `found`).
    NotKeyed { span: Span, found: String },
    /// A key that occurs twice in a collection (`env` names the environment of a config value).
    DuplicateKey {
        span: Span,
        key: String,
        env: Option<String>,
    },
    /// `x[...]` where `x` is not a looped resource.
    NotLooped { span: Span, name: String },
    /// A literal key that is not in the looped resource's collection.
    UnknownKey {
        span: Span,
        resource: String,
        key: String,
        env: Option<String>,
        keys: Vec<String>,
    },
    /// An item key that is neither a literal nor the key of a loop over the same collection.
    KeyNotLiteral { span: Span, resource: String },
    /// `for` on a resource inside a component.
    ForInComponent { span: Span },
    /// `bind`, `var` or `secret` in a looped resource.
    BindingInLoop { span: Span },
    /// A looped resource read as one resource (`subnet.id`).
    WholeCollection { span: Span, name: String },
    /// A loop variable named like the other loop variable.
    SameVariable { span: Span, name: String },
    /// A loop variable named like something the generated program already names.
    VariableClash {
        span: Span,
        name: String,
        what: String,
    },
}

impl LoopProblem {
    pub fn code(&self) -> &'static str {
        use LoopProblem::*;
        match self {
            CollectionNotKnown { .. } => "E1250",
            NotKeyed { .. } => "E1251",
            DuplicateKey { .. } => "E1252",
            NotLooped { .. } => "E1253",
            UnknownKey { .. } => "E1254",
            KeyNotLiteral { .. } => "E1255",
            ForInComponent { .. } => "E1256",
            BindingInLoop { .. } => "E1257",
            WholeCollection { .. } => "E1258",
            SameVariable { .. } | VariableClash { .. } => "E1259",
        }
    }

    pub fn parts(self) -> (Span, String, String, Option<String>, Vec<(Span, String)>) {
        use LoopProblem::*;
        let (span, message, label, help): (Span, String, String, Option<String>) = match self {
            CollectionNotKnown { span, reads } => (
                span,
                format!("this loop runs over {reads}, which is not known before deployment"),
                "known only after deployment".into(),
                Some("a loop creates one resource per key, so its keys must be known before anything is deployed: loop over literals, config values, `env { ... }` or `let` values of them".into()),
            ),
            NotKeyed { span, found } => (
                span,
                format!("cannot loop over {found}: each resource needs a key"),
                "not a map or a list of strings".into(),
                Some("loop over a map, whose keys name the resources (`for name, item in { a = ..., b = ... }`), or over a list of strings (`for name in [\"a\", \"b\"]`); the position in a list is never a key, so that names stay stable when items move".into()),
            ),
            DuplicateKey { span, key, env } => (
                span,
                match env {
                    Some(env) => format!("key `{key}` occurs twice in this collection in environment `{env}`"),
                    None => format!("key `{key}` occurs twice in this collection"),
                },
                "two resources would get the same name".into(),
                Some("each item names one resource (`<name>-<key>`): remove the duplicate".into()),
            ),
            NotLooped { span, name } => (
                span,
                format!("`{name}` is not a looped resource: it has no items to choose from"),
                "`[...]` chooses an item of a looped resource".into(),
                Some(format!("write `{name}.<output>`; `name[key]` reads one item of a resource declared with `for`")),
            ),
            UnknownKey { span, resource, key, env, keys } => (
                span,
                match env {
                    Some(env) => format!("`{resource}` has no item `{key}` in environment `{env}`"),
                    None => format!("`{resource}` has no item `{key}`"),
                },
                "not a key of its collection".into(),
                Some(if keys.is_empty() {
                    "its collection is empty there".to_string()
                } else {
                    format!("its keys are {}", keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                }),
            ),
            KeyNotLiteral { span, resource } => (
                span,
                format!("cannot tell which item of `{resource}` this key names before deployment"),
                "not a literal key, nor the key of a loop over the same collection".into(),
                Some(format!("write a literal key (`{resource}[\"key\"]`), or, in a resource looped over the same collection as `{resource}`, its key variable (`{resource}[key]`)")),
            ),
            ForInComponent { span } => (
                span,
                "a resource inside a component cannot have `for`".into(),
                "not allowed in a component".into(),
                Some("put `for` on a top-level resource".into()),
            ),
            BindingInLoop { span } => (
                span,
                "a looped resource cannot declare bindings".into(),
                "`bind`, `var` and `secret` are not allowed with `for`".into(),
                Some("declare the binding's resource yourself, looped over the same collection (`resource ... for key in ... { ... }`)".into()),
            ),
            WholeCollection { span, name } => (
                span,
                format!("`{name}` is looped: it is one resource per key, not one resource"),
                "which item?".into(),
                Some(format!("read one item with `{name}[\"key\"]` (or `{name}[key]` inside a loop over the same collection); the whole collection can be named only in `depends_on`")),
            ),
            SameVariable { span, name } => (
                span,
                format!("both loop variables are named `{name}`"),
                "used twice".into(),
                Some("name the key and the item differently: `for key, item in ...`".into()),
            ),
            VariableClash { span, name, what } => (
                span,
                format!("loop variable `{name}` has the name of {what}"),
                "name already taken".into(),
                Some("rename the loop variable: in the generated program it shares a scope with the module's resources, values and imports".into()),
            ),
        };
        (span, message, label, help, Vec::new())
    }
}
