//! Grouping files into projects and running the checking phases for each project.

use std::collections::{BTreeMap, BTreeSet};

use super::rules::Rule;
use super::schema::SchemaSet;
use super::{ReadBytes, stacks};
use crate::diag::{Problem, Sink};
use crate::ir;
use crate::syntax::ast::{self, Item};
use rayon::prelude::*;

use crate::syntax::{SourceMap, Span, parse_file};

/// One parsed `.infra` file.
pub(super) struct ParsedFile {
    /// Path relative to the workspace root.
    pub path: String,
    pub id: crate::syntax::FileId,
    pub ast: ast::File,
}

pub(super) fn check_workspace(
    collected: super::Collected,
    read: ReadBytes,
    sources: &mut SourceMap,
    sink: &mut Sink,
    cache: Option<&super::ParseCache>,
) -> (ir::Workspace, super::SymbolIndex) {
    let mut files = collected.files;
    files.sort();
    let mut ids = Vec::with_capacity(files.len());
    for (path, mut text) in files {
        // A UTF-8 byte-order mark is not part of the text.
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let id = sources.add(path.clone(), text);
        for (_, at) in collected.invalid_utf8.iter().filter(|(p, _)| *p == path) {
            sink.report(Problem::InvalidUtf8 {
                span: Span::new(id, *at, *at + '\u{fffd}'.len_utf8()),
            });
        }
        ids.push((path, id));
    }
    // Files parse independently: in parallel, each into its own sink (diagnostics are sorted
    // at the end, so the order they arrive in does not matter).
    let sources_ref = &*sources;
    let results: Vec<(ParsedFile, Vec<crate::diag::Diagnostic>)> = ids
        .into_par_iter()
        .map(|(path, id)| {
            let text = &sources_ref.get(id).text;
            if let Some((ast, diagnostics)) = cache.and_then(|c| c.get(&path, id, text)) {
                return (ParsedFile { path, id, ast }, diagnostics);
            }
            let mut file_sink = Sink::default();
            let ast = parse_file(id, text, &mut file_sink);
            if let Some(c) = cache {
                c.put(&path, id, text, &ast, &file_sink.diagnostics);
            }
            (ParsedFile { path, id, ast }, file_sink.diagnostics)
        })
        .collect();
    if let Some(c) = cache {
        c.retain(&results.iter().map(|(f, _)| f.path.as_str()).collect());
    }
    let mut parsed = Vec::with_capacity(results.len());
    for (file, diagnostics) in results {
        sink.diagnostics.extend(diagnostics);
        super::placeholders::report(file.id, &sources_ref.get(file.id).text, sink);
        parsed.push(file);
    }

    // A project directory is one holding a file with a `project` declaration.
    let mut project_dirs: BTreeMap<String, Vec<(Span, String)>> = BTreeMap::new();
    for f in &parsed {
        for item in &f.ast.items {
            if let Item::Project(p) = item {
                project_dirs
                    .entry(dir_of(&f.path))
                    .or_default()
                    .push((p.name.span, p.name.name.clone()));
            }
        }
    }
    for decls in project_dirs.values() {
        for (span, name) in decls.iter().skip(1) {
            sink.report(Problem::DuplicateProject {
                span: *span,
                name: name.clone(),
                first: decls[0].0,
            });
        }
    }

    let mut groups: BTreeMap<String, Vec<ParsedFile>> = BTreeMap::new();
    for f in parsed {
        match owning_project(&f.path, &project_dirs) {
            Some(dir) => groups.entry(dir).or_default().push(f),
            None => {
                if let Some(span) = f.ast.items.first().map(item_span) {
                    sink.report(Problem::NoProject {
                        span,
                        dir: dir_of(&f.path),
                    });
                }
            }
        }
    }

    let mut workspace = ir::Workspace::default();
    let mut export_spans = Vec::new();
    let mut stack_decls = Vec::new();
    let mut symbols = Vec::new();
    for (dir, files) in groups {
        let project_span = project_dirs.get(&dir).and_then(|d| d.first()).map(|d| d.0);
        let mut checker = ProjectChecker::new(sink, dir);
        checker.check(&files, read);
        symbols.push(checker.take_symbols(project_span));
        export_spans.push(checker.export_spans.clone());
        stack_decls.push(checker.stack_spans.clone());
        workspace.projects.push(checker.project);
    }
    stacks::check_across(&workspace, &export_spans, &stack_decls, sink);
    super::file_names::check_project_folders(&project_dirs, sink);
    let index = super::symbols::index(symbols, &workspace);
    (workspace, index)
}

