//! `infragen check`

use std::path::Path;

use super::Format;
use super::output::{ColorMode, io_error, print_human};
use crate::check::check_dir;
use crate::diag;

pub fn run(path: &Path, format: Format, color: ColorMode) -> u8 {
    let checked = match check_dir(path) {
        Ok(c) => c,
        Err(e) => return io_error(&format!("cannot read `{}`", path.display()), e),
    };
    match format {
        Format::Json => print!(
            "{}",
            diag::render_json(&checked.sources, &checked.diagnostics)
        ),
        Format::Human => print_human(&checked, color),
    }
    let code = u8::from(checked.has_errors());
    super::end_of_process(checked);
    code
}
