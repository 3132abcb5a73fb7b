//! How a project's resources are grouped into factories (the Dome shape): one
//! `create<Plural>()` per module and resource class (or component), returning a typed map by
//! resource name, called in dependency order from index.ts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::names::{camel, class_path, kebab, local, pascal, plural};
use crate::ir::{Module, Options, Project, ResourceRef, Value, ValueKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Member {
    Resource(usize),
    Instance(usize),
}

#[derive(Debug, Clone)]
pub struct Group {
    pub module: String,
    /// Index into the module's `parts`: the file the group's factory is written to.
    pub part: usize,
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
                resource: ResourceRef::Resource(i) | ResourceRef::Item(i, _),
                ..
            }
            | ValueKind::Resource(ResourceRef::Resource(i) | ResourceRef::Item(i, _)) => {
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
        let targets = o.depends_on.iter().chain(&o.parent).chain(&o.provider);
        for r in targets.chain(&o.deleted_with).chain(o.alias_parents()) {
            if let ResourceRef::Resource(i) | ResourceRef::Item(i, _) = r {
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
    let mut layout = Layout {
        children: component_children(project)?,
        ..Layout::default()
    };
    let mut groups = initial_groups(project);
    name_groups(project, &mut groups);
    for g in &mut groups {
        if g.component.is_none() {
            g.members.sort_by_key(|m| match m {
                Member::Resource(r) => project.order.iter().position(|x| x == r),
                Member::Instance(_) => None,
            });
            g.members = parents_first(project, &g.members);
        } else {
            g.members = order_instances(project, &layout, &g.members);
        }
    }
    let (mut deps, mut stacks) = group_reads(project, &layout, &groups);
    if order_groups(&groups, &deps).is_err() {
        groups = split_by_level(project, &layout, groups);
        (deps, stacks) = group_reads(project, &layout, &groups);
    }
    for (old, d) in order_groups(&groups, &deps)? {
        let mut g = groups[old].clone();
        g.deps = d;
        g.stacks = stacks[old].iter().cloned().collect();
        layout.groups.push(g);
    }
    index_members(project, &mut layout);
    Ok(layout)
}

/// Kind groups of one module can read each other although their resources do not (a bucket,
/// an object in it, a second bucket reading the object). Then each group is cut by level: a
/// member's level is one more than the highest level of the members it reads, so a group of
/// one level reads only lower levels and the groups can be ordered. A group after the first of
/// its kind is named after its first member (`SecondBuckets`).
fn split_by_level(project: &Project, layout: &Layout, groups: Vec<Group>) -> Vec<Group> {
    let members: Vec<Member> = groups.iter().flat_map(|g| g.members.clone()).collect();
    let reads: HashMap<Member, Vec<Member>> = members
        .iter()
        .map(|&m| {
            let r = member_reads(project, m);
            let targets = r
                .resources
                .iter()
                .map(|res| match layout.children.get(res) {
                    Some((inst, _)) => Member::Instance(*inst),
                    None => Member::Resource(*res),
                })
                .chain(r.instances.iter().map(|i| Member::Instance(*i)))
                .filter(|t| *t != m)
                .collect();
            (m, targets)
        })
        .collect();
    let mut level: HashMap<Member, usize> = members.iter().map(|&m| (m, 0)).collect();
    // Longest path by relaxation: the checker rejects cycles, so this settles.
    for _ in 0..members.len() {
        let mut changed = false;
        for m in &members {
            let want = reads[m]
                .iter()
                .filter_map(|t| level.get(t).map(|l| l + 1))
                .max()
                .unwrap_or(0);
            if want > level[m] {
                level.insert(*m, want);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let member_name = |m: &Member| match m {
        Member::Resource(i) => project.resources[*i].name.clone(),
        Member::Instance(i) => project.instances[*i].name.clone(),
    };
    let mut out = Vec::new();
    for g in groups {
        let mut by_level: BTreeMap<usize, Vec<Member>> = BTreeMap::new();
        for m in &g.members {
            by_level.entry(level[m]).or_default().push(*m);
        }
        for (n, members) in by_level.into_values().enumerate() {
            let mut part = g.clone();
            if n > 0 {
                part.type_name = format!("{}{}", pascal(&member_name(&members[0])), g.type_name);
                part.var = camel(&part.type_name);
                part.factory = format!("create{}", part.type_name);
            }
            part.members = members;
            out.push(part);
        }
    }
    out
}

/// Members in their order, except that a resource comes after its `parent` when both are
/// in the group (`Project::order` follows data and `depends_on`, not parents).
fn parents_first(project: &Project, members: &[Member]) -> Vec<Member> {
    // What a member waits for: its parent and the resources it reads.
    let waits = |m: &Member| -> Vec<Member> {
        let Member::Resource(r) = m else {
            return Vec::new();
        };
        let r = &project.resources[*r];
        let option_targets = r
            .options
            .parent
            .iter()
            .chain(&r.options.provider)
            .chain(&r.options.deleted_with)
            .chain(r.options.alias_parents());
        let parents = option_targets.filter_map(|o| match o {
            ResourceRef::Resource(p) | ResourceRef::Item(p, _) => Some(*p),
            _ => None,
        });
        r.dependencies
            .iter()
            .copied()
            .chain(parents)
            .map(Member::Resource)
            .filter(|d| members.contains(d) && d != m)
            .collect()
    };
    let mut out: Vec<Member> = Vec::with_capacity(members.len());
    let mut pending: Vec<Member> = members.to_vec();
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|m| waits(m).iter().all(|d| out.contains(d)))
            .unwrap_or(0);
        out.push(pending.remove(ready));
    }
    out
}

/// Each component child -> (its instance, its field in the component class).
fn component_children(project: &Project) -> Result<HashMap<usize, (usize, String)>, String> {
    let mut children = HashMap::new();
    for (i, inst) in project.instances.iter().enumerate() {
        let comp = &project.components[inst.component];
        for (j, child) in inst.children.iter().enumerate() {
            let template = comp.resources.get(j).ok_or_else(|| {
                format!(
                    "instance `{}` has more children than its component",
                    inst.name
                )
            })?;
            children.insert(*child, (i, camel(&template.name)));
        }
    }
    Ok(children)
}

/// The members of each part of a module: (part, resources, instances), components' children
/// left out (their component creates them). A module without parts is one part.
fn module_parts(module: &Module) -> Vec<(usize, Vec<usize>, Vec<usize>)> {
    if module.parts.is_empty() {
        return vec![(0, module.resources.clone(), module.instances.clone())];
    }
    let own = |list: &[usize], of: &[usize]| -> Vec<usize> {
        list.iter().copied().filter(|x| of.contains(x)).collect()
    };
    module
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let resources = own(&p.resources, &module.resources);
            (i, resources, own(&p.instances, &module.instances))
        })
        .collect()
}

/// One group per module part and resource class (or component), in module order (each
/// module after the modules it reads), members in source order.
fn initial_groups(project: &Project) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<(String, usize, String), usize> = BTreeMap::new();
    for module in project.module_order.iter().map(|&m| &project.modules[m]) {
        for (part, resources, instances) in module_parts(module) {
            let members = resources
                .iter()
                .map(|&r| {
                    let key = format!("r:{}", project.resources[r].kind.token);
                    (key, Member::Resource(r))
                })
                .chain(instances.iter().map(|&i| {
                    let key = format!("c:{}", project.instances[i].component);
                    (key, Member::Instance(i))
                }));
            for (key, m) in members {
                let slot = *index
                    .entry((module.name.clone(), part, key))
                    .or_insert_with(|| {
                        groups.push(new_group(project, &module.name, part, m));
                        groups.len() - 1
                    });
                groups[slot].members.push(m);
            }
        }
    }
    groups
}

fn new_group(project: &Project, module: &str, part: usize, m: Member) -> Group {
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
    Group {
        module: module.to_string(),
        part,
        type_name: plural(&class),
        var: String::new(),
        factory: String::new(),
        elem_type,
        component,
        members: Vec::new(),
        deps: Vec::new(),
        stacks: Vec::new(),
    }
}

/// The provider module of a group's resource class (`Compute` for `gcp.compute.Instance`).
fn kind_module(project: &Project, g: &Group) -> String {
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
}

/// The same class name twice: prefix the provider module (`ComputeInstances`), then the DSL
/// module, or the part's file within one module (`ByokCloudFunctions`), until names are unique.
fn name_groups(project: &Project, groups: &mut [Group]) {
    for pass in 0..3 {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            by_name.entry(g.type_name.clone()).or_default().push(i);
        }
        for clash in by_name.values().filter(|v| v.len() > 1) {
            let kinds: BTreeSet<String> = clash
                .iter()
                .map(|&i| kind_module(project, &groups[i]))
                .collect();
            let modules: BTreeSet<&str> =
                clash.iter().map(|&i| groups[i].module.as_str()).collect();
            let by_kind = pass == 0 && kinds.len() == clash.len();
            let by_module = modules.len() == clash.len();
            let prefixes: Vec<String> = clash
                .iter()
                .map(|&i| {
                    let g = &groups[i];
                    if by_kind {
                        kind_module(project, g)
                    } else if by_module || pass == 2 {
                        pascal(&g.module)
                    } else {
                        part_name(project, g)
                    }
                })
                .collect();
            for (&i, prefix) in clash.iter().zip(prefixes) {
                groups[i].type_name = format!("{prefix}{}", groups[i].type_name);
            }
        }
    }
    for g in groups.iter_mut() {
        g.var = camel(&g.type_name);
        g.factory = format!("create{}", g.type_name);
    }
}

