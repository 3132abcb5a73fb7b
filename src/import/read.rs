//! Reading what `pulumi stack export` writes (deployment format version 3): one file per stack,
//! each stack one environment.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::error::ImportError;

pub const STACK_TYPE: &str = "pulumi:pulumi:Stack";
pub const STACK_REFERENCE_TYPE: &str = "pulumi:pulumi:StackReference";
pub const PROVIDER_PREFIX: &str = "pulumi:providers:";
/// The key of Pulumi's signature objects (secrets, assets, archives) in state.
pub const SIG_KEY: &str = "4dabf18193072939515e22adb298388d";
pub const SECRET_SIG: &str = "1b47061264138c4ac30d75fd1eb44270";
pub const ASSET_SIG: &str = "c44067f5952c0a294b673a41bacd8c17";
pub const ARCHIVE_SIG: &str = "0def7320c3a5731c473e5ecbe6d01bc7";

/// One exported stack.
#[derive(Debug, Clone)]
pub struct Stack {
    pub path: String,
    /// The stack's name: the environment.
    pub name: String,
    pub project: String,
    /// In the export's order (Pulumi writes dependencies before dependents).
    pub resources: Vec<StateResource>,
}

/// One resource of a stack's state.
#[derive(Debug, Clone)]
pub struct StateResource {
    pub urn: String,
    pub custom: bool,
    pub id: Option<String>,
    pub type_token: String,
    pub name: String,
    pub parent: Option<String>,
    pub inputs: Map<String, Json>,
    pub outputs: Map<String, Json>,
    pub dependencies: Vec<String>,
    pub property_dependencies: BTreeMap<String, Vec<String>>,
    /// `urn::id` of the provider resource.
    pub provider: Option<String>,
    pub protect: bool,
}

/// The parts of a URN: stack, project, qualified type (parents' types joined by `$`), name.
pub fn split_urn(urn: &str) -> Option<(&str, &str, &str, &str)> {
    let rest = urn.strip_prefix("urn:pulumi:")?;
    let mut parts = rest.splitn(4, "::");
    Some((parts.next()?, parts.next()?, parts.next()?, parts.next()?))
}

/// The URN of a provider reference (`urn::id`).
pub fn provider_urn(reference: &str) -> &str {
    reference.rsplit_once("::").map_or(reference, |(u, _)| u)
}

pub fn read(path: &str, text: &str) -> Result<Stack, ImportError> {
    let not = |message: String| ImportError::NotAnExport {
        path: path.to_string(),
        message,
    };
    let json: Json = serde_json::from_str(text).map_err(|e| not(e.to_string()))?;
    let version = json
        .get("version")
        .ok_or_else(|| not("no `version`".into()))?;
    if version.as_u64() != Some(3) {
        return Err(ImportError::Version {
            path: path.to_string(),
            version: version.to_string(),
        });
    }
    let deployment = json
        .get("deployment")
        .and_then(Json::as_object)
        .ok_or_else(|| not("no `deployment` object".into()))?;
    let list = match deployment.get("resources") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Array(items)) => items.clone(),
        Some(_) => return Err(not("`deployment.resources` is not a list".into())),
    };
    let mut resources = Vec::new();
    let (mut stack, mut project) = (None, None);
    for (i, r) in list.iter().enumerate() {
        let resource =
            resource(r).ok_or_else(|| not(format!("resource {i} has no valid `urn`")))?;
        let (s, p, _, _) = split_urn(&resource.urn).unwrap_or_default();
        match (&stack, &project) {
            (None, _) => {
                stack = Some(s.to_string());
                project = Some(p.to_string());
            }
            (Some(st), Some(pr)) if st == s && pr == p => {}
            _ => {
                return Err(not(format!(
                    "resource `{}` belongs to another stack than the first resource",
                    resource.urn
                )));
            }
        }
        resources.push(resource);
    }
    let (Some(name), Some(project)) = (stack, project) else {
        return Err(not("the stack has no resources".into()));
    };
    Ok(Stack {
        path: path.to_string(),
        name,
        project,
        resources,
    })
}

fn resource(r: &Json) -> Option<StateResource> {
    let urn = r.get("urn")?.as_str()?.to_string();
    let (_, _, qualified, name) = split_urn(&urn)?;
    let type_token = r
        .get("type")
        .and_then(Json::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            qualified
                .rsplit('$')
                .next()
                .unwrap_or(qualified)
                .to_string()
        });
    let name = name.to_string();
    let object = |key: &str| {
        r.get(key)
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let strings = |v: Option<&Json>| -> Vec<String> {
        v.and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut inputs = object("inputs");
    inputs.remove("__defaults");
    let mut outputs = object("outputs");
    outputs.remove("__defaults");
    let property_dependencies = object("propertyDependencies")
        .into_iter()
        .map(|(k, v)| (k, strings(Some(&v))))
        .collect();
    let text = |key: &str| {
        r.get(key)
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Some(StateResource {
        custom: r.get("custom").and_then(Json::as_bool).unwrap_or(false),
        id: text("id"),
        type_token,
        name,
        parent: text("parent"),
        inputs,
        outputs,
        dependencies: strings(r.get("dependencies")),
        property_dependencies,
        provider: text("provider"),
        protect: r.get("protect").and_then(Json::as_bool).unwrap_or(false),
        urn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urns_split_into_stack_project_type_and_name() {
        let urn = "urn:pulumi:dev::shop::my:index:Comp$aws:s3/bucket:Bucket::a::b";
        assert_eq!(
            split_urn(urn),
            Some(("dev", "shop", "my:index:Comp$aws:s3/bucket:Bucket", "a::b"))
        );
        assert_eq!(
            provider_urn("urn:pulumi:dev::shop::pulumi:providers:aws::default::1-2"),
            "urn:pulumi:dev::shop::pulumi:providers:aws::default"
        );
    }

    #[test]
    fn only_version_3_is_read() {
        let e = read("a.json", r#"{"version": 2, "deployment": {}}"#).unwrap_err();
        assert_eq!(e.code(), "S0032");
        let e = read("a.json", r#"{"resources": []}"#).unwrap_err();
        assert_eq!(e.code(), "S0031");
    }
}
