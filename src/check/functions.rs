//! Built-in functions of values: their signatures (one table), checking a call against its
//! signature, and computing it when every argument is known to infragen.

use serde_json::Value as Json;

use super::expr::Ctx;
use super::project::ProjectChecker;
use crate::diag::{Problem, ValueProblem};
use crate::ir::{Builtin, Part, Type, Value, ValueKind};
use crate::syntax::ast::{Expr, ExprKind, Ident, StrPart};

/// A parameter's type.
#[derive(Clone, Copy)]
enum Param {
    String,
    /// An integer literal.
    Int,
    Strings,
    Any,
}

/// What a function lowers to.
#[derive(Clone, Copy)]
enum Lowering {
    /// A function the backends write (or the checker computes).
    Builtin(Builtin),
    /// `format(pattern, args...)`: becomes an interpolated string.
    Format,
    /// `file(path)`: the file's text, read when checking.
    File,
}

struct Signature {
    name: &'static str,
    params: &'static [Param],
    /// The last parameter repeats (`format`).
    variadic: bool,
    result: fn() -> Type,
    lowering: Lowering,
}

fn string() -> Type {
    Type::String
}

fn strings() -> Type {
    Type::List(Box::new(Type::String))
}

const fn sig(
    name: &'static str,
    params: &'static [Param],
    result: fn() -> Type,
    lowering: Lowering,
) -> Signature {
    Signature {
        name,
        params,
        variadic: false,
        result,
        lowering,
    }
}

use Param as P;

/// Every built-in function of values, in the order the README lists them.
const SIGNATURES: &[Signature] = &[
    sig(
        "lower",
        &[P::String],
        string,
        Lowering::Builtin(Builtin::Lower),
    ),
    sig(
        "upper",
        &[P::String],
        string,
        Lowering::Builtin(Builtin::Upper),
    ),
    sig(
        "replace",
        &[P::String, P::String, P::String],
        string,
        Lowering::Builtin(Builtin::Replace),
    ),
    sig(
        "substr",
        &[P::String, P::Int, P::Int],
        string,
        Lowering::Builtin(Builtin::Substr),
    ),
    sig(
        "split",
        &[P::String, P::String],
        strings,
        Lowering::Builtin(Builtin::Split),
    ),
    sig(
        "join",
        &[P::Strings, P::String],
        string,
        Lowering::Builtin(Builtin::Join),
    ),
    sig(
        "trim",
        &[P::String],
        string,
        Lowering::Builtin(Builtin::Trim),
    ),
    Signature {
        name: "format",
        params: &[P::String, P::Any],
        variadic: true,
        result: string,
        lowering: Lowering::Format,
    },
    sig(
        "truncate",
        &[P::String, P::Int],
        string,
        Lowering::Builtin(Builtin::Truncate),
    ),
    sig("json", &[P::Any], string, Lowering::Builtin(Builtin::Json)),
    sig(
        "base64",
        &[P::String],
        string,
        Lowering::Builtin(Builtin::Base64),
    ),
    sig("file", &[P::String], string, Lowering::File),
    sig(
        "sha256",
        &[P::String],
        string,
        Lowering::Builtin(Builtin::Sha256),
    ),
];

/// Functions that are not in the table because they lower to their own values.
pub(super) const OTHER_FUNCTIONS: [&str; 4] = ["name", "file_asset", "file_archive", "archive"];

/// Every function name a value may call, for "did you mean" and the list in the message.
pub(super) fn function_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = OTHER_FUNCTIONS.to_vec();
    names.extend(SIGNATURES.iter().map(|s| s.name));
    names
}

pub(super) fn is_builtin(name: &str) -> bool {
    SIGNATURES.iter().any(|s| s.name == name)
}

/// True when the generated program knows the value before deployment: no resource outputs,
/// stack outputs, component parameters or secrets.
fn known_before_deployment(v: &Value) -> bool {
    let mut known = !v.secret;
    v.walk(&mut |x| {
        known &= !matches!(
            x.kind,
            ValueKind::Output { .. }
                | ValueKind::Resource(_)
                | ValueKind::StackOutput { .. }
                | ValueKind::InstanceOutput { .. }
                | ValueKind::Invoke(_)
                | ValueKind::Param(_)
        ) && !x.secret
    });
    known
}

