//! The import block of a generated file: packages first, then the project's own modules.

use std::collections::{BTreeMap, BTreeSet};

use super::doc::{Doc, concat, empty, hardline, text};
use super::layout::component_path;
use super::names::pascal;
use super::syntax::{import_named, lines};
use super::values::Uses;
use crate::ir::Project;

pub struct Imports {
    /// The importing file's folder, relative to the project (`src/resources`, or `` for
    /// index.ts).
    dir: String,
    packages: BTreeSet<String>,
    /// Node's own modules (`crypto`).
    node: BTreeSet<String>,
    named: BTreeMap<String, BTreeSet<String>>,
    types: BTreeMap<String, BTreeSet<String>>,
}

impl Imports {
    /// Imports of the file `file` (relative to the project, without extension).
    pub fn new(file: &str) -> Imports {
        Imports {
            dir: file
                .rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or("")
                .to_string(),
            packages: BTreeSet::new(),
            node: BTreeSet::new(),
            named: BTreeMap::new(),
            types: BTreeMap::new(),
        }
    }

    /// `import * as alias from '@pulumi/alias'`.
    pub fn add_package(&mut self, alias: &str) {
        self.packages.insert(alias.to_string());
    }

    /// A relative module specifier for `target` (relative to the project, no extension).
    fn specifier(&self, target: &str) -> String {
        let from: Vec<&str> = self.dir.split('/').filter(|s| !s.is_empty()).collect();
        let to: Vec<&str> = target.split('/').collect();
        let common = from
            .iter()
            .zip(&to)
            .take_while(|(a, b)| a == b)
            .count()
            .min(to.len() - 1);
        let rest = to[common..].join("/");
        match from.len() - common {
            0 => format!("./{rest}"),
            ups => format!("{}{rest}", "../".repeat(ups)),
        }
    }

    /// `import { name } from '<target>'` (`target` relative to the project, no extension).
    pub fn add(&mut self, target: &str, name: &str) {
        let module = self.specifier(target);
        self.named
            .entry(module)
            .or_default()
            .insert(name.to_string());
    }

    /// `import type { name } from '<target>'`.
    pub fn add_type(&mut self, target: &str, name: &str) {
        let module = self.specifier(target);
        self.types
            .entry(module)
            .or_default()
            .insert(name.to_string());
    }

    /// Imports for what a body used.
    pub fn add_uses(&mut self, project: &Project, uses: &Uses) {
        if uses.pulumi {
            self.add_package("pulumi");
        }
        if uses.crypto {
            self.node.insert("crypto".into());
        }
        for p in &uses.packages {
            self.add_package(p);
        }
        let config = "src/config";
        if uses.environment {
            self.add(config, "environment");
        }
        if uses.settings {
            self.add(config, "settings");
        }
        if uses.by_environment {
            self.add(config, "byEnvironment");
        }
        if uses.resource_name {
            self.add("src/utils/naming", "resourceName");
        }
        for c in &uses.components {
            let name = pascal(&project.components[*c].name);
            self.add(&component_path(project, *c), &name);
        }
    }

    pub fn doc(&self) -> Doc {
        let mut packages: Vec<Doc> = self
            .node
            .iter()
            .map(|m| text(format!("import * as {m} from '{m}';")))
            .collect();
        let mut ordered: Vec<&String> = self.packages.iter().filter(|p| *p == "pulumi").collect();
        ordered.extend(self.packages.iter().filter(|p| *p != "pulumi"));
        for p in ordered {
            packages.push(text(format!("import * as {p} from '@pulumi/{p}';")));
        }
        let mut local: Vec<Doc> = Vec::new();
        let modules: BTreeSet<&String> = self.named.keys().chain(self.types.keys()).collect();
        for m in modules {
            if let Some(names) = self.named.get(m) {
                local.push(import_named(
                    &names.iter().cloned().collect::<Vec<_>>(),
                    m,
                    false,
                ));
            }
            if let Some(names) = self.types.get(m) {
                local.push(import_named(
                    &names.iter().cloned().collect::<Vec<_>>(),
                    m,
                    true,
                ));
            }
        }
        match (packages.is_empty(), local.is_empty()) {
            (true, true) => empty(),
            (false, true) => lines(packages),
            (true, false) => lines(local),
            (false, false) => concat(vec![lines(packages), hardline(), hardline(), lines(local)]),
        }
    }
}
