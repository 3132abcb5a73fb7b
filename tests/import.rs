//! `infragen import`: every example's plan, written as `pulumi stack export` v3 files (one per
//! environment), imports into a workspace that checks clean and whose plans have the same URNs,
//! types and inputs (up to the references recovered); a real export imports clean; each
//! refusal has its code.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use infragen::import::{ARCHIVE_SIG, ASSET_SIG, ImportError, Request, SECRET_SIG, SIG_KEY, import};
use infragen::ir::plan::Evaluator;
use serde_json::{Map, Value, json};

/// The value every `${<name>.<output>}` placeholder stands for in the exports: what the outputs
/// of the resource hold.
fn fake(name: &str, output: &str) -> String {
    format!("{output}-of-{name}")
}

/// `s` with every placeholder of a resource or stack output replaced by its value, calling
/// `seen` with (resource name, output path) for each; others (functions' results) stay.
fn resolve(s: &str, names: &BTreeSet<String>, seen: &mut dyn FnMut(&str, &str)) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('}') else {
            break;
        };
        let inner = &rest[at + 2..at + end];
        let replaced = if let Some(stack) = inner.strip_prefix("stack:") {
            let (r, export) = stack.split_once('/').unwrap_or((stack, ""));
            seen(&format!("stack:{r}"), export);
            Some(format!("stack-{r}-{export}"))
        } else {
            inner.split_once('.').and_then(|(name, path)| {
                names.contains(name).then(|| {
                    seen(name, path);
                    fake(name, path)
                })
            })
        };
        match replaced {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[at..at + end + 1]),
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A plan value as state holds it: placeholders resolved, strings reading secret config as
/// secret signature objects, assets and archives as their signature objects.
fn state_value(v: &Value, names: &BTreeSet<String>, seen: &mut dyn FnMut(&str, &str)) -> Value {
    match v {
        Value::String(s) => {
            let resolved = Value::String(resolve(s, names, seen));
            if s.contains("${config.") {
                json!({ SIG_KEY: SECRET_SIG, "plaintext": resolved.to_string() })
            } else {
                resolved
            }
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|x| state_value(x, names, seen)).collect())
        }
        Value::Object(m) => {
            if let Some(Value::String(p)) = m.get("$asset") {
                return json!({ SIG_KEY: ASSET_SIG, "path": p });
            }
            match m.get("$archive") {
                Some(Value::String(p)) => return json!({ SIG_KEY: ARCHIVE_SIG, "path": p }),
                Some(Value::Object(assets)) => {
                    let assets: Map<String, Value> = assets
                        .iter()
                        .map(|(k, a)| (k.clone(), state_value(a, names, seen)))
                        .collect();
                    return json!({ SIG_KEY: ARCHIVE_SIG, "assets": assets });
                }
                _ => {}
            }
            Value::Object(
                m.iter()
                    .map(|(k, x)| (k.clone(), state_value(x, names, seen)))
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

/// The plan of one environment written as `pulumi stack export` writes it: the Stack, every
/// resource with its id, inputs, outputs (the inputs and every output others read),
/// dependencies per property, provider and protect.
fn export_of(plan: &Value, env: &str) -> Value {
    let project = plan["project"].as_str().unwrap();
    let resources = plan["resources"].as_array().unwrap();
    let names: BTreeSet<String> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    let urn_of: BTreeMap<String, String> = resources
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["urn"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut read: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut states = Vec::new();
    for r in resources {
        let mut inputs = Map::new();
        let mut property_dependencies = Map::new();
        for (k, v) in r["inputs"].as_object().unwrap() {
            let mut deps = BTreeSet::new();
            let value = state_value(v, &names, &mut |name, path| {
                let urn = match name.strip_prefix("stack:") {
                    Some(s) => urn_of.get(s).cloned(),
                    None => urn_of.get(name).cloned(),
                };
                if let Some(u) = urn {
                    deps.insert(u);
                }
                read.entry(name.to_string())
                    .or_default()
                    .insert(path.to_string(), fake(name, path));
            });
            inputs.insert(k.clone(), value);
            property_dependencies.insert(k.clone(), json!(deps));
        }
        states.push((r, inputs, property_dependencies));
    }
    let stack_urn = format!("urn:pulumi:{env}::{project}::pulumi:pulumi:Stack::{project}-{env}");
    let mut out = vec![json!({ "urn": stack_urn, "custom": false, "type": "pulumi:pulumi:Stack" })];
    for (r, inputs, property_dependencies) in states {
        let name = r["name"].as_str().unwrap();
        let custom = r["custom"].as_bool().unwrap();
        let mut outputs = inputs.clone();
        if r["type"] == "pulumi:pulumi:StackReference" {
            let exports: Map<String, Value> = read
                .get(&format!("stack:{name}"))
                .into_iter()
                .flatten()
                .map(|(export, _)| (export.clone(), json!(format!("stack-{name}-{export}"))))
                .collect();
            outputs.insert("outputs".into(), Value::Object(exports));
        }
        for (path, value) in read.get(name).into_iter().flatten() {
            if !path.contains(['.', '[']) && path != "id" {
                outputs.insert(path.clone(), json!(value));
            }
        }
        let mut state = json!({
            "urn": r["urn"],
            "custom": custom,
            "type": r["type"],
            "inputs": inputs,
            "outputs": outputs,
            "parent": r["parent"].as_str().unwrap_or(&stack_urn),
            "dependencies": r["dependencies"],
            "propertyDependencies": property_dependencies,
            "protect": r["protect"],
        });
        if custom {
            state["id"] = json!(fake(name, "id"));
        }
        if let Some(p) = r["provider"].as_str() {
            state["provider"] = json!(format!("{p}::{}", fake(p, "id")));
        }
        out.push(state);
    }
    json!({
        "version": 3,
        "deployment": {
            "manifest": { "time": "2026-12-03T00:00:00Z", "magic": "", "version": "v3.200.0" },
            "secrets_providers": { "type": "passphrase", "state": { "salt": "v1:abc" } },
            "resources": out,
        }
    })
}

/// What the round trip keeps: URN -> (type, inputs with placeholders resolved and secrets
/// masked), leaving out components and their children (not reconstructed).
fn comparable(plan: &Value) -> BTreeMap<String, (Value, Value)> {
    let resources = plan["resources"].as_array().unwrap();
    let names: BTreeSet<String> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    let mut out = BTreeMap::new();
    for r in resources {
        if r["custom"] == false || !r["parent"].is_null() {
            continue;
        }
        let inputs = masked(&state_value(&r["inputs"], &names, &mut |_, _| {}));
        out.insert(
            r["urn"].as_str().unwrap().to_string(),
            (r["type"].clone(), inputs),
        );
    }
    out
}

fn masked(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.get(SIG_KEY) == Some(&json!(SECRET_SIG)) => json!("<secret>"),
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), masked(x))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        other => other.clone(),
    }
}

