//! The askama templates of the Go backend, one struct per template (`templates/go/`), one
//! template per generated file kind. Fields hold text the Rust side computed (names, rendered
//! expressions, import blocks); the templates only lay it out.

use askama::Template;

/// The first line of every generated Go file, from the shared layer.
pub fn header() -> String {
    crate::backend::shared::header("//", None)
}

#[derive(Template)]
#[template(path = "go/component.go.askama", escape = "none")]
pub struct ComponentFile {
    pub header: String,
    pub docs: String,
    pub imports: String,
    pub type_name: String,
    pub fields: String,
    pub args_fields: String,
    pub new_docs: String,
    pub params: String,
    pub var: String,
    pub token: String,
    pub body: String,
    pub assign: String,
    pub outputs: String,
}

#[derive(Template)]
#[template(path = "go/config.go.askama", escape = "none")]
pub struct ConfigFile {
    pub header: String,
    pub docs: String,
    pub imports: String,
    pub fields: String,
    pub environments: String,
    pub env_list: String,
    pub values: String,
}

#[derive(Template)]
#[template(path = "go/loader.go.askama", escape = "none")]
pub struct LoaderFile {
    pub header: String,
    pub imports: String,
    pub methods: Vec<String>,
    /// Some key has a default (the `or` helper is needed).
    pub optional: bool,
}

#[derive(Template)]
#[template(path = "go/go.mod.askama", escape = "none")]
pub struct GoMod<'a> {
    pub header: String,
    pub module: &'a str,
    pub go_version: &'a str,
    pub direct: Vec<String>,
    pub indirect: &'a str,
}

#[derive(Template)]
#[template(path = "go/main.go.askama", escape = "none")]
pub struct MainFile {
    pub header: String,
    pub docs: String,
    pub imports: String,
    pub load: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "go/module.go.askama", escape = "none")]
pub struct ModuleFile {
    pub header: String,
    pub docs: String,
    pub package: String,
    pub imports: String,
    pub fields: String,
    pub new_docs: String,
    pub params: String,
    pub body: String,
    pub result: String,
}

/// One part of a module written as a folder of files: its `new<Part>`.
#[derive(Template)]
#[template(path = "go/part.go.askama", escape = "none")]
pub struct PartFile {
    pub header: String,
    pub package: String,
    pub imports: String,
    pub docs: String,
    pub func: String,
    pub params: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "go/stack.go.askama", escape = "none")]
pub struct StackFile {
    pub header: String,
    pub docs: String,
    pub package_docs: String,
    pub imports: String,
    pub type_name: String,
    pub fields: String,
    pub ctor_docs: String,
    pub params: String,
    pub logical: String,
    pub stack_name: String,
    pub values: String,
}

#[derive(Template)]
#[template(path = "go/main_test.go.askama", escape = "none")]
pub struct MainTest {
    pub header: String,
    pub project: String,
    pub environments: String,
    pub secret_keys: String,
    pub physical_names: String,
    pub read_outputs: String,
    pub stack_exports: String,
}

#[derive(Template)]
#[template(path = "go/mocks_test.go.askama", escape = "none")]
pub struct MocksTest {
    pub header: String,
    pub stack_reference: String,
    /// The project reads outputs by index or calls data sources (`testdata/mocks.json`).
    pub mock_data: bool,
}

#[derive(Template)]
#[template(path = "go/utils.go.askama", escape = "none")]
pub struct UtilsFile {
    pub header: String,
    pub imports: String,
    pub pattern: String,
    pub name: Option<String>,
    pub by_env: bool,
    pub by_env_or: bool,
    pub substr: bool,
    pub if_: bool,
    pub if_lazy: bool,
    pub json: bool,
    pub values: bool,
}
