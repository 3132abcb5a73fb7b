//! Indexing and data sources in Go: `cfg.Zones[1]` on config slices and maps; on typed outputs
//! the SDK's accessors (`cert.DomainValidationOptions.Index(pulumi.Int(0)).ResourceRecordName()`,
//! `.MapIndex(pulumi.String("team"))`); data sources in their output form
//! (`route53.LookupZoneOutput(ctx, route53.LookupZoneOutputArgs{...}).ZoneId()`).

use super::imports::Group;
use super::names::{quote, sdk_field};
use super::syntax::{Elem, Expr};
use super::types::{GoTy, provider_alias};
use super::values::{Typed, ValueWriter};
use crate::ir::{IndexKey, Invoke, Type, Value, ValueKind};

impl ValueWriter<'_> {
    pub(super) fn index(
        &mut self,
        v: &Value,
        base: &Value,
        key: &IndexKey,
    ) -> Result<Typed, String> {
        let b = match &base.kind {
            ValueKind::Invoke(call) => self.invoke(call)?,
            ValueKind::Output {
                resource,
                attribute,
            } if attribute != "id" && attribute != "urn" => {
                // Like `ValueWriter::output`, without importing the package of the output's
                // type: only the accessor's result is used.
                let (expr, token) = self.resource(resource)?;
                let prop = self
                    .project()
                    .schema
                    .output(&token, attribute)
                    .ok_or_else(|| format!("resource `{token}` has no output `{attribute}`"))?;
                let ty = GoTy::output_of(&prop.ty, prop.required, &mut self.imports.clone())?;
                Typed::new(Expr::raw(format!("{expr}.{}", sdk_field(attribute))), ty)
            }
            _ => self.native(base)?,
        };
        match (b.ty, key) {
            (GoTy::PlainList(s), IndexKey::Item(i)) => Ok(Typed::new(
                Expr::raw(format!("{}[{i}]", b.expr.print(0))),
                GoTy::Plain(s),
            )),
            (GoTy::PlainMap(s), IndexKey::Key(k)) => Ok(Typed::new(
                Expr::raw(format!("{}[{}]", b.expr.print(0), quote(k))),
                GoTy::Plain(s),
            )),
            (GoTy::Output { ptr, .. }, key) => {
                let p = self.pulumi();
                let (expr, required) = match key {
                    IndexKey::Item(i) => (
                        b.expr
                            .method("Index", vec![Expr::raw(format!("{p}.Int({i})"))]),
                        true,
                    ),
                    IndexKey::Key(k) => (
                        b.expr.method(
                            "MapIndex",
                            vec![Expr::raw(format!("{p}.String({})", quote(k)))],
                        ),
                        true,
                    ),
                    IndexKey::Field(f) => {
                        let required = match &base.ty {
                            Type::Object(token) => self
                                .project()
                                .schema
                                .object(token)
                                .and_then(|o| o.properties.get(f))
                                .is_some_and(|p| p.required),
                            _ => false,
                        };
                        // A pointer's accessors return pointers.
                        (b.expr.method(sdk_field(f), vec![]), required && !ptr)
                    }
                };
                // The type names the accessor's result; computed without importing its
                // package, which the expression itself does not name.
                let ty = GoTy::output_of(&v.ty, required, &mut self.imports.clone())?;
                Ok(Typed::new(expr, ty))
            }
            (other, key) => Err(format!("cannot read {key:?} of a Go {other:?}")),
        }
    }

    /// `route53.LookupZoneOutput(ctx, route53.LookupZoneOutputArgs{...})`.
    pub(super) fn invoke(&mut self, call: &Invoke) -> Result<Typed, String> {
        let f = &call.function;
        let sym = self.imports.symbol(&f.token)?;
        let alias = provider_alias(&f.token, &sym.package);
        let q = self.imports.add(&sym.import_path, Group::External, &alias);
        let inputs = self
            .project()
            .schema
            .functions
            .get(&f.token)
            .map(|k| k.inputs.clone())
            .unwrap_or_default();
        let mut elems = Vec::new();
        for (name, value) in &call.args {
            if value.kind == ValueKind::Null {
                continue;
            }
            let prop = inputs
                .get(name)
                .ok_or_else(|| format!("`{}` takes no argument `{name}`", f.friendly))?;
            let expr = self.input(value, &prop.ty, prop.required)?;
            elems.push(Elem::Pair(sdk_field(name), expr));
        }
        let args = Expr::composite(format!("{q}.{}OutputArgs", f.go_name), elems, false);
        Ok(Typed::new(
            Expr::call(
                format!("{q}.{}Output", f.go_name),
                vec![Expr::raw("ctx"), args],
            ),
            GoTy::Output {
                name: format!("{q}.{}ResultOutput", f.go_name),
                scalar: None,
                ptr: false,
            },
        ))
    }
}
