//! Laying out Python source as `ruff format` leaves it: a bracketed construct stays on one line
//! when it fits in 88 columns, otherwise it gets one item per line and a trailing comma (the
//! "magic trailing comma" that keeps ruff from joining the lines again). Generated expressions
//! have at most one bracket pair at the end of each chain, so that is the only split point.

pub const LINE_LENGTH: usize = 88;
const INDENT: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub enum Doc {
    Text(String),
    Seq(Vec<Doc>),
    /// `open item, item close`, e.g. a call (`open` = `foo(`), a list or a dict.
    Group {
        open: String,
        items: Vec<Doc>,
        close: String,
        /// A list, dict, set or tuple display (or an import list): split one item per line.
        /// Calls and signatures first try all their items on one indented line.
        collection: bool,
    },
    /// `lhs rhs` where `lhs` ends in `= `, `: ` or `return `: when the line up to the right
    /// side's first bracket does not fit, ruff wraps the right side in parentheses, unless a
    /// line inside them would still be too long.
    Assign {
        lhs: String,
        rhs: Box<Doc>,
    },
    /// `then if test else otherwise`: when it does not fit, ruff puts `if test` and `else
    /// otherwise` on lines of their own at the expression's indentation (inside brackets), and
    /// parenthesizes it first at statement level (`x = (` ... `)`).
    Conditional {
        then: Box<Doc>,
        test: String,
        otherwise: Box<Doc>,
    },
}

impl Doc {
    pub fn text(s: impl Into<String>) -> Doc {
        Doc::Text(s.into())
    }

    pub fn seq(parts: Vec<Doc>) -> Doc {
        Doc::Seq(parts)
    }

    pub fn call(callee: impl Into<String>, args: Vec<Doc>) -> Doc {
        Doc::group(format!("{}(", callee.into()), args, ")", false)
    }

    /// A bracketed list of items: see [`Doc::Group`].
    pub fn group(
        open: impl Into<String>,
        items: Vec<Doc>,
        close: impl Into<String>,
        collection: bool,
    ) -> Doc {
        Doc::Group {
            open: open.into(),
            items,
            close: close.into(),
            collection,
        }
    }

    pub fn list(items: Vec<Doc>) -> Doc {
        Doc::group("[", items, "]", true)
    }

    /// A set display.
    pub fn set(items: Vec<Doc>) -> Doc {
        Doc::group("{", items, "}", true)
    }

    /// A tuple display (`(x,)` for one item).
    pub fn tuple(items: Vec<Doc>) -> Doc {
        if items.len() == 1 {
            return Doc::text(format!("({},)", items[0].flat()));
        }
        Doc::group("(", items, ")", true)
    }

    pub fn dict(items: Vec<(String, Doc)>) -> Doc {
        Doc::dict_of(
            items
                .into_iter()
                .map(|(k, v)| (Doc::text(string(&k)), v))
                .collect(),
        )
    }

    /// A dict display with arbitrary key expressions.
    pub fn dict_of(items: Vec<(Doc, Doc)>) -> Doc {
        Doc::group(
            "{",
            items
                .into_iter()
                .map(|(k, v)| Doc::seq(vec![k, Doc::text(": "), v]))
                .collect(),
            "}",
            true,
        )
    }

    /// `target = value`, `name: Type` or `return value`.
    pub fn assign(lhs: impl Into<String>, rhs: Doc) -> Doc {
        Doc::Assign {
            lhs: lhs.into(),
            rhs: Box::new(rhs),
        }
    }

    /// `then if test else otherwise`: see [`Doc::Conditional`].
    pub fn conditional(then: Doc, test: String, otherwise: Doc) -> Doc {
        Doc::Conditional {
            then: Box::new(then),
            test,
            otherwise: Box::new(otherwise),
        }
    }

    /// `name=value`
    pub fn kwarg(name: &str, value: Doc) -> Doc {
        Doc::seq(vec![Doc::text(format!("{name}=")), value])
    }

