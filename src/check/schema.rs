//! Pulumi Package Schemas (the JSON `pulumi package get-schema` prints), read into the subset
//! the checker needs: resources with their input and output properties, object types and
//! functions (data sources). A package is indexed once (`schema_index.rs`, cached on disk) and
//! each resource, type or function is decoded the first time something asks for it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde_json::Value as Json;

use super::schema_index::{self, Body, Indexed, Place, Recovery};
use crate::ir::Type;

/// One provider's schema: its name, version and language settings, and lazily decoded entries.
#[derive(Debug)]
pub struct Package {
    pub name: String,
    pub version: String,
    /// The schema's `language` section: language -> its string settings.
    pub language: BTreeMap<String, BTreeMap<String, String>>,
    resources: BTreeMap<String, Entry<ResourceSchema>>,
    types: BTreeMap<String, Entry<ObjectSchema>>,
    functions: BTreeMap<String, Entry<FunctionSchema>>,
    /// Enum type token -> the type of its values.
    enums: BTreeMap<String, Type>,
    /// `gcp.storage.Bucket` -> `gcp:storage/bucket:Bucket`
    friendly_kinds: BTreeMap<String, String>,
    /// `aws.route53.getZone` -> `aws:route53/getZone:getZone`
    friendly_functions: BTreeMap<String, String>,
    body: Body,
    /// How to rebuild the body should the cache file behind it be damaged.
    recovery: Option<Recovery>,
    /// The rebuilt body, once an entry of `body` failed its checksum.
    rebuilt: OnceLock<Option<Body>>,
}

/// Where an entry's JSON is in the package body, and the entry once decoded.
#[derive(Debug)]
struct Entry<T> {
    offset: u64,
    len: u32,
    checksum: u32,
    decoded: OnceLock<Option<Arc<T>>>,
}

#[derive(Debug, Clone)]
pub struct ResourceSchema {
    pub token: String,
    pub description: String,
    pub inputs: BTreeMap<String, Property>,
    pub required_inputs: BTreeSet<String>,
    pub outputs: BTreeMap<String, Property>,
    pub required_outputs: BTreeSet<String>,
    pub deprecation: Option<String>,
    /// The schema's `aliases` (old type tokens): the SDK class sends them with every resource.
    pub aliases: Vec<String>,
    /// Inputs' `default` values: every SDK sends them when the program leaves the input unset.
    pub defaults: BTreeMap<String, Json>,
}

#[derive(Debug, Clone)]
pub struct ObjectSchema {
    pub description: String,
    pub properties: BTreeMap<String, Property>,
    pub required: BTreeSet<String>,
}

/// A function (data source) such as `aws.route53.getZone`: what it takes and what it returns.
#[derive(Debug, Clone)]
pub struct FunctionSchema {
    pub token: String,
    pub description: String,
    pub inputs: ObjectSchema,
    pub outputs: ObjectSchema,
    pub deprecation: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Property {
    pub ty: Type,
    pub secret: bool,
    pub deprecation: Option<String>,
    pub description: String,
}

/// Reads one schema document given as text.
pub fn parse_package(text: &str) -> Result<Package, String> {
    Package::from_bytes(text.as_bytes())
}

impl Package {
    /// Reads a schema given as JSON or gzipped JSON bytes, through the index cache.
    pub fn from_bytes(bytes: &[u8]) -> Result<Package, String> {
        Ok(Package::from_index(schema_index::load(bytes)?))
    }

