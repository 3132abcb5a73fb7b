//! The order a workspace's projects are deployed in: each project after the projects of the
//! same workspace whose outputs it reads through stack references.

use super::model::{Project, StackRef, Workspace};

impl Workspace {
    /// Indices into `projects`: producers before their consumers, ties in workspace order.
    /// Projects that read each other in a cycle (Pulumi allows it, but no order deploys them
    /// from nothing) keep their workspace order after everything that can be ordered.
    pub fn deploy_order(&self) -> Vec<usize> {
        let reads: Vec<Vec<usize>> = self.projects.iter().map(|p| self.producers_of(p)).collect();
        let mut placed = vec![false; self.projects.len()];
        let mut order = Vec::with_capacity(self.projects.len());
        while order.len() < self.projects.len() {
            let next = (0..self.projects.len())
                .find(|&i| !placed[i] && reads[i].iter().all(|&r| placed[r] || r == i));
            let Some(i) = next.or_else(|| (0..self.projects.len()).find(|&i| !placed[i])) else {
                break;
            };
            placed[i] = true;
            order.push(i);
        }
        order
    }

    /// Indices of the workspace's projects `project` reads through stack references, sorted.
    pub fn producers_of(&self, project: &Project) -> Vec<usize> {
        let mut out: Vec<usize> = project
            .stacks
            .iter()
            .filter_map(|s| self.projects.iter().position(|p| s.reads(p)))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl StackRef {
    /// Whether this reference reads a stack of `project`.
    pub fn reads(&self, project: &Project) -> bool {
        self.project == project.pulumi_name || self.project == project.name
    }
}
