//! The schema extractor against a real schema: run on random 4.21.1's published SDK packages
//! (npm and PyPI, downloaded once into the cache), it must reproduce the resources, properties,
//! types, required flags, secrets and deprecations of the schema pulumi/pulumi-random ships
//! for that version (tests/fixtures_schema/random-4.21.1.schema.json). What differs by nature
//! (descriptions) is listed in schemas/README.md.

mod common;

use std::collections::BTreeSet;

use infragen::schema_extract::{Sources, extract};
use serde_json::Value as Json;

fn random_sources() -> Sources {
    Sources {
        npm: "@pulumi/random@4.21.1".into(),
        pypi: "pulumi-random==4.21.1".into(),
    }
}

/// The facts compared: everything but documentation text. A deprecation is compared by its
/// presence (the real schema's text carries per-language markup the SDKs render away).
fn facts(v: &Json) -> Json {
    match v {
        Json::Object(m) => Json::Object(
            m.iter()
                .filter(|(k, _)| *k != "description")
                .map(|(k, v)| {
                    if k == "deprecationMessage" {
                        (k.clone(), Json::Bool(true))
                    } else {
                        (k.clone(), facts(v))
                    }
                })
                .collect(),
        ),
        Json::Array(a) => Json::Array(a.iter().map(facts).collect()),
        other => other.clone(),
    }
}

fn keys(v: &Json) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn random_matches_the_real_schema() {
    let (text, report) = extract(&random_sources(), &common::cache_dir()).expect("extracts");
    let ours: Json = serde_json::from_str(&text).unwrap();
    let real: Json = serde_json::from_str(
        &std::fs::read_to_string(
            common::root().join("tests/fixtures_schema/random-4.21.1.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(
        report.unresolved_numbers.is_empty(),
        "{:?}",
        report.unresolved_numbers
    );
    let mut problems = Vec::new();
    for section in ["resources", "types", "functions"] {
        let (r, o) = (&real[section], &ours[section]);
        if keys(r) != keys(o) {
            problems.push(format!(
                "{section}: real has {:?}, extracted has {:?}",
                keys(r),
                keys(o)
            ));
            continue;
        }
        for token in keys(r) {
            let (r, o) = (&r[&token], &o[&token]);
            for field in keys(r).union(&keys(o)) {
                if field == "description" {
                    continue;
                }
                if facts(&r[field]) != facts(&o[field]) {
                    problems.push(format!(
                        "{section} {token} `{field}`:\n  real      {}\n  extracted {}",
                        facts(&r[field]),
                        facts(&o[field])
                    ));
                }
            }
        }
    }
    if facts(&real["provider"]) != facts(&ours["provider"]) {
        problems.push(format!(
            "provider:\n  real      {}\n  extracted {}",
            facts(&real["provider"]),
            facts(&ours["provider"])
        ));
    }
    for (field, value) in [
        ("name", "random"),
        ("license", "Apache-2.0"),
        ("repository", "https://github.com/pulumi/pulumi-random"),
    ] {
        if real[field] != value || ours[field] != value {
            problems.push(format!(
                "`{field}`: real {} extracted {}",
                real[field], ours[field]
            ));
        }
    }
    assert_eq!(
        ours["language"]["go"]["importBasePath"],
        real["language"]["go"]["importBasePath"]
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The comparison is not vacuous: these are the facts that had to be read from three files.
    let password = &ours["resources"]["random:index/randomPassword:RandomPassword"];
    assert_eq!(password["requiredInputs"], serde_json::json!(["length"]));
    assert_eq!(password["inputProperties"]["length"]["type"], "integer");
    assert_eq!(password["properties"]["result"]["secret"], true);
    assert!(password["properties"]["number"]["deprecationMessage"].is_string());
    println!(
        "random 4.21.1: {} resources, {} functions: equal to the real schema but for descriptions",
        keys(&ours["resources"]).len(),
        keys(&ours["functions"]).len()
    );
}

#[test]
fn extraction_is_byte_identical_twice() {
    let cache = common::cache_dir();
    let (a, _) = extract(&random_sources(), &cache).expect("extracts");
    let (b, _) = extract(&random_sources(), &cache).expect("extracts");
    assert!(a == b, "two extractions differ");
    // Keys are sorted at every level.
    let v: Json = serde_json::from_str(&a).unwrap();
    assert_eq!(infragen::schema_extract::write::to_sorted_json(&v), a);
}