    /// [`Package::from_bytes`], read once per process for equal bytes (the language server
    /// re-checks a project with a large schema of its own on every edit).
    pub fn shared(bytes: &[u8]) -> Result<Arc<Package>, String> {
        type Memo = std::sync::Mutex<BTreeMap<String, Arc<Package>>>;
        static MEMO: OnceLock<Memo> = OnceLock::new();
        let key = schema_index::hash(bytes);
        let memo = MEMO.get_or_init(Default::default);
        if let Some(p) = memo.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(p.clone());
        }
        let package = Arc::new(Package::from_bytes(bytes)?);
        memo.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, package.clone());
        Ok(package)
    }

    pub(super) fn from_index(indexed: Indexed) -> Package {
        let Indexed {
            header,
            body,
            recovery,
        } = indexed;
        let friendly = |tokens: &[Place]| {
            tokens
                .iter()
                .filter_map(|(t, _, _, _)| Some((friendly_name(t)?, t.clone())))
                .collect()
        };
        Package {
            friendly_kinds: friendly(&header.resources),
            friendly_functions: friendly(&header.functions),
            name: header.name,
            version: header.version,
            language: header.language,
            resources: entries(header.resources),
            types: entries(header.types),
            functions: entries(header.functions),
            enums: header
                .enums
                .into_iter()
                .map(|(token, ty)| (token, primitive(&ty)))
                .collect(),
            body,
            recovery,
            rebuilt: OnceLock::new(),
        }
    }

    /// An entry's JSON bytes; from a body rebuilt from the schema if the cache file is damaged.
    fn entry_bytes<T>(&self, entry: &Entry<T>) -> Option<Vec<u8>> {
        let (offset, len, checksum) = (entry.offset, entry.len, entry.checksum);
        self.body.read(offset, len, checksum).ok().or_else(|| {
            let rebuilt = self
                .rebuilt
                .get_or_init(|| self.recovery.as_ref()?.rebuild());
            rebuilt.as_ref()?.read(offset, len, checksum).ok()
        })
    }

    fn decode<'a, T>(
        &self,
        entry: &'a Entry<T>,
        decode: impl FnOnce(&Json, &BTreeMap<String, Type>) -> Result<T, String>,
    ) -> Option<&'a Arc<T>> {
        entry
            .decoded
            .get_or_init(|| {
                let bytes = self.entry_bytes(entry)?;
                let json: Json = serde_json::from_slice(&bytes).ok()?;
                decode(&json, &self.enums).ok().map(Arc::new)
            })
            .as_ref()
    }

    pub fn resource(&self, token: &str) -> Option<&Arc<ResourceSchema>> {
        let entry = self.resources.get(token)?;
        self.decode(entry, |j, e| decode_resource(token, j, e))
    }

    pub fn object_type(&self, token: &str) -> Option<&Arc<ObjectSchema>> {
        self.decode(self.types.get(token)?, decode_object)
    }

    pub fn function(&self, token: &str) -> Option<&Arc<FunctionSchema>> {
        let entry = self.functions.get(token)?;
        self.decode(entry, |j, e| decode_function(token, j, e))
    }

    /// (friendly name, token) of every resource kind, sorted by friendly name. The package's
    /// provider resource (`<package>:index/provider:Provider`) is not one: it is declared with
    /// `provider`, and the SDKs count it apart from their resource classes.
    pub fn kinds(&self) -> impl Iterator<Item = (&str, &str)> {
        self.friendly_kinds
            .iter()
            .filter(|(_, t)| !t.ends_with(":index/provider:Provider"))
            .map(|(f, t)| (f.as_str(), t.as_str()))
    }

    /// (friendly name, token) of every function, sorted by friendly name.
    pub fn functions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.friendly_functions
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
    }

    pub fn kind_token(&self, friendly: &str) -> Option<&str> {
        self.friendly_kinds.get(friendly).map(String::as_str)
    }

    pub fn function_token(&self, friendly: &str) -> Option<&str> {
        self.friendly_functions.get(friendly).map(String::as_str)
    }
}

fn entries<T>(list: Vec<Place>) -> BTreeMap<String, Entry<T>> {
    list.into_iter()
        .map(|(token, offset, len, checksum)| {
            let decoded = OnceLock::new();
            (
                token,
                Entry {
                    offset,
                    len,
                    checksum,
                    decoded,
                },
            )
        })
        .collect()
}

