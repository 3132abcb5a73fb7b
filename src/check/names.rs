//! Physical names: two resources of one kind must not get the same name in one environment.

use std::collections::BTreeMap;

use super::project::ProjectChecker;
use crate::diag::Problem;
use crate::ir::plan::{Evaluator, text};

impl ProjectChecker<'_> {
    pub(super) fn check_physical_names(&mut self) {
        let mut problems = Vec::new();
        for env in &self.project.envs {
            let Some(eval) = Evaluator::new(&self.project, &env.name) else {
                continue;
            };
            let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
            for (i, r) in self.project.resources.iter().enumerate() {
                let Some(name) = &r.physical_name else {
                    continue;
                };
                // A looped resource names each of its items.
                let names: Vec<String> = if r.each.is_some() {
                    eval.keys(i)
                        .into_iter()
                        .map(|item| {
                            let item_eval = Evaluator {
                                item: Some(item),
                                ..eval.clone()
                            };
                            text(&item_eval.value(name))
                        })
                        .collect()
                } else {
                    vec![text(&eval.value(name))]
                };
                for name in names {
                    let key = (r.kind.token.clone(), name.clone());
                    match seen.get(&key) {
                        Some(&first) => problems.push(Problem::DuplicatePhysicalName {
                            span: self.resource_spans.get(&i).copied().unwrap_or_default(),
                            name,
                            env: env.name.clone(),
                            first: self.resource_spans.get(&first).copied().unwrap_or_default(),
                            kind: super::schema::friendly_name(&r.kind.token).unwrap_or_default(),
                        }),
                        None => {
                            seen.insert(key, i);
                        }
                    }
                }
            }
        }
        for p in problems {
            self.sink.report(p);
        }
    }
}
