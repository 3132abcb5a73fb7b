//! How a project is laid out in Python: which file each module becomes, the order modules and
//! their resources are created in, and the names everything gets. Computed once from the IR.

use std::collections::{BTreeMap, BTreeSet};

use super::names;
use crate::ir::{Project, ResourceRef, Value, ValueKind};

/// Something a module function creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Resource(usize),
    Instance(usize),
}

/// What a module function or a component needs from outside.
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// Other modules (indices into `Layout::modules`).
    pub modules: BTreeSet<usize>,
    /// Stack references (indices into `Project::stacks`).
    pub stacks: BTreeSet<usize>,
    /// Items of the component's own module (components only).
    pub own: BTreeSet<Item>,
}

#[derive(Debug, Clone)]
pub struct PyModule {
    /// Index into `Project::modules`.
    pub ir: usize,
    /// File stem under `modules/`.
    pub file: String,
    /// The dataclass of what it creates.
    pub class: String,
    /// The variable holding its result in `__main__.py`.
    pub var: String,
    pub function: String,
    /// In creation order.
    pub items: Vec<Item>,
    pub needs: Needs,
    /// Indices into `Project::components` declared here.
    pub components: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct PyComponent {
    pub class: String,
    pub args_class: String,
    /// Index into `Layout::modules` of the module that declares it.
    pub module: usize,
    /// Attribute name of each template resource.
    pub children: Vec<String>,
    /// Attribute name of each output.
    pub outputs: Vec<String>,
    /// Parameters whose every argument is known before deployment (typed without `Input`).
    pub plain_params: BTreeSet<String>,
    pub needs: Needs,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// In creation order.
    pub modules: Vec<PyModule>,
    pub components: Vec<PyComponent>,
    /// Module (index into `modules`) and variable name of every top-level resource.
    pub resource_home: BTreeMap<usize, (usize, String)>,
    /// Module and variable name of every component instance.
    pub instance_home: BTreeMap<usize, (usize, String)>,
    /// Variable name of each stack reference in `__main__.py` and module functions.
    pub stack_vars: Vec<String>,
    /// Class name of each stack reference.
    pub stack_classes: Vec<String>,
}

/// Names a module function's parameters and locals must not take.
pub const CONFIG_VAR: &str = "cfg";

impl Layout {
    pub fn new(project: &Project) -> Result<Layout, String> {
        let owner = |r: usize| project.resources[r].instance;
        let home_module = |module: &str| project.modules.iter().position(|m| m.name == module);

        // Which IR modules hold something to create.
        let mut items_of: BTreeMap<usize, Vec<Item>> = BTreeMap::new();
        for (i, r) in project.resources.iter().enumerate() {
            if r.instance.is_none()
                && let Some(m) = home_module(&r.module)
            {
                items_of.entry(m).or_default().push(Item::Resource(i));
            }
        }
        for (k, inst) in project.instances.iter().enumerate() {
            if let Some(m) = home_module(&inst.module) {
                items_of.entry(m).or_default().push(Item::Instance(k));
            }
        }
        let mut component_modules: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (c, comp) in project.components.iter().enumerate() {
            if let Some(m) = home_module(&comp.module) {
                component_modules.entry(m).or_default().push(c);
            }
        }
        let ir_modules: BTreeSet<usize> = items_of
            .keys()
            .chain(component_modules.keys())
            .copied()
            .collect();

        // Dependencies between items.
        let item_of = |r: usize| match owner(r) {
            Some(k) => Item::Instance(k),
            None => Item::Resource(r),
        };
        let mut deps: BTreeMap<Item, BTreeSet<Item>> = BTreeMap::new();
        let mut stack_deps: BTreeMap<Item, BTreeSet<String>> = BTreeMap::new();
        for (i, r) in project.resources.iter().enumerate() {
            let item = item_of(i);
            let entry = deps.entry(item).or_default();
            for d in &r.dependencies {
                entry.insert(item_of(*d));
            }
            if let Some(ResourceRef::Resource(p)) = &r.options.parent {
                entry.insert(item_of(*p));
            }
            for k in &r.instance_dependencies {
                entry.insert(Item::Instance(*k));
            }
            entry.remove(&item);
            stack_deps
                .entry(item)
                .or_default()
                .extend(r.stack_dependencies.iter().cloned());
        }
        for (k, inst) in project.instances.iter().enumerate() {
            let item = Item::Instance(k);
            let entry = deps.entry(item).or_default();
            let mut refs = Vec::new();
            for (_, v) in &inst.args {
                v.referenced_resources(&mut refs);
                for_instance_outputs(v, &mut |j| {
                    entry.insert(Item::Instance(j));
                });
                stack_deps.entry(item).or_default().extend(stack_outputs(v));
            }
            for d in inst.options.depends_on.iter().chain(refs.iter()) {
                if let ResourceRef::Resource(j) = d {
                    entry.insert(item_of(*j));
                }
            }
            entry.remove(&item);
        }

        // Creation order: dependencies first, ties in the checker's resource order.
        let position: BTreeMap<usize, usize> = project
            .order
            .iter()
            .enumerate()
            .map(|(pos, r)| (*r, pos))
            .collect();
        let key = |item: &Item| -> usize {
            match item {
                Item::Resource(r) => position.get(r).copied().unwrap_or(usize::MAX),
                Item::Instance(k) => project.instances[*k]
                    .children
                    .iter()
                    .filter_map(|c| position.get(c))
                    .min()
                    .copied()
                    .unwrap_or(usize::MAX),
            }
        };
        let ir_module_of = |item: &Item| -> Option<usize> {
            match item {
                Item::Resource(r) => home_module(&project.resources[*r].module),
                Item::Instance(k) => home_module(&project.instances[*k].module),
            }
        };

        // Module order.
        let mut module_deps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for m in &ir_modules {
            module_deps.entry(*m).or_default();
        }
        for (item, ds) in &deps {
            let Some(m) = ir_module_of(item) else {
                continue;
            };
            for d in ds {
                if let Some(dm) = ir_module_of(d)
                    && dm != m
                {
                    module_deps.entry(m).or_default().insert(dm);
                }
            }
        }
        // A component's template may read other modules' resources.
        let mut component_needs: Vec<(BTreeSet<usize>, BTreeSet<Item>, BTreeSet<usize>)> =
            Vec::new();
        for comp in &project.components {
            let own = home_module(&comp.module);
            let mut other = BTreeSet::new();
            let mut own_items = BTreeSet::new();
            let mut stacks = BTreeSet::new();
            let mut visit = |v: &Value| {
                let mut refs = Vec::new();
                v.referenced_resources(&mut refs);
                for r in refs {
                    if let ResourceRef::Resource(j) = r {
                        let item = item_of(j);
                        match ir_module_of(&item) {
                            Some(m) if Some(m) == own => {
                                own_items.insert(item);
                            }
                            Some(m) => {
                                other.insert(m);
                            }
                            None => {}
                        }
                    }
                }
                for_instance_outputs(v, &mut |j| {
                    let item = Item::Instance(j);
                    match ir_module_of(&item) {
                        Some(m) if Some(m) == own => {
                            own_items.insert(item);
                        }
                        Some(m) => {
                            other.insert(m);
                        }
                        None => {}
                    }
                });
                for s in stack_outputs(v) {
                    if let Some(i) = project.stacks.iter().position(|x| x.name == s) {
                        stacks.insert(i);
                    }
                }
            };
            for r in &comp.resources {
                r.inputs.iter().for_each(|(_, v)| visit(v));
                if let Some(p) = &r.options.protect {
                    visit(p);
                }
                for d in &r.options.depends_on {
                    visit(&Value::new(
                        ValueKind::Resource(d.clone()),
                        crate::ir::Type::Any,
                    ));
                }
            }
            comp.outputs.iter().for_each(|(_, v)| visit(v));
            if let Some(m) = own {
                module_deps
                    .entry(m)
                    .or_default()
                    .extend(other.iter().copied());
            }
            component_needs.push((other, own_items, stacks));
        }
        let module_order = topo(
            &ir_modules.iter().copied().collect::<Vec<_>>(),
            |m| module_deps.get(m).cloned().unwrap_or_default(),
            |m| *m,
        )
        .map_err(|cycle| {
            let names: Vec<&str> = cycle.iter().map(|m| project.modules[*m].name.as_str()).collect();
            format!(
                "the python backend cannot order modules that read each other's resources in a cycle: {}",
                names.join(", ")
            )
        })?;

        // Files, classes and variables.
        let taken_files: BTreeSet<String> =
            project.modules.iter().map(|m| m.name.clone()).collect();
        let mut modules = Vec::new();
        let mut index_of: BTreeMap<usize, usize> = BTreeMap::new();
        let mut main_vars: BTreeSet<String> = BTreeSet::from([CONFIG_VAR.to_string()]);
        for ir in &module_order {
            let m = &project.modules[*ir];
            let mut file = names::local(&m.name);
            // The project file's module reads better under the file's name (`project.py`).
            if m.name == "main" {
                let stem = m
                    .file
                    .trim_end_matches(".infra")
                    .rsplit('/')
                    .next()
                    .unwrap_or("main");
                let candidate = names::local(stem);
                if !taken_files.contains(&candidate) {
                    file = candidate;
                }
            }
            let var = unique(&file, &mut main_vars);
            index_of.insert(*ir, modules.len());
            modules.push(PyModule {
                ir: *ir,
                class: names::class(&file),
                function: format!("create_{}", file.trim_end_matches('_')),
                file,
                var,
                items: Vec::new(),
                needs: Needs::default(),
                components: component_modules.get(ir).cloned().unwrap_or_default(),
            });
        }
        let mut stack_vars = Vec::new();
        let mut stack_classes = Vec::new();
        for s in &project.stacks {
            let base = names::local(&s.name);
            let var = if main_vars.contains(&base) {
                unique(&format!("{base}_stack"), &mut main_vars)
            } else {
                unique(&base, &mut main_vars)
            };
            stack_vars.push(var);
            stack_classes.push(format!("{}Stack", names::class(&s.name)));
        }

        // Items, in order.
        for module in modules.iter_mut() {
            let items = items_of.get(&module.ir).cloned().unwrap_or_default();
            module.items = topo(&items, |i| deps.get(i).cloned().unwrap_or_default(), key)
                .map_err(|_| {
                    format!(
                        "resources of module `{}` depend on each other in a cycle",
                        module.file
                    )
                })?;
        }

        // What each module needs.
        let module_index = |ir: usize| index_of.get(&ir).copied();
        for (idx, module) in modules.iter_mut().enumerate() {
            let mut needs = Needs::default();
            for item in &module.items {
                for d in deps.get(item).into_iter().flatten() {
                    if let Some(dm) = ir_module_of(d).and_then(module_index)
                        && dm != idx
                    {
                        needs.modules.insert(dm);
                    }
                }
                for s in stack_deps.get(item).into_iter().flatten() {
                    if let Some(i) = project.stacks.iter().position(|x| &x.name == s) {
                        needs.stacks.insert(i);
                    }
                }
            }
            // Instances pass on what their component needs.
            for item in &module.items {
                if let Item::Instance(k) = item {
                    let (other, _, stacks) = &component_needs[project.instances[*k].component];
                    needs.modules.extend(
                        other
                            .iter()
                            .filter_map(|m| module_index(*m))
                            .filter(|m| *m != idx),
                    );
                    needs.stacks.extend(stacks.iter().copied());
                }
            }
            module.needs = needs;
        }

        // Variable names, distinct from the function's parameters and the provider aliases.
        let mut resource_home = BTreeMap::new();
        let mut instance_home = BTreeMap::new();
        for (idx, module) in modules.iter().enumerate() {
            let mut taken: BTreeSet<String> = BTreeSet::from([CONFIG_VAR.to_string()]);
            taken.extend(module.needs.modules.iter().map(|m| modules[*m].var.clone()));
            taken.extend(module.needs.stacks.iter().map(|s| stack_vars[*s].clone()));
            taken.extend(
                project
                    .providers
                    .iter()
                    .map(|p| names::provider_alias(&p.name)),
            );
            for item in &module.items {
                match item {
                    Item::Resource(r) => {
                        let var = unique(&names::local(&project.resources[*r].name), &mut taken);
                        resource_home.insert(*r, (idx, var));
                    }
                    Item::Instance(k) => {
                        let var = unique(&names::local(&project.instances[*k].name), &mut taken);
                        instance_home.insert(*k, (idx, var));
                    }
                }
            }
        }

        // Components.
        let mut components = Vec::new();
        for (c, comp) in project.components.iter().enumerate() {
            let module = home_module(&comp.module)
                .and_then(module_index)
                .unwrap_or(0);
            let outputs: Vec<String> = comp.outputs.iter().map(|(n, _)| names::field(n)).collect();
            let mut taken: BTreeSet<String> = outputs.iter().cloned().collect();
            taken.extend(["urn", "register_outputs", "get_provider"].map(String::from));
            let children = comp
                .resources
                .iter()
                .map(|r| unique(&names::local(&r.name), &mut taken))
                .collect();
            let instances: Vec<_> = project
                .instances
                .iter()
                .filter(|i| i.component == c)
                .collect();
            let plain_params = comp
                .params
                .iter()
                .filter(|p| {
                    instances.iter().all(|i| {
                        i.args
                            .iter()
                            .find(|(n, _)| n == &p.name)
                            .is_none_or(|(_, v)| !super::expr::is_output(v, &BTreeSet::new()))
                    })
                })
                .map(|p| p.name.clone())
                .collect();
            let (other, own_items, stacks) = &component_needs[c];
            components.push(PyComponent {
                class: names::class(&comp.name),
                args_class: format!("{}Args", names::class(&comp.name)),
                module,
                children,
                outputs,
                plain_params,
                needs: Needs {
                    modules: other.iter().filter_map(|m| module_index(*m)).collect(),
                    stacks: stacks.clone(),
                    own: own_items.clone(),
                },
            });
        }

        Ok(Layout {
            modules,
            components,
            resource_home,
            instance_home,
            stack_vars,
            stack_classes,
        })
    }
}

/// `base`, or `base_2`, `base_3`... whichever is free; marks it taken.
fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// Stable topological sort: among the items whose dependencies are done, the one with the
/// smallest key goes first. Dependencies outside `items` are ignored. Err holds a cycle's items.
fn topo<T: Copy + Ord>(
    items: &[T],
    deps: impl Fn(&T) -> BTreeSet<T>,
    key: impl Fn(&T) -> usize,
) -> Result<Vec<T>, Vec<T>> {
    let set: BTreeSet<T> = items.iter().copied().collect();
    let mut done: BTreeSet<T> = BTreeSet::new();
    let mut out = Vec::new();
    while out.len() < set.len() {
        let next = set
            .iter()
            .filter(|i| !done.contains(i))
            .filter(|i| deps(i).iter().all(|d| !set.contains(d) || done.contains(d)))
            .min_by_key(|i| (key(i), **i))
            .copied();
        match next {
            Some(n) => {
                done.insert(n);
                out.push(n);
            }
            None => return Err(set.iter().filter(|i| !done.contains(i)).copied().collect()),
        }
    }
    Ok(out)
}

fn for_instance_outputs(v: &Value, f: &mut dyn FnMut(usize)) {
    v.walk(&mut |x| {
        if let ValueKind::InstanceOutput { instance, .. } = &x.kind {
            f(*instance)
        }
    });
}

fn stack_outputs(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    v.walk(&mut |x| {
        if let ValueKind::StackOutput { stack, .. } = &x.kind {
            out.push(stack.clone())
        }
    });
    out
}
