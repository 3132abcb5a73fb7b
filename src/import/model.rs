//! The stacks merged into one model: each resource once, with its state in every environment
//! where it exists (keyed by its URN without the stack), and the role it gets in the workspace.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::check::{ResourceSchema, SchemaSet, friendly_name};

use super::Warning;
use super::modules::ModuleMap;
use super::names::identifier;
use super::read::{
    PROVIDER_PREFIX, STACK_REFERENCE_TYPE, STACK_TYPE, Stack, StateResource, split_urn,
};

#[derive(Debug, Clone)]
pub enum Role {
    /// A resource of a known kind, written as `resource`.
    Resource {
        kind: String,
        schema: Arc<ResourceSchema>,
    },
    /// `provider <package> <name> { ... }`.
    ExplicitProvider {
        package: String,
    },
    /// A package's default provider: its inputs become `provider <package> { ... }` settings.
    DefaultProvider {
        package: String,
    },
    StackReference,
    /// Left out (the Stack, a component, an unknown type, a child of something left out).
    Skipped,
}

/// One resource across environments.
#[derive(Debug, Clone)]
pub struct Entity {
    pub token: String,
    pub logical: String,
    pub role: Role,
    /// Identifier in the language, unique in its module.
    pub ident: String,
    pub module: String,
    /// Environment index -> index of the resource in that stack.
    pub states: BTreeMap<usize, usize>,
}

impl Entity {
    pub fn is_written(&self) -> bool {
        matches!(
            self.role,
            Role::Resource { .. } | Role::ExplicitProvider { .. } | Role::StackReference
        )
    }
}

pub struct Model<'a> {
    pub stacks: &'a [Stack],
    pub entities: Vec<Entity>,
    /// Per environment: URN -> entity.
    pub by_urn: Vec<HashMap<&'a str, usize>>,
}

impl<'a> Model<'a> {
    pub fn state(&self, entity: usize, env: usize) -> Option<&'a StateResource> {
        let i = *self.entities[entity].states.get(&env)?;
        Some(&self.stacks[env].resources[i])
    }

    pub fn all_envs(&self) -> BTreeSet<usize> {
        (0..self.stacks.len()).collect()
    }

    pub fn envs_of(&self, entity: usize) -> BTreeSet<usize> {
        self.entities[entity].states.keys().copied().collect()
    }

    pub fn build(
        stacks: &'a [Stack],
        schemas: &SchemaSet,
        modules: &ModuleMap,
        warnings: &mut Vec<Warning>,
    ) -> Model<'a> {
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut by_urn = Vec::new();
        let mut warned = BTreeSet::new();
        for (env, stack) in stacks.iter().enumerate() {
            let mut urns = HashMap::new();
            for (i, r) in stack.resources.iter().enumerate() {
                let key = key_of(&r.urn);
                let at = match by_key.get(&key) {
                    Some(&at) => at,
                    None => {
                        let role = role_of(r, stack, schemas, &urns, &entities);
                        if matches!(role, Role::Skipped)
                            && warned.insert(r.type_token.clone())
                            && let Some(w) = skipped_warning(r, stack, &urns, &entities)
                        {
                            warnings.push(w);
                        }
                        let kind = match &role {
                            Role::Resource { kind, .. } => kind.clone(),
                            _ => r.type_token.clone(),
                        };
                        entities.push(Entity {
                            token: r.type_token.clone(),
                            logical: r.name.clone(),
                            module: modules.module_of(&r.type_token, &kind, &r.name),
                            ident: identifier(&r.name),
                            role,
                            states: BTreeMap::new(),
                        });
                        by_key.insert(key, entities.len() - 1);
                        entities.len() - 1
                    }
                };
                entities[at].states.insert(env, i);
                urns.insert(r.urn.as_str(), at);
            }
            by_urn.push(urns);
        }
        let mut model = Model {
            stacks,
            entities,
            by_urn,
        };
        model.unique_identifiers();
        model
    }

    /// Two written resources of one module (stack references and providers share the project
    /// file) with one identifier: the later ones get their kind's class appended.
    fn unique_identifiers(&mut self) {
        let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
        for e in &mut self.entities {
            if !e.is_written() {
                continue;
            }
            let scope = match e.role {
                Role::Resource { .. } => e.module.clone(),
                _ => "main".into(),
            };
            let mut ident = e.ident.clone();
            if taken.contains(&(scope.clone(), ident.clone())) {
                let class = e.token.rsplit(':').next().unwrap_or("resource");
                ident = format!("{ident}_{}", identifier(class));
                let mut n = 2;
                while taken.contains(&(scope.clone(), ident.clone())) {
                    ident = format!("{}_{n}", e.ident);
                    n += 1;
                }
            }
            taken.insert((scope, ident.clone()));
            e.ident = ident;
        }
        // Module names may not be taken by names of the project file.
        let main_names: BTreeSet<String> = self
            .entities
            .iter()
            .filter(|e| e.is_written() && !matches!(e.role, Role::Resource { .. }))
            .map(|e| e.ident.clone())
            .collect();
        for e in &mut self.entities {
            if main_names.contains(&e.module) {
                e.module = format!("{}_resources", e.module);
            }
        }
    }
}

