//! The names of a workspace as data, for the language server: every definition the checker
//! declared and every place a name refers to one (or to a schema kind or property), recorded
//! while checking so that nothing is resolved twice.

use std::collections::BTreeMap;

use super::project::ProjectChecker;
use super::schema::SchemaSet;
use crate::ir;
use crate::syntax::{FileId, Span};

/// What a definition declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Project,
    Module,
    Resource,
    Component,
    Instance,
    Config,
    Env,
    Let,
    Stack,
    StackOutput,
    Export,
    Param,
}

impl SymbolKind {
    /// The word the language uses for it.
    pub fn word(self) -> &'static str {
        match self {
            SymbolKind::Project => "project",
            SymbolKind::Module => "module",
            SymbolKind::Resource => "resource",
            SymbolKind::Component => "component",
            SymbolKind::Instance => "component instance",
            SymbolKind::Config => "config key",
            SymbolKind::Env => "environment",
            SymbolKind::Let => "let",
            SymbolKind::Stack => "stack reference",
            SymbolKind::StackOutput => "stack output",
            SymbolKind::Export => "export",
            SymbolKind::Param => "parameter",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Definition {
    pub kind: SymbolKind,
    pub name: String,
    /// The name where it is declared; a module without a `module` line starts its first file.
    pub span: Span,
    /// Index of its project in `Workspace::projects`.
    pub project: usize,
    /// Its module, for what lives in one.
    pub module: Option<String>,
    /// The resource kind's token, the type of a config key, `let`, stack output or parameter.
    pub detail: String,
    /// Its doc comment, a line each.
    pub docs: Vec<String>,
    /// A resource's logical name when it follows the DSL name (no `as`): renaming the
    /// resource changes it, so the rename records the old one.
    pub logical_name: Option<String>,
    /// Where the name is produced in this workspace: the project a stack reference reads, the
    /// export a stack output reads (a definition id).
    pub produced_by: Option<usize>,
}

/// What an occurrence names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A definition, by index into `SymbolIndex::definitions`.
    Definition(usize),
    /// A resource kind, by token.
    Kind(String),
    /// An input property of a kind (schema name).
    Input { token: String, name: String },
    /// An output attribute of a kind (schema name).
    Output { token: String, name: String },
    /// A field of a schema's object type (schema name).
    Field { token: String, name: String },
    /// A binding, with the rule it follows and what it lowers to.
    Binding { rule: String, lowering: String },
}

/// What a binding rule makes of a binding, in words.
pub(super) fn binding_lowering(rule: &super::rules::Rule) -> Target {
    let lowering = if let Some(path) = &rule.append {
        format!("an item appended to `{path}` of this resource")
    } else if let Some(path) = &rule.entry {
        format!("an entry named after the binding in the map `{path}` of this resource")
    } else if let Some(token) = &rule.create {
        let kind = super::schema::friendly_name(token).unwrap_or_else(|| token.clone());
        format!("a new `{kind}` resource (`{token}`)")
    } else {
        String::new()
    };
    let from = super::schema::friendly_name(&rule.from).unwrap_or_else(|| rule.from.clone());
    Target::Binding {
        rule: format!("`{from}` -> `{}`", rule.label),
        lowering,
    }
}

/// Where the fields of a kind or object type are written: a resource's body, an object value.
#[derive(Debug, Clone)]
pub struct Scope {
    pub span: Span,
    pub project: usize,
    pub fields: Fields,
    /// The keys written in it, as written.
    pub written: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fields {
    /// A resource kind's inputs, by token.
    Kind(String),
    /// An object type's properties, by token.
    Object(String),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub span: Span,
    pub target: Target,
}

/// Every definition and occurrence of a workspace, and the schemas each project was checked
/// against.
#[derive(Debug, Clone, Default)]
pub struct SymbolIndex {
    pub definitions: Vec<Definition>,
    /// Sorted by span; a definition's own name is one of its occurrences.
    pub occurrences: Vec<Occurrence>,
    /// By project index.
    pub schemas: Vec<SchemaSet>,
    /// Resource bodies and object values, in no order.
    pub scopes: Vec<Scope>,
}

impl SymbolIndex {
    /// The innermost occurrence covering `offset` of `file` (its end included, as a cursor
    /// just after a name is still on it).
    pub fn at(&self, file: FileId, offset: u32) -> Option<&Occurrence> {
        let from = self.occurrences.partition_point(|o| o.span.file < file);
        self.occurrences[from..]
            .iter()
            .take_while(|o| o.span.file == file && o.span.start <= offset)
            .filter(|o| o.span.end >= offset)
            .min_by_key(|o| o.span.end - o.span.start)
    }

    /// The innermost scope around an offset.
    pub fn scope_at(&self, file: FileId, offset: u32) -> Option<&Scope> {
        self.scopes
            .iter()
            .filter(|s| s.span.file == file && s.span.start < offset && offset < s.span.end)
            .min_by_key(|s| s.span.end - s.span.start)
    }

