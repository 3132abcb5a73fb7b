//! A small Go expression tree printed exactly as gofmt leaves it: composite literals one
//! element per line with gofmt's column alignment of `key: value` pairs, and struct types with
//! aligned field types.

/// A Go expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Text printed as is (single line).
    Raw(String),
    /// `func(args...)`.
    Call(String, Vec<Expr>),
    /// `recv.method(args...)` on any expression.
    Method(Box<Expr>, String, Vec<Expr>),
    /// `Type{...}`; `multiline` puts one element per line.
    Composite {
        ty: String,
        elems: Vec<Elem>,
        multiline: bool,
    },
    /// `&x`.
    AddressOf(Box<Expr>),
    /// `x op y`; spaced or compact depending on where it appears, as gofmt does.
    Binary(Box<Expr>, &'static str, Box<Expr>),
    /// `func() T { return x }`: the header and the returned expression.
    Func(String, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    Value(Expr),
    /// `key: value`; the key is printed as given (an identifier or a quoted string).
    Pair(String, Expr),
    /// A full-line comment before the next element (multi-line literals only).
    Comment(Vec<String>),
}

impl Expr {
    pub fn raw(s: impl Into<String>) -> Expr {
        Expr::Raw(s.into())
    }

    pub fn call(func: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Call(func.into(), args)
    }

    pub fn method(self, name: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Method(Box::new(self), name.into(), args)
    }

    pub fn composite(ty: impl Into<String>, elems: Vec<Elem>, multiline: bool) -> Expr {
        let multiline = multiline && !elems_empty(&elems);
        Expr::Composite {
            ty: ty.into(),
            elems,
            multiline,
        }
    }

    /// `parts[0] op parts[1] op ...`, left-associative; `None` for no parts.
    pub fn chain(op: &'static str, parts: Vec<Expr>) -> Option<Expr> {
        parts
            .into_iter()
            .reduce(|l, r| Expr::Binary(Box::new(l), op, Box::new(r)))
    }

    /// The expression as gofmt prints it, continuation lines indented from `indent` tabs.
    pub fn print(&self, indent: usize) -> String {
        self.print_at(indent, 1)
    }

    /// `depth` is go/printer's nesting depth: it grows inside calls with several arguments,
    /// where `a + b` is printed `a+b`, and restarts at 1 inside composite literals.
    fn print_at(&self, indent: usize, depth: usize) -> String {
        match self {
            Expr::Raw(s) => s.clone(),
            Expr::Call(f, args) => format!("{f}({})", print_args(args, indent, depth)),
            Expr::Method(recv, name, args) => format!(
                "{}.{name}({})",
                recv.print_at(indent, depth),
                print_args(args, indent, depth)
            ),
            Expr::AddressOf(e) => format!("&{}", e.print_at(indent, depth)),
            Expr::Func(header, result) => {
                let body = format!("return {}", result.print_at(indent + 1, 1));
                // go/printer keeps a function literal on one line when its header and body
                // measure at most 100 characters together.
                if header.len() + body.len() <= 100 && !body.contains('\n') {
                    format!("{header} {{ {body} }}")
                } else {
                    format!(
                        "{header} {{\n{}{body}\n{}}}",
                        tabs(indent + 1),
                        tabs(indent)
                    )
                }
            }
            Expr::Binary(..) => {
                let cutoff = if depth == 1 { 6 } else { 4 };
                self.print_binary(indent, depth, cutoff)
            }
            Expr::Composite {
                ty,
                elems,
                multiline,
            } => {
                if !multiline {
                    let inner: Vec<String> = elems
                        .iter()
                        .filter_map(|e| match e {
                            Elem::Value(v) => Some(v.print(indent)),
                            Elem::Pair(k, v) => Some(format!("{k}: {}", v.print(indent))),
                            Elem::Comment(_) => None,
                        })
                        .collect();
                    return format!("{ty}{{{}}}", inner.join(", "));
                }
                let mut out = format!("{ty}{{\n");
                out.push_str(&print_elems(elems, indent + 1));
                out.push_str(&tabs(indent));
                out.push('}');
                out
            }
        }
    }

    fn print_binary(&self, indent: usize, depth: usize, cutoff: usize) -> String {
        match self {
            Expr::Binary(l, op, r) => {
                let side = |e: &Expr| match e {
                    Expr::Binary(..) => e.print_binary(indent, depth, cutoff),
                    other => other.print_at(indent, depth),
                };
                if precedence(op) < cutoff {
                    format!("{} {op} {}", side(l), side(r))
                } else {
                    format!("{}{op}{}", side(l), side(r))
                }
            }
            other => other.print_at(indent, depth),
        }
    }
}

fn elems_empty(elems: &[Elem]) -> bool {
    elems.iter().all(|e| matches!(e, Elem::Comment(_)))
}

fn print_args(args: &[Expr], indent: usize, depth: usize) -> String {
    let depth = if args.len() > 1 { depth + 1 } else { depth };
    args.iter()
        .map(|a| a.print_at(indent, depth))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Go's operator precedence.
fn precedence(op: &str) -> usize {
    match op {
        "||" => 1,
        "&&" => 2,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "+" | "-" | "|" | "^" => 4,
        _ => 5,
    }
}

pub fn tabs(n: usize) -> String {
    "\t".repeat(n)
}

/// The elements of a multi-line composite literal, one per line, each line ending in `,\n`.
/// `key: value` pairs that fit on one line are aligned in runs, as go/printer's `exprList`
/// does: a comment line, a multi-line element, or a key much longer or shorter than the run's
/// geometric mean (for keys over 40 characters) starts a new run.
pub fn print_elems(elems: &[Elem], indent: usize) -> String {
    struct Line {
        key: Option<String>,
        value: String,
        comments: Vec<String>,
        /// go/printer's "size": the key width of a one-line pair, the width of a one-line
        /// value, 0 for a multi-line element.
        size: usize,
        section_start: bool,
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut pending_comments: Vec<String> = Vec::new();
    for e in elems {
        match e {
            Elem::Comment(c) => pending_comments.extend(c.iter().cloned()),
            Elem::Value(v) => {
                let value = v.print(indent);
                let size = if value.contains('\n') {
                    0
                } else {
                    value.chars().count()
                };
                lines.push(Line {
                    key: None,
                    value,
                    comments: std::mem::take(&mut pending_comments),
                    size,
                    section_start: false,
                });
            }
            Elem::Pair(k, v) => {
                let value = v.print(indent);
                let size = if value.contains('\n') {
                    0
                } else {
                    k.chars().count()
                };
                lines.push(Line {
                    key: Some(k.clone()),
                    value,
                    comments: std::mem::take(&mut pending_comments),
                    size,
                    section_start: false,
                });
            }
        }
    }
    // Decide where go/printer starts a new alignment section.
    let (mut count, mut lnsum) = (0usize, 0f64);
    let mut prev_size = 0usize;
    for (i, line) in lines.iter_mut().enumerate() {
        let size = line.size;
        let mut use_ff = true;
        if prev_size > 0 && size > 0 {
            if count == 0 || (prev_size <= 40 && size <= 40) {
                use_ff = false;
            } else {
                let geomean = (lnsum / count as f64).exp();
                let ratio = size as f64 / geomean;
                use_ff = 2.5 * ratio <= 1.0 || 2.5 <= ratio;
            }
        }
        if i > 0 && (use_ff || !line.comments.is_empty()) {
            line.section_start = true;
            count = 0;
            lnsum = 0.0;
        }
        if size > 0 {
            lnsum += (size as f64).ln();
            count += 1;
        }
        prev_size = size;
    }
    let single_element = lines.len() == 1;
    // Width of the key column per section: keys of aligned pairs plus the colon.
    let mut widths = vec![0usize; lines.len()];
    let mut start = 0;
    for i in 0..=lines.len() {
        if i == lines.len() || (i > start && lines[i].section_start) {
            let w = lines[start..i]
                .iter()
                .filter(|l| l.key.is_some() && l.size > 0)
                .map(|l| l.key.as_ref().map(|k| k.chars().count()).unwrap_or(0) + 1)
                .max()
                .unwrap_or(0);
            for width in &mut widths[start..i] {
                *width = w;
            }
            start = i;
        }
    }
    let mut out = String::new();
    let pad = tabs(indent);
    for (line, width) in lines.iter().zip(widths) {
        for c in &line.comments {
            out.push_str(&pad);
            if c.is_empty() {
                out.push_str("//\n");
            } else {
                out.push_str(&format!("// {c}\n"));
            }
        }
        out.push_str(&pad);
        match &line.key {
            Some(k) if line.size > 0 && !single_element => {
                let cell = format!("{k}:");
                out.push_str(&cell);
                out.push_str(&" ".repeat(width + 1 - cell.chars().count()));
                out.push_str(&line.value);
            }
            Some(k) => out.push_str(&format!("{k}: {}", line.value)),
            None => out.push_str(&line.value),
        }
        out.push_str(",\n");
    }
    out
}

/// A field of a struct type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub docs: Vec<String>,
    /// Empty for an embedded field.
    pub name: String,
    pub ty: String,
}

/// The body lines of a struct type (between the braces), gofmt-aligned: consecutive named
/// fields without comments between them share a type column.
pub fn print_fields(fields: &[Field], indent: usize) -> String {
    let pad = tabs(indent);
    let mut out = String::new();
    let mut i = 0;
    while i < fields.len() {
        // A run: this field and the following ones that carry no doc comment.
        let mut j = i + 1;
        while j < fields.len() && fields[j].docs.is_empty() && !fields[j].name.is_empty() {
            j += 1;
        }
        if fields[i].name.is_empty() {
            j = i + 1;
        }
        let run = &fields[i..j];
        let width = run
            .iter()
            .map(|f| f.name.chars().count())
            .max()
            .unwrap_or(0);
        for f in run {
            out.push_str(&comment_lines(&f.docs, indent));
            out.push_str(&pad);
            if f.name.is_empty() {
                out.push_str(&f.ty);
            } else if fields.len() == 1 {
                out.push_str(&format!("{} {}", f.name, f.ty));
            } else {
                out.push_str(&f.name);
                out.push_str(&" ".repeat(width + 1 - f.name.chars().count()));
                out.push_str(&f.ty);
            }
            out.push('\n');
        }
        i = j;
    }
    out
}

/// `// line` comment lines at an indentation.
pub fn comment_lines(docs: &[String], indent: usize) -> String {
    let pad = tabs(indent);
    docs.iter()
        .map(|d| {
            let d = d.trim_end();
            if d.is_empty() {
                format!("{pad}//\n")
            } else {
                format!("{pad}// {d}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As gofmt: a function literal stays on one line while header and body measure at most
    /// 100 characters, else its body goes on a line of its own, one tab deeper.
    #[test]
    fn function_literals_break_as_gofmt_does() {
        let short = Expr::Func(
            "func() pulumi.StringInput".into(),
            Box::new(Expr::raw("x.Name")),
        );
        assert_eq!(
            short.print(1),
            "func() pulumi.StringInput { return x.Name }"
        );
        let long_value = format!("x.{}", "A".repeat(70));
        let long = Expr::Func(
            "func() pulumi.StringInput".into(),
            Box::new(Expr::raw(&long_value)),
        );
        assert_eq!(
            long.print(1),
            format!("func() pulumi.StringInput {{\n\t\treturn {long_value}\n\t}}")
        );
    }

    #[test]
    fn pairs_align_in_runs_broken_by_multiline_values() {
        let nested = Expr::composite("&N", vec![Elem::Pair("X".into(), Expr::raw("1"))], true);
        let e = Expr::composite(
            "&Args",
            vec![
                Elem::Pair("A".into(), Expr::raw("1")),
                Elem::Pair("Bcd".into(), nested),
                Elem::Pair("Ef".into(), Expr::raw("2")),
                Elem::Pair("Ghijk".into(), Expr::raw("3")),
            ],
            true,
        );
        assert_eq!(
            e.print(0),
            "&Args{\n\tA: 1,\n\tBcd: &N{\n\t\tX: 1,\n\t},\n\tEf:    2,\n\tGhijk: 3,\n}"
        );
    }

    #[test]
    fn fields_align_until_a_comment() {
        let f = |d: &[&str], n: &str, t: &str| Field {
            docs: d.iter().map(|s| s.to_string()).collect(),
            name: n.into(),
            ty: t.into(),
        };
        let out = print_fields(
            &[
                f(&[], "A", "int"),
                f(&[], "Bbbbbb", "string"),
                f(&["c"], "C", "*int"),
            ],
            1,
        );
        assert_eq!(out, "\tA      int\n\tBbbbbb string\n\t// c\n\tC *int\n");
    }
}
