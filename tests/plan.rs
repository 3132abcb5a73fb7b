//! The plan is the contract generated programs are held to: it must say what the SDKs do.

use infragen::check::check_files;
use infragen::ir::plan::Evaluator;
use serde_json::Value;

fn plan(source: &str, env: &str) -> Value {
    let none = |_: &str| -> Result<String, String> { Err("none".into()) };
    let checked = check_files(vec![("project.infra".into(), source.into())], &none);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let project = &checked.workspace.projects[0];
    Evaluator::new(project, env).unwrap().plan()
}

fn resource<'a>(plan: &'a Value, name: &str) -> &'a Value {
    plan["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
}

const HEADER: &str =
    "project demo {\n  providers { gcp = \"9.37.0\" }\n}\nenv dev {}\nenv prod {}\n";

#[test]
fn dependencies_follow_the_branch_an_environment_takes() {
    let src = format!(
        "{HEADER}stack infra = \"organization/core/{{env}}\" {{\n  region: string\n}}\n\
         resource gcp.storage.Bucket raw {{\n  location = env {{ prod: infra.region, default: \"US\" }}\n}}\n"
    );
    let dev = plan(&src, "dev");
    assert_eq!(resource(&dev, "raw")["dependencies"], serde_json::json!([]));
    assert_eq!(resource(&dev, "raw")["inputs"]["location"], "US");
    let prod = plan(&src, "prod");
    assert_eq!(
        resource(&prod, "raw")["dependencies"],
        serde_json::json!(["urn:pulumi:prod::demo::pulumi:pulumi:StackReference::infra"])
    );
    assert_eq!(
        resource(&prod, "raw")["inputs"]["location"],
        "${stack:infra/region}"
    );
}

#[test]
fn a_component_instance_depends_on_does_not_reach_its_children() {
    let src = format!(
        "{HEADER}resource gcp.storage.Bucket logs {{\n  location = \"US\"\n}}\n\
         component Site(location: string) {{\n  resource gcp.storage.Bucket bucket {{\n    location = location\n  }}\n}}\n\
         use Site docs {{\n  location = \"EU\"\n  options {{ depends_on = [logs] }}\n}}\n"
    );
    let dev = plan(&src, "dev");
    let logs = "urn:pulumi:dev::demo::gcp:storage/bucket:Bucket::logs";
    let instance = resource(&dev, "docs");
    assert_eq!(instance["dependsOn"], serde_json::json!([logs]));
    let child = resource(&dev, "docs-bucket");
    assert_eq!(child["dependencies"], serde_json::json!([]));
    assert_eq!(
        child["parent"],
        "urn:pulumi:dev::demo::demo:main:Site::docs"
    );
    assert_eq!(
        child["urn"],
        "urn:pulumi:dev::demo::demo:main:Site$gcp:storage/bucket:Bucket::docs-bucket"
    );
}

#[test]
fn functions_are_computed_per_environment_and_on_output_placeholders() {
    let src = format!(
        "{HEADER}config {{\n  domain: string = \"Example.COM\"\n}}\n\
         let site = lower(config.domain)\n\
         resource gcp.storage.Bucket raw as \"raw-data\" {{\n  location = upper(env.name)\n  labels = {{ site = site }}\n}}\n\
         resource gcp.storage.Bucket copy {{\n  location = upper(raw.name)\n  labels = {{ doc = json({{ b = raw.id, a = [site] }}) }}\n}}\n"
    );
    let dev = plan(&src, "dev");
    let raw = resource(&dev, "raw-data");
    assert_eq!(raw["inputs"]["location"], "DEV");
    assert_eq!(raw["inputs"]["labels"]["site"], "example.com");
    let copy = resource(&dev, "copy");
    assert_eq!(copy["inputs"]["location"], "${RAW-DATA.NAME}");
    assert_eq!(
        copy["inputs"]["labels"]["doc"],
        r#"{"a":["example.com"],"b":"${raw-data.id}"}"#
    );
    assert_eq!(
        copy["dependencies"],
        serde_json::json!(["urn:pulumi:dev::demo::gcp:storage/bucket:Bucket::raw-data"])
    );
    assert_eq!(
        resource(&plan(&src, "prod"), "raw-data")["inputs"]["location"],
        "PROD"
    );
}

/// Default provider settings are stack config: each environment's value, under the package's
/// namespace; a secret one is only named in the header, never written.
#[test]
fn default_provider_settings_go_to_every_stack_file() {
    let checked = infragen::check::check_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/providers"),
    )
    .unwrap();
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let files =
        infragen::backend::shared::stack_files(&checked.workspace.projects[0], None).unwrap();
    let text = |name: &str| {
        files
            .iter()
            .find(|f| f.path == name)
            .map(|f| f.contents.clone())
            .unwrap()
    };
    let prod = text("Pulumi.prod.yaml");
    assert!(prod.contains("\n  gcp:project: 'acme-prod'\n"), "{prod}");
    assert!(prod.contains("\n  gcp:region: 'europe-west1'\n"), "{prod}");
    assert!(prod.contains("\n  gcp:zone: 'europe-west1-b'\n"), "{prod}");
    assert!(prod.contains("pulumi config set --secret --stack prod gcp:credentials <value>"));
    assert!(!prod.contains("gcp:credentials:"), "{prod}");
    let dev = text("Pulumi.dev.yaml");
    assert!(dev.contains("\n  gcp:project: 'acme-dev'\n"), "{dev}");
    assert!(dev.contains("\n  gcp:region: 'us-central1'\n"), "{dev}");
}
