//! What a value or a set of options reads: resources, stack references, component instances.

use std::collections::BTreeSet;

use crate::ir::{ResourceRef, Value, ValueKind};

/// Resources, stack references and instances a value reads.
#[derive(Debug, Default)]
pub struct Reads {
    pub resources: BTreeSet<usize>,
    pub stacks: BTreeSet<String>,
    pub instances: BTreeSet<usize>,
}

impl Reads {
    pub fn value(&mut self, v: &Value) {
        v.walk(&mut |x| match &x.kind {
            ValueKind::Output {
                resource: ResourceRef::Resource(i) | ResourceRef::Item(i, _),
                ..
            }
            | ValueKind::Resource(ResourceRef::Resource(i) | ResourceRef::Item(i, _)) => {
                self.resources.insert(*i);
            }
            ValueKind::StackOutput { stack, .. } => {
                self.stacks.insert(stack.clone());
            }
            ValueKind::InstanceOutput { instance, .. } => {
                self.instances.insert(*instance);
            }
            _ => {}
        });
    }

    pub fn options(&mut self, o: &crate::ir::Options) {
        if let Some(p) = &o.protect {
            self.value(p);
        }
        // Every resource an option names: the module's constructor takes it from the module
        // that declares it (a provider selected only in `options` included).
        for r in o
            .depends_on
            .iter()
            .chain(&o.parent)
            .chain(&o.provider)
            .chain(&o.deleted_with)
            .chain(o.alias_parents())
        {
            if let ResourceRef::Resource(i) | ResourceRef::Item(i, _) = r {
                self.resources.insert(*i);
            }
        }
    }
}
