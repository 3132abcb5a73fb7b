//! Between infragen's diagnostics and spans and the protocol's ranges and URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Uri,
};

use crate::diag::{Diagnostic, Severity};
use crate::syntax::{SourceMap, Span};

pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let path = s.strip_prefix("file://")?;
    Some(PathBuf::from(percent_decode(path)))
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_str(&format!("file://{}", path.display())).ok()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A span as the protocol counts: lines from 0, columns in UTF-16 code units.
fn range(sources: &SourceMap, span: Span) -> Range {
    let text = &sources.get(span.file).text;
    Range::new(
        super::locate::position_in(text, span.start as usize),
        super::locate::position_in(text, span.end as usize),
    )
}

pub fn to_lsp(sources: &SourceMap, root: &Path, d: &Diagnostic) -> lsp_types::Diagnostic {
    let related = d
        .secondary
        .iter()
        .filter_map(|l| {
            let uri = path_to_uri(&root.join(&sources.get(l.span.file).name))?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range(sources, l.span)),
                message: l.message.clone(),
            })
        })
        .collect::<Vec<_>>();
    let mut message = format!("{}: {}", d.message, d.primary.message);
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    lsp_types::Diagnostic {
        range: range(sources, d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("infragen".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::range;
    use crate::syntax::{SourceMap, Span};

    #[test]
    fn columns_count_utf16_code_units() {
        let mut sources = SourceMap::default();
        let text = "label = \"\u{1F600}\" bad\n";
        let file = sources.add("a.infra".into(), text.into());
        let start = text.find("bad").unwrap();
        let r = range(&sources, Span::new(file, start, start + 3));
        // The emoji is one character but two UTF-16 code units.
        assert_eq!((r.start.line, r.start.character), (0, 13));
        assert_eq!(r.end.character, 16);
    }
}
