//! Expressions: resolving names and lowering to typed IR values against an expected type.

use std::collections::BTreeMap;

use heck::{ToLowerCamelCase, ToSnakeCase};

use super::project::ProjectChecker;
use super::schema::Property;
use super::settings::describe;
use crate::diag::{AccessProblem, Problem, ValueProblem, did_you_mean};
use crate::ir::{EnvAttr, Part, ResourceRef, Type, Value, ValueKind, short_token};
use crate::syntax::Span;
use crate::syntax::ast::{self, Expr, ExprKind, Ident, StrPart};

/// Names visible inside a component body.
#[derive(Debug, Clone, Default)]
pub(super) struct CompCtx {
    pub params: BTreeMap<String, Type>,
    /// Sibling resource name -> type token.
    pub siblings: BTreeMap<String, String>,
}

/// Where an expression is being lowered.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'c> {
    pub module: &'c str,
    pub component: Option<&'c CompCtx>,
    /// The top-level resource whose value this is (for dependency spans).
    pub resource: Option<usize>,
    /// Only literals are allowed (config defaults, env values).
    pub literal: bool,
}

impl<'c> Ctx<'c> {
    /// A value at the top level of `module`, outside any resource.
    pub fn module(module: &'c str) -> Self {
        Ctx {
            module,
            component: None,
            resource: None,
            literal: false,
        }
    }
}

impl Ctx<'static> {
    pub fn literal() -> Self {
        Ctx {
            module: "",
            component: None,
            resource: None,
            literal: true,
        }
    }
}

/// Finds a schema property by the DSL's snake_case name (or its exact schema name).
pub(super) fn find_prop<'a>(
    props: &'a BTreeMap<String, Property>,
    name: &str,
) -> Option<(&'a String, &'a Property)> {
    // Schema keys are camelCase: try the camelCase spelling of the name before scanning.
    props
        .get_key_value(name)
        .or_else(|| {
            props
                .get_key_value(name.to_lower_camel_case().as_str())
                .filter(|(k, _)| k.to_snake_case() == name)
        })
        .or_else(|| props.iter().find(|(k, _)| k.to_snake_case() == name))
}

pub(super) fn snake_names(props: &BTreeMap<String, Property>) -> Vec<String> {
    props.keys().map(|k| k.to_snake_case()).collect()
}

pub(super) const TARGET_FUNCTIONS: [&str; 2] = ["project", "vectorize"];

