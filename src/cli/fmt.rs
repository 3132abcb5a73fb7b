//! `infragen fmt`: the canonical layout of `.infra` files (`crate::format`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::BufferWriter;

use super::output::{ColorMode, io_error, stderr_color};
use crate::format::{Unformattable, format_text};

/// What `fmt` does with the files it formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite files whose layout differs.
    Write,
    /// Write nothing; name the files whose layout differs and exit 1 if there are any.
    Check,
}

pub fn run(paths: &[PathBuf], mode: Mode, color: ColorMode) -> u8 {
    if paths.len() == 1 && paths[0] == Path::new("-") {
        return stdin_to_stdout(color);
    }
    let mut files = Vec::new();
    for path in paths {
        match infra_files(path) {
            Ok(found) => files.extend(found),
            Err(e) => return io_error(&format!("cannot read `{}`", path.display()), e),
        }
    }
    files.sort();
    files.dedup();
    let mut unformatted = Vec::new();
    let mut failed = false;
    for (file, text) in &files {
        let formatted = match format_text(&file.display().to_string(), text) {
            Ok(f) => f,
            Err(why) => {
                report(&why, color);
                failed = true;
                continue;
            }
        };
        if formatted == *text {
            continue;
        }
        if mode == Mode::Write
            && let Err(e) = write_atomically(file, &formatted)
        {
            return io_error(&format!("cannot write `{}`", file.display()), e);
        }
        unformatted.push(file);
    }
    let mut out = std::io::stdout().lock();
    for file in &unformatted {
        let verb = if mode == Mode::Check {
            "would reformat"
        } else {
            "formatted"
        };
        let _ = writeln!(out, "{verb} {}", file.display());
    }
    if mode == Mode::Write || unformatted.is_empty() {
        let _ = writeln!(
            out,
            "{} file{} checked, {} {}",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            unformatted.len(),
            if mode == Mode::Check {
                "to reformat"
            } else {
                "reformatted"
            }
        );
    }
    u8::from(failed || (mode == Mode::Check && !unformatted.is_empty()))
}

/// `infragen fmt -`: formats standard input to standard output (for editors).
fn stdin_to_stdout(color: ColorMode) -> u8 {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        return io_error("cannot read standard input", e);
    }
    match format_text("<stdin>", &text) {
        Ok(formatted) => {
            let _ = std::io::stdout().lock().write_all(formatted.as_bytes());
            0
        }
        Err(why) => {
            report(&why, color);
            1
        }
    }
}

fn report(why: &Unformattable, color: ColorMode) {
    match why {
        Unformattable::Syntax {
            sources,
            diagnostics,
        } => {
            let writer = BufferWriter::stderr(stderr_color(color));
            let mut err = writer.buffer();
            let _ = crate::diag::render_human(sources, diagnostics, &mut err);
            let _ = writer.print(&err);
        }
        Unformattable::Changed(message) => eprintln!("error: {message}"),
    }
}

/// `.infra` files with their text: the path itself, or every one below a directory as the
/// checker finds them (`check::collect_dir_reporting`), except those reached through a symbolic
/// link (a rewrite would replace the link by a file, or reach a file twice).
fn infra_files(path: &Path) -> std::io::Result<Vec<(PathBuf, String)>> {
    if !path.is_dir() {
        return Ok(vec![(path.to_path_buf(), std::fs::read_to_string(path)?)]);
    }
    let collected = crate::check::collect_dir_reporting(path)?;
    if let Some((file, at)) = collected.invalid_utf8.first() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("`{file}` is not valid UTF-8 (byte {at})"),
        ));
    }
    let root = path.canonicalize()?;
    let real = |relative: &str| {
        let file = root.join(relative);
        file.canonicalize().is_ok_and(|c| c == file)
    };
    Ok(collected
        .files
        .into_iter()
        .filter(|(relative, _)| real(relative))
        .map(|(relative, text)| (path.join(relative), text))
        .collect())
}

/// Replaces `path` through a temporary file beside it, so a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("infra.fmt-tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
