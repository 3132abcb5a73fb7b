//! Conditions and `if` values in TypeScript: `environment.name === "dev" && settings.ha`,
//! `settings.ha ? "REGIONAL" : "ZONAL"` (conditions read only plain values).

use super::syntax::{Expr, flat};
use super::values::{Ts, Uses, ValueWriter};
use crate::ir::{BinOp, Value, ValueKind};

impl ValueWriter<'_> {
    /// A condition as TypeScript source.
    pub fn condition(&self, v: &Value, uses: &mut Uses) -> String {
        match &v.kind {
            ValueKind::Not(x) => format!("!{}", self.operand(x, None, uses)),
            ValueKind::Binary { op, left, right } => {
                let symbol = match op {
                    BinOp::Eq => "===",
                    BinOp::Ne => "!==",
                    BinOp::And => "&&",
                    BinOp::Or => "||",
                };
                format!(
                    "{} {symbol} {}",
                    self.operand(left, Some(*op), uses),
                    self.operand(right, Some(*op), uses)
                )
            }
            _ => flat(&self.value(v, uses).expr),
        }
    }

    /// An operand of `parent` (`None` for `!`), in parentheses where prettier keeps them:
    /// around any operator under `!`, a comparison under a comparison, and `&&`/`||` mixed.
    fn operand(&self, v: &Value, parent: Option<BinOp>, uses: &mut Uses) -> String {
        let s = self.condition(v, uses);
        let ValueKind::Binary { op, .. } = &v.kind else {
            return s;
        };
        let wrap = match parent {
            None => true,
            Some(p) => {
                op.precedence() < p.precedence()
                    || (p != *op && op.precedence() < 3)
                    || (op.precedence() == 3 && p.precedence() == 3)
            }
        };
        if wrap { format!("({s})") } else { s }
    }

    /// `cond ? a : b`; without `else`, `undefined`.
    pub fn if_value(
        &self,
        cond: &Value,
        then: &Value,
        otherwise: Option<&Value>,
        uses: &mut Uses,
    ) -> Ts {
        let c = self.condition(cond, uses);
        let a = self.value(then, uses);
        let b = otherwise.map(|o| self.value(o, uses));
        let output = a.output || b.as_ref().is_some_and(|b| b.output);
        let b = b
            .map(|b| flat(&b.expr))
            .unwrap_or_else(|| "undefined".to_string());
        Ts {
            expr: Expr::Ident(format!("{c} ? {} : {b}", flat(&a.expr))),
            output,
        }
    }
}
