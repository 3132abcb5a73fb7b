//! Placeholders `infragen add` writes: a value of the right type followed by a
//! `// fill in: <what>` comment. The program builds as it is, so nothing stops it from being
//! deployed with `""` or `0` where a real value belongs; each marker left in a file is a warning
//! (W1370) until the value is filled in and the comment deleted.

use crate::diag::{Problem, Sink};
use crate::format::tokens::{Kind, tokens};
use crate::syntax::{FileId, Span};

/// The marker, as `add` writes it (`// fill in: string`) or a person types it (`// fill in`).
const MARKER: &str = "fill in";

/// Reports every `// fill in...` line comment of a file.
pub(super) fn report(file: FileId, text: &str, sink: &mut Sink) {
    // Most files have no marker: skip tokenizing them (this runs on every check, every edit).
    if !text.contains(MARKER) {
        return;
    }
    for token in tokens(text) {
        if token.kind != Kind::LineComment {
            continue;
        }
        let body = token.text.trim_start_matches('/').trim_start();
        let Some(rest) = body.strip_prefix(MARKER) else {
            continue;
        };
        if !(rest.trim().is_empty() || rest.starts_with(':')) {
            continue;
        }
        let what = rest.trim_start_matches(':').trim();
        // The token is a slice of `text`: its offset is where it starts.
        let start = token.text.as_ptr() as usize - text.as_ptr() as usize;
        sink.report(Problem::UnfilledPlaceholder {
            span: Span::new(file, start, start + token.text.len()),
            what: if what.is_empty() {
                "a value".to_string()
            } else {
                what.to_string()
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut sink = Sink::default();
        report(FileId(0), text, &mut sink);
        sink.diagnostics
            .iter()
            .map(|d| {
                let s = d.primary.span;
                (
                    d.message.clone(),
                    text[s.start as usize..s.end as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn markers_in_comments_are_reported_and_nothing_else() {
        let text = "resource aws.s3.Bucket b {\n  bucket = \"// fill in: not a comment\"\n  acl = \"\" // fill in: string\n  // a comment\n  // fill in later\n  n = 0 //fill in\n}\n";
        assert_eq!(
            found(text),
            vec![
                (
                    "placeholder not filled in: string".to_string(),
                    "// fill in: string".to_string()
                ),
                (
                    "placeholder not filled in: a value".to_string(),
                    "//fill in".to_string()
                ),
            ]
        );
    }
}
