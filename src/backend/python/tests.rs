//! `tests/`: the mock-runtime harness, pytest unit tests per module and for the exports, and
//! policy tests of the standards. Expected values come from the plan of each environment.

use std::collections::BTreeMap;

use askama::Template;

use super::doc::{Doc, docstring, string};
use super::imports::Imports;
use super::layout::{Item, Layout};
use super::templates::{
    ConftestPy, GraphPy, StackGraphPy, TestExportsPy, TestGraphPy, TestModulePy, TestStandardsPy,
    TestsInitPy,
};
use super::{block, header};
use crate::ir::plan::{Evaluator, keyed_by_logical_name};
use crate::ir::{EnvAttr, Project, ValueKind};

/// A JSON value as a Python literal.
fn literal(v: &serde_json::Value) -> Doc {
    match v {
        serde_json::Value::Null => Doc::text("None"),
        serde_json::Value::Bool(b) => Doc::text(if *b { "True" } else { "False" }),
        serde_json::Value::Number(n) => Doc::text(n.to_string()),
        serde_json::Value::String(s) => Doc::text(string(s)),
        serde_json::Value::Array(items) => Doc::list(items.iter().map(literal).collect()),
        serde_json::Value::Object(map) => {
            Doc::dict(map.iter().map(|(k, v)| (k.clone(), literal(v))).collect())
        }
    }
}

fn tuple(items: Vec<Doc>) -> Doc {
    Doc::tuple(items)
}

fn dict_of(entries: Vec<(Doc, Doc)>) -> Doc {
    Doc::dict_of(entries)
}

fn key(ty: &str, name: &str) -> Doc {
    tuple(vec![Doc::text(string(ty)), Doc::text(string(name))])
}

fn assign(target: &str, value: Doc) -> String {
    block(&Doc::assign(format!("{target} = "), value), 0)
}

fn render_err(e: askama::Error) -> String {
    e.to_string()
}

pub fn render(project: &Project, layout: &Layout) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let init = |doc: &str| -> Result<String, String> {
        TestsInitPy {
            header: header(),
            docstring: docstring(&[doc.to_string()], 0),
        }
        .render()
        .map_err(render_err)
    };
    files.push((
        "tests/__init__.py".into(),
        init("Tests of the program: unit tests under the mock runtime and policy checks.")?,
    ));
    files.push((
        "tests/unit/__init__.py".into(),
        init("Unit tests: what each module registers in every environment.")?,
    ));
    files.push((
        "tests/policy/__init__.py".into(),
        init("Policy tests: the infrastructure standards.")?,
    ));
    files.push((
        "tests/graph.py".into(),
        GraphPy { header: header() }.render().map_err(render_err)?,
    ));
    files.push((
        "tests/conftest.py".into(),
        ConftestPy { header: header() }
            .render()
            .map_err(render_err)?,
    ));
    files.push(("tests/stack_graph.py".into(), stack_graph(project)?));
    for m in &layout.modules {
        if m.items.is_empty() {
            continue;
        }
        files.push((
            format!("tests/unit/test_{}.py", m.file),
            module_test(project, layout, &m.items, &m.path)?,
        ));
    }
    if !project.exports.is_empty() {
        files.push(("tests/unit/test_exports.py".into(), exports_test(project)?));
    }
    files.push((
        "tests/unit/test_graph.py".into(),
        TestGraphPy { header: header() }
            .render()
            .map_err(render_err)?,
    ));
    files.extend(expected_graphs(project));
    files.push((
        "tests/policy/test_standards.py".into(),
        standards_test(project)?,
    ));
    Ok(files)
}

/// `tests/expected/<env>.json`: each environment's plan, which `tests/unit/test_graph.py`
/// compares with the graph the program registers under the mocks.
fn expected_graphs(project: &Project) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for env in &project.envs {
        if let Some(eval) = Evaluator::new(project, &env.name) {
            let mut text = serde_json::to_string_pretty(&eval.plan()).unwrap_or_default();
            text.push('\n');
            out.push((format!("tests/expected/{}.json", env.name), text));
        }
    }
    if let Some(data) = crate::ir::mocks::mock_data(project) {
        out.push(("tests/expected/mocks.json".into(), data));
    }
    out
}

