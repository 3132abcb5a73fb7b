//! The import block of a generated file: packages first, then the project's own modules.

use std::collections::{BTreeMap, BTreeSet};

use super::doc::{Doc, concat, empty, hardline, text};
use super::names::{kebab, pascal};
use super::syntax::{import_named, lines};
use super::values::Uses;
use crate::ir::Project;

pub struct Imports {
    /// Path from the importing file to `src/` (`../` for files in `src/resources/`).
    to_src: String,
    packages: BTreeSet<String>,
    named: BTreeMap<String, BTreeSet<String>>,
    types: BTreeMap<String, BTreeSet<String>>,
}

impl Imports {
    pub fn new(to_src: &str) -> Imports {
        Imports {
            to_src: to_src.to_string(),
            packages: BTreeSet::new(),
            named: BTreeMap::new(),
            types: BTreeMap::new(),
        }
    }

    /// `import * as alias from '@pulumi/alias'`.
    pub fn add_package(&mut self, alias: &str) {
        self.packages.insert(alias.to_string());
    }

    pub fn add(&mut self, module: &str, name: &str) {
        self.named
            .entry(module.to_string())
            .or_default()
            .insert(name.to_string());
    }

    pub fn add_type(&mut self, module: &str, name: &str) {
        self.types
            .entry(module.to_string())
            .or_default()
            .insert(name.to_string());
    }

    /// Imports for what a body used.
    pub fn add_uses(&mut self, project: &Project, uses: &Uses) {
        let src = self.to_src.clone();
        if uses.pulumi {
            self.add_package("pulumi");
        }
        for p in &uses.packages {
            self.add_package(p);
        }
        let config = format!("{src}config");
        if uses.environment {
            self.add(&config, "environment");
        }
        if uses.settings {
            self.add(&config, "settings");
        }
        if uses.by_environment {
            self.add(&config, "byEnvironment");
        }
        if uses.resource_name {
            self.add(&format!("{src}utils/naming"), "resourceName");
        }
        for c in &uses.components {
            let name = pascal(&project.components[*c].name);
            self.add(&format!("{src}components/{}", kebab(&name)), &name);
        }
    }

    pub fn doc(&self) -> Doc {
        let mut packages: Vec<Doc> = Vec::new();
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
