//! Built-in functions as TypeScript: string methods on values known when the program runs,
//! `.apply(...)` on outputs, `pulumi.jsonStringify` for JSON of outputs.

use super::syntax::Expr;
use super::values::{Ts, Uses, ValueWriter, number};
use crate::ir::{Builtin, Value, ValueKind};

impl ValueWriter<'_> {
    pub(super) fn call(&self, func: Builtin, args: &[Value], uses: &mut Uses) -> Ts {
        let rendered: Vec<Ts> = args.iter().map(|a| self.value(a, uses)).collect();
        let subject = &rendered[0];
        let rest: Vec<Expr> = rendered[1..].iter().map(|t| t.expr.clone()).collect();
        if func == Builtin::Json {
            return if subject.output {
                uses.pulumi = true;
                Ts {
                    expr: Expr::path("pulumi.jsonStringify").call(vec![subject.expr.clone()]),
                    output: true,
                }
            } else {
                Ts {
                    expr: Expr::path("JSON.stringify").call(vec![subject.expr.clone()]),
                    output: false,
                }
            };
        }
        if !subject.output {
            return Ts {
                expr: plain(func, subject.expr.clone(), &rest, args, uses),
                output: false,
            };
        }
        let body = plain(func, Expr::ident("value"), &rest, args, uses);
        let subject = match args[0].kind {
            // A literal list holding outputs is not an output itself.
            ValueKind::List(_) => {
                uses.pulumi = true;
                Expr::path("pulumi.output").call(vec![subject.expr.clone()])
            }
            _ => subject.expr.clone(),
        };
        Ts {
            expr: subject
                .member("apply")
                .call(vec![Expr::Arrow("value".into(), Box::new(body))]),
            output: true,
        }
    }
}

/// The function applied to `x`, a plain value.
fn plain(func: Builtin, x: Expr, rest: &[Expr], args: &[Value], uses: &mut Uses) -> Expr {
    let int = |i: usize| match args.get(i).map(|a| &a.kind) {
        Some(ValueKind::Int(n)) => *n,
        _ => 0,
    };
    let method = |x: Expr, name: &str, args: Vec<Expr>| x.member(name).call(args);
    match func {
        Builtin::Lower => method(x, "toLowerCase", vec![]),
        Builtin::Upper => method(x, "toUpperCase", vec![]),
        Builtin::Replace => method(x, "replaceAll", rest.to_vec()),
        // `Array.from` splits by code points, as the plan counts characters (`substring`
        // would count UTF-16 units).
        Builtin::Substr => method(
            method(
                Expr::path("Array.from").call(vec![x]),
                "slice",
                vec![
                    Expr::Num(number(int(1) as f64)),
                    Expr::Num(number((int(1) + int(2)) as f64)),
                ],
            ),
            "join",
            vec![Expr::str("")],
        ),
        Builtin::Split => method(x, "split", rest.to_vec()),
        Builtin::Join => method(x, "join", rest.to_vec()),
        Builtin::Trim => method(x, "trim", vec![]),
        Builtin::Truncate => method(
            method(
                Expr::path("Array.from").call(vec![x]),
                "slice",
                vec![Expr::Num("0".into()), Expr::Num(number(int(1) as f64))],
            ),
            "join",
            vec![Expr::str("")],
        ),
        Builtin::Json => Expr::path("JSON.stringify").call(vec![x]),
        Builtin::Base64 => method(
            Expr::path("Buffer.from").call(vec![x]),
            "toString",
            vec![Expr::str("base64")],
        ),
        Builtin::Sha256 => {
            uses.crypto = true;
            method(
                method(
                    Expr::path("crypto.createHash").call(vec![Expr::str("sha256")]),
                    "update",
                    vec![x],
                ),
                "digest",
                vec![Expr::str("hex")],
            )
        }
    }
}