    /// The one-line form, when it has no line break of its own.
    pub fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    fn write_flat(&self, out: &mut String) {
        match self {
            Doc::Text(s) => out.push_str(s),
            Doc::Seq(parts) => parts.iter().for_each(|p| p.write_flat(out)),
            Doc::Group {
                open, items, close, ..
            } => {
                out.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_flat(out);
                }
                out.push_str(close);
            }
            Doc::Assign { lhs, rhs } => {
                out.push_str(lhs);
                rhs.write_flat(out);
            }
            Doc::Conditional {
                then,
                test,
                otherwise,
            } => {
                then.write_flat(out);
                out.push_str(" if ");
                out.push_str(test);
                out.push_str(" else ");
                otherwise.write_flat(out);
            }
        }
    }

    /// Whether the doc has a bracket to split at.
    fn splittable(&self) -> bool {
        match self {
            Doc::Text(_) => false,
            Doc::Seq(parts) => parts.iter().any(Doc::splittable),
            Doc::Group { items, .. } => !items.is_empty(),
            Doc::Assign { rhs, .. } => rhs.splittable(),
            Doc::Conditional { .. } => false,
        }
    }

    /// The width up to and including the opening bracket a split would break after.
    fn head_width(&self) -> usize {
        match self {
            Doc::Text(s) => s.chars().count(),
            Doc::Seq(parts) => match parts.iter().rposition(Doc::splittable) {
                Some(i) => parts[..i].iter().map(Doc::width).sum::<usize>() + parts[i].head_width(),
                None => self.width(),
            },
            Doc::Group { open, items, .. } if !items.is_empty() => open.chars().count(),
            Doc::Group { .. } => self.width(),
            Doc::Assign { lhs, rhs } => lhs.chars().count() + rhs.head_width(),
            Doc::Conditional { .. } => self.width(),
        }
    }

    fn width(&self) -> usize {
        match self {
            Doc::Text(s) => s.chars().count(),
            Doc::Seq(parts) => parts.iter().map(Doc::width).sum(),
            Doc::Group {
                open, items, close, ..
            } => {
                open.chars().count()
                    + close.chars().count()
                    + items.iter().map(Doc::width).sum::<usize>()
                    + 2 * items.len().saturating_sub(1)
            }
            Doc::Assign { lhs, rhs } => lhs.chars().count() + rhs.width(),
            Doc::Conditional {
                then,
                test,
                otherwise,
            } => {
                then.width()
                    + " if ".len()
                    + test.chars().count()
                    + " else ".len()
                    + otherwise.width()
            }
        }
    }

    /// The statement at `indent` columns, with that indentation on every line and a final
    /// newline.
    pub fn render(&self, indent: usize) -> String {
        let mut out = " ".repeat(indent);
        self.write(&mut out, indent, indent, 0);
        out.push('\n');
        out
    }

    /// Writes at column `col` of a line indented by `indent`, with `trailing` more columns
    /// following on the last line. Returns the column after it.
    fn write(&self, out: &mut String, indent: usize, col: usize, trailing: usize) -> usize {
        let width = self.width();
        if col + width + trailing <= LINE_LENGTH {
            self.write_flat(out);
            return col + width;
        }
        match self {
            Doc::Text(s) => {
                out.push_str(s);
                col + width
            }
            Doc::Seq(parts) => {
                let mut col = col;
                for (i, part) in parts.iter().enumerate() {
                    let rest: usize = parts[i + 1..].iter().map(Doc::width).sum();
                    col = part.write(out, indent, col, rest + trailing);
                }
                col
            }
            Doc::Group {
                open, items, close, ..
            } if items.is_empty() => {
                out.push_str(open);
                out.push_str(close);
                col + width
            }
            Doc::Group {
                open,
                items,
                close,
                collection,
            } => {
                out.push_str(open);
                let inner = indent + INDENT;
                let body: usize =
                    items.iter().map(Doc::width).sum::<usize>() + 2 * (items.len() - 1);
                if !collection && inner + body <= LINE_LENGTH {
                    out.push('\n');
                    out.push_str(&" ".repeat(inner));
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        item.write_flat(out);
                    }
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push_str(close);
                    return indent + close.chars().count();
                }
                for item in items {
                    out.push('\n');
                    out.push_str(&" ".repeat(inner));
                    item.write(out, inner, inner, 1);
                    out.push(',');
                }
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str(close);
                indent + close.chars().count()
            }
            Doc::Conditional {
                then,
                test,
                otherwise,
            } => {
                then.write(out, indent, col, 0);
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str("if ");
                out.push_str(test);
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str("else ");
                otherwise.write(out, indent, indent + "else ".len(), trailing)
            }
            Doc::Assign { lhs, rhs } => {
                out.push_str(lhs);
                let col = col + lhs.chars().count();
                if matches!(**rhs, Doc::Conditional { .. }) {
                    // A conditional right side is parenthesized, then broken inside if needed.
                    out.push_str("(\n");
                    out.push_str(&" ".repeat(inner_of(indent)));
                    rhs.write(out, inner_of(indent), inner_of(indent), 0);
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push(')');
                    return indent + 1;
                }
                let inner = indent + INDENT;
                let head_fits = col + rhs.head_width() <= LINE_LENGTH;
                let fits_inside = inner + rhs.width() <= LINE_LENGTH;
                // When the head is too long, ruff parenthesizes the right side only if every
                // line then fits; otherwise it splits the right side's own brackets anyway.
                let parenthesized_fits = fits_inside || {
                    let mut inside = " ".repeat(inner);
                    rhs.write(&mut inside, inner, inner, 0);
                    inside.lines().all(|l| l.chars().count() <= LINE_LENGTH)
                };
                if (rhs.splittable() && (head_fits || !parenthesized_fits))
                    || (!rhs.splittable() && !fits_inside)
                {
                    return rhs.write(out, indent, col, trailing);
                }
                out.push_str("(\n");
                out.push_str(&" ".repeat(inner));
                rhs.write(out, inner, inner, 0);
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push(')');
                indent + 1
            }
        }
    }
}

