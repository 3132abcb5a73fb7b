//! Conditions and `if` values in Python: `cfg.env == "dev" and cfg.ha`,
//! `"REGIONAL" if cfg.ha else "ZONAL"` (conditions read only plain values).

use super::doc::Doc;
use super::values::ValueWriter;
use crate::ir::{BinOp, Value, ValueKind};

impl ValueWriter<'_> {
    /// A condition as Python source. `not a == b` is written `a != b` (ruff SIM201/SIM202).
    pub fn condition(&self, v: &Value) -> String {
        match &v.kind {
            ValueKind::Not(x) => match &x.kind {
                ValueKind::Binary {
                    op: op @ (BinOp::Eq | BinOp::Ne),
                    left,
                    right,
                } => {
                    let negated = if *op == BinOp::Eq { "!=" } else { "==" };
                    format!(
                        "{} {negated} {}",
                        self.operand(left, Some(*op)),
                        self.operand(right, Some(*op))
                    )
                }
                ValueKind::Not(inner) => self.condition(inner),
                _ => format!("not {}", self.operand(x, None)),
            },
            ValueKind::Binary { op, left, right } => {
                let symbol = match op {
                    BinOp::Eq => "==",
                    BinOp::Ne => "!=",
                    BinOp::And => "and",
                    BinOp::Or => "or",
                };
                format!(
                    "{} {symbol} {}",
                    self.operand(left, Some(*op)),
                    self.operand(right, Some(*op))
                )
            }
            _ => self.value(v).flat(),
        }
    }

    /// An operand of `parent` (`None` for `not`), in parentheses where it binds looser.
    fn operand(&self, v: &Value, parent: Option<BinOp>) -> String {
        let s = self.condition(v);
        let ValueKind::Binary { op, .. } = &v.kind else {
            return s;
        };
        let wrap = match parent {
            None => op.precedence() < 3,
            Some(p) => {
                op.precedence() < p.precedence() || (op.precedence() == 3 && p.precedence() == 3)
            }
        };
        if wrap { format!("({s})") } else { s }
    }

    /// `a if cond else b`; without `else`, `None`.
    pub fn if_value(&self, cond: &Value, then: &Value, otherwise: Option<&Value>) -> Doc {
        let b = otherwise
            .map(|o| self.value(o).flat())
            .unwrap_or_else(|| "None".to_string());
        Doc::text(format!(
            "{} if {} else {b}",
            self.value(then).flat(),
            self.condition(cond)
        ))
    }
}
