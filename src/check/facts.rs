//! Facts every backend needs, decided once after checking: the schema facts of the kinds a
//! project uses, the types `any` component parameters are used as, and the order modules are
//! created in.

use std::collections::{BTreeMap, BTreeSet};

use super::project::ProjectChecker;
use super::schema::{Property, ResourceSchema, SchemaSet};
use crate::diag::Problem;
use crate::ir::{self, KindFacts, ObjectFacts, SchemaFacts, Type, Value, ValueKind};

impl ProjectChecker<'_> {
    pub(super) fn decide_facts(&mut self) {
        self.assign_parts();
        self.project.schema = schema_facts(&self.project, &self.schemas);
        resolve_param_types(&mut self.project);
        self.order_modules();
        self.check_limits();
    }

    /// Modules in the order the program creates them: each after the modules it reads. A
    /// cycle between modules cannot be expressed in any language (packages, files and calls
    /// are ordered), so it is an error.
    fn order_modules(&mut self) {
        let modules = &self.project.modules;
        let index: BTreeMap<&str, usize> = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.as_str(), i))
            .collect();
        let deps: Vec<Vec<usize>> = modules
            .iter()
            .map(|m| {
                m.uses
                    .iter()
                    .filter_map(|u| index.get(u.as_str()).copied())
                    .collect()
            })
            .collect();
        let mut order = Vec::with_capacity(modules.len());
        let mut done = vec![false; modules.len()];
        let mut remaining = modules.len();
        while remaining > 0 {
            let next = (0..modules.len()).find(|&i| !done[i] && deps[i].iter().all(|&d| done[d]));
            match next {
                Some(i) => {
                    done[i] = true;
                    order.push(i);
                    remaining -= 1;
                }
                None => {
                    let cycle = module_cycle(&deps, &done);
                    let path: Vec<String> =
                        cycle.iter().map(|&i| modules[i].name.clone()).collect();
                    let span = self.module_read_span(&path[0], &path[1]);
                    self.sink.report(Problem::ModuleCycle { span, path });
                    // Go on in declaration order so later phases see every module.
                    for (i, d) in done.iter_mut().enumerate() {
                        if !*d {
                            *d = true;
                            order.push(i);
                        }
                    }
                    remaining = 0;
                }
            }
        }
        self.project.module_order = order;
    }
}

impl ProjectChecker<'_> {
    /// Where module `from` reads module `to`: the first resource of `from` that depends on one
    /// of `to`, else the module's declaration.
    fn module_read_span(&self, from: &str, to: &str) -> crate::syntax::Span {
        let p = &self.project;
        p.resources
            .iter()
            .enumerate()
            .find(|(_, r)| {
                r.module == from
                    && (r.dependencies.iter().any(|&d| p.resources[d].module == to)
                        || r.instance_dependencies
                            .iter()
                            .any(|&i| p.instances[i].module == to))
            })
            .and_then(|(i, r)| {
                let i = r.origin.as_ref().map(|o| o.source).unwrap_or(i);
                self.resource_spans.get(&i).copied()
            })
            .or_else(|| self.module_spans.get(from).copied())
            .unwrap_or_default()
    }
}

/// A cycle among the modules not yet ordered, as module indices, first repeated at the end.
fn module_cycle(deps: &[Vec<usize>], done: &[bool]) -> Vec<usize> {
    let start = (0..deps.len()).find(|&i| !done[i]).unwrap_or(0);
    let mut path = vec![start];
    let mut seen = BTreeMap::from([(start, 0usize)]);
    let mut at = start;
    loop {
        let Some(&next) = deps[at].iter().find(|&&d| !done[d]) else {
            return path;
        };
        if let Some(&pos) = seen.get(&next) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(next);
            return cycle;
        }
        seen.insert(next, path.len());
        path.push(next);
        at = next;
    }
}

fn property(p: &Property, required: bool) -> ir::Property {
    ir::Property {
        ty: p.ty.clone(),
        required,
        secret: p.secret,
    }
}

