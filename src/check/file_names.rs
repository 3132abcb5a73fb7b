//! Names that become file and folder names: project folders, module files and packages,
//! component files. Backends convert them (kebab-case for TypeScript files and project folders,
//! snake_case for Python and Go files, lowercase without `_` for Go packages), so two names
//! that differ only in case or in `_` end up as one file name on a case-insensitive file system
//! (macOS, Windows), and some names convert to no usable name at all. Both are reported here,
//! before a build can fail half-way through writing.

use std::collections::BTreeMap;

use heck::{ToKebabCase, ToSnakeCase};

use super::project::{ParsedFile, ProjectChecker, item_span};
use crate::diag::{Problem, Sink};
use crate::syntax::Span;
use crate::syntax::ast::Item;

/// Longest converted name accepted, in bytes: well below the 255 bytes most file systems
/// allow for one path component, leaving room for extensions and suffixes backends add.
pub(super) const MAX_FILE_NAME: usize = 100;

/// Names that Windows reserves for devices, whatever the case and extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The key two names collide on under every backend's conversion: lowercase, without `-`
/// and `_` (kebab-case and snake_case only change case and insert or drop separators).
pub(super) fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why `name` cannot become a file or folder name, if it cannot.
pub(super) fn unusable(name: &str) -> Option<String> {
    let folded = fold(name);
    if folded.is_empty() {
        return Some("it has no letters or digits, so its file name would be empty".into());
    }
    let longest = name
        .len()
        .max(name.to_kebab_case().len())
        .max(name.to_snake_case().len());
    if longest > MAX_FILE_NAME {
        return Some(format!(
            "its file name would be {longest} bytes long, more than the {MAX_FILE_NAME} infragen allows"
        ));
    }
    if RESERVED.contains(&folded.as_str()) {
        return Some(format!(
            "`{folded}` is a device name on Windows and cannot name a file there"
        ));
    }
    None
}

/// Reports unusable names among `names` and every name that collides with an earlier one.
fn report(what: &str, names: &[(String, Span)], sink: &mut Sink) {
    let mut seen: BTreeMap<String, (&str, Span)> = BTreeMap::new();
    // An empty name comes from a declaration the parser recovered from: reported already.
    for (name, span) in names.iter().filter(|(n, _)| !n.is_empty()) {
        if let Some(reason) = unusable(name) {
            sink.report(Problem::UnusableFileName {
                span: *span,
                what: what.into(),
                name: name.clone(),
                reason,
            });
            continue;
        }
        let key = fold(name);
        match seen.get(&key) {
            Some((first_name, first)) => sink.report(Problem::FileNameCollision {
                span: *span,
                what: what.into(),
                name: name.clone(),
                other: first_name.to_string(),
                first: *first,
            }),
            None => {
                seen.insert(key, (name, *span));
            }
        }
    }
}

/// Project names across the workspace: each project is written to a folder named after it.
/// `projects` maps each project directory to its declarations (name span, name).
pub(super) fn check_project_folders(
    projects: &BTreeMap<String, Vec<(Span, String)>>,
    sink: &mut Sink,
) {
    let names: Vec<(String, Span)> = projects
        .values()
        .filter_map(|decls| decls.first())
        .map(|(span, name)| (name.clone(), *span))
        .collect();
    // The output's root also holds the `justfile` deploying a multi-project workspace.
    let (names, taken): (Vec<_>, Vec<_>) = names
        .into_iter()
        .partition(|(name, _)| fold(name) != "justfile");
    for (name, span) in taken {
        sink.report(Problem::UnusableFileName {
            span,
            what: "project".into(),
            name,
            reason: "the output's root holds the workspace's `justfile`, which deploys its projects in order".into(),
        });
    }
    report("project", &names, sink);
}

impl ProjectChecker<'_> {
    /// Module and component names of one project.
    pub(super) fn check_file_names(&mut self, files: &[ParsedFile]) {
        let project_span = files
            .iter()
            .flat_map(|f| &f.ast.items)
            .find_map(|i| match i {
                Item::Project(p) => Some(p.name.span),
                _ => None,
            })
            .unwrap_or_default();
        let mut declared: BTreeMap<&str, Span> = BTreeMap::new();
        for item in files.iter().flat_map(|f| &f.ast.items) {
            if let Item::Module(m) = item {
                declared.entry(m.name.name.as_str()).or_insert(m.name.span);
            }
        }
        let modules: Vec<(String, Span)> = self
            .project
            .modules
            .iter()
            // Names that are not identifiers are reported already (E0800).
            .filter(|m| is_identifier(&m.name))
            .map(|m| {
                let span = declared.get(m.name.as_str()).copied().or_else(|| {
                    files
                        .iter()
                        .find(|f| f.path == m.file || f.path.ends_with(&format!("/{}", m.file)))
                        .and_then(|f| f.ast.items.first().map(item_span))
                });
                (m.name.clone(), span.unwrap_or(project_span))
            })
            .collect();
        report("module", &modules, self.sink);
        let components: Vec<(String, Span)> = self
            .project
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let span = self.component_spans.get(&i).copied();
                (c.name.clone(), span.unwrap_or(project_span))
            })
            .collect();
        report("component", &components, self.sink);
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_covers_every_backend_conversion() {
        for (a, b) in [
            ("Queues", "queues"),
            ("dns_tls", "DnsTls"),
            ("HTTPServer", "http_server"),
            ("class_", "class"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} and {b}");
            assert_eq!(fold(&a.to_kebab_case()), fold(&b.to_snake_case()));
        }
        assert_ne!(fold("queue"), fold("queues"));
    }

    #[test]
    fn unusable_names() {
        assert!(unusable("_").is_some());
        assert!(unusable("__").is_some());
        assert!(unusable(&"a".repeat(101)).is_some());
        assert!(unusable(&"a".repeat(100)).is_none());
        assert!(unusable("Con").is_some());
        assert!(unusable("lpt_1").is_some());
        assert!(unusable("console").is_none());
        assert!(unusable("dome").is_none());
    }
}
