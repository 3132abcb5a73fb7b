//! What the Go SDKs need beyond the IR: whether each property is required (Pulumi's Go SDKs
//! type optional properties as pointers: `StringPtrInput`, `StringPtrOutput`), and the Go
//! package and type names of schema tokens.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::ir::Type;

/// The provider schemas the checker reads, as shipped with infragen.
const SCHEMAS: &[&str] = &[
    include_str!("../../../schemas/aws.json"),
    include_str!("../../../schemas/cloudflare.json"),
    include_str!("../../../schemas/gcp.json"),
];

#[derive(Debug, Clone)]
pub struct Prop {
    pub ty: Type,
    pub required: bool,
}

#[derive(Debug, Default)]
pub struct ResourceFacts {
    pub inputs: BTreeMap<String, Prop>,
    pub outputs: BTreeMap<String, Prop>,
}

#[derive(Debug, Default)]
pub struct Sdk {
    /// Go import base path per package (`gcp` -> `github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp`).
    pub import_base: BTreeMap<String, String>,
    pub resources: BTreeMap<String, ResourceFacts>,
    pub types: BTreeMap<String, BTreeMap<String, Prop>>,
}

/// The schema facts, read once per process.
pub fn sdk() -> &'static Sdk {
    static SDK: OnceLock<Sdk> = OnceLock::new();
    SDK.get_or_init(|| {
        let mut sdk = Sdk::default();
        for text in SCHEMAS {
            // The checker already validated these documents; a failure here is a build bug.
            let package = crate::check::parse_package(text).expect("shipped schema parses");
            let raw: Json = serde_json::from_str(text).expect("shipped schema is JSON");
            sdk.import_base
                .insert(package.name.clone(), package.go_import_base.clone());
            for (token, r) in &package.resources {
                let required_outputs = names(&raw["resources"][token]["required"]);
                let mut facts = ResourceFacts::default();
                for (name, p) in &r.inputs {
                    let required = r.required_inputs.contains(name);
                    facts.inputs.insert(
                        name.clone(),
                        Prop {
                            ty: p.ty.clone(),
                            required,
                        },
                    );
                }
                for (name, p) in &r.outputs {
                    let required = required_outputs.contains(name);
                    facts.outputs.insert(
                        name.clone(),
                        Prop {
                            ty: p.ty.clone(),
                            required,
                        },
                    );
                }
                sdk.resources.insert(token.clone(), facts);
            }
            for (token, t) in &package.types {
                let props = t
                    .properties
                    .iter()
                    .map(|(name, p)| {
                        (
                            name.clone(),
                            Prop {
                                ty: p.ty.clone(),
                                required: t.required.contains(name),
                            },
                        )
                    })
                    .collect();
                sdk.types.insert(token.clone(), props);
            }
        }
        sdk
    })
}

fn names(v: &Json) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A schema token split into what Go needs: `gcp:storage/bucket:Bucket` lives in package
/// `storage` at `<base>/storage` and is called `Bucket`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoSymbol {
    pub import_path: String,
    /// The package's own name (the last element of the import path).
    pub package: String,
    pub name: String,
}

impl Sdk {
    pub fn symbol(&self, token: &str) -> Result<GoSymbol, String> {
        let mut parts = token.split(':');
        let pkg = parts.next().unwrap_or_default();
        let module = parts
            .next()
            .and_then(|m| m.split('/').next())
            .unwrap_or_default();
        let name = parts.next().unwrap_or_default();
        let base = self
            .import_base
            .get(pkg)
            .ok_or_else(|| format!("no Go SDK is known for package `{pkg}` (token `{token}`)"))?;
        let import_path = if module == "index" {
            base.clone()
        } else {
            format!("{base}/{}", module.to_lowercase())
        };
        let package = import_path
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        Ok(GoSymbol {
            import_path,
            package,
            name: super::names::sdk_field(name),
        })
    }

    pub fn resource(&self, token: &str) -> Result<&ResourceFacts, String> {
        self.resources
            .get(token)
            .ok_or_else(|| format!("the Go backend has no schema for resource `{token}`"))
    }

    pub fn object(&self, token: &str) -> Result<&BTreeMap<String, Prop>, String> {
        self.types
            .get(token)
            .ok_or_else(|| format!("the Go backend has no schema for type `{token}`"))
    }

    /// The type of output `attribute` of a resource, with `id` and `urn` built in.
    pub fn output(&self, token: &str, attribute: &str) -> Result<Prop, String> {
        self.resource(token)?
            .outputs
            .get(attribute)
            .cloned()
            .ok_or_else(|| format!("resource `{token}` has no output `{attribute}`"))
    }
}
