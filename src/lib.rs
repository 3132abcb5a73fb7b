//! infragen: a typed infrastructure language compiled to Go, TypeScript and Python Pulumi
//! projects. The stages are visible as modules: syntax -> check -> ir -> backend -> output.

pub mod backend;
pub mod check;
pub mod cli;
pub mod diag;
pub mod format;
pub mod fuzzing;
pub mod import;
pub mod ir;
pub mod lsp;
pub mod output;
pub mod scaffold;
pub mod schema_extract;
pub mod schema_tools;
pub mod syntax;
pub mod synth;
