//! Built-in functions as Python: string methods on values known when the program runs,
//! `.apply(lambda ...)` on outputs, `pulumi.Output.json_dumps` for JSON of outputs.

use super::doc::Doc;
use super::values::{ValueWriter, is_output};
use crate::ir::{Builtin, Value, ValueKind};

/// `json.dumps` and `Output.json_dumps` write compact JSON with sorted keys and text as it
/// is (not `\u` escapes), as the plan and the other languages do.
fn json_options() -> Vec<Doc> {
    vec![
        Doc::text("ensure_ascii=False"),
        Doc::text("separators=(\",\", \":\")"),
        Doc::text("sort_keys=True"),
    ]
}

fn dumps(callee: &str, subject: Doc) -> Doc {
    let mut args = vec![subject];
    args.extend(json_options());
    Doc::call(callee, args)
}

impl ValueWriter<'_> {
    /// True when a call's result is an output: its subject is one (for `json`, when anything
    /// inside the subject is one).
    pub(super) fn call_is_output(
        func: Builtin,
        args: &[Value],
        plain: &std::collections::BTreeSet<String>,
    ) -> bool {
        let Some(subject) = args.first() else {
            return false;
        };
        if func == Builtin::Json {
            let mut found = false;
            subject.walk(&mut |v| found |= is_output(v, plain));
            return found;
        }
        is_output(subject, plain)
    }

    pub(super) fn call(&self, func: Builtin, args: &[Value]) -> Doc {
        let output = self.is_output(&Value::new(
            ValueKind::Call {
                func,
                args: args.to_vec(),
            },
            crate::ir::Type::String,
        ));
        let subject = self.value(&args[0]);
        let rest: Vec<String> = args[1..].iter().map(|a| self.value(a).flat()).collect();
        if func == Builtin::Json {
            if output {
                self.use_pulumi();
                return dumps("pulumi.Output.json_dumps", subject);
            }
            self.imports.borrow_mut().import("json");
            return dumps("json.dumps", subject);
        }
        if !output {
            return self.plain(func, &subject.flat(), &rest, args);
        }
        let body = self.plain(func, "value", &rest, args).flat();
        Doc::call(
            format!("{}.apply", subject.flat()),
            vec![Doc::text(format!("lambda value: {body}"))],
        )
    }

    /// The function applied to the plain value `x`.
    fn plain(&self, func: Builtin, x: &str, rest: &[String], args: &[Value]) -> Doc {
        let int = |i: usize| match args.get(i).map(|a| &a.kind) {
            Some(ValueKind::Int(n)) => *n,
            _ => 0,
        };
        let arg = |i: usize| Doc::text(rest.get(i).cloned().unwrap_or_default());
        match func {
            Builtin::Lower => Doc::call(format!("{x}.lower"), vec![]),
            Builtin::Upper => Doc::call(format!("{x}.upper"), vec![]),
            Builtin::Replace => Doc::call(format!("{x}.replace"), vec![arg(0), arg(1)]),
            Builtin::Substr => Doc::text(format!("{x}[{}:{}]", int(1), int(1) + int(2))),
            Builtin::Split => Doc::call(format!("{x}.split"), vec![arg(0)]),
            Builtin::Join => Doc::call(format!("{}.join", rest[0]), vec![Doc::text(x)]),
            Builtin::Trim => Doc::call(format!("{x}.strip"), vec![]),
            Builtin::Truncate => Doc::text(format!("{x}[:{}]", int(1))),
            Builtin::Json => {
                self.imports.borrow_mut().import("json");
                dumps("json.dumps", Doc::text(x))
            }
            Builtin::Base64 => {
                self.imports.borrow_mut().import("base64");
                Doc::text(format!("base64.b64encode({x}.encode()).decode()"))
            }
            Builtin::Sha256 => {
                self.imports.borrow_mut().import("hashlib");
                Doc::text(format!("hashlib.sha256({x}.encode()).hexdigest()"))
            }
        }
    }
}
