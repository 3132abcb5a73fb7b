//! Schemas and binding rules shipped inside the binary.

/// (file name, JSON text) of every built-in provider schema.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("schemas/aws.json", include_str!("../../schemas/aws.json")),
    ("schemas/cloudflare.json", include_str!("../../schemas/cloudflare.json")),
    ("schemas/gcp.json", include_str!("../../schemas/gcp.json")),
];

pub const BINDING_RULES: (&str, &str) = (
    "schemas/bindings.json",
    include_str!("../../schemas/bindings.json"),
);
