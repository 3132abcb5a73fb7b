//! The canonical layout: the author's line breaks and comments are kept; indentation is two
//! spaces per open bracket line; spacing inside a line follows fixed rules; at most one blank
//! line, none after an opening or before a closing bracket; the `=` of consecutive one-line
//! `name = value` entries of a block are aligned.

use std::collections::BTreeMap;

use super::tokens::{Kind, Token};

const INDENT: &str = "  ";

/// Words after which `(` and `[` start a parenthesised expression or a list, not a call or
/// an index.
use crate::syntax::keywords::CONTROL_KEYWORDS as KEYWORDS;

/// Words that may start an aligned entry before its name (`var NAME = value`).
const ENTRY_KEYWORDS: &[&str] = &["var", "secret", "bind", "export", "let"];

/// One output line: its indentation level and its tokens.
struct Line<'a> {
    indent: usize,
    tokens: Vec<Token<'a>>,
    /// A blank line goes before it.
    blank_before: bool,
}

pub fn layout(tokens: &[Token<'_>]) -> String {
    let lines = indent(group(tokens));
    let rendered: Vec<(usize, String, Option<usize>)> = lines
        .iter()
        .map(|l| {
            let (text, key_width) = render(&l.tokens);
            (l.indent, text, key_width)
        })
        .collect();
    let widths = alignment(&lines, &rendered);
    let mut out = String::new();
    for (i, (line, (indent, text, key_width))) in lines.iter().zip(&rendered).enumerate() {
        if line.blank_before && i > 0 {
            out.push('\n');
        }
        for _ in 0..*indent {
            out.push_str(INDENT);
        }
        match (key_width, widths[i]) {
            (Some(key), Some(width)) if width > *key => {
                let (head, tail) = text.split_at(*key);
                out.push_str(head);
                out.push_str(&" ".repeat(width - key));
                out.push_str(tail);
            }
            _ => out.push_str(text),
        }
        out.push('\n');
    }
    out
}

/// Tokens grouped by the line they start on, with whether blank lines separated the groups.
fn group<'a>(tokens: &[Token<'a>]) -> Vec<Line<'a>> {
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut last_line = None;
    for &token in tokens {
        match (lines.last_mut(), last_line) {
            (Some(line), Some(end)) if token.line == end && !starts_new_line(line, &token) => {
                line.tokens.push(token);
            }
            _ => lines.push(Line {
                indent: 0,
                tokens: vec![token],
                blank_before: last_line.is_some_and(|end: usize| token.line > end + 1),
            }),
        }
        last_line = Some(token.end_line);
    }
    lines
}

/// A token after a multi-line block comment on the comment's last line starts a line of its
/// own, so that the comment keeps its text.
fn starts_new_line(line: &Line<'_>, token: &Token<'_>) -> bool {
    line.tokens.last().is_some_and(|t| {
        t.kind == Kind::BlockComment && t.line != t.end_line && token.line == t.end_line
    })
}

/// Indentation: an opening bracket indents the lines after it one level deeper than the line
/// it is on (several openers on one line count once); a line that starts by closing goes back
/// to its opener's line. Blank lines right inside brackets are dropped.
fn indent(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut open: Vec<usize> = Vec::new();
    let mut previous_opened = true;
    for line in &mut lines {
        let starts_closed = line.tokens[0].is_closer();
        line.indent = match (starts_closed, open.last()) {
            (true, Some(&level)) => level,
            (false, Some(&level)) => level + 1,
            (_, None) => 0,
        };
        if starts_closed || previous_opened {
            line.blank_before = false;
        }
        let mut net = 0i64;
        for token in line.tokens.iter().filter(|t| !t.is_comment()) {
            if token.is_opener() {
                open.push(line.indent);
                net += 1;
            } else if token.is_closer() {
                open.pop();
                net -= 1;
            }
        }
        previous_opened = line.tokens.last().is_some_and(Token::is_opener) || (net > 0);
    }
    lines
}

/// A line's text, and for a `name = value` entry the width of `name`.
fn render(tokens: &[Token<'_>]) -> (String, Option<usize>) {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && space_between(&tokens[i - 1], token) {
            out.push(' ');
        }
        out.push_str(if token.is_comment() {
            token.text.trim_end()
        } else {
            token.text
        });
    }
    (out, entry_key_width(tokens))
}

