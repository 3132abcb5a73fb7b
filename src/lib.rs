//! infragen: a typed infrastructure language compiled to Go, TypeScript and Python Pulumi
//! projects. The stages are visible as modules: syntax -> check -> ir -> backend -> output.

pub mod diag;
pub mod syntax;
pub mod check;
pub mod ir;
pub mod cli;
pub mod backend;
pub mod output;