/// The PascalCase name of a group's part (its module's, for a module of one file).
fn part_name(project: &Project, g: &Group) -> String {
    project
        .modules
        .iter()
        .find(|m| m.name == g.module)
        .and_then(|m| m.parts.get(g.part))
        .map(|p| pascal(&p.name))
        .unwrap_or_else(|| pascal(&g.module))
}

/// Per group, the groups it reads and the stack references it reads.
fn group_reads(
    project: &Project,
    layout: &Layout,
    groups: &[Group],
) -> (Vec<BTreeSet<usize>>, Vec<BTreeSet<String>>) {
    let mut owner: HashMap<Member, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for m in &g.members {
            owner.insert(*m, gi);
        }
    }
    let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.len()];
    let mut stacks: Vec<BTreeSet<String>> = vec![BTreeSet::new(); groups.len()];
    for (gi, g) in groups.iter().enumerate() {
        let mut reads: Vec<Reads> = g
            .members
            .iter()
            .map(|m| member_reads(project, *m))
            .collect();
        if let Some(c) = g.component {
            reads.push(component_reads(project, c));
        }
        for r in reads {
            let targets = r
                .resources
                .iter()
                .map(|res| match layout.children.get(res) {
                    Some((inst, _)) => Member::Instance(*inst),
                    None => Member::Resource(*res),
                })
                .chain(r.instances.iter().map(|i| Member::Instance(*i)));
            for t in targets {
                if let Some(&o) = owner.get(&t)
                    && o != gi
                {
                    deps[gi].insert(o);
                }
            }
            stacks[gi].extend(r.stacks);
        }
    }
    (deps, stacks)
}