/// Decodes a `resources` entry.
pub(super) fn decode_resource(
    token: &str,
    r: &Json,
    enums: &BTreeMap<String, Type>,
) -> Result<ResourceSchema, String> {
    Ok(ResourceSchema {
        token: token.to_string(),
        description: first_sentence(&r["description"]),
        inputs: properties(&r["inputProperties"], enums)?,
        required_inputs: names(&r["requiredInputs"]),
        outputs: properties(&r["properties"], enums)?,
        required_outputs: names(&r["required"]),
        deprecation: r["deprecationMessage"].as_str().map(str::to_string),
        aliases: r["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["type"].as_str().map(str::to_string))
            .collect(),
        defaults: r["inputProperties"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(n, p)| Some((n.clone(), p.get("default")?.clone())))
            .collect(),
    })
}

/// Decodes a `types` entry (an object type) or a function's `inputs`/`outputs`.
pub(super) fn decode_object(
    t: &Json,
    enums: &BTreeMap<String, Type>,
) -> Result<ObjectSchema, String> {
    Ok(ObjectSchema {
        description: first_sentence(&t["description"]),
        properties: properties(&t["properties"], enums)?,
        required: names(&t["required"]),
    })
}

/// Decodes a `functions` entry.
pub(super) fn decode_function(
    token: &str,
    f: &Json,
    enums: &BTreeMap<String, Type>,
) -> Result<FunctionSchema, String> {
    Ok(FunctionSchema {
        token: token.to_string(),
        description: first_sentence(&f["description"]),
        inputs: decode_object(&f["inputs"], enums).map_err(|e| format!("inputs: {e}"))?,
        outputs: decode_object(&f["outputs"], enums).map_err(|e| format!("outputs: {e}"))?,
        deprecation: f["deprecationMessage"].as_str().map(str::to_string),
    })
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

fn first_sentence(s: &Json) -> String {
    let line = s
        .as_str()
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default();
    line.trim().to_string()
}

fn properties(
    v: &Json,
    enums: &BTreeMap<String, Type>,
) -> Result<BTreeMap<String, Property>, String> {
    let mut out = BTreeMap::new();
    if let Some(map) = v.as_object() {
        for (name, p) in map {
            out.insert(
                name.clone(),
                Property {
                    ty: type_of(p, enums).map_err(|e| format!("property `{name}`: {e}"))?,
                    secret: p["secret"].as_bool().unwrap_or(false),
                    deprecation: p["deprecationMessage"].as_str().map(str::to_string),
                    description: first_sentence(&p["description"]),
                },
            );
        }
    }
    Ok(out)
}

/// The type of an enum's values: `string`, `integer`, `number` or `boolean`.
pub(super) fn primitive(name: &str) -> Type {
    match name {
        "integer" => Type::Int,
        "number" => Type::Number,
        "boolean" => Type::Bool,
        _ => Type::String,
    }
}

fn type_of(p: &Json, enums: &BTreeMap<String, Type>) -> Result<Type, String> {
    if let Some(r) = p["$ref"].as_str() {
        return Ok(match r {
            "pulumi.json#/Any" => Type::Any,
            "pulumi.json#/Archive" => Type::Archive,
            "pulumi.json#/Asset" => Type::Asset,
            "pulumi.json#/Json" => Type::Any,
            _ => match r.split_once("#/types/") {
                // An enum is a value of its underlying type.
                Some((_, token)) => match enums.get(token) {
                    Some(ty) => ty.clone(),
                    None => Type::Object(token.to_string()),
                },
                None => match r.split_once("#/resources/") {
                    Some((_, token)) => Type::Resource(token.to_string()),
                    None => return Err(format!("unsupported $ref `{r}`")),
                },
            },
        });
    }
    if let Some(alternatives) = p.get("oneOf").and_then(Json::as_array) {
        // `string | enums.lambda.Runtime` is a string; alternatives of different types are any.
        let types = alternatives
            .iter()
            .map(|a| type_of(a, enums))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(match types.split_first() {
            Some((first, rest)) if rest.iter().all(|t| t == first) => first.clone(),
            _ => Type::Any,
        });
    }
    Ok(match p["type"].as_str() {
        Some("string") => Type::String,
        Some("integer") => Type::Int,
        Some("number") => Type::Number,
        Some("boolean") => Type::Bool,
        Some("array") => Type::List(Box::new(type_of(&p["items"], enums)?)),
        Some("object") => match p.get("additionalProperties") {
            Some(ap) => Type::Map(Box::new(type_of(ap, enums)?)),
            None => Type::Map(Box::new(Type::Any)),
        },
        Some(other) => return Err(format!("unsupported type `{other}`")),
        None => Type::Any,
    })
}

/// A package shipped inside the binary: read (indexed) the first time a project uses it.
#[derive(Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub version: &'static str,
    pub bytes: &'static [u8],
    pub package: OnceLock<Package>,
}

impl Builtin {
    pub fn get(&self) -> &Package {
        self.package.get_or_init(|| {
            Package::from_bytes(self.bytes).unwrap_or_else(|e| {
                panic!(
                    "built-in schema {}-{} is invalid: {e}",
                    self.name, self.version
                )
            })
        })
    }
}

#[derive(Debug, Clone)]
enum Slot {
    Builtin(&'static Builtin),
    Loaded(Arc<Package>),
}

impl Slot {
    fn get(&self) -> &Package {
        match self {
            Slot::Builtin(b) => b.get(),
            Slot::Loaded(p) => p,
        }
    }
}

/// All packages known to one project, by provider name. Cloning shares the packages.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    packages: BTreeMap<String, Slot>,
}

impl SchemaSet {
    /// Adds (or replaces) a package read by the caller.
    pub fn add(&mut self, package: Package) {
        self.packages
            .insert(package.name.clone(), Slot::Loaded(Arc::new(package)));
    }

    /// Adds (or replaces) a package shared with other sets.
    pub fn add_shared(&mut self, package: Arc<Package>) {
        self.packages
            .insert(package.name.clone(), Slot::Loaded(package));
    }

    /// Adds a built-in package without reading it.
    pub fn add_builtin(&mut self, builtin: &'static Builtin) {
        self.packages
            .insert(builtin.name.to_string(), Slot::Builtin(builtin));
    }

    /// The names of the packages, without reading any.
    pub fn package_names(&self) -> impl Iterator<Item = &str> {
        self.packages.keys().map(String::as_str)
    }

    /// A package by provider name, read (indexed) on first use.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.get(name).map(Slot::get)
    }

    /// The package a friendly name or token belongs to: the text before `:` or the first `.`.
    fn package_of(&self, name: &str) -> Option<&Package> {
        let end = name.find([':', '.']).unwrap_or(name.len());
        self.package(&name[..end])
    }

    /// Resolves a friendly kind name or a full token.
    pub fn resolve_kind(&self, name: &str) -> Option<&Arc<ResourceSchema>> {
        let package = self.package_of(name)?;
        let token = if name.contains(':') {
            name
        } else {
            package.kind_token(name)?
        };
        package.resource(token)
    }

    /// Resolves a friendly function name (`aws.route53.getZone`) or a full token.
    pub fn function(&self, name: &str) -> Option<&Arc<FunctionSchema>> {
        let package = self.package_of(name)?;
        let token = if name.contains(':') {
            name
        } else {
            package.function_token(name)?
        };
        package.function(token)
    }

    /// Every friendly kind name of every package (reads every package: for suggestions).
    pub fn friendly_names(&self) -> impl Iterator<Item = &str> {
        self.packages
            .values()
            .flat_map(|slot| slot.get().kinds().map(|(f, _)| f))
    }

    pub fn object_type(&self, token: &str) -> Option<&Arc<ObjectSchema>> {
        self.package_of(token)?.object_type(token)
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

/// The Go names of a module's resources, as Pulumi's Go generator gives them (by class): the
/// class with its first letter upper-cased (`entitlement` is `Entitlement`), and
/// `<X>Resource` where another resource's collection types (`<Y>Map`, `<Y>Array`) are named
/// `<X>` (gcp's `CertificateMap` is `CertificateMapResource`, beside `Certificate`'s
/// `CertificateMap` type).
pub fn go_resource_names(package: &Package, module: &str) -> BTreeMap<String, String> {
    let upper_first = |s: &str| -> String {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    };
    let classes: BTreeSet<String> = package
        .kinds()
        .map(|(_, token)| split_token(token))
        .filter(|(_, m, _)| m == module)
        .map(|(_, _, class)| class)
        .collect();
    let collections: BTreeSet<String> = classes
        .iter()
        .flat_map(|c| {
            let c = upper_first(c);
            [format!("{c}Map"), format!("{c}Array")]
        })
        .collect();
    classes
        .into_iter()
        .map(|class| {
            let go = upper_first(&class);
            let go = if collections.contains(&go) {
                format!("{go}Resource")
            } else {
                go
            };
            (class, go)
        })
        .collect()
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

/// The token under which a package's provider resource is indexed
/// (`aws:index/provider:Provider`).
pub fn provider_token(package: &str) -> String {
    format!("{package}:index/provider:Provider")
}

/// The token under which a package's default-provider settings (`config.variables`) are
/// indexed, as an object type.
pub fn config_token(package: &str) -> String {
    format!("{package}:config")
}

impl Package {
    /// The settings of the package's default provider, by schema (camelCase) name.
    pub fn config(&self) -> BTreeMap<String, Property> {
        self.object_type(&config_token(&self.name))
            .map(|o| o.properties.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_data_with_typed_inputs_and_outputs() {
        let schemas = crate::check::builtin_schemas();
        let zone = schemas
            .function("aws.route53.getZone")
            .expect("a data source");
        assert_eq!(zone.token, "aws:route53/getZone:getZone");
        assert_eq!(zone.inputs.properties["name"].ty, Type::String);
        assert_eq!(zone.inputs.properties["privateZone"].ty, Type::Bool);
        assert_eq!(
            zone.inputs.properties["tags"].ty,
            Type::Map(Box::new(Type::String))
        );
        assert!(zone.inputs.required.is_empty(), "every input is optional");
        assert_eq!(
            zone.outputs.properties["nameServers"].ty,
            Type::List(Box::new(Type::String))
        );
        assert!(zone.outputs.required.contains("zoneId"));
        assert_eq!(
            schemas
                .function("aws:route53/getZone:getZone")
                .map(|f| &f.token),
            Some(&zone.token)
        );
        assert!(
            schemas.function("aws.route53.Zone").is_none(),
            "a resource is not a function"
        );
        assert!(schemas.function("aws.route53.getNothing").is_none());
    }

    #[test]
    fn every_provider_resolves_kinds_and_enum_typed_properties() {
        let schemas = crate::check::builtin_schemas();
        assert_eq!(
            schemas.package_names().collect::<Vec<_>>(),
            ["aws", "cloudflare", "gcp", "random"]
        );
        let password = schemas
            .resolve_kind("random.RandomPassword")
            .expect("random");
        assert!(password.required_inputs.contains("length"));
        assert!(password.outputs["result"].secret);
        // `runtime: string | enums.lambda.Runtime` is a string.
        let function = schemas.resolve_kind("aws.lambda.Function").expect("aws");
        assert_eq!(function.inputs["runtime"].ty, Type::String);
        assert!(schemas.resolve_kind("gcp.pubsub.Topic").is_some());
        assert!(schemas.resolve_kind("cloudflare.TunnelConfig").is_some());
    }
}
