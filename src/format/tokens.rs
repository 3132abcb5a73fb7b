//! The formatter's view of a file: its tokens with the line each starts on, comments
//! included. Strings are kept whole (interpolations and escapes as written), so formatting
//! never changes a value.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier, keyword, number or dotted path (`gcp.storage.Bucket`).
    Word,
    Str,
    Punct,
    /// `// ...`
    LineComment,
    /// `/// ...`
    DocComment,
    /// `/* ... */`, possibly over several lines.
    BlockComment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// 0-based line of the token's first character.
    pub line: usize,
    /// 0-based line of its last character (differs from `line` only for block comments).
    pub end_line: usize,
    /// Whether whitespace separated it from the previous token in the source.
    pub spaced: bool,
}

impl Token<'_> {
    pub fn is_comment(&self) -> bool {
        matches!(
            self.kind,
            Kind::LineComment | Kind::DocComment | Kind::BlockComment
        )
    }

    pub fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }

    pub fn is_opener(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.text, "{" | "[" | "(")
    }

    pub fn is_closer(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.text, "}" | "]" | ")")
    }
}

/// Operators of more than one character.
const LONG_PUNCT: [&str; 5] = ["->", "==", "!=", "&&", "||"];

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The tokens of `text`. Never fails: anything unexpected is a one-character punctuation token
/// (the formatter only runs on files that parse).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 0;
    let mut spaced = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line += 1;
            spaced = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if text[i..].starts_with("///") {
            i = line_end(text, i);
            Kind::DocComment
        } else if text[i..].starts_with("//") {
            i = line_end(text, i);
            Kind::LineComment
        } else if text[i..].starts_with("/*") {
            i = text[i + 2..]
                .find("*/")
                .map_or(text.len(), |at| i + 2 + at + 2);
            Kind::BlockComment
        } else if c == b'"' {
            i = string_end(text, i);
            Kind::Str
        } else if is_word_char(c as char)
            || (c == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
            while i < bytes.len() {
                let d = bytes[i] as char;
                let dotted = d == '.' && bytes.get(i + 1).is_some_and(|&n| is_word_char(n as char));
                if is_word_char(d) || dotted {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            i += LONG_PUNCT
                .iter()
                .find(|p| text[i..].starts_with(**p))
                .map_or_else(
                    || text[i..].chars().next().map_or(1, char::len_utf8),
                    |p| p.len(),
                );
            Kind::Punct
        };
        let token_text = &text[start..i];
        let end_line = line + token_text.matches('\n').count();
        out.push(Token {
            kind,
            text: token_text,
            line,
            end_line,
            spaced,
        });
        line = end_line;
        spaced = false;
    }
    out
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |at| from + at)
}

/// The byte after the closing quote of the string starting at `from` (or the end of its line
/// when it is unterminated). Interpolations may hold strings and braces of their own.
fn string_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            b'$' if bytes.get(i + 1) == Some(&b'{') => i = interpolation_end(text, i + 2),
            _ => i += 1,
        }
    }
    text.len()
}

/// The byte after the `}` closing an interpolation whose body starts at `from`.
fn interpolation_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(text, i),
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' if depth == 0 => return i + 1,
            b'}' => {
                depth -= 1;
                i += 1;
            }
            b'\n' => return i,
            _ => i += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(Kind, &str)> {
        tokens(text).iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn strings_keep_interpolations_with_strings_and_braces_inside() {
        let t = texts(r#"a = "x${join(["a", "}"], "-")}y\"" // c"#);
        assert_eq!(
            t,
            vec![
                (Kind::Word, "a"),
                (Kind::Punct, "="),
                (Kind::Str, r#""x${join(["a", "}"], "-")}y\"""#),
                (Kind::LineComment, "// c"),
            ]
        );
    }

    #[test]
    fn paths_numbers_operators_and_comments() {
        let t = texts("/// doc\nx = -1.5 -> gcp.storage.Bucket /* b\n c */ !a != b[0].id");
        assert_eq!(
            t,
            vec![
                (Kind::DocComment, "/// doc"),
                (Kind::Word, "x"),
                (Kind::Punct, "="),
                (Kind::Word, "-1.5"),
                (Kind::Punct, "->"),
                (Kind::Word, "gcp.storage.Bucket"),
                (Kind::BlockComment, "/* b\n c */"),
                (Kind::Punct, "!"),
                (Kind::Word, "a"),
                (Kind::Punct, "!="),
                (Kind::Word, "b"),
                (Kind::Punct, "["),
                (Kind::Word, "0"),
                (Kind::Punct, "]"),
                (Kind::Punct, "."),
                (Kind::Word, "id"),
            ]
        );
        let toks = tokens("a /* x\n y */ b");
        assert_eq!((toks[1].line, toks[1].end_line, toks[2].line), (0, 1, 1));
    }
}
