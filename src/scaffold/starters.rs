//! The starters of `infragen new --template`: workspaces kept as data in `starters/<name>/`
//! (formatted `.infra` files and a README), embedded in the binary. `starter_name` and
//! `starter-name` in their text are the project name, as an identifier and as a physical-name
//! part; the `language` of each project file is replaced when `--lang` is given.

use heck::ToKebabCase;

use crate::ir::Language;

/// One starter: its name, a one-line summary for `new --list`, and its files (relative path,
/// text) exactly as in `starters/<name>/`.
#[derive(Debug, Clone, Copy)]
pub struct Starter {
    pub name: &'static str,
    pub summary: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

macro_rules! files {
    ($starter:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../starters/", $starter, "/", $path)))),*]
    };
}

/// Every starter, in the order `new --list` shows them.
pub const STARTERS: &[Starter] = &[
    Starter {
        name: "gcp-functions",
        summary: "GCP Cloud Functions in two projects, infrastructure and backend, joined by a stack reference (InterviewAI; Go)",
        files: files!("gcp-functions":
            "README.md",
            "infrastructure/project.infra",
            "infrastructure/apis.infra",
            "infrastructure/iam.infra",
            "infrastructure/secrets.infra",
            "backend/project.infra",
            "backend/storage.infra",
            "backend/monitoring.infra",
            "backend/functions/cloud_function.infra",
            "backend/functions/api.infra",
        ),
    },
    Starter {
        name: "cloudflare-workers",
        summary: "Cloudflare Workers bound to D1, R2, a queue and AI, one stack per environment (Dome; TypeScript)",
        files: files!("cloudflare-workers":
            "README.md",
            "project.infra",
            "databases.infra",
            "storage.infra",
            "queues.infra",
            "workers.infra",
        ),
    },
    Starter {
        name: "aws-standard",
        summary: "AWS after the Sophia standards: S3, a Lambda with its role and URL, Route 53 and ACM (Sophia; Python)",
        files: files!("aws-standard":
            "README.md",
            "project.infra",
            "storage.infra",
            "lambda_api.infra",
            "dns_tls.infra",
        ),
    },
    Starter {
        name: "gcp-services",
        summary: "GCP Cloud Run services from one component, Cloud SQL on a private VPC, secrets, monitoring (Apex; Python)",
        files: files!("gcp-services":
            "README.md",
            "project.infra",
            "apis.infra",
            "networking.infra",
            "databases.infra",
            "secrets.infra",
            "compute.infra",
            "monitoring.infra",
        ),
    },
    Starter {
        name: "minimal-aws",
        summary: "one AWS project with one S3 bucket, region config and three environments",
        files: files!("minimal-aws": "README.md", "project.infra", "storage.infra"),
    },
    Starter {
        name: "minimal-gcp",
        summary: "one GCP project with one storage bucket, project and region config and three environments",
        files: files!("minimal-gcp": "README.md", "project.infra", "storage.infra"),
    },
    Starter {
        name: "minimal-cloudflare",
        summary: "one Cloudflare project with one R2 bucket, account id config and three environments",
        files: files!("minimal-cloudflare": "README.md", "project.infra", "storage.infra"),
    },
];

pub fn find(name: &str) -> Option<&'static Starter> {
    STARTERS.iter().find(|s| s.name == name)
}

/// `new --list`: one line per starter.
pub fn list() -> String {
    let width = STARTERS.iter().map(|s| s.name.len()).max().unwrap_or(0);
    STARTERS
        .iter()
        .map(|s| format!("{:width$}  {}\n", s.name, s.summary))
        .collect()
}

/// The starter's files for a project called `name` (an identifier), in `language` if given.
pub fn instantiate(
    starter: &Starter,
    name: &str,
    language: Option<Language>,
) -> Vec<(&'static str, String)> {
    starter
        .files
        .iter()
        .map(|(path, text)| {
            let mut text = text
                .replace("starter_name", name)
                .replace("starter-name", &name.to_kebab_case());
            if let Some(language) = language
                && path.ends_with("project.infra")
            {
                text = with_language(&text, language);
            }
            (*path, text)
        })
        .collect()
}

/// The project file with its `language = ...` entry naming `language`.
fn with_language(text: &str, language: Language) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        match trimmed.strip_prefix("language").map(str::trim_start) {
            Some(rest) if rest.starts_with('=') => {
                let indent = &line[..line.len() - trimmed.len()];
                let key_and_eq = &trimmed[..trimmed.len() - rest.len() + 1];
                out.push_str(&format!("{indent}{key_and_eq} {}\n", language.name()));
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `starters/<name>/` is embedded, and nothing else is.
    #[test]
    fn the_embedded_files_are_the_starters_folders() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("starters");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = STARTERS
            .iter()
            .flat_map(|s| s.files.iter().map(move |(p, _)| format!("{}/{p}", s.name)))
            .collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    #[test]
    fn the_language_entry_is_replaced_and_aligned_as_before() {
        let text = "project a {\n  description = \"x\"\n  language    = typescript\n}\n";
        assert_eq!(
            with_language(text, Language::Go),
            "project a {\n  description = \"x\"\n  language    = go\n}\n"
        );
    }

    #[test]
    fn the_name_is_an_identifier_in_code_and_kebab_in_names() {
        let files = instantiate(find("gcp-functions").unwrap(), "my_shop", None);
        let backend = &files
            .iter()
            .find(|(p, _)| *p == "backend/project.infra")
            .unwrap()
            .1;
        assert!(backend.contains("project my_shop_backend {"));
        assert!(backend.contains("\"organization/my-shop-infra/{env}\""));
        assert!(!files.iter().any(|(_, t)| t.contains("starter")));
    }
}
