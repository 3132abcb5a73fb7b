//! The generated unit tests: the program runs under Pulumi's mock runtime once per
//! environment with that environment's stack config and must register exactly the graph of
//! the plan, shipped as `testdata/<env>.json`; with INFRAGEN_OBSERVED_DIR set they also write
//! the graph the mocks saw.

use std::collections::BTreeSet;

use askama::Template;

use super::templates::MocksTest;

use super::templates::MainTest;
use serde_json::Value as Json;

use super::names::quote;
use super::syntax::{Elem, Expr};
use crate::ir::plan::{Evaluator, STACK_REFERENCE_TYPE, keyed_by_logical_name, logical_names};
use crate::ir::{Project, ValueKind};

fn string_list(items: &[String]) -> Expr {
    let elems = items
        .iter()
        .map(|s| Elem::Value(Expr::raw(quote(s))))
        .collect();
    Expr::composite("[]string", elems, false)
}

fn key(token: &str, name: &str) -> String {
    quote(&format!("{token}::{name}"))
}

pub fn files(project: &Project) -> Result<Vec<(String, String)>, String> {
    let envs: Vec<String> = project.envs.iter().map(|e| e.name.clone()).collect();
    let secrets: Vec<String> = project
        .config
        .iter()
        .filter(|c| c.secret)
        .map(|c| c.name.clone())
        .collect();

    let physical_inputs = project.resources.iter().enumerate().filter_map(|(i, r)| {
        r.inputs
            .iter()
            .find(|(_, v)| matches!(v.kind, ValueKind::PhysicalName(_)))
            .map(|(input, _)| (i, input.clone()))
    });
    let physical = keyed_by_logical_name(project, physical_inputs, |_, _| {})
        .into_iter()
        .map(|((ty, name), input)| Elem::Pair(key(&ty, &name), Expr::raw(quote(&input))))
        .collect();

    let mut reads = Vec::new();
    let referenced = project
        .referenced_outputs()
        .into_iter()
        .map(|(i, attrs)| (i, (project.resources[i].kind.token.clone(), attrs)));
    let read = keyed_by_logical_name(project, referenced, |a, b| a.1.extend(b.1.iter().cloned()));
    for ((ty, name), (token, attrs)) in read {
        let token = token.as_str();
        let mut outputs = Vec::new();
        for a in attrs.iter().filter(|a| *a != "id" && *a != "urn") {
            let list = is_list_output(project, token, a);
            let fields = if list {
                format!("name: {}, list: true", quote(a))
            } else {
                format!("name: {}", quote(a))
            };
            outputs.push(Elem::Value(Expr::raw(format!("{{{fields}}}"))));
        }
        if !outputs.is_empty() {
            // The element type is implied by the map type (what `gofmt -s` leaves).
            let list = Expr::composite("", outputs, false);
            reads.push(Elem::Pair(key(&ty, &name), list));
        }
    }
    let mut stack_exports = Vec::new();
    for s in &project.stacks {
        let exports = s
            .outputs
            .iter()
            .map(|o| Elem::Value(Expr::raw(quote(&o.export))))
            .collect();
        let list = Expr::composite("", exports, s.outputs.len() > 3);
        stack_exports.push(Elem::Pair(quote(&s.name), list));
    }
    let main_test = MainTest {
        header: super::templates::header(),
        project: quote(&project.pulumi_name),
        environments: string_list(&envs).print(0),
        secret_keys: string_list(&secrets).print(0),
        physical_names: Expr::composite("map[string]string", physical, true).print(0),
        read_outputs: Expr::composite("map[string][]readOutput", reads, true).print(0),
        stack_exports: Expr::composite("map[string][]string", stack_exports, true).print(0),
    }
    .render()
    .map_err(|e| e.to_string())?;
    let mock_data = crate::ir::mocks::mock_data(project);
    let mocks = MocksTest {
        header: super::templates::header(),
        stack_reference: quote(STACK_REFERENCE_TYPE),
        mock_data: mock_data.is_some(),
    }
    .render()
    .map_err(|e| e.to_string())?;
    let mut out = vec![
        ("main_test.go".into(), main_test),
        ("mocks_test.go".into(), mocks),
    ];
    if let Some(data) = mock_data {
        out.push(("testdata/mocks.json".into(), data));
    }
    let lists = list_placeholders(project);
    for env in &project.envs {
        let plan = Evaluator::new(project, &env.name)
            .ok_or_else(|| format!("unknown environment `{}`", env.name))?
            .plan();
        let graph = expected_graph(&plan, &lists);
        let text = serde_json::to_string_pretty(&graph).map_err(|e| e.to_string())?;
        out.push((format!("testdata/{}.json", env.name), text));
    }
    Ok(out)
}

/// The plan of an environment as the Go mocks reproduce it: a list output's placeholder is a
/// one-element list (a typed Go output cannot hold the plan's string there).
pub fn expected_graph(plan: &Json, lists: &BTreeSet<String>) -> Json {
    match plan {
        Json::String(s) if lists.contains(s) => Json::Array(vec![plan.clone()]),
        Json::Array(items) => Json::Array(items.iter().map(|i| expected_graph(i, lists)).collect()),
        Json::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), expected_graph(v, lists)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// True when a resource output is a list: Go's typed outputs cannot hold the plan's string
/// placeholder there, so the mocks return it as a one-element list.
pub fn is_list_output(project: &Project, token: &str, attribute: &str) -> bool {
    project
        .schema
        .output(token, attribute)
        .is_some_and(|p| matches!(p.ty, crate::ir::Type::List(_)))
}

/// The plan placeholders (`${<logical>.<output>}`) the Go mocks return as one-element lists.
pub fn list_placeholders(project: &Project) -> BTreeSet<String> {
    project
        .referenced_outputs()
        .into_iter()
        .flat_map(|(i, attrs)| {
            let r = &project.resources[i];
            logical_names(project, i)
                .into_iter()
                .flat_map(|name| {
                    attrs
                        .iter()
                        .filter(|a| is_list_output(project, &r.kind.token, a))
                        .map(|a| format!("${{{name}.{a}}}"))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
