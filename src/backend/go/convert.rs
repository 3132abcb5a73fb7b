//! Fitting a rendered value to its slot: `pulumi.String(x)` around plain values, `.Elem()` on
//! pointer outputs given to required inputs, `float64(x)` for integers given to numbers.

use super::syntax::Expr;
use super::types::{GoTy, Scalar};
use super::values::{Slot, Typed, ValueWriter};
use crate::ir::Type;

impl ValueWriter<'_> {
    /// Converts a rendered value to what its slot accepts.
    pub(super) fn fit(&mut self, t: Typed, slot: Slot) -> Result<Typed, String> {
        let p = self.pulumi();
        match slot {
            Slot::Plain(want) => match t.ty {
                GoTy::Plain(have) if have == want => Ok(t),
                GoTy::Plain(Scalar::Int) if want == Scalar::Float => {
                    Ok(Typed::new(to_float(t.expr), GoTy::Plain(Scalar::Float)))
                }
                other => Err(format!(
                    "a {other:?} value cannot be used where a plain {} is needed",
                    want.go()
                )),
            },
            Slot::Fmt => match &t.ty {
                GoTy::Plain(_) | GoTy::InputIface { .. } => Ok(t),
                GoTy::Output { ptr: true, .. } => {
                    let ty = deref(&t.ty);
                    Ok(Typed::new(t.expr.method("Elem", vec![]), ty))
                }
                GoTy::Output { .. } => Ok(t),
                other => Err(format!(
                    "a {other:?} value cannot be formatted into a string"
                )),
            },
            Slot::Export => match t.ty {
                GoTy::Plain(s) => Ok(Typed::new(
                    Expr::call(format!("{p}.{}", s.sdk()), vec![t.expr]),
                    GoTy::Input,
                )),
                GoTy::PlainList(s) => Ok(Typed::new(
                    Expr::call(format!("{p}.To{}Array", s.sdk()), vec![t.expr]),
                    GoTy::Input,
                )),
                GoTy::PlainMap(s) => Ok(Typed::new(
                    Expr::call(format!("{p}.To{}Map", s.sdk()), vec![t.expr]),
                    GoTy::Input,
                )),
                GoTy::Resource(_) => {
                    Err("a resource cannot be exported; export one of its outputs".into())
                }
                _ => Ok(t),
            },
            Slot::Input(ty, required) => self.fit_input(t, ty, required),
        }
    }

    fn fit_input(&mut self, t: Typed, ty: &Type, required: bool) -> Result<Typed, String> {
        let p = self.pulumi();
        let mismatch = |t: &Typed| Err(format!("a {:?} value cannot be used as {ty}", t.ty));
        if let Type::Resource(_) = ty {
            return match t.ty {
                GoTy::Resource(_) => Ok(t),
                _ => mismatch(&t),
            };
        }
        if let Some(want) = Scalar::of(ty) {
            return match &t.ty {
                GoTy::Plain(have) => {
                    let expr = if *have == want {
                        t.expr
                    } else if *have == Scalar::Int && want == Scalar::Float {
                        to_float(t.expr)
                    } else {
                        return mismatch(&t);
                    };
                    Ok(Typed::new(
                        Expr::call(format!("{p}.{}", want.sdk()), vec![expr]),
                        GoTy::Input,
                    ))
                }
                GoTy::Output { scalar, ptr, .. } if *scalar == Some(want) => {
                    if *ptr && required {
                        Ok(Typed::new(t.expr.method("Elem", vec![]), GoTy::Input))
                    } else {
                        Ok(Typed::new(t.expr, GoTy::Input))
                    }
                }
                GoTy::InputIface { scalar, .. } if *scalar == Some(want) => {
                    if required {
                        Ok(Typed::new(t.expr, GoTy::Input))
                    } else {
                        let m = format!("To{}Output", want.sdk());
                        Ok(Typed::new(t.expr.method(m, vec![]), GoTy::Input))
                    }
                }
                GoTy::Input => Ok(t),
                _ => mismatch(&t),
            };
        }
        match (&t.ty, ty) {
            (GoTy::Plain(s), Type::Any) => Ok(Typed::new(
                Expr::call(format!("{p}.{}", s.sdk()), vec![t.expr]),
                GoTy::Input,
            )),
            (GoTy::PlainList(s), Type::List(_) | Type::Any) => Ok(Typed::new(
                Expr::call(format!("{p}.To{}Array", s.sdk()), vec![t.expr]),
                GoTy::Input,
            )),
            (GoTy::PlainMap(s), Type::Map(_) | Type::Any) => Ok(Typed::new(
                Expr::call(format!("{p}.To{}Map", s.sdk()), vec![t.expr]),
                GoTy::Input,
            )),
            (GoTy::Output { ptr: true, .. }, Type::Object(_)) if required => {
                Ok(Typed::new(t.expr.method("Elem", vec![]), GoTy::Input))
            }
            (GoTy::Output { .. } | GoTy::InputIface { .. } | GoTy::Input, _) => {
                Ok(Typed::new(t.expr, GoTy::Input))
            }
            _ => mismatch(&t),
        }
    }
}

/// The non-pointer variant of an output type.
pub fn deref(ty: &GoTy) -> GoTy {
    match ty {
        GoTy::Output {
            name,
            scalar,
            ptr: true,
        } => GoTy::Output {
            name: name.replace("PtrOutput", "Output"),
            scalar: *scalar,
            ptr: false,
        },
        other => other.clone(),
    }
}

pub(super) fn to_float(e: Expr) -> Expr {
    match &e {
        // Integer constants are valid float64 constants.
        Expr::Raw(s) if s.parse::<i64>().is_ok() => e,
        _ => Expr::call("float64", vec![e]),
    }
}
