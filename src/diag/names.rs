//! Problems of logical names and aliases (codes E1320-E1349, W1320-W1329).

use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum NameProblem {
    /// A computed logical name that reads something known only after deployment.
    LogicalNameNotKnown { span: Span, reads: String },
    /// Two resources of one type get the same logical name in an environment.
    LogicalNameClash {
        span: Span,
        name: String,
        env: String,
        first: Span,
    },
    /// An alias that is not a name or `{ name, type, parent }`.
    BadAlias { span: Span, reason: String },
    /// An alias naming the resource as it is now (it would alias itself).
    AliasIsSelf { span: Span, name: String },
    /// A `moved` block that is not `{ from = path  to = path }` or whose `to` is no resource.
    BadMoved { span: Span, reason: String },
    /// `moved { from = x ... }` where `x` is still declared.
    MovedFromDeclared {
        span: Span,
        name: String,
        declared: Span,
    },
    /// A move into or out of a component.
    MovedComponent { span: Span },
    /// A move that changes nothing Pulumi sees (a module is not part of the URN).
    MovedNotNeeded { span: Span, name: String },
    /// An `archive({...})` that is malformed or names a missing file.
    BadArchive { span: Span, reason: String },
}

impl NameProblem {
    pub fn code(&self) -> &'static str {
        use NameProblem::*;
        match self {
            LogicalNameNotKnown { .. } => "E1320",
            LogicalNameClash { .. } => "E1321",
            BadAlias { .. } => "E1322",
            AliasIsSelf { .. } => "E1323",
            BadMoved { .. } => "E1324",
            MovedFromDeclared { .. } => "E1325",
            MovedComponent { .. } => "E1326",
            MovedNotNeeded { .. } => "W1320",
            BadArchive { .. } => "E1327",
        }
    }

    /// Primary span, message, label, help and secondary labels.
    pub fn parts(self) -> (Span, String, String, Option<String>, Vec<(Span, String)>) {
        use NameProblem::*;
        match self {
            LogicalNameNotKnown { span, reads } => (
                span,
                format!("a logical name must be known before deployment, but this one reads {reads}"),
                "unknown until deployment".into(),
                Some("the logical name is part of the resource's URN, which Pulumi needs before it creates anything: build it from literals, config, `env` and `let` values".into()),
                Vec::new(),
            ),
            LogicalNameClash {
                span,
                name,
                env,
                first,
            } => (
                span,
                format!("two resources of one kind are both named `{name}` in environment `{env}`"),
                format!("`{name}` in `{env}`"),
                Some("logical names of one kind must differ in every environment: put something that differs into the name".into()),
                vec![(first, "the other one".into())],
            ),
            BadAlias { span, reason } => (
                span,
                format!("bad alias: {reason}"),
                "not an alias".into(),
                Some("an alias is the resource's old logical name (`\"old-name\"`) or `{ name = \"old-name\", type = \"gcp:storage/bucket:Bucket\", parent = other }` (`parent = null`: it had none)".into()),
                Vec::new(),
            ),
            AliasIsSelf { span, name } => (
                span,
                format!("the alias `{name}` is the resource's own name and type"),
                "the resource itself".into(),
                Some("an alias names what the resource was called before: remove it, or name the old logical name".into()),
                Vec::new(),
            ),
            BadMoved { span, reason } => (
                span,
                format!("bad `moved` block: {reason}"),
                "not a move".into(),
                Some("`moved { from = old_name  to = new_name }`: `from` is where the resource was declared (`old_name`, `module.old_name`), `to` a resource declared now".into()),
                Vec::new(),
            ),
            MovedFromDeclared { span, name, declared } => (
                span,
                format!("`{name}` is still declared, so it did not move"),
                "still declared".into(),
                Some("remove the old declaration, or the `moved` block if both resources are wanted".into()),
                vec![(declared, "declared here".into())],
            ),
            MovedComponent { span } => (
                span,
                "a move from one component instance's resource to another's is not supported".into(),
                "both ends are components' resources".into(),
                Some("move it out of the first instance in one deployment and into the second in the next".into()),
                Vec::new(),
            ),
            MovedNotNeeded { span, name } => (
                span,
                format!("this move is not needed: `{name}` keeps its URN (a module is not part of it)"),
                "changes nothing Pulumi sees".into(),
                Some("remove the `moved` block".into()),
                Vec::new(),
            ),
            BadArchive { span, reason } => (
                span,
                format!("bad `archive(...)`: {reason}"),
                "not an archive entry".into(),
                Some("`archive({ \"index.js\" = file_asset(\"app/index.js\"), \"lib\" = file_archive(\"app/lib\") })`: paths relative to the project, inside it".into()),
                Vec::new(),
            ),
        }
    }
}
