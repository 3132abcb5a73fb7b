//! Workspace, projects, resources, components, stacks and exports.

use std::collections::BTreeMap;

use super::{ResourceRef, SchemaFacts, Type, Value, ValueKind};

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// Sorted by directory, then name.
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Go,
    TypeScript,
    Python,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Go, Language::TypeScript, Language::Python];

    pub fn name(self) -> &'static str {
        match self {
            Language::Go => "go",
            Language::TypeScript => "typescript",
            Language::Python => "python",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == s)
    }

    /// Every registered name, quoted for a message: "`go`, `typescript`, `python`".
    pub fn choices() -> String {
        Language::ALL.map(|l| format!("`{}`", l.name())).join(", ")
    }
}

#[derive(Debug, Clone)]
pub struct Project {
    /// The name as declared (`catalyst_backend`); the Pulumi project name is `pulumi_name`.
    pub name: String,
    /// The Pulumi project name: the declared name in kebab-case.
    pub pulumi_name: String,
    /// Directory of the project relative to the workspace root ("" for the root itself).
    pub dir: String,
    pub docs: Vec<String>,
    pub description: String,
    pub language: Option<Language>,
    pub organization: String,
    pub providers: Vec<Provider>,
    pub naming: Vec<NamePart>,
    pub config: Vec<ConfigKey>,
    pub envs: Vec<Env>,
    pub modules: Vec<Module>,
    pub components: Vec<Component>,
    /// Every resource, components' children included, in declaration order;
    /// `ResourceRef::Resource` indexes into it.
    pub resources: Vec<Resource>,
    /// Indices into `resources` in dependency order: each after everything it depends on,
    /// ties in declaration order.
    pub order: Vec<usize>,
    pub instances: Vec<ComponentInstance>,
    pub stacks: Vec<StackRef>,
    pub exports: Vec<Export>,
    /// Schema facts of every kind and object type the project uses.
    pub schema: SchemaFacts,
    /// Indices into `modules` in the order the program creates them: each module after the
    /// modules it reads (`Module::uses`), ties in declaration order. The checker rejects cycles.
    pub module_order: Vec<usize>,
    /// Where module files go (`layout = flat | modules`); backends without the choice ignore it.
    pub layout: ProjectLayout,
    /// Settings of packages' default providers (`provider gcp { ... }`), for the stack files.
    pub provider_config: Vec<ProviderConfig>,
}

/// How a project's module files are laid out: `modules/<module>` beside the entry point
/// (Apex), or flat beside it (Sophia's `infra/dns_tls.py` next to `__main__.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectLayout {
    #[default]
    Modules,
    Flat,
}

impl ProjectLayout {
    pub const ALL: [ProjectLayout; 2] = [ProjectLayout::Flat, ProjectLayout::Modules];

    pub fn name(self) -> &'static str {
        match self {
            ProjectLayout::Modules => "modules",
            ProjectLayout::Flat => "flat",
        }
    }

    pub fn parse(s: &str) -> Option<ProjectLayout> {
        ProjectLayout::ALL.into_iter().find(|l| l.name() == s)
    }

    /// Every value, quoted for a message: "`flat`, `modules`".
    pub fn choices() -> String {
        ProjectLayout::ALL
            .map(|l| format!("`{}`", l.name()))
            .join(", ")
    }
}

/// A provider package with its pinned version and its schema's `language` section: how each
/// language's SDK is named and imported (`go.importBasePath`, `nodejs.packageName`,
/// `python.packageName`, ...). The section is data, so a new language reads its own key
/// without a field here; each backend derives its names from it (with Pulumi's defaults when a
/// key is absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub name: String,
    pub version: String,
    /// Schema language name (`go`, `nodejs`, `python`, ...) -> its string settings.
    pub language: BTreeMap<String, BTreeMap<String, String>>,
}

