//! Indexing and data sources in Python: `config.zones[1]`, lifted access on outputs
//! (`cert.domain_validation_options[0].resource_record_name`), and
//! `aws.route53.get_zone_output(name="example.com").zone_id`.

use heck::ToSnakeCase;

use super::doc::{Doc, string};
use super::names;
use super::values::ValueWriter;
use crate::ir::{IndexKey, Invoke, Value, ValueKind};

impl ValueWriter<'_> {
    pub(super) fn index(&self, base: &Value, key: &IndexKey) -> Doc {
        let b = match &base.kind {
            ValueKind::Invoke(call) => self.invoke(call),
            _ => self.value(base),
        };
        let step = match key {
            IndexKey::Item(i) => format!("[{i}]"),
            IndexKey::Key(k) => format!("[{}]", string(k)),
            IndexKey::Field(f) => format!(".{}", names::property(f)),
        };
        Doc::seq(vec![b, Doc::text(step)])
    }

    /// `aws.route53.get_zone_output(name=..., private_zone=...)`.
    pub(super) fn invoke(&self, call: &Invoke) -> Doc {
        let f = &call.function;
        self.import_provider(&f.token);
        let alias = names::provider_alias(&f.package);
        let function = format!("{}_output", f.name.to_snake_case());
        let callee = if f.module == "index" || f.module.is_empty() {
            format!("{alias}.{function}")
        } else {
            format!("{alias}.{}.{function}", names::sdk_module(&f.module))
        };
        let args = call
            .args
            .iter()
            .filter(|(_, v)| !matches!(v.kind, ValueKind::Null))
            .map(|(k, v)| Doc::kwarg(&names::property(k), self.value(v)))
            .collect();
        Doc::call(callee, args)
    }
}
