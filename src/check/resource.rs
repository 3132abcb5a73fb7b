//! Declaring modules, resources, instances and stacks, then lowering resource bodies:
//! properties against the schema, options, and bindings.

use std::collections::BTreeMap;

use heck::{ToKebabCase, ToSnakeCase};

use super::expr::{Ctx, find_prop, snake_names};
use super::project::{ModuleSyms, ParsedFile, ProjectChecker};
use std::sync::Arc;

use super::schema::{ResourceSchema, split_token};
use crate::diag::{Problem, did_you_mean};
use crate::ir::{self, EnvAttr, ResourceRef, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, ExprKind, Item};

type LogicalNames = BTreeMap<(String, String), Span>;

const OPTIONS: [&str; 13] = [
    "protect",
    "depends_on",
    "parent",
    "ignore_changes",
    "delete_before_replace",
    "provider",
    "retain_on_delete",
    "replace_on_changes",
    "custom_timeouts",
    "import",
    "deleted_with",
    "additional_secret_outputs",
    "aliases",
];

/// A lowered resource body.
pub(super) struct Body {
    pub inputs: Vec<(String, Value)>,
    pub options: ir::Options,
    /// Resources created by lowering bindings.
    pub created: Vec<ir::Resource>,
}

impl ProjectChecker<'_> {
    pub(super) fn kind_of(&self, token: &str) -> ir::Kind {
        let (package, module, class) = split_token(token);
        ir::Kind {
            token: token.to_string(),
            package,
            module,
            class,
        }
    }

    /// Resolves a written kind, reporting unknown kinds and undeclared providers.
    pub(super) fn resolve_kind(&mut self, kind: &ast::Ident) -> Option<Arc<ResourceSchema>> {
        match self.schemas.resolve_kind(&kind.name).cloned() {
            Some(schema) => {
                let target = super::symbols::Target::Kind(schema.token.clone());
                self.symbols.schema(kind.span, target);
                let package = schema
                    .token
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if !self.declared_providers.contains(&package) {
                    self.sink.report(Problem::ProviderNotDeclared {
                        span: kind.span,
                        provider: package,
                    });
                }
                Some(schema)
            }
            None => {
                self.sink.report(Problem::UnknownKind {
                    span: kind.span,
                    kind: kind.name.clone(),
                    suggestion: did_you_mean(&kind.name, self.schemas.friendly_names()),
                });
                None
            }
        }
    }

    pub(super) fn new_resource(
        &self,
        name: &str,
        logical: String,
        module: &str,
        token: &str,
    ) -> ir::Resource {
        ir::Resource {
            name: name.to_string(),
            logical_name: logical,
            module: module.to_string(),
            kind: self.kind_of(token),
            docs: Vec::new(),
            inputs: Vec::new(),
            options: ir::Options::default(),
            instance: None,
            origin: None,
            physical_name: None,
            dependencies: Vec::new(),
            stack_dependencies: Vec::new(),
            instance_dependencies: Vec::new(),
            condition: None,
            computed_name: None,
            each: None,
        }
    }

    /// First pass: every name in the project, so that references resolve in any order.
    pub(super) fn declare(&mut self, files: &[ParsedFile]) {
        // A module may be declared in several files of one folder: each file is one part.
        let mut module_dirs: BTreeMap<String, String> = BTreeMap::new();
        let mut logical = LogicalNames::new();
        for file in files {
            let (module, span, docs) = self.module_of(file);
            if !is_identifier(&module) {
                self.sink.report(Problem::UnsafePath {
                    span: file
                        .ast
                        .items
                        .first()
                        .map(super::project::item_span)
                        .unwrap_or_default(),
                    name: module.clone(),
                });
            }
            let rel = self.relative(&file.path);
            let dir = rel
                .rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or("")
                .to_string();
            if let Some(span) = span {
                let key = super::symbols::Key::Module(module.clone());
                self.symbols.refer(span, key);
                match (self.module_spans.get(&module), module_dirs.get(&module)) {
                    (Some(first), Some(first_dir)) if *first_dir != dir || dir.is_empty() => {
                        self.sink.report(Problem::Duplicate {
                            span,
                            what: "module".into(),
                            name: module.clone(),
                            first: *first,
                        });
                    }
                    (Some(_), _) => {}
                    (None, _) => {
                        self.module_spans.insert(module.clone(), span);
                    }
                }
            }
            module_dirs.entry(module.clone()).or_insert(dir);
            if !self.modules.contains_key(&module) {
                self.modules.insert(module.clone(), ModuleSyms::default());
                self.project.modules.push(ir::Module {
                    name: module.clone(),
                    docs: docs.clone(),
                    file: rel.clone(),
                    resources: Vec::new(),
                    instances: Vec::new(),
                    components: Vec::new(),
                    uses: Vec::new(),
                    parts: Vec::new(),
                });
            }
            let mi = self
                .project
                .modules
                .iter()
                .position(|m| m.name == module)
                .unwrap_or_default();
            let m = &mut self.project.modules[mi];
            if m.docs.is_empty() {
                m.docs = docs.clone();
            }
            self.part_of_file.insert(file.id, (mi, m.parts.len()));
            m.parts.push(ir::ModulePart {
                name: super::project::file_stem(&rel).to_string(),
                file: rel,
                docs,
                ..Default::default()
            });
            for item in &file.ast.items {
                match item {
                    Item::Component(c) => self.declare_component(c, &module),
                    Item::Stack(s) => self.declare_stack(s),
                    _ => {}
                }
            }
        }
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                match item {
                    Item::Resource(r) => self.declare_resource(r, &module, &mut logical),
                    Item::Use(u) => self.declare_instance(u, &module, &mut logical),
                    _ => {}
                }
            }
        }
    }

    /// Files every declared resource, instance and component under the part of its file.
    pub(super) fn assign_parts(&mut self) {
        let project = &mut self.project;
        let part_of_file = &self.part_of_file;
        for (&i, span) in &self.resource_spans {
            if let Some(&(m, p)) = part_of_file.get(&span.file) {
                project.modules[m].parts[p].resources.push(i);
            }
        }
        for (&i, span) in &self.instance_spans {
            if let Some(&(m, p)) = part_of_file.get(&span.file) {
                project.modules[m].parts[p].instances.push(i);
            }
        }
        for (&i, span) in &self.component_spans {
            if let Some(&(m, p)) = part_of_file.get(&span.file) {
                project.modules[m].parts[p].components.push(i);
            }
        }
    }

    fn check_local_name(&mut self, module: &str, name: &ast::Ident) -> bool {
        let syms = &self.modules[module];
        let first = syms
            .resources
            .get(&name.name)
            .map(|i| self.resource_spans[i])
            .or_else(|| {
                syms.instances
                    .get(&name.name)
                    .map(|i| self.instance_span(*i))
            });
        if let Some(first) = first {
            self.sink.report(Problem::Duplicate {
                span: name.span,
                what: "name".into(),
                name: name.name.clone(),
                first,
            });
            return false;
        }
        true
    }

    fn instance_span(&self, i: usize) -> Span {
        self.instance_spans.get(&i).copied().unwrap_or_default()
    }

    /// Pulumi URNs combine type and name, so a logical name must be unique per type.
    fn check_logical(&mut self, token: &str, name: &str, span: Span, logical: &mut LogicalNames) {
        let key = (token.to_string(), name.to_string());
        if let Some(first) = logical.get(&key) {
            self.sink.report(Problem::Duplicate {
                span,
                what: "logical name".into(),
                name: name.to_string(),
                first: *first,
            });
        } else {
            logical.insert(key, span);
        }
    }

    fn declare_resource(
        &mut self,
        r: &ast::ResourceDecl,
        module: &str,
        logical: &mut LogicalNames,
    ) {
        let schema = self.resolve_kind(&r.kind);
        if !self.check_local_name(module, &r.name) {
            return;
        }
        // A computed name is lowered with the body and compared per environment.
        let (logical_name, computed) = match super::logical_names::logical_name_of(r) {
            Ok(name) => (name, false),
            Err((_, default)) => (default, true),
        };
        let token = schema.map(|s| s.token.clone()).unwrap_or_default();
        if !computed {
            self.check_logical(&token, &logical_name, r.name.span, logical);
        }
        let mut res = self.new_resource(&r.name.name, logical_name, module, &token);
        res.docs = r.docs.clone();
        let idx = self.project.resources.len();
        self.project.resources.push(res);
        self.resource_spans.insert(idx, r.name.span);
        if r.logical_name.is_some() {
            self.symbols.named_by_as(idx);
        }
        self.modules
            .get_mut(module)
            .expect("module declared")
            .resources
            .insert(r.name.name.clone(), idx);
        if let Some(m) = self.project.modules.iter_mut().find(|m| m.name == module) {
            m.resources.push(idx);
        }
    }

    fn declare_instance(&mut self, u: &ast::UseDecl, module: &str, logical: &mut LogicalNames) {
        let Some((comp, decl)) = self.components.get(&u.component.name).cloned() else {
            self.sink.report(Problem::UnknownComponent {
                span: u.component.span,
                name: u.component.name.clone(),
                suggestion: did_you_mean(
                    &u.component.name,
                    self.components.keys().map(String::as_str),
                ),
            });
            return;
        };
        self.symbols
            .refer(u.component.span, super::symbols::Key::Component(comp));
        if !self.check_local_name(module, &u.name) {
            return;
        }
        let logical_name = u.name.name.to_kebab_case();
        let type_token = self.project.components[comp].type_token.clone();
        self.check_logical(&type_token, &logical_name, u.name.span, logical);
        let inst = self.project.instances.len();
        let mut children = Vec::new();
        for child in &decl.resources {
            let token = self
                .schemas
                .resolve_kind(&child.kind.name)
                .map(|s| s.token.clone())
                .unwrap_or_default();
            let child_name =
                super::logical_names::logical_name_of(child).unwrap_or_else(|(_, d)| d);
            let child_logical = format!("{logical_name}-{child_name}");
            self.check_logical(&token, &child_logical, u.name.span, logical);
            let mut res = self.new_resource(&child.name.name, child_logical, module, &token);
            res.instance = Some(inst);
            res.docs = child.docs.clone();
            children.push(self.project.resources.len());
            self.resource_spans
                .insert(self.project.resources.len(), u.name.span);
            self.project.resources.push(res);
        }
        self.project.instances.push(ir::ComponentInstance {
            name: u.name.name.clone(),
            logical_name,
            module: module.to_string(),
            component: comp,
            docs: u.docs.clone(),
            args: Vec::new(),
            options: ir::Options::default(),
            children,
            outputs: Vec::new(),
            condition: None,
        });
        self.instance_spans.insert(inst, u.name.span);
        self.modules
            .get_mut(module)
            .expect("module declared")
            .instances
            .insert(u.name.name.clone(), inst);
        if let Some(m) = self.project.modules.iter_mut().find(|m| m.name == module) {
            m.instances.push(inst);
        }
    }

    /// Second pass: lower every top-level resource's body.
    pub(super) fn lower_resources(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Resource(r) = item else { continue };
                let Some(idx) = self.declared_resource(&module, &r.name) else {
                    continue;
                };
                let token = self.project.resources[idx].kind.token.clone();
                let ctx = Ctx {
                    module: &module,
                    component: None,
                    resource: Some(idx),
                    literal: false,
                };
                let condition = self.project.resources[idx].condition.clone();
                self.guards.extend(condition.clone());
                let computed_name = self.computed_logical_name(r, &ctx);
                self.project.resources[idx].computed_name = computed_name;
                self.each_scope = self.each_scope_of(idx);
                let body = self.lower_body(r, &token, &ctx, idx);
                self.each_scope = None;
                self.guards
                    .truncate(self.guards.len() - usize::from(condition.is_some()));
                let res = &mut self.project.resources[idx];
                res.physical_name = physical_name(&body.inputs);
                res.inputs = body.inputs;
                res.options = body.options;
                for mut created in body.created {
                    created.module = module.clone();
                    created.condition = condition.clone();
                    created.origin = Some(ir::BindingOrigin {
                        source: idx,
                        binding: created.name.clone(),
                    });
                    let new_idx = self.project.resources.len();
                    self.resource_spans.insert(new_idx, r.name.span);
                    if let Some(m) = self.project.modules.iter_mut().find(|m| m.name == module) {
                        m.resources.push(new_idx);
                    }
                    self.project.resources.push(created);
                }
            }
        }
    }

    /// Properties, bindings and options of one resource declaration.
    pub(super) fn lower_body(
        &mut self,
        r: &ast::ResourceDecl,
        token: &str,
        ctx: &Ctx,
        self_idx: usize,
    ) -> Body {
        let schema = self.schemas.resolve_kind(token).cloned();
        let written = r.properties.iter().map(|a| a.key.name.clone()).collect();
        let fields = super::symbols::Fields::Kind(token.to_string());
        self.symbols.scope(r.span, fields, written);
        let mut inputs: Vec<(String, Value)> = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for a in &r.properties {
            if let Some(first) = seen.insert(a.key.name.clone(), a.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: a.key.span,
                    what: "property".into(),
                    name: a.key.name.clone(),
                    first,
                });
                continue;
            }
            let Some(schema) = &schema else {
                // Unknown kind: still check the value's own references.
                self.lower(&a.value, &Type::Any, ctx, "a property");
                continue;
            };
            match find_prop(&schema.inputs, &a.key.name) {
                Some((name, prop)) => {
                    let target = super::symbols::Target::Input {
                        token: schema.token.clone(),
                        name: name.clone(),
                    };
                    self.symbols.schema(a.key.span, target);
                    let what = format!("`{}`", a.key.name);
                    if !schema.required_inputs.iter().any(|r| r == name) {
                        self.allow_absent = Some(a.value.span);
                    }
                    let v = self.lower(&a.value, &prop.ty, ctx, &what);
                    self.allow_absent = None;
                    self.check_secret_literal(prop, &v, a.value.span, &a.key.name);
                    if let Some(msg) = &prop.deprecation {
                        self.sink.report(Problem::DeprecatedProperty {
                            span: a.key.span,
                            property: a.key.name.clone(),
                            message: first_line(msg),
                        });
                    }
                    inputs.push((name.clone(), v));
                }
                None => self.sink.report(Problem::UnknownProperty {
                    span: a.key.span,
                    kind: r.kind.name.clone(),
                    property: a.key.name.clone(),
                    suggestion: did_you_mean(
                        &a.key.name,
                        snake_names(&schema.inputs).iter().map(String::as_str),
                    ),
                }),
            }
        }

        let mut created = Vec::new();
        for b in &r.bindings {
            self.lower_binding(b, r, token, ctx, self_idx, &mut inputs, &mut created);
        }

        if let Some(schema) = schema.as_ref().filter(|_| !r.recovered) {
            for req in &schema.required_inputs {
                if !inputs.iter().any(|(k, _)| k == req) {
                    self.sink.report(Problem::MissingProperty {
                        span: r.name.span,
                        kind: r.kind.name.clone(),
                        property: req.to_snake_case(),
                        ty: schema
                            .inputs
                            .get(req)
                            .map(|p| p.ty.to_string())
                            .unwrap_or_default(),
                    });
                }
            }
        }
        let options = self.lower_options(&r.options, schema.as_deref(), ctx);
        Body {
            inputs,
            options,
            created,
        }
    }

    pub(super) fn lower_options(
        &mut self,
        options: &[ast::Assign],
        schema: Option<&ResourceSchema>,
        ctx: &Ctx,
    ) -> ir::Options {
        let mut out = ir::Options::default();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for o in options {
            if let Some(first) = seen.insert(o.key.name.clone(), o.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: o.key.span,
                    what: "option".into(),
                    name: o.key.name.clone(),
                    first,
                });
                continue;
            }
            match o.key.name.as_str() {
                "protect" => {
                    out.protect = Some(self.lower(&o.value, &Type::Bool, ctx, "`protect`"))
                }
                "delete_before_replace" => {
                    let v = self.lower(
                        &o.value,
                        &Type::Bool,
                        &Ctx::literal(),
                        "`delete_before_replace`",
                    );
                    out.delete_before_replace = v.kind == ValueKind::Bool(true);
                }
                "depends_on" => {
                    let items = match &o.value.kind {
                        ExprKind::List(items) => items.iter().collect::<Vec<_>>(),
                        _ => vec![&o.value],
                    };
                    for item in items {
                        self.allow_collection = true;
                        let r = self.resource_ref(item, ctx, "`depends_on`");
                        self.allow_collection = false;
                        if let Some(r) = r {
                            out.depends_on.push(r);
                        }
                    }
                }
                "parent" => out.parent = self.resource_ref(&o.value, ctx, "`parent`"),
                "provider" => out.provider = self.provider_option(&o.value, schema, ctx),
                "ignore_changes" => {
                    let ExprKind::List(items) = &o.value.kind else {
                        self.mismatch(&o.value, "a list of property names", "`ignore_changes`");
                        continue;
                    };
                    for item in items {
                        let Some(name) = super::settings::word(item) else {
                            self.mismatch(item, "a property name", "`ignore_changes`");
                            continue;
                        };
                        match schema.map(|s| find_prop(&s.inputs, &name)) {
                            Some(Some((prop, _))) => out.ignore_changes.push(prop.clone()),
                            Some(None) => self.sink.report(Problem::UnknownProperty {
                                span: item.span,
                                kind: schema
                                    .and_then(|s| super::schema::friendly_name(&s.token))
                                    .unwrap_or_default(),
                                property: name.clone(),
                                suggestion: schema.and_then(|s| {
                                    did_you_mean(
                                        &name,
                                        snake_names(&s.inputs).iter().map(String::as_str),
                                    )
                                }),
                            }),
                            None => out.ignore_changes.push(name),
                        }
                    }
                }
                "aliases" => out.aliases = self.lower_aliases(&o.value, schema.is_some(), ctx),
                _ if self.lifecycle_option(o, schema, ctx, &mut out) => {}
                other => self.sink.report(Problem::UnknownOption {
                    span: o.key.span,
                    option: other.to_string(),
                    suggestion: did_you_mean(other, OPTIONS),
                }),
            }
        }
        // An environment's `protect` policy applies to every resource that does not decide.
        if out.protect.is_none() && self.project.envs.iter().any(|e| e.protect) {
            out.protect = Some(Value::new(ValueKind::Env(EnvAttr::Protect), Type::Bool));
        }
        out
    }

    /// `options { provider = x }`: an explicit provider of the resource's own package. A
    /// component instance (no schema) takes none: its children name theirs.
    fn provider_option(
        &mut self,
        e: &ast::Expr,
        schema: Option<&ResourceSchema>,
        ctx: &Ctx,
    ) -> Option<ResourceRef> {
        let Some(schema) = schema else {
            self.sink.report(Problem::InstanceProvider { span: e.span });
            return None;
        };
        let r = self.resource_ref(e, ctx, "`provider`")?;
        let token = match &r {
            ResourceRef::Resource(i) | ResourceRef::Item(i, _) => {
                self.project.resources[*i].kind.token.clone()
            }
            ResourceRef::Sibling(n) => ctx
                .component
                .and_then(|c| c.siblings.get(n).cloned())
                .unwrap_or_default(),
            ResourceRef::Param(n) => match ctx.component.and_then(|c| c.params.get(n)) {
                Some(Type::Resource(t)) => t.clone(),
                _ => String::new(),
            },
        };
        let kind = self.kind_of(&token);
        let package = split_token(&schema.token).0;
        if !kind.is_provider() {
            self.sink.report(Problem::TypeMismatch {
                span: e.span,
                expected: format!("a `{package}` provider"),
                found: super::schema::friendly_name(&token).unwrap_or(token),
                context: "`provider`".into(),
            });
            return None;
        }
        if kind.package != package {
            self.sink.report(Problem::ProviderPackageMismatch {
                span: e.span,
                provider: super::settings::word(e).unwrap_or_default(),
                provider_package: kind.package,
                package,
            });
            return None;
        }
        Some(r)
    }

    pub(super) fn resource_ref(
        &mut self,
        e: &ast::Expr,
        ctx: &Ctx,
        what: &str,
    ) -> Option<ResourceRef> {
        let v = self.lower(e, &Type::Any, ctx, what);
        match v.kind {
            ValueKind::Resource(r) => Some(r),
            ValueKind::Null => None,
            _ => {
                self.sink.report(Problem::TypeMismatch {
                    span: e.span,
                    expected: "a resource".into(),
                    found: v.ty.to_string(),
                    context: what.to_string(),
                });
                None
            }
        }
    }
}

/// The first input set with `name(...)`.
pub(super) fn physical_name(inputs: &[(String, Value)]) -> Option<Value> {
    inputs
        .iter()
        .find(|(_, v)| matches!(v.kind, ValueKind::PhysicalName(_)))
        .map(|(_, v)| v.clone())
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// Module and project names become file and package names: only identifiers are safe.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
