//! `textDocument/semanticTokens/full`: the formatter's tokens (`format::tokens`, comments
//! included), classified by the declaration around them and by what the last check of the
//! document's workspace knows: which names are modules, resources, stack references,
//! components and environments.

use std::collections::BTreeSet;

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens,
    SemanticTokensFullOptions, SemanticTokensLegend, SemanticTokensOptions, SemanticTokensParams,
    SemanticTokensServerCapabilities,
};

use super::documents::Documents;
use crate::format::tokens::{Kind, Token, tokens};
use crate::ir::Workspace;

/// The legend's token types; a token's type is its index here.
const TYPES: [SemanticTokenType; 11] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::COMMENT,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::TYPE,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::ENUM_MEMBER,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
enum Type {
    Keyword,
    Comment,
    Str,
    Number,
    Operator,
    Kind,
    Namespace,
    Variable,
    Property,
    Function,
    Env,
}

/// The legend's modifiers; bit `i` of a token's modifiers is `MODIFIERS[i]`.
const MODIFIERS: [SemanticTokenModifier; 3] = [
    SemanticTokenModifier::DECLARATION,
    SemanticTokenModifier::DOCUMENTATION,
    SemanticTokenModifier::DEFAULT_LIBRARY,
];
const DECLARATION: u32 = 1;
const DOCUMENTATION: u32 = 2;
const DEFAULT_LIBRARY: u32 = 4;

pub fn capability() -> SemanticTokensServerCapabilities {
    SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
        legend: SemanticTokensLegend {
            token_types: TYPES.to_vec(),
            token_modifiers: MODIFIERS.to_vec(),
        },
        full: Some(SemanticTokensFullOptions::Bool(true)),
        range: None,
        ..SemanticTokensOptions::default()
    })
}

pub fn full(docs: &Documents, params: &SemanticTokensParams) -> SemanticTokens {
    let uri = &params.text_document.uri;
    let Some(text) = docs.text(uri) else {
        return SemanticTokens::default();
    };
    let names = docs
        .checked_of(uri)
        .map(|(_, checked)| Names::of(&checked.workspace))
        .unwrap_or_default();
    SemanticTokens {
        result_id: None,
        data: encode(&text, &classify(&text, &names)),
    }
}

/// Names the checker resolved in the workspace.
#[derive(Debug, Default)]
pub struct Names {
    modules: BTreeSet<String>,
    resources: BTreeSet<String>,
    stacks: BTreeSet<String>,
    components: BTreeSet<String>,
    envs: BTreeSet<String>,
}

impl Names {
    pub fn of(workspace: &Workspace) -> Names {
        let mut names = Names::default();
        for p in &workspace.projects {
            names
                .modules
                .extend(p.modules.iter().map(|m| m.name.clone()));
            names
                .resources
                .extend(p.resources.iter().map(|r| r.name.clone()));
            names.stacks.extend(p.stacks.iter().map(|s| s.name.clone()));
            names
                .components
                .extend(p.components.iter().map(|c| c.name.clone()));
            names.envs.extend(p.envs.iter().map(|e| e.name.clone()));
        }
        names
    }
}

/// One classified piece of the text: byte range, type, modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
    ty: Type,
    modifiers: u32,
}

fn offset_of(text: &str, token: &Token) -> usize {
    token.text.as_ptr() as usize - text.as_ptr() as usize
}

fn classify(text: &str, names: &Names) -> Vec<Piece> {
    classify_nested(text, names, 0)
}

/// Interpolations nested deeper than this are left as string text (no unbounded recursion on
/// hostile input).
const MAX_NESTING: usize = 16;

fn classify_nested(text: &str, names: &Names, depth: usize) -> Vec<Piece> {
    let all = tokens(text);
    // Neighbours are looked up among the tokens that are not comments.
    let code: Vec<&Token> = all.iter().filter(|t| !t.is_comment()).collect();
    let mut pieces = Vec::new();
    let mut next_code: usize = 0;
    for token in &all {
        // The index of this token among `code` (comments take none).
        let i = next_code;
        if !token.is_comment() {
            next_code += 1;
        }
        let start = offset_of(text, token);
        let whole = |ty, modifiers| Piece {
            start,
            end: start + token.text.len(),
            ty,
            modifiers,
        };
        match token.kind {
            Kind::LineComment | Kind::BlockComment => pieces.push(whole(Type::Comment, 0)),
            Kind::DocComment => pieces.push(whole(Type::Comment, DOCUMENTATION)),
            Kind::Str if depth < MAX_NESTING => {
                string_pieces(token.text, start, names, depth, &mut pieces)
            }
            Kind::Str => pieces.push(whole(Type::Str, 0)),
            Kind::Punct => {
                if matches!(token.text, "=" | "==" | "!=" | "&&" | "||" | "!" | "->") {
                    pieces.push(whole(Type::Operator, 0));
                }
            }
            Kind::Word => {
                let word = |at: Option<usize>| at.and_then(|j| code.get(j)).map(|t| t.text);
                let prev = word(i.checked_sub(1));
                let prev2 = word(i.checked_sub(2));
                let next = word(Some(i + 1));
                word_pieces(token, start, prev, prev2, next, names, &mut pieces);
            }
        }
    }
    pieces
}

