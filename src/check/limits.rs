//! Constructs that check clean as a resource graph but that no target language can write as a
//! program, reported here so that `check` (and the language server) reject them instead of a
//! backend failing later:
//!
//! - E0900: a component instance whose arguments read a resource that reads the instance's own
//!   outputs. The resources form no cycle, but the instance is one constructor call in Go,
//!   TypeScript and Python: its arguments exist before it, its outputs after it.
//! - E0901: the parts of a module that is a folder of files read each other in a cycle. Each
//!   part becomes one file with one function creating its declarations (a Go file, a
//!   TypeScript or Python module), and functions run one after another.

use std::collections::{BTreeMap, BTreeSet};

use super::project::ProjectChecker;
use crate::diag::Problem;
use crate::ir::{ResourceRef, Value, ValueKind};
use crate::syntax::Span;

/// Something a module creates in one statement: a resource, or a component instance (with all
/// its children).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Resource(usize),
    Instance(usize),
}

impl ProjectChecker<'_> {
    /// Runs after the graph and the module order are known; silent when the graph already has
    /// a cycle (E0302, E0303), which is the same problem reported better.
    pub(super) fn check_limits(&mut self) {
        if self
            .sink
            .diagnostics
            .iter()
            .any(|d| matches!(d.code, "E0302" | "E0303"))
        {
            return;
        }
        let deps = self.item_graph();
        self.instance_cycles(&deps);
        self.part_cycles(&deps);
    }

    fn item_of(&self, r: usize) -> Item {
        match self.project.resources[r].instance {
            Some(k) => Item::Instance(k),
            None => Item::Resource(r),
        }
    }

    /// What each item reads: resources' dependencies, parents and instance outputs; instances'
    /// arguments and `depends_on`.
    fn item_graph(&self) -> BTreeMap<Item, BTreeSet<Item>> {
        let p = &self.project;
        let mut deps: BTreeMap<Item, BTreeSet<Item>> = BTreeMap::new();
        for (i, r) in p.resources.iter().enumerate() {
            let item = self.item_of(i);
            let mut set: BTreeSet<Item> = r.dependencies.iter().map(|d| self.item_of(*d)).collect();
            let options = &r.options;
            for o in options
                .parent
                .iter()
                .chain(&options.provider)
                .chain(&options.deleted_with)
            {
                if let ResourceRef::Resource(target) | ResourceRef::Item(target, _) = o {
                    set.insert(self.item_of(*target));
                }
            }
            set.extend(r.instance_dependencies.iter().map(|k| Item::Instance(*k)));
            set.remove(&item);
            deps.entry(item).or_default().extend(set);
        }
        for (k, inst) in p.instances.iter().enumerate() {
            let mut set = BTreeSet::new();
            for (_, v) in &inst.args {
                set.extend(self.value_items(v));
            }
            for d in &inst.options.depends_on {
                if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = d {
                    set.insert(self.item_of(*j));
                }
            }
            set.remove(&Item::Instance(k));
            deps.entry(Item::Instance(k)).or_default().extend(set);
        }
        deps
    }

    fn value_items(&self, v: &Value) -> BTreeSet<Item> {
        let mut out = BTreeSet::new();
        let mut refs = Vec::new();
        v.referenced_resources(&mut refs);
        for r in refs {
            if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = r {
                out.insert(self.item_of(j));
            }
        }
        v.walk(&mut |x| {
            if let ValueKind::InstanceOutput { instance, .. } = &x.kind {
                out.insert(Item::Instance(*instance));
            }
        });
        out
    }

    fn item_name(&self, item: Item) -> String {
        match item {
            Item::Resource(r) => self.project.resources[r].name.clone(),
            Item::Instance(k) => self.project.instances[k].name.clone(),
        }
    }

    /// E0900, once per instance whose arguments lead back to it.
    fn instance_cycles(&mut self, deps: &BTreeMap<Item, BTreeSet<Item>>) {
        for k in 0..self.project.instances.len() {
            let start = Item::Instance(k);
            let Some(path) = path_back(deps, start) else {
                continue;
            };
            let mut names: Vec<String> = path.iter().map(|i| self.item_name(*i)).collect();
            names.push(self.item_name(start));
            let span = self.instance_spans.get(&k).copied().unwrap_or_default();
            let read = path.get(1).map(|i| self.item_name(*i)).unwrap_or_default();
            self.sink.report(Problem::InstanceReadsItself {
                span,
                instance: self.project.instances[k].name.clone(),
                read,
                path: names,
            });
        }
    }

    /// E0901, once per module whose parts read each other in a cycle.
    fn part_cycles(&mut self, deps: &BTreeMap<Item, BTreeSet<Item>>) {
        for m in 0..self.project.modules.len() {
            let module = &self.project.modules[m];
            if module.parts.len() < 2 {
                continue;
            }
            let part_of = |item: &Item| -> Option<usize> {
                module.parts.iter().position(|part| match item {
                    Item::Resource(r) => part.resources.contains(r),
                    Item::Instance(k) => part.instances.contains(k),
                })
            };
            let mut part_deps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
            let mut edge: BTreeMap<(usize, usize), Item> = BTreeMap::new();
            for (item, ds) in deps {
                let Some(from) = part_of(item) else { continue };
                for d in ds {
                    if let Some(to) = part_of(d).filter(|to| *to != from) {
                        part_deps.entry(from).or_default().insert(to);
                        edge.entry((from, to)).or_insert(*item);
                    }
                }
            }
            let Some(cycle) = (0..module.parts.len()).find_map(|p| path_back(&part_deps, p)) else {
                continue;
            };
            let mut names: Vec<String> = cycle
                .iter()
                .map(|p| module.parts[*p].file.clone())
                .collect();
            names.push(names[0].clone());
            let first = edge.get(&(cycle[0], cycle[1 % cycle.len()])).copied();
            let span = first
                .and_then(|item| self.item_span(item))
                .unwrap_or_default();
            self.sink.report(Problem::PartCycle {
                span,
                module: module.name.clone(),
                path: names,
            });
        }
    }

    fn item_span(&self, item: Item) -> Option<Span> {
        match item {
            Item::Resource(r) => {
                let r = self.project.resources[r]
                    .origin
                    .as_ref()
                    .map(|o| o.source)
                    .unwrap_or(r);
                self.resource_spans.get(&r).copied()
            }
            Item::Instance(k) => self.instance_spans.get(&k).copied(),
        }
    }
}

/// A path `start -> ... -> x` where `x` reads `start` again, if there is one (depth first, in
/// order, so the same input gives the same path).
fn path_back<T: Copy + Ord>(deps: &BTreeMap<T, BTreeSet<T>>, start: T) -> Option<Vec<T>> {
    let mut path = vec![start];
    let mut seen = BTreeSet::from([start]);
    fn walk<T: Copy + Ord>(
        deps: &BTreeMap<T, BTreeSet<T>>,
        start: T,
        path: &mut Vec<T>,
        seen: &mut BTreeSet<T>,
    ) -> bool {
        let at = *path.last().expect("path is never empty");
        for next in deps.get(&at).into_iter().flatten() {
            if *next == start {
                return true;
            }
            if seen.insert(*next) {
                path.push(*next);
                if walk(deps, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(deps, start, &mut path, &mut seen).then_some(path)
}