/// Groups in creation order (Kahn's algorithm, preferring module order): (old index, the new
/// indices of the groups it reads).
fn order_groups(
    groups: &[Group],
    deps: &[BTreeSet<usize>],
) -> Result<Vec<(usize, Vec<usize>)>, String> {
    let n = groups.len();
    let mut done = vec![false; n];
    let mut order = Vec::new();
    while order.len() < n {
        let Some(g) = (0..n).find(|&g| !done[g] && deps[g].iter().all(|d| done[*d])) else {
            let stuck: Vec<String> = (0..n)
                .filter(|g| !done[*g])
                .map(|g| format!("{}.{}", groups[g].module, groups[g].type_name))
                .collect();
            return Err(format!(
                "the typescript backend cannot order these resource groups, which read each other: {}",
                stuck.join(", ")
            ));
        };
        done[g] = true;
        order.push(g);
    }
    let new_index: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    Ok(order
        .iter()
        .map(|&old| {
            let mut d: Vec<usize> = deps[old].iter().map(|x| new_index[x]).collect();
            d.sort();
            (old, d)
        })
        .collect())
}

/// The names factories take as parameters, and where each resource and instance lives.
fn index_members(project: &Project, layout: &mut Layout) {
    layout.taken = layout.groups.iter().map(|g| g.var.clone()).collect();
    layout
        .taken
        .extend(project.stacks.iter().map(|s| local(&s.name)));
    layout.taken.insert("stack".into());
    for (gi, g) in layout.groups.iter().enumerate() {
        for m in &g.members {
            match m {
                Member::Resource(r) => {
                    let key = camel(&project.resources[*r].name);
                    layout.resources.insert(*r, (gi, key));
                }
                Member::Instance(i) => {
                    let key = camel(&project.instances[*i].name);
                    layout.instances.insert(*i, (gi, key));
                }
            }
        }
    }
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

/// Whether a module is a folder of files (one generated file per part, and an index).
pub fn is_folder(module: &Module) -> bool {
    module.parts.len() > 1
}

/// The module a group or component belongs to.
pub fn module_named<'a>(project: &'a Project, name: &str) -> Option<&'a Module> {
    project.modules.iter().find(|m| m.name == name)
}

/// What other files import a module from (without extension, relative to the project):
/// `src/resources/storage`, or the folder `src/resources/functions` (its index).
pub fn module_path(module: &str) -> String {
    format!("src/resources/{}", kebab(module))
}

/// The file of one part of a module, without extension: the module's file, or
/// `src/resources/<module>/<part>` for a module that is a folder.
pub fn part_path(module: &Module, part: usize) -> String {
    match module.parts.get(part) {
        Some(p) if is_folder(module) => {
            format!("{}/{}", module_path(&module.name), kebab(&p.name))
        }
        _ => module_path(&module.name),
    }
}

/// The file of a group's factory, without extension.
pub fn group_path(project: &Project, g: &Group) -> String {
    match module_named(project, &g.module) {
        Some(m) => part_path(m, g.part),
        None => module_path(&g.module),
    }
}

/// The file of a component class, without extension: `src/components/<name>`, or inside its
/// module's folder (`src/resources/functions/cloud-function`) when the module is a folder
/// and no part of it has factories under that name.
pub fn component_path(project: &Project, c: usize) -> String {
    let comp = &project.components[c];
    let file = kebab(&pascal(&comp.name));
    if let Some(m) = module_named(project, &comp.module).filter(|m| is_folder(m)) {
        let taken = m.parts.iter().any(|p| {
            kebab(&p.name) == file && (!p.resources.is_empty() || !p.instances.is_empty())
        });
        if !taken {
            return format!("{}/{file}", module_path(&m.name));
        }
    }
    format!("src/components/{file}")
}

/// Where a file of module `from` imports group `g`'s map type from: the group's own file
/// within the same module, else the module (its file or folder index).
pub fn group_import(project: &Project, from: &str, g: &Group) -> String {
    if g.module == from {
        group_path(project, g)
    } else {
        module_path(&g.module)
    }
}
