//! Synthetic workspaces for the benchmarks (`benches/scale.rs`): a producer project and an
//! application project with a given number of resources spread over modules, with references
//! inside and across modules, a component with instances, three environments, per-environment
//! values and a stack reference. Deterministic: the same size gives the same text.

use std::fmt::Write;

/// Resources per module of the application project.
pub const RESOURCES_PER_MODULE: usize = 100;

/// One file of a synthetic workspace: a path relative to the workspace root, and its text.
pub struct SynthFile {
    pub path: String,
    pub text: String,
}

/// A workspace whose application project declares about `resources` resources (component
/// children included).
pub fn workspace(resources: usize) -> Vec<SynthFile> {
    let mut files = vec![
        SynthFile {
            path: "platform/project.infra".into(),
            text: PLATFORM.into(),
        },
        SynthFile {
            path: "app/project.infra".into(),
            text: APP.into(),
        },
        SynthFile {
            path: "app/site/site.infra".into(),
            text: SITE_COMPONENT.into(),
        },
    ];
    let modules = resources.div_ceil(RESOURCES_PER_MODULE).max(1);
    for m in 0..modules {
        let count = (resources - m * RESOURCES_PER_MODULE).min(RESOURCES_PER_MODULE);
        files.push(SynthFile {
            path: format!("app/m{m:04}.infra"),
            text: module(m, count),
        });
    }
    files
}

const PLATFORM: &str = r#"/// The producer: the GCP project every application resource goes into.
project platform {
  language  = go
  providers { gcp = "9.37.0" }
  naming    = "{env}-{name}"
}

config {
  gcp_project: string
}

env dev { gcp_project = "synth-dev" }
env staging { gcp_project = "synth-staging" }
env prod {
  gcp_project = "synth-prod"
  protect     = true
}

export "{env}_project_id" = config.gcp_project
"#;

const APP: &str = r#"/// The application: many modules of buckets and objects.
project app {
  language  = typescript
  providers { gcp = "9.37.0" }
  naming    = "{env}-{name}"
}

config {
  region: string = "us-central1"
  retention_days: int = 30
}

env dev { retention_days = 7 }
env staging {}
env prod {
  protect = true
}

stack platform = "organization/platform/{env}" {
  project_id: string = "{env}_project_id"
}
"#;

const SITE_COMPONENT: &str = r#"/// A static site: a bucket and its index page.
module site

component Site(site_name: string, index: string) {
  resource gcp.storage.Bucket bucket {
    project  = platform.project_id
    name     = name(site_name)
    location = config.region
    website  = { main_page_suffix = "index.html" }
  }

  resource gcp.storage.BucketObject index_page {
    bucket  = bucket.name
    name    = "index.html"
    content = index
  }
}
"#;

/// Module `m<m>`: `count` resources. Every fourth is a bucket; the others are objects in the
/// module's latest bucket or, before a module's first bucket, in the previous module's first
/// bucket; every tenth is a site (two resources).
fn module(m: usize, count: usize) -> String {
    let mut text = format!("/// Synthetic module {m}.\nmodule m{m:04}\n");
    let mut bucket: Option<usize> = None;
    let mut declared = 0;
    let mut i = 0;
    while declared < count {
        if i % 10 == 9 && count - declared >= 2 {
            let _ = write!(
                text,
                "\nuse Site m{m}_s{i} {{\n  site_name = \"site-{m}-{i}\"\n  index     = \"<h1>{m}/{i}</h1>\"\n}}\n"
            );
            declared += 2;
        } else if i % 4 == 0 && (m == 0 || i > 0) {
            let _ = write!(
                text,
                "\n/// Bucket {i} of module {m}.\nresource gcp.storage.Bucket m{m}_b{i} {{\n  project       = platform.project_id\n  name          = name(\"b-{m}-{i}\")\n  location      = config.region\n  force_destroy = env {{ dev: true, default: false }}\n  labels        = {{ module = \"m{m}\", env = env.name }}\n  lifecycle_rules = [{{\n    action    = {{ type = \"Delete\" }}\n    condition = {{ age = config.retention_days }}\n  }}]\n}}\n"
            );
            bucket = Some(i);
            declared += 1;
        } else {
            let target = match bucket {
                Some(b) => format!("m{m}_b{b}"),
                None => {
                    let first = if m == 1 { 0 } else { 4 };
                    format!("m{:04}.m{}_b{first}", m - 1, m - 1)
                }
            };
            let _ = write!(
                text,
                "\nresource gcp.storage.BucketObject m{m}_o{i} {{\n  bucket  = {target}.name\n  name    = \"objects/{i}.txt\"\n  content = \"object ${{env.name}} {m}/{i}\"\n}}\n"
            );
            declared += 1;
        }
        i += 1;
    }
    text
}
