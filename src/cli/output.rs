//! Terminal output: colour decisions and diagnostic printing shared by the commands.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice};

use crate::check::Checked;
use crate::diag::{self, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

/// Colour on stderr only on a terminal, and never when NO_COLOR is set (no-color.org).
pub fn stderr_color(mode: ColorMode) -> ColorChoice {
    match mode {
        ColorMode::Always => ColorChoice::Always,
        ColorMode::Never => ColorChoice::Never,
        ColorMode::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if no_color || !std::io::stderr().is_terminal() {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            }
        }
    }
}

/// Prints diagnostics for people on stderr, with a closing summary line, in one write (an
/// unbuffered terminal stream writes once per piece of a line).
pub fn print_human(checked: &Checked, color: ColorMode) {
    let writer = BufferWriter::stderr(stderr_color(color));
    let mut err = writer.buffer();
    let _ = diag::render_human(&checked.sources, &checked.diagnostics, &mut err);
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = checked.diagnostics.len() - errors;
    let _ = writeln!(err, "{}", summary(checked, errors, warnings));
    let _ = writer.print(&err);
}

fn summary(checked: &Checked, errors: usize, warnings: usize) -> String {
    let projects = checked.workspace.projects.len();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if errors == 0 {
        format!(
            "checked {}: no errors{}",
            plural(projects, "project"),
            if warnings > 0 {
                format!(", {}", plural(warnings, "warning"))
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "checked {}: {}, {}",
            plural(projects, "project"),
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

pub fn io_error(context: &str, e: impl std::fmt::Display) -> u8 {
    eprintln!("error: {context}: {e}");
    2
}
