//! go.mod and go.sum. The backend cannot reach the network, so it ships the module data of
//! the pinned SDK versions (templates/go/modules/, produced by scripts/go/modules.sh from the versions here) and
//! assembles exactly what `go mod tidy` writes for a project's providers.

use askama::Template;

use super::templates::GoMod;

use std::collections::BTreeSet;

use crate::ir::{Project, Provider, Type};

/// The core Go SDK. scripts/go/modules.sh produces the module data for exactly this version.
pub const PULUMI_SDK: (&str, &str) = ("github.com/pulumi/pulumi/sdk/v3", "v3.276.0");
/// Read by the generated tests (the stack files).
const YAML: (&str, &str) = ("gopkg.in/yaml.v3", "v3.0.1");

const CORE_MOD: &str = include_str!("../../../templates/go/modules/core.mod");
const CORE_SUM: &str = include_str!("../../../templates/go/modules/core.sum");
/// (provider, version, go.sum lines it adds).
const PROVIDER_SUMS: &[(&str, &str, &str)] = &[
    (
        "aws",
        "7.41.0",
        include_str!("../../../templates/go/modules/aws.sum"),
    ),
    (
        "cloudflare",
        "6.18.0",
        include_str!("../../../templates/go/modules/cloudflare.sum"),
    ),
    (
        "gcp",
        "9.37.0",
        include_str!("../../../templates/go/modules/gcp.sum"),
    ),
    (
        "random",
        "4.21.1",
        include_str!("../../../templates/go/modules/random.sum"),
    ),
];

/// The go.sum lines shipped for one provider version, if any.
fn shipped_sums(provider: &str, version: &str) -> Option<&'static str> {
    PROVIDER_SUMS
        .iter()
        .find(|(name, v, _)| *name == provider && *v == version)
        .map(|(_, _, lines)| *lines)
}

/// The packages a type token names (`gcp:storage/bucket:Bucket` -> `gcp`), nested ones included.
fn packages_of_type(ty: &Type, into: &mut BTreeSet<String>) {
    match ty {
        Type::Object(token) | Type::Resource(token) => {
            into.insert(token.split(':').next().unwrap_or_default().to_string());
        }
        Type::List(item) | Type::Map(item) => packages_of_type(item, into),
        _ => {}
    }
}

/// The declared providers whose SDK the generated program imports. go.mod requires only
/// these: `go mod tidy` drops a module nothing imports (a provider declared for its stack
/// settings alone).
pub fn providers_in_use(project: &Project) -> Vec<&Provider> {
    let mut packages = BTreeSet::new();
    let templates = project.components.iter().flat_map(|c| &c.resources);
    for resource in project.resources.iter().chain(templates) {
        packages.insert(resource.kind.package.clone());
    }
    for param in project.components.iter().flat_map(|c| &c.params) {
        packages_of_type(&param.ty, &mut packages);
        packages_of_type(&param.resolved_ty, &mut packages);
    }
    // Data sources are called from the provider's package.
    project.for_each_value(&mut |v| {
        v.walk(&mut |x| {
            if let crate::ir::ValueKind::Invoke(call) = &x.kind {
                packages.insert(call.function.package.clone());
            }
        })
    });
    project
        .providers
        .iter()
        .filter(|p| packages.contains(&p.name))
        .collect()
}

/// The providers (name, version) of a project whose go.sum data is not shipped: go.mod
/// requires them, go.sum lacks their lines until `go mod tidy` adds them.
pub fn unsummed(project: &Project) -> Vec<(&str, &str)> {
    providers_in_use(project)
        .into_iter()
        .filter(|p| shipped_sums(&p.name, &p.version).is_none())
        .map(|p| (p.name.as_str(), p.version.as_str()))
        .collect()
}

/// (go.mod, go.sum) of a project. A provider version without shipped go.sum data is required
/// in go.mod with no go.sum lines (see [`unsummed`]).
pub fn files(project: &Project) -> Result<(String, String), String> {
    let mut direct = vec![
        (PULUMI_SDK.0.to_string(), PULUMI_SDK.1.to_string()),
        (YAML.0.to_string(), YAML.1.to_string()),
    ];
    let mut sums: Vec<&str> = CORE_SUM.lines().collect();
    for p in providers_in_use(project) {
        direct.push((super::names::go_module(p), format!("v{}", p.version)));
        let Some(lines) = shipped_sums(&p.name, &p.version) else {
            continue;
        };
        for line in lines.lines() {
            let path = line.split(' ').next().unwrap_or_default();
            // go.sum is sorted by module path; provider paths are not in the core set.
            let at = sums
                .iter()
                .position(|l| l.split(' ').next().unwrap_or_default() > path)
                .unwrap_or(sums.len());
            sums.insert(at, line);
        }
    }
    direct.sort();
    let (go_line, indirect) = CORE_MOD.split_once('\n').unwrap_or((CORE_MOD, ""));
    let go_mod = GoMod {
        header: super::templates::header(),
        module: &project.pulumi_name,
        go_version: go_line.trim_start_matches("go ").trim(),
        direct: direct.iter().map(|(m, v)| format!("{m} {v}")).collect(),
        indirect: indirect.trim_start_matches('\n'),
    }
    .render()
    .map_err(|e| e.to_string())?;
    let mut go_sum = sums.join("\n");
    go_sum.push('\n');
    Ok((go_mod, go_sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = include_str!("../../../scripts/go/modules.sh");

    /// The shipped module data is for the versions the backend writes into go.mod.
    #[test]
    fn module_data_matches_the_pinned_versions() {
        assert!(
            SCRIPT.contains(&format!("\nPULUMI={}\n", PULUMI_SDK.1)),
            "scripts/go/modules.sh pins another core SDK than PULUMI_SDK"
        );
        assert!(SCRIPT.contains(&format!("\nYAML={}\n", YAML.1)));
        for (name, version, _) in PROVIDER_SUMS {
            assert!(
                SCRIPT.contains(&format!("[{name}]=\"github.com/pulumi/pulumi-{name}/")),
                "scripts/go/modules.sh has no module for {name}"
            );
            assert!(
                SCRIPT.contains(&format!(" v{version}\"\n")),
                "scripts/go/modules.sh pins another {name} than {version}"
            );
        }
        assert!(CORE_SUM.contains(&format!("{} {}", PULUMI_SDK.0, PULUMI_SDK.1)));
    }

    /// Every provider version whose schema ships with infragen builds in Go without
    /// `go mod tidy`: its go.sum lines ship too.
    #[test]
    fn every_shipped_schema_has_go_sum_data() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/full");
        let mut shipped = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            let stem = file.strip_suffix(".json.gz").unwrap_or(&file);
            let (name, version) = stem.rsplit_once('-').unwrap();
            shipped.push((name.to_string(), version.to_string()));
        }
        shipped.sort();
        assert!(shipped.len() >= 4, "schemas/full lists {shipped:?}");
        for (name, version) in &shipped {
            assert!(
                shipped_sums(name, version).is_some(),
                "no go.sum data for the shipped schema {name} {version}; run scripts/go/modules.sh"
            );
        }
    }
}
