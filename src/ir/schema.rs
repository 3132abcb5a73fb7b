//! The schema facts a backend needs, copied by the checker from the Pulumi package schemas for
//! exactly the resource kinds and object types a project uses. Backends read these and never a
//! schema: a resource from a project's own schema, or a provider version other than the
//! shipped one, builds the same way as a shipped kind.

use std::collections::BTreeMap;

use super::Type;

/// One property of a resource or object type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub ty: Type,
    /// Required inputs must be set; a required output is always present (Go types optional
    /// ones as pointers).
    pub required: bool,
    pub secret: bool,
}

/// A resource kind's input and output properties, by schema (camelCase) name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindFacts {
    pub inputs: BTreeMap<String, Property>,
    pub outputs: BTreeMap<String, Property>,
    /// Old type tokens the SDK class itself sends as aliases of every resource of the kind
    /// (the schema's `aliases`).
    pub sdk_aliases: Vec<String>,
    /// Input defaults the SDK sends when the program leaves an input unset (the schema's
    /// `default`: `skipRegionValidation: true` of an explicit aws provider).
    pub defaults: BTreeMap<String, serde_json::Value>,
    /// The Go SDK's name of the resource where it is not its class with the first letter
    /// upper-cased (`CertificateMapResource`: `check::schema::go_resource_names`).
    pub go_name: Option<String>,
}

/// An object type's properties, by schema (camelCase) name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectFacts {
    pub properties: BTreeMap<String, Property>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemaFacts {
    /// By resource token (`gcp:storage/bucket:Bucket`).
    pub kinds: BTreeMap<String, KindFacts>,
    /// By object type token, every object type reachable from `kinds`; a data source's result
    /// is here under the function's token.
    pub objects: BTreeMap<String, ObjectFacts>,
    /// Data sources the project calls, by function token: their inputs (`outputs` unused).
    pub functions: BTreeMap<String, KindFacts>,
}

impl SchemaFacts {
    pub fn kind(&self, token: &str) -> Option<&KindFacts> {
        self.kinds.get(token)
    }

    pub fn object(&self, token: &str) -> Option<&ObjectFacts> {
        self.objects.get(token)
    }

    /// The declared type of input `name` of a resource kind.
    pub fn input(&self, token: &str, name: &str) -> Option<&Property> {
        self.kinds.get(token)?.inputs.get(name)
    }

    /// Output `attribute` of a resource kind; `id` and `urn` exist on every resource.
    pub fn output(&self, token: &str, attribute: &str) -> Option<Property> {
        if attribute == "id" || attribute == "urn" {
            return Some(Property {
                ty: Type::String,
                required: true,
                secret: false,
            });
        }
        self.kinds.get(token)?.outputs.get(attribute).cloned()
    }
}