    /// Every occurrence of a definition, its declaration first.
    pub fn occurrences_of(&self, def: usize) -> impl Iterator<Item = &Occurrence> {
        self.occurrences
            .iter()
            .filter(move |o| o.target == Target::Definition(def))
    }
}

/// A project-local name of a definition, while checking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
    Project,
    Module(String),
    Resource(usize),
    Instance(usize),
    Component(usize),
    Config(String),
    Env(String),
    Let(String, String),
    Stack(String),
    StackOutput(String, String),
    Export(String),
    Param(usize, String),
}

/// What a reference names, while checking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Named {
    Key(Key),
    Schema(Target),
}

/// The references one project records while it is checked.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    refs: Vec<(Span, Named)>,
    /// The type of each `let` by module and name, as checked on its own.
    let_types: BTreeMap<(String, String), String>,
    scopes: Vec<Scope>,
    /// Resources whose logical name is written out (`as`).
    named_by_as: std::collections::BTreeSet<usize>,
    /// The component whose body is being lowered (its parameters are in scope).
    pub component: Option<usize>,
}

impl Recorder {
    pub fn refer(&mut self, span: Span, key: Key) {
        self.refs.push((span, Named::Key(key)));
    }

    pub fn schema(&mut self, span: Span, target: Target) {
        self.refs.push((span, Named::Schema(target)));
    }

    pub fn scope(&mut self, span: Span, fields: Fields, written: Vec<String>) {
        self.scopes.push(Scope {
            span,
            project: 0,
            fields,
            written,
        });
    }

    pub fn named_by_as(&mut self, resource: usize) {
        self.named_by_as.insert(resource);
    }

    pub fn let_type(&mut self, module: &str, name: &str, ty: String) {
        self.let_types
            .insert((module.to_string(), name.to_string()), ty);
    }
}

/// The definitions and references of one checked project.
pub(super) struct ProjectSymbols {
    definitions: Vec<(Key, Definition)>,
    refs: Vec<(Span, Named)>,
    scopes: Vec<Scope>,
    schemas: SchemaSet,
}

impl ProjectChecker<'_> {
    /// The definitions the checker declared, read from what it keeps to check names.
    pub(super) fn take_symbols(&mut self, project_span: Option<Span>) -> ProjectSymbols {
        let mut defs = Vec::new();
        let p = &self.project;
        let def = |kind, name: &str, span, module: Option<&str>, detail: String| Definition {
            kind,
            name: name.to_string(),
            span,
            project: 0,
            module: module.map(str::to_string),
            detail,
            docs: Vec::new(),
            logical_name: None,
            produced_by: None,
        };
        let with_docs = |mut d: Definition, docs: &[String]| {
            d.docs = docs.to_vec();
            d
        };
        if let Some(span) = project_span {
            let d = def(SymbolKind::Project, &p.name, span, None, String::new());
            defs.push((Key::Project, with_docs(d, &p.docs)));
        }
        for (mi, m) in p.modules.iter().enumerate() {
            let span = self.module_spans.get(&m.name).copied().or_else(|| {
                let file = self
                    .part_of_file
                    .iter()
                    .find(|(_, (m2, _))| *m2 == mi)
                    .map(|(f, _)| *f)?;
                Some(Span {
                    file,
                    start: 0,
                    end: 0,
                })
            });
            if let Some(span) = span {
                let d = def(SymbolKind::Module, &m.name, span, None, String::new());
                defs.push((Key::Module(m.name.clone()), with_docs(d, &m.docs)));
            }
        }
        for (&i, &span) in &self.resource_spans {
            let r = &p.resources[i];
            if r.instance.is_some() || r.origin.is_some() {
                continue;
            }
            let kind = SymbolKind::Resource;
            let mut d = def(kind, &r.name, span, Some(&r.module), r.kind.token.clone());
            if !self.symbols.named_by_as.contains(&i) {
                d.logical_name = Some(r.logical_name.clone());
            }
            defs.push((Key::Resource(i), with_docs(d, &r.docs)));
        }
        for (&i, &span) in &self.instance_spans {
            let inst = &p.instances[i];
            let component = p.components[inst.component].name.clone();
            let kind = SymbolKind::Instance;
            let d = def(kind, &inst.name, span, Some(&inst.module), component);
            defs.push((Key::Instance(i), with_docs(d, &inst.docs)));
        }
        for (&i, &span) in &self.component_spans {
            let c = &p.components[i];
            let d = def(
                SymbolKind::Component,
                &c.name,
                span,
                Some(&c.module),
                c.type_token.clone(),
            );
            defs.push((Key::Component(i), with_docs(d, &c.docs)));
            for (_, decl) in self.components.values().filter(|(ci, _)| *ci == i) {
                for param in &decl.params {
                    let ty = c
                        .params
                        .iter()
                        .find(|q| q.name == param.name.name)
                        .map(|q| q.ty.to_string())
                        .unwrap_or_default();
                    let d = def(
                        SymbolKind::Param,
                        &param.name.name,
                        param.name.span,
                        Some(&c.module),
                        ty,
                    );
                    let key = Key::Param(i, param.name.name.clone());
                    defs.push((key, with_docs(d, &param.docs)));
                }
            }
        }
        for (name, info) in &self.config {
            let ty = if info.secret {
                format!("secret<{}>", info.ty)
            } else {
                info.ty.to_string()
            };
            let d = def(SymbolKind::Config, name, info.span, None, ty);
            let docs = p
                .config
                .iter()
                .find(|c| &c.name == name)
                .map(|c| &c.docs[..]);
            defs.push((
                Key::Config(name.clone()),
                with_docs(d, docs.unwrap_or_default()),
            ));
        }
        for (name, &span) in &self.envs {
            let d = def(SymbolKind::Env, name, span, None, String::new());
            let docs = p.envs.iter().find(|e| &e.name == name).map(|e| &e.docs[..]);
            defs.push((
                Key::Env(name.clone()),
                with_docs(d, docs.unwrap_or_default()),
            ));
        }
        for (module, lets) in &self.lets {
            for (name, l) in lets {
                let key = (module.clone(), name.clone());
                let ty = self
                    .symbols
                    .let_types
                    .get(&key)
                    .cloned()
                    .unwrap_or_default();
                let d = def(SymbolKind::Let, name, l.name.span, Some(module), ty);
                defs.push((
                    Key::Let(module.clone(), name.clone()),
                    with_docs(d, &l.docs),
                ));
            }
        }
        for (name, (span, outputs)) in &self.stack_spans {
            let stack = p.stacks.iter().find(|s| &s.name == name);
            let d = def(
                SymbolKind::Stack,
                name,
                *span,
                None,
                stack.map(|s| s.stack.clone()).unwrap_or_default(),
            );
            let docs = stack.map(|s| &s.docs[..]).unwrap_or_default();
            defs.push((Key::Stack(name.clone()), with_docs(d, docs)));
            for (out, &span) in outputs {
                let output = stack.and_then(|s| s.outputs.iter().find(|o| &o.name == out));
                let ty = output.map(|o| o.ty.to_string()).unwrap_or_default();
                let d = def(SymbolKind::StackOutput, out, span, None, ty);
                let docs = output.map(|o| &o.docs[..]).unwrap_or_default();
                let key = Key::StackOutput(name.clone(), out.clone());
                defs.push((key, with_docs(d, docs)));
            }
        }
        for (name, (span, ty)) in &self.export_spans {
            let export = p.exports.iter().find(|e| &e.name == name);
            let module = export.map(|e| e.module.as_str());
            let d = def(SymbolKind::Export, name, *span, module, ty.to_string());
            let docs = export.map(|e| &e.docs[..]).unwrap_or_default();
            defs.push((Key::Export(name.clone()), with_docs(d, docs)));
        }
        ProjectSymbols {
            definitions: defs,
            refs: std::mem::take(&mut self.symbols.refs),
            scopes: std::mem::take(&mut self.symbols.scopes),
            schemas: self.schemas.clone(),
        }
    }
}

