//! Looped resources (`resource K name for key, item in COLLECTION { ... }`): one resource per
//! key of a map or string of a list, created by a loop in the program and named
//! `<logical name>-<key>`.

use serde_json::Value as Json;

use super::plan::Evaluator;
use super::{Project, ResourceRef, Type, Value, ValueKind};

/// The loop of a looped resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    /// The DSL name of the key variable (a map's key, or a list's string item).
    pub key: String,
    /// The DSL name of the value variable of a map, when written.
    pub item: Option<String>,
    /// A `list<string>` or a `map<T>` known before deployment.
    pub collection: Value,
}

impl Each {
    /// Whether the collection is a map (`false`: a list of strings).
    pub fn is_map(&self) -> bool {
        matches!(self.collection.ty, Type::Map(_))
    }

    /// The type of a map's values (`string` for a list).
    pub fn item_type(&self) -> Type {
        match &self.collection.ty {
            Type::Map(t) | Type::List(t) => (**t).clone(),
            _ => Type::Any,
        }
    }
}

/// Which item of a looped resource a reference reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKey {
    /// A key written out: `subnet["us-central1"]`.
    Literal(String),
    /// The key of the loop being run, inside a resource looped over the same collection:
    /// `subnet[region]` (holds the loop's key variable, `region`).
    Current(String),
}

impl Project {
    /// Whether resource `i` is looped.
    pub fn is_looped(&self, i: usize) -> bool {
        self.resources[i].each.is_some()
    }

    /// The logical names the items of looped resource `i` take in any environment, sorted
    /// (the collections are known before deployment, so every environment's keys are known).
    pub fn item_logical_names(&self, i: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .envs
            .iter()
            .filter_map(|e| Evaluator::new(self, &e.name))
            .flat_map(|ev| {
                ev.keys(i)
                    .into_iter()
                    .map(|(k, _)| item_logical_name(&self.resources[i].logical_name, &k))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The logical names resource `i` registers under in any environment: its own, or each
    /// item's for a looped resource.
    pub fn logical_names_of(&self, i: usize) -> Vec<String> {
        if self.is_looped(i) {
            self.item_logical_names(i)
        } else {
            vec![self.resources[i].logical_name.clone()]
        }
    }

    /// The looped resources `v` reads as a whole collection (`depends_on = subnet`).
    pub fn collection_reads(&self, v: &Value) -> Vec<usize> {
        let mut out = Vec::new();
        v.walk(&mut |x| {
            if let ValueKind::Resource(ResourceRef::Resource(i)) = &x.kind
                && self.is_looped(*i)
            {
                out.push(*i);
            }
        });
        out
    }
}

/// `subnet` and `us-central1` -> `subnet-us-central1`.
pub fn item_logical_name(logical: &str, key: &str) -> String {
    format!("{logical}-{key}")
}

impl Evaluator<'_> {
    /// The keys of looped resource `i` in this environment with each item's value, in the
    /// order the program runs them (a map's keys sorted, a list in its order). Empty where the
    /// resource is not looped or does not exist.
    pub fn keys(&self, i: usize) -> Vec<(String, Json)> {
        let r = &self.project.resources[i];
        let Some(each) = &r.each else {
            return Vec::new();
        };
        if !self.exists(r) {
            return Vec::new();
        }
        match self.value(&each.collection) {
            Json::Object(map) => {
                let mut items: Vec<(String, Json)> = map.into_iter().collect();
                items.sort_by(|a, b| a.0.cmp(&b.0));
                items
            }
            Json::Array(items) => items
                .into_iter()
                .map(|v| (super::plan::text(&v), v))
                .collect(),
            _ => Vec::new(),
        }
    }
}
