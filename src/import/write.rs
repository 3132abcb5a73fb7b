//! The workspace text: `project.infra` (project, secret config keys, environments, providers,
//! stack references) and one file per module, each run through `infragen fmt`'s layout.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use serde_json::Value as Json;

use crate::check::SchemaSet;
use crate::ir::Type;

use super::Warning;
use super::model::{Model, Role};
use super::names::{default_logical, string};
use super::read::provider_urn;
use super::values::{Secrets, ValueWriter, per_env, stack_output_name, stack_output_pattern};

pub struct Writer<'m, 'a> {
    pub model: &'m Model<'a>,
    pub schemas: &'m SchemaSet,
    pub secrets: Secrets,
    pub reads: BTreeSet<(String, String)>,
    pub warnings: Vec<Warning>,
}

impl<'m, 'a> Writer<'m, 'a> {
    fn env_name(&self, env: usize) -> &str {
        &self.model.stacks[env].name
    }

    /// Every file of the workspace: relative path -> text (not yet formatted).
    pub fn files(&mut self, project: &str) -> BTreeMap<String, String> {
        let mut modules: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut main = Vec::new();
        let mut packages = BTreeSet::new();
        for e in 0..self.model.entities.len() {
            let entity = &self.model.entities[e];
            match &entity.role {
                Role::Resource { kind, .. } => {
                    packages.insert(kind.split('.').next().unwrap_or_default().to_string());
                    let module = entity.module.clone();
                    let text = self.resource(e);
                    modules.entry(module).or_default().push(text);
                }
                Role::ExplicitProvider { package } => {
                    packages.insert(package.clone());
                    let text = self.explicit_provider(e, package);
                    main.push(text);
                }
                Role::DefaultProvider { package } => {
                    if let Some(text) = self.default_provider(e, package) {
                        main.push(text);
                    }
                }
                Role::StackReference => {
                    let text = self.stack_reference(e);
                    main.push(text);
                }
                Role::Skipped => {}
            }
        }
        let mut files = BTreeMap::new();
        files.insert(
            "project.infra".to_string(),
            self.project_file(project, &packages, &main),
        );
        for (module, resources) in modules {
            let mut text = format!(
                "/// Resources of the `{module}` family, imported from Pulumi state by `infragen import`.\nmodule {module}\n"
            );
            for r in resources {
                text.push('\n');
                text.push_str(&r);
            }
            files.insert(format!("{module}.infra"), text);
        }
        files
    }

    fn project_file(&self, project: &str, packages: &BTreeSet<String>, main: &[String]) -> String {
        let stacks: Vec<&str> = (0..self.model.stacks.len())
            .map(|e| self.env_name(e))
            .collect();
        let pulumi = &self.model.stacks[0].project;
        let pins: Vec<String> = packages
            .iter()
            .filter_map(|p| {
                Some(format!(
                    "{p} = {}",
                    string(&self.schemas.package(p)?.version)
                ))
            })
            .collect();
        let mut text = format!(
            "/// Imported by `infragen import` from the stacks {} of the Pulumi project `{pulumi}`.\nproject {project} {{\n  description = {}\n  providers {{ {} }}\n}}\n",
            stacks
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
            string(&format!("{pulumi}, imported from Pulumi state")),
            pins.join("; ")
        );
        if !self.secrets.is_empty() {
            text.push_str("\nconfig {\n");
            for (key, ty) in &self.secrets {
                text.push_str(&format!(
                    "  /// A secret of the imported state: `pulumi config set --secret {key}` in every stack.\n  {key}: {ty}\n"
                ));
            }
            text.push_str("}\n");
        }
        for s in &stacks {
            text.push_str(&format!("\nenv {s} {{}}\n"));
        }
        for m in main {
            text.push('\n');
            text.push_str(m);
        }
        text
    }

