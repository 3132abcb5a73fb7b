//! Schemas and binding rules shipped inside the binary.

/// (file name, JSON text) of every built-in provider schema.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("schemas/aws.json", include_str!("../../schemas/aws.json")),
    (
        "schemas/cloudflare.json",
        include_str!("../../schemas/cloudflare.json"),
    ),
    ("schemas/gcp.json", include_str!("../../schemas/gcp.json")),
];

pub const BINDING_RULES: (&str, &str) = (
    "schemas/bindings.json",
    include_str!("../../schemas/bindings.json"),
);

/// The built-in schemas, parsed once per process.
pub fn schemas() -> &'static super::SchemaSet {
    static SET: std::sync::OnceLock<super::SchemaSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = super::SchemaSet::default();
        for (name, text) in SCHEMAS {
            let pkg = super::parse_package(text)
                .unwrap_or_else(|e| panic!("built-in schema {name} is invalid: {e}"));
            set.add(pkg);
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
