//! The lifecycle options serious teams use beside `protect` and `ignore_changes`:
//! `retain_on_delete`, `replace_on_changes`, `custom_timeouts`, `import`, `deleted_with` and
//! `additional_secret_outputs`. Property and output names are checked against the schema;
//! `deleted_with` must name a resource. A component instance (no schema) takes none of them.

use super::expr::{Ctx, find_prop, snake_names};
use super::project::ProjectChecker;
use super::schema::{ResourceSchema, friendly_name};
use crate::diag::{Problem, did_you_mean};
use crate::ir::{self, Type, ValueKind};
use crate::syntax::ast::{self, ExprKind};

const TIMEOUTS: [&str; 3] = ["create", "update", "delete"];

impl ProjectChecker<'_> {
    /// Lowers `o` when it is one of these options; false when it is none of them.
    pub(super) fn lifecycle_option(
        &mut self,
        o: &ast::Assign,
        schema: Option<&ResourceSchema>,
        ctx: &Ctx,
        out: &mut ir::Options,
    ) -> bool {
        let name = o.key.name.as_str();
        if !matches!(
            name,
            "retain_on_delete"
                | "replace_on_changes"
                | "custom_timeouts"
                | "import"
                | "deleted_with"
                | "additional_secret_outputs"
        ) {
            return false;
        }
        let Some(schema) = schema else {
            self.sink.report(Problem::InstanceOption {
                span: o.key.span,
                option: name.to_string(),
            });
            return true;
        };
        let what = format!("`{name}`");
        match name {
            "retain_on_delete" => {
                let v = self.lower(&o.value, &Type::Bool, &Ctx::literal(), &what);
                out.retain_on_delete = v.kind == ValueKind::Bool(true);
            }
            "import" => {
                // Known before deployment, so that each environment adopts its own resource.
                let v = self.lower(&o.value, &Type::String, ctx, &what);
                if let Some(reads) = self.unknown_reads(&v) {
                    self.sink.report(Problem::ImportIdNotKnown {
                        span: o.value.span,
                        reads,
                    });
                }
                out.import = Some(v);
            }
            "deleted_with" => out.deleted_with = self.resource_ref(&o.value, ctx, &what),
            "replace_on_changes" => {
                out.replace_on_changes = self.names_of(&o.value, schema, false, &what)
            }
            "additional_secret_outputs" => {
                out.additional_secret_outputs = self.names_of(&o.value, schema, true, &what)
            }
            _ => out.custom_timeouts = self.custom_timeouts(&o.value),
        }
        true
    }

    /// A list of input (or output) property names, as schema (camelCase) names.
    fn names_of(
        &mut self,
        e: &ast::Expr,
        schema: &ResourceSchema,
        outputs: bool,
        what: &str,
    ) -> Vec<String> {
        let ExprKind::List(items) = &e.kind else {
            self.mismatch(e, "a list of property names", what);
            return Vec::new();
        };
        let props = if outputs {
            &schema.outputs
        } else {
            &schema.inputs
        };
        let kind = friendly_name(&schema.token).unwrap_or_default();
        let mut out = Vec::new();
        for item in items {
            let Some(name) = super::settings::word(item) else {
                self.mismatch(item, "a property name", what);
                continue;
            };
            let suggestion = || did_you_mean(&name, snake_names(props).iter().map(String::as_str));
            match find_prop(props, &name) {
                Some((prop, _)) => out.push(prop.clone()),
                None if outputs => self.sink.report(Problem::UnknownAttribute {
                    span: item.span,
                    target: kind.clone(),
                    attribute: name.clone(),
                    suggestion: suggestion(),
                }),
                None => self.sink.report(Problem::UnknownProperty {
                    span: item.span,
                    kind: kind.clone(),
                    property: name.clone(),
                    suggestion: suggestion(),
                }),
            }
        }
        out
    }

    fn custom_timeouts(&mut self, e: &ast::Expr) -> Option<ir::CustomTimeouts> {
        let ExprKind::Object(fields) = &e.kind else {
            self.mismatch(
                e,
                "`{ create = ..., update = ..., delete = ... }`",
                "`custom_timeouts`",
            );
            return None;
        };
        let mut out = ir::CustomTimeouts::default();
        for f in fields {
            let slot = match f.key.name.as_str() {
                "create" => &mut out.create,
                "update" => &mut out.update,
                "delete" => &mut out.delete,
                other => {
                    self.sink.report(Problem::UnknownOption {
                        span: f.key.span,
                        option: format!("custom_timeouts.{other}"),
                        suggestion: did_you_mean(other, TIMEOUTS),
                    });
                    continue;
                }
            };
            match super::settings::word(&f.value) {
                Some(d) if is_duration(&d) && matches!(f.value.kind, ExprKind::Str(_)) => {
                    *slot = Some(d)
                }
                Some(d) if matches!(f.value.kind, ExprKind::Str(_)) => {
                    self.sink.report(Problem::BadDuration {
                        span: f.value.span,
                        value: d,
                    })
                }
                _ => self.mismatch(&f.value, "a duration such as \"30m\"", "`custom_timeouts`"),
            }
        }
        Some(out)
    }
}

/// A Go duration as Pulumi parses custom timeouts: one or more `<number><unit>`.
fn is_duration(s: &str) -> bool {
    let mut rest = s;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ms", "us", "ns", "h", "m", "s"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        match unit {
            Some(u) => rest = &rest[u.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_are_go_durations() {
        for ok in ["30m", "1h30m", "45s", "1.5h", "500ms"] {
            assert!(super::is_duration(ok), "{ok}");
        }
        for bad in ["", "30", "m", "30 minutes", "1d"] {
            assert!(!super::is_duration(bad), "{bad}");
        }
    }
}
