//! A seeded random sample of the shipped providers' functions (data sources), each called with
//! its required arguments (values of their types, as `add resource` fills required inputs) and
//! one property of its result exported, must check clean and generate in every language. The
//! workspaces are committed as fixtures (`tests/fixtures/sampled_functions/`: 30 functions
//! across aws, gcp and cloudflare, verified with tsc strict and mypy strict;
//! `tests/fixtures/sampled_functions_go/`: 12 functions, two from each of six modules the
//! examples already compile), so the verify tests type-check every call against the real
//! SDKs, run it under the mocks (whose `call` hook answers it) and compare the graph with the
//! plan. A failure names the function: each export is named after it (`aws.route53.getZone`
//! -> `aws_route53_getzone`).
//!
//! The seed is printed; `INFRAGEN_SAMPLE_SEED=<n>` tries another sample (then the committed
//! fixtures differ: compare, do not bless). `INFRAGEN_BLESS=1` rewrites the fixtures.

mod common;

use std::collections::BTreeMap;

use common::mutate::Rng;
use infragen::backend::generate_workspace;
use infragen::check::builtin_schemas;
use infragen::ir::{Language, Type};

const SEED: u64 = 0x5EED_0011;
const PROVIDERS: [(&str, usize); 3] = [("aws", 12), ("gcp", 12), ("cloudflare", 6)];
/// Go compiles every SDK package a program imports: its sample comes from packages the
/// examples import already.
const GO_MODULES: [&str; 6] = [
    "aws.route53",
    "aws.s3",
    "aws.iam",
    "gcp.storage",
    "gcp.secretmanager",
    "cloudflare",
];
const GO_COUNT: usize = 12;

fn seed() -> u64 {
    std::env::var("INFRAGEN_SAMPLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED)
}

/// A call of `function` with its required arguments and the property it reads, or `None`
/// when its result has no scalar property to read.
fn call(function: &str) -> Option<String> {
    let schema = builtin_schemas().function(function)?;
    let scalar = |t: &Type| matches!(t, Type::String | Type::Int | Type::Number | Type::Bool);
    let outputs = &schema.outputs;
    let property = ["id", "name", "arn"]
        .into_iter()
        .map(String::from)
        .find(|p| outputs.properties.get(p).is_some_and(|x| scalar(&x.ty)))
        .or_else(|| {
            outputs
                .properties
                .iter()
                .find(|(_, p)| scalar(&p.ty))
                .map(|(n, _)| n.clone())
        })?;
    let args: Vec<String> = schema
        .inputs
        .required
        .iter()
        .filter_map(|r| {
            let p = schema.inputs.properties.get(r)?;
            Some(format!(
                "{} = {}",
                heck::ToSnakeCase::to_snake_case(r.as_str()),
                infragen::scaffold::sample_value(&p.ty)
            ))
        })
        .collect();
    let args = if args.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", args.join(", "))
    };
    Some(format!(
        "{function}({args}).{}",
        heck::ToSnakeCase::to_snake_case(property.as_str())
    ))
}

/// Functions (friendly names) of `provider` that can be called, sorted.
fn functions(provider: &str, module: Option<&str>) -> Vec<String> {
    let package = builtin_schemas()
        .package(provider)
        .expect("a shipped provider");
    package
        .functions()
        .map(|(f, _)| f.to_string())
        .filter(|f| module.is_none_or(|m| f.rsplit_once('.').is_some_and(|(fm, _)| fm == m)))
        .filter(|f| call(f).is_some())
        .collect()
}

fn sample(items: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let mut pool = items.to_vec();
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        out.push(pool.swap_remove(rng.below(pool.len())));
    }
    out.sort();
    out
}

fn the_sample(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed | 1);
    PROVIDERS
        .iter()
        .flat_map(|(provider, n)| sample(&functions(provider, None), *n, &mut rng))
        .collect()
}

/// Two functions of each of `GO_MODULES`.
fn the_go_sample(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed.rotate_left(17) | 1);
    GO_MODULES
        .iter()
        .flat_map(|m| {
            let pool = functions(m.split('.').next().unwrap(), Some(m));
            sample(&pool, GO_COUNT / GO_MODULES.len(), &mut rng)
        })
        .collect()
}