fn inner_of(indent: usize) -> usize {
    indent + INDENT
}

/// An annotated attribute of a class body (`name: Type [= default]`) with its docstring.
pub struct Field {
    pub name: String,
    pub ty: String,
    pub doc: String,
}

impl Field {
    /// The declaration line(s), indented for a class body.
    pub fn decl(&self) -> String {
        Doc::assign(format!("{}: ", self.name), Doc::text(&self.ty))
            .render(INDENT)
            .trim_end()
            .to_string()
    }
}

/// A string literal as ruff writes it: double quotes unless the text holds more double quotes
/// than single ones.
pub fn string(s: &str) -> String {
    let quote = quote_for(s);
    format!("{quote}{}{quote}", escape(s, quote))
}

/// An f-string literal from literal text and `{expression}` parts.
pub fn fstring(parts: &[(bool, String)]) -> String {
    let text: String = parts
        .iter()
        .filter(|(code, _)| !code)
        .map(|(_, t)| t.as_str())
        .collect();
    let quote = quote_for(&text);
    let mut out = format!("f{quote}");
    for (code, t) in parts {
        if *code {
            out.push('{');
            out.push_str(t);
            out.push('}');
        } else {
            out.push_str(&escape(t, quote).replace('{', "{{").replace('}', "}}"));
        }
    }
    out.push(quote);
    out
}

fn quote_for(s: &str) -> char {
    let double = s.matches('"').count();
    let single = s.matches('\'').count();
    if double > single { '\'' } else { '"' }
}

