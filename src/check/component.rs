//! Components: parameterised groups of resources, lowered once as a template and expanded for
//! each `use`.

use std::collections::BTreeMap;

use super::expr::{CompCtx, Ctx};
use super::project::{ParsedFile, ProjectChecker};
use super::resource::physical_name;
use crate::diag::{Problem, did_you_mean};
use crate::ir::{self, Part, ResourceRef, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, Item};

impl ProjectChecker<'_> {
    pub(super) fn declare_component(&mut self, c: &ast::ComponentDecl, module: &str) {
        if let Some((i, _)) = self.components.get(&c.name.name) {
            let first = self.component_spans[i];
            self.sink.report(Problem::Duplicate {
                span: c.name.span,
                what: "component".into(),
                name: c.name.name.clone(),
                first,
            });
            return;
        }
        let idx = self.project.components.len();
        self.project.components.push(ir::Component {
            name: c.name.name.clone(),
            module: module.to_string(),
            docs: c.docs.clone(),
            type_token: format!("{}:{}:{}", self.project.pulumi_name, module, c.name.name),
            params: Vec::new(),
            resources: Vec::new(),
            outputs: Vec::new(),
        });
        self.component_spans.insert(idx, c.name.span);
        self.components
            .insert(c.name.name.clone(), (idx, c.clone()));
        if let Some(m) = self.project.modules.iter_mut().find(|m| m.name == module) {
            m.components.push(idx);
        }
    }

    pub(super) fn lower_components(&mut self) {
        let comps: Vec<(usize, ast::ComponentDecl)> = self.components.values().cloned().collect();
        for (idx, decl) in comps {
            self.symbols.component = Some(idx);
            let module = self.project.components[idx].module.clone();
            let mut cc = CompCtx::default();
            let mut params = Vec::new();
            let mut seen: BTreeMap<String, Span> = BTreeMap::new();
            for p in &decl.params {
                if let Some(first) = seen.insert(p.name.name.clone(), p.name.span) {
                    self.sink.report(Problem::Duplicate {
                        span: p.name.span,
                        what: "parameter".into(),
                        name: p.name.name.clone(),
                        first,
                    });
                    continue;
                }
                let ty = self.parse_type(&p.ty, true);
                let default = p.default.as_ref().map(|d| {
                    self.lower(
                        d,
                        &ty,
                        &Ctx::literal(),
                        &format!("parameter `{}`", p.name.name),
                    )
                });
                cc.params.insert(p.name.name.clone(), ty.clone());
                params.push(ir::ComponentParam {
                    name: p.name.name.clone(),
                    docs: p.docs.clone(),
                    resolved_ty: ty.clone(),
                    ty,
                    default,
                });
            }
            let mut tokens = Vec::new();
            for r in &decl.resources {
                let token = self
                    .resolve_kind(&r.kind)
                    .map(|s| s.token.clone())
                    .unwrap_or_default();
                if let Some(first) = seen.insert(r.name.name.clone(), r.name.span) {
                    self.sink.report(Problem::Duplicate {
                        span: r.name.span,
                        what: "name".into(),
                        name: r.name.name.clone(),
                        first,
                    });
                }
                cc.siblings.insert(r.name.name.clone(), token.clone());
                tokens.push(token);
            }
            let mut resources = Vec::new();
            for (r, token) in decl.resources.iter().zip(tokens) {
                let ctx = Ctx {
                    module: &module,
                    component: Some(&cc),
                    resource: None,
                    literal: false,
                };
                let body = self.lower_body(r, &token, &ctx, usize::MAX);
                let logical = self.logical_name(r);
                let mut res = self.new_resource(&r.name.name, logical, &module, &token);
                res.docs = r.docs.clone();
                res.physical_name = physical_name(&body.inputs);
                res.inputs = body.inputs;
                res.options = body.options;
                resources.push(res);
                for mut created in body.created {
                    created.module = module.clone();
                    resources.push(created);
                }
            }
            let mut outputs = Vec::new();
            for e in &decl.exports {
                let ctx = Ctx {
                    module: &module,
                    component: Some(&cc),
                    resource: None,
                    literal: false,
                };
                let v = self.lower(&e.value, &Type::Any, &ctx, "a component output");
                outputs.push((e.name.name.clone(), v));
            }
            self.symbols.component = None;
            let comp = &mut self.project.components[idx];
            comp.params = params;
            comp.resources = resources;
            comp.outputs = outputs;
        }
    }

    pub(super) fn expand_instances(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Use(u) = item else { continue };
                let Some(inst) = self.declared_instance(&module, &u.name) else {
                    continue;
                };
                let condition = self.project.instances[inst].condition.clone();
                self.guards.extend(condition.clone());
                self.expand(inst, u, &module);
                self.guards
                    .truncate(self.guards.len() - usize::from(condition.is_some()));
            }
        }
    }

    fn expand(&mut self, inst: usize, u: &ast::UseDecl, module: &str) {
        let comp = self.project.components[self.project.instances[inst].component].clone();
        let ctx = Ctx::module(module);
        let mut args: BTreeMap<String, (Value, Span)> = BTreeMap::new();
        // Parameters an unknown argument was probably meant for: not reported missing again.
        let mut misspelled = Vec::new();
        for a in &u.args {
            match comp.params.iter().find(|p| p.name == a.key.name) {
                Some(p) => {
                    if args.contains_key(&a.key.name) {
                        self.sink.report(Problem::Duplicate {
                            span: a.key.span,
                            what: "argument".into(),
                            name: a.key.name.clone(),
                            first: args[&a.key.name].1,
                        });
                        continue;
                    }
                    let v = self.lower(&a.value, &p.ty, &ctx, &format!("parameter `{}`", p.name));
                    args.insert(a.key.name.clone(), (v, a.value.span));
                }
                None => {
                    let suggestion =
                        did_you_mean(&a.key.name, comp.params.iter().map(|p| p.name.as_str()));
                    misspelled.extend(suggestion.clone());
                    self.sink.report(Problem::UnknownParam {
                        span: a.key.span,
                        component: comp.name.clone(),
                        param: a.key.name.clone(),
                        suggestion,
                    })
                }
            }
        }
        let mut ordered = Vec::new();
        for p in &comp.params {
            match (args.get(&p.name), &p.default) {
                (Some((v, _)), _) => ordered.push((p.name.clone(), v.clone())),
                (None, Some(d)) => ordered.push((p.name.clone(), d.clone())),
                (None, None) => {
                    if misspelled.contains(&p.name) {
                        ordered.push((p.name.clone(), Value::null()));
                        continue;
                    }
                    self.sink.report(Problem::MissingParam {
                        span: u.name.span,
                        component: comp.name.clone(),
                        param: p.name.clone(),
                    });
                    ordered.push((p.name.clone(), Value::null()));
                }
            }
        }
        let options = self.lower_options(&u.options, None, &ctx);
        let arg_map: BTreeMap<String, Value> = ordered.iter().cloned().collect();

        // Children beyond the declared resources come from bindings inside the component.
        let mut children = self.project.instances[inst].children.clone();
        let instance_logical = self.project.instances[inst].logical_name.clone();
        for extra in comp.resources.iter().skip(children.len()) {
            let mut res = extra.clone();
            res.logical_name = format!("{instance_logical}-{}", extra.logical_name);
            res.instance = Some(inst);
            res.module = module.to_string();
            children.push(self.project.resources.len());
            self.resource_spans
                .insert(self.project.resources.len(), u.name.span);
            self.project.resources.push(res);
        }
        let siblings: BTreeMap<String, usize> = comp
            .resources
            .iter()
            .zip(&children)
            .map(|(r, c)| (r.name.clone(), *c))
            .collect();
        let sub = Substitution {
            args: &arg_map,
            siblings: &siblings,
        };
        for (template, &child) in comp.resources.iter().zip(&children) {
            let inputs: Vec<(String, Value)> = template
                .inputs
                .iter()
                .map(|(k, v)| (k.clone(), sub.value(v)))
                .collect();
            let mut opts = template.options.clone();
            opts.protect = opts.protect.map(|p| sub.value(&p));
            opts.import = opts.import.map(|p| sub.value(&p));
            opts.depends_on = opts
                .depends_on
                .iter()
                .filter_map(|r| sub.resource(r))
                .collect();
            opts.parent = opts.parent.as_ref().and_then(|r| sub.resource(r));
            opts.provider = opts.provider.as_ref().and_then(|r| sub.resource(r));
            opts.deleted_with = opts.deleted_with.as_ref().and_then(|r| sub.resource(r));
            for (_, (v, span)) in args.iter() {
                let mut refs = Vec::new();
                v.referenced_resources(&mut refs);
                for r in refs {
                    if let ResourceRef::Resource(target) | ResourceRef::Item(target, _) = r {
                        self.edge_spans.entry((child, target)).or_insert(*span);
                    }
                }
            }
            let res = &mut self.project.resources[child];
            res.physical_name = physical_name(&inputs);
            res.inputs = inputs;
            res.options = opts;
        }
        let outputs = comp
            .outputs
            .iter()
            .map(|(k, v)| (k.clone(), sub.value(v)))
            .collect();
        let instance = &mut self.project.instances[inst];
        instance.args = ordered;
        instance.options = options;
        instance.children = children;
        instance.outputs = outputs;
    }
}

