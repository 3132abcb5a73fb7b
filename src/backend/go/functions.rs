//! Built-in functions as Go: the standard library on plain values (`strings.ToLower(cfg.Domain)`),
//! `ApplyT` on outputs, `utils.JSON` for JSON.

use super::imports::Group;
use super::syntax::{Elem, Expr};
use super::types::{GoTy, Scalar};
use super::values::{Slot, Typed, ValueWriter};
use crate::ir::{Builtin, Type, Value, ValueKind};

impl ValueWriter<'_> {
    /// Whether a call's result is a plain Go value: its arguments are.
    pub(super) fn call_is_plain(&self, func: Builtin, args: &[Value]) -> bool {
        func != Builtin::Json
            && args.iter().all(|a| match &a.kind {
                ValueKind::List(items) => items.iter().all(|i| self.is_plain(i)),
                // A list config value is a plain `[]string` too.
                ValueKind::Config(key) => {
                    self.is_plain(a)
                        || self
                            .project()
                            .config
                            .iter()
                            .any(|c| c.name == *key && !c.secret && matches!(c.ty, Type::List(_)))
                }
                _ => self.is_plain(a),
            })
    }

    pub(super) fn call(&mut self, func: Builtin, args: &[Value]) -> Result<Typed, String> {
        let p = self.pulumi();
        if func == Builtin::Json {
            // Not `pulumi.JSONMarshal`: Go's encoder escapes `<`, `>` and `&` by default.
            let v = self.value(&args[0], Slot::Input(&Type::Any, true))?;
            self.needs.json = true;
            let path = self.facts.utils_path.clone();
            let u = self.imports.add(&path, Group::Local, "utils");
            return Ok(Typed::new(
                Expr::call(format!("{u}.JSON"), vec![v.expr]),
                string_output(&p),
            ));
        }
        let mut rest = Vec::new();
        for a in &args[1..] {
            rest.push(match a.kind {
                ValueKind::Int(n) => Expr::raw(n.to_string()),
                _ => self.value(a, Slot::Plain(Scalar::String))?.expr,
            });
        }
        let list = func == Builtin::Join;
        let (result, go_result, output_name) = if func == Builtin::Split {
            (
                GoTy::PlainList(Scalar::String),
                "[]string",
                format!("{p}.StringArrayOutput"),
            )
        } else {
            (
                GoTy::Plain(Scalar::String),
                "string",
                format!("{p}.StringOutput"),
            )
        };
        let plain = self.call_is_plain(func, args);
        let subject = if list {
            self.list_subject(&args[0], plain)?
        } else {
            let t = self.value(&args[0], Slot::Fmt)?;
            if plain {
                t.expr
            } else {
                self.as_output(t, Scalar::String)?
            }
        };
        if plain {
            let expr = self.apply(func, subject, &rest, args);
            return Ok(Typed::new(expr, result));
        }
        let body = self.apply(func, Expr::raw("v"), &rest, args);
        let param = if list { "[]string" } else { "string" };
        let lambda = Expr::raw(format!(
            "func(v {param}) {go_result} {{ return {} }}",
            body.print(0)
        ));
        let expr = Expr::raw(format!(
            "{}.({output_name})",
            subject.method("ApplyT", vec![lambda]).print(0)
        ));
        Ok(Typed::new(
            expr,
            GoTy::Output {
                name: output_name,
                scalar: if func == Builtin::Split {
                    None
                } else {
                    Some(Scalar::String)
                },
                ptr: false,
            },
        ))
    }

    /// The list `join` reads: a `[]string` when plain, else a `pulumi.StringArrayOutput`.
    fn list_subject(&mut self, v: &Value, plain: bool) -> Result<Expr, String> {
        let strings = Type::List(Box::new(Type::String));
        match (&v.kind, plain) {
            (ValueKind::List(items), true) => {
                let mut elems = Vec::new();
                for i in items {
                    elems.push(Elem::Value(
                        self.value(i, Slot::Plain(Scalar::String))?.expr,
                    ));
                }
                Ok(Expr::composite("[]string".to_string(), elems, false))
            }
            (ValueKind::List(_), false) => Ok(self
                .value(v, Slot::Input(&strings, true))?
                .expr
                .method("ToStringArrayOutput", vec![])),
            _ => Ok(self.native(v)?.expr),
        }
    }

    /// The Go expression of the function applied to `x`, a plain value.
    fn apply(&mut self, func: Builtin, x: Expr, rest: &[Expr], args: &[Value]) -> Expr {
        let int = |i: usize| match args.get(i).map(|a| &a.kind) {
            Some(ValueKind::Int(n)) => *n,
            _ => 0,
        };
        let xs = x.print(0);
        let arg = |i: usize| rest[i].clone();
        let strings = |w: &mut Self, f: &str, a: Vec<Expr>| {
            let s = w.imports.add("strings", Group::Std, "strings");
            Expr::call(format!("{s}.{f}"), a)
        };
        match func {
            Builtin::Lower => strings(self, "ToLower", vec![x]),
            Builtin::Upper => strings(self, "ToUpper", vec![x]),
            Builtin::Replace => strings(self, "ReplaceAll", vec![x, arg(0), arg(1)]),
            Builtin::Split => strings(self, "Split", vec![x, arg(0)]),
            Builtin::Join => strings(self, "Join", vec![x, arg(0)]),
            Builtin::Trim => strings(self, "TrimSpace", vec![x]),
            Builtin::Substr => self.substr(x, int(1), int(2)),
            Builtin::Truncate => self.substr(x, 0, int(1)),
            Builtin::Base64 => {
                let b = self.imports.add("encoding/base64", Group::Std, "base64");
                Expr::raw(format!("{b}.StdEncoding.EncodeToString([]byte({xs}))"))
            }
            Builtin::Sha256 => {
                let h = self.imports.add("crypto/sha256", Group::Std, "sha256");
                let fmt = self.imports.add("fmt", Group::Std, "fmt");
                Expr::raw(format!("{fmt}.Sprintf(\"%x\", {h}.Sum256([]byte({xs})))"))
            }
            Builtin::Json => Expr::raw(xs),
        }
    }
}

impl ValueWriter<'_> {
    /// `utils.Substr(x, start, length)`: code points, clamped to the string, as the plan
    /// computes it.
    fn substr(&mut self, x: Expr, start: i64, length: i64) -> Expr {
        self.needs.substr = true;
        let path = self.facts.utils_path.clone();
        let u = self.imports.add(&path, Group::Local, "utils");
        Expr::call(
            format!("{u}.Substr"),
            vec![
                x,
                Expr::raw(start.to_string()),
                Expr::raw(length.to_string()),
            ],
        )
    }
}

fn string_output(p: &str) -> GoTy {
    GoTy::Output {
        name: format!("{p}.StringOutput"),
        scalar: Some(Scalar::String),
        ptr: false,
    }
}
