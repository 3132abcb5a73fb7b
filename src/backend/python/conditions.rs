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

    /// `a if cond else b`; without `else`, `None`. A branch reading a conditional resource
    /// also tests that it exists (`and x is not None`, which narrows its type; the checker
    /// guarantees that it does where the condition holds).
    pub fn if_value(&self, cond: &Value, then: &Value, otherwise: Option<&Value>) -> Doc {
        let then_reads = self.project.conditional_reads(then);
        let else_reads = otherwise
            .map(|o| self.project.conditional_reads(o))
            .unwrap_or_default();
        let instance_reads = |v: &Value| !self.project.conditional_instance_reads(v).is_empty();
        let (cond_text, a, b, reads) = match otherwise {
            Some(o)
                if then_reads.is_empty()
                    && !instance_reads(then)
                    && (!else_reads.is_empty() || instance_reads(o)) =>
            {
                let negated = Value::new(ValueKind::Not(Box::new(cond.clone())), cond.ty.clone());
                (self.condition(&negated), o, Some(then), else_reads)
            }
            _ => (self.condition(cond), then, otherwise, then_reads),
        };
        let mut test = cond_text;
        let instances = self.project.conditional_instance_reads(a);
        if !reads.is_empty() || !instances.is_empty() {
            if matches!(cond.kind, ValueKind::Binary { op: BinOp::Or, .. }) {
                test = format!("({test})");
            }
            for i in reads {
                let name = self.resource(&crate::ir::ResourceRef::Resource(i));
                test.push_str(&format!(" and {name} is not None"));
            }
            for k in instances {
                test.push_str(&format!(" and {} is not None", self.instance(k)));
            }
        }
        let b = b
            .map(|o| self.value(o))
            .unwrap_or_else(|| Doc::text("None"));
        Doc::conditional(self.value(a), test, b)
    }
}
