//! Which files a Python project has and what goes in each: one file of module code per DSL
//! module (a package with one file per part for a module that is a folder of files), placed
//! under `modules/` or flat beside `__main__.py` (`ir::ProjectLayout`), the order they are
//! created in (`Project::module_order`), and the names everything gets. Computed once.

use std::collections::{BTreeMap, BTreeSet};

use super::names;
use crate::ir::{Project, ProjectLayout, ResourceRef, Value, ValueKind};

/// Something a module function creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Resource(usize),
    Instance(usize),
}

/// What a module function or a component needs from outside.
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// Other units (indices into `Layout::modules`).
    pub modules: BTreeSet<usize>,
    /// Stack references (indices into `Project::stacks`).
    pub stacks: BTreeSet<usize>,
    /// Items of the component's own unit (components only).
    pub own: BTreeSet<Item>,
}

/// One file of module code: a whole DSL module, or one part of a module that is a folder.
#[derive(Debug, Clone)]
pub struct PyModule {
    /// Index into `Project::modules`.
    pub ir: usize,
    /// Index into the module's `parts` when the module is a package of parts.
    pub part: Option<usize>,
    /// A name for the unit's test file (`dns_tls`, `functions_byok`).
    pub file: String,
    /// Dotted import path (`modules.dns_tls`, `dns_tls`, `modules.functions.byok`).
    pub import: String,
    /// File path (`modules/dns_tls.py`).
    pub path: String,
    /// For a part, its package's import path (`modules.functions`), which re-exports it.
    pub package: Option<String>,
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

/// A module that is a folder of files: a package whose `__init__.py` re-exports its parts.
#[derive(Debug, Clone)]
pub struct Package {
    /// Index into `Project::modules`.
    pub ir: usize,
    /// `modules/functions/__init__.py`
    pub path: String,
    /// Its parts (indices into `Layout::modules`), in creation order.
    pub units: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct PyComponent {
    pub class: String,
    pub args_class: String,
    /// Index into `Layout::modules` of the unit that declares it.
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
    /// Units of module code, in creation order.
    pub modules: Vec<PyModule>,
    pub packages: Vec<Package>,
    pub components: Vec<PyComponent>,
    /// Unit (index into `modules`) and variable name of every top-level resource.
    pub resource_home: BTreeMap<usize, (usize, String)>,
    /// Unit and variable name of every component instance.
    pub instance_home: BTreeMap<usize, (usize, String)>,
    /// Variable name of each stack reference in `__main__.py` and module functions.
    pub stack_vars: Vec<String>,
    /// Class name of each stack reference.
    pub stack_classes: Vec<String>,
    pub flat: bool,
}

/// Names a module function's parameters and locals must not take.
pub const CONFIG_VAR: &str = "cfg";

/// A unit before it is numbered: (IR module, part when the module is a package).
type UnitKey = (usize, Option<usize>);

/// Where each item, component and module's code goes before units are ordered and named:
/// (module, part) per unit, in `Project::module_order` then part order.
struct Homes {
    /// (IR module, part when the module is a package) of every unit with something in it.
    units: Vec<UnitKey>,
    item_unit: BTreeMap<Item, usize>,
    component_unit: BTreeMap<usize, usize>,
}

/// Dependencies between items, and the stack references each reads.
struct Graph {
    deps: BTreeMap<Item, BTreeSet<Item>>,
    stacks: BTreeMap<Item, BTreeSet<usize>>,
}

impl Layout {
    pub fn new(project: &Project) -> Result<Layout, String> {
        let graph = Graph::new(project);
        let homes = Homes::new(project, &graph)?;
        let flat = project.layout == ProjectLayout::Flat;
        let mut modules = name_units(project, &homes, flat);
        let (stack_vars, stack_classes) = stack_names(project, &modules);
        order_items(project, &homes, &graph, &mut modules)?;
        let component_needs: Vec<Needs> = (0..project.components.len())
            .map(|c| component_needs(project, &homes, c))
            .collect();
        unit_needs(project, &homes, &graph, &component_needs, &mut modules);
        check_order(project, &modules)?;
        let (resource_home, instance_home) = variables(project, &modules, &stack_vars);
        let components = (0..project.components.len())
            .map(|c| component(project, &homes, c, &component_needs[c]))
            .collect();
        let packages = packages(project, &modules, flat);
        Ok(Layout {
            modules,
            packages,
            components,
            resource_home,
            instance_home,
            stack_vars,
            stack_classes,
            flat,
        })
    }

