//! The imports of one Go file: grouped (standard library, third party, this module) and sorted
//! the way goimports leaves them, with an alias only where two packages share a name.

use std::collections::BTreeMap;

use super::names::{GoSymbol, symbol};
use crate::ir::Project;

/// Where an import belongs in the import block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Std,
    External,
    Local,
}

#[derive(Debug, Clone, Default)]
pub struct Imports {
    /// Import path -> (group, name used in code).
    used: BTreeMap<String, (Group, String)>,
    /// Go import base path of each provider package, to place schema tokens.
    bases: BTreeMap<String, String>,
    /// Resource tokens the Go SDK names other than by their class (`KindFacts::go_name`).
    renamed: BTreeMap<String, String>,
}

impl Imports {
    /// An empty set for a file of `project`, which can import its provider SDKs.
    pub fn for_project(project: &Project) -> Self {
        Imports {
            used: BTreeMap::new(),
            bases: provider_bases(project),
            renamed: project
                .schema
                .kinds
                .iter()
                .filter_map(|(t, k)| Some((t.clone(), k.go_name.clone()?)))
                .collect(),
        }
    }

    /// The Go package and name of a schema token of one of the project's providers.
    pub fn symbol(&self, token: &str) -> Result<GoSymbol, String> {
        let mut sym = symbol(&self.bases, token)?;
        if let Some(name) = self.renamed.get(token) {
            sym.name = name.clone();
        }
        Ok(sym)
    }

    /// Records an import and returns the name to qualify identifiers with. A package whose
    /// name is already taken by another import gets `alias` (e.g. `gcpstorage`).
    pub fn add(&mut self, path: &str, group: Group, alias: &str) -> String {
        if let Some((_, name)) = self.used.get(path) {
            return name.clone();
        }
        let base = path.rsplit('/').next().unwrap_or(path).to_string();
        let taken = |n: &str, used: &BTreeMap<String, (Group, String)>| {
            used.values().any(|(_, name)| name == n)
        };
        let mut name = base.clone();
        if taken(&name, &self.used) {
            name = alias.to_string();
            let mut n = 2;
            while taken(&name, &self.used) {
                name = format!("{alias}{n}");
                n += 1;
            }
        }
        self.used.insert(path.to_string(), (group, name.clone()));
        name
    }

    /// Records an import under an explicit name (`pulumiconfig` for Pulumi's config package
    /// inside our own `config` package).
    pub fn named(&mut self, path: &str, group: Group, name: &str) -> String {
        self.used
            .insert(path.to_string(), (group, name.to_string()));
        name.to_string()
    }

    /// The import declaration (no trailing newline), or nothing when no package is imported.
    pub fn block(&self) -> String {
        if self.used.is_empty() {
            return String::new();
        }
        let line = |path: &str, name: &str| {
            let base = path.rsplit('/').next().unwrap_or(path);
            if base == name {
                format!("\"{path}\"")
            } else {
                format!("{name} \"{path}\"")
            }
        };
        if self.used.len() == 1 {
            let (path, (_, name)) = self.used.iter().next().expect("one import");
            return format!("import {}", line(path, name));
        }
        let mut groups: BTreeMap<Group, Vec<String>> = BTreeMap::new();
        for (path, (group, name)) in &self.used {
            groups.entry(*group).or_default().push(line(path, name));
        }
        let mut out = String::from("import (\n");
        let mut first = true;
        for lines in groups.values() {
            if !first {
                out.push('\n');
            }
            first = false;
            // gofmt sorts each group by import path.
            let mut sorted = lines.clone();
            sorted.sort_by(|a, b| path_of(a).cmp(path_of(b)));
            for l in sorted {
                out.push_str(&format!("\t{l}\n"));
            }
        }
        out.push(')');
        out
    }
}

fn path_of(line: &str) -> &str {
    line.split('"').nth(1).unwrap_or(line)
}

/// Each provider's Go import base path, by provider name.
pub fn provider_bases(project: &Project) -> BTreeMap<String, String> {
    project
        .providers
        .iter()
        .map(|p| (p.name.clone(), super::names::import_base(p)))
        .collect()
}