fn word_pieces(
    token: &Token,
    start: usize,
    prev: Option<&str>,
    prev2: Option<&str>,
    next: Option<&str>,
    names: &Names,
    pieces: &mut Vec<Piece>,
) {
    let word = token.text;
    let whole = |ty, modifiers| Piece {
        start,
        end: start + word.len(),
        ty,
        modifiers,
    };
    let first = word.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' {
        pieces.push(whole(Type::Number, 0));
        return;
    }
    if !word.contains('.') && is_keyword(word) && !matches!(next, Some("=" | ":")) {
        pieces.push(whole(Type::Keyword, 0));
        return;
    }
    let declared = match prev {
        Some("resource") => Some((Type::Kind, 0)),
        Some("module" | "stack") => Some((Type::Namespace, DECLARATION)),
        Some("component") => Some((Type::Kind, DECLARATION)),
        Some("use") => Some((Type::Kind, 0)),
        Some("let" | "export") => Some((Type::Variable, DECLARATION)),
        Some("env") if next == Some("{") => Some((Type::Env, DECLARATION)),
        Some("bind" | "var" | "secret") => Some((Type::Property, DECLARATION)),
        _ if prev2 == Some("resource") || prev2 == Some("use") => {
            Some((Type::Variable, DECLARATION))
        }
        _ => None,
    };
    if let Some((ty, modifiers)) = declared {
        pieces.push(whole(ty, modifiers));
        return;
    }
    if next == Some("(") {
        pieces.push(whole(Type::Function, 0));
        return;
    }
    if matches!(next, Some("=" | ":")) && !word.contains('.') {
        let ty = if names.envs.contains(word) && prev != Some("{") {
            Type::Env
        } else {
            Type::Property
        };
        pieces.push(whole(ty, 0));
        return;
    }
    // A reference: `config.region`, `env.name`, `vpc.network.id`, `bucket.name`.
    let mut at = start;
    let mut root = None;
    for (n, segment) in word.split('.').enumerate() {
        let (ty, modifiers) = match (n, root) {
            (0, _) if segment == "config" || segment == "env" => (Type::Variable, DEFAULT_LIBRARY),
            (0, _) if names.modules.contains(segment) || names.stacks.contains(segment) => {
                (Type::Namespace, 0)
            }
            (0, _) => (Type::Variable, 0),
            (1, Some(Type::Namespace)) if names.resources.contains(segment) => (Type::Variable, 0),
            _ => (Type::Property, 0),
        };
        if n == 0 {
            root = Some(ty);
        }
        pieces.push(Piece {
            start: at,
            end: at + segment.len(),
            ty,
            modifiers,
        });
        at += segment.len() + 1;
    }
}

/// A string's text as string pieces, with each interpolation's expression classified as code
/// (its `${` and `}` are left to the editor's grammar).
fn string_pieces(string: &str, start: usize, names: &Names, depth: usize, pieces: &mut Vec<Piece>) {
    let bytes = string.as_bytes();
    let mut plain = 0;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                let body = i + 2;
                let Some(close) = interpolation_close(&string[body..]).map(|c| body + c) else {
                    break;
                };
                push_string(pieces, start + plain, start + i);
                for mut piece in classify_nested(&string[body..close], names, depth + 1) {
                    piece.start += start + body;
                    piece.end += start + body;
                    pieces.push(piece);
                }
                plain = close + 1;
                i = plain;
            }
            _ => i += 1,
        }
    }
    push_string(pieces, start + plain, start + string.len());
}

fn push_string(pieces: &mut Vec<Piece>, start: usize, end: usize) {
    if end > start {
        pieces.push(Piece {
            start,
            end,
            ty: Type::Str,
            modifiers: 0,
        });
    }
}

/// The offset of the `}` that closes an interpolation whose expression starts `body`.
fn interpolation_close(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    for t in tokens(body) {
        if t.is("{") {
            depth += 1;
        } else if t.is("}") {
            if depth == 0 {
                return Some(offset_of(body, &t));
            }
            depth -= 1;
        }
    }
    None
}

/// The protocol's relative encoding: each token as (line delta, start delta, length, type,
/// modifiers), in UTF-16 units, one token per line (a block comment is split at line ends).
fn encode(text: &str, pieces: &[Piece]) -> Vec<SemanticToken> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let utf16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>() as u32;
    let mut out = Vec::with_capacity(pieces.len());
    let (mut last_line, mut last_col) = (0u32, 0u32);
    let mut covered = 0;
    for piece in pieces {
        // The protocol's tokens run forwards and never overlap.
        if piece.start < covered || piece.end > text.len() {
            continue;
        }
        covered = piece.end;
        let mut from = piece.start;
        while from < piece.end {
            let line = line_starts.partition_point(|&s| s <= from) - 1;
            let to = text[from..piece.end]
                .find('\n')
                .map_or(piece.end, |i| from + i);
            let col = utf16(&text[line_starts[line]..from]);
            let line = line as u32;
            if to > from {
                let delta_line = line - last_line;
                out.push(SemanticToken {
                    delta_line,
                    delta_start: if delta_line == 0 { col - last_col } else { col },
                    length: utf16(&text[from..to]),
                    token_type: piece.ty as u32,
                    token_modifiers_bitset: piece.modifiers,
                });
                (last_line, last_col) = (line, col);
            }
            from = to + 1;
        }
    }
    out
}

