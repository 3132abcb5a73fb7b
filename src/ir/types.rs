//! Value types shared by the checker and the IR. Object and resource types name their schema
//! token; backends turn tokens into each language's type names.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    String,
    Int,
    Number,
    Bool,
    Any,
    Archive,
    Asset,
    List(Box<Type>),
    Map(Box<Type>),
    /// A nested object type from a schema's `types`, by token.
    Object(String),
    /// A resource of the given type token (component parameters, bind targets).
    Resource(String),
}

impl Type {
    /// Whether a value of type `found` may be given where `self` is expected.
    pub fn accepts(&self, found: &Type) -> bool {
        match (self, found) {
            (Type::Any, _) | (_, Type::Any) => true,
            (Type::Number, Type::Int) => true,
            // A schema's `pulumi.json#/Asset` means "asset or archive".
            (Type::Asset, Type::Archive) => true,
            (Type::List(a), Type::List(b)) | (Type::Map(a), Type::Map(b)) => a.accepts(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::String => write!(f, "string"),
            Type::Int => write!(f, "int"),
            Type::Number => write!(f, "number"),
            Type::Bool => write!(f, "bool"),
            Type::Any => write!(f, "any"),
            Type::Archive => write!(f, "archive"),
            Type::Asset => write!(f, "asset"),
            Type::List(t) => write!(f, "list<{t}>"),
            Type::Map(t) => write!(f, "map<{t}>"),
            Type::Object(t) => write!(f, "object `{}`", short_token(t)),
            Type::Resource(t) => write!(f, "resource `{}`", short_token(t)),
        }
    }
}

/// `gcp:storage/BucketVersioning:BucketVersioning` -> `BucketVersioning`.
pub fn short_token(token: &str) -> &str {
    token.rsplit(':').next().unwrap_or(token)
}
