//! The typed, language-neutral model that backends read. Everything a backend needs is here,
//! already resolved by the checker: names, schema tokens, typed values, dependencies, envs.

mod access;
mod builtin;
mod conditions;
mod deploy_order;
mod loops;
pub mod mocks;
mod model;
pub mod plan;
mod schema;
mod types;
mod value;

pub use access::{DataSource, IndexKey, Invoke};
pub use builtin::{Builtin, base64};
pub use loops::{Each, ItemKey, item_logical_name};
pub use model::*;
pub use schema::{KindFacts, ObjectFacts, Property, SchemaFacts};
pub use types::{Type, short_token};
pub use value::*;
