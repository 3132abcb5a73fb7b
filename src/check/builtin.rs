//! Schemas and binding rules shipped inside the binary.

use super::schema::Builtin;

/// A provider schema of `schemas/full/`, read the first time a project uses it.
macro_rules! full {
    ($name:literal, $version:literal) => {
        Builtin {
            name: $name,
            version: $version,
            bytes: include_bytes!(concat!(
                "../../schemas/full/",
                $name,
                "-",
                $version,
                ".json.gz"
            )),
            package: std::sync::OnceLock::new(),
        }
    };
}

/// Every built-in provider schema: the complete schemas of the pinned versions.
pub static SCHEMAS: [Builtin; 4] = [
    full!("aws", "7.41.0"),
    full!("cloudflare", "6.18.0"),
    full!("gcp", "9.37.0"),
    full!("random", "4.21.1"),
];

pub const BINDING_RULES: (&str, &str) = (
    "schemas/bindings.json",
    include_str!("../../schemas/bindings.json"),
);

/// The built-in schemas; each package is read on first use, once per process.
pub fn schemas() -> &'static super::SchemaSet {
    static SET: std::sync::OnceLock<super::SchemaSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = super::SchemaSet::default();
        for builtin in &SCHEMAS {
            set.add_builtin(builtin);
        }
        set
    })
}

/// The built-in binding rules, parsed once per process.
pub fn rules() -> &'static [super::rules::Rule] {
    static RULES: std::sync::OnceLock<Vec<super::rules::Rule>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        super::rules::parse_rules(BINDING_RULES.1)
            .unwrap_or_else(|e| panic!("built-in binding rules are invalid: {e}"))
    })
}
