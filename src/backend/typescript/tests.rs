//! test/: the program under Pulumi's mock runtime, one test file (one process) per
//! environment, with the plan facts the mocks need in test/plan.ts and the whole expected
//! graph of each environment in test/expected/<env>.json.

use super::GeneratedFile;
use super::doc::Doc;
use super::layout::Layout;
use super::syntax::{self, Expr, Key, Prop, Stmt};
use super::templates::{EnvTest, Harness, render, ts_header};
use crate::ir::plan::{Evaluator, keyed_by_logical_name};
use crate::ir::{Project, ValueKind};

pub fn files(project: &Project, _layout: &Layout) -> Result<Vec<GeneratedFile>, String> {
    let mock_data = crate::ir::mocks::mock_data(project);
    let mut out = vec![
        GeneratedFile::new(
            "test/harness.ts",
            render(&Harness {
                header: ts_header(),
                mock_data: mock_data.is_some(),
                provider_json_inputs: !crate::ir::mocks::provider_json_inputs(project).is_empty(),
            })?,
        ),
        GeneratedFile::new("test/plan.ts", plan_file(project)?),
    ];
    for env in &project.envs {
        out.push(GeneratedFile::new(
            format!("test/{}.test.ts", env.name),
            render(&EnvTest {
                header: ts_header(),
                env: &env.name,
            })?,
        ));
        // The whole graph the environment must produce: what `infragen plan --env <env>
        // --format json` prints (JSON carries no header; .prettierignore leaves it as is).
        let eval = Evaluator::new(project, &env.name)
            .ok_or_else(|| format!("unknown environment `{}`", env.name))?;
        let mut json = serde_json::to_string_pretty(&eval.plan()).map_err(|e| e.to_string())?;
        json.push('\n');
        out.push(GeneratedFile::new(
            format!("test/expected/{}.json", env.name),
            json,
        ));
    }
    if let Some(data) = mock_data {
        out.push(GeneratedFile::new("test/expected/mocks.json", data));
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
    let props = keyed_by_logical_name(project, referenced, |a, b| a.extend(b.iter().cloned()))
        .into_iter()
        .map(|((ty, name), attrs)| {
            Prop::new(
                Key::for_name(&format!("{ty}::{name}")),
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

    let physical_inputs = project.resources.iter().enumerate().filter_map(|(i, r)| {
        let pn = r.physical_name.as_ref()?;
        r.inputs
            .iter()
            .find(|(_, v)| v == pn)
            .or_else(|| {
                r.inputs
                    .iter()
                    .find(|(_, v)| matches!(v.kind, ValueKind::PhysicalName(_)))
            })
            .map(|(k, _)| (i, k.clone()))
    });
    let physical = keyed_by_logical_name(project, physical_inputs, |_, _| {})
        .into_iter()
        .map(|((ty, name), k)| Prop::new(Key::for_name(&format!("{ty}::{name}")), Expr::str(k)))
        .collect::<Vec<_>>();
    items.push(table(
        "Per resource (`<type>::<name>`), the input that holds its physical name.",
        "physicalNameInputs",
        "Record<string, string>",
        physical,
    ));

    let providers = crate::ir::mocks::provider_json_inputs(project);
    if !providers.is_empty() {
        let props = providers
            .into_iter()
            .map(|(ty, names)| Prop::new(Key::for_name(&ty), strings(names)))
            .collect();
        items.push(table(
            "Per explicit provider type, the inputs the SDK sends JSON-encoded (every input the\nschema does not type as a string); the harness decodes them, as the plan has values.",
            "providerJsonInputs",
            "Record<string, readonly string[]>",
            props,
        ));
    }

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

    let mut out = super::header(None);
    out.push_str(
        "//\n// What the tests know of this project's plan, computed by infragen from the IR.\n",
    );
    Ok(format!("{out}{}", syntax::file(items)))
}
