//! Conditions and `if` values in Go: conditions are plain bools (`cfg.Environment == "dev"`),
//! an `if` value is `utils.If(cond, a, b)`, typed by its slot like a per-environment choice.

use super::syntax::Expr;
use super::types::{GoTy, Scalar, input_name};
use super::values::{Slot, Typed, ValueWriter};
use crate::ir::{BinOp, Value, ValueKind};

impl ValueWriter<'_> {
    /// A condition as Go source (conditions read only plain values).
    pub(super) fn condition(&mut self, v: &Value) -> Result<String, String> {
        Ok(match &v.kind {
            ValueKind::Not(x) => format!("!{}", self.operand(x, u8::MAX)?),
            ValueKind::Binary { op, left, right } => {
                let symbol = op.symbol();
                let prec = op.precedence();
                let (l, r) = match op {
                    BinOp::Eq | BinOp::Ne => (self.comparand(left)?, self.comparand(right)?),
                    BinOp::And | BinOp::Or => {
                        (self.operand(left, prec)?, self.operand(right, prec)?)
                    }
                };
                format!("{l} {symbol} {r}")
            }
            _ => self.value(v, Slot::Plain(Scalar::Bool))?.expr.print(0),
        })
    }

    /// An operand of an operator binding at `prec`, in parentheses when it binds looser.
    fn operand(&mut self, v: &Value, prec: u8) -> Result<String, String> {
        let s = self.condition(v)?;
        Ok(match &v.kind {
            ValueKind::Binary { op, .. } if op.precedence() < prec || prec == u8::MAX => {
                format!("({s})")
            }
            _ => s,
        })
    }

    fn comparand(&mut self, v: &Value) -> Result<String, String> {
        if matches!(v.kind, ValueKind::Not(_) | ValueKind::Binary { .. }) {
            return Ok(format!("({})", self.condition(v)?));
        }
        let s = Scalar::of(&v.ty).ok_or_else(|| format!("cannot compare a {}", v.ty))?;
        Ok(self.value(v, Slot::Plain(s))?.expr.print(0))
    }

    /// `utils.If(cond, a, b)` for a slot.
    pub(super) fn if_value(
        &mut self,
        whole: &Value,
        cond: &Value,
        then: &Value,
        otherwise: Option<&Value>,
        slot: Slot,
    ) -> Result<Typed, String> {
        let c = Expr::raw(self.condition(cond)?);
        let scalar = match slot {
            Slot::Plain(s) => Some(s),
            Slot::Input(ty, _) => Scalar::of(ty),
            Slot::Fmt | Slot::Export => Scalar::of(&whole.ty),
        };
        if let (Some(s), Some(o)) = (scalar, otherwise)
            && self.is_plain(whole)
        {
            let a = self.value(then, Slot::Plain(s))?.expr;
            let b = self.value(o, Slot::Plain(s))?.expr;
            let t = Typed::new(self.choose_if(c, a, b, None), GoTy::Plain(s));
            return self.fit(t, slot);
        }
        let (ty, required) = match slot {
            Slot::Input(ty, required) => (ty, required),
            Slot::Export => (&whole.ty, true),
            _ => return Err("an `if` value that is not plain needs a resource input".into()),
        };
        let required = required && otherwise.is_some();
        // A branch reading a conditional resource (nil where its condition fails) is only
        // evaluated when taken.
        let reads = |v: &Value| {
            !self.project().conditional_reads(v).is_empty()
                || !self.project().conditional_instance_reads(v).is_empty()
        };
        let lazy = reads(then) || otherwise.is_some_and(reads);
        let iface = input_name(ty, required, self.imports)?;
        let a = self.input(then, ty, required)?;
        let b = match otherwise {
            Some(o) => self.input(o, ty, required)?,
            None => Expr::raw("nil"),
        };
        if lazy {
            self.needs.if_lazy = true;
            let utils = self.utils();
            let func = |e: Expr| Expr::raw(format!("func() {iface} {{ return {} }}", e.print(0)));
            return Ok(Typed::new(
                Expr::call(format!("{utils}.IfLazy"), vec![c, func(a), func(b)]),
                GoTy::Input,
            ));
        }
        Ok(Typed::new(
            self.choose_if(c, a, b, Some(&iface)),
            GoTy::Input,
        ))
    }

    fn choose_if(&mut self, cond: Expr, a: Expr, b: Expr, type_arg: Option<&str>) -> Expr {
        self.needs.if_ = true;
        let utils = self.utils();
        let func = match type_arg {
            Some(t) => format!("{utils}.If[{t}]"),
            None => format!("{utils}.If"),
        };
        Expr::call(func, vec![cond, a, b])
    }
}
