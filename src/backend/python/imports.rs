//! The import block of a generated file, sorted as ruff's isort rules want it: standard
//! library, third party, first party; plain imports before `from` imports in each section.

use std::collections::{BTreeMap, BTreeSet};

use super::doc::{Doc, LINE_LENGTH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Stdlib,
    ThirdParty,
    FirstParty,
}

const STDLIB: &[&str] = &[
    "asyncio",
    "base64",
    "collections",
    "concurrent",
    "dataclasses",
    "hashlib",
    "json",
    "os",
    "pathlib",
    "re",
    "runpy",
    "subprocess",
    "sys",
    "threading",
    "typing",
];

/// Third-party top-level modules generated code imports (besides the `pulumi*` SDKs).
const THIRD_PARTY: &[&str] = &["google", "pytest", "yaml"];

/// Everything else is the project's own (`config`, `modules`, flat module files, `tests`).
fn section(module: &str) -> Section {
    let top = module.split('.').next().unwrap_or(module);
    if STDLIB.contains(&top) {
        Section::Stdlib
    } else if top.starts_with("pulumi") || THIRD_PARTY.contains(&top) {
        Section::ThirdParty
    } else {
        Section::FirstParty
    }
}

#[derive(Debug, Default, Clone)]
pub struct Imports {
    /// `import module [as alias]`, by module.
    plain: BTreeMap<String, Option<String>>,
    /// `from module import name`, by module.
    from: BTreeMap<String, BTreeSet<String>>,
}

impl Imports {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn import(&mut self, module: &str) {
        self.plain.insert(module.to_string(), None);
    }

    pub fn import_as(&mut self, module: &str, alias: &str) {
        self.plain
            .insert(module.to_string(), Some(alias.to_string()));
    }

    pub fn from(&mut self, module: &str, name: &str) {
        self.from
            .entry(module.to_string())
            .or_default()
            .insert(name.to_string());
    }

    pub fn merge(&mut self, other: &Imports) {
        for (m, a) in &other.plain {
            self.plain.insert(m.clone(), a.clone());
        }
        for (m, names) in &other.from {
            self.from
                .entry(m.clone())
                .or_default()
                .extend(names.iter().cloned());
        }
    }

    pub fn render(&self) -> String {
        let mut sections: BTreeMap<Section, Vec<String>> = BTreeMap::new();
        let mut plain: Vec<(&String, &Option<String>)> = self.plain.iter().collect();
        plain.sort_by_key(|(m, _)| m.to_lowercase());
        for (module, alias) in plain {
            let line = match alias {
                Some(a) => format!("import {module} as {a}\n"),
                None => format!("import {module}\n"),
            };
            sections.entry(section(module)).or_default().push(line);
        }
        let mut from: Vec<(&String, &BTreeSet<String>)> = self.from.iter().collect();
        from.sort_by_key(|(m, _)| m.to_lowercase());
        for (module, names) in from {
            let mut names: Vec<&String> = names.iter().collect();
            names.sort_by_key(|n| member_key(n));
            let doc = Doc::group(
                format!("from {module} import ("),
                names.iter().map(|n| Doc::text(n.as_str())).collect(),
                ")",
                true,
            );
            let flat = format!(
                "from {module} import {}",
                names
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let line = if flat.chars().count() <= LINE_LENGTH {
                format!("{flat}\n")
            } else {
                doc.render(0)
            };
            sections.entry(section(module)).or_default().push(line);
        }
        sections
            .values()
            .map(|lines| lines.concat())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// isort's order-by-type: CONSTANTS, then Classes, then everything else, each alphabetical.
pub fn member_key(name: &str) -> (u8, String) {
    let kind = if name.len() > 1
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
    {
        0
    } else if name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        1
    } else {
        2
    };
    (kind, name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_sections() {
        let mut i = Imports::new();
        i.import_as("pulumi_gcp", "gcp");
        i.import("pulumi");
        i.from("dataclasses", "dataclass");
        i.from("config", "StackConfig");
        i.from("typing", "cast");
        i.from("typing", "Final");
        assert_eq!(
            i.render(),
            "from dataclasses import dataclass\nfrom typing import Final, cast\n\nimport pulumi\nimport pulumi_gcp as gcp\n\nfrom config import StackConfig\n"
        );
    }
}
