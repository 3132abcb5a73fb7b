//! Data sources: a provider schema's functions called as values,
//! `aws.route53.getZone({ name = "example.com" })`, with arguments typed from the function's
//! inputs and a result typed from its outputs (read by property: `zone.zone_id`).

use std::collections::BTreeSet;

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
        // Pulumi's Go generator renames `Get<X>` to `Lookup<X>` where the name is taken: by
        // the getter `Get<X>` of a resource whose Go name is `<X>`, or by an object type
        // `get<X>Result` / `get<X>Args` of the schema (checked against the Go SDKs of aws,
        // gcp and cloudflare: every get-function).
        let taken = |suffix: &str| {
            self.schemas
                .object_type(&format!("{package}:{module}/{name}{suffix}:{name}{suffix}"))
                .is_some()
        };
        let go_name = match title.strip_prefix("Get") {
            Some(rest)
                if self.go_resource_names(&package, &module).contains(rest)
                    || taken("Result")
                    || taken("Args") =>
            {
                format!("Lookup{rest}")
            }
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

    /// The Go names of a module's resources (`schema::go_resource_names`).
    fn go_resource_names(&self, package: &str, module: &str) -> BTreeSet<String> {
        self.schemas
            .package(package)
            .map(|p| {
                super::schema::go_resource_names(p, module)
                    .into_values()
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::ValueKind;

    /// The Go name the checker gives each function of the project's exports.
    fn go_names(calls: &[&str]) -> Vec<String> {
        let mut text = "project p {\n  providers { aws = \"7.41.0\"; cloudflare = \"6.18.0\"; gcp = \"9.37.0\" }\n}\nenv dev {}\n".to_string();
        for (i, c) in calls.iter().enumerate() {
            text.push_str(&format!("export e{i} = {c}\n"));
        }
        let none = |_: &str| -> Result<String, String> { Err("none".into()) };
        let checked = crate::check::check_files(vec![("project.infra".into(), text)], &none);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.workspace.projects[0]
            .exports
            .iter()
            .map(|e| {
                let mut name = String::new();
                e.value.walk(&mut |v| {
                    if let ValueKind::Invoke(call) = &v.kind {
                        name = call.function.go_name.clone();
                    }
                });
                name
            })
            .collect()
    }

    #[test]
    fn go_names_follow_the_sdks() {
        assert_eq!(
            go_names(&[
                "aws.route53.getZone({ name = \"example.com\" }).zone_id",
                "aws.getCallerIdentity().account_id",
                "cloudflare.getAccounts().id",
            ]),
            ["LookupZone", "GetCallerIdentity", "LookupAccounts"]
        );
    }

    /// The two the Go SDK names apart from the rest: gcp's resource `CertificateMap` is
    /// `CertificateMapResource` in Go (`Certificate`'s collection type is `CertificateMap`),
    /// so the function keeps `Get`; the resource `entitlement` (a lowercase class) is
    /// `Entitlement`, so the function becomes `Lookup`.
    #[test]
    fn go_names_follow_the_sdks_go_resource_names() {
        assert_eq!(
            go_names(&[
                "gcp.certificatemanager.getCertificateMap({ name = \"m\" }).description",
                "gcp.privilegedaccessmanager.getEntitlement().name",
                "gcp.certificatemanager.getDnsAuthorization({ name = \"d\", domain = \"x\" }).domain",
            ]),
            [
                "GetCertificateMap",
                "LookupEntitlement",
                "LookupDnsAuthorization"
            ]
        );
    }
}
