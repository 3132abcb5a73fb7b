//! A seeded random sample of the shipped providers' resource kinds, each added with
//! `infragen add resource` (every required property filled with a value of its type), must
//! check clean and generate in every language. The workspaces are committed as fixtures
//! (`tests/fixtures/sampled_kinds/`: 200 kinds across the four providers;
//! `tests/fixtures/sampled_kinds_go/`: 40 kinds from five packages, the share Go compiles in
//! reasonable time), so the verify tests then build them with the real toolchains (tsc strict,
//! mypy strict, go build), run them under Pulumi's mocks and compare the graph with the plan.
//! A failure names the kind: each resource is named after its kind (`aws.s3.Bucket` ->
//! `aws_s3_bucket`).
//!
//! The seed is printed; `INFRAGEN_SAMPLE_SEED=<n>` tries another sample (then the committed
//! fixtures differ: compare, do not bless). `INFRAGEN_BLESS=1` rewrites the fixtures.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::mutate::Rng;
use infragen::backend::generate_workspace;
use infragen::check::builtin_schemas;
use infragen::ir::Language;

const SEED: u64 = 0x5EED_0010;
const PROVIDERS: [(&str, usize); 4] =
    [("aws", 65), ("gcp", 65), ("cloudflare", 60), ("random", 10)];

fn seed() -> u64 {
    std::env::var("INFRAGEN_SAMPLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED)
}

/// Resource kinds (friendly names) of `provider`, sorted.
fn kinds(provider: &str) -> Vec<String> {
    let schemas = builtin_schemas();
    let package = schemas.package(provider).expect("a shipped provider");
    package.kinds().map(|(f, _)| f.to_string()).collect()
}

/// `n` distinct items of `items`, in sorted order.
fn sample(items: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let mut pool = items.to_vec();
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        out.push(pool.swap_remove(rng.below(pool.len())));
    }
    out.sort();
    out
}

/// The kind's module: `aws.s3.Bucket` -> `aws.s3`; `cloudflare.Record` -> `cloudflare`.
fn module_of(kind: &str) -> &str {
    kind.rsplit_once('.').map_or(kind, |(m, _)| m)
}

fn resource_name(kind: &str) -> String {
    kind.replace('.', "_")
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

fn the_sample(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed | 1);
    PROVIDERS
        .iter()
        .flat_map(|(provider, n)| sample(&kinds(provider), *n, &mut rng))
        .collect()
}

/// Five packages with at least eight kinds each, eight kinds from each.
fn the_go_sample(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed.rotate_left(17) | 1);
    let mut by_module: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (provider, _) in PROVIDERS {
        for kind in kinds(provider) {
            by_module
                .entry(module_of(&kind).to_string())
                .or_default()
                .push(kind);
        }
    }
    let modules: Vec<String> = by_module
        .iter()
        .filter(|(_, k)| k.len() >= 8)
        .map(|(m, _)| m.clone())
        .collect();
    sample(&modules, 5, &mut rng)
        .iter()
        .flat_map(|m| sample(&by_module[m], 8, &mut rng))
        .collect()
}

fn infragen(args: &[&str], dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_infragen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("infragen runs");
    assert!(
        out.status.success(),
        "infragen {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new project with every kind added by `infragen add resource`, as its files.
fn scaffold(name: &str, kinds: &[String]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let mut new = vec!["new", name, "--lang", "typescript"];
    for (provider, _) in PROVIDERS {
        new.extend(["--provider", provider]);
    }
    infragen(&new, dir.path());
    let project = dir.path().join(name);
    for kind in kinds {
        let module = module_of(kind).replace('.', "_");
        infragen(
            &[
                "add",
                "resource",
                kind,
                &resource_name(kind),
                "--module",
                &module,
                "--project",
                name,
            ],
            dir.path(),
        );
    }
    infragen::check::collect_dir(&project)
        .unwrap()
        .into_iter()
        .collect()
}

fn compare_or_bless(fixture: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let dir = common::root().join("tests/fixtures").join(fixture);
    if common::bless() {
        for old in infragen::check::collect_dir(&dir).unwrap_or_default() {
            let _ = std::fs::remove_file(dir.join(old.0));
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
        problems.push(format!("{fixture}/{path} is no longer scaffolded"));
    }
    problems
}

#[test]
fn sampled_kinds_scaffold_check_and_generate_in_every_language() {
    let seed = seed();
    eprintln!("sampled_kinds: seed {seed} (INFRAGEN_SAMPLE_SEED)");
    let all = the_sample(seed);
    let go = the_go_sample(seed);
    assert!(all.len() >= 200, "{} kinds sampled", all.len());
    assert!(go.len() >= 40, "{} kinds sampled for Go", go.len());
    let mut problems = Vec::new();
    for (fixture, kinds) in [("sampled_kinds", &all), ("sampled_kinds_go", &go)] {
        let files = scaffold(fixture, kinds);
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

/// `add module M --resource KIND ...` with a second seeded sample of 60 kinds (grouped into
/// one module per provider package): the workspace checks with no error and no warning but
/// one W1370 per `// fill in` placeholder, and `infragen build` writes it in every language.
#[test]
fn add_module_with_sampled_kinds_checks_with_placeholder_warnings_only_and_builds() {
    let seed = seed().rotate_left(29) ^ 0x14;
    eprintln!("add module: seed {seed} (from INFRAGEN_SAMPLE_SEED)");
    let mut rng = Rng(seed | 1);
    let kinds: Vec<String> = [("aws", 20), ("gcp", 20), ("cloudflare", 15), ("random", 5)]
        .iter()
        .flat_map(|(provider, n)| sample(&kinds(provider), *n, &mut rng))
        .collect();
    assert!(kinds.len() >= 50, "{} kinds sampled", kinds.len());
    let mut by_module: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for kind in &kinds {
        by_module
            .entry(module_of(kind).replace('.', "_"))
            .or_default()
            .push(kind.clone());
    }
    let dir = tempfile::tempdir().unwrap();
    let mut new = vec!["new", "app"];
    for (provider, _) in PROVIDERS {
        new.extend(["--provider", provider]);
    }
    infragen(&new, dir.path());
    for (module, kinds) in &by_module {
        let mut args = vec!["add", "module", module, "--project", "app"];
        for kind in kinds {
            args.extend(["--resource", kind]);
        }
        infragen(&args, dir.path());
    }
    let project = dir.path().join("app");
    let checked = infragen::check::check_dir(&project).unwrap();
    let unexpected: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code != "W1370")
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(
        unexpected.is_empty(),
        "seed {seed}:\n{}",
        unexpected.join("\n")
    );
    let markers: usize = infragen::check::collect_dir(&project)
        .unwrap()
        .iter()
        .map(|(_, text)| text.matches("// fill in: ").count())
        .sum();
    assert!(markers > 0);
    assert_eq!(checked.diagnostics.len(), markers, "one W1370 per marker");
    for language in Language::ALL {
        let out = dir.path().join(format!("out-{}", language.name()));
        infragen(
            &[
                "build",
                "app",
                "--lang",
                language.name(),
                "--out",
                &out.to_string_lossy(),
            ],
            dir.path(),
        );
        assert!(out.join("app").is_dir(), "{}", language.name());
    }
}