    /// Where code in unit `here` (None: `__main__.py`, stacks, tests) imports unit `target`
    /// from: a part through its package, except from a sibling part (the package's
    /// `__init__.py` is still importing then).
    pub fn import_from(&self, target: usize, here: Option<usize>) -> &str {
        let t = &self.modules[target];
        let sibling = here.is_some_and(|h| self.modules[h].ir == t.ir);
        match &t.package {
            Some(p) if !sibling => p,
            _ => &t.import,
        }
    }

    /// The top-level files and folders holding module code (`modules`, or each flat file).
    pub fn top_level(&self) -> Vec<String> {
        if !self.flat {
            return vec!["modules".into()];
        }
        let mut out: Vec<String> = Vec::new();
        for m in &self.modules {
            let top = match &m.package {
                Some(p) => p.clone(),
                None => m.path.clone(),
            };
            if !out.contains(&top) {
                out.push(top);
            }
        }
        out
    }
}

fn item_of(project: &Project, r: usize) -> Item {
    match project.resources[r].instance {
        Some(k) => Item::Instance(k),
        None => Item::Resource(r),
    }
}

impl Graph {
    fn new(project: &Project) -> Graph {
        let stack_index = |s: &str| project.stacks.iter().position(|x| x.name == s);
        let mut deps: BTreeMap<Item, BTreeSet<Item>> = BTreeMap::new();
        let mut stacks: BTreeMap<Item, BTreeSet<usize>> = BTreeMap::new();
        for (i, r) in project.resources.iter().enumerate() {
            let item = item_of(project, i);
            let entry = deps.entry(item).or_default();
            entry.extend(r.dependencies.iter().map(|d| item_of(project, *d)));
            let options = &r.options;
            for o in options
                .parent
                .iter()
                .chain(&options.provider)
                .chain(&options.deleted_with)
                .chain(options.alias_parents())
            {
                if let ResourceRef::Resource(p) | ResourceRef::Item(p, _) = o {
                    entry.insert(item_of(project, *p));
                }
            }
            entry.extend(r.instance_dependencies.iter().map(|k| Item::Instance(*k)));
            entry.remove(&item);
            let s = stacks.entry(item).or_default();
            s.extend(r.stack_dependencies.iter().filter_map(|n| stack_index(n)));
        }
        for (k, inst) in project.instances.iter().enumerate() {
            let item = Item::Instance(k);
            let entry = deps.entry(item).or_default();
            for (_, v) in &inst.args {
                let reads = reads(project, v);
                entry.extend(reads.items);
                let s = stacks.entry(item).or_default();
                s.extend(reads.stacks);
            }
            for d in &inst.options.depends_on {
                if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = d {
                    entry.insert(item_of(project, *j));
                }
            }
            entry.remove(&item);
        }
        Graph { deps, stacks }
    }