fn dir_of(path: &str) -> String {
    path.rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

/// The nearest enclosing project directory of a file.
fn owning_project<T>(path: &str, dirs: &BTreeMap<String, T>) -> Option<String> {
    let mut dir = dir_of(path);
    loop {
        if dirs.contains_key(&dir) {
            return Some(dir);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir_of(&dir);
    }
}

pub(super) fn item_span(item: &Item) -> Span {
    match item {
        Item::Project(d) => d.name.span,
        Item::Config(d) => d.span,
        Item::Env(d) => d.name.span,
        Item::Module(d) => d.name.span,
        Item::Resource(d) => d.name.span,
        Item::Component(d) => d.name.span,
        Item::Use(d) => d.name.span,
        Item::Stack(d) => d.name.span,
        Item::Export(d) => d.name.span,
        Item::Provider(d) => d.package.span,
        Item::Let(d) => d.name.span,
        Item::Moved(d) => d.span,
    }
}

/// What the checker knows of a config key while checking.
pub(super) struct ConfigInfo {
    pub ty: ir::Type,
    pub secret: bool,
    pub span: Span,
}

#[derive(Default)]
pub(super) struct ModuleSyms {
    pub resources: BTreeMap<String, usize>,
    pub instances: BTreeMap<String, usize>,
}

/// Per-project checking state; each phase lives in its own file as an `impl` block.
pub(super) struct ProjectChecker<'s> {
    pub sink: &'s mut Sink,
    pub schemas: SchemaSet,
    pub rules: Vec<Rule>,
    pub project: ir::Project,
    pub config: BTreeMap<String, ConfigInfo>,
    pub envs: BTreeMap<String, Span>,
    pub modules: BTreeMap<String, ModuleSyms>,
    /// Component name -> index into `project.components`, with its declaration.
    pub components: BTreeMap<String, (usize, ast::ComponentDecl)>,
    pub stacks: BTreeMap<String, usize>,
    pub declared_providers: BTreeSet<String>,
    pub providers_span: Span,
    /// Span of the reference that makes resource `from` depend on `to`.
    pub edge_spans: BTreeMap<(usize, usize), Span>,
    /// Name spans of declared resources (by index), for labels.
    pub resource_spans: BTreeMap<usize, Span>,
    /// Name spans of components (by index).
    pub component_spans: BTreeMap<usize, Span>,
    /// Name spans of component instances (by index).
    pub instance_spans: BTreeMap<usize, Span>,
    pub export_spans: stacks::ExportSpans,
    pub stack_spans: stacks::StackSpans,
    /// Declaration (or first file's) spans of modules, for labels.
    pub module_spans: BTreeMap<String, Span>,
    /// The module and part (indices) each file declares.
    pub part_of_file: BTreeMap<crate::syntax::FileId, (usize, usize)>,
    /// Reads files relative to the workspace root (`file(...)`).
    pub read_file: Option<ReadBytes<'s>>,
    /// `let` declarations by module, then name.
    pub lets: BTreeMap<String, BTreeMap<String, ast::LetDecl>>,
    /// The `let` values being lowered, innermost last (to report cycles).
    pub let_stack: Vec<(String, String)>,
    /// `let` values found in a cycle, with their name spans.
    pub let_cycles: BTreeMap<(String, String), Span>,
    /// Conditions known to hold where the value being lowered is used (`when` of the resource,
    /// enclosing `if` branches): a conditional resource may be read only under its condition.
    pub guards: Vec<ir::Value>,
    /// Spans of `when` conditions of resources (by index), for labels.
    pub condition_spans: BTreeMap<usize, Span>,
    /// The expression being lowered as the whole value of an optional property: there an `if`
    /// without `else` leaves the property unset.
    pub allow_absent: Option<Span>,
    /// The expression being lowered may be a data source's whole result (a `let` value, the
    /// base of `.name`); anywhere else that is E1166.
    pub whole_result_ok: bool,
    /// The loop whose body is being lowered (its variables are in scope).
    pub each_scope: Option<super::loops::EachScope>,
    /// A looped resource is being named to pick one of its items (`x[key]`).
    pub naming_item: bool,
    /// A looped resource may be named as a whole here (`depends_on`).
    pub allow_collection: bool,
    /// Spans of `when` conditions of component instances (by index), for labels.
    pub instance_condition_spans: BTreeMap<usize, Span>,
    /// The loop of each looped resource (by index), its variables bound even when invalid.
    pub loop_scopes: BTreeMap<usize, super::loops::EachScope>,
    /// What names refer to, for the language server.
    pub symbols: super::symbols::Recorder,
}

impl<'s> ProjectChecker<'s> {
    fn new(sink: &'s mut Sink, dir: String) -> Self {
        ProjectChecker {
            sink,
            schemas: SchemaSet::default(),
            rules: Vec::new(),
            project: ir::Project {
                name: String::new(),
                pulumi_name: String::new(),
                dir,
                docs: Vec::new(),
                description: String::new(),
                language: None,
                organization: "organization".into(),
                providers: Vec::new(),
                naming: vec![ir::NamePart::Name],
                config: Vec::new(),
                envs: Vec::new(),
                modules: Vec::new(),
                components: Vec::new(),
                resources: Vec::new(),
                order: Vec::new(),
                instances: Vec::new(),
                stacks: Vec::new(),
                exports: Vec::new(),
                schema: ir::SchemaFacts::default(),
                module_order: Vec::new(),
                layout: ir::ProjectLayout::default(),
                provider_config: Vec::new(),
            },
            config: BTreeMap::new(),
            envs: BTreeMap::new(),
            modules: BTreeMap::new(),
            components: BTreeMap::new(),
            stacks: BTreeMap::new(),
            declared_providers: BTreeSet::new(),
            providers_span: Span::default(),
            edge_spans: BTreeMap::new(),
            resource_spans: BTreeMap::new(),
            instance_spans: BTreeMap::new(),
            component_spans: BTreeMap::new(),
            export_spans: BTreeMap::new(),
            stack_spans: BTreeMap::new(),
            module_spans: BTreeMap::new(),
            part_of_file: BTreeMap::new(),
            read_file: None,
            lets: BTreeMap::new(),
            let_stack: Vec::new(),
            let_cycles: BTreeMap::new(),
            guards: Vec::new(),
            condition_spans: BTreeMap::new(),
            allow_absent: None,
            whole_result_ok: false,
            each_scope: None,
            naming_item: false,
            allow_collection: false,
            instance_condition_spans: BTreeMap::new(),
            loop_scopes: BTreeMap::new(),
            symbols: super::symbols::Recorder::default(),
        }
    }

    fn check(&mut self, files: &[ParsedFile], read: ReadBytes<'s>) {
        self.read_file = Some(read);
        let items = || files.iter().flat_map(|f| f.ast.items.iter());
        for item in items() {
            if let Item::Project(p) = item {
                self.project_settings(p, read);
                break;
            }
        }
        self.config_and_envs(files);
        self.declare(files);
        self.declare_lets(files);
        self.lower_components();
        self.lower_resource_conditions(files);
        self.lower_resource_loops(files);
        self.lower_instance_conditions(files);
        self.lower_resources(files);
        self.expand_instances(files);
        self.lower_moves(files);
        self.check_lets();
        self.lower_stacks_and_exports(files);
        self.provider_config(files);
        self.link_graph();
        self.check_physical_names();
        self.check_logical_names_per_env();
        self.check_file_names(files);
        self.finish_modules();
        self.decide_facts();
    }

    /// The resource a declaration named `name` registered in `module`; `None` for a duplicate
    /// of an earlier declaration (already reported).
    pub fn declared_resource(
        &self,
        module: &str,
        name: &crate::syntax::ast::Ident,
    ) -> Option<usize> {
        let idx = *self.modules[module].resources.get(&name.name)?;
        (self.resource_spans.get(&idx) == Some(&name.span)).then_some(idx)
    }

    /// The component instance a `use` named `name` registered in `module`, as
    /// [`Self::declared_resource`].
    pub fn declared_instance(
        &self,
        module: &str,
        name: &crate::syntax::ast::Ident,
    ) -> Option<usize> {
        let inst = *self.modules[module].instances.get(&name.name)?;
        (self.instance_spans.get(&inst) == Some(&name.span)).then_some(inst)
    }

    /// The module a file belongs to, and the file's stem: its `module` declaration, `main` for
    /// the project file, the folder's name for a file in a folder of the project (a module
    /// that is a folder of files), otherwise the file's stem.
    pub fn module_of(&self, file: &ParsedFile) -> (String, Option<Span>, Vec<String>) {
        for item in &file.ast.items {
            if let Item::Module(m) = item {
                return (m.name.name.clone(), Some(m.name.span), m.docs.clone());
            }
        }
        if file.ast.items.iter().any(|i| matches!(i, Item::Project(_))) {
            return (ir::Project::MAIN_MODULE.into(), None, Vec::new());
        }
        let rel = self.relative(&file.path);
        if let Some((folder, _)) = rel.split_once('/') {
            return (folder.to_string(), None, Vec::new());
        }
        (file_stem(&rel).to_string(), None, Vec::new())
    }

    /// A workspace path relative to the project directory.
    pub fn relative(&self, path: &str) -> String {
        match path.strip_prefix(&format!("{}/", self.project.dir)) {
            Some(r) if !self.project.dir.is_empty() => r.to_string(),
            _ => path.to_string(),
        }
    }
}

/// `functions/byok.infra` -> `byok`.
pub(super) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".infra").unwrap_or(name)
}
