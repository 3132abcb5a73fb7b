//! go.mod and go.sum. The backend cannot reach the network, so it ships the module data of
//! the pinned SDK versions (templates/go/modules/, produced by scripts/go/modules.sh from the versions here) and
//! assembles exactly what `go mod tidy` writes for a project's providers.

use askama::Template;

use super::templates::GoMod;

use crate::ir::Project;

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
];

/// The go.sum lines shipped for one provider version, if any.
fn shipped_sums(provider: &str, version: &str) -> Option<&'static str> {
    PROVIDER_SUMS
        .iter()
        .find(|(name, v, _)| *name == provider && *v == version)
        .map(|(_, _, lines)| *lines)
}

/// The providers (name, version) of a project whose go.sum data is not shipped: go.mod
/// requires them, go.sum lacks their lines until `go mod tidy` adds them.
pub fn unsummed(project: &Project) -> Vec<(&str, &str)> {
    project
        .providers
        .iter()
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
    for p in &project.providers {
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
}
