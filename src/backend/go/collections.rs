//! Lists, objects and per-environment choices as Go composite literals typed by their slot:
//! `pulumi.StringArray{...}`, `&storage.BucketVersioningArgs{...}`, `pulumi.StringMap{...}`,
//! `utils.ByEnvOr(cfg.Environment, map[string]int{"prod": 20}, 5)`.

use std::collections::BTreeMap;

use super::names::{quote, sdk_field};
use super::syntax::{Elem, Expr};
use super::types::{GoTy, Scalar, input_name, literal_name};
use super::values::{Slot, Typed, ValueWriter};
use crate::ir::{Type, Value, ValueKind};

impl ValueWriter<'_> {
    pub(super) fn list(&mut self, items: &[Value], slot: Slot) -> Result<Typed, String> {
        let Slot::Input(ty, _) = slot else {
            return Err("a list can only be given to a resource input".into());
        };
        let elem_ty = match ty {
            Type::List(e) => (**e).clone(),
            Type::Any => Type::Any,
            other => return Err(format!("a list cannot be used as {other}")),
        };
        let lit = if *ty == Type::Any {
            format!("{}.Array", self.pulumi())
        } else {
            literal_name(ty, self.imports)?
        };
        let mut elems = Vec::new();
        for item in items {
            if matches!(item.kind, ValueKind::Null) {
                continue;
            }
            elems.push(Elem::Value(self.input(item, &elem_ty, true)?));
        }
        let multiline = multiline_list(&elems);
        Ok(Typed::new(
            Expr::composite(lit, elems, multiline),
            GoTy::Input,
        ))
    }

    pub(super) fn object(
        &mut self,
        fields: &[(String, Value)],
        slot: Slot,
    ) -> Result<Typed, String> {
        let Slot::Input(ty, _) = slot else {
            return Err("an object can only be given to a resource input".into());
        };
        let present = fields
            .iter()
            .filter(|(_, v)| !matches!(v.kind, ValueKind::Null));
        match ty {
            Type::Object(token) => {
                let project = self.project();
                let props = &project
                    .schema
                    .object(token)
                    .ok_or_else(|| format!("the schema facts have no type `{token}`"))?
                    .properties;
                let lit = literal_name(ty, self.imports)?;
                let mut elems = Vec::new();
                for (k, v) in present {
                    let prop = props
                        .get(k)
                        .ok_or_else(|| format!("type `{token}` has no property `{k}`"))?;
                    let e = self.input(v, &prop.ty, prop.required)?;
                    elems.push(Elem::Pair(sdk_field(k), e));
                }
                let body = Expr::composite(lit, elems, true);
                Ok(Typed::new(Expr::AddressOf(Box::new(body)), GoTy::Input))
            }
            Type::Map(elem) => {
                let lit = literal_name(ty, self.imports)?;
                let mut elems = Vec::new();
                for (k, v) in present {
                    elems.push(Elem::Pair(quote(k), self.input(v, elem, true)?));
                }
                Ok(Typed::new(Expr::composite(lit, elems, true), GoTy::Input))
            }
            Type::Any => {
                let lit = format!("{}.Map", self.pulumi());
                let mut elems = Vec::new();
                for (k, v) in present {
                    elems.push(Elem::Pair(quote(k), self.input(v, &Type::Any, true)?));
                }
                Ok(Typed::new(Expr::composite(lit, elems, true), GoTy::Input))
            }
            other => Err(format!("an object cannot be used as {other}")),
        }
    }

    pub(super) fn per_env(
        &mut self,
        whole: &Value,
        cases: &BTreeMap<String, Value>,
        default: Option<&Value>,
        slot: Slot,
    ) -> Result<Typed, String> {
        let envs: Vec<String> = self.project().envs.iter().map(|e| e.name.clone()).collect();
        let scalar = match slot {
            Slot::Plain(s) => Some(s),
            Slot::Input(ty, _) => Scalar::of(ty),
            Slot::Fmt | Slot::Export => Scalar::of(&whole.ty),
        };
        if let Some(s) = scalar.filter(|_| self.is_plain(whole)) {
            let t = self.plain_per_env(&envs, cases, default, s)?;
            return self.fit(t, slot);
        }
        let (ty, required) = match slot {
            Slot::Input(ty, required) => (ty, required),
            // An export takes any input: the value's own type.
            Slot::Export => (&whole.ty, true),
            _ => {
                return Err(
                    "a per-environment value that is not plain needs a resource input".into(),
                );
            }
        };
        let iface = input_name(ty, required, self.imports)?;
        let mut elems = Vec::new();
        for env in &envs {
            if let Some(v) = cases.get(env) {
                elems.push(Elem::Pair(quote(env), self.input(v, ty, required)?));
            }
        }
        let fallback = match default {
            Some(d) => Some(self.input(d, ty, required)?),
            None => None,
        };
        let map = Expr::composite(format!("map[string]{iface}"), elems, true);
        // Go infers no interface type argument from a concrete fallback: name it.
        Ok(Typed::new(
            self.choose(map, fallback, Some(&iface)),
            GoTy::Input,
        ))
    }

    fn plain_per_env(
        &mut self,
        envs: &[String],
        cases: &BTreeMap<String, Value>,
        default: Option<&Value>,
        s: Scalar,
    ) -> Result<Typed, String> {
        // A flag that differs between environments reads best as a comparison.
        if s == Scalar::Bool {
            let value_of = |env: &String| {
                cases.get(env).or(default).and_then(|v| match v.kind {
                    ValueKind::Bool(b) => Some(b),
                    _ => None,
                })
            };
            let flags: Option<Vec<(String, bool)>> = envs
                .iter()
                .map(|e| value_of(e).map(|b| (e.clone(), b)))
                .collect();
            if let Some(flags) = flags {
                let on: Vec<&String> = flags.iter().filter(|(_, b)| *b).map(|(e, _)| e).collect();
                let off: Vec<&String> = flags.iter().filter(|(_, b)| !*b).map(|(e, _)| e).collect();
                let cfg = self.cfg();
                let compare = |envs: &[&String], op: &'static str, join: &'static str| {
                    let parts = envs
                        .iter()
                        .map(|e| {
                            Expr::Binary(
                                Box::new(Expr::raw(format!("{cfg}.Environment"))),
                                op,
                                Box::new(Expr::raw(quote(e))),
                            )
                        })
                        .collect();
                    Expr::chain(join, parts).unwrap_or_else(|| Expr::raw("false"))
                };
                let expr = if on.is_empty() || off.is_empty() {
                    Expr::raw((!on.is_empty()).to_string())
                } else if on.len() <= off.len() {
                    compare(&on, "==", "||")
                } else {
                    compare(&off, "!=", "&&")
                };
                return Ok(Typed::new(expr, GoTy::Plain(Scalar::Bool)));
            }
        }
        let mut elems = Vec::new();
        for env in envs {
            if let Some(v) = cases.get(env) {
                elems.push(Elem::Pair(quote(env), self.value(v, Slot::Plain(s))?.expr));
            }
        }
        let fallback = match default {
            Some(d) => Some(self.value(d, Slot::Plain(s))?.expr),
            None => None,
        };
        let multiline = elems.len() > 1 && {
            let width: usize = elems
                .iter()
                .map(|e| match e {
                    Elem::Pair(k, v) => k.len() + v.print(0).len() + 4,
                    _ => 0,
                })
                .sum();
            width > 60
        };
        let map = Expr::composite(format!("map[string]{}", s.go()), elems, multiline);
        Ok(Typed::new(self.choose(map, fallback, None), GoTy::Plain(s)))
    }

    /// `utils.ByEnv(cfg.Environment, cases)` or `utils.ByEnvOr(cfg.Environment, cases, def)`.
    /// `type_arg` is given where Go cannot infer the type parameter.
    fn choose(&mut self, map: Expr, fallback: Option<Expr>, type_arg: Option<&str>) -> Expr {
        let utils = self.utils();
        let cfg = self.cfg();
        let env = Expr::raw(format!("{cfg}.Environment"));
        match fallback {
            Some(f) => {
                self.needs.by_env_or = true;
                let func = match type_arg {
                    Some(t) => format!("{utils}.ByEnvOr[{t}]"),
                    None => format!("{utils}.ByEnvOr"),
                };
                Expr::call(func, vec![env, map, f])
            }
            None => {
                self.needs.by_env = true;
                Expr::call(format!("{utils}.ByEnv"), vec![env, map])
            }
        }
    }
}

/// Short lists of one-line scalars stay on one line; anything else gets a line per element.
fn multiline_list(elems: &[Elem]) -> bool {
    let mut width = 0;
    for e in elems {
        if let Elem::Value(v) = e {
            let s = v.print(0);
            if s.contains('\n') || s.starts_with('&') {
                return true;
            }
            width += s.len() + 2;
        }
    }
    width > 80
}