    fn deps(&self, item: &Item) -> BTreeSet<Item> {
        self.deps.get(item).cloned().unwrap_or_default()
    }
}

/// What a value reads: items (resources and instances) and stack references.
#[derive(Default)]
struct Reads {
    items: BTreeSet<Item>,
    stacks: BTreeSet<usize>,
}

fn reads(project: &Project, v: &Value) -> Reads {
    let mut out = Reads::default();
    let mut refs = Vec::new();
    v.referenced_resources(&mut refs);
    for r in refs {
        if let ResourceRef::Resource(j) | ResourceRef::Item(j, _) = r {
            out.items.insert(item_of(project, j));
        }
    }
    v.walk(&mut |x| match &x.kind {
        ValueKind::InstanceOutput { instance, .. } => {
            out.items.insert(Item::Instance(*instance));
        }
        ValueKind::StackOutput { stack, .. } => {
            if let Some(i) = project.stacks.iter().position(|s| &s.name == stack) {
                out.stacks.insert(i);
            }
        }
        _ => {}
    });
    out
}

impl Homes {
    fn new(project: &Project, graph: &Graph) -> Result<Homes, String> {
        // (module, part) of each item and component; part `None` for a one-file module.
        let mut at: BTreeMap<Item, UnitKey> = BTreeMap::new();
        let mut comp_at: BTreeMap<usize, UnitKey> = BTreeMap::new();
        for (m, module) in project.modules.iter().enumerate() {
            let package = module.parts.len() > 1;
            let part_of = |p: usize| if package { Some(p) } else { None };
            for i in &module.resources {
                let owner = project.resources[*i].origin.as_ref().map(|o| o.source);
                let p = module
                    .parts
                    .iter()
                    .position(|part| {
                        part.resources.contains(i)
                            || owner.is_some_and(|o| part.resources.contains(&o))
                    })
                    .unwrap_or(0);
                at.insert(Item::Resource(*i), (m, part_of(p)));
            }
            for k in &module.instances {
                let p = module
                    .parts
                    .iter()
                    .position(|part| part.instances.contains(k))
                    .unwrap_or(0);
                at.insert(Item::Instance(*k), (m, part_of(p)));
            }
            for c in &module.components {
                let p = module
                    .parts
                    .iter()
                    .position(|part| part.components.contains(c))
                    .unwrap_or(0);
                comp_at.insert(*c, (m, part_of(p)));
            }
        }
        let used: BTreeSet<UnitKey> = at.values().chain(comp_at.values()).copied().collect();
        let mut units = Vec::new();
        for &m in &project.module_order {
            units.extend(used.iter().filter(|(um, _)| *um == m).copied());
        }
        let units = order_units(project, graph, &at, units)?;
        let index: BTreeMap<UnitKey, usize> =
            units.iter().enumerate().map(|(i, u)| (*u, i)).collect();
        Ok(Homes {
            item_unit: at.into_iter().map(|(k, u)| (k, index[&u])).collect(),
            component_unit: comp_at.into_iter().map(|(c, u)| (c, index[&u])).collect(),
            units,
        })
    }
}

/// Units in creation order: `Project::module_order`, the parts of one module in file order,
/// except that a unit always comes after the units whose items it reads. The IR orders
/// modules, not the parts of one (a cycle between parts is E0901); and its module order does
/// not follow `options { parent }` across modules, which a module function needs created
/// first. When the IR's order is complete this returns it unchanged.
fn order_units(
    project: &Project,
    graph: &Graph,
    at: &BTreeMap<Item, UnitKey>,
    units: Vec<UnitKey>,
) -> Result<Vec<UnitKey>, String> {
    let mut deps: BTreeMap<UnitKey, BTreeSet<UnitKey>> = BTreeMap::new();
    for (item, unit) in at {
        let entry = deps.entry(*unit).or_default();
        entry.extend(graph.deps(item).iter().filter_map(|d| at.get(d)).copied());
        entry.remove(unit);
    }
    let position: BTreeMap<UnitKey, usize> =
        units.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    topo(
        &units,
        |u| deps.get(u).cloned().unwrap_or_default(),
        |u| position[u],
    )
    .map_err(|cycle| {
        let names: Vec<String> = cycle
            .iter()
            .map(|(m, p)| {
                let m = &project.modules[*m];
                match p {
                    Some(p) => m.parts[*p].file.clone(),
                    None => m.name.clone(),
                }
            })
            .collect();
        format!("modules read each other in a cycle: {}", names.join(", "))
    })
}

/// Files, classes, functions and `__main__.py` variables of every unit. A part is named after
/// its file (`byok`: `Byok`, `create_byok`) unless another module or part has that name, then
/// after its module and file (`functions_byok`).
fn name_units(project: &Project, homes: &Homes, flat: bool) -> Vec<PyModule> {
    let prefix = if flat { "" } else { "modules." };
    let mut stems: BTreeMap<String, usize> = BTreeMap::new();
    for &(m, part) in &homes.units {
        let stem = match part {
            None => names::module_file(&project.modules[m].name, flat),
            Some(p) => names::part_file(&project.modules[m].parts[p].name),
        };
        *stems.entry(stem).or_default() += 1;
    }
    let mut vars: BTreeSet<String> = BTreeSet::from([CONFIG_VAR.to_string()]);
    // Component classes keep their names; a module's dataclass gives way (`SiteResources`).
    let mut classes: BTreeSet<String> = project
        .components
        .iter()
        .flat_map(|c| [names::class(&c.name), names::args_class(&c.name)])
        .collect();
    let mut functions: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for (u, &(m, part)) in homes.units.iter().enumerate() {
        let module = &project.modules[m];
        let package = names::module_file(&module.name, flat);
        let (file, import, stem) = match part {
            None => (
                package.clone(),
                format!("{prefix}{package}"),
                package.clone(),
            ),
            Some(p) => {
                let stem = names::part_file(&module.parts[p].name);
                (
                    format!("{package}_{stem}"),
                    format!("{prefix}{package}.{stem}"),
                    stem,
                )
            }
        };
        let name = if part.is_some() && stems[&stem] > 1 {
            &file
        } else {
            &stem
        };
        let package = part.map(|_| format!("{prefix}{package}"));
        let path = format!("{}.py", import.replace('.', "/"));
        out.push(PyModule {
            ir: m,
            part,
            function: unique(&names::create_function(name), &mut functions),
            class: if classes.contains(&names::class(name)) {
                unique(&format!("{}Resources", names::class(name)), &mut classes)
            } else {
                unique(&names::class(name), &mut classes)
            },
            var: unique(&names::local(name), &mut vars),
            file,
            import,
            path,
            package,
            items: Vec::new(),
            needs: Needs::default(),
            components: homes
                .component_unit
                .iter()
                .filter(|(_, cu)| **cu == u)
                .map(|(c, _)| *c)
                .collect(),
        });
    }
    out
}

fn stack_names(project: &Project, modules: &[PyModule]) -> (Vec<String>, Vec<String>) {
    let mut taken: BTreeSet<String> = modules.iter().map(|m| m.var.clone()).collect();
    taken.insert(CONFIG_VAR.into());
    let mut vars = Vec::new();
    let mut classes = Vec::new();
    for s in &project.stacks {
        let base = names::local(&s.name);
        let var = if taken.contains(&base) {
            unique(&format!("{base}_stack"), &mut taken)
        } else {
            unique(&base, &mut taken)
        };
        vars.push(var);
        classes.push(names::stack_class(&s.name));
    }
    (vars, classes)
}

/// Each unit's items in creation order: dependencies first, ties in the project's resource
/// order (`Project::order`; an instance sits at its first child). The IR orders resources,
/// not the statements of one function, which interleave resources and component instances.
fn order_items(
    project: &Project,
    homes: &Homes,
    graph: &Graph,
    modules: &mut [PyModule],
) -> Result<(), String> {
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
    for (u, module) in modules.iter_mut().enumerate() {
        let items: Vec<Item> = homes
            .item_unit
            .iter()
            .filter(|(_, iu)| **iu == u)
            .map(|(i, _)| *i)
            .collect();
        module.items = topo(&items, |i| graph.deps(i), key).map_err(|_| {
            format!(
                "resources of module `{}` depend on each other in a cycle",
                project.modules[module.ir].name
            )
        })?;
    }
    Ok(())
}

/// What a component's template reads outside its parameters: other units, stack references,
/// and items of its own unit (passed to the constructor).
fn component_needs(project: &Project, homes: &Homes, c: usize) -> Needs {
    let comp = &project.components[c];
    let own = homes.component_unit.get(&c).copied();
    let mut needs = Needs::default();
    let mut visit = |v: &Value| {
        let r = reads(project, v);
        for item in r.items {
            match homes.item_unit.get(&item) {
                Some(u) if Some(*u) == own => {
                    needs.own.insert(item);
                }
                Some(u) => {
                    needs.modules.insert(*u);
                }
                None => {}
            }
        }
        needs.stacks.extend(r.stacks);
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
    needs
}

/// What each unit's function takes: the units and stack references its items read, and what
/// the components it instantiates read.
fn unit_needs(
    project: &Project,
    homes: &Homes,
    graph: &Graph,
    component_needs: &[Needs],
    modules: &mut [PyModule],
) {
    for (u, module) in modules.iter_mut().enumerate() {
        let mut needs = Needs::default();
        for item in &module.items {
            for d in graph.deps(item) {
                needs.modules.extend(homes.item_unit.get(&d).copied());
            }
            needs
                .stacks
                .extend(graph.stacks.get(item).into_iter().flatten().copied());
            if let Item::Instance(k) = item {
                let c = project.instances[*k].component;
                let cn = &component_needs[c];
                needs.modules.extend(cn.modules.iter().copied());
                needs.stacks.extend(cn.stacks.iter().copied());
                let cu = homes.component_unit.get(&c).copied();
                needs
                    .modules
                    .extend(cn.own.iter().filter_map(|i| homes.item_unit.get(i)));
                needs.modules.extend(cu.filter(|_| !cn.own.is_empty()));
            }
        }
        needs.modules.remove(&u);
        module.needs = needs;
    }
}

/// Every unit is created after the units it reads (a component's class only needs its
/// imports, not an order). The checker rules out the cases where this fails (E0303, E0901).
fn check_order(project: &Project, modules: &[PyModule]) -> Result<(), String> {
    for (u, module) in modules.iter().enumerate() {
        if let Some(d) = module.needs.modules.iter().find(|d| **d > u) {
            return Err(format!(
                "module `{}` reads `{}`, which the project creates after it",
                project.modules[module.ir].name, project.modules[modules[*d].ir].name
            ));
        }
    }
    Ok(())
}

/// Unit and variable name, by resource or instance.
type Homes2 = BTreeMap<usize, (usize, String)>;

/// Variable names of items, distinct from the function's parameters and provider aliases.
fn variables(project: &Project, modules: &[PyModule], stack_vars: &[String]) -> (Homes2, Homes2) {
    let mut resource_home = BTreeMap::new();
    let mut instance_home = BTreeMap::new();
    for (u, module) in modules.iter().enumerate() {
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
                    resource_home.insert(*r, (u, var));
                }
                Item::Instance(k) => {
                    let var = unique(&names::local(&project.instances[*k].name), &mut taken);
                    instance_home.insert(*k, (u, var));
                }
            }
        }
    }
    (resource_home, instance_home)
}

