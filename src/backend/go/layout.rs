//! Where everything goes: one Go package per DSL module, components under
//! `<module>/component/`, stack references under `stacks/`, and the Go names of every
//! declaration, decided once so that every file refers to the same names.

use std::collections::{BTreeMap, BTreeSet};

use super::imports::Imports;
use super::names::{Scope, exported, file_name, local_candidates, package, unexported};
use super::params::{ParamLayout, params};
use super::reads::Reads;
use super::values::config_type;
use crate::ir::{Project, ResourceRef, Value, ValueKind};

/// Package names the layout itself uses.
pub const CONFIG: &str = "config";
pub const UTILS: &str = "utils";
pub const STACKS: &str = "stacks";
pub const COMPONENT: &str = "component";

#[derive(Debug, Clone)]
pub struct ModuleLayout {
    /// Index into `Project::modules`.
    pub index: usize,
    pub package: String,
    /// Folder (= package name) relative to the project.
    pub dir: String,
    /// Modules whose resources or instances this one reads (indices), sorted by name.
    pub deps: Vec<usize>,
    /// Stack references this module reads, sorted.
    pub stacks: Vec<String>,
    /// The variable / parameter name other code uses for this module's resources.
    pub var: String,
}

#[derive(Debug, Clone)]
pub struct ComponentLayout {
    pub type_name: String,
    /// Folder of the component package (`functions/component`).
    pub dir: String,
    pub file: String,
    /// The module that declares it.
    pub module: usize,
    /// Modules and stacks the template reads besides its parameters.
    pub deps: Vec<usize>,
    /// Resources of its own module the template reads (indices into `Project::resources`):
    /// the constructor takes each one as a parameter.
    pub own_resources: Vec<usize>,
    pub stacks: Vec<String>,
    pub uses_config: bool,
}

#[derive(Debug, Clone)]
pub struct StackLayout {
    pub name: String,
    pub type_name: String,
    pub var: String,
    /// Output name -> field name.
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// The Go module path (= Pulumi project name); every local import starts with it.
    pub module_path: String,
    /// Modules that get a package, in dependency order.
    pub modules: Vec<ModuleLayout>,
    /// Field of each top-level resource in its module's `Resources` struct.
    pub resource_fields: BTreeMap<usize, String>,
    /// Field of each instance in its module's `Resources` struct.
    pub instance_fields: BTreeMap<usize, String>,
    pub components: BTreeMap<usize, ComponentLayout>,
    pub component_params: BTreeMap<usize, Vec<ParamLayout>>,
    pub stacks: Vec<StackLayout>,
    pub config_fields: BTreeMap<String, String>,
}

impl Layout {
    pub fn module(&self, index: usize) -> Option<&ModuleLayout> {
        self.modules.iter().find(|m| m.index == index)
    }

    pub fn local(&self, dir: &str) -> String {
        format!("{}/{dir}", self.module_path)
    }

    pub fn stack(&self, name: &str) -> Option<&StackLayout> {
        self.stacks.iter().find(|s| s.name == name)
    }
}