fn stack_graph(project: &Project) -> Result<String, String> {
    let secrets: Vec<Doc> = project
        .config
        .iter()
        .filter(|c| c.secret)
        .map(|c| Doc::text(string(&c.name)))
        .collect();
    let secret_keys = if secrets.is_empty() {
        "SECRET_KEYS: tuple[str, ...] = ()".to_string()
    } else {
        assign("SECRET_KEYS: tuple[str, ...]", tuple(secrets))
    };
    let read = project.referenced_outputs();
    let read_outputs = dict_of(
        keyed_by_logical_name(project, read, |a, b| a.extend(b.iter().cloned()))
            .into_iter()
            .map(|((ty, name), attrs)| {
                (
                    key(&ty, &name),
                    tuple(attrs.iter().map(|a| Doc::text(string(a))).collect()),
                )
            })
            .collect(),
    );
    let physical_inputs = project.resources.iter().enumerate().filter_map(|(i, r)| {
        r.inputs
            .iter()
            .find(|(_, v)| matches!(v.kind, ValueKind::PhysicalName(_)))
            .map(|(input, _)| (i, input.clone()))
    });
    let physical = dict_of(
        keyed_by_logical_name(project, physical_inputs, |_, _| {})
            .into_iter()
            .map(|((ty, name), input)| (key(&ty, &name), Doc::text(string(&input))))
            .collect(),
    );
    let exports = dict_of(
        project
            .stacks
            .iter()
            .map(|s| {
                (
                    Doc::text(string(&s.name)),
                    tuple(
                        s.outputs
                            .iter()
                            .map(|o| Doc::text(string(&o.export)))
                            .collect(),
                    ),
                )
            })
            .collect(),
    );
    StackGraphPy {
        header: header(),
        project: string(&project.pulumi_name),
        secret_keys,
        read_outputs: assign(
            "READ_OUTPUTS: dict[tuple[str, str], tuple[str, ...]]",
            read_outputs,
        ),
        physical_names: assign("PHYSICAL_NAME_INPUTS: dict[tuple[str, str], str]", physical),
        stack_exports: assign("STACK_EXPORTS: dict[str, tuple[str, ...]]", exports),
        mock_data: crate::ir::mocks::mock_data(project).is_some(),
        provider_json_inputs: provider_json_inputs(project),
    }
    .render()
    .map_err(render_err)
}

/// `PROVIDER_JSON_INPUTS`: per explicit provider type, the inputs the SDK sends JSON-encoded.
fn provider_json_inputs(project: &Project) -> Option<String> {
    let providers = crate::ir::mocks::provider_json_inputs(project);
    if providers.is_empty() {
        return None;
    }
    let entries = providers
        .into_iter()
        .map(|(ty, names)| {
            let names = names.iter().map(|n| Doc::text(string(n))).collect();
            (Doc::text(string(&ty)), tuple(names))
        })
        .collect();
    Some(assign(
        "PROVIDER_JSON_INPUTS: dict[str, tuple[str, ...]]",
        dict_of(entries),
    ))
}

/// The resources an item stands for: itself, or an instance's children.
fn resources_of(project: &Project, item: Item) -> Vec<usize> {
    match item {
        Item::Resource(r) => vec![r],
        Item::Instance(k) => project.instances[k].children.clone(),
    }
}

fn module_test(
    project: &Project,
    layout: &Layout,
    items: &[Item],
    file: &str,
) -> Result<String, String> {
    let _ = layout;
    let mut per_env = Vec::new();
    for env in &project.envs {
        let Some(eval) = Evaluator::new(project, &env.name) else {
            continue;
        };
        let mut entries = Vec::new();
        for item in items {
            for r in resources_of(project, *item) {
                let res = &project.resources[r];
                if !eval.exists(res) {
                    continue;
                }
                if res.each.is_some() {
                    for item in eval.keys(r) {
                        let name = crate::ir::item_logical_name(&res.logical_name, &item.0);
                        let item_eval = Evaluator {
                            item: Some(item),
                            ..eval.clone()
                        };
                        let physical = res
                            .physical_name
                            .as_ref()
                            .map(|v| item_eval.value(v))
                            .unwrap_or_default();
                        entries.push((key(&res.kind.registered_type(), &name), literal(&physical)));
                    }
                    continue;
                }
                let physical = res
                    .physical_name
                    .as_ref()
                    .map(|v| eval.value(v))
                    .unwrap_or_default();
                entries.push((
                    key(&res.kind.registered_type(), &eval.logical_name(r)),
                    literal(&physical),
                ));
            }
        }
        per_env.push((Doc::text(string(&env.name)), dict_of(entries)));
    }
    let mut parents = Vec::new();
    for item in items {
        // A conditional instance's children: the whole-graph test compares their parents.
        if let Item::Instance(k) = item
            && project.instances[*k].condition.is_none()
        {
            let inst = &project.instances[*k];
            let comp = &project.components[inst.component];
            for c in &inst.children {
                let child = &project.resources[*c];
                if child.options.parent.is_some() {
                    continue;
                }
                parents.push((
                    key(&child.kind.registered_type(), &child.logical_name),
                    key(&comp.type_token, &inst.logical_name),
                ));
            }
        }
    }
    TestModulePy {
        header: header(),
        docstring: docstring(
            &[format!(
                "Unit tests of `{file}`: what it registers in every environment."
            )],
            0,
        )
        .trim_end()
        .to_string(),
        expected: assign(
            "EXPECTED: dict[str, dict[tuple[str, str], str | None]]",
            dict_of(per_env),
        ),
        parents: if parents.is_empty() {
            String::new()
        } else {
            assign(
                "PARENTS: dict[tuple[str, str], tuple[str, str]]",
                dict_of(parents),
            )
        },
    }
    .render()
    .map_err(render_err)
}

