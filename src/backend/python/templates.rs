//! The askama template structs of the Python backend, one per template in
//! `templates/python/` and one template per generated concept. The values are computed in
//! Rust (names, expressions laid out by `doc::Doc`); templates only place them.

use askama::Template;

use super::doc::Field;
use super::rollback::EnvSteps;
use super::stack_references::Stack;

// ---- components.rs ----

#[derive(Template)]
#[template(path = "python/component.py.askama", escape = "none")]
pub struct ComponentPy {
    pub args_class: String,
    pub class: String,
    pub class_doc: String,
    pub params: Vec<Field>,
    pub attrs: Vec<Field>,
    pub signature: String,
    pub super_call: String,
    pub body: String,
    pub register: String,
}

// ---- config.rs ----

#[derive(Template)]
#[template(path = "python/config.py.askama", escape = "none")]
pub struct ConfigPy {
    pub header: String,
    pub docstring: String,
    pub imports: String,
    pub for_env: bool,
    pub environments: String,
    pub protected: String,
    pub fields: Vec<Field>,
    pub pattern: String,
    pub name_expr: String,
    pub raise_unknown: String,
    pub construct: String,
}

// ---- main_file.rs ----

#[derive(Template)]
#[template(path = "python/__main__.py.askama", escape = "none")]
pub struct MainPy {
    pub header: String,
    pub docstring: String,
    pub imports: String,
    pub cfg: &'static str,
    pub setup: Vec<String>,
    pub exports: String,
}

// ---- module_file.rs ----

#[derive(Template)]
#[template(path = "python/module.py.askama", escape = "none")]
pub struct ModulePy {
    pub header: String,
    pub docstring: String,
    pub imports: String,
    pub components: Vec<String>,
    pub has_items: bool,
    pub class: String,
    pub class_doc: String,
    pub fields: Vec<Field>,
    pub signature: String,
    pub function_doc: String,
    pub body: String,
    pub ret: String,
}

#[derive(Template)]
#[template(path = "python/modules_init.py.askama", escape = "none")]
pub struct ModulesInitPy {
    pub header: String,
    pub docstring: String,
}

#[derive(Template)]
#[template(path = "python/package_init.py.askama", escape = "none")]
pub struct PackageInitPy {
    pub header: String,
    pub docstring: String,
    pub imports: String,
    pub all: String,
}

// ---- project_files.rs ----

#[derive(Template)]
#[template(path = "python/requirements.txt.askama", escape = "none")]
pub struct Requirements {
    pub header: String,
    pub pulumi_version: &'static str,
    pub providers: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/requirements-dev.txt.askama", escape = "none")]
pub struct RequirementsDev {
    pub header: String,
}

#[derive(Template)]
#[template(path = "python/pyproject.toml.askama", escape = "none")]
pub struct Pyproject {
    pub header: String,
    pub project: String,
    pub first_party: String,
    pub mypy_files: String,
}

#[derive(Template)]
#[template(path = "python/gitignore.askama", escape = "none")]
pub struct Gitignore {
    pub header: String,
}

#[derive(Template)]
#[template(path = "python/workflow.yml.askama", escape = "none")]
pub struct Workflow {
    pub header: String,
    pub envs: String,
    pub organization: String,
    pub project: String,
    pub credentials: Vec<&'static str>,
}

// ---- rollback.rs ----

#[derive(Template)]
#[template(path = "python/ROLLBACK.md.askama", escape = "none")]
pub struct Rollback {
    pub header: String,
    pub project: String,
    pub overview: String,
    pub envs: Vec<EnvSteps>,
}

// ---- stack_references.rs ----

#[derive(Template)]
#[template(path = "python/stacks.py.askama", escape = "none")]
pub struct StacksPy {
    pub header: String,
    pub imports: String,
    pub cfg: &'static str,
    pub stacks: Vec<Stack>,
}

// ---- tests.rs ----

#[derive(Template)]
#[template(path = "python/tests/init.py.askama", escape = "none")]
pub struct TestsInitPy {
    pub header: String,
    pub docstring: String,
}

#[derive(Template)]
#[template(path = "python/tests/stack_graph.py.askama", escape = "none")]
pub struct StackGraphPy {
    pub header: String,
    pub project: String,
    pub secret_keys: String,
    pub read_outputs: String,
    pub physical_names: String,
    pub stack_exports: String,
    /// The project reads outputs by index or calls data sources (`tests/expected/mocks.json`).
    pub mock_data: bool,
    /// `PROVIDER_JSON_INPUTS = ...` where the project declares explicit providers.
    pub provider_json_inputs: Option<String>,
}

#[derive(Template)]
#[template(path = "python/tests/graph.py.askama", escape = "none")]
pub struct GraphPy {
    pub header: String,
}

#[derive(Template)]
#[template(path = "python/tests/conftest.py.askama", escape = "none")]
pub struct ConftestPy {
    pub header: String,
}

#[derive(Template)]
#[template(path = "python/tests/test_module.py.askama", escape = "none")]
pub struct TestModulePy {
    pub header: String,
    pub docstring: String,
    pub expected: String,
    pub parents: String,
}

#[derive(Template)]
#[template(path = "python/tests/test_graph.py.askama", escape = "none")]
pub struct TestGraphPy {
    pub header: String,
}

#[derive(Template)]
#[template(path = "python/tests/test_exports.py.askama", escape = "none")]
pub struct TestExportsPy {
    pub header: String,
    pub expected: String,
}

#[derive(Template)]
#[template(path = "python/tests/test_standards.py.askama", escape = "none")]
pub struct TestStandardsPy {
    pub header: String,
    pub docstring: String,
    pub imports: String,
    pub pattern: String,
    pub pattern_text: String,
    pub protected: bool,
    pub exempt: String,
    pub labels: bool,
    pub required_labels: String,
    pub environment_label: String,
}
