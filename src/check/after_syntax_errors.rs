//! What a syntax error hides. Recovery skips the text it cannot parse, so whatever that text
//! declared (a resource, a module, the project, a config key, an environment, a component or a
//! property) is missing from the checker's view, and every use of it elsewhere would be a
//! second, spurious diagnostic (an editor shows one while the user is still typing). While a
//! file has a syntax error, those consequences are left out; they come back if the fixed text
//! still does not declare the name.

use crate::diag::Diagnostic;

/// Names another file may declare: unknown while any file has a syntax error.
const DECLARED_ANYWHERE: [&str; 7] = [
    "E0100", // no project declaration
    "E0205", // unknown reference
    "E0206", // unknown module or resource
    "E0207", // unknown config key
    "E0208", // unknown environment
    "E0213", // config key missing in an environment
    "E0701", // unknown component
];

/// What the same file declares: unknown while that file has a syntax error.
const DECLARED_HERE: [&str; 2] = [
    "E0203", // missing required property
    "E0209", // missing environment case
];

pub(super) fn drop_consequences(diagnostics: &mut Vec<Diagnostic>) {
    let broken: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == "E0001")
        .map(|d| d.primary.span.file)
        .collect();
    if broken.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        !(DECLARED_ANYWHERE.contains(&d.code)
            || (DECLARED_HERE.contains(&d.code) && broken.contains(&d.primary.span.file)))
    });
}
