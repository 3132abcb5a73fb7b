//! Rendering diagnostics: codespan-reporting for people, one JSON object per line for tools.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde_json::{Value, json};

use super::{Diagnostic, Label, Severity};
use crate::syntax::SourceMap;

fn files(sources: &SourceMap) -> SimpleFiles<String, String> {
    let mut files = SimpleFiles::new();
    for (_, f) in sources.files() {
        files.add(f.name.clone(), f.text.clone());
    }
    files
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut labels = vec![
        cs::Label::primary(d.primary.span.file.0 as usize, d.primary.span.range())
            .with_message(d.primary.message.clone()),
    ];
    labels.extend(d.secondary.iter().map(|l| {
        cs::Label::secondary(l.span.file.0 as usize, l.span.range()).with_message(l.message.clone())
    }));
    let mut out = cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(d.message.clone())
        .with_labels(labels);
    if let Some(help) = &d.help {
        out = out.with_notes(vec![format!("help: {help}")]);
    }
    out
}

/// Human-readable output; colour is up to the writer (the CLI decides: terminal, NO_COLOR).
pub fn render_human(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    writer: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let files = files(sources);
    let config = term::Config::default();
    for d in diagnostics {
        term::emit_to_write_style(writer, &config, &files, &to_codespan(d))
            .map_err(std::io::Error::other)?;
    }
    Ok(())
}

fn position(sources: &SourceMap, label: &Label) -> Value {
    let (line, column) = sources.line_col(label.span.file, label.span.start);
    let (end_line, end_column) = sources.line_col(label.span.file, label.span.end);
    json!({
        "file": sources.get(label.span.file).name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": label.message,
    })
}

pub fn to_json_value(sources: &SourceMap, d: &Diagnostic) -> Value {
    let mut obj = position(sources, &d.primary);
    let map = obj.as_object_mut().expect("position is an object");
    map.insert("label".into(), map["message"].clone());
    map.insert("message".into(), Value::String(d.message.clone()));
    map.insert(
        "severity".into(),
        Value::String(
            match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .into(),
        ),
    );
    map.insert("code".into(), Value::String(d.code.into()));
    map.insert(
        "labels".into(),
        Value::Array(d.secondary.iter().map(|l| position(sources, l)).collect()),
    );
    map.insert(
        "help".into(),
        d.help.clone().map(Value::String).unwrap_or(Value::Null),
    );
    obj
}

/// One JSON object per diagnostic per line.
pub fn render_json(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&to_json_value(sources, d).to_string());
        out.push('\n');
    }
    out
}
