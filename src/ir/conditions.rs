//! Facts about conditional resources (`when`) that every backend asks.

use super::{Project, ResourceRef, Value, ValueKind};

impl Project {
    /// The conditional resources `v` reads (indices into `resources`, sorted, unique).
    pub fn conditional_reads(&self, v: &Value) -> Vec<usize> {
        let mut out = Vec::new();
        v.walk(&mut |x| {
            if let ValueKind::Output {
                resource: ResourceRef::Resource(i) | ResourceRef::Item(i, _),
                ..
            }
            | ValueKind::Resource(ResourceRef::Resource(i) | ResourceRef::Item(i, _)) = &x.kind
                && self.resources[*i].condition.is_some()
                && self.resources[*i].instance.is_none()
            {
                out.push(*i);
            }
        });
        out.sort();
        out.dedup();
        out
    }

    /// The conditional component instances `v` reads (their outputs or children), sorted.
    pub fn conditional_instance_reads(&self, v: &Value) -> Vec<usize> {
        let mut out = Vec::new();
        v.walk(&mut |x| {
            let inst = match &x.kind {
                ValueKind::InstanceOutput { instance, .. } => Some(*instance),
                ValueKind::Output {
                    resource: ResourceRef::Resource(i),
                    ..
                }
                | ValueKind::Resource(ResourceRef::Resource(i)) => self.resources[*i].instance,
                _ => None,
            };
            if let Some(k) = inst
                && self.instances[k].condition.is_some()
            {
                out.push(k);
            }
        });
        out.sort();
        out.dedup();
        out
    }

    /// Whether resource `i` exists only where its `when` holds.
    pub fn is_conditional(&self, i: usize) -> bool {
        self.resources[i].condition.is_some()
    }
}
