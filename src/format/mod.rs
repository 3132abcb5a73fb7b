//! `infragen fmt` and the language server's document formatting: one canonical layout for
//! `.infra` files that keeps every comment and line break the author wrote (see `layout`).
//! Only files that parse are formatted, and a result whose tokens differ from the input's is
//! refused, so formatting can never change what a file means.

mod layout;
pub mod tokens;

use crate::diag::{Diagnostic, Sink};
use crate::syntax::{FileId, SourceMap};

/// Why a file was not formatted.
#[derive(Debug)]
pub enum Unformattable {
    /// The file does not parse; the syntax diagnostics say where.
    Syntax {
        sources: SourceMap,
        diagnostics: Vec<Diagnostic>,
    },
    /// The layout would have changed the file's tokens (a bug in the formatter).
    Changed(String),
}

/// The canonical layout of one file's text. `name` is used in diagnostics.
pub fn format_text(name: &str, text: &str) -> Result<String, Unformattable> {
    let mut sources = SourceMap::default();
    let file = sources.add(name.to_string(), text.to_string());
    let mut sink = Sink::default();
    crate::syntax::parse_file(file, text, &mut sink);
    if sink.has_errors() {
        return Err(Unformattable::Syntax {
            sources,
            diagnostics: sink.diagnostics,
        });
    }
    let normalized = text.replace("\r\n", "\n");
    let input = tokens::tokens(&normalized);
    let formatted = layout::layout(&input);
    let output = tokens::tokens(&formatted);
    let same = input.len() == output.len()
        && input.iter().zip(&output).all(|(a, b)| {
            a.kind == b.kind && (a.text == b.text || a.is_comment() && a.text.trim_end() == b.text)
        });
    if !same {
        return Err(Unformattable::Changed(format!(
            "formatting `{name}` would change its tokens; it is left as it is (please report this)"
        )));
    }
    let mut reparsed = Sink::default();
    crate::syntax::parse_file(FileId(0), &formatted, &mut reparsed);
    if reparsed.has_errors() {
        return Err(Unformattable::Changed(format!(
            "formatting `{name}` would make it fail to parse; it is left as it is (please report this)"
        )));
    }
    Ok(formatted)
}

#[cfg(test)]
mod tests {
    use super::format_text;

    fn fmt(text: &str) -> String {
        match format_text("t.infra", text) {
            Ok(s) => s,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn indents_aligns_and_spaces_a_resource() {
        let text = "resource gcp.storage.Bucket   b{\n\n\tname=name( \"b\" )\n    location =\"US\"  // where\n      labels={ team=\"x\" ,env=upper(env.name)}\n  options {protect=true}\n\n\n}\n\n\n";
        assert_eq!(
            fmt(text),
            "resource gcp.storage.Bucket b {\n  name     = name(\"b\")\n  location = \"US\" // where\n  labels   = { team = \"x\", env = upper(env.name) }\n  options { protect = true }\n}\n"
        );
    }

    #[test]
    fn a_multi_line_value_ends_its_run_and_closes_at_its_opener() {
        let text = "resource k x {\nname = 1\nlong_name = 2\nmeta = json({\na = [\n1,\n2,\n]\n})\nz = 3\n}\n";
        assert_eq!(
            fmt(text),
            "resource k x {\n  name      = 1\n  long_name = 2\n  meta      = json({\n    a = [\n      1,\n      2,\n    ]\n  })\n  z = 3\n}\n"
        );
    }

    #[test]
    fn keeps_comments_blank_lines_types_and_conditions() {
        let text = "/// The project.\nproject p {\n  providers { gcp = \"9.37.0\" }\n}\n\n\n// config\nconfig {\n  /// Zones.\n  zones : list<string> = [\"a\",\"b\"]\n}\nlet x = if !config.ha&&env.name!=\"dev\" { \"a\" } else { \"b\" }\nexport y=x\n";
        assert_eq!(
            fmt(text),
            "/// The project.\nproject p {\n  providers { gcp = \"9.37.0\" }\n}\n\n// config\nconfig {\n  /// Zones.\n  zones: list<string> = [\"a\", \"b\"]\n}\nlet x = if !config.ha && env.name != \"dev\" { \"a\" } else { \"b\" }\nexport y = x\n"
        );
    }

    #[test]
    fn formatting_is_idempotent_and_refuses_syntax_errors() {
        let once = fmt("env dev {}\nenv prod { a = 1 }\n");
        assert_eq!(fmt(&once), once);
        assert!(matches!(
            format_text("t.infra", "resource {"),
            Err(super::Unformattable::Syntax { .. })
        ));
    }
}