impl Provider {
    /// A string setting of the schema's section for `language`, e.g.
    /// `setting("go", "importBasePath")`.
    pub fn setting(&self, language: &str, key: &str) -> Option<&str> {
        self.language.get(language)?.get(key).map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamePart {
    Text(String),
    /// `{name}`: the argument of `name(...)`.
    Name,
    /// `{project}`
    Project,
    /// `{env}`
    Env,
    /// `{config.key}`
    Config(String),
}

#[derive(Debug, Clone)]
pub struct ConfigKey {
    pub name: String,
    pub docs: Vec<String>,
    pub ty: Type,
    pub secret: bool,
    /// Compile-time default (never set for secrets).
    pub default: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct Env {
    pub name: String,
    pub docs: Vec<String>,
    pub protect: bool,
    /// Config values set by this environment (secrets never appear here).
    pub values: BTreeMap<String, Value>,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub name: String,
    pub docs: Vec<String>,
    /// The module's file, relative to the project directory.
    pub file: String,
    /// Indices into `Project::resources` of resources declared in this module (not
    /// components' children), in source order.
    pub resources: Vec<usize>,
    /// Indices into `Project::instances`.
    pub instances: Vec<usize>,
    /// Indices into `Project::components` declared in this module.
    pub components: Vec<usize>,
    /// Modules whose resources or instances this module's declarations reference, sorted.
    pub uses: Vec<String>,
    /// The files the module is written in, in path order: one for a module declared in one
    /// file, several for a module that is a folder of files. Each becomes one file of the
    /// generated package or module.
    pub parts: Vec<ModulePart>,
}

/// One source file of a module.
#[derive(Debug, Clone, Default)]
pub struct ModulePart {
    /// The file's stem (`byok` for `functions/byok.infra`): the generated file's name.
    pub name: String,
    /// The file, relative to the project directory.
    pub file: String,
    pub docs: Vec<String>,
    /// Indices into `Project::resources` declared in this file, in source order.
    pub resources: Vec<usize>,
    /// Indices into `Project::instances` declared in this file.
    pub instances: Vec<usize>,
    /// Indices into `Project::components` declared in this file.
    pub components: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// `gcp:storage/bucket:Bucket`
    pub token: String,
    /// `gcp`
    pub package: String,
    /// `storage` (`index` for top-level classes)
    pub module: String,
    /// `Bucket`
    pub class: String,
}

#[derive(Debug, Clone)]
pub struct Resource {
    /// The DSL name (`dome_meta`).
    pub name: String,
    /// The Pulumi logical name (`dome-meta`; `api-service` for a component child).
    pub logical_name: String,
    pub module: String,
    pub kind: Kind,
    pub docs: Vec<String>,
    /// Inputs by schema (camelCase) name, in source order; bindings already lowered in.
    pub inputs: Vec<(String, Value)>,
    pub options: Options,
    /// The component instance this resource is a child of.
    pub instance: Option<usize>,
    /// Set when this resource was created by lowering a binding.
    pub origin: Option<BindingOrigin>,
    /// The value that names the resource physically, when it has one (`name(...)`).
    pub physical_name: Option<Value>,
    /// Resources this one depends on (outputs read, explicit `depends_on`, bindings), as
    /// indices into `Project::resources`, sorted and unique.
    pub dependencies: Vec<usize>,
    /// Stack references whose outputs this resource reads, sorted.
    pub stack_dependencies: Vec<String>,
    /// Instances this resource reads outputs of, sorted.
    pub instance_dependencies: Vec<usize>,
    /// `when CONDITION`: a bool known before deployment; the resource exists only where it
    /// holds (the program tests it at run time, `plan` per environment).
    pub condition: Option<Value>,
    /// `as "${config.domain}-content"`: a logical name the program computes, a string known
    /// before deployment (config, `env`, literals). `logical_name` is then the name in
    /// kebab-case, used only where one name is needed for all environments (bindings).
    pub computed_name: Option<Value>,
    /// `for key, item in COLLECTION`: one resource per key, named `<logical_name>-<key>`.
    pub each: Option<super::Each>,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Bool value, possibly per environment (`env.protect`).
    pub protect: Option<Value>,
    pub depends_on: Vec<ResourceRef>,
    pub parent: Option<ResourceRef>,
    /// Schema (camelCase) property names.
    pub ignore_changes: Vec<String>,
    pub delete_before_replace: bool,
    /// An explicit provider resource (`options { provider = us_east_1 }`).
    pub provider: Option<ResourceRef>,
    pub retain_on_delete: bool,
    /// Schema (camelCase) property names whose change replaces the resource.
    pub replace_on_changes: Vec<String>,
    pub custom_timeouts: Option<CustomTimeouts>,
    /// The id of an existing resource to adopt (`import`): a string known before deployment,
    /// possibly per environment.
    pub import: Option<Value>,
    pub deleted_with: Option<ResourceRef>,
    /// Schema (camelCase) output names to keep secret.
    pub additional_secret_outputs: Vec<String>,
    /// What the resource was registered as before (`aliases`).
    pub aliases: Vec<Alias>,
    /// In a component's template: aliases of one instance's child only, by the instance's
    /// logical name (a resource moved into that instance).
    pub instance_aliases: Vec<(String, Alias)>,
}

impl Options {
    /// The resources aliases name as old parents.
    pub fn alias_parents(&self) -> impl Iterator<Item = &ResourceRef> {
        self.aliases.iter().filter_map(|a| match &a.parent {
            Some(AliasParent::Resource(r)) => Some(r),
            _ => None,
        })
    }
}

/// One alias: the fields that differed before; unset ones are the resource's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alias {
    /// The old logical name, a string known before deployment.
    pub name: Option<Value>,
    /// The old type token.
    pub type_token: Option<String>,
    pub parent: Option<AliasParent>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AliasParent {
    /// It was a child of this resource.
    Resource(ResourceRef),
    /// It had no parent (`parent = null`).
    Root,
    /// It was a child of the top-level component instance with this logical name and type
    /// token (a resource moved out of a component).
    Component { name: String, type_token: String },
}

/// `custom_timeouts = { create = "30m", update = "30m", delete = "10m" }`: Go duration strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomTimeouts {
    pub create: Option<String>,
    pub update: Option<String>,
    pub delete: Option<String>,
}

impl Kind {
    /// The package's provider resource (`aws:index/provider:Provider`, `provider aws x {}`).
    pub fn is_provider(&self) -> bool {
        self.module == "index"
            && self.class == "Provider"
            && self.token.ends_with("/provider:Provider")
    }

    /// The type the resource registers with: `pulumi:providers:<package>` for a provider,
    /// the token otherwise.
    pub fn registered_type(&self) -> String {
        if self.is_provider() {
            format!("pulumi:providers:{}", self.package)
        } else {
            self.token.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingOrigin {
    /// The resource that declared the binding (index into `Project::resources`).
    pub source: usize,
    pub binding: String,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub name: String,
    pub module: String,
    pub docs: Vec<String>,
    /// `apex:compute:CloudRunService`
    pub type_token: String,
    pub params: Vec<ComponentParam>,
    /// Template resources; values may hold `ValueKind::Param` and `ResourceRef::Sibling`.
    pub resources: Vec<Resource>,
    pub outputs: Vec<(String, Value)>,
}

#[derive(Debug, Clone)]
pub struct ComponentParam {
    pub name: String,
    pub docs: Vec<String>,
    /// The declared type.
    pub ty: Type,
    /// The type backends declare: `ty`, except that an `any` parameter takes the declared type
    /// of the inputs it is given to when they agree (an asset or archive for a `source`).
    pub resolved_ty: Type,
    pub default: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct ComponentInstance {
    pub name: String,
    pub logical_name: String,
    pub module: String,
    pub component: usize,
    pub docs: Vec<String>,
    /// Arguments by parameter name (defaults filled in), in parameter order.
    pub args: Vec<(String, Value)>,
    pub options: Options,
    /// Indices into `Project::resources` of the expanded children.
    pub children: Vec<usize>,
    /// The component's outputs with this instance's arguments substituted.
    pub outputs: Vec<(String, Value)>,
    /// `when CONDITION`: the instance (and its children) exists only where it holds.
    pub condition: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct StackRef {
    /// Declaration name (`infra`), also the logical name of the StackReference resource.
    pub name: String,
    pub docs: Vec<String>,
    /// Pattern such as `organization/infrastructure/{env}`.
    pub stack: String,
    /// The producing project's name as written in the stack name.
    pub project: String,
    pub outputs: Vec<StackOutput>,
}

#[derive(Debug, Clone)]
pub struct StackOutput {
    pub name: String,
    pub docs: Vec<String>,
    pub ty: Type,
    /// Export name pattern (may contain `{env}`).
    pub export: String,
}

#[derive(Debug, Clone)]
pub struct Export {
    /// Pattern (may contain `{env}`).
    pub name: String,
    pub docs: Vec<String>,
    pub value: Value,
    pub module: String,
}

/// Replaces `{env}` in a pattern.
pub fn expand_env(pattern: &str, env: &str) -> String {
    pattern.replace("{env}", env)
}

impl Project {
    /// The main module: the one holding the project file's own declarations.
    pub const MAIN_MODULE: &'static str = "main";

    /// The naming pattern as written in the DSL (`{project}-{env}-{name}`).
    pub fn naming_pattern(&self) -> String {
        self.naming
            .iter()
            .map(|p| match p {
                NamePart::Text(t) => t.clone(),
                NamePart::Name => "{name}".into(),
                NamePart::Project => "{project}".into(),
                NamePart::Env => "{env}".into(),
                NamePart::Config(k) => format!("{{config.{k}}}"),
            })
            .collect()
    }

    /// Calls `f` on every value the program computes: resource inputs and protect options,
    /// component templates and outputs, instance arguments and options, and exports.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        let resource = |r: &Resource, f: &mut dyn FnMut(&Value)| {
            r.inputs.iter().for_each(|(_, v)| f(v));
            if let Some(n) = &r.computed_name {
                f(n);
            }
            if let Some(p) = &r.options.protect {
                f(p);
            }
            if let Some(each) = &r.each {
                f(&each.collection);
            }
        };
        for r in &self.resources {
            resource(r, f);
        }
        for c in &self.components {
            for r in &c.resources {
                resource(r, f);
            }
            c.outputs.iter().for_each(|(_, v)| f(v));
        }
        for i in &self.instances {
            i.args.iter().for_each(|(_, v)| f(v));
            if let Some(p) = &i.options.protect {
                f(p);
            }
        }
        self.exports.iter().for_each(|e| f(&e.value));
    }

    /// Whether any value of the program is chosen per environment.
    pub fn uses_per_env(&self) -> bool {
        let mut found = false;
        self.for_each_value(&mut |v| {
            v.walk(&mut |x| found |= matches!(x.kind, ValueKind::PerEnv { .. }))
        });
        found
    }

    /// For each resource (index into `resources`), the output attributes some value reads.
    /// Generated mocks return the plan's placeholder `${<logical>.<attribute>}` for exactly these.
    pub fn referenced_outputs(
        &self,
    ) -> std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> {
        let mut out: std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> =
            std::collections::BTreeMap::new();
        let mut visit = |v: &Value| {
            v.walk(&mut |x| {
                if let ValueKind::Output {
                    resource: ResourceRef::Resource(i) | ResourceRef::Item(i, _),
                    attribute,
                } = &x.kind
                {
                    out.entry(*i).or_default().insert(attribute.clone());
                }
            })
        };
        for r in &self.resources {
            r.inputs.iter().for_each(|(_, v)| visit(v));
            if let Some(p) = &r.options.protect {
                visit(p);
            }
        }
        for i in &self.instances {
            i.args.iter().for_each(|(_, v)| visit(v));
            i.outputs.iter().for_each(|(_, v)| visit(v));
        }
        self.exports.iter().for_each(|e| visit(&e.value));
        out
    }
}

/// `provider <package> { ... }`: the settings of a package's default provider. They are stack
/// config (`gcp:region: ...` in `Pulumi.<env>.yaml`), so the program needs no provider object.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub package: String,
    pub docs: Vec<String>,
    /// Schema config variable (camelCase) -> its value, known before deployment: literals,
    /// per-environment choices and non-secret config.
    pub settings: Vec<(String, Value)>,
    /// Settings whose value is a secret: set with `pulumi config set --secret <package>:<name>`.
    pub secrets: Vec<String>,
}
