//! The dependency graph: what each resource depends on, the order resources can be created in,
//! and cycles (reported with their path).

use std::collections::{BTreeMap, BTreeSet};

use super::project::ProjectChecker;
use crate::diag::Problem;
use crate::ir::{ResourceRef, Value, ValueKind};

impl ProjectChecker<'_> {
    /// Resources, stack references and instances a value reads from.
    fn value_deps(
        &self,
        v: &Value,
        deps: &mut BTreeSet<usize>,
        stacks: &mut BTreeSet<String>,
        insts: &mut BTreeSet<usize>,
    ) {
        v.walk(&mut |x| match &x.kind {
            ValueKind::Output {
                resource: ResourceRef::Resource(i) | ResourceRef::Item(i, _),
                ..
            }
            | ValueKind::Resource(ResourceRef::Resource(i) | ResourceRef::Item(i, _)) => {
                deps.insert(*i);
            }
            ValueKind::StackOutput { stack, .. } => {
                stacks.insert(stack.clone());
            }
            ValueKind::InstanceOutput { instance, output } => {
                insts.insert(*instance);
                if let Some((_, out)) = self.project.instances[*instance]
                    .outputs
                    .iter()
                    .find(|(n, _)| n == output)
                {
                    let mut inner = BTreeSet::new();
                    self.value_deps(out, &mut inner, stacks, &mut BTreeSet::new());
                    deps.extend(inner);
                }
            }
            _ => {}
        });
    }

    pub(super) fn link_graph(&mut self) {
        let n = self.project.resources.len();
        for i in 0..n {
            let mut deps = BTreeSet::new();
            let mut stacks = BTreeSet::new();
            let mut insts = BTreeSet::new();
            let r = &self.project.resources[i];
            for (_, v) in &r.inputs {
                self.value_deps(v, &mut deps, &mut stacks, &mut insts);
            }
            for d in &r.options.depends_on {
                if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = d {
                    deps.insert(*j);
                }
            }
            // An alias's old parent is read (its URN) when the resource is created.
            for a in &r.options.aliases {
                if let Some(crate::ir::AliasParent::Resource(ResourceRef::Resource(j))) = &a.parent
                {
                    deps.insert(*j);
                }
            }
            // An instance's `depends_on` is the component's own option: the SDKs do not pass it
            // down to the children, so neither does the graph.
            deps.remove(&i);
            let r = &mut self.project.resources[i];
            r.dependencies = deps.into_iter().collect();
            r.stack_dependencies = stacks.into_iter().collect();
            r.instance_dependencies = insts.into_iter().collect();
        }
        self.check_logical_names();
        self.report_cycles();
        self.project.order = self.topological_order();
    }

    /// Resources created by bindings get their names from rules; they must not collide.
    fn check_logical_names(&mut self) {
        let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (i, r) in self.project.resources.iter().enumerate() {
            if r.computed_name.is_some() {
                continue; // compared per environment (`check_logical_names_per_env`)
            }
            let key = (r.kind.token.as_str(), r.logical_name.as_str());
            if let Some(&first) = seen.get(&key) {
                if r.origin.is_some() {
                    self.sink.report(Problem::Duplicate {
                        span: self.resource_spans.get(&i).copied().unwrap_or_default(),
                        what: "logical name".into(),
                        name: r.logical_name.clone(),
                        first: self.resource_spans.get(&first).copied().unwrap_or_default(),
                    });
                }
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn report_cycles(&mut self) {
        let n = self.project.resources.len();
        let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
        let mut stack = Vec::new();
        let mut found: BTreeSet<Vec<usize>> = BTreeSet::new();
        for start in 0..n {
            if state[start] == 0 {
                self.dfs(start, &mut state, &mut stack, &mut found);
            }
        }
        for cycle in found {
            let mut path: Vec<String> = cycle
                .iter()
                .map(|i| self.project.resources[*i].logical_name.clone())
                .collect();
            path.push(path[0].clone());
            let spans = cycle
                .iter()
                .enumerate()
                .map(|(k, from)| {
                    let to = cycle[(k + 1) % cycle.len()];
                    self.edge_spans
                        .get(&(*from, to))
                        .or_else(|| self.resource_spans.get(from))
                        .copied()
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>();
            self.sink.report(Problem::Cycle {
                span: spans[0],
                path,
                spans,
            });
        }
    }

    fn dfs(
        &self,
        i: usize,
        state: &mut [u8],
        stack: &mut Vec<usize>,
        found: &mut BTreeSet<Vec<usize>>,
    ) {
        state[i] = 1;
        stack.push(i);
        for &d in &self.project.resources[i].dependencies {
            match state[d] {
                0 => self.dfs(d, state, stack, found),
                1 => {
                    let pos = stack.iter().position(|&x| x == d).unwrap_or(0);
                    let mut cycle: Vec<usize> = stack[pos..].to_vec();
                    // Rotate so the cycle starts at its first-declared resource: one report each.
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, v)| **v)
                        .map(|(k, _)| k)
                        .unwrap_or(0);
                    cycle.rotate_left(min);
                    found.insert(cycle);
                }
                _ => {}
            }
        }
        stack.pop();
        state[i] = 2;
    }

    /// Kahn's algorithm, always taking the first-declared ready resource. A resource comes
    /// after its dependencies and after its parent (`options { parent }`): a program must
    /// create the parent first to pass it, even when it reads nothing from it.
    fn topological_order(&self) -> Vec<usize> {
        let n = self.project.resources.len();
        let predecessors: Vec<BTreeSet<usize>> = self
            .project
            .resources
            .iter()
            .map(|r| {
                let mut set: BTreeSet<usize> = r.dependencies.iter().copied().collect();
                let options = &r.options;
                for o in options
                    .parent
                    .iter()
                    .chain(&options.provider)
                    .chain(&options.deleted_with)
                {
                    if let ResourceRef::Resource(p) | ResourceRef::Item(p, _) = o {
                        set.insert(*p);
                    }
                }
                set
            })
            .collect();
        let mut remaining: Vec<usize> = predecessors.iter().map(BTreeSet::len).collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, preds) in predecessors.iter().enumerate() {
            for &d in preds {
                dependents[d].push(i);
            }
        }
        let mut ready: BTreeSet<usize> = (0..n).filter(|i| remaining[*i] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(i) = ready.pop_first() {
            order.push(i);
            for &j in &dependents[i] {
                remaining[j] -= 1;
                if remaining[j] == 0 {
                    ready.insert(j);
                }
            }
        }
        // Resources on a cycle (already reported) keep declaration order at the end.
        let placed: BTreeSet<usize> = order.iter().copied().collect();
        order.extend((0..n).filter(|i| !placed.contains(i)));
        order
    }

    /// Which other modules each module's declarations read from.
    pub(super) fn finish_modules(&mut self) {
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in &self.project.resources {
            for &d in &r.dependencies {
                uses.entry(r.module.clone())
                    .or_default()
                    .insert(self.project.resources[d].module.clone());
            }
            for &inst in &r.instance_dependencies {
                uses.entry(r.module.clone())
                    .or_default()
                    .insert(self.project.instances[inst].module.clone());
            }
        }
        // `options { parent, depends_on }` make the program create the target first, even when
        // no value is read from it.
        let option_targets = |options: &crate::ir::Options| {
            options
                .parent
                .iter()
                .chain(&options.depends_on)
                .chain(&options.provider)
                .chain(&options.deleted_with)
                .filter_map(|r| match r {
                    ResourceRef::Resource(j) | ResourceRef::Item(j, _) => Some(*j),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        for r in &self.project.resources {
            for j in option_targets(&r.options) {
                uses.entry(r.module.clone())
                    .or_default()
                    .insert(self.project.resources[j].module.clone());
            }
        }
        for inst in &self.project.instances {
            for j in option_targets(&inst.options) {
                uses.entry(inst.module.clone())
                    .or_default()
                    .insert(self.project.resources[j].module.clone());
            }
            for (_, v) in &inst.args {
                let mut refs = Vec::new();
                v.referenced_resources(&mut refs);
                for r in refs {
                    if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = r {
                        uses.entry(inst.module.clone())
                            .or_default()
                            .insert(self.project.resources[j].module.clone());
                    }
                }
            }
        }
        for e in &self.project.exports {
            let mut deps = BTreeSet::new();
            let mut insts = BTreeSet::new();
            self.value_deps(&e.value, &mut deps, &mut BTreeSet::new(), &mut insts);
            let set = uses.entry(e.module.clone()).or_default();
            set.extend(
                deps.iter()
                    .map(|d| self.project.resources[*d].module.clone()),
            );
            set.extend(
                insts
                    .iter()
                    .map(|i| self.project.instances[*i].module.clone()),
            );
        }
        for m in &mut self.project.modules {
            let mut set = uses.remove(&m.name).unwrap_or_default();
            set.remove(&m.name);
            m.uses = set.into_iter().collect();
        }
    }
}