/// A class with its first letter upper-cased: the Go name of most resources.
fn go_names_default(class: &str) -> String {
    let mut chars = class.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn kind_facts(r: &ResourceSchema) -> KindFacts {
    KindFacts {
        inputs: r
            .inputs
            .iter()
            .map(|(n, p)| (n.clone(), property(p, r.required_inputs.contains(n))))
            .collect(),
        outputs: r
            .outputs
            .iter()
            .map(|(n, p)| (n.clone(), property(p, r.required_outputs.contains(n))))
            .collect(),
        sdk_aliases: r.aliases.clone(),
        defaults: r.defaults.clone(),
        go_name: None,
    }
}

/// The kinds the project uses (resources, component children, resource-typed parameters and
/// stack outputs) and every object type reachable from them.
fn schema_facts(project: &ir::Project, schemas: &SchemaSet) -> SchemaFacts {
    let mut kind_tokens: BTreeSet<String> = BTreeSet::new();
    let mut types: Vec<&Type> = Vec::new();
    for r in project
        .resources
        .iter()
        .chain(project.components.iter().flat_map(|c| c.resources.iter()))
    {
        kind_tokens.insert(r.kind.token.clone());
    }
    for c in &project.components {
        types.extend(c.params.iter().map(|p| &p.ty));
    }
    for s in &project.stacks {
        types.extend(s.outputs.iter().map(|o| &o.ty));
    }
    for c in &project.config {
        types.push(&c.ty);
    }
    let mut facts = SchemaFacts::default();
    let mut pending: Vec<String> = Vec::new();
    for t in types {
        note(t, &mut pending, &mut kind_tokens);
    }
    for token in &kind_tokens {
        if let Some(r) = schemas.resolve_kind(token) {
            let mut k = kind_facts(r);
            let (package, module, class) = super::schema::split_token(token);
            k.go_name = schemas
                .package(&package)
                .and_then(|p| super::schema::go_resource_names(p, &module).remove(&class))
                .filter(|go| *go != go_names_default(&class));
            for p in k.inputs.values().chain(k.outputs.values()) {
                note(&p.ty, &mut pending, &mut BTreeSet::new());
            }
            facts.kinds.insert(token.clone(), k);
        }
    }
    let mut invoked = BTreeSet::new();
    project.for_each_value(&mut |v| {
        v.walk(&mut |x| {
            if let ir::ValueKind::Invoke(call) = &x.kind {
                invoked.insert(call.function.token.clone());
            }
        })
    });
    for token in invoked {
        let Some(f) = schemas.function(&token) else {
            continue;
        };
        let facts_of = |o: &super::schema::ObjectSchema| -> BTreeMap<String, ir::Property> {
            o.properties
                .iter()
                .map(|(n, p)| (n.clone(), property(p, o.required.contains(n))))
                .collect()
        };
        let inputs = facts_of(&f.inputs);
        let result = facts_of(&f.outputs);
        for p in inputs.values().chain(result.values()) {
            note(&p.ty, &mut pending, &mut BTreeSet::new());
        }
        facts.functions.insert(
            token.clone(),
            KindFacts {
                inputs,
                outputs: BTreeMap::new(),
                sdk_aliases: Vec::new(),
                defaults: BTreeMap::new(),
                go_name: None,
            },
        );
        facts
            .objects
            .insert(token, ObjectFacts { properties: result });
    }
    while let Some(token) = pending.pop() {
        if facts.objects.contains_key(&token) {
            continue;
        }
        let Some(o) = schemas.object_type(&token) else {
            continue;
        };
        let object = ObjectFacts {
            properties: o
                .properties
                .iter()
                .map(|(n, p)| (n.clone(), property(p, o.required.contains(n))))
                .collect(),
        };
        for p in object.properties.values() {
            note(&p.ty, &mut pending, &mut BTreeSet::new());
        }
        facts.objects.insert(token, object);
    }
    facts
}

/// Notes the object type or resource kind a type names, through lists and maps.
fn note(t: &Type, objects: &mut Vec<String>, kinds: &mut BTreeSet<String>) {
    match t {
        Type::List(inner) | Type::Map(inner) => note(inner, objects, kinds),
        Type::Object(token) => objects.push(token.clone()),
        Type::Resource(token) => {
            kinds.insert(token.clone());
        }
        _ => {}
    }
}

/// An `any` parameter takes the declared type of the inputs it is given to, when they all agree
/// (`source: any` given to a bucket object's `source` is an asset or archive).
fn resolve_param_types(project: &mut ir::Project) {
    for ci in 0..project.components.len() {
        for pi in 0..project.components[ci].params.len() {
            let c = &project.components[ci];
            let p = &c.params[pi];
            let resolved = if p.ty == Type::Any {
                let mut found: Option<Type> = None;
                let mut agree = true;
                for r in &c.resources {
                    let Some(kind) = project.schema.kind(&r.kind.token) else {
                        continue;
                    };
                    for (name, v) in &r.inputs {
                        if let Some(prop) = kind.inputs.get(name) {
                            uses_of(
                                &project.schema,
                                &p.name,
                                v,
                                &prop.ty,
                                &mut |t| match &found {
                                    Some(f) if f != t => agree = false,
                                    _ => found = Some(t.clone()),
                                },
                            );
                        }
                    }
                }
                match found {
                    Some(t) if agree => t,
                    _ => Type::Any,
                }
            } else {
                p.ty.clone()
            };
            project.components[ci].params[pi].resolved_ty = resolved;
        }
    }
}

/// Calls `f` with the declared type of every place `value` gives parameter `param` as a whole.
fn uses_of(schema: &SchemaFacts, param: &str, value: &Value, ty: &Type, f: &mut dyn FnMut(&Type)) {
    match (&value.kind, ty) {
        (ValueKind::Param(p), _) if p == param => f(ty),
        (ValueKind::List(items), Type::List(inner)) => items
            .iter()
            .for_each(|v| uses_of(schema, param, v, inner, f)),
        (ValueKind::Object(fields), Type::Map(inner)) => fields
            .iter()
            .for_each(|(_, v)| uses_of(schema, param, v, inner, f)),
        (ValueKind::Object(fields), Type::Object(token)) => {
            if let Some(o) = schema.object(token) {
                for (k, v) in fields {
                    if let Some(p) = o.properties.get(k) {
                        uses_of(schema, param, v, &p.ty, f);
                    }
                }
            }
        }
        (ValueKind::PerEnv { cases, default }, _) => {
            cases
                .values()
                .for_each(|v| uses_of(schema, param, v, ty, f));
            if let Some(d) = default {
                uses_of(schema, param, d, ty, f);
            }
        }
        _ => {}
    }
}
