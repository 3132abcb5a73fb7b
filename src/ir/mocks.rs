//! What the generated tests' mocks return for values read by index or property: a resource
//! output read as `cert.domain_validation_options[0].resource_record_name` is returned as
//! `[{"resourceRecordName": "${cert.domainValidationOptions[0].resourceRecordName}"}]`, and a
//! data source's result as an object of such placeholders, so that what the program reads
//! under the mocks is the plan's placeholder (`plan::Evaluator::placeholder`).

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::{IndexKey, Project, ResourceRef, Value, ValueKind};

/// Where a chain of steps starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Root {
    /// Resource index and output attribute.
    Output(usize, String),
    /// Function token and the friendly name the placeholders use.
    Call(String, String),
}

#[derive(Default)]
struct Trie {
    children: BTreeMap<IndexKey, Trie>,
}

/// Per resource (index into `Project::resources`), the outputs read by index or property and
/// the structure the mocks return for each.
pub fn structured_outputs(project: &Project) -> BTreeMap<usize, BTreeMap<String, Json>> {
    let mut out: BTreeMap<usize, BTreeMap<String, Json>> = BTreeMap::new();
    for (root, trie) in chains(project) {
        if let Root::Output(i, attribute) = root {
            let prefix = format!("{}.{attribute}", project.resources[i].logical_name);
            out.entry(i)
                .or_default()
                .insert(attribute, build(&trie, &prefix));
        }
    }
    out
}

/// Per data source the project calls (by function token), the result the mocks return: the
/// properties read, as placeholders `${<function>.<property>...}`.
pub fn call_results(project: &Project) -> BTreeMap<String, Json> {
    let mut out = BTreeMap::new();
    for (root, trie) in chains(project) {
        if let Root::Call(token, friendly) = root {
            out.insert(token, build(&trie, &friendly));
        }
    }
    out
}

fn chains(project: &Project) -> BTreeMap<Root, Trie> {
    let mut roots: BTreeMap<Root, Trie> = BTreeMap::new();
    let mut visit = |v: &Value| {
        v.walk(&mut |x| {
            if let ValueKind::Invoke(call) = &x.kind {
                roots
                    .entry(Root::Call(
                        call.function.token.clone(),
                        call.function.friendly.clone(),
                    ))
                    .or_default();
            }
            let mut steps = Vec::new();
            let mut at = x;
            while let ValueKind::Index { base, key } = &at.kind {
                steps.push(key.clone());
                at = base;
            }
            if steps.is_empty() {
                return;
            }
            let root = match &at.kind {
                ValueKind::Output {
                    resource: ResourceRef::Resource(i),
                    attribute,
                } => Root::Output(*i, attribute.clone()),
                ValueKind::Invoke(call) => {
                    Root::Call(call.function.token.clone(), call.function.friendly.clone())
                }
                _ => return,
            };
            let mut node = roots.entry(root).or_default();
            for key in steps.into_iter().rev() {
                node = node.children.entry(key).or_default();
            }
        })
    };
    for r in &project.resources {
        r.inputs.iter().for_each(|(_, v)| visit(v));
        if let Some(p) = &r.options.protect {
            visit(p);
        }
    }
    for i in &project.instances {
        i.args.iter().for_each(|(_, v)| visit(v));
        i.outputs.iter().for_each(|(_, v)| visit(v));
    }
    project.exports.iter().for_each(|e| visit(&e.value));
    roots
}

fn build(node: &Trie, path: &str) -> Json {
    if node.children.is_empty() {
        return Json::String(format!("${{{path}}}"));
    }
    if let Some(IndexKey::Item(last)) = node.children.keys().rev().find_map(|k| match k {
        IndexKey::Item(i) => Some(IndexKey::Item(*i)),
        _ => None,
    }) {
        let mut items = vec![Json::Null; last + 1];
        for (key, child) in &node.children {
            if let IndexKey::Item(i) = key {
                items[*i] = build(child, &format!("{path}{}", key.placeholder()));
            }
        }
        return Json::Array(items);
    }
    let mut map = Map::new();
    for (key, child) in &node.children {
        if let IndexKey::Key(k) | IndexKey::Field(k) = key {
            map.insert(
                k.clone(),
                build(child, &format!("{path}{}", key.placeholder())),
            );
        }
    }
    Json::Object(map)
}

/// The mocks' data file (`mocks.json` beside each language's expected graphs) when the project
/// reads outputs by index or calls data sources: `{"outputs": {"<type>::<name>": {<output>:
/// <structure>}}, "calls": {<function token>: <result>}}`. `None` when it needs none.
pub fn mock_data(project: &Project) -> Option<String> {
    let outputs = structured_outputs(project);
    let calls = call_results(project);
    if outputs.is_empty() && calls.is_empty() {
        return None;
    }
    let mut by_key = Map::new();
    for (i, attrs) in outputs {
        let r = &project.resources[i];
        by_key.insert(
            format!("{}::{}", r.kind.registered_type(), r.logical_name),
            Json::Object(attrs.into_iter().collect()),
        );
    }
    let data = serde_json::json!({
        "outputs": Json::Object(by_key),
        "calls": Json::Object(calls.into_iter().collect()),
    });
    let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
    text.push('\n');
    Some(text)
}

/// Per explicit provider type (`pulumi:providers:aws`), the inputs the TypeScript and Python
/// SDKs send JSON-encoded: every provider input the schema does not type as a string
/// (`skipRegionValidation: "true"`; the Go SDK sends the value itself). The generated tests
/// decode these, so that the observed graph holds the values, as the plan does.
pub fn provider_json_inputs(project: &Project) -> BTreeMap<String, Vec<String>> {
    project
        .resources
        .iter()
        .filter(|r| r.kind.is_provider())
        .filter_map(|r| {
            let facts = project.schema.kind(&r.kind.token)?;
            let names = facts
                .inputs
                .iter()
                .filter(|(_, p)| p.ty != super::Type::String)
                .map(|(n, _)| n.clone())
                .collect();
            Some((r.kind.registered_type(), names))
        })
        .collect()
}
