//! A bound on nesting: the parser and every later phase recurse once per level of brackets,
//! so a file nested deeper than any real program is rejected with a diagnostic before it is
//! parsed, instead of overflowing the stack.

/// Deeper than any configuration a person writes, far below what the phases can recurse.
pub const MAX_NESTING: usize = 128;

/// The byte offset of the first `{`, `[`, `(` or `${` that opens level `MAX_NESTING + 1`, or of
/// the operator that makes one expression nest that deep: each `!`, `&&` and `||` of a value,
/// and each `[...]` or `.name` after a closing bracket, nests it one level further (the count restarts at `,`, `;`, `=` and in each bracket).
/// Brackets inside string text do not count; interpolations inside strings do.
pub fn too_deep(text: &str) -> Option<usize> {
    // Each open level remembers whether it was opened inside a string (an interpolation), so
    // its `}` returns to string text, and the operators counted in its enclosing level.
    let mut levels: Vec<bool> = Vec::new();
    let mut operators: Vec<usize> = Vec::new();
    let mut ops = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_comment {
            in_comment = b != b'\n';
        } else if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    levels.push(true);
                    operators.push(std::mem::take(&mut ops));
                    in_string = false;
                    i += 1;
                    if levels.len() > MAX_NESTING {
                        return Some(i - 1);
                    }
                }
                _ => {}
            }
        } else {
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => in_comment = true,
                b'"' => in_string = true,
                b'{' | b'[' | b'(' => {
                    levels.push(false);
                    operators.push(std::mem::take(&mut ops));
                    if levels.len() > MAX_NESTING {
                        return Some(i);
                    }
                }
                b'}' | b']' | b')' => {
                    if let Some(interpolation) = levels.pop() {
                        in_string = interpolation;
                        ops = operators.pop().unwrap_or(0);
                    }
                    // `a[0][1].b`: each index or property after a bracket nests the value one
                    // level further, as the checker reads it.
                    if b != b'}' && matches!(bytes.get(i + 1), Some(b'[' | b'.')) {
                        ops += 1;
                        if levels.len() + ops > MAX_NESTING {
                            return Some(i + 1);
                        }
                    }
                }
                b'!' | b'&' | b'|' | b'=' => {
                    let next = bytes.get(i + 1).copied();
                    let operator = match b {
                        b'!' => next != Some(b'='),
                        b'&' | b'|' => next == Some(b),
                        _ => false,
                    };
                    if operator {
                        ops += 1;
                        if levels.len() + ops > MAX_NESTING {
                            return Some(i);
                        }
                        if b != b'!' {
                            i += 1;
                        }
                    } else if b == b'=' && next != Some(b'=') && i > 0 && bytes[i - 1] != b'=' {
                        ops = 0;
                    } else if b == b'=' || b == b'!' {
                        i += usize::from(next == Some(b'='));
                    }
                }
                b',' | b';' => ops = 0,
                _ => {}
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{MAX_NESTING, too_deep};

    #[test]
    fn real_nesting_passes() {
        assert_eq!(
            too_deep("a = { b = [1, { c = \"${x.y}\" }] } // [[[[ {"),
            None
        );
        assert_eq!(too_deep(&"[".repeat(MAX_NESTING)), None);
    }

    #[test]
    fn the_first_bracket_past_the_limit_is_found() {
        let text = "x = ".to_string() + &"{ a = ".repeat(100_000);
        assert_eq!(too_deep(&text), Some(4 + MAX_NESTING * 6));
        assert_eq!(too_deep(&"[".repeat(MAX_NESTING + 1)), Some(MAX_NESTING));
    }

    #[test]
    fn long_operator_chains_count_as_nesting() {
        let bangs = format!("x = if {}a {{ 1 }} else {{ 2 }}", "!".repeat(100_000));
        assert_eq!(too_deep(&bangs), Some(7 + MAX_NESTING));
        let ands = format!("x = {}", vec!["a"; 50_000].join(" && "));
        assert!(too_deep(&ands).is_some());
        let fine = format!("x = [{}]", vec!["!a && b || c != d == e"; 1000].join(", "));
        assert_eq!(too_deep(&fine), None);
        let fields = "a = !x\n".repeat(1000);
        assert_eq!(too_deep(&fields), None);
        let items = format!("x = a{}", "[0]".repeat(100_000));
        assert!(too_deep(&items).is_some());
        let fine = format!("x = [{}]", vec!["a[0][1].b"; 1000].join(", "));
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn brackets_in_strings_do_not_count_but_interpolations_do() {
        assert_eq!(too_deep(&format!("\"{}\"", "[".repeat(1000))), None);
        let deep = "\"${".repeat(MAX_NESTING + 1);
        assert!(too_deep(&deep).is_some());
    }
}
