//! `moved { from = old_name  to = module.new_name }`: a resource declared elsewhere before.
//! Each move becomes an alias on the resource it names as `to` (its old logical name, and no
//! parent when it has one now), so Pulumi moves the live resource instead of replacing it.
//! Renames and moves between modules are supported; a module alone is not part of the URN,
//! so a move that only changes the module is not needed (W1320). Moves into or out of a
//! component are E1326.

use heck::ToKebabCase;

use super::project::{ParsedFile, ProjectChecker};
use crate::diag::{NameProblem, Problem};
use crate::ir::{self, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, ExprKind, Item};

impl ProjectChecker<'_> {
    pub(super) fn lower_moves(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                if let Item::Moved(m) = item {
                    self.lower_move(m, &module);
                }
            }
        }
    }

    fn lower_move(&mut self, m: &ast::MovedDecl, module: &str) {
        let bad = |this: &mut Self, span, reason: String| {
            this.sink
                .report(Problem::Name(NameProblem::BadMoved { span, reason }))
        };
        let (mut from, mut to) = (None, None);
        for f in &m.fields {
            let slot = match f.key.name.as_str() {
                "from" => &mut from,
                "to" => &mut to,
                other => {
                    bad(self, f.key.span, format!("unknown field `{other}`"));
                    continue;
                }
            };
            match &f.value.kind {
                ExprKind::Path(p) => *slot = Some((p.clone(), f.value.span)),
                _ => bad(
                    self,
                    f.value.span,
                    "a path such as `old_name` is expected".into(),
                ),
            }
        }
        let (Some((from, from_span)), Some((to, to_span))) = (from, to) else {
            let named = |k: &str| m.fields.iter().any(|f| f.key.name == k);
            if !(named("from") && named("to")) {
                bad(self, m.span, "it needs both `from` and `to`".into());
            }
            return;
        };
        let Some(target) = self.moved_target(&to, module, to_span) else {
            return;
        };
        let names: Vec<&str> = from.iter().map(|i| i.name.as_str()).collect();
        let Some(old) = self.moved_source(&names, module, from_span) else {
            return;
        };
        let (old_logical, old_parent) = match old {
            Source::Plain(name) => (name.to_kebab_case(), None),
            Source::Child { instance, child } => {
                let inst = &self.project.instances[instance];
                let component = &self.project.components[inst.component];
                let parent = ir::AliasParent::Component {
                    name: inst.logical_name.clone(),
                    type_token: component.type_token.clone(),
                };
                let logical = format!("{}-{}", inst.logical_name, child.to_kebab_case());
                (logical, Some(parent))
            }
        };
        match target {
            Target::Top(target) => {
                self.alias_moved_resource(target, old_logical, old_parent, m.span, from_span)
            }
            Target::Child { .. } if old_parent.is_some() => {
                self.sink
                    .report(Problem::Name(NameProblem::MovedComponent { span: m.span }));
            }
            Target::Child {
                instance,
                template,
                resource,
            } => {
                // It had no parent; only this instance's child was it.
                let alias = ir::Alias {
                    name: Some(Value::new(ValueKind::String(old_logical), Type::String)),
                    type_token: None,
                    parent: Some(ir::AliasParent::Root),
                };
                let inst = &self.project.instances[instance];
                let (logical, component) = (inst.logical_name.clone(), inst.component);
                push_new(
                    &mut self.project.resources[resource].options.aliases,
                    alias.clone(),
                );
                let by_instance = &mut self.project.components[component].resources[template]
                    .options
                    .instance_aliases;
                if !by_instance.contains(&(logical.clone(), alias.clone())) {
                    by_instance.push((logical, alias));
                }
            }
        }
    }

    /// Where `from` was: a resource of this or another module (gone since), or the child of a
    /// component instance that the component no longer declares.
    fn moved_source(&mut self, names: &[&str], module: &str, span: Span) -> Option<Source> {
        let bad = |this: &mut Self, reason: &str| {
            this.sink.report(Problem::Name(NameProblem::BadMoved {
                span,
                reason: reason.into(),
            }))
        };
        let (old_module, old_name) = match names {
            [name] => (module.to_string(), name.to_string()),
            [m, name] if self.modules.contains_key(*m) => (m.to_string(), name.to_string()),
            [inst, child] if self.instance_in(module, inst).is_some() => {
                let instance = self.instance_in(module, inst)?;
                return self.moved_child_source(instance, child, names, span);
            }
            [m, inst, child] if self.instance_in(m, inst).is_some() => {
                let instance = self.instance_in(m, inst)?;
                return self.moved_child_source(instance, child, names, span);
            }
            [_, name] => (String::new(), name.to_string()), // a module that is gone
            _ => {
                bad(
                    self,
                    "`from` is `name`, `module.name`, `instance.name` or `module.instance.name`",
                );
                return None;
            }
        };
        if let Some(&declared) = self
            .modules
            .get(&old_module)
            .and_then(|syms| syms.resources.get(&old_name))
        {
            self.report_still_declared(span, names.join("."), declared);
            return None;
        }
        Some(Source::Plain(old_name))
    }

    fn moved_child_source(
        &mut self,
        instance: usize,
        child: &str,
        names: &[&str],
        span: Span,
    ) -> Option<Source> {
        let inst = &self.project.instances[instance];
        if let Some(&declared) = inst
            .children
            .iter()
            .find(|&&c| self.project.resources[c].name == child)
        {
            self.report_still_declared(span, names.join("."), declared);
            return None;
        }
        Some(Source::Child {
            instance,
            child: child.to_string(),
        })
    }

    fn report_still_declared(&mut self, span: Span, name: String, declared: usize) {
        self.sink
            .report(Problem::Name(NameProblem::MovedFromDeclared {
                span,
                name,
                declared: self
                    .resource_spans
                    .get(&declared)
                    .copied()
                    .unwrap_or_default(),
            }));
    }

    /// The alias of a top-level resource that moved: its old logical name, and its old
    /// parent (none, or a component instance).
    fn alias_moved_resource(
        &mut self,
        target: usize,
        old_logical: String,
        old_parent: Option<ir::AliasParent>,
        move_span: Span,
        from_span: Span,
    ) {
        let token = self.project.resources[target].kind.token.clone();
        if old_parent.is_none()
            && let Some(other) = self.project.resources.iter().position(|r| {
                r.kind.token == token
                    && r.computed_name.is_none()
                    && r.instance.is_none()
                    && r.logical_name == old_logical
            })
            && other != target
        {
            // Another resource holds the old URN now: the alias would name it.
            self.report_still_declared(from_span, old_logical, other);
            return;
        }
        let r = &self.project.resources[target];
        let has_parent = r.options.parent.is_some() || r.instance.is_some();
        if old_parent.is_none()
            && r.computed_name.is_none()
            && r.logical_name == old_logical
            && !has_parent
        {
            self.sink.report(Problem::Name(NameProblem::MovedNotNeeded {
                span: move_span,
                name: r.name.clone(),
            }));
            return;
        }
        let parent = old_parent.or(has_parent.then_some(ir::AliasParent::Root));
        let alias = ir::Alias {
            name: Some(Value::new(ValueKind::String(old_logical), Type::String)),
            type_token: None,
            parent,
        };
        push_new(&mut self.project.resources[target].options.aliases, alias);
    }

    /// The resource `to` names: `name`, `module.name`, or a component instance's child
    /// (`instance.name`, `module.instance.name`).
    fn moved_target(&mut self, to: &[ast::Ident], module: &str, span: Span) -> Option<Target> {
        let names: Vec<&str> = to.iter().map(|i| i.name.as_str()).collect();
        let found = match names.as_slice() {
            [name] => self.modules[module]
                .resources
                .get(*name)
                .map(|&r| Target::Top(r)),
            [m, name] if self.modules.contains_key(*m) => self.modules[*m]
                .resources
                .get(*name)
                .map(|&r| Target::Top(r)),
            [inst, child] => self
                .instance_in(module, inst)
                .and_then(|i| self.child(i, child)),
            [m, inst, child] => self.instance_in(m, inst).and_then(|i| self.child(i, child)),
            _ => None,
        };
        if let Some(Target::Top(idx)) = found {
            let key = super::symbols::Key::Resource(idx);
            self.symbols.refer(to[to.len() - 1].span, key);
        }
        if found.is_none() {
            self.sink.report(Problem::Name(NameProblem::BadMoved {
                span,
                reason: format!("`to` names no resource: `{}`", names.join(".")),
            }));
        }
        found
    }

    /// The component instance `name` of module `module`, if there is one.
    fn instance_in(&self, module: &str, name: &str) -> Option<usize> {
        self.modules
            .get(module)
            .and_then(|syms| syms.instances.get(name))
            .copied()
    }

    fn child(&self, instance: usize, name: &str) -> Option<Target> {
        let inst = &self.project.instances[instance];
        let template = self.project.components[inst.component]
            .resources
            .iter()
            .position(|r| r.name == name)?;
        Some(Target::Child {
            instance,
            template,
            resource: *inst.children.get(template)?,
        })
    }
}

/// Where a moved resource was.
enum Source {
    /// A resource without a parent, by its old name.
    Plain(String),
    /// A child of a component instance, by the child's old name in the component.
    Child { instance: usize, child: String },
}

/// Where a moved resource is now.
enum Target {
    Top(usize),
    Child {
        instance: usize,
        /// Index into the component's template resources.
        template: usize,
        /// Index into `Project::resources`.
        resource: usize,
    },
}

fn push_new(aliases: &mut Vec<ir::Alias>, alias: ir::Alias) {
    if !aliases.contains(&alias) {
        aliases.push(alias);
    }
}
