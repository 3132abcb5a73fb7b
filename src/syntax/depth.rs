//! A bound on nesting: the parser and every later phase recurse once per level of brackets,
//! so a file nested deeper than any real program is rejected with a diagnostic before it is
//! parsed, instead of overflowing the stack.

/// Deeper than any configuration a person writes, far below what the phases can recurse.
pub const MAX_NESTING: usize = 128;

/// The byte offset of the first `{`, `[`, `(` or `${` that opens level `MAX_NESTING + 1`.
/// Brackets inside string text do not count; interpolations inside strings do.
pub fn too_deep(text: &str) -> Option<usize> {
    // Each open level remembers whether it was opened inside a string (an interpolation), so
    // its `}` returns to string text.
    let mut levels: Vec<bool> = Vec::new();
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
                    if levels.len() > MAX_NESTING {
                        return Some(i);
                    }
                }
                b'}' | b']' | b')' => {
                    if let Some(interpolation) = levels.pop() {
                        in_string = interpolation;
                    }
                }
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
    fn brackets_in_strings_do_not_count_but_interpolations_do() {
        assert_eq!(too_deep(&format!("\"{}\"", "[".repeat(1000))), None);
        let deep = "\"${".repeat(MAX_NESTING + 1);
        assert!(too_deep(&deep).is_some());
    }
}
