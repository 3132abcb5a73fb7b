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
        // Where `from` was: a resource of this or another module, or a component's child.
        let names: Vec<&str> = from.iter().map(|i| i.name.as_str()).collect();
        let (old_module, old_name) = match names.as_slice() {
            [name] => (module.to_string(), name.to_string()),
            [m, name] if self.modules.contains_key(*m) => (m.to_string(), name.to_string()),
            [first, _] if self.modules[module].instances.contains_key(*first) => {
                self.sink.report(Problem::Name(NameProblem::MovedComponent {
                    span: from_span,
                }));
                return;
            }
            [_, name] => (String::new(), name.to_string()), // a module that is gone
            _ => {
                bad(self, from_span, "`from` is `name` or `module.name`".into());
                return;
            }
        };
        if let Some(&declared) = self
            .modules
            .get(&old_module)
            .and_then(|syms| syms.resources.get(&old_name))
        {
            self.sink
                .report(Problem::Name(NameProblem::MovedFromDeclared {
                    span: from_span,
                    name: names.join("."),
                    declared: self
                        .resource_spans
                        .get(&declared)
                        .copied()
                        .unwrap_or_default(),
                }));
            return;
        }
        let old_logical = old_name.to_kebab_case();
        let token = self.project.resources[target].kind.token.clone();
        if let Some(other) = self.project.resources.iter().position(|r| {
            r.kind.token == token && r.computed_name.is_none() && r.logical_name == old_logical
        }) && other != target
        {
            // Another resource holds the old URN now: the alias would name it.
            self.sink
                .report(Problem::Name(NameProblem::MovedFromDeclared {
                    span: from_span,
                    name: old_logical,
                    declared: self.resource_spans.get(&other).copied().unwrap_or_default(),
                }));
            return;
        }
        let r = &self.project.resources[target];
        let has_parent = r.options.parent.is_some() || r.instance.is_some();
        if r.computed_name.is_none() && r.logical_name == old_logical && !has_parent {
            self.sink.report(Problem::Name(NameProblem::MovedNotNeeded {
                span: m.span,
                name: r.name.clone(),
            }));
            return;
        }
        let alias = ir::Alias {
            name: Some(Value::new(ValueKind::String(old_logical), Type::String)),
            type_token: None,
            parent: has_parent.then_some(ir::AliasParent::Root),
        };
        let aliases = &mut self.project.resources[target].options.aliases;
        if !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }

    /// The resource `to` names: `name` or `module.name` (a component's child is E1326).
    fn moved_target(&mut self, to: &[ast::Ident], module: &str, span: Span) -> Option<usize> {
        let names: Vec<&str> = to.iter().map(|i| i.name.as_str()).collect();
        let found = match names.as_slice() {
            [name] => self.modules[module].resources.get(*name).copied(),
            [m, name] if self.modules.contains_key(*m) => {
                self.modules[*m].resources.get(*name).copied()
            }
            [first, _] | [_, first, _] if self.is_instance_path(&names, first, module) => {
                self.sink
                    .report(Problem::Name(NameProblem::MovedComponent { span }));
                return None;
            }
            _ => None,
        };
        if let Some(idx) = found {
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

    fn is_instance_path(&self, names: &[&str], first: &str, module: &str) -> bool {
        match names {
            [_, _] => self.modules[module].instances.contains_key(first),
            [m, inst, _] => self
                .modules
                .get(*m)
                .is_some_and(|syms| syms.instances.contains_key(*inst)),
            _ => false,
        }
    }
}
