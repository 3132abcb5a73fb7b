//! Pulumi Package Schemas (the JSON `pulumi package get-schema` prints), read into the subset
//! the checker needs: resources with their input and output properties, and object types.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use crate::ir::Type;

#[derive(Debug, Clone)]
pub struct Package {
    pub name: String,
    pub version: String,
    /// The schema's `language` section: language -> its string settings.
    pub language: BTreeMap<String, BTreeMap<String, String>>,
    /// Shared, so a checker holds a kind's schema without copying its property tables.
    pub resources: BTreeMap<String, std::sync::Arc<ResourceSchema>>,
    pub types: BTreeMap<String, std::sync::Arc<ObjectSchema>>,
    /// The schema's `config.variables`: the settings of the package's default provider.
    pub config: BTreeMap<String, Property>,
}

#[derive(Debug, Clone)]
pub struct ResourceSchema {
    pub token: String,
    pub description: String,
    pub inputs: BTreeMap<String, Property>,
    pub required_inputs: BTreeSet<String>,
    pub outputs: BTreeMap<String, Property>,
    pub required_outputs: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct ObjectSchema {
    pub properties: BTreeMap<String, Property>,
    pub required: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct Property {
    pub ty: Type,
    pub secret: bool,
    pub deprecation: Option<String>,
}

/// Reads one schema document. Errors are messages for a diagnostic.
pub fn parse_package(text: &str) -> Result<Package, String> {
    let doc: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let name = doc["name"]
        .as_str()
        .ok_or("schema has no `name`")?
        .to_string();
    let lang = &doc["language"];
    let str_at = |v: &Json| v.as_str().unwrap_or_default().to_string();
    let mut package = Package {
        version: str_at(&doc["version"]),
        language: lang
            .as_object()
            .map(|sections| {
                sections
                    .iter()
                    .map(|(language, settings)| {
                        let strings = settings
                            .as_object()
                            .into_iter()
                            .flatten()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                            .collect();
                        (language.clone(), strings)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        name,
        resources: BTreeMap::new(),
        types: BTreeMap::new(),
        config: properties(&doc["config"]["variables"])?,
    };
    if let Some(types) = doc["types"].as_object() {
        for (token, t) in types {
            package.types.insert(
                token.clone(),
                std::sync::Arc::new(ObjectSchema {
                    properties: properties(&t["properties"])?,
                    required: names(&t["required"]),
                }),
            );
        }
    }
    if let Some(resources) = doc["resources"].as_object() {
        for (token, r) in resources {
            package.resources.insert(
                token.clone(),
                std::sync::Arc::new(ResourceSchema {
                    token: token.clone(),
                    description: first_sentence(r["description"].as_str().unwrap_or_default()),
                    inputs: properties(&r["inputProperties"])?,
                    required_inputs: names(&r["requiredInputs"]),
                    outputs: properties(&r["properties"])?,
                    required_outputs: names(&r["required"]),
                }),
            );
        }
    }
    // The provider resource is a kind like any other (`aws.Provider`), so that an explicit
    // provider is declared, typed and lowered as a resource.
    if doc["provider"].is_object() {
        let token = provider_token(&package.name);
        package.resources.insert(
            token.clone(),
            std::sync::Arc::new(ResourceSchema {
                token,
                description: "The provider resource.".into(),
                inputs: properties(&doc["provider"]["inputProperties"])?,
                required_inputs: names(&doc["provider"]["requiredInputs"]),
                outputs: BTreeMap::new(),
                required_outputs: BTreeSet::new(),
            }),
        );
    }
    Ok(package)
}

/// The token under which a package's provider resource is kept (`aws:index/provider:Provider`);
/// it registers as `pulumi:providers:aws` (`ir::Kind::registered_type`).
pub fn provider_token(package: &str) -> String {
    format!("{package}:index/provider:Provider")
}

fn names(v: &Json) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn first_sentence(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    line.trim().to_string()
}

fn properties(v: &Json) -> Result<BTreeMap<String, Property>, String> {
    let mut out = BTreeMap::new();
    if let Some(map) = v.as_object() {
        for (name, p) in map {
            out.insert(
                name.clone(),
                Property {
                    ty: type_of(p).map_err(|e| format!("property `{name}`: {e}"))?,
                    secret: p["secret"].as_bool().unwrap_or(false),
                    deprecation: p["deprecationMessage"].as_str().map(str::to_string),
                },
            );
        }
    }
    Ok(out)
}

fn type_of(p: &Json) -> Result<Type, String> {
    if let Some(r) = p["$ref"].as_str() {
        return Ok(match r {
            "pulumi.json#/Any" => Type::Any,
            "pulumi.json#/Archive" => Type::Archive,
            "pulumi.json#/Asset" => Type::Asset,
            "pulumi.json#/Json" => Type::Any,
            _ => match r.split_once("#/types/") {
                Some((_, token)) => Type::Object(token.to_string()),
                None => match r.split_once("#/resources/") {
                    Some((_, token)) => Type::Resource(token.to_string()),
                    None => return Err(format!("unsupported $ref `{r}`")),
                },
            },
        });
    }
    if p.get("oneOf").is_some() {
        return Ok(Type::Any);
    }
    Ok(match p["type"].as_str() {
        Some("string") => Type::String,
        Some("integer") => Type::Int,
        Some("number") => Type::Number,
        Some("boolean") => Type::Bool,
        Some("array") => Type::List(Box::new(type_of(&p["items"])?)),
        Some("object") => match p.get("additionalProperties") {
            Some(ap) => Type::Map(Box::new(type_of(ap)?)),
            None => Type::Map(Box::new(Type::Any)),
        },
        Some(other) => return Err(format!("unsupported type `{other}`")),
        None => Type::Any,
    })
}

/// All packages known to one project, with the friendly-name index.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    /// Shared: the built-in schemas are parsed once per process and every project reuses them.
    pub packages: BTreeMap<String, std::sync::Arc<Package>>,
    /// `gcp.storage.Bucket` -> `gcp:storage/bucket:Bucket`
    friendly: BTreeMap<String, String>,
}

impl SchemaSet {
    pub fn add(&mut self, package: Package) {
        for token in package.resources.keys() {
            if let Some(f) = friendly_name(token) {
                self.friendly.insert(f, token.clone());
            }
        }
        self.packages
            .insert(package.name.clone(), std::sync::Arc::new(package));
    }

    /// Resolves a friendly kind name or a full token.
    pub fn resolve_kind(&self, name: &str) -> Option<&std::sync::Arc<ResourceSchema>> {
        let token = if name.contains(':') {
            name
        } else {
            self.friendly.get(name)?.as_str()
        };
        let package = self.packages.get(token.split(':').next()?)?;
        package.resources.get(token)
    }

    pub fn friendly_names(&self) -> impl Iterator<Item = &str> {
        self.friendly.keys().map(String::as_str)
    }

    pub fn object_type(&self, token: &str) -> Option<&std::sync::Arc<ObjectSchema>> {
        self.packages
            .get(token.split(':').next()?)?
            .types
            .get(token)
    }
}

/// `gcp:storage/bucket:Bucket` -> `gcp.storage.Bucket`; `cloudflare:index/queue:Queue` ->
/// `cloudflare.Queue`.
pub fn friendly_name(token: &str) -> Option<String> {
    let mut parts = token.split(':');
    let package = parts.next()?;
    let module = parts.next()?.split('/').next()?;
    let class = parts.next()?;
    Some(if module == "index" {
        format!("{package}.{class}")
    } else {
        format!("{package}.{module}.{class}")
    })
}

/// Splits a resource token into (package, module, class).
pub fn split_token(token: &str) -> (String, String, String) {
    let mut parts = token.split(':');
    let package = parts.next().unwrap_or_default().to_string();
    let module = parts
        .next()
        .unwrap_or_default()
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let class = parts.next().unwrap_or_default().to_string();
    (package, module, class)
}