/// For an entry (`name = value`, `var NAME = value`, `bind NAME -> target`, ...), the width
/// of the text before its `=` or `->`.
fn entry_key_width(tokens: &[Token<'_>]) -> Option<usize> {
    entry(tokens).map(|(width, _)| width)
}

/// Entries align only with entries of their family: properties; a resource's environment
/// variables (`var`, `secret`, `bind`); exports; local values.
fn entry_family(tokens: &[Token<'_>]) -> Option<u8> {
    entry(tokens).map(|(_, family)| family)
}

fn entry(tokens: &[Token<'_>]) -> Option<(usize, u8)> {
    let is_name = |t: &Token<'_>| matches!(t.kind, Kind::Word | Kind::Str);
    let is_operator = |t: &Token<'_>| t.is("=") || t.is("->");
    if tokens.len() >= 3 && is_name(&tokens[0]) && is_operator(&tokens[1]) {
        return Some((tokens[0].text.len(), 0));
    }
    let keyword = tokens.first()?;
    if tokens.len() >= 4
        && keyword.kind == Kind::Word
        && ENTRY_KEYWORDS.contains(&keyword.text)
        && is_name(&tokens[1])
        && is_operator(&tokens[2])
    {
        let family = match keyword.text {
            "export" => 2,
            "let" => 3,
            _ => 1,
        };
        return Some((keyword.text.len() + 1 + tokens[1].text.len(), family));
    }
    None
}

fn is_keyword(token: &Token<'_>) -> bool {
    token.kind == Kind::Word && KEYWORDS.contains(&token.text)
}

fn space_between(a: &Token<'_>, b: &Token<'_>) -> bool {
    if a.is_comment() || b.is_comment() {
        return true;
    }
    if a.is("(") || a.is("[") || b.is(")") || b.is("]") {
        return false;
    }
    if a.is("{") {
        return !b.is("}");
    }
    if b.is("}") {
        return true;
    }
    if b.is(",") || b.is(";") || b.is(":") || a.is(".") || b.is(".") || a.is("!") {
        return false;
    }
    if b.is("(") {
        return a.kind != Kind::Word || is_keyword(a);
    }
    if b.is("[") {
        let indexable = (a.kind == Kind::Word && !is_keyword(a))
            || a.kind == Kind::Str
            || a.is(")")
            || a.is("]");
        return !indexable;
    }
    // `list<string>` against a comparison: as written.
    if a.is("<") || b.is("<") || b.is(">") || (a.is(">") && b.kind == Kind::Word) {
        return b.spaced;
    }
    true
}

/// The width each entry's name is padded to. A run is consecutive entries of one family at
/// one indentation; comment lines do not break it, a blank line or any other line does. An
/// entry whose value opens a bracket (`labels = {`) joins the run before it and ends it; its
/// nested lines align among themselves.
fn alignment(
    lines: &[Line<'_>],
    rendered: &[(usize, String, Option<usize>)],
) -> Vec<Option<usize>> {
    let mut widths = vec![None; lines.len()];
    // Indentation -> the open run there.
    let mut runs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let close = |run: Vec<usize>, widths: &mut Vec<Option<usize>>| {
        if run.len() > 1 {
            let width = run.iter().filter_map(|&i| rendered[i].2).max();
            for &i in &run {
                widths[i] = width;
            }
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let d = line.indent;
        for (_, run) in runs.split_off(&(d + 1)) {
            close(run, &mut widths);
        }
        let comment_only = line.tokens.iter().all(Token::is_comment);
        if comment_only && !line.blank_before && runs.contains_key(&d) {
            continue;
        }
        let open = runs.remove(&d).unwrap_or_default();
        let family = entry_family(&line.tokens);
        let joins = !line.blank_before
            && family.is_some()
            && open
                .last()
                .is_some_and(|&r| entry_family(&lines[r].tokens) == family);
        let mut run = if joins {
            open
        } else {
            close(open, &mut widths);
            Vec::new()
        };
        if family.is_none() {
            continue;
        }
        run.push(i);
        if opens(&line.tokens) > 0 {
            close(run, &mut widths);
        } else {
            runs.insert(d, run);
        }
    }
    for (_, run) in runs {
        close(run, &mut widths);
    }
    widths
}

/// Brackets a line leaves open.
fn opens(tokens: &[Token<'_>]) -> i64 {
    tokens.iter().fold(0, |n, t| {
        n + i64::from(t.is_opener()) - i64::from(t.is_closer())
    })
}