/// A word highlighted as a keyword: the language's keywords and its type names.
fn is_keyword(word: &str) -> bool {
    crate::syntax::keywords::is_reserved(word) || matches!(word, "list" | "map")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, names: &Names) -> Vec<(String, Type, u32)> {
        classify(text, names)
            .into_iter()
            .map(|p| (text[p.start..p.end].to_string(), p.ty, p.modifiers))
            .collect()
    }

    #[test]
    fn declarations_references_and_comments_get_their_types() {
        let names = Names {
            modules: ["vpc".to_string()].into(),
            resources: ["network".to_string()].into(),
            ..Names::default()
        };
        let got = named(
            "/// Doc.\nresource gcp.compute.Subnetwork subnet {\n  network = vpc.network.id // why\n  name = upper(config.region)\n}\n",
            &names,
        );
        let expected = [
            ("/// Doc.", Type::Comment, DOCUMENTATION),
            ("resource", Type::Keyword, 0),
            ("gcp.compute.Subnetwork", Type::Kind, 0),
            ("subnet", Type::Variable, DECLARATION),
            ("network", Type::Property, 0),
            ("=", Type::Operator, 0),
            ("vpc", Type::Namespace, 0),
            ("network", Type::Variable, 0),
            ("id", Type::Property, 0),
            ("// why", Type::Comment, 0),
            ("name", Type::Property, 0),
            ("=", Type::Operator, 0),
            ("upper", Type::Function, 0),
            ("config", Type::Variable, DEFAULT_LIBRARY),
            ("region", Type::Property, 0),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(t, ty, m)| (t.to_string(), *ty, *m))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn interpolations_are_code_inside_a_string() {
        let got = named(
            "x = \"a-${env.name}-${join([\"b\", \"}\"], \"-\")}\"",
            &Names::default(),
        );
        let expected = [
            ("x", Type::Property, 0),
            ("=", Type::Operator, 0),
            ("\"a-", Type::Str, 0),
            ("env", Type::Variable, DEFAULT_LIBRARY),
            ("name", Type::Property, 0),
            ("-", Type::Str, 0),
            ("join", Type::Function, 0),
            ("\"b\"", Type::Str, 0),
            ("\"}\"", Type::Str, 0),
            ("\"-\"", Type::Str, 0),
            ("\"", Type::Str, 0),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(t, ty, m)| (t.to_string(), *ty, *m))
            .collect();
        assert_eq!(got, expected);
        let deep = format!("x = {}{}", "\"${".repeat(5000), "}\"".repeat(5000));
        assert!(!classify(&deep, &Names::default()).is_empty());
    }

    /// Every token of every example and fixture lies inside its line, in order.
    #[test]
    fn every_example_encodes_within_its_lines() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in ["examples", "tests/fixtures", "tests/ui"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                if !crate::check::is_infra_file(entry.path()) {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                files += 1;
                let lengths: Vec<u32> = text
                    .split('\n')
                    .map(|l| l.chars().map(char::len_utf16).sum::<usize>() as u32)
                    .collect();
                let (mut line, mut col) = (0usize, 0u32);
                for t in encode(&text, &classify(&text, &Names::default())) {
                    if t.delta_line > 0 {
                        line += t.delta_line as usize;
                        col = t.delta_start;
                    } else {
                        col += t.delta_start;
                    }
                    assert!(t.length > 0, "{}", entry.path().display());
                    assert!(
                        col + t.length <= lengths[line],
                        "{}:{}",
                        entry.path().display(),
                        line + 1
                    );
                }
            }
        }
        assert!(files > 100, "{files}");
    }

    #[test]
    fn positions_are_relative_and_count_utf16_units() {
        let text = "let a = \"é𝄞\" /* x\ny */ 1\n";
        let data = encode(text, &classify(text, &Names::default()));
        let rows: Vec<[u32; 4]> = data
            .iter()
            .map(|t| [t.delta_line, t.delta_start, t.length, t.token_type])
            .collect();
        assert_eq!(
            rows,
            vec![
                [0, 0, 3, Type::Keyword as u32],
                [0, 4, 1, Type::Variable as u32],
                [0, 2, 1, Type::Operator as u32],
                [0, 2, 5, Type::Str as u32],
                [0, 6, 4, Type::Comment as u32],
                [1, 0, 4, Type::Comment as u32],
                [0, 5, 1, Type::Number as u32],
            ]
        );
    }
}
