//! Bindings: `bind NAME -> target`, `var NAME = v`, `secret NAME = v`. The rule table (data)
//! says which pairs are legal and what each lowers to: an item appended to a list property, an
//! entry in a map property, or a new resource.

use std::collections::BTreeMap;

use heck::{ToKebabCase, ToSnakeCase};
use serde_json::Value as Json;

use super::expr::{Ctx, TARGET_FUNCTIONS};
use super::project::ProjectChecker;
use super::rules::{Rule, TargetKind};
use super::schema::{Property, friendly_name};
use crate::diag::Problem;
use crate::ir::{self, Part, ResourceRef, Type, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, BindingForm, ExprKind};

/// What template placeholders stand for in one binding.
struct Placeholders {
    binding: String,
    source: (ResourceRef, String, String),
    target: Option<(ResourceRef, String, String)>,
    arg: Option<Value>,
    value: Option<Value>,
    span: Span,
}

impl ProjectChecker<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lower_binding(
        &mut self,
        b: &ast::BindingDecl,
        r: &ast::ResourceDecl,
        token: &str,
        ctx: &Ctx,
        self_idx: usize,
        inputs: &mut Vec<(String, Value)>,
        created: &mut Vec<ir::Resource>,
    ) {
        if token.is_empty() {
            return; // unknown kind, already reported
        }
        let source_ref = match ctx.component {
            Some(_) => ResourceRef::Sibling(r.name.name.clone()),
            None => ResourceRef::Resource(self_idx),
        };
        let source_logical = match ctx.component {
            Some(_) => r.name.name.to_kebab_case(),
            None => self.project.resources[self_idx].logical_name.clone(),
        };
        let mut ph = Placeholders {
            binding: b.name.name.clone(),
            source: (source_ref, token.to_string(), source_logical),
            target: None,
            arg: None,
            value: None,
            span: b.span,
        };
        let what = format!("binding `{}`", b.name.name);
        let (target_kind, target_desc): (String, String) = match b.form {
            BindingForm::Var => {
                let v = self.lower(&b.target, &Type::Any, ctx, &what);
                if v.secret {
                    self.sink.report(Problem::SecretInPlainBinding {
                        span: b.target.span,
                        binding: b.name.name.clone(),
                    });
                }
                ph.value = Some(v);
                ("var".into(), "a plain `var`".into())
            }
            BindingForm::Secret => {
                let v = self.lower(&b.target, &Type::Any, ctx, &what);
                if !v.secret && v.kind != ValueKind::Null {
                    self.sink.report(Problem::PlainSecret {
                        span: b.target.span,
                        what: format!("secret binding `{}`", b.name.name),
                    });
                }
                ph.value = Some(v);
                ("secret".into(), "a `secret`".into())
            }
            BindingForm::Bind => match &b.target.kind {
                ExprKind::Call { func, args }
                    if TARGET_FUNCTIONS.contains(&func.name.as_str())
                        || self
                            .rules
                            .iter()
                            .any(|r| r.to == format!("{}()", func.name)) =>
                {
                    if args.len() != 1 {
                        self.sink.report(Problem::WrongArgCount {
                            span: b.target.span,
                            name: func.name.clone(),
                            expected: 1,
                            found: args.len(),
                        });
                        return;
                    }
                    ph.arg = Some(self.lower(&args[0], &Type::String, ctx, &what));
                    (format!("{}()", func.name), format!("`{}(...)`", func.name))
                }
                ExprKind::Path(segs)
                    if segs.len() == 1
                        && !self.is_resource_name(&segs[0].name, ctx)
                        && self.rules.iter().any(|r| r.to == segs[0].name) =>
                {
                    (segs[0].name.clone(), format!("`{}`", segs[0].name))
                }
                _ => {
                    let v = self.lower(&b.target, &Type::Any, ctx, &what);
                    let ValueKind::Resource(target) = v.kind else {
                        if v.kind != ValueKind::Null {
                            self.sink.report(Problem::TypeMismatch {
                                span: b.target.span,
                                expected: "a resource or a binding target".into(),
                                found: v.ty.to_string(),
                                context: what,
                            });
                        }
                        return;
                    };
                    let Type::Resource(target_token) = v.ty else {
                        return;
                    };
                    let logical = self.logical_of(&target, ctx);
                    ph.target = Some((target, target_token.clone(), logical));
                    let friendly = friendly_name(&target_token).unwrap_or(target_token.clone());
                    (
                        target_token,
                        format!("`{}` (a `{friendly}`)", expr_text(&b.target)),
                    )
                }
            },
        };
        let kind = match b.form {
            BindingForm::Var => TargetKind::Var,
            BindingForm::Secret => TargetKind::Secret,
            BindingForm::Bind if ph.target.is_some() => TargetKind::Resource(&target_kind),
            BindingForm::Bind if target_kind.ends_with("()") => {
                TargetKind::Call(target_kind.trim_end_matches("()"))
            }
            BindingForm::Bind => TargetKind::Name(&target_kind),
        };
        let Some(rule) = self.rules.iter().find(|r| r.matches(token, &kind)).cloned() else {
            let legal = self
                .rules
                .iter()
                .filter(|r| r.from == token)
                .map(rule_target_label)
                .collect();
            self.sink.report(Problem::IllegalBinding {
                span: b.span,
                from: friendly_name(token).unwrap_or(token.to_string()),
                to: target_desc,
                legal,
            });
            return;
        };
        let lowering = super::symbols::binding_lowering(&rule);
        self.symbols.schema(b.name.span, lowering);
        self.apply_rule(&rule, &ph, token, &r.name.name, inputs, created);
    }

    fn is_resource_name(&self, name: &str, ctx: &Ctx) -> bool {
        self.modules
            .get(ctx.module)
            .is_some_and(|m| m.resources.contains_key(name))
            || ctx
                .component
                .is_some_and(|c| c.siblings.contains_key(name) || c.params.contains_key(name))
    }

    fn logical_of(&self, r: &ResourceRef, _ctx: &Ctx) -> String {
        match r {
            ResourceRef::Resource(i) | ResourceRef::Item(i, _) => {
                self.project.resources[*i].logical_name.clone()
            }
            ResourceRef::Sibling(n) | ResourceRef::Param(n) => n.to_kebab_case(),
        }
    }

    fn apply_rule(
        &mut self,
        rule: &Rule,
        ph: &Placeholders,
        token: &str,
        source_name: &str,
        inputs: &mut Vec<(String, Value)>,
        created: &mut Vec<ir::Resource>,
    ) {
        let Some(schema) = self.schemas.resolve_kind(token).cloned() else {
            return;
        };
        if let (Some(path), Some(item)) = (&rule.append, &rule.item) {
            self.insert_at(
                inputs,
                &schema.inputs,
                &parse_path(path),
                ph,
                Insert::Append(item),
            );
        } else if let (Some(path), Some(value)) = (&rule.entry, &rule.value) {
            self.insert_at(
                inputs,
                &schema.inputs,
                &parse_path(path),
                ph,
                Insert::Entry(value),
            );
        } else if let Some(create) = &rule.create {
            let Some(target_schema) = self.schemas.resolve_kind(create).cloned() else {
                self.sink.report(Problem::UnknownKind {
                    span: ph.span,
                    kind: create.clone(),
                    suggestion: None,
                });
                return;
            };
            let logical = match &rule.name {
                Some(n) => self.text_template(n, ph),
                None => format!("{}-{}", ph.source.2, slug(&ph.binding)),
            };
            let _ = source_name;
            let mut res = self.new_resource(&logical.to_snake_case(), logical, "", create);
            if let Some(Json::Object(fields)) = &rule.inputs {
                for (k, t) in fields {
                    let ty = target_schema
                        .inputs
                        .get(k)
                        .map(|p| p.ty.clone())
                        .unwrap_or(Type::Any);
                    let v = self.instantiate(t, &ty, ph);
                    res.inputs.push((k.clone(), v));
                }
            }
            res.docs = vec![format!("Granted by binding `{}`.", ph.binding)];
            res.options = self.lower_options(&[], None, &super::expr::Ctx::literal());
            created.push(res);
        }
    }

    fn text_template(&self, t: &str, ph: &Placeholders) -> String {
        let mut out = t.replace("{binding_slug}", &slug(&ph.binding));
        out = out.replace("{binding}", &ph.binding);
        out = out.replace("{source}", &ph.source.2);
        if let Some((_, _, logical)) = &ph.target {
            out = out.replace("{target}", logical);
        }
        out
    }

    /// Builds a typed value from a rule's JSON template.
    fn instantiate(&mut self, t: &Json, expected: &Type, ph: &Placeholders) -> Value {
        let v = match t {
            Json::String(s) => self.instantiate_string(s, ph),
            Json::Bool(b) => Value::new(ValueKind::Bool(*b), Type::Bool),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::new(ValueKind::Int(i), Type::Int),
                None => Value::new(ValueKind::Number(n.as_f64().unwrap_or(0.0)), Type::Number),
            },
            Json::Array(items) => {
                let item_ty = match expected {
                    Type::List(t) => (**t).clone(),
                    _ => Type::Any,
                };
                let values: Vec<Value> = items
                    .iter()
                    .map(|i| self.instantiate(i, &item_ty, ph))
                    .collect();
                Value::new(ValueKind::List(values), Type::List(Box::new(item_ty)))
            }
            Json::Object(fields) => {
                let props: BTreeMap<String, Property> = match expected {
                    Type::Object(token) => self
                        .schemas
                        .object_type(token)
                        .map(|o| o.properties.clone())
                        .unwrap_or_default(),
                    _ => BTreeMap::new(),
                };
                let mut out = Vec::new();
                let mut secret = false;
                for (k, t) in fields {
                    let ty = props
                        .get(k)
                        .map(|p| p.ty.clone())
                        .unwrap_or(match expected {
                            Type::Map(t) => (**t).clone(),
                            _ => Type::Any,
                        });
                    let v = self.instantiate(t, &ty, ph);
                    secret |= v.secret;
                    out.push((k.clone(), v));
                }
                let mut v = Value::new(ValueKind::Object(out), expected.clone());
                v.secret = secret;
                v
            }
            Json::Null => Value::null(),
        };
        self.expect_type(
            ph.span,
            expected,
            &v.ty,
            &format!("binding `{}`", ph.binding),
        );
        v
    }

    fn instantiate_string(&mut self, s: &str, ph: &Placeholders) -> Value {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let name = &rest[open + 1..open + close];
            parts.push(match self.placeholder(name, ph) {
                Some(v) => Part::Value(v),
                None => Part::Text(rest[open..open + close + 1].to_string()),
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        match parts.len() {
            0 => Value::string(""),
            1 => match parts.remove(0) {
                Part::Value(v) => v,
                Part::Text(t) => Value::string(t),
            },
            _ => {
                let secret = parts
                    .iter()
                    .any(|p| matches!(p, Part::Value(v) if v.secret));
                let mut v = Value::new(ValueKind::Interpolate(parts), Type::String);
                v.secret = secret;
                v
            }
        }
    }

    fn placeholder(&mut self, name: &str, ph: &Placeholders) -> Option<Value> {
        Some(match name {
            "binding" => Value::string(ph.binding.clone()),
            "binding_slug" => Value::string(slug(&ph.binding)),
            "source" => Value::string(ph.source.2.clone()),
            "target" => Value::string(ph.target.as_ref()?.2.clone()),
            "arg" => ph.arg.clone()?,
            "value" => ph.value.clone()?,
            _ => {
                let (who, attr) = name.split_once('.')?;
                let (r, token, logical) = match who {
                    "source" => ph.source.clone(),
                    "target" => ph.target.clone()?,
                    _ => return None,
                };
                let ident = ast::Ident {
                    name: attr.to_string(),
                    span: ph.span,
                };
                self.attribute(r, &token, &logical, &ident)
            }
        })
    }

    /// Walks `path` into the inputs, creating objects and lists as needed, and inserts there.
    fn insert_at(
        &mut self,
        fields: &mut Vec<(String, Value)>,
        props: &BTreeMap<String, Property>,
        path: &[(String, Option<usize>)],
        ph: &Placeholders,
        insert: Insert,
    ) {
        let Some(((name, index), rest)) = path.split_first() else {
            return;
        };
        let ty = props.get(name).map(|p| p.ty.clone()).unwrap_or(Type::Any);
        let pos = match fields.iter().position(|(k, _)| k == name) {
            Some(p) => p,
            None => {
                let kind = match &ty {
                    Type::List(_) => ValueKind::List(Vec::new()),
                    _ => ValueKind::Object(Vec::new()),
                };
                fields.push((name.clone(), Value::new(kind, ty.clone())));
                fields.len() - 1
            }
        };
        let slot = &mut fields[pos].1;
        let slot: &mut Value = match (index, &mut slot.kind, &ty) {
            (Some(i), ValueKind::List(items), Type::List(item_ty)) => {
                if items.len() == *i {
                    items.push(Value::new(
                        ValueKind::Object(Vec::new()),
                        (**item_ty).clone(),
                    ));
                }
                match items.get_mut(*i) {
                    Some(v) => v,
                    None => return self.cannot_insert(name, ph),
                }
            }
            (None, _, _) => slot,
            _ => return self.cannot_insert(name, ph),
        };
        let slot_ty = slot.ty.clone();
        if rest.is_empty() {
            match (insert, &mut slot.kind, &slot_ty) {
                (Insert::Append(t), ValueKind::List(items), Type::List(item_ty)) => {
                    let v = self.instantiate(t, item_ty, ph);
                    slot.secret |= v.secret;
                    items.push(v);
                }
                (Insert::Entry(t), ValueKind::Object(entries), Type::Map(value_ty)) => {
                    let v = self.instantiate(t, value_ty, ph);
                    slot.secret |= v.secret;
                    entries.push((ph.binding.clone(), v));
                }
                _ => self.cannot_insert(name, ph),
            }
            return;
        }
        let (ValueKind::Object(inner), Type::Object(token)) = (&mut slot.kind, &slot_ty) else {
            return self.cannot_insert(name, ph);
        };
        let inner_props = self
            .schemas
            .object_type(token)
            .map(|o| o.properties.clone())
            .unwrap_or_default();
        let mut inner = std::mem::take(inner);
        self.insert_at(&mut inner, &inner_props, rest, ph, insert);
        if let ValueKind::Object(slot_fields) = &mut slot.kind {
            *slot_fields = inner;
        }
    }

    fn cannot_insert(&mut self, property: &str, ph: &Placeholders) {
        self.sink.report(Problem::TypeMismatch {
            span: ph.span,
            expected: format!(
                "`{}` written as a literal object or list",
                property.to_snake_case()
            ),
            found: "another value".into(),
            context: format!("binding `{}`", ph.binding),
        });
    }
}

#[derive(Clone, Copy)]
enum Insert<'a> {
    Append(&'a Json),
    Entry(&'a Json),
}

/// `template.containers[0].envs` -> [("template", None), ("containers", Some(0)), ("envs", None)]
fn parse_path(path: &str) -> Vec<(String, Option<usize>)> {
    path.split('.')
        .map(|seg| match seg.split_once('[') {
            Some((name, idx)) => (name.to_string(), idx.trim_end_matches(']').parse().ok()),
            None => (seg.to_string(), None),
        })
        .collect()
}

/// `roles/storage.objectAdmin` -> `storage-object-admin`.
fn slug(binding: &str) -> String {
    binding
        .rsplit('/')
        .next()
        .unwrap_or(binding)
        .replace('.', "-")
        .to_kebab_case()
}

fn rule_target_label(r: &Rule) -> String {
    let target = if r.to.contains(':') {
        friendly_name(&r.to).unwrap_or(r.to.clone())
    } else if r.to.ends_with("()") {
        format!("{}(...)", r.to.trim_end_matches("()"))
    } else {
        r.to.clone()
    };
    format!("`{target}` ({})", r.label)
}

fn expr_text(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::Path(segs) => segs
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("."),
        _ => "this value".into(),
    }
}
