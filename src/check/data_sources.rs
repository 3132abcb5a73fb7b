//! Data sources: a provider schema's functions called as values,
//! `aws.route53.getZone({ name = "example.com" })`, with arguments typed from the function's
//! inputs and a result typed from its outputs (read by property: `zone.zone_id`).

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::expr::{Ctx, find_prop, snake_names};
use super::project::ProjectChecker;
use super::schema::{FunctionSchema, split_token};
use crate::diag::{AccessProblem, Problem, did_you_mean};
use crate::ir::{DataSource, Invoke, Type, Value, ValueKind};
use crate::syntax::ast::{Expr, ExprKind, Ident};

impl ProjectChecker<'_> {
    /// `package.module.function(...)`: `None` when `package` is no provider's (then it is a
    /// method call).
    pub(super) fn data_source(
        &mut self,
        e: &Expr,
        func: &Ident,
        args: &[Expr],
        ctx: &Ctx,
    ) -> Option<Value> {
        let package = func.name.split('.').next().unwrap_or_default().to_string();
        if !self.declared_providers.contains(&package) && self.schemas.package(&package).is_none() {
            return None;
        }
        let Some(schema) = self.schemas.function(&func.name).cloned() else {
            let names: Vec<String> = self
                .schemas
                .package(&package)
                .map(|p| p.functions().map(|(f, _)| f.to_string()).collect())
                .unwrap_or_default();
            self.sink
                .report(Problem::Access(AccessProblem::UnknownDataSource {
                    span: func.span,
                    name: func.name.clone(),
                    suggestion: did_you_mean(&func.name, names.iter().map(String::as_str)),
                }));
            return Some(Value::null());
        };
        let fields = match args {
            [] => Vec::new(),
            [
                Expr {
                    kind: ExprKind::Object(fields),
                    ..
                },
            ] => fields.clone(),
            _ => {
                self.sink
                    .report(Problem::Access(AccessProblem::DataSourceArgs {
                        span: e.span,
                        function: func.name.clone(),
                    }));
                return Some(Value::null());
            }
        };
        let mut out = Vec::new();
        let mut secret = false;
        for f in &fields {
            match find_prop(&schema.inputs.properties, &f.key.name) {
                Some((name, prop)) => {
                    let what = format!("argument `{}`", f.key.name);
                    let v = self.lower(&f.value, &prop.ty, ctx, &what);
                    secret |= v.secret;
                    out.push((name.clone(), v));
                }
                None => self
                    .sink
                    .report(Problem::Access(AccessProblem::UnknownArgument {
                        span: f.key.span,
                        function: func.name.clone(),
                        name: f.key.name.clone(),
                        suggestion: did_you_mean(
                            &f.key.name,
                            snake_names(&schema.inputs.properties)
                                .iter()
                                .map(String::as_str),
                        ),
                    })),
            }
        }
        for req in &schema.inputs.required {
            if !out.iter().any(|(k, _)| k == req) {
                let ty = schema.inputs.properties.get(req).map(|p| p.ty.to_string());
                self.sink
                    .report(Problem::Access(AccessProblem::MissingArgument {
                        span: e.span,
                        function: func.name.clone(),
                        name: req.to_snake_case(),
                        ty: ty.unwrap_or_else(|| "value".into()),
                    }));
            }
        }
        let function = self.describe_function(&schema, &func.name);
        Some(Value {
            kind: ValueKind::Invoke(Box::new(Invoke {
                function,
                args: out,
            })),
            ty: Type::Object(schema.token.clone()),
            secret,
        })
    }

    /// The names every SDK gives the function.
    fn describe_function(&self, schema: &FunctionSchema, friendly: &str) -> DataSource {
        let (package, module, name) = split_token(&schema.token);
        let title = name.to_upper_camel_case();
        // Go's SDK names a resource's lookup `GetZone`, so a function `getZone` beside a
        // resource `Zone` is `LookupZone`.
        let go_name = match title.strip_prefix("Get") {
            Some(rest) if self.has_kind(&package, &module, rest) => format!("Lookup{rest}"),
            _ => title,
        };
        DataSource {
            token: schema.token.clone(),
            package,
            module,
            name,
            go_name,
            friendly: friendly.to_string(),
        }
    }

    fn has_kind(&self, package: &str, module: &str, class: &str) -> bool {
        let friendly = if module == "index" {
            format!("{package}.{class}")
        } else {
            format!("{package}.{module}.{class}")
        };
        self.schemas
            .package(package)
            .is_some_and(|p| p.kind_token(&friendly).is_some())
    }
}