/// Copies the files a project reads (assets, archives, `file(...)`) beside the imported
/// workspace, as a user adopting a stack keeps their sources.
fn copy_sources(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_sources(&path, &target);
        } else if path.extension().is_none_or(|e| e != "infra") {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn write_files(dir: &Path, files: &BTreeMap<String, String>) {
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
}

#[test]
fn every_example_round_trips_through_its_exports() {
    let mut failures = Vec::new();
    for example in common::EXAMPLES {
        let checked = common::check_example(example);
        for project in &checked.workspace.projects {
            let envs: Vec<String> = project.envs.iter().map(|e| e.name.clone()).collect();
            let plans: Vec<Value> = envs
                .iter()
                .map(|env| Evaluator::new(project, env).unwrap().plan())
                .collect();
            let exports = envs
                .iter()
                .zip(&plans)
                .map(|(env, plan)| {
                    (
                        format!("{env}.json"),
                        serde_json::to_string_pretty(&export_of(plan, env)).unwrap(),
                    )
                })
                .collect();
            let imported = import(&Request {
                exports,
                ..Request::default()
            })
            .unwrap();
            let dir = tempfile::tempdir().unwrap();
            copy_sources(
                &common::root()
                    .join("examples")
                    .join(example)
                    .join(&project.dir),
                dir.path(),
            );
            write_files(dir.path(), &imported.files);
            let again = common::check_workspace(dir.path());
            assert!(
                again.diagnostics.is_empty(),
                "{example}/{}: the imported workspace has warnings: {:?}",
                project.name,
                again.diagnostics
            );
            let mine = &again.workspace.projects[0];
            for (env, plan) in envs.iter().zip(&plans) {
                let want = comparable(plan);
                let got = comparable(&Evaluator::new(mine, env).unwrap().plan());
                if want != got {
                    let a = serde_json::to_string_pretty(&json!(want)).unwrap();
                    let b = serde_json::to_string_pretty(&json!(got)).unwrap();
                    failures.push(format!(
                        "{example}/{}/{env}:\n{}",
                        project.name,
                        infragen::output::unified_diff("plan", &a, &b)
                    ));
                    let _ = std::fs::write(format!("/tmp/import-{example}-{env}-want.json"), a);
                    let _ = std::fs::write(format!("/tmp/import-{example}-{env}-got.json"), b);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn infragen(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stack(project: &str, stack: &str) -> String {
    json!({
        "version": 3,
        "deployment": { "resources": [
            { "urn": format!("urn:pulumi:{stack}::{project}::pulumi:pulumi:Stack::{project}-{stack}"), "custom": false, "type": "pulumi:pulumi:Stack" },
            { "urn": format!("urn:pulumi:{stack}::{project}::random:index/randomPet:RandomPet::pet"), "custom": true, "id": "dev-pet", "type": "random:index/randomPet:RandomPet", "inputs": { "length": 2 }, "outputs": { "id": "dev-pet", "length": 2 } }
        ]}
    })
    .to_string()
}

/// Runs `infragen import` in `dir` and expects the refusal `code`, with nothing written.
fn refused(dir: &Path, args: &[&str], code: &str) {
    let before = infragen::output::read_tree(dir).unwrap();
    let o = infragen(dir, args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert!(
        err.starts_with(&format!("error[{code}]: ")) && err.contains("= help: "),
        "{args:?}: {err}"
    );
    assert_eq!(
        infragen::output::read_tree(dir).unwrap(),
        before,
        "{args:?} wrote something"
    );
}

#[test]
fn each_refusal_has_its_code_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, text: &str| std::fs::write(d.join(name), text).unwrap();
    write("dev.json", &stack("shop", "dev"));
    write("prod.json", &stack("shop", "prod"));
    write("other.json", &stack("blog", "prod"));
    write("v2.json", r#"{"version": 2, "deployment": {}}"#);
    write("bad.json", r#"{"checkpoint": {}}"#);
    write("odd-stack.json", &stack("shop", "prod-eu"));
    write("odd-project.json", &stack("MyShop", "dev"));
    write("modules.txt", "aws:s3/* Storage\n");
    refused(d, &["import", "missing.json", "--out", "out"], "S0030");
    refused(d, &["import", "bad.json", "--out", "out"], "S0031");
    refused(d, &["import", "v2.json", "--out", "out"], "S0032");
    refused(
        d,
        &["import", "dev.json", "other.json", "--out", "out"],
        "S0033",
    );
    refused(
        d,
        &["import", "dev.json", "dev.json", "--out", "out"],
        "S0034",
    );
    refused(
        d,
        &[
            "import",
            "dev.json",
            "--out",
            "out",
            "--modules",
            "modules.txt",
        ],
        "S0035",
    );
    refused(d, &["import", "odd-stack.json", "--out", "out"], "S0037");
    refused(d, &["import", "odd-project.json", "--out", "out"], "S0037");
    refused(
        d,
        &["import", "dev.json", "--out", "out", "--project", "store"],
        "S0037",
    );
    let o = infragen(d, &["import", "dev.json", "prod.json", "--out", "out"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(d.join("out/random.infra")).unwrap();
    assert!(text.contains("import = \"dev-pet\""), "{text}");
    refused(d, &["import", "dev.json", "--out", "out"], "S0036");
    let checked = common::check_workspace(&d.join("out"));
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn every_import_code_is_in_the_readme() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let codes = infragen::import::CODES
        .iter()
        .chain(infragen::import::WARNINGS);
    for (code, _) in codes {
        assert!(
            readme.contains(&format!("| {code} |")),
            "{code} is not in the README"
        );
    }
    let _: Option<ImportError> = None;
}