/// The JSON form of a value every part of which is a literal.
fn literal_json(v: &Value) -> Json {
    match &v.kind {
        ValueKind::Bool(b) => Json::Bool(*b),
        ValueKind::Int(i) => Json::from(*i),
        ValueKind::Number(n) => Json::from(*n),
        ValueKind::String(s) => Json::String(s.clone()),
        ValueKind::List(items) => Json::Array(items.iter().map(literal_json).collect()),
        ValueKind::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), literal_json(v)))
                .filter(|(_, v)| !v.is_null())
                .collect(),
        ),
        ValueKind::Interpolate(parts) => Json::String(
            parts
                .iter()
                .map(|p| match p {
                    Part::Text(t) => t.clone(),
                    Part::Value(v) => crate::ir::plan::text(&literal_json(v)),
                })
                .collect(),
        ),
        _ => Json::Null,
    }
}

/// A computed result as a value: a string or a list of strings.
fn from_json(j: Json, ty: Type) -> Value {
    match j {
        Json::Array(items) => Value::new(
            ValueKind::List(
                items
                    .into_iter()
                    .map(|i| from_json(i, Type::String))
                    .collect(),
            ),
            ty,
        ),
        other => Value::new(ValueKind::String(crate::ir::plan::text(&other)), ty),
    }
}

