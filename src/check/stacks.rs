//! Stack references (typed declarations of another stack's outputs) and exports, and the
//! cross-project check that a producer in the same workspace exports what is referenced.

use std::collections::BTreeMap;

use super::expr::Ctx;
use super::project::{ParsedFile, ProjectChecker};
use super::settings::parse_pattern;
use crate::diag::{Problem, Sink, did_you_mean};
use crate::ir::{self, Type};
use crate::syntax::Span;
use crate::syntax::ast::{self, Item};

/// Export name -> (span, type), for each project of the workspace in order.
pub(super) type ExportSpans = BTreeMap<String, (Span, Type)>;
/// Stack declaration name -> (span, output name -> span).
pub(super) type StackSpans = BTreeMap<String, (Span, BTreeMap<String, Span>)>;

impl ProjectChecker<'_> {
    pub(super) fn declare_stack(&mut self, s: &ast::StackDecl) {
        if let Some((first, _)) = self.stack_spans.get(&s.name.name) {
            self.sink.report(Problem::Duplicate {
                span: s.name.span,
                what: "stack reference".into(),
                name: s.name.name.clone(),
                first: *first,
            });
            return;
        }
        let segments: Vec<&str> = s.stack.value.split('/').collect();
        let project = match segments.as_slice() {
            [org, project, stack]
                if !org.is_empty() && !project.is_empty() && !stack.is_empty() =>
            {
                project.to_string()
            }
            _ => {
                self.sink.report(Problem::BadStackName {
                    span: s.stack.span,
                    name: s.stack.value.clone(),
                });
                String::new()
            }
        };
        self.check_env_pattern(&s.stack.value, s.stack.span);
        let mut outputs = Vec::new();
        let mut spans = BTreeMap::new();
        for o in &s.outputs {
            if let Some(first) = spans.insert(o.name.name.clone(), o.name.span) {
                self.sink.report(Problem::Duplicate {
                    span: o.name.span,
                    what: "stack output".into(),
                    name: o.name.name.clone(),
                    first,
                });
                continue;
            }
            let ty = self.parse_type(&o.ty, false);
            let export = match &o.export {
                Some(e) => {
                    self.check_env_pattern(&e.value, e.span);
                    e.value.clone()
                }
                None => o.name.name.clone(),
            };
            outputs.push(ir::StackOutput {
                name: o.name.name.clone(),
                docs: o.docs.clone(),
                ty,
                export,
            });
        }
        self.stacks
            .insert(s.name.name.clone(), self.project.stacks.len());
        self.stack_spans
            .insert(s.name.name.clone(), (s.name.span, spans));
        self.project.stacks.push(ir::StackRef {
            name: s.name.name.clone(),
            docs: s.docs.clone(),
            stack: s.stack.value.clone(),
            project,
            outputs,
        });
    }

    fn check_env_pattern(&mut self, pattern: &str, span: Span) {
        if let Err(bad) = parse_pattern(pattern, &["env"], false) {
            self.sink.report(Problem::BadPattern {
                span,
                placeholder: bad,
                allowed: vec!["env".into()],
            });
        }
    }

    pub(super) fn lower_stacks_and_exports(&mut self, files: &[ParsedFile]) {
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Export(e) = item else { continue };
                self.check_env_pattern(&e.name.name, e.name.span);
                let ctx = Ctx::module(&module);
                let value = self.lower(&e.value, &Type::Any, &ctx, "an export");
                if let Some((first, _)) = self.export_spans.get(&e.name.name) {
                    self.sink.report(Problem::Duplicate {
                        span: e.name.span,
                        what: "export".into(),
                        name: e.name.name.clone(),
                        first: *first,
                    });
                    continue;
                }
                self.export_spans
                    .insert(e.name.name.clone(), (e.name.span, value.ty.clone()));
                self.project.exports.push(ir::Export {
                    name: e.name.name.clone(),
                    docs: e.docs.clone(),
                    value,
                    module: module.clone(),
                });
            }
        }
    }
}

/// For each stack reference whose producer is in this workspace, every declared output must be
/// exported by the producer with the declared type.
pub(super) fn check_across(
    workspace: &ir::Workspace,
    exports: &[ExportSpans],
    stacks: &[StackSpans],
    sink: &mut Sink,
) {
    for (pi, project) in workspace.projects.iter().enumerate() {
        for stack in &project.stacks {
            let Some(qi) = workspace
                .projects
                .iter()
                .position(|q| q.name == stack.project || q.pulumi_name == stack.project)
            else {
                continue; // produced outside this workspace: trust the declaration
            };
            let produced = &exports[qi];
            let Some((_, output_spans)) = stacks[pi].get(&stack.name) else {
                continue;
            };
            for output in &stack.outputs {
                let span = output_spans.get(&output.name).copied().unwrap_or_default();
                match produced.get(&output.export) {
                    None => sink.report(Problem::MissingStackOutput {
                        span,
                        project: workspace.projects[qi].name.clone(),
                        export: output.export.clone(),
                        suggestion: did_you_mean(
                            &output.export,
                            produced.keys().map(String::as_str),
                        ),
                    }),
                    Some((export_span, ty)) => {
                        if !(output.ty.accepts(ty) && ty.accepts(&output.ty)) {
                            sink.report(Problem::StackOutputType {
                                span,
                                export: output.export.clone(),
                                declared: output.ty.to_string(),
                                exported: ty.to_string(),
                                export_span: *export_span,
                            });
                        }
                    }
                }
            }
        }
    }
}