impl ProjectChecker<'_> {
    pub(super) fn expect_type(&mut self, span: Span, expected: &Type, found: &Type, what: &str) {
        if !expected.accepts(found) {
            self.sink.report(Problem::TypeMismatch {
                span,
                expected: expected.to_string(),
                found: found.to_string(),
                context: what.to_string(),
            });
        }
    }

    /// Parses a written type. Resource kinds are allowed only where `resources` is true.
    pub(super) fn parse_type(&mut self, t: &ast::TypeExpr, resources: bool) -> Type {
        match t {
            ast::TypeExpr::Named(i) => match i.name.as_str() {
                "string" => Type::String,
                "int" => Type::Int,
                "number" => Type::Number,
                "bool" => Type::Bool,
                "any" => Type::Any,
                name => {
                    if resources && let Some(r) = self.schemas.resolve_kind(name) {
                        return Type::Resource(r.token.clone());
                    }
                    let mut candidates = vec!["string", "int", "number", "bool", "list", "map"];
                    let kinds: Vec<String> = if resources {
                        self.schemas.friendly_names().map(str::to_string).collect()
                    } else {
                        Vec::new()
                    };
                    candidates.extend(kinds.iter().map(String::as_str));
                    self.sink.report(Problem::UnknownType {
                        span: i.span,
                        name: name.to_string(),
                        suggestion: did_you_mean(name, candidates),
                    });
                    Type::Any
                }
            },
            ast::TypeExpr::Generic { name, arg, .. } => {
                let inner = self.parse_type(arg, resources);
                match name.name.as_str() {
                    "list" => Type::List(Box::new(inner)),
                    "map" => Type::Map(Box::new(inner)),
                    other => {
                        self.sink.report(Problem::UnknownType {
                            span: name.span,
                            name: other.to_string(),
                            suggestion: did_you_mean(other, ["list", "map"]),
                        });
                        Type::Any
                    }
                }
            }
        }
    }

    /// Lowers `e` where a value of type `expected` is wanted, reporting every problem.
    pub(super) fn lower(&mut self, e: &Expr, expected: &Type, ctx: &Ctx, what: &str) -> Value {
        let v = self.lower_inner(e, expected, ctx, what);
        if !matches!(
            e.kind,
            ExprKind::Object(_) | ExprKind::List(_) | ExprKind::PerEnv(_) | ExprKind::If { .. }
        ) {
            self.expect_type(e.span, expected, &v.ty, what);
        }
        v
    }

    fn lower_inner(&mut self, e: &Expr, expected: &Type, ctx: &Ctx, what: &str) -> Value {
        let whole_result_ok = std::mem::take(&mut self.whole_result_ok);
        let v = self.lower_kind(e, expected, ctx, what);
        if let ValueKind::Invoke(call) = &v.kind
            && !whole_result_ok
        {
            self.sink
                .report(Problem::Access(AccessProblem::WholeResult {
                    span: e.span,
                    function: call.function.friendly.clone(),
                }));
            return Value::null();
        }
        v
    }

    fn lower_kind(&mut self, e: &Expr, expected: &Type, ctx: &Ctx, what: &str) -> Value {
        match &e.kind {
            ExprKind::Null => Value::null(),
            ExprKind::Bool(b) => Value::new(ValueKind::Bool(*b), Type::Bool),
            ExprKind::Int(i) => Value::new(ValueKind::Int(*i), Type::Int),
            ExprKind::Number(n) => Value::new(ValueKind::Number(*n), Type::Number),
            ExprKind::Str(parts) => self.lower_string(parts, ctx, what),
            ExprKind::List(items) => {
                let item_ty = match expected {
                    Type::List(t) => (**t).clone(),
                    Type::Any => Type::Any,
                    other => {
                        self.report_mismatch(e, other, what);
                        Type::Any
                    }
                };
                let values: Vec<Value> = items
                    .iter()
                    .map(|i| self.lower(i, &item_ty, ctx, what))
                    .collect();
                let secret = values.iter().any(|v| v.secret);
                let ty = if item_ty == Type::Any {
                    Type::List(Box::new(
                        values.first().map(|v| v.ty.clone()).unwrap_or(Type::Any),
                    ))
                } else {
                    Type::List(Box::new(item_ty))
                };
                Value {
                    kind: ValueKind::List(values),
                    ty,
                    secret,
                }
            }
            ExprKind::Object(fields) => self.lower_object(e, fields, expected, ctx, what),
            ExprKind::PerEnv(cases) => self.lower_per_env(e, cases, expected, ctx, what),
            ExprKind::Call { func, args } => self.lower_call(e, func, args, ctx, what),
            ExprKind::Not(_) | ExprKind::Binary { .. } | ExprKind::If { .. } if ctx.literal => {
                self.sink.report(Problem::NotConstant {
                    span: e.span,
                    what: what.to_string(),
                });
                Value::null()
            }
            ExprKind::Index { .. } | ExprKind::Field { .. } => self.lower_access(e, ctx, what),
            ExprKind::Not(operand) => self.lower_not(operand, ctx),
            ExprKind::Binary { op, left, right } => self.lower_binary(*op, left, right, ctx),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => self.lower_if(
                e.span,
                cond,
                then,
                otherwise.as_deref(),
                expected,
                ctx,
                what,
            ),
            ExprKind::Item { target, key, attrs } => {
                if ctx.literal {
                    self.sink.report(Problem::NotConstant {
                        span: e.span,
                        what: what.to_string(),
                    });
                    return Value::null();
                }
                if !self.names_resource(target, ctx) {
                    // `config.zones[1]`, `cert.options[0].name`: an item of a value.
                    let access = super::indexing::as_access(target, key, attrs);
                    return self.lower_access(&access, ctx, what);
                }
                self.lower_item(e.span, target, key, attrs, ctx)
            }
            ExprKind::Path(segs) if self.each_scope.is_some() && segs[0].name != "config" => {
                match self.loop_variable(segs) {
                    Some(v) => v,
                    None => self.lower_path(e, segs, expected, ctx, what),
                }
            }
            ExprKind::Path(segs) => self.lower_path(e, segs, expected, ctx, what),
        }
    }

    fn lower_path(
        &mut self,
        e: &Expr,
        segs: &[Ident],
        expected: &Type,
        ctx: &Ctx,
        what: &str,
    ) -> Value {
        if ctx.literal {
            self.sink.report(Problem::NotConstant {
                span: e.span,
                what: what.to_string(),
            });
            return Value::null();
        }
        if let Some(v) = self.let_reference(segs, expected, ctx) {
            return v;
        }
        self.resolve_path(segs, e.span, ctx)
    }

    fn report_mismatch(&mut self, e: &Expr, expected: &Type, what: &str) {
        self.sink.report(Problem::TypeMismatch {
            span: e.span,
            expected: expected.to_string(),
            found: describe(e).to_string(),
            context: what.to_string(),
        });
    }

    fn lower_string(&mut self, parts: &[StrPart], ctx: &Ctx, what: &str) -> Value {
        let mut out = Vec::new();
        let mut secret = false;
        for p in parts {
            match p {
                StrPart::Text(t) => out.push(Part::Text(t.clone())),
                StrPart::Interp(e) => {
                    let v = self.lower(e, &Type::Any, ctx, what);
                    if matches!(
                        v.ty,
                        Type::List(_) | Type::Map(_) | Type::Object(_) | Type::Resource(_)
                    ) {
                        self.sink.report(Problem::TypeMismatch {
                            span: e.span,
                            expected: "string, int, number or bool".into(),
                            found: v.ty.to_string(),
                            context: "string interpolation".into(),
                        });
                    }
                    secret |= v.secret;
                    out.push(Part::Value(v));
                }
            }
        }
        let kind = match out.as_slice() {
            [] => ValueKind::String(String::new()),
            [Part::Text(t)] => ValueKind::String(t.clone()),
            _ => ValueKind::Interpolate(out),
        };
        Value {
            kind,
            ty: Type::String,
            secret,
        }
    }

    fn lower_object(
        &mut self,
        e: &Expr,
        fields: &[ast::Assign],
        expected: &Type,
        ctx: &Ctx,
        what: &str,
    ) -> Value {
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut secret = false;
        for f in fields {
            if let Some(first) = seen.insert(f.key.name.clone(), f.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: f.key.span,
                    what: "field".into(),
                    name: f.key.name.clone(),
                    first,
                });
            }
        }
        match expected {
            Type::Object(token) => {
                let Some(schema) = self.schemas.object_type(token).cloned() else {
                    // Unknown nested type (a trimmed schema): accept the fields untyped.
                    for f in fields {
                        let v = self.lower(&f.value, &Type::Any, ctx, what);
                        out.push((f.key.name.clone(), v));
                    }
                    return Value::new(ValueKind::Object(out), expected.clone());
                };
                let written = fields.iter().map(|f| f.key.name.clone()).collect();
                let scope = super::symbols::Fields::Object(token.clone());
                self.symbols.scope(e.span, scope, written);
                for f in fields {
                    match find_prop(&schema.properties, &f.key.name) {
                        Some((name, prop)) => {
                            let target = super::symbols::Target::Field {
                                token: token.clone(),
                                name: name.clone(),
                            };
                            self.symbols.schema(f.key.span, target);
                            let ctx_what = format!("`{}`", f.key.name);
                            let v = self.lower(&f.value, &prop.ty, ctx, &ctx_what);
                            self.check_secret_literal(prop, &v, f.value.span, &f.key.name);
                            secret |= v.secret;
                            out.push((name.clone(), v));
                        }
                        None => self.sink.report(Problem::UnknownProperty {
                            span: f.key.span,
                            kind: short_token(token).to_string(),
                            property: f.key.name.clone(),
                            suggestion: did_you_mean(
                                &f.key.name,
                                snake_names(&schema.properties).iter().map(String::as_str),
                            ),
                        }),
                    }
                }
                for req in &schema.required {
                    if !out.iter().any(|(k, _)| k == req) {
                        let ty = schema.properties.get(req).map(|p| p.ty.to_string());
                        self.sink.report(Problem::MissingProperty {
                            span: e.span,
                            kind: short_token(token).to_string(),
                            property: req.to_snake_case(),
                            ty: ty.unwrap_or_else(|| "value".into()),
                        });
                    }
                }
                Value {
                    kind: ValueKind::Object(out),
                    ty: expected.clone(),
                    secret,
                }
            }
            Type::Map(item) => {
                for f in fields {
                    let v = self.lower(&f.value, item, ctx, what);
                    secret |= v.secret;
                    out.push((f.key.name.clone(), v));
                }
                Value {
                    kind: ValueKind::Object(out),
                    ty: expected.clone(),
                    secret,
                }
            }
            Type::Any => {
                for f in fields {
                    let v = self.lower(&f.value, &Type::Any, ctx, what);
                    secret |= v.secret;
                    out.push((f.key.name.clone(), v));
                }
                Value {
                    kind: ValueKind::Object(out),
                    ty: Type::Map(Box::new(Type::Any)),
                    secret,
                }
            }
            other => {
                self.report_mismatch(e, other, what);
                Value::null()
            }
        }
    }

    /// A schema-secret property must not get a value written in plain text.
    pub(super) fn check_secret_literal(
        &mut self,
        prop: &Property,
        v: &Value,
        span: Span,
        name: &str,
    ) {
        if prop.secret && !v.secret && v.is_plain_literal() && v.kind != ValueKind::Null {
            self.sink.report(Problem::PlainSecret {
                span,
                what: format!("property `{name}`"),
            });
        }
    }

    fn lower_per_env(
        &mut self,
        e: &Expr,
        cases: &[ast::EnvCase],
        expected: &Type,
        ctx: &Ctx,
        what: &str,
    ) -> Value {
        if ctx.literal {
            self.sink.report(Problem::NotConstant {
                span: e.span,
                what: what.to_string(),
            });
            return Value::null();
        }
        let mut out = BTreeMap::new();
        let mut default = None;
        let mut misspelled = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut secret = false;
        let mut ty = expected.clone();
        for c in cases {
            if let Some(first) = seen.insert(c.env.name.clone(), c.env.span) {
                self.sink.report(Problem::Duplicate {
                    span: c.env.span,
                    what: "environment case".into(),
                    name: c.env.name.clone(),
                    first,
                });
                continue;
            }
            let v = self.lower(&c.value, expected, ctx, what);
            secret |= v.secret;
            if ty == Type::Any {
                ty = v.ty.clone();
            }
            if c.env.name == "default" {
                default = Some(Box::new(v));
            } else if self.envs.contains_key(&c.env.name) {
                let key = super::symbols::Key::Env(c.env.name.clone());
                self.symbols.refer(c.env.span, key);
                out.insert(c.env.name.clone(), v);
            } else {
                let suggestion = did_you_mean(&c.env.name, self.envs.keys().map(String::as_str));
                misspelled.extend(suggestion.clone());
                self.sink.report(Problem::UnknownEnv {
                    span: c.env.span,
                    env: c.env.name.clone(),
                    suggestion,
                });
            }
        }
        if default.is_none() {
            let missing: Vec<String> = self
                .envs
                .keys()
                .filter(|k| !out.contains_key(*k) && !misspelled.contains(k))
                .cloned()
                .collect();
            if !missing.is_empty() {
                self.sink.report(Problem::MissingEnvCase {
                    span: e.span,
                    missing,
                });
            }
        }
        Value {
            kind: ValueKind::PerEnv {
                cases: out,
                default,
            },
            ty,
            secret,
        }
    }

    fn lower_call(
        &mut self,
        e: &Expr,
        func: &Ident,
        args: &[Expr],
        ctx: &Ctx,
        what: &str,
    ) -> Value {
        if ctx.literal {
            self.sink.report(Problem::NotConstant {
                span: e.span,
                what: what.to_string(),
            });
            return Value::null();
        }
        let arity = |s: &mut Self, n: usize| {
            if args.len() != n {
                s.sink.report(Problem::WrongArgCount {
                    span: e.span,
                    name: func.name.clone(),
                    expected: n,
                    found: args.len(),
                });
                false
            } else {
                true
            }
        };
        if let Some((receiver, method)) = func.name.rsplit_once('.') {
            if let Some(v) = self.data_source(e, func, args, ctx) {
                return v;
            }
            return self.dotted_call(func, receiver, method);
        }
        match func.name.as_str() {
            name if super::functions::is_builtin(name) => self.lower_builtin(e, func, args, ctx),
            "name" => {
                if !arity(self, 1) {
                    return Value::new(ValueKind::Null, Type::String);
                }
                let arg = self.lower(&args[0], &Type::String, ctx, "`name(...)`");
                Value::new(ValueKind::PhysicalName(Box::new(arg)), Type::String)
            }
            "archive" => self.lower_asset_archive(e, args),
            "file_asset" | "file_archive" => {
                if !arity(self, 1) {
                    return Value::null();
                }
                let Some(path) = super::settings::word(&args[0]) else {
                    self.report_mismatch(&args[0], &Type::String, "a file path");
                    return Value::null();
                };
                if func.name == "file_asset" {
                    Value::new(ValueKind::FileAsset(path), Type::Asset)
                } else {
                    Value::new(ValueKind::FileArchive(path), Type::Archive)
                }
            }
            name if TARGET_FUNCTIONS.contains(&name) => {
                self.sink.report(Problem::MisplacedFunction {
                    span: e.span,
                    name: name.to_string(),
                });
                Value::null()
            }
            other => {
                self.sink.report(Problem::UnknownFunction {
                    span: func.span,
                    name: other.to_string(),
                    suggestion: did_you_mean(other, super::functions::function_names()),
                    functions: super::functions::function_names()
                        .into_iter()
                        .map(String::from)
                        .collect(),
                });
                Value::null()
            }
        }
    }

    /// `a.b(...)` where `a` is no provider: a method call, which infragen does not have.
    fn dotted_call(&mut self, func: &Ident, receiver: &str, method: &str) -> Value {
        self.sink.report(Problem::Value(ValueProblem::MethodCall {
            span: func.span,
            method: method.to_string(),
            receiver: receiver.to_string(),
        }));
        Value::null()
    }

    /// Resolves `a.b.c` in scope order: config, env, component params and siblings, stacks,
    /// resources and instances of this module, then other modules.
    pub(super) fn resolve_path(&mut self, segs: &[Ident], span: Span, ctx: &Ctx) -> Value {
        let head = &segs[0];
        let rest = &segs[1..];
        match head.name.as_str() {
            "config" => return self.resolve_config(segs, span),
            "env" => return self.resolve_env(segs, span),
            _ => {}
        }
        if let Some(c) = ctx.component {
            if let Some(ty) = c.params.get(&head.name).cloned() {
                if let Some(comp) = self.symbols.component {
                    let key = super::symbols::Key::Param(comp, head.name.clone());
                    self.symbols.refer(head.span, key);
                }
                return match (&ty, rest) {
                    (Type::Resource(_), []) => Value::new(
                        ValueKind::Resource(ResourceRef::Param(head.name.clone())),
                        ty,
                    ),
                    (_, []) => Value::new(ValueKind::Param(head.name.clone()), ty),
                    (Type::Resource(token), [attr]) => {
                        let token = token.clone();
                        self.attribute(
                            ResourceRef::Param(head.name.clone()),
                            &token,
                            &head.name,
                            attr,
                        )
                    }
                    _ => self.too_long(segs, 1),
                };
            }
            if let Some(token) = c.siblings.get(&head.name).cloned() {
                let r = ResourceRef::Sibling(head.name.clone());
                return match rest {
                    [] => Value::new(ValueKind::Resource(r), Type::Resource(token)),
                    [attr] => self.attribute(r, &token, &head.name, attr),
                    _ => self.too_long(segs, 1),
                };
            }
        }
        if let Some(&stack) = self.stacks.get(&head.name) {
            self.symbols
                .refer(head.span, super::symbols::Key::Stack(head.name.clone()));
            return self.resolve_stack_output(stack, segs, span);
        }
        if let Some(v) = self.resolve_in_module(ctx.module, segs, 0, ctx) {
            return v;
        }
        if self.modules.contains_key(&head.name) {
            self.symbols
                .refer(head.span, super::symbols::Key::Module(head.name.clone()));
            if rest.is_empty() {
                self.sink.report(Problem::UnknownReference {
                    span,
                    name: head.name.clone(),
                    suggestion: None,
                });
                return Value::null();
            }
            if let Some(v) = self.resolve_in_module(&head.name.clone(), segs, 1, ctx) {
                return v;
            }
            let names: Vec<String> = self.module_names(&head.name);
            self.sink.report(Problem::UnknownReference {
                span: segs[1].span,
                name: format!("{}.{}", head.name, segs[1].name),
                suggestion: did_you_mean(&segs[1].name, names.iter().map(String::as_str))
                    .map(|s| format!("{}.{s}", head.name)),
            });
            return Value::null();
        }
        let mut names: Vec<String> = self.modules.keys().cloned().collect();
        names.extend(self.module_names(ctx.module));
        names.extend(self.stacks.keys().cloned());
        names.extend(["config".into(), "env".into()]);
        if let Some(c) = ctx.component {
            names.extend(c.params.keys().cloned());
            names.extend(c.siblings.keys().cloned());
        }
        self.sink.report(Problem::UnknownModule {
            span: head.span,
            name: head.name.clone(),
            suggestion: did_you_mean(&head.name, names.iter().map(String::as_str)),
        });
        Value::null()
    }

    fn module_names(&self, module: &str) -> Vec<String> {
        self.modules
            .get(module)
            .map(|m| {
                m.resources
                    .keys()
                    .chain(m.instances.keys())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    fn too_long(&mut self, segs: &[Ident], used: usize) -> Value {
        let last = &segs[segs.len() - 1];
        self.sink.report(Problem::UnknownAttribute {
            span: segs[used].span.to(last.span),
            target: segs[..used]
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join("."),
            attribute: segs[used..]
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join("."),
            suggestion: None,
        });
        Value::null()
    }

    /// `segs[at]` names a resource or instance of `module`; what follows is an attribute.
    fn resolve_in_module(
        &mut self,
        module: &str,
        segs: &[Ident],
        at: usize,
        ctx: &Ctx,
    ) -> Option<Value> {
        let name = &segs.get(at)?.name;
        let syms = self.modules.get(module)?;
        if let Some(&idx) = syms.resources.get(name) {
            self.symbols
                .refer(segs[at].span, super::symbols::Key::Resource(idx));
            let token = self.project.resources[idx].kind.token.clone();
            self.check_guarded(idx, segs[0].span.to(segs[segs.len() - 1].span));
            self.check_whole_collection(
                idx,
                segs[0].span.to(segs[segs.len() - 1].span),
                segs.len() > at + 1,
            );
            if let Some(from) = ctx.resource {
                self.edge_spans
                    .entry((from, idx))
                    .or_insert(segs[0].span.to(segs[segs.len() - 1].span));
            }
            let r = ResourceRef::Resource(idx);
            let label = segs[..=at]
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(".");
            return Some(match &segs[at + 1..] {
                [] => Value::new(ValueKind::Resource(r), Type::Resource(token)),
                [attr, rest @ ..] => {
                    let v = self.attribute(r, &token, &label, attr);
                    self.fields(v, rest)
                }
            });
        }
        if let Some(&inst) = syms.instances.get(name) {
            self.symbols
                .refer(segs[at].span, super::symbols::Key::Instance(inst));
            self.check_instance_guarded(inst, segs[0].span.to(segs[segs.len() - 1].span));
            let comp = self.project.instances[inst].component;
            return Some(match &segs[at + 1..] {
                [_, _, ..] => self.too_long(segs, at + 2),
                [out] => {
                    let outputs = &self.project.components[comp].outputs;
                    match outputs.iter().find(|(n, _)| *n == out.name) {
                        Some((_, v)) => Value {
                            kind: ValueKind::InstanceOutput {
                                instance: inst,
                                output: out.name.clone(),
                            },
                            ty: v.ty.clone(),
                            secret: v.secret,
                        },
                        None => {
                            let names: Vec<String> =
                                outputs.iter().map(|(n, _)| n.clone()).collect();
                            self.sink.report(Problem::UnknownAttribute {
                                span: out.span,
                                target: name.clone(),
                                attribute: out.name.clone(),
                                suggestion: did_you_mean(
                                    &out.name,
                                    names.iter().map(String::as_str),
                                ),
                            });
                            Value::null()
                        }
                    }
                }
                [] => {
                    self.sink.report(Problem::TypeMismatch {
                        span: segs[at].span,
                        expected: "a value".into(),
                        found: "a component instance".into(),
                        context: "this reference".into(),
                    });
                    Value::null()
                }
            });
        }
        None
    }

    /// An output attribute of a resource of type `token`.
    pub(super) fn attribute(
        &mut self,
        r: ResourceRef,
        token: &str,
        label: &str,
        attr: &Ident,
    ) -> Value {
        let output = |attribute: String, ty: Type, secret: bool| Value {
            kind: ValueKind::Output {
                resource: r.clone(),
                attribute,
            },
            ty,
            secret,
        };
        if attr.name == "id" || attr.name == "urn" {
            return output(attr.name.clone(), Type::String, false);
        }
        let Some(schema) = self.schemas.resolve_kind(token) else {
            // The kind itself was already reported as unknown.
            return output(attr.name.clone(), Type::Any, false);
        };
        match find_prop(&schema.outputs, &attr.name) {
            Some((name, prop)) => {
                let target = super::symbols::Target::Output {
                    token: schema.token.clone(),
                    name: name.clone(),
                };
                self.symbols.schema(attr.span, target);
                output(name.clone(), prop.ty.clone(), prop.secret)
            }
            None => {
                let mut names = snake_names(&schema.outputs);
                names.extend(["id".to_string(), "urn".to_string()]);
                self.sink.report(Problem::UnknownAttribute {
                    span: attr.span,
                    target: label.to_string(),
                    attribute: attr.name.clone(),
                    suggestion: did_you_mean(&attr.name, names.iter().map(String::as_str)),
                });
                output(attr.name.clone(), Type::Any, false)
            }
        }
    }

    fn resolve_config(&mut self, segs: &[Ident], span: Span) -> Value {
        let [_, key] = segs else {
            self.sink.report(Problem::UnknownReference {
                span,
                name: join(segs),
                suggestion: None,
            });
            return Value::null();
        };
        if self.config.contains_key(&key.name) {
            self.symbols
                .refer(key.span, super::symbols::Key::Config(key.name.clone()));
        }
        match self.config.get(&key.name) {
            Some(info) => Value {
                kind: ValueKind::Config(key.name.clone()),
                ty: info.ty.clone(),
                secret: info.secret,
            },
            None => {
                self.sink.report(Problem::UnknownConfig {
                    span: key.span,
                    key: key.name.clone(),
                    suggestion: did_you_mean(&key.name, self.config.keys().map(String::as_str)),
                });
                Value::null()
            }
        }
    }

    fn resolve_env(&mut self, segs: &[Ident], span: Span) -> Value {
        match segs {
            [_, attr] if attr.name == "name" => {
                Value::new(ValueKind::Env(EnvAttr::Name), Type::String)
            }
            [_, attr] if attr.name == "protect" => {
                Value::new(ValueKind::Env(EnvAttr::Protect), Type::Bool)
            }
            [_, attr] => {
                let suggestion = if self.config.contains_key(&attr.name) {
                    Some(format!("config.{}", attr.name))
                } else {
                    did_you_mean(&attr.name, ["name", "protect"]).map(|s| format!("env.{s}"))
                };
                self.sink.report(Problem::UnknownReference {
                    span,
                    name: join(segs),
                    suggestion,
                });
                Value::null()
            }
            _ => {
                self.sink.report(Problem::UnknownReference {
                    span,
                    name: join(segs),
                    suggestion: Some("env.name".into()),
                });
                Value::null()
            }
        }
    }

    fn resolve_stack_output(&mut self, stack: usize, segs: &[Ident], span: Span) -> Value {
        let decl = &self.project.stacks[stack];
        let [_, out] = segs else {
            self.sink.report(Problem::UnknownReference {
                span,
                name: join(segs),
                suggestion: decl
                    .outputs
                    .first()
                    .map(|o| format!("{}.{}", decl.name, o.name)),
            });
            return Value::null();
        };
        let key = super::symbols::Key::StackOutput(decl.name.clone(), out.name.clone());
        match decl.outputs.iter().find(|o| o.name == out.name) {
            Some(o) => {
                self.symbols.refer(out.span, key);
                Value::new(
                    ValueKind::StackOutput {
                        stack: decl.name.clone(),
                        output: o.name.clone(),
                    },
                    o.ty.clone(),
                )
            }
            None => {
                let names: Vec<String> = decl.outputs.iter().map(|o| o.name.clone()).collect();
                let target = decl.name.clone();
                self.sink.report(Problem::UnknownAttribute {
                    span: out.span,
                    target,
                    attribute: out.name.clone(),
                    suggestion: did_you_mean(&out.name, names.iter().map(String::as_str)),
                });
                Value::null()
            }
        }
    }
}

fn join(segs: &[Ident]) -> String {
    segs.iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}
