//! Problems of indexing and data sources (codes E1152, E1158, E1160-E1166).

use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum AccessProblem {
    /// `[...]` or `.name` on a value that has no items or properties.
    NotIndexable { span: Span, ty: String, field: bool },
    /// A list indexed by other than an integer literal, a map by other than a string literal.
    WrongKey { span: Span, reason: String },
    /// An item a literal list or map, or some environment's config value, does not have.
    Missing { span: Span, reason: String },
    /// `.name` that is not a property of the object type.
    UnknownField {
        span: Span,
        object: String,
        field: String,
        suggestion: Option<String>,
    },
    /// `aws.route53.getZon(...)`: no such function in the provider's schema.
    UnknownDataSource {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    /// A data source called with other than one object of arguments.
    DataSourceArgs { span: Span, function: String },
    /// An argument the function does not take.
    UnknownArgument {
        span: Span,
        function: String,
        name: String,
        suggestion: Option<String>,
    },
    /// A required argument left out.
    MissingArgument {
        span: Span,
        function: String,
        name: String,
        ty: String,
    },
    /// A data source's whole result used as a value.
    WholeResult { span: Span, function: String },
}

impl AccessProblem {
    pub fn code(&self) -> &'static str {
        use AccessProblem::*;
        match self {
            NotIndexable { .. } => "E1152",
            UnknownDataSource { .. } => "E1158",
            WrongKey { .. } => "E1160",
            Missing { .. } => "E1161",
            UnknownField { .. } => "E1162",
            DataSourceArgs { .. } => "E1163",
            UnknownArgument { .. } => "E1164",
            MissingArgument { .. } => "E1165",
            WholeResult { .. } => "E1166",
        }
    }

    /// Primary span, message, label and help.
    pub fn parts(self) -> (Span, String, String, Option<String>) {
        use AccessProblem::*;
        match self {
            NotIndexable { span, ty, field } => (
                span,
                if field {
                    format!("a value of type {ty} has no properties")
                } else {
                    format!("a value of type {ty} has no items")
                },
                if field { "no properties" } else { "not a list or map" }.into(),
                Some(if field {
                    "`.name` reads a property of an object (a resource output's nested object, a data source's result)".into()
                } else {
                    "`[...]` reads an item of a list (`config.zones[0]`) or a map (`config.labels[\"team\"]`)".into()
                }),
            ),
            WrongKey { span, reason } => (
                span,
                format!("wrong index: {reason}"),
                "wrong index".into(),
                Some("a list takes an integer literal (`zones[0]`), a map a string literal (`labels[\"team\"]`)".into()),
            ),
            Missing { span, reason } => (
                span,
                format!("no such item: {reason}"),
                "no such item".into(),
                Some("index an item the value has in every environment".into()),
            ),
            UnknownField {
                span,
                object,
                field,
                suggestion,
            } => (
                span,
                format!("{object} has no property `{field}`"),
                "unknown property".into(),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`infragen schema show` lists the properties of {object}"),
                }),
            ),
            UnknownDataSource {
                span,
                name,
                suggestion,
            } => (
                span,
                format!("`{name}` is not a function of the provider's schema"),
                "unknown data source".into(),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`infragen schema list <provider> --functions` lists the data sources".into(),
                }),
            ),
            DataSourceArgs { span, function } => (
                span,
                format!("`{function}(...)` takes one object of arguments"),
                "not one object".into(),
                Some(format!("write `{function}({{ name = value, ... }})`")),
            ),
            UnknownArgument {
                span,
                function,
                name,
                suggestion,
            } => (
                span,
                format!("`{function}` has no argument `{name}`"),
                "unknown argument".into(),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`infragen schema show {function}` lists its arguments"),
                }),
            ),
            MissingArgument {
                span,
                function,
                name,
                ty,
            } => (
                span,
                format!("`{function}` needs the argument `{name}` ({ty})"),
                "missing argument".into(),
                Some(format!("add `{name} = ...` to the arguments")),
            ),
            WholeResult { span, function } => (
                span,
                format!("the whole result of `{function}(...)` cannot be used as a value"),
                "a data source result".into(),
                Some("read one of its properties: `zone.zone_id`".into()),
            ),
        }
    }
}