/// The workspace's index: each project's definitions and references, and stack references
/// linked to the projects and exports that produce them.
pub(super) fn index(projects: Vec<ProjectSymbols>, workspace: &ir::Workspace) -> SymbolIndex {
    let mut index = SymbolIndex::default();
    let mut ids: Vec<BTreeMap<Key, usize>> = Vec::new();
    for (pi, p) in projects.into_iter().enumerate() {
        let mut local = BTreeMap::new();
        for (key, mut d) in p.definitions {
            d.project = pi;
            let id = index.definitions.len();
            index.occurrences.push(Occurrence {
                span: d.span,
                target: Target::Definition(id),
            });
            index.definitions.push(d);
            local.insert(key, id);
        }
        for (span, named) in p.refs {
            let target = match named {
                Named::Key(key) => match local.get(&key) {
                    Some(&id) => Target::Definition(id),
                    None => continue,
                },
                Named::Schema(t) => t,
            };
            index.occurrences.push(Occurrence { span, target });
        }
        index.schemas.push(p.schemas);
        index
            .scopes
            .extend(p.scopes.into_iter().map(|s| Scope { project: pi, ..s }));
        ids.push(local);
    }
    for (pi, project) in workspace.projects.iter().enumerate() {
        for stack in &project.stacks {
            let Some(qi) = workspace
                .projects
                .iter()
                .position(|q| q.name == stack.project || q.pulumi_name == stack.project)
            else {
                continue;
            };
            let producer = |key: &Key| ids.get(qi).and_then(|m| m.get(key)).copied();
            if let Some(&id) = ids[pi].get(&Key::Stack(stack.name.clone())) {
                index.definitions[id].produced_by = producer(&Key::Project);
            }
            for o in &stack.outputs {
                let key = Key::StackOutput(stack.name.clone(), o.name.clone());
                if let Some(&id) = ids[pi].get(&key) {
                    index.definitions[id].produced_by = producer(&Key::Export(o.export.clone()));
                }
            }
        }
    }
    index.occurrences.sort();
    index.occurrences.dedup();
    index
}