fn export_name(function: &str) -> String {
    function.replace('.', "_").to_lowercase()
}

/// The workspace's files: the project and one module per provider, one export per function.
fn workspace(name: &str, functions: &[String]) -> BTreeMap<String, String> {
    let providers: Vec<&str> = PROVIDERS
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| functions.iter().any(|f| f.starts_with(&format!("{p}."))))
        .collect();
    // The TypeScript and Python sample pins what `sampled_kinds` pins, so the verify tests
    // share one installation (and mypy's cache) of the four SDKs.
    let pinned: Vec<&str> = if name == "sampled_functions" {
        vec!["aws", "gcp", "cloudflare", "random"]
    } else {
        let mut p = providers.clone();
        if !p.contains(&"aws") {
            p.insert(0, "aws");
        }
        p
    };
    let pins: Vec<String> = pinned
        .iter()
        .map(|p| {
            let version = builtin_schemas().package(p).unwrap().version.clone();
            format!("{p} = \"{version}\"")
        })
        .collect();
    let mut files = BTreeMap::new();
    files.insert(
        "project.infra".to_string(),
        format!(
            "/// {name}: a sample of the providers' data sources, each called once.\n\
             project {name} {{\n  description = \"{name}: sampled data sources\"\n  \
             providers {{ {} }}\n}}\n\n/// Development.\nenv dev {{}}\n\n\
             /// One resource, so that the graph the mocks see is not empty.\n\
             resource aws.s3.Bucket sampled {{\n  bucket = \"sampled-functions\"\n}}\n",
            pins.join("; ")
        ),
    );
    for provider in providers {
        let mut text = format!("/// Data sources of {provider}.\nmodule {provider}_functions\n");
        for f in functions
            .iter()
            .filter(|f| f.starts_with(&format!("{provider}.")))
        {
            text.push_str(&format!(
                "\nexport {} = {}\n",
                export_name(f),
                call(f).expect("sampled functions can be called")
            ));
        }
        files.insert(format!("{provider}_functions.infra"), text);
    }
    files
}

fn compare_or_bless(fixture: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let dir = common::root().join("tests/fixtures").join(fixture);
    let keep = ["verify-languages"];
    if common::bless() {
        for old in infragen::check::collect_dir(&dir).unwrap_or_default() {
            if !keep.contains(&old.0.as_str()) {
                let _ = std::fs::remove_file(dir.join(old.0));
            }
        }
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return Vec::new();
    }
    let committed: BTreeMap<String, String> = infragen::check::collect_dir(&dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| !keep.contains(&p.as_str()))
        .collect();
    let mut problems = Vec::new();
    for (path, text) in files {
        match committed.get(path) {
            Some(old) if old == text => {}
            Some(old) => problems.push(infragen::output::unified_diff(
                &format!("{fixture}/{path}"),
                old,
                text,
            )),
            None => problems.push(format!("{fixture}/{path} is not committed")),
        }
    }
    for path in committed.keys().filter(|p| !files.contains_key(*p)) {
        problems.push(format!("{fixture}/{path} is no longer generated"));
    }
    problems
}

#[test]
fn sampled_functions_check_and_generate_in_every_language() {
    let seed = seed();
    eprintln!("sampled_functions: seed {seed} (INFRAGEN_SAMPLE_SEED)");
    let all = the_sample(seed);
    let go = the_go_sample(seed);
    assert!(all.len() >= 30, "{} functions sampled", all.len());
    assert!(
        go.len() >= GO_COUNT,
        "{} functions sampled for Go",
        go.len()
    );
    let mut problems = Vec::new();
    for (fixture, functions) in [("sampled_functions", &all), ("sampled_functions_go", &go)] {
        let files = workspace(fixture, functions);
        let none = |_: &str| -> Result<String, String> { Err("none".into()) };
        let checked = infragen::check::check_files(files.clone().into_iter().collect(), &none);
        for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
            problems.push(format!("{fixture}: {}", d.message));
        }
        if !checked.has_errors() {
            for language in Language::ALL {
                if let Err(e) = generate_workspace(&checked.workspace, Some(language)) {
                    problems.push(format!("{fixture} in {}: {e}", language.name()));
                }
            }
        }
        if seed == SEED {
            problems.extend(compare_or_bless(fixture, &files));
        }
    }
    assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
}