fn escape(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Rewraps documentation to `width` columns: paragraphs are separated by blank lines, and
/// lines starting a list item (`- `, `* `, `1. `) start a new line.
pub fn wrap(lines: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if current.is_empty() {
            return;
        }
        let mut line = String::new();
        let lead: String = current.chars().take_while(|c| *c == ' ').collect();
        let hang = if is_item(current.trim_start()) {
            " ".repeat(lead.len() + 2)
        } else {
            lead.clone()
        };
        let mut first = true;
        for word in current.split_whitespace() {
            if first {
                line = format!("{lead}{word}");
                first = false;
            } else if line.chars().count() + 1 + word.chars().count() <= width {
                line.push(' ');
                line.push_str(word);
            } else {
                out.push(std::mem::take(&mut line));
                line = format!("{hang}{word}");
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
        current.clear();
    };
    for raw in lines {
        let trimmed = raw.trim_end();
        if trimmed.trim().is_empty() {
            flush(&mut current, &mut out);
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        if is_item(trimmed.trim_start()) || trimmed.starts_with("  ") {
            flush(&mut current, &mut out);
            current.push_str(trimmed);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(trimmed.trim_start());
    }
    flush(&mut current, &mut out);
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn is_item(s: &str) -> bool {
    s.starts_with("- ")
        || s.starts_with("* ")
        || s.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A docstring at `indent` columns (the line itself is indented), or nothing for no docs.
pub fn docstring(lines: &[String], indent: usize) -> String {
    let text = wrap(lines, LINE_LENGTH - indent);
    if text.is_empty() {
        return String::new();
    }
    let pad = " ".repeat(indent);
    let body: Vec<String> = text.iter().map(|l| escape_doc(l)).collect();
    let mut out = String::new();
    if body.len() == 1 {
        let mut line = body[0].clone();
        if line.ends_with('"') {
            line.pop();
            line.push_str("\\\"");
        }
        out.push_str(&format!("{pad}\"\"\"{line}\"\"\"\n"));
        return out;
    }
    out.push_str(&format!("{pad}\"\"\"{}\n", body[0]));
    for l in &body[1..] {
        if l.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{l}\n"));
        }
    }
    out.push_str(&format!("{pad}\"\"\"\n"));
    out
}

fn escape_doc(s: &str) -> String {
    s.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// `# ` comment lines at `indent` columns.
pub fn comment(lines: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    wrap(lines, LINE_LENGTH - indent - 2)
        .iter()
        .map(|l| {
            if l.is_empty() {
                format!("{pad}#\n")
            } else {
                format!("{pad}# {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_when_it_fits() {
        let d = Doc::seq(vec![
            Doc::text("x = "),
            Doc::call("foo", vec![Doc::text("a"), Doc::kwarg("b", Doc::text("1"))]),
        ]);
        assert_eq!(d.render(0), "x = foo(a, b=1)\n");
    }

    #[test]
    fn explodes_with_trailing_comma() {
        let long = "a".repeat(50);
        let d = Doc::seq(vec![
            Doc::text("x = "),
            Doc::call(
                "foo",
                vec![
                    Doc::text(long.clone()),
                    Doc::list(vec![Doc::text(long.clone())]),
                ],
            ),
        ]);
        assert_eq!(
            d.render(4),
            format!("    x = foo(\n        {long},\n        [{long}],\n    )\n")
        );
    }

    #[test]
    fn conditional_breaks_before_if_and_else_inside_brackets() {
        let long = "a".repeat(70);
        let d = Doc::call(
            "foo",
            vec![
                Doc::text("x"),
                Doc::kwarg(
                    "names",
                    Doc::conditional(
                        Doc::list(vec![Doc::text(long.clone())]),
                        "cfg.www".into(),
                        Doc::list(vec![]),
                    ),
                ),
            ],
        );
        assert_eq!(
            d.render(0),
            format!("foo(\n    x,\n    names=[{long}]\n    if cfg.www\n    else [],\n)\n")
        );
        let short = Doc::kwarg(
            "n",
            Doc::conditional(Doc::text("a"), "c".into(), Doc::text("b")),
        );
        assert_eq!(short.render(0), "n=a if c else b\n");
    }

    #[test]
    fn conditional_is_parenthesized_at_statement_level() {
        let long = "a".repeat(57);
        let d = Doc::assign(
            "value = ",
            Doc::conditional(Doc::text(long.clone()), "cfg.www".into(), Doc::text("None")),
        );
        assert_eq!(
            d.render(4),
            format!("    value = (\n        {long} if cfg.www else None\n    )\n")
        );
        let longer = "b".repeat(70);
        let d = Doc::assign(
            "value = ",
            Doc::conditional(
                Doc::text(longer.clone()),
                "cfg.www".into(),
                Doc::text("None"),
            ),
        );
        assert_eq!(
            d.render(0),
            format!("value = (\n    {longer}\n    if cfg.www\n    else None\n)\n")
        );
    }

    #[test]
    fn strings() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string("it's"), "\"it's\"");
        assert_eq!(string("a\nb\\"), "\"a\\nb\\\\\"");
        assert_eq!(
            fstring(&[(false, "x{".into()), (true, "cfg.env".into())]),
            "f\"x{{{cfg.env}\""
        );
    }

    #[test]
    fn wraps_docs() {
        let lines = vec!["one two three".to_string(), "four".to_string()];
        assert_eq!(wrap(&lines, 9), vec!["one two", "three", "four"]);
        assert_eq!(docstring(&["Short.".into()], 4), "    \"\"\"Short.\"\"\"\n");
    }
}
