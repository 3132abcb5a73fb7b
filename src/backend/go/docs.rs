//! DSL doc comments as Go comments. gofmt reformats the doc comments of top-level
//! declarations (lists, code blocks), so those are written in the form gofmt leaves alone.

/// Doc lines for a package, type or function comment: list items indented the way gofmt
/// indents them, other lines without leading blanks (which would make a code block).
pub fn top_level(docs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for line in docs {
        let trimmed = line.trim();
        if is_list_item(trimmed) {
            out.push(format!("  {trimmed}"));
            in_list = true;
        } else if trimmed.is_empty() {
            out.push(String::new());
            in_list = false;
        } else if in_list && line.starts_with(char::is_whitespace) {
            out.push(format!("    {trimmed}"));
        } else {
            if in_list {
                out.push(String::new());
            }
            out.push(trimmed.to_string());
            in_list = false;
        }
    }
    out
}

fn is_list_item(line: &str) -> bool {
    let bullet = ["- ", "* ", "+ ", "• "].iter().any(|b| line.starts_with(b));
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let numbered = digits > 0 && {
        let rest = &line[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    };
    bullet || numbered
}
