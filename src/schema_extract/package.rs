//! Package facts from the npm package's `package.json`.

use std::path::Path;

use serde_json::Value as Json;

/// Package facts from `package.json`.
#[derive(Debug, Clone)]
pub struct PackageInfo {
    pub name: String,
    pub version: String,
    pub npm_name: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub homepage: String,
    pub license: String,
    pub repository: String,
}

impl PackageInfo {
    pub fn read(npm_dir: &Path) -> Result<Self, String> {
        let path = npm_dir.join("package.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let j: Json =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let s = |v: &Json| v.as_str().unwrap_or_default().to_string();
        let npm_name = s(&j["name"]);
        let name = j["pulumi"]["name"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| npm_name.rsplit('/').next().unwrap_or_default().to_string());
        let repository = match &j["repository"] {
            Json::Object(o) => o.get("url").map(s).unwrap_or_default(),
            v => s(v),
        };
        Ok(PackageInfo {
            name,
            version: j["pulumi"]["version"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| s(&j["version"])),
            npm_name,
            description: s(&j["description"]),
            keywords: j["keywords"]
                .as_array()
                .map(|a| a.iter().map(s).collect())
                .unwrap_or_default(),
            homepage: s(&j["homepage"]),
            license: s(&j["license"]),
            repository,
        })
    }

    /// `github.com/pulumi/pulumi-random/sdk/v4/go/random`, derived from the repository and the
    /// major version as Pulumi's Go generator does.
    pub fn go_import_base(&self) -> String {
        let repo = self
            .repository
            .trim_start_matches("git+")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches(".git")
            .trim_end_matches('/');
        let major: u32 = self
            .version
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        let suffix = if major >= 2 {
            format!("/v{major}")
        } else {
            String::new()
        };
        format!("{repo}/sdk{suffix}/go/{}", self.name)
    }
}
