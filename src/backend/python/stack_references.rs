//! `stacks.py`: one class per stack reference with a typed property per declared output, so
//! that reading another stack is checked like any other attribute.

use askama::Template;

use super::doc::{Doc, docstring, string};
use super::imports::Imports;
use super::layout::{CONFIG_VAR, Layout};
use super::main_file::export_name;
use super::names;
use super::templates::StacksPy;
use super::values::py_type;
use super::{block, header};
use crate::ir::{Project, Workspace};

pub struct Output {
    pub name: String,
    pub ty: String,
    pub doc: String,
    pub body: String,
}

pub struct Stack {
    pub class: String,
    pub doc: String,
    pub reference: String,
    pub outputs: Vec<Output>,
}

pub fn render(
    _workspace: &Workspace,
    project: &Project,
    layout: &Layout,
) -> Result<String, String> {
    let mut imports = Imports::new();
    imports.import("pulumi");
    imports.from("config", "StackConfig");
    let mut stacks = Vec::new();
    for (i, s) in project.stacks.iter().enumerate() {
        let reference = Doc::assign(
            "self.reference = ",
            Doc::call(
                "pulumi.StackReference",
                vec![
                    Doc::text(string(&s.name)),
                    Doc::kwarg("stack_name", Doc::text(stack_name(&s.stack))),
                ],
            ),
        );
        let outputs = s
            .outputs
            .iter()
            .map(|o| {
                let call = Doc::assign(
                    "return ",
                    Doc::call(
                        "self.reference.require_output",
                        vec![Doc::text(export_name(&o.export, "self._env"))],
                    ),
                );
                Output {
                    name: names::field(&o.name),
                    ty: py_type(&o.ty, &mut imports),
                    doc: docstring(&o.docs, 8).trim_end().to_string(),
                    body: block(&call, 8),
                }
            })
            .collect();
        let doc = if s.docs.is_empty() {
            vec![format!("The stack `{}`.", s.stack)]
        } else {
            s.docs.clone()
        };
        stacks.push(Stack {
            class: layout.stack_classes[i].clone(),
            doc: docstring(&doc, 4).trim_end().to_string(),
            reference: block(&reference, 8),
            outputs,
        });
    }
    StacksPy {
        header: header(),
        imports: imports.render().trim_end().to_string(),
        cfg: CONFIG_VAR,
        stacks,
    }
    .render()
    .map_err(|e| e.to_string())
}

/// `organization/infrastructure/{env}` as a Python expression of the constructor's scope.
fn stack_name(pattern: &str) -> String {
    export_name(pattern, &format!("{CONFIG_VAR}.env"))
}
