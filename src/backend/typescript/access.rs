//! Indexing and data sources in TypeScript: `settings.zones[1]`,
//! `cert.domainValidationOptions.apply((value) => value[0].resourceRecordName)`,
//! `aws.route53.getZoneOutput({ name: "example.com" }).zoneId`.

use super::names::package_alias;
use super::syntax::{Expr, Key, Prop, quote};
use super::values::{Ts, Uses, ValueWriter};
use crate::ir::{IndexKey, Invoke, Project, Type, Value, ValueKind};

impl ValueWriter<'_> {
    /// `base[key]` / `base.field`, flattened into one chain of steps from its root.
    pub(super) fn index(&self, v: &Value, uses: &mut Uses) -> Ts {
        let (root, steps) = chain(v);
        let optional = optional_steps(self.project, root, &steps);
        let base = match &root.kind {
            ValueKind::Invoke(call) => self.invoke(call, uses),
            _ => self.value(root, uses),
        };
        let lifted = matches!(root.kind, ValueKind::Invoke(_)) && !optional.iter().any(|o| *o);
        if !base.output || lifted {
            // A plain value, or lifted access on a call's output:
            // `getZoneOutput({...}).nameServers[1]`.
            let mut e = base.expr;
            for (key, _) in &steps {
                e = match key {
                    IndexKey::Field(f) => e.member(f.clone()),
                    other => e.member(step(other)),
                };
            }
            return Ts {
                expr: e,
                output: base.output,
            };
        }
        // `value!` where the schema says a value may be absent (the checker typed it present).
        let mut path = String::from("value");
        if optional[0] {
            path.push('!');
        }
        for ((key, _), absent) in steps.iter().zip(&optional[1..]) {
            path.push_str(&step(key));
            if *absent {
                path.push('!');
            }
        }
        Ts {
            expr: base.expr.member("apply").call(vec![Expr::Arrow(
                "value".into(),
                Box::new(Expr::ident(path)),
            )]),
            output: true,
        }
    }

    /// `aws.route53.getZoneOutput({ ... })`.
    pub(super) fn invoke(&self, call: &Invoke, uses: &mut Uses) -> Ts {
        let f = &call.function;
        uses.packages.insert(package_alias(&f.package));
        let callee = if f.module == "index" || f.module.is_empty() {
            format!("{}.{}Output", package_alias(&f.package), f.name)
        } else {
            format!(
                "{}.{}.{}Output",
                package_alias(&f.package),
                f.module.replace('/', "."),
                f.name
            )
        };
        let props: Vec<Prop> = call
            .args
            .iter()
            .filter(|(_, v)| !matches!(v.kind, ValueKind::Null))
            .map(|(k, v)| Prop::new(Key::for_name(k), self.value(v, uses).expr))
            .collect();
        let args = if props.is_empty() {
            Vec::new()
        } else {
            vec![Expr::InlineObject(props)]
        };
        Ts {
            expr: Expr::path(&callee).call(args),
            output: true,
        }
    }
}

fn step(key: &IndexKey) -> String {
    match key {
        IndexKey::Item(i) => format!("[{i}]"),
        IndexKey::Key(k) => format!("[{}]", quote(k)),
        IndexKey::Field(f) => format!(".{f}"),
    }
}

/// The root of an index chain and its steps from the root, each with the type it reads from.
pub(super) fn chain(v: &Value) -> (&Value, Vec<(IndexKey, Type)>) {
    let mut steps = Vec::new();
    let mut at = v;
    while let ValueKind::Index { base, key } = &at.kind {
        steps.push((key.clone(), base.ty.clone()));
        at = base;
    }
    steps.reverse();
    (at, steps)
}

/// Whether the root and each step's result may be absent as the SDK types them: the root
/// (a resource output), then one flag per step (a property the schema does not require).
pub(super) fn optional_steps(
    project: &Project,
    root: &Value,
    steps: &[(IndexKey, Type)],
) -> Vec<bool> {
    let mut out = vec![match &root.kind {
        ValueKind::Output {
            resource: crate::ir::ResourceRef::Resource(i),
            attribute,
        } => project
            .schema
            .output(&project.resources[*i].kind.token, attribute)
            .is_some_and(|p| !p.required),
        _ => false,
    }];
    for (key, from) in steps {
        out.push(match (key, from) {
            (IndexKey::Field(f), Type::Object(token)) => project
                .schema
                .object(token)
                .and_then(|o| o.properties.get(f))
                .is_some_and(|p| !p.required),
            _ => false,
        });
    }
    out
}
