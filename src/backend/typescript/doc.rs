//! A small port of prettier's document printer (`printDocToString`), so that generated code is
//! laid out exactly as `prettier --check` expects: the syntax printer builds the same documents
//! prettier builds for the constructs we emit, and this prints them with the same algorithm.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// prettier's `printWidth` for the generated projects (also written to package.json).
pub const PRINT_WIDTH: usize = 100;
const TAB: &str = "  ";

#[derive(Debug, Clone)]
pub enum Doc {
    Text(String),
    Concat(Vec<Doc>),
    Group {
        id: Option<usize>,
        brk: bool,
        contents: Box<Doc>,
        /// prettier's `conditionalGroup`: alternatives, most compact first (`contents` is the first).
        states: Option<Vec<Doc>>,
    },
    Indent(Box<Doc>),
    IndentIfBreak {
        group: usize,
        contents: Box<Doc>,
    },
    Line {
        soft: bool,
        hard: bool,
    },
    IfBreak {
        brk: Box<Doc>,
        flat: Box<Doc>,
        group: Option<usize>,
    },
    BreakParent,
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

pub fn new_id() -> usize {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

pub fn group(d: Doc) -> Doc {
    Doc::Group {
        id: None,
        brk: false,
        contents: Box::new(d),
        states: None,
    }
}

pub fn group_broken(d: Doc, brk: bool) -> Doc {
    Doc::Group {
        id: None,
        brk,
        contents: Box::new(d),
        states: None,
    }
}

pub fn group_with_id(d: Doc, id: usize) -> Doc {
    Doc::Group {
        id: Some(id),
        brk: false,
        contents: Box::new(d),
        states: None,
    }
}

pub fn conditional_group(states: Vec<Doc>) -> Doc {
    Doc::Group {
        id: None,
        brk: false,
        contents: Box::new(states[0].clone()),
        states: Some(states),
    }
}

pub fn indent(d: Doc) -> Doc {
    Doc::Indent(Box::new(d))
}

pub fn indent_if_break(d: Doc, group: usize) -> Doc {
    Doc::IndentIfBreak {
        group,
        contents: Box::new(d),
    }
}

pub fn line() -> Doc {
    Doc::Line {
        soft: false,
        hard: false,
    }
}

pub fn softline() -> Doc {
    Doc::Line {
        soft: true,
        hard: false,
    }
}

pub fn hardline() -> Doc {
    Doc::Line {
        soft: false,
        hard: true,
    }
}

pub fn if_break(brk: Doc, flat: Doc) -> Doc {
    Doc::IfBreak {
        brk: Box::new(brk),
        flat: Box::new(flat),
        group: None,
    }
}

pub fn empty() -> Doc {
    Doc::Concat(Vec::new())
}

/// `join(sep, docs)`.
pub fn join(sep: Doc, docs: Vec<Doc>) -> Doc {
    let mut out = Vec::new();
    for (i, d) in docs.into_iter().enumerate() {
        if i > 0 {
            out.push(sep.clone());
        }
        out.push(d);
    }
    Doc::Concat(out)
}

/// prettier's `willBreak`: the document contains a forced break.
pub fn will_break(d: &Doc) -> bool {
    match d {
        Doc::Text(_) => false,
        Doc::Concat(parts) => parts.iter().any(will_break),
        Doc::Group {
            brk,
            contents,
            states,
            ..
        } => {
            *brk || will_break(contents)
                || states.as_ref().is_some_and(|s| s.iter().any(will_break))
        }
        Doc::Indent(c) | Doc::IndentIfBreak { contents: c, .. } => will_break(c),
        Doc::Line { hard, .. } => *hard,
        Doc::IfBreak { brk, flat, .. } => will_break(brk) || will_break(flat),
        Doc::BreakParent => true,
    }
}

/// prettier's `canBreak`: the document contains any line.
pub fn can_break(d: &Doc) -> bool {
    match d {
        Doc::Text(_) | Doc::BreakParent => false,
        Doc::Concat(parts) => parts.iter().any(can_break),
        Doc::Group {
            contents, states, ..
        } => can_break(contents) || states.as_ref().is_some_and(|s| s.iter().any(can_break)),
        Doc::Indent(c) | Doc::IndentIfBreak { contents: c, .. } => can_break(c),
        Doc::Line { .. } => true,
        Doc::IfBreak { brk, flat, .. } => can_break(brk) || can_break(flat),
    }
}

/// prettier's `propagateBreaks`: a group containing a hard break is broken, and so is every
/// group around it, except that conditional groups stop the propagation.
fn propagate(d: &mut Doc) -> bool {
    match d {
        Doc::Text(_) => false,
        Doc::Concat(parts) => {
            let mut any = false;
            for p in parts {
                any |= propagate(p);
            }
            any
        }
        Doc::Group {
            brk,
            contents,
            states,
            ..
        } => {
            let inner = propagate(contents);
            if let Some(states) = states {
                for s in states.iter_mut() {
                    propagate(s);
                }
                *brk
            } else {
                *brk |= inner;
                *brk
            }
        }
        Doc::Indent(c) | Doc::IndentIfBreak { contents: c, .. } => propagate(c),
        Doc::Line { hard, .. } => *hard,
        Doc::IfBreak { brk, flat, .. } => {
            let a = propagate(brk);
            let b = propagate(flat);
            a || b
        }
        Doc::BreakParent => true,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Break,
    Flat,
}

struct Cmd<'a> {
    ind: usize,
    mode: Mode,
    doc: &'a Doc,
}

fn fits(
    next: Cmd<'_>,
    rest: &[Cmd<'_>],
    mut width: isize,
    modes: &HashMap<usize, Mode>,
    must_be_flat: bool,
) -> bool {
    let mut rest_idx = rest.len();
    let mut cmds: Vec<(Mode, &Doc)> = vec![(next.mode, next.doc)];
    while width >= 0 {
        let (mode, doc) = match cmds.pop() {
            Some(c) => c,
            None => {
                if rest_idx == 0 {
                    return true;
                }
                rest_idx -= 1;
                (rest[rest_idx].mode, rest[rest_idx].doc)
            }
        };
        match doc {
            Doc::Text(s) => width -= s.chars().count() as isize,
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push((mode, p));
                }
            }
            Doc::Indent(c) | Doc::IndentIfBreak { contents: c, .. } => cmds.push((mode, c)),
            Doc::Group {
                brk,
                contents,
                states,
                ..
            } => {
                if must_be_flat && *brk {
                    return false;
                }
                let group_mode = if *brk { Mode::Break } else { mode };
                let c = match states {
                    Some(s) if group_mode == Mode::Break => s.last().unwrap_or(contents),
                    _ => contents,
                };
                cmds.push((group_mode, c));
            }
            Doc::IfBreak { brk, flat, group } => {
                let group_mode = match group {
                    Some(id) => modes.get(id).copied().unwrap_or(Mode::Flat),
                    None => mode,
                };
                cmds.push((mode, if group_mode == Mode::Break { brk } else { flat }));
            }
            Doc::Line { soft, hard } => {
                if mode == Mode::Break || *hard {
                    return true;
                }
                if !*soft {
                    width -= 1;
                }
            }
            Doc::BreakParent => {}
        }
    }
    false
}

/// Prints a document as prettier would, with `PRINT_WIDTH` columns.
pub fn print(doc: &Doc) -> String {
    print_width(doc, PRINT_WIDTH)
}

pub fn print_width(doc: &Doc, width: usize) -> String {
    let mut doc = doc.clone();
    propagate(&mut doc);
    let width = width as isize;
    let mut out = String::new();
    let mut pos: isize = 0;
    let mut modes: HashMap<usize, Mode> = HashMap::new();
    let mut should_remeasure = false;
    let mut cmds: Vec<Cmd<'_>> = vec![Cmd {
        ind: 0,
        mode: Mode::Break,
        doc: &doc,
    }];
    while let Some(Cmd { ind, mode, doc }) = cmds.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                pos += s.chars().count() as isize;
            }
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push(Cmd { ind, mode, doc: p });
                }
            }
            Doc::Indent(c) => cmds.push(Cmd {
                ind: ind + 1,
                mode,
                doc: c,
            }),
            Doc::IndentIfBreak { group, contents } => {
                let group_mode = modes.get(group).copied().unwrap_or(mode);
                let ind = if group_mode == Mode::Break {
                    ind + 1
                } else {
                    ind
                };
                cmds.push(Cmd {
                    ind,
                    mode,
                    doc: contents,
                });
            }
            Doc::Group {
                id,
                brk,
                contents,
                states,
            } => {
                let mut handled = false;
                if mode == Mode::Flat && !should_remeasure {
                    cmds.push(Cmd {
                        ind,
                        mode: if *brk { Mode::Break } else { Mode::Flat },
                        doc: contents,
                    });
                    handled = true;
                }
                if !handled {
                    should_remeasure = false;
                    let next = Cmd {
                        ind,
                        mode: Mode::Flat,
                        doc: contents,
                    };
                    let rem = width - pos;
                    if !*brk && fits(next, &cmds, rem, &modes, false) {
                        cmds.push(Cmd {
                            ind,
                            mode: Mode::Flat,
                            doc: contents,
                        });
                    } else if let Some(states) = states {
                        let most = states.last().unwrap_or(contents);
                        if *brk {
                            cmds.push(Cmd {
                                ind,
                                mode: Mode::Break,
                                doc: most,
                            });
                        } else {
                            let mut chosen = None;
                            for state in states.iter().skip(1) {
                                let cmd = Cmd {
                                    ind,
                                    mode: Mode::Flat,
                                    doc: state,
                                };
                                if fits(cmd, &cmds, rem, &modes, false) {
                                    chosen = Some(state);
                                    break;
                                }
                            }
                            match chosen {
                                Some(state) => cmds.push(Cmd {
                                    ind,
                                    mode: Mode::Flat,
                                    doc: state,
                                }),
                                None => cmds.push(Cmd {
                                    ind,
                                    mode: Mode::Break,
                                    doc: most,
                                }),
                            }
                        }
                    } else {
                        cmds.push(Cmd {
                            ind,
                            mode: Mode::Break,
                            doc: contents,
                        });
                    }
                }
                if let Some(id) = id {
                    let m = cmds.last().map(|c| c.mode).unwrap_or(Mode::Break);
                    modes.insert(*id, m);
                }
            }
            Doc::IfBreak { brk, flat, group } => {
                let group_mode = match group {
                    Some(id) => modes.get(id).copied().unwrap_or(Mode::Flat),
                    None => mode,
                };
                cmds.push(Cmd {
                    ind,
                    mode,
                    doc: if group_mode == Mode::Break { brk } else { flat },
                });
            }
            Doc::Line { soft, hard } => {
                if mode == Mode::Flat && !*hard {
                    if !*soft {
                        out.push(' ');
                        pos += 1;
                    }
                    continue;
                }
                if mode == Mode::Flat && *hard {
                    should_remeasure = true;
                }
                while out.ends_with(' ') || out.ends_with('\t') {
                    out.pop();
                }
                out.push('\n');
                for _ in 0..ind {
                    out.push_str(TAB);
                }
                pos = (ind * TAB.len()) as isize;
            }
            Doc::BreakParent => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_fits_on_one_line() {
        let d = group(concat(vec![
            text("["),
            indent(concat(vec![
                softline(),
                text("'a'"),
                text(","),
                line(),
                text("'b'"),
            ])),
            if_break(text(","), empty()),
            softline(),
            text("]"),
        ]));
        assert_eq!(print(&d), "['a', 'b']");
    }

    #[test]
    fn hardline_breaks_enclosing_groups() {
        let d = group(concat(vec![
            text("{"),
            indent(concat(vec![hardline(), text("a: 1,")])),
            hardline(),
            text("}"),
        ]));
        assert_eq!(print(&d), "{\n  a: 1,\n}");
    }
}
