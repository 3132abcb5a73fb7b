//! `textDocument/formatting`: `infragen fmt`'s layout, as one edit over the whole document.

use lsp_types::{DocumentFormattingParams, Position, Range, TextEdit};

use super::documents::Documents;
use crate::format::format_text;

/// The edits that format the document: none when it is formatted already or does not parse
/// (its syntax errors are already published as diagnostics).
pub fn edits(docs: &Documents, params: &DocumentFormattingParams) -> Vec<TextEdit> {
    let uri = &params.text_document.uri;
    let Some(text) = docs.text(uri) else {
        return Vec::new();
    };
    let Ok(formatted) = format_text(uri.as_str(), &text) else {
        return Vec::new();
    };
    if formatted == text {
        return Vec::new();
    }
    vec![TextEdit {
        range: Range::new(Position::new(0, 0), end_of(&text)),
        new_text: formatted,
    }]
}

/// The position just after the last character, in UTF-16 code units as LSP counts them.
fn end_of(text: &str) -> Position {
    let line = text.matches('\n').count();
    let last = text.rsplit('\n').next().unwrap_or_default();
    let column: usize = last.chars().map(char::len_utf16).sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::end_of;
    use lsp_types::Position;

    #[test]
    fn the_end_counts_utf16_units_of_the_last_line() {
        assert_eq!(end_of("a\nb\n"), Position::new(2, 0));
        assert_eq!(end_of("a\n\"é𝄞\""), Position::new(1, 5));
    }
}
