//! How a project's resources are grouped into factories (the Dome shape): one
//! `create<Plural>()` per module and resource class (or component), returning a typed map by
//! resource name, called in dependency order from index.ts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::names::{camel, class_path, local, pascal, plural};
use crate::ir::{Options, Project, ResourceRef, Value, ValueKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Member {
    Resource(usize),
    Instance(usize),
}

#[derive(Debug, Clone)]
pub struct Group {
    pub module: String,
    /// The map's type alias, `D1Databases`.
    pub type_name: String,
    /// The variable holding the map in index.ts, `d1Databases`.
    pub var: String,
    /// `createD1Databases`
    pub factory: String,
    /// The element type, `cloudflare.D1Database` or a component class.
    pub elem_type: String,
    /// The component, for a group of component instances.
    pub component: Option<usize>,
    /// In creation order.
    pub members: Vec<Member>,
    /// Groups this one reads, in creation order.
    pub deps: Vec<usize>,
    /// Stack references this one reads, sorted.
    pub stacks: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Layout {
    /// In creation order.
    pub groups: Vec<Group>,
    /// Top-level resource -> (group, key).
    pub resources: HashMap<usize, (usize, String)>,
    /// Instance -> (group, key).
    pub instances: HashMap<usize, (usize, String)>,
    /// Child resource -> (instance, field of the component class).
    pub children: HashMap<usize, (usize, String)>,
    /// Names a factory's parameters take (maps, stack references): locals avoid them.
    pub taken: BTreeSet<String>,
}

/// Every resource, instance and stack reference a value reads.
#[derive(Default)]
pub struct Reads {
    pub resources: BTreeSet<usize>,
    pub instances: BTreeSet<usize>,
    pub stacks: BTreeSet<String>,
}

impl Reads {
    pub fn value(&mut self, v: &Value) {
        v.walk(&mut |x| match &x.kind {
            ValueKind::Output {
                resource: ResourceRef::Resource(i),
                ..
            }
            | ValueKind::Resource(ResourceRef::Resource(i)) => {
                self.resources.insert(*i);
            }
            ValueKind::InstanceOutput { instance, .. } => {
                self.instances.insert(*instance);
            }
            ValueKind::StackOutput { stack, .. } => {
                self.stacks.insert(stack.clone());
            }
            _ => {}
        });
    }

    pub fn options(&mut self, o: &Options) {
        if let Some(p) = &o.protect {
            self.value(p);
        }
        for r in o.depends_on.iter().chain(o.parent.iter()) {
            if let ResourceRef::Resource(i) = r {
                self.resources.insert(*i);
            }
        }
    }
}

pub fn member_reads(project: &Project, m: Member) -> Reads {
    let mut reads = Reads::default();
    match m {
        Member::Resource(i) => {
            let r = &project.resources[i];
            r.inputs.iter().for_each(|(_, v)| reads.value(v));
            reads.options(&r.options);
            reads.resources.extend(r.dependencies.iter().copied());
            reads
                .instances
                .extend(r.instance_dependencies.iter().copied());
        }
        Member::Instance(i) => {
            let inst = &project.instances[i];
            inst.args.iter().for_each(|(_, v)| reads.value(v));
            reads.options(&inst.options);
        }
    }
    reads
}

pub fn build(project: &Project) -> Result<Layout, String> {
    let mut layout = Layout::default();
    for (i, inst) in project.instances.iter().enumerate() {
        let comp = &project.components[inst.component];
        for (j, child) in inst.children.iter().enumerate() {
            let template = comp.resources.get(j).ok_or_else(|| {
                format!(
                    "instance `{}` has more children than its component",
                    inst.name
                )
            })?;
            layout.children.insert(*child, (i, camel(&template.name)));
        }
    }

    // Groups in module order (each module after the modules it reads), members in source order.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    for module in project.module_order.iter().map(|&m| &project.modules[m]) {
        let mut members: Vec<(String, Member)> = Vec::new();
        members.extend(module.resources.iter().map(|&r| {
            (
                format!("r:{}", project.resources[r].kind.token),
                Member::Resource(r),
            )
        }));
        members.extend(module.instances.iter().map(|&i| {
            (
                format!("c:{}", project.instances[i].component),
                Member::Instance(i),
            )
        }));
        for (key, m) in members {
            let slot = *index.entry((module.name.clone(), key)).or_insert_with(|| {
                let (class, elem_type, component) = match m {
                    Member::Resource(r) => {
                        let kind = &project.resources[r].kind;
                        (kind.class.clone(), class_path(kind), None)
                    }
                    Member::Instance(i) => {
                        let c = project.instances[i].component;
                        let name = pascal(&project.components[c].name);
                        (name.clone(), name, Some(c))
                    }
                };
                groups.push(Group {
                    module: module.name.clone(),
                    type_name: plural(&class),
                    var: String::new(),
                    factory: String::new(),
                    elem_type,
                    component,
                    members: Vec::new(),
                    deps: Vec::new(),
                    stacks: Vec::new(),
                });
                groups.len() - 1
            });
            groups[slot].members.push(m);
        }
    }

    // The same class name twice: prefix the provider module (`ComputeInstances`), then the
    // DSL module, until names are unique.
    let kind_module = |g: &Group| -> String {
        match g.members.first() {
            Some(Member::Resource(r)) => {
                let k = &project.resources[*r].kind;
                if k.module == "index" {
                    pascal(&k.package)
                } else {
                    pascal(&k.module)
                }
            }
            _ => String::new(),
        }
    };
    for pass in 0..2 {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            by_name.entry(g.type_name.clone()).or_default().push(i);
        }
        for clash in by_name.values().filter(|v| v.len() > 1) {
            let modules: BTreeSet<String> =
                clash.iter().map(|&i| kind_module(&groups[i])).collect();
            let by_kind = pass == 0 && modules.len() == clash.len();
            for &i in clash {
                let prefix = if by_kind {
                    kind_module(&groups[i])
                } else {
                    pascal(&groups[i].module)
                };
                groups[i].type_name = format!("{prefix}{}", groups[i].type_name);
            }
        }
    }
    for g in &mut groups {
        g.var = camel(&g.type_name);
        g.factory = format!("create{}", g.type_name);
    }

    // Members in dependency order: resources as `Project::order` has them, instances after
    // the instances they read.
    let position: HashMap<usize, usize> = project
        .order
        .iter()
        .enumerate()
        .map(|(p, &r)| (r, p))
        .collect();
    for g in &mut groups {
        if g.component.is_none() {
            g.members.sort_by_key(|m| match m {
                Member::Resource(r) => position.get(r).copied().unwrap_or(usize::MAX),
                Member::Instance(_) => usize::MAX,
            });
        } else {
            g.members = order_instances(project, &layout, &g.members);
        }
    }

    let mut owner: HashMap<Member, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for m in &g.members {
            owner.insert(*m, gi);
        }
    }
    let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.len()];
    let mut stacks: Vec<BTreeSet<String>> = vec![BTreeSet::new(); groups.len()];
    for (gi, g) in groups.iter().enumerate() {
        for m in &g.members {
            let reads = member_reads(project, *m);
            let mut targets: Vec<Member> = Vec::new();
            for r in &reads.resources {
                match layout.children.get(r) {
                    Some((inst, _)) => targets.push(Member::Instance(*inst)),
                    None => targets.push(Member::Resource(*r)),
                }
            }
            targets.extend(reads.instances.iter().map(|i| Member::Instance(*i)));
            for t in targets {
                if let Some(&o) = owner.get(&t)
                    && o != gi
                {
                    deps[gi].insert(o);
                }
            }
            stacks[gi].extend(reads.stacks);
        }
        if let Some(c) = g.component {
            let reads = component_reads(project, c);
            for r in &reads.resources {
                if let Some(&o) = owner.get(&Member::Resource(*r)) {
                    deps[gi].insert(o);
                }
            }
            stacks[gi].extend(reads.stacks);
        }
    }

    // Kahn's algorithm, preferring module order.
    let n = groups.len();
    let mut done = vec![false; n];
    let mut order = Vec::new();
    while order.len() < n {
        let next = (0..n).find(|&g| !done[g] && deps[g].iter().all(|d| done[*d]));
        match next {
            Some(g) => {
                done[g] = true;
                order.push(g);
            }
            None => {
                let stuck: Vec<String> = (0..n)
                    .filter(|g| !done[*g])
                    .map(|g| format!("{}.{}", groups[g].module, groups[g].type_name))
                    .collect();
                return Err(format!(
                    "the typescript backend cannot order these resource groups, which read each other: {}",
                    stuck.join(", ")
                ));
            }
        }
    }
    let new_index: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    for &old in &order {
        let mut g = groups[old].clone();
        let mut d: Vec<usize> = deps[old].iter().map(|x| new_index[x]).collect();
        d.sort();
        g.deps = d;
        g.stacks = stacks[old].iter().cloned().collect();
        layout.groups.push(g);
    }
    layout.taken = layout.groups.iter().map(|g| g.var.clone()).collect();
    layout
        .taken
        .extend(project.stacks.iter().map(|s| local(&s.name)));
    layout.taken.insert("stack".into());
    for (gi, g) in layout.groups.iter().enumerate() {
        for m in &g.members {
            match m {
                Member::Resource(r) => {
                    layout
                        .resources
                        .insert(*r, (gi, camel(&project.resources[*r].name)));
                }
                Member::Instance(i) => {
                    layout
                        .instances
                        .insert(*i, (gi, camel(&project.instances[*i].name)));
                }
            }
        }
    }
    Ok(layout)
}