    fn writer(
        &mut self,
        e: Option<usize>,
        env: usize,
        candidates: (Vec<usize>, bool),
        prefix: String,
    ) -> ValueWriter<'_, 'a> {
        let (candidates, strong) = candidates;
        let module = e
            .map(|e| self.model.entities[e].module.clone())
            .unwrap_or_else(|| "main".into());
        ValueWriter {
            model: self.model,
            schemas: self.schemas,
            env,
            own: e,
            module,
            candidates,
            strong,
            top: true,
            secrets: &mut self.secrets,
            reads: &mut self.reads,
            warnings: &mut self.warnings,
            secret_prefix: prefix,
        }
    }

    /// `name = value` lines of a resource's (or provider's) inputs, per environment.
    fn inputs(
        &mut self,
        e: usize,
        properties: &BTreeMap<String, crate::check::Property>,
        prefix: &str,
    ) -> Vec<String> {
        let envs: Vec<usize> = self.model.entities[e].states.keys().copied().collect();
        let mut keys: Vec<String> = Vec::new();
        for &env in &envs {
            for k in self
                .model
                .state(e, env)
                .map(|s| s.inputs.keys())
                .into_iter()
                .flatten()
            {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        let mut lines = Vec::new();
        for k in keys {
            let Some(p) = properties.get(&k) else {
                if k != "version" {
                    let name = &self.model.entities[e].logical;
                    self.warnings.push(Warning::new(
                        "W1381",
                        format!(
                            "input `{k}` of `{name}` is left out: the schema has no such input"
                        ),
                    ));
                }
                continue;
            };
            let ty = p.ty.clone();
            let mut texts = Vec::new();
            for &env in &envs {
                let state = self
                    .model
                    .state(e, env)
                    .expect("an environment of the entity");
                let urns = &self.model.by_urn[env];
                let mut candidates: Vec<usize> = Vec::new();
                // A state with `propertyDependencies` says which resources each input read.
                let strong = !state.property_dependencies.is_empty();
                let deps: Vec<&String> = if strong {
                    state
                        .property_dependencies
                        .get(&k)
                        .into_iter()
                        .flatten()
                        .collect()
                } else {
                    state.dependencies.iter().collect()
                };
                for d in deps {
                    if let Some(&c) = urns.get(d.as_str())
                        && !candidates.contains(&c)
                    {
                        candidates.push(c);
                    }
                }
                let value = state.inputs.get(&k).cloned().unwrap_or(Json::Null);
                let env_name = self.env_name(env).to_string();
                let mut w = self.writer(Some(e), env, (candidates, strong), prefix.to_string());
                let text = w.value(&value, &ty, &format!("_{}", k.to_snake_case()));
                texts.push((env_name, text));
            }
            if let Some(v) = per_env(&texts) {
                lines.push(format!("{} = {v}", k.to_snake_case()));
            }
        }
        lines
    }

    fn resource(&mut self, e: usize) -> String {
        let entity = self.model.entities[e].clone();
        let Role::Resource { kind, schema } = &entity.role else {
            return String::new();
        };
        let mut lines = self.inputs(e, &schema.inputs, &entity.ident);
        let envs: Vec<usize> = entity.states.keys().copied().collect();
        let per = |f: &dyn Fn(usize) -> Option<String>| -> Option<String> {
            per_env(
                &envs
                    .iter()
                    .map(|&env| (self.model.stacks[env].name.clone(), f(env)))
                    .collect::<Vec<_>>(),
            )
        };
        let mut options = Vec::new();
        if let Some(id) = per(&|env| self.model.state(e, env)?.id.as_deref().map(string)) {
            options.push(format!("import = {id}"));
        }
        let protect = per(&|env| Some(self.model.state(e, env)?.protect.to_string()));
        if protect.as_deref().is_some_and(|p| p != "false") {
            options.push(format!("protect = {}", protect.unwrap_or_default()));
        }
        let provider = envs.iter().find_map(|&env| {
            let p = self.model.state(e, env)?.provider.as_deref()?;
            let at = *self.model.by_urn[env].get(provider_urn(p))?;
            matches!(self.model.entities[at].role, Role::ExplicitProvider { .. })
                .then(|| format!("main.{}", self.model.entities[at].ident))
        });
        if let Some(p) = provider {
            options.push(format!("provider = {p}"));
        }
        if !options.is_empty() {
            lines.push(format!("options {{\n{}\n}}", options.join("\n")));
        }
        let mut header = format!("resource {kind} {}", entity.ident);
        if !default_logical(&entity.ident, &entity.logical) {
            header.push_str(&format!(" as {}", string(&entity.logical)));
        }
        if envs.len() < self.model.stacks.len() {
            let cond: Vec<String> = envs
                .iter()
                .map(|&env| format!("env.name == {}", string(self.env_name(env))))
                .collect();
            header.push_str(&format!(" when {}", cond.join(" || ")));
        }
        format!("{header} {{\n{}\n}}\n", lines.join("\n"))
    }

    fn explicit_provider(&mut self, e: usize, package: &str) -> String {
        let ident = self.model.entities[e].ident.clone();
        let properties = self
            .schemas
            .resolve_kind(&format!("{package}:index/provider:Provider"))
            .map(|s| s.inputs.clone())
            .unwrap_or_default();
        let lines = self.inputs(e, &properties, &format!("{package}_{ident}"));
        format!("provider {package} {ident} {{\n{}\n}}\n", lines.join("\n"))
    }

    /// The default provider's settings, where the state has any.
    fn default_provider(&mut self, e: usize, package: &str) -> Option<String> {
        let config = self.schemas.package(package)?.config();
        let envs: Vec<usize> = self.model.entities[e].states.keys().copied().collect();
        let mut lines = Vec::new();
        let mut keys = BTreeSet::new();
        for &env in &envs {
            keys.extend(self.model.state(e, env)?.inputs.keys().cloned());
        }
        for k in keys {
            let Some(p) = config.get(&k) else { continue };
            let mut texts = Vec::new();
            for &env in &envs {
                let value = self
                    .model
                    .state(e, env)?
                    .inputs
                    .get(&k)
                    .cloned()
                    .unwrap_or(Json::Null);
                let env_name = self.env_name(env).to_string();
                let mut w = self.writer(None, env, (Vec::new(), false), package.to_string());
                texts.push((
                    env_name,
                    w.value(&value, &p.ty, &format!("_{}", k.to_snake_case())),
                ));
            }
            if let Some(v) = per_env(&texts) {
                lines.push(format!("{} = {v}", k.to_snake_case()));
            }
        }
        (!lines.is_empty()).then(|| format!("provider {package} {{\n{}\n}}\n", lines.join("\n")))
    }

    fn stack_reference(&mut self, e: usize) -> String {
        let entity = &self.model.entities[e];
        let (&env, _) = entity
            .states
            .iter()
            .next()
            .expect("an environment of the entity");
        let state = self.model.state(e, env).expect("its state");
        let env_name = self.env_name(env).to_string();
        let name = state
            .inputs
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or_default();
        let pattern = name
            .split('/')
            .map(|part| if part == env_name { "{env}" } else { part })
            .collect::<Vec<_>>()
            .join("/");
        let mut lines = Vec::new();
        let outputs = state
            .outputs
            .get("outputs")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in &outputs {
            let ty = match v {
                Json::String(_) => Type::String,
                Json::Bool(_) => Type::Bool,
                Json::Number(n) if n.is_i64() => Type::Int,
                Json::Number(_) => Type::Number,
                _ => continue,
            };
            lines.push(format!(
                "{}: {ty} = {}",
                stack_output_name(k, &env_name),
                string(&stack_output_pattern(k, &env_name))
            ));
        }
        format!(
            "stack {} = {} {{\n{}\n}}\n",
            entity.ident,
            string(&pattern),
            lines.join("\n")
        )
    }
}