fn component(project: &Project, homes: &Homes, c: usize, needs: &Needs) -> PyComponent {
    let comp = &project.components[c];
    let outputs: Vec<String> = comp.outputs.iter().map(|(n, _)| names::field(n)).collect();
    let mut taken: BTreeSet<String> = outputs.iter().cloned().collect();
    taken.extend(["urn", "register_outputs", "get_provider"].map(String::from));
    let children = comp
        .resources
        .iter()
        .map(|r| unique(&names::local(&r.name), &mut taken))
        .collect();
    let plain_params = comp
        .params
        .iter()
        .filter(|p| {
            project
                .instances
                .iter()
                .filter(|i| i.component == c)
                .all(|i| {
                    i.args
                        .iter()
                        .find(|(n, _)| n == &p.name)
                        .is_none_or(|(_, v)| !super::values::is_output(v, &BTreeSet::new()))
                })
        })
        .map(|p| p.name.clone())
        .collect();
    PyComponent {
        class: names::class(&comp.name),
        args_class: names::args_class(&comp.name),
        module: homes.component_unit.get(&c).copied().unwrap_or(0),
        children,
        outputs,
        plain_params,
        needs: needs.clone(),
    }
}

/// The packages of modules that are folders of files.
fn packages(project: &Project, modules: &[PyModule], flat: bool) -> Vec<Package> {
    let mut out: Vec<Package> = Vec::new();
    for (u, module) in modules.iter().enumerate() {
        if module.part.is_none() {
            continue;
        }
        match out.iter_mut().find(|p| p.ir == module.ir) {
            Some(p) => p.units.push(u),
            None => {
                let dir = names::module_file(&project.modules[module.ir].name, flat);
                let prefix = if flat { "" } else { "modules/" };
                out.push(Package {
                    ir: module.ir,
                    path: format!("{prefix}{dir}/__init__.py"),
                    units: vec![u],
                });
            }
        }
    }
    out
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
