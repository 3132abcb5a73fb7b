//! Between the protocol's positions (lines and UTF-16 columns, in a URI) and the checker's
//! spans (byte offsets in a file of the last check).

use std::path::Path;

use lsp_types::{Location, Position, Range, Uri};

use super::convert::{path_to_uri, uri_to_path};
use crate::check::{Checked, Occurrence};
use crate::syntax::{FileId, Span};

/// The last check of the workspace and the root its file names are relative to.
pub struct Snapshot<'a> {
    pub checked: &'a Checked,
    pub root: &'a Path,
}

impl Snapshot<'_> {
    pub fn file_of(&self, uri: &Uri) -> Option<FileId> {
        let path = uri_to_path(uri)?;
        let rel = path.strip_prefix(self.root).ok()?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        self.checked
            .sources
            .files()
            .find(|(_, f)| f.name == rel)
            .map(|(id, _)| id)
    }

    pub fn uri_of(&self, file: FileId) -> Option<Uri> {
        path_to_uri(&self.root.join(&self.checked.sources.get(file).name))
    }

    /// The byte offset of a position in a file (clamped to its line and the text).
    pub fn offset(&self, file: FileId, position: Position) -> u32 {
        offset_in(&self.checked.sources.get(file).text, position) as u32
    }

    pub fn range(&self, span: Span) -> Range {
        let text = &self.checked.sources.get(span.file).text;
        Range::new(
            position_in(text, span.start as usize),
            position_in(text, span.end as usize),
        )
    }

    pub fn location(&self, span: Span) -> Option<Location> {
        Some(Location::new(self.uri_of(span.file)?, self.range(span)))
    }

    /// The project and module a file belongs to.
    pub fn module_of(&self, file: FileId) -> Option<(usize, String)> {
        let name = &self.checked.sources.get(file).name;
        self.checked
            .workspace
            .projects
            .iter()
            .enumerate()
            .find_map(|(pi, p)| {
                p.modules.iter().find_map(|m| {
                    m.parts
                        .iter()
                        .any(|part| {
                            let path = if p.dir.is_empty() {
                                part.file.clone()
                            } else {
                                format!("{}/{}", p.dir, part.file)
                            };
                            &path == name
                        })
                        .then(|| (pi, m.name.clone()))
                })
            })
    }

    /// The text a span covers.
    pub fn text(&self, span: Span) -> &str {
        let text = &self.checked.sources.get(span.file).text;
        text.get(span.range()).unwrap_or_default()
    }

    /// The occurrence at a position of a document.
    pub fn occurrence(&self, uri: &Uri, position: Position) -> Option<&Occurrence> {
        let file = self.file_of(uri)?;
        let offset = self.offset(file, position);
        self.checked.symbols.at(file, offset)
    }
}

pub fn offset_in(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

pub fn position_in(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::{offset_in, position_in};
    use lsp_types::Position;

    #[test]
    fn columns_count_utf16_units_both_ways() {
        let text = "a\n\"é𝄞\" x\n";
        let x = text.find('x').unwrap();
        assert_eq!(position_in(text, x), Position::new(1, 6));
        assert_eq!(offset_in(text, Position::new(1, 6)), x);
        assert_eq!(offset_in(text, Position::new(0, 99)), 1);
        assert_eq!(offset_in(text, Position::new(9, 0)), text.len());
    }
}
