//! The language's words, listed once: what the grammar reserves, the keywords of conditions
//! and loops, and the words that start a declaration. A test keeps the lists equal to the
//! grammar's `kw_*` and `top_keyword` rules.

/// Reserved by the grammar (its `kw_*` rules).
pub const KEYWORDS: [&str; 26] = [
    "project",
    "config",
    "env",
    "module",
    "resource",
    "component",
    "use",
    "stack",
    "export",
    "bind",
    "var",
    "secret",
    "options",
    "providers",
    "provider",
    "true",
    "false",
    "null",
    "let",
    "as",
    "moved",
    "if",
    "else",
    "when",
    "for",
    "in",
];

/// The keywords of conditions and loops (`if`, `for ... in`, `when`).
pub const CONTROL_KEYWORDS: [&str; 5] = ["if", "else", "when", "for", "in"];

/// Words that start a top-level declaration (the grammar's `top_keyword`).
pub const DECLARATION_KEYWORDS: [&str; 12] = [
    "project",
    "config",
    "env",
    "module",
    "resource",
    "component",
    "use",
    "stack",
    "export",
    "let",
    "provider",
    "moved",
];

/// Whether `word` cannot name a project, module, resource or value.
pub fn is_reserved(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRAMMAR: &str = include_str!("../../grammar/infragen.pest");

    #[test]
    fn the_keywords_are_the_grammars() {
        let mut from_grammar: Vec<&str> = GRAMMAR
            .lines()
            .filter(|l| l.starts_with("kw_"))
            .filter_map(|l| l.split('"').nth(1))
            .collect();
        let mut listed = KEYWORDS.to_vec();
        from_grammar.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, from_grammar);
    }

    #[test]
    fn the_declaration_keywords_are_the_grammars_top_keywords() {
        let rule = GRAMMAR
            .split("top_keyword = _{")
            .nth(1)
            .and_then(|r| r.split('}').next())
            .expect("top_keyword rule");
        let mut from_grammar: Vec<&str> = rule
            .split('|')
            .map(|k| k.trim().trim_start_matches("kw_"))
            .collect();
        let mut listed = DECLARATION_KEYWORDS.to_vec();
        from_grammar.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, from_grammar);
    }
}