/// Replaces parameters and sibling references of a component template.
struct Substitution<'a> {
    args: &'a BTreeMap<String, Value>,
    siblings: &'a BTreeMap<String, usize>,
}

impl Substitution<'_> {
    fn resource(&self, r: &ResourceRef) -> Option<ResourceRef> {
        match r {
            ResourceRef::Sibling(n) => self.siblings.get(n).map(|i| ResourceRef::Resource(*i)),
            ResourceRef::Param(p) => match self.args.get(p).map(|v| &v.kind) {
                Some(ValueKind::Resource(r)) => Some(r.clone()),
                _ => None,
            },
            ResourceRef::Resource(_) | ResourceRef::Item(..) => Some(r.clone()),
        }
    }

    fn value(&self, v: &Value) -> Value {
        let kind = match &v.kind {
            ValueKind::Param(p) => return self.args.get(p).cloned().unwrap_or_else(Value::null),
            ValueKind::Output {
                resource,
                attribute,
            } => match self.resource(resource) {
                Some(r) => ValueKind::Output {
                    resource: r,
                    attribute: attribute.clone(),
                },
                None => ValueKind::Null,
            },
            ValueKind::Resource(r) => match self.resource(r) {
                Some(r) => ValueKind::Resource(r),
                None => ValueKind::Null,
            },
            ValueKind::List(items) => {
                ValueKind::List(items.iter().map(|i| self.value(i)).collect())
            }
            ValueKind::Object(fields) => ValueKind::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v)))
                    .collect(),
            ),
            ValueKind::Interpolate(parts) => ValueKind::Interpolate(
                parts
                    .iter()
                    .map(|p| match p {
                        Part::Text(t) => Part::Text(t.clone()),
                        Part::Value(v) => Part::Value(self.value(v)),
                    })
                    .collect(),
            ),
            ValueKind::PerEnv { cases, default } => ValueKind::PerEnv {
                cases: cases
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v)))
                    .collect(),
                default: default.as_ref().map(|d| Box::new(self.value(d))),
            },
            ValueKind::PhysicalName(a) => ValueKind::PhysicalName(Box::new(self.value(a))),
            other => other.clone(),
        };
        let secret = v.secret
            || match &v.kind {
                ValueKind::Param(p) => self.args.get(p).is_some_and(|a| a.secret),
                _ => false,
            };
        Value {
            kind,
            ty: v.ty.clone(),
            secret,
        }
    }
}
