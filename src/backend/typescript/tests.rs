//! test/: the program under Pulumi's mock runtime, one test file (one process) per
//! environment, with the plan facts the mocks need in test/plan.ts.

use super::GeneratedFile;
use super::doc::{Doc, text};
use super::layout::Layout;
use super::syntax::{self, Expr, Key, Prop, Stmt};
use super::templates::{EnvTest, Harness, render};
use crate::ir::plan::Evaluator;
use crate::ir::{Project, ValueKind};

pub fn files(project: &Project, _layout: &Layout) -> Result<Vec<GeneratedFile>, String> {
    let mut out = vec![
        GeneratedFile::new("test/harness.ts", render(&Harness)?),
        GeneratedFile::new("test/plan.ts", plan_file(project)?),
    ];
    for env in &project.envs {
        out.push(GeneratedFile::new(
            format!("test/{}.test.ts", env.name),
            render(&EnvTest { env: &env.name })?,
        ));
    }
    Ok(out)
}

fn strings<I: IntoIterator<Item = String>>(items: I) -> Expr {
    Expr::Array(items.into_iter().map(Expr::str).collect())
}

fn table(docs: &str, name: &str, ty: &str, props: Vec<Prop>) -> Doc {
    syntax::stmt(&Stmt::Const {
        docs: docs.lines().map(String::from).collect(),
        export: true,
        name: name.into(),
        ty: Some(ty.into()),
        value: Expr::Object(props),
    })
}

fn plan_file(project: &Project) -> Result<String, String> {
    let mut items = Vec::new();
    items.push(syntax::stmt(&Stmt::Const {
        docs: vec!["The Pulumi project name.".into()],
        export: true,
        name: "project".into(),
        ty: None,
        value: Expr::str(project.pulumi_name.clone()),
    }));
    items.push(syntax::stmt(&Stmt::Const {
        docs: vec!["Secret configuration keys: the tests set each to `${config.<key>}`.".into()],
        export: true,
        name: "secretKeys".into(),
        ty: Some("readonly string[]".into()),
        value: strings(
            project
                .config
                .iter()
                .filter(|c| c.secret)
                .map(|c| c.name.clone()),
        ),
    }));

    let referenced = project.referenced_outputs();
    let props = referenced
        .iter()
        .map(|(i, attrs)| {
            let r = &project.resources[*i];
            Prop::new(
                Key::for_name(&format!("{}::{}", r.kind.token, r.logical_name)),
                strings(attrs.iter().cloned()),
            )
        })
        .collect();
    items.push(table(
        "Per resource (`<type>::<name>`), the outputs other values read; the mocks return\n`${<name>.<output>}` for them.",
        "referencedOutputs",
        "Record<string, readonly string[]>",
        props,
    ));

    let mut physical = Vec::new();
    for r in &project.resources {
        let Some(pn) = &r.physical_name else { continue };
        if let Some((k, _)) = r.inputs.iter().find(|(_, v)| v == pn).or_else(|| {
            r.inputs
                .iter()
                .find(|(_, v)| matches!(v.kind, ValueKind::PhysicalName(_)))
        }) {
            physical.push(Prop::new(
                Key::for_name(&format!("{}::{}", r.kind.token, r.logical_name)),
                Expr::str(k.clone()),
            ));
        }
    }
    items.push(table(
        "Per resource (`<type>::<name>`), the input that holds its physical name.",
        "physicalNameInputs",
        "Record<string, string>",
        physical,
    ));

    let stacks = project
        .stacks
        .iter()
        .map(|s| {
            Prop::new(
                Key::for_name(&s.name),
                strings(s.outputs.iter().map(|o| o.export.clone())),
            )
        })
        .collect();
    items.push(table(
        "Per stack reference, the exports it reads (`{env}` stands for the environment).",
        "stackReferenceExports",
        "Record<string, readonly string[]>",
        stacks,
    ));

    items.push(syntax::lines(
        "/** What one environment's stack must register and export. */
export interface ExpectedStack {
  readonly urns: readonly string[];
  readonly protected: readonly string[];
  readonly exports: readonly string[];
}"
        .lines()
        .map(|l| text(l.to_string()))
        .collect(),
    ));
    let mut envs = Vec::new();
    for env in &project.envs {
        let eval = Evaluator::new(project, &env.name).ok_or("unknown environment")?;
        let plan = eval.plan();
        let resources = plan["resources"].as_array().cloned().unwrap_or_default();
        let urn = |r: &serde_json::Value| r["urn"].as_str().unwrap_or_default().to_string();
        let mut urns: Vec<String> = resources.iter().map(urn).collect();
        urns.sort();
        let mut protected: Vec<String> = resources
            .iter()
            .filter(|r| r["protect"] == serde_json::json!(true))
            .map(urn)
            .collect();
        protected.sort();
        let exports: Vec<String> = plan["exports"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        envs.push(Prop::new(
            Key::for_name(&env.name),
            Expr::Object(vec![
                Prop::named("urns", strings(urns)),
                Prop::named("protected", strings(protected)),
                Prop::named("exports", strings(exports)),
            ]),
        ));
    }
    items.push(table(
        "Per environment, what `infragen plan` expects.",
        "expected",
        "Record<string, ExpectedStack>",
        envs,
    ));
    let mut out = super::header(None);
    out.push_str(
        "//\n// What the tests know of this project's plan, computed by infragen from the IR.\n",
    );
    Ok(format!("{out}{}", syntax::file(items)))
}