/// Object keys sorted, at every level: `json(...)` writes keys in this order in every
/// language (Go's encoder sorts map keys; TypeScript and Python keep the written order).
fn sort_keys(v: &mut Value) {
    match &mut v.kind {
        ValueKind::Object(fields) => {
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            fields.iter_mut().for_each(|(_, v)| sort_keys(v));
        }
        ValueKind::List(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

impl ProjectChecker<'_> {
    /// A call of a built-in function of values (`is_builtin(func)`).
    pub(super) fn lower_builtin(
        &mut self,
        e: &Expr,
        func: &Ident,
        args: &[Expr],
        ctx: &Ctx,
    ) -> Value {
        let sig = SIGNATURES
            .iter()
            .find(|s| s.name == func.name)
            .expect("is_builtin");
        let result = (sig.result)();
        let arity_ok = if sig.variadic {
            args.len() >= sig.params.len() - 1
        } else {
            args.len() == sig.params.len()
        };
        if !arity_ok {
            self.sink.report(Problem::WrongArgCount {
                span: e.span,
                name: func.name.clone(),
                expected: sig.params.len(),
                found: args.len(),
            });
            return Value::new(ValueKind::Null, result);
        }
        let mut values = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let param = sig.params[i.min(sig.params.len() - 1)];
            let what = format!("argument {} of `{}`", i + 1, func.name);
            let v = match param {
                P::Int => match a.kind {
                    ExprKind::Int(n) => Value::new(ValueKind::Int(n), Type::Int),
                    _ => {
                        let v = self.lower(a, &Type::Int, ctx, &what);
                        if v.ty == Type::Int {
                            self.sink.report(Problem::NotConstant {
                                span: a.span,
                                what: format!("{what} (an integer literal)"),
                            });
                        }
                        Value::new(ValueKind::Int(0), Type::Int)
                    }
                },
                P::String => self.lower(a, &Type::String, ctx, &what),
                P::Strings => self.lower(a, &strings(), ctx, &what),
                P::Any => self.lower(a, &Type::Any, ctx, &what),
            };
            if i > 0 && !matches!(sig.lowering, Lowering::Format) && !known_before_deployment(&v) {
                self.sink
                    .report(Problem::Value(ValueProblem::ArgumentNotKnown {
                        span: a.span,
                        function: func.name.clone(),
                        position: i + 1,
                    }));
            }
            values.push(v);
        }
        let func_kind = match sig.lowering {
            Lowering::Format => return self.format(args, values),
            Lowering::File => return self.file_text(&args[0], &values[0]),
            Lowering::Builtin(b) => b,
        };
        if func_kind == Builtin::Json {
            sort_keys(&mut values[0]);
            if matches!(values[0].ty, Type::Resource(_)) {
                self.sink.report(Problem::TypeMismatch {
                    span: args[0].span,
                    expected: "a value".into(),
                    found: values[0].ty.to_string(),
                    context: "argument 1 of `json`".into(),
                });
            }
        }
        if values.iter().all(|v| v.is_plain_literal()) {
            let json: Vec<Json> = values.iter().map(literal_json).collect();
            return from_json(func_kind.apply(&json), result);
        }
        let secret = values.iter().any(|v| v.secret);
        Value {
            kind: ValueKind::Call {
                func: func_kind,
                args: values,
            },
            ty: result,
            secret,
        }
    }

    /// `format("%s-%s", a, b)` is the interpolation `"${a}-${b}"`.
    fn format(&mut self, args: &[Expr], values: Vec<Value>) -> Value {
        let pattern = match &args[0].kind {
            ExprKind::Str(parts) if parts.iter().all(|p| matches!(p, StrPart::Text(_))) => parts
                .iter()
                .map(|p| match p {
                    StrPart::Text(t) => t.as_str(),
                    StrPart::Interp(_) => "",
                })
                .collect::<String>(),
            _ => {
                self.sink.report(Problem::Value(ValueProblem::BadFormat {
                    span: args[0].span,
                    reason: "the pattern must be a string literal".into(),
                }));
                return Value::new(ValueKind::Null, Type::String);
            }
        };
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = values.into_iter().skip(1);
        let mut chars = pattern.chars().peekable();
        let mut used = 0;
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('%', Some('%')) => {
                    chars.next();
                    text.push('%');
                }
                ('%', Some('s')) => {
                    chars.next();
                    used += 1;
                    match rest.next() {
                        Some(v) => {
                            if !text.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut text)));
                            }
                            if matches!(
                                v.ty,
                                Type::List(_) | Type::Map(_) | Type::Object(_) | Type::Resource(_)
                            ) {
                                self.sink.report(Problem::TypeMismatch {
                                    span: args[used].span,
                                    expected: "string, int, number or bool".into(),
                                    found: v.ty.to_string(),
                                    context: "a `format` argument".into(),
                                });
                            }
                            parts.push(Part::Value(v));
                        }
                        None => {
                            self.sink.report(Problem::Value(ValueProblem::BadFormat {
                                span: args[0].span,
                                reason: format!(
                                    "{} `%s` in the pattern, {} argument(s) after it",
                                    pattern.matches("%s").count(),
                                    args.len() - 1
                                ),
                            }));
                            return Value::new(ValueKind::Null, Type::String);
                        }
                    }
                }
                (c, _) => text.push(c),
            }
        }
        if used != args.len() - 1 {
            self.sink.report(Problem::Value(ValueProblem::BadFormat {
                span: args[0].span,
                reason: format!(
                    "{used} `%s` in the pattern, {} argument(s) after it",
                    args.len() - 1
                ),
            }));
            return Value::new(ValueKind::Null, Type::String);
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        let secret = parts
            .iter()
            .any(|p| matches!(p, Part::Value(v) if v.secret));
        let plain = parts.iter().all(|p| match p {
            Part::Text(_) => true,
            Part::Value(v) => v.is_plain_literal(),
        });
        let kind = if plain {
            ValueKind::String(crate::ir::plan::text(&literal_json(&Value::new(
                ValueKind::Interpolate(parts),
                Type::String,
            ))))
        } else {
            ValueKind::Interpolate(parts)
        };
        Value {
            kind,
            ty: Type::String,
            secret,
        }
    }

    /// `file("path")`: the text of a file beside the calling file, read now.
    fn file_text(&mut self, arg: &Expr, value: &Value) -> Value {
        let ValueKind::String(path) = &value.kind else {
            if value.kind != ValueKind::Null {
                self.sink.report(Problem::NotConstant {
                    span: arg.span,
                    what: "a file path".into(),
                });
            }
            return Value::new(ValueKind::Null, Type::String);
        };
        if path.starts_with('/') || path.split('/').any(|s| s == "..") {
            self.sink
                .report(Problem::Value(ValueProblem::FileUnreadable {
                    span: arg.span,
                    path: path.clone(),
                    reason: "the path must stay inside the project".into(),
                }));
            return Value::new(ValueKind::Null, Type::String);
        }
        let dir = self
            .part_of_file
            .get(&arg.span.file)
            .map(|&(m, p)| self.project.modules[m].parts[p].file.clone())
            .and_then(|f| f.rsplit_once('/').map(|(d, _)| d.to_string()))
            .unwrap_or_default();
        let full = [self.project.dir.as_str(), dir.as_str(), path.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/");
        let read = self.read_file.map(|read| {
            read(&full)
                .and_then(|bytes| String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}")))
        });
        match read {
            Some(Ok(text)) => Value::string(text),
            Some(Err(reason)) => {
                self.sink
                    .report(Problem::Value(ValueProblem::FileUnreadable {
                        span: arg.span,
                        path: path.clone(),
                        reason,
                    }));
                Value::new(ValueKind::Null, Type::String)
            }
            None => Value::new(ValueKind::Null, Type::String),
        }
    }
}
