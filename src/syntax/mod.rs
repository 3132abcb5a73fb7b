//! Source text to a spanned AST. The grammar lives in `grammar/infragen.pest`.

pub mod ast;
mod depth;
pub mod keywords;
mod lower;
mod span;

pub use self::Rule as GrammarRule;
pub use lower::parse_file;
pub use span::{FileId, SourceFile, SourceMap, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/infragen.pest"]
pub struct InfraParser;