/// Identifiers a generated function must not use for its variables: the packages its file
/// may import (any provider package of the project, our own packages, the local packages in
/// `imported`) and the names every constructor uses.
pub fn reserved_names(project: &Project, imported: &[&str]) -> Scope {
    let mut names: BTreeSet<String> = [
        "pulumi", "fmt", "errors", CONFIG, UTILS, STACKS, COMPONENT, "ctx", "cfg", "err", "args",
        "name", "opts",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.extend(imported.iter().map(|s| s.to_string()));
    let bases = super::imports::provider_bases(project);
    let tokens: BTreeSet<&str> = project
        .resources
        .iter()
        .map(|r| r.kind.token.as_str())
        .collect();
    for token in tokens {
        if let Ok(sym) = super::names::symbol(&bases, token) {
            names.insert(super::types::provider_alias(token, &sym.package));
            names.insert(sym.package);
        }
    }
    Scope::with(&names.iter().map(String::as_str).collect::<Vec<_>>())
}

pub fn build(project: &Project) -> Result<Layout, String> {
    let module_index: BTreeMap<&str, usize> = project
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    // Which module each declaration belongs to.
    let resource_module = |i: usize| {
        module_index
            .get(project.resources[i].module.as_str())
            .copied()
    };
    let instance_module = |i: usize| {
        module_index
            .get(project.instances[i].module.as_str())
            .copied()
    };

    // Package names main.go imports must not collide with the main package's own names
    // (main.go and the tests).
    let mut taken = Scope::with(&[
        CONFIG,
        UTILS,
        STACKS,
        "main",
        "internal",
        "testdata",
        "vendor",
        "run",
        "mocks",
        "plain",
        "sorted",
        "environments",
    ]);
    // Packages: modules that declare something. Modules that only declare components get a
    // folder for `<module>/component/` but no constructor.
    let mut packages: BTreeMap<usize, String> = BTreeMap::new();
    for (i, m) in project.modules.iter().enumerate() {
        if m.resources.is_empty() && m.instances.is_empty() && m.components.is_empty() {
            continue;
        }
        let wanted = if m.name == Project::MAIN_MODULE {
            package(
                m.file
                    .trim_end_matches(".infra")
                    .rsplit('/')
                    .next()
                    .unwrap_or("project"),
            )
        } else {
            package(&m.name)
        };
        packages.insert(
            i,
            taken.claim_first(&[wanted.clone(), format!("{wanted}module")]),
        );
    }
    let constructors: Vec<usize> = packages
        .keys()
        .copied()
        .filter(|i| {
            let m = &project.modules[*i];
            !m.resources.is_empty() || !m.instances.is_empty()
        })
        .collect();

    // What each module reads: its resources, its instances' arguments, and what the
    // components it instantiates read (their constructors take those from the module).
    let mut reads: BTreeMap<usize, Reads> = BTreeMap::new();
    for &i in &constructors {
        let m = &project.modules[i];
        let r = reads.entry(i).or_default();
        for &ri in &m.resources {
            let res = &project.resources[ri];
            res.inputs.iter().for_each(|(_, v)| r.value(v));
            r.options(&res.options);
        }
        for &ii in &m.instances {
            let inst = &project.instances[ii];
            inst.args.iter().for_each(|(_, v)| r.value(v));
            r.options(&inst.options);
            component_reads(project, inst.component, r);
        }
    }
    let mut deps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (&i, r) in &reads {
        let d = deps.entry(i).or_default();
        for &ri in &r.resources {
            if let Some(m) = resource_module(ri).filter(|m| *m != i) {
                d.insert(m);
            }
        }
        for &ii in &r.instances {
            if let Some(m) = instance_module(ii).filter(|m| *m != i) {
                d.insert(m);
            }
        }
    }

    // The project's module order: each module after the modules it reads.
    let order: Vec<usize> = project
        .module_order
        .iter()
        .copied()
        .filter(|i| constructors.contains(i))
        .collect();
    for (k, i) in order.iter().enumerate() {
        if let Some(d) = deps[i].iter().find(|d| !order[..k].contains(d)) {
            return Err(format!(
                "module `{}` reads module `{}`, which the module order places after it",
                project.modules[*i].name, project.modules[*d].name
            ));
        }
    }

    // Variable names for modules and stacks, shared by main.go and module signatures.
    // They never take the name of a package any file imports.
    let package_names: Vec<&str> = packages.values().map(String::as_str).collect();
    let mut vars = reserved_names(project, &package_names);
    let stacks: Vec<StackLayout> = project
        .stacks
        .iter()
        .map(|s| {
            let mut fields = Scope::default();
            StackLayout {
                name: s.name.clone(),
                type_name: exported(&s.name),
                var: vars.claim_first(&local_candidates(&s.name, "stack")),
                fields: s
                    .outputs
                    .iter()
                    .map(|o| (o.name.clone(), fields.claim(&exported(&o.name))))
                    .collect(),
            }
        })
        .collect();
    let modules: Vec<ModuleLayout> = order
        .iter()
        .map(|&i| {
            let r = &reads[&i];
            let mut d: Vec<usize> = deps[&i].iter().copied().collect();
            d.sort_by_key(|m| project.modules[*m].name.clone());
            ModuleLayout {
                index: i,
                package: packages[&i].clone(),
                dir: packages[&i].clone(),
                deps: d,
                stacks: r.stacks.iter().cloned().collect(),
                // Not the package's own name, which the variable would shadow.
                var: vars.claim_first(&[format!("{}Resources", unexported(&packages[&i]))]),
            }
        })
        .collect();

    // Struct fields of each module's Resources.
    let mut resource_fields = BTreeMap::new();
    let mut instance_fields = BTreeMap::new();
    for m in &modules {
        let module = &project.modules[m.index];
        let mut fields = Scope::default();
        for &ri in &module.resources {
            resource_fields.insert(ri, fields.claim(&exported(&project.resources[ri].name)));
        }
        for &ii in &module.instances {
            instance_fields.insert(ii, fields.claim(&exported(&project.instances[ii].name)));
        }
    }

    // Components.
    let mut components = BTreeMap::new();
    let mut component_params = BTreeMap::new();
    let mut imports = Imports::for_project(project);
    for (ci, c) in project.components.iter().enumerate() {
        let module = module_index
            .get(c.module.as_str())
            .copied()
            .ok_or_else(|| format!("component `{}` has no module", c.name))?;
        let dir = format!(
            "{}/{COMPONENT}",
            packages.get(&module).cloned().unwrap_or_default()
        );
        let mut r = Reads::default();
        component_reads(project, ci, &mut r);
        let mut cdeps: BTreeSet<usize> = BTreeSet::new();
        for &ri in &r.resources {
            if let Some(m) = resource_module(ri) {
                cdeps.insert(m);
            }
        }
        for &ii in &r.instances {
            if let Some(m) = instance_module(ii) {
                cdeps.insert(m);
            }
        }
        // The component package cannot import its own module's package: what it reads there
        // is passed to its constructor.
        cdeps.remove(&module);
        let own_resources: Vec<usize> = r
            .resources
            .iter()
            .copied()
            .filter(|ri| resource_module(*ri) == Some(module))
            .collect();
        if r.instances
            .iter()
            .any(|ii| instance_module(*ii) == Some(module))
        {
            return Err(format!(
                "component `{}` reads an instance of its own module `{}`",
                c.name, c.module
            ));
        }
        let mut cdeps: Vec<usize> = cdeps.into_iter().collect();
        cdeps.sort_by_key(|m| project.modules[*m].name.clone());
        components.insert(
            ci,
            ComponentLayout {
                type_name: exported(&c.name),
                file: format!("{dir}/{}", file_name(&c.name)),
                dir,
                module,
                deps: cdeps,
                own_resources,
                stacks: r.stacks.iter().cloned().collect(),
                uses_config: component_uses_config(project, ci),
            },
        );
        component_params.insert(ci, params(project, ci, &mut imports)?);
    }

    let mut config_scope = Scope::with(&["Environment", "Protect", "Project"]);
    let config_fields = project
        .config
        .iter()
        .map(|c| {
            let field = exported(&c.name);
            let setting = format!("{field}Setting");
            (c.name.clone(), config_scope.claim_first(&[field, setting]))
        })
        .collect();

    Ok(Layout {
        module_path: project.pulumi_name.clone(),
        modules,
        resource_fields,
        instance_fields,
        components,
        component_params,
        stacks,
        config_fields,
    })
}

pub fn component_reads(project: &Project, ci: usize, r: &mut Reads) {
    let c = &project.components[ci];
    for res in &c.resources {
        res.inputs.iter().for_each(|(_, v)| r.value(v));
        r.options(&res.options);
    }
    c.outputs.iter().for_each(|(_, v)| r.value(v));
}

fn component_uses_config(project: &Project, ci: usize) -> bool {
    let c = &project.components[ci];
    let mut uses = false;
    let mut visit = |v: &Value| {
        v.walk(&mut |x| {
            if matches!(
                x.kind,
                ValueKind::Config(_)
                    | ValueKind::Env(_)
                    | ValueKind::PerEnv { .. }
                    | ValueKind::PhysicalName(_)
            ) {
                uses = true;
            }
        })
    };
    for res in &c.resources {
        res.inputs.iter().for_each(|(_, v)| visit(v));
        if let Some(p) = &res.options.protect {
            visit(p);
        }
    }
    c.outputs.iter().for_each(|(_, v)| visit(v));
    uses
}

/// Which resources a resource's inputs and options name (siblings in a template included).
pub fn refs_of(inputs: &[(String, Value)], options: &crate::ir::Options) -> Vec<ResourceRef> {
    let mut out = Vec::new();
    for (_, v) in inputs {
        v.referenced_resources(&mut out);
    }
    if let Some(p) = &options.protect {
        p.referenced_resources(&mut out);
    }
    out.extend(options.depends_on.iter().cloned());
    out.extend(options.parent.iter().cloned());
    out.extend(options.provider.iter().cloned());
    out.extend(options.deleted_with.iter().cloned());
    out.extend(options.alias_parents().cloned());
    out
}

/// The config key types, checked once: the Go backend supports scalars and lists/maps of them.
pub fn check_config(project: &Project) -> Result<(), String> {
    let mut imports = Imports::for_project(project);
    for c in &project.config {
        config_type(&c.ty, c.secret, &mut imports)?;
    }
    Ok(())
}