fn exports_test(project: &Project) -> Result<String, String> {
    let mut per_env = Vec::new();
    for env in &project.envs {
        let Some(eval) = Evaluator::new(project, &env.name) else {
            continue;
        };
        per_env.push((
            Doc::text(string(&env.name)),
            literal(&eval.plan()["exports"]),
        ));
    }
    TestExportsPy {
        header: header(),
        expected: assign("EXPORTS: dict[str, dict[str, object]]", dict_of(per_env)),
    }
    .render()
    .map_err(render_err)
}

/// The labels convention, when resources label their environment: (required keys, key that
/// holds the environment).
fn label_convention(project: &Project) -> Option<(Vec<String>, String)> {
    let mut common: Option<Vec<String>> = None;
    let mut env_keys: BTreeMap<String, usize> = BTreeMap::new();
    for r in &project.resources {
        for (k, v) in &r.inputs {
            if !matches!(k.as_str(), "labels" | "tags" | "userLabels") {
                continue;
            }
            let ValueKind::Object(fields) = &v.kind else {
                continue;
            };
            let env_key = fields
                .iter()
                .find(|(_, f)| matches!(f.kind, ValueKind::Env(EnvAttr::Name)))
                .map(|(n, _)| n.clone());
            let Some(env_key) = env_key else { continue };
            *env_keys.entry(env_key).or_default() += 1;
            let keys: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
            common = Some(match common {
                None => keys,
                Some(c) => c.into_iter().filter(|k| keys.contains(k)).collect(),
            });
        }
    }
    let env_key = env_keys.into_iter().max_by_key(|(_, n)| *n)?.0;
    let mut required = common?;
    required.sort();
    required.contains(&env_key).then_some((required, env_key))
}

/// `UNPROTECTED`: the resources a protected environment's plan leaves unprotected (their
/// options say so), as `type::name`.
fn unprotected(project: &Project) -> String {
    let mut exempt = Vec::new();
    for env in project.envs.iter().filter(|e| e.protect) {
        let Some(eval) = Evaluator::new(project, &env.name) else {
            continue;
        };
        let plan = eval.plan();
        for r in plan["resources"].as_array().into_iter().flatten() {
            if r["protect"] != serde_json::json!(true)
                && r["type"] != crate::ir::plan::STACK_REFERENCE_TYPE
            {
                let id = format!(
                    "{}::{}",
                    r["type"].as_str().unwrap_or_default(),
                    r["name"].as_str().unwrap_or_default()
                );
                if !exempt.contains(&id) {
                    exempt.push(id);
                }
            }
        }
    }
    exempt.sort();
    if exempt.is_empty() {
        "UNPROTECTED: frozenset[str] = frozenset()".to_string()
    } else {
        assign(
            "UNPROTECTED",
            Doc::call(
                "frozenset",
                vec![Doc::set(
                    exempt.iter().map(|e| Doc::text(string(e))).collect(),
                )],
            ),
        )
    }
}

/// The policy tests' docstring: which checks they make.
fn standards_doc(protected: bool, labels: bool) -> String {
    let mut checks = Vec::new();
    if protected {
        checks.push("protected environments protect every resource");
    }
    checks.push("physical names follow the naming pattern");
    if labels {
        checks.push("resources labelled with their environment carry the required labels");
    }
    let checks = format!(
        "{}, and stack files never hold a secret in clear.",
        checks.join(", ")
    );
    docstring(
        &[format!(
            "Policy checks of the infrastructure standards on what the program registers: {checks}"
        )],
        0,
    )
    .trim_end()
    .to_string()
}

fn standards_test(project: &Project) -> Result<String, String> {
    let protected = project.envs.iter().any(|e| e.protect);
    let exempt_doc = unprotected(project);
    let labels = label_convention(project);
    let mut imports = Imports::new();
    imports.import("re");
    imports.import("pytest");
    imports.import("yaml");
    imports.from("config", "ENVIRONMENTS");
    if protected {
        imports.from("config", "PROTECTED_ENVIRONMENTS");
        imports.from("tests.stack_graph", "STACK_REFERENCE_TYPE");
    }
    imports.from("tests.graph", "StackGraph");
    for name in ["PROJECT", "ROOT", "SECRET_KEYS", "stack_config"] {
        imports.from("tests.stack_graph", name);
    }
    let (required_labels, environment_label) = match &labels {
        Some((keys, env_key)) => (
            assign(
                "REQUIRED_LABELS",
                Doc::call(
                    "frozenset",
                    vec![Doc::set(
                        keys.iter().map(|k| Doc::text(string(k))).collect(),
                    )],
                ),
            ),
            string(env_key),
        ),
        None => (String::new(), String::new()),
    };
    TestStandardsPy {
        header: header(),
        docstring: standards_doc(protected, labels.is_some()),
        imports: imports.render().trim_end().to_string(),
        pattern: string(&project.naming_pattern()),
        pattern_text: project.naming_pattern(),
        protected,
        exempt: exempt_doc,
        labels: labels.is_some(),
        required_labels,
        environment_label,
    }
    .render()
    .map_err(render_err)
}