/// What a component's template reads outside itself: top-level resources and stack outputs.
pub fn component_reads(project: &Project, c: usize) -> Reads {
    let comp = &project.components[c];
    let mut reads = Reads::default();
    for r in &comp.resources {
        r.inputs.iter().for_each(|(_, v)| reads.value(v));
        reads.options(&r.options);
    }
    comp.outputs.iter().for_each(|(_, v)| reads.value(v));
    reads
}

/// Instances in declaration order, each after the instances it reads.
fn order_instances(project: &Project, layout: &Layout, members: &[Member]) -> Vec<Member> {
    let reads: Vec<BTreeSet<usize>> = members
        .iter()
        .map(|m| {
            let r = member_reads(project, *m);
            let mut out: BTreeSet<usize> = r.instances.clone();
            for res in &r.resources {
                if let Some((inst, _)) = layout.children.get(res) {
                    out.insert(*inst);
                }
            }
            out
        })
        .collect();
    let inst = |m: &Member| match m {
        Member::Instance(i) => *i,
        Member::Resource(r) => *r,
    };
    let mut done: Vec<bool> = vec![false; members.len()];
    let mut out = Vec::new();
    while out.len() < members.len() {
        let next = (0..members.len())
            .find(|&i| {
                !done[i]
                    && reads[i].iter().all(|d| {
                        members
                            .iter()
                            .position(|m| inst(m) == *d)
                            .is_none_or(|j| done[j] || j == i)
                    })
            })
            .unwrap_or_else(|| (0..members.len()).find(|&i| !done[i]).unwrap_or(0));
        done[next] = true;
        out.push(members[next]);
    }
    out
}

impl Layout {
    /// The local variable of a resource or instance inside its factory.
    pub fn var(&self, name: &str) -> String {
        let l = local(name);
        if self.taken.contains(&l) {
            format!("{l}Resource")
        } else {
            l
        }
    }

    /// Groups of one module, in creation order.
    pub fn module_groups<'a>(
        &'a self,
        module: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Group)> + 'a {
        self.groups
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.module == module)
    }
}