impl Model<'_> {
    /// Modules that read each other in a cycle (from the reads of a writing): the first cycle
    /// found, whose modules are then merged into its first.
    pub fn merge_cycle(&mut self, reads: &BTreeSet<(String, String)>) -> bool {
        let modules: BTreeSet<&String> = reads.iter().flat_map(|(a, b)| [a, b]).collect();
        let reach = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.clone()];
            while let Some(m) = todo.pop() {
                for (a, b) in reads {
                    if *a == m && seen.insert(b.clone()) {
                        todo.push(b.clone());
                    }
                }
            }
            seen
        };
        for m in modules {
            let from_m = reach(m);
            if !from_m.contains(m) {
                continue;
            }
            let cycle: BTreeSet<String> = from_m
                .into_iter()
                .filter(|x| reach(x).contains(m))
                .collect();
            let target = cycle.iter().next().cloned().unwrap_or_else(|| m.clone());
            for e in &mut self.entities {
                if cycle.contains(&e.module) {
                    e.module = target.clone();
                }
            }
            self.unique_identifiers();
            return true;
        }
        false
    }
}

/// A URN without its stack: the same resource in every environment.
fn key_of(urn: &str) -> String {
    match split_urn(urn) {
        Some((_, project, ty, name)) => format!("{project}::{ty}::{name}"),
        None => urn.to_string(),
    }
}

fn role_of(
    r: &StateResource,
    stack: &Stack,
    schemas: &SchemaSet,
    urns: &HashMap<&str, usize>,
    entities: &[Entity],
) -> Role {
    if r.type_token == STACK_TYPE {
        return Role::Skipped;
    }
    // A child of a component (or of anything left out) is left out with it.
    if let Some(parent) = &r.parent {
        let top = stack
            .resources
            .iter()
            .any(|p| &p.urn == parent && p.type_token == STACK_TYPE);
        let written_parent = urns
            .get(parent.as_str())
            .is_some_and(|&p| entities[p].is_written());
        if !top && !written_parent {
            return Role::Skipped;
        }
        if written_parent {
            // Resources parented to custom resources have URNs the language cannot give.
            return Role::Skipped;
        }
    }
    if let Some(package) = r.type_token.strip_prefix(PROVIDER_PREFIX) {
        if schemas.package(package).is_none() {
            return Role::Skipped;
        }
        return if r.name.starts_with("default") {
            Role::DefaultProvider {
                package: package.to_string(),
            }
        } else {
            Role::ExplicitProvider {
                package: package.to_string(),
            }
        };
    }
    if r.type_token == STACK_REFERENCE_TYPE {
        return Role::StackReference;
    }
    if !r.custom {
        return Role::Skipped;
    }
    match schemas.resolve_kind(&r.type_token) {
        Some(schema) => Role::Resource {
            kind: friendly_name(&schema.token).unwrap_or_else(|| r.type_token.clone()),
            schema: schema.clone(),
        },
        None => Role::Skipped,
    }
}

/// What a resource left out is reported as (once per type).
fn skipped_warning(
    r: &StateResource,
    stack: &Stack,
    urns: &HashMap<&str, usize>,
    entities: &[Entity],
) -> Option<Warning> {
    if r.type_token == STACK_TYPE {
        return None;
    }
    let parent_written = r
        .parent
        .as_ref()
        .and_then(|p| urns.get(p.as_str()))
        .is_some_and(|&p| entities[p].is_written());
    let parent_top = r.parent.as_ref().is_none_or(|p| {
        stack
            .resources
            .iter()
            .any(|x| &x.urn == p && x.type_token == STACK_TYPE)
    });
    if !parent_top && !parent_written {
        return None; // reported with its component
    }
    Some(if parent_written {
        Warning::new(
            "W1382",
            format!(
                "`{}` (and every resource of type `{}` parented to a resource) is left out: a child of a resource cannot be written",
                r.urn, r.type_token
            ),
        )
    } else if !r.custom && !r.type_token.starts_with("pulumi:") {
        Warning::new(
            "W1382",
            format!(
                "component `{}` of type `{}` and its children are left out: components are not reconstructed",
                r.name, r.type_token
            ),
        )
    } else {
        Warning::new(
            "W1380",
            format!(
                "`{}` is left out: no shipped schema has the type `{}`",
                r.name, r.type_token
            ),
        )
    })
}
