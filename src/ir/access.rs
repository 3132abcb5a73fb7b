//! Indexing and data sources in the IR: `config.zones[1]`, `cert.domain_validation_options[0]
//! .resource_record_name`, `aws.route53.getZone({ ... }).zone_id`.

use super::Value;

/// One step of `ValueKind::Index`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndexKey {
    /// An item of a list, from 0.
    Item(usize),
    /// An item of a map, by key.
    Key(String),
    /// A property of a schema object (or of a data source's result), by schema (camelCase) name.
    Field(String),
}

impl IndexKey {
    /// The step as the plan's placeholders write it: `[0]`, `[team]`, `.resourceRecordName`.
    pub fn placeholder(&self) -> String {
        match self {
            IndexKey::Item(i) => format!("[{i}]"),
            IndexKey::Key(k) => format!("[{k}]"),
            IndexKey::Field(f) => format!(".{f}"),
        }
    }
}

/// A provider function of a schema (a data source), as every SDK names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataSource {
    /// `aws:route53/getZone:getZone`
    pub token: String,
    /// `aws`
    pub package: String,
    /// `route53` (`index` for top-level functions)
    pub module: String,
    /// The schema's function name: `getZone` (TypeScript `getZoneOutput`, Python `get_zone_output`).
    pub name: String,
    /// Go's name: `LookupZone` where the module has a resource `Zone` (whose `GetZone` reads
    /// an existing resource), `GetZone` otherwise; the output form adds `Output`.
    pub go_name: String,
    /// The friendly name the program wrote: `aws.route53.getZone` (the plan's placeholders).
    pub friendly: String,
}

/// A data source called with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoke {
    pub function: DataSource,
    /// By schema (camelCase) input name, in source order.
    pub args: Vec<(String, Value)>,
}
