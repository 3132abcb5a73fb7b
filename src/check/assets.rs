//! `archive({ "index.js" = file_asset("app/index.js"), "lib" = file_archive("app/lib") })`:
//! an asset archive of files and folders shipped with the program, for properties the schema
//! types as an archive or asset. Paths are relative to the project and must exist there.

use super::project::ProjectChecker;
use crate::diag::{NameProblem, Problem};
use crate::ir::{Type, Value, ValueKind};
use crate::syntax::ast::{self, ExprKind};

impl ProjectChecker<'_> {
    pub(super) fn lower_asset_archive(&mut self, e: &ast::Expr, args: &[ast::Expr]) -> Value {
        let bad = |this: &mut Self, span, reason: String| {
            this.sink
                .report(Problem::Name(NameProblem::BadArchive { span, reason }));
            Value::null()
        };
        let [arg] = args else {
            return bad(self, e.span, "`archive` takes one object of paths".into());
        };
        let ExprKind::Object(fields) = &arg.kind else {
            return bad(self, arg.span, "`archive` takes one object of paths".into());
        };
        let mut entries: Vec<(String, Value)> = Vec::new();
        for f in fields {
            let ExprKind::Call { func, args } = &f.value.kind else {
                bad(
                    self,
                    f.value.span,
                    "an entry is `file_asset(\"path\")` or `file_archive(\"folder\")`".into(),
                );
                continue;
            };
            let folder = match func.name.as_str() {
                "file_asset" => false,
                "file_archive" => true,
                _ => {
                    bad(
                        self,
                        f.value.span,
                        "an entry is `file_asset(\"path\")` or `file_archive(\"folder\")`".into(),
                    );
                    continue;
                }
            };
            let path = match args.as_slice() {
                [a] if matches!(a.kind, ExprKind::Str(_)) => super::settings::word(a),
                _ => None,
            };
            let Some(path) = path else {
                bad(self, f.value.span, "the path is a plain string".into());
                continue;
            };
            if let Some(reason) = self.missing_file(&path, folder) {
                bad(self, args[0].span, reason);
                continue;
            }
            let entry = if folder {
                Value::new(ValueKind::FileArchive(path), Type::Archive)
            } else {
                Value::new(ValueKind::FileAsset(path), Type::Asset)
            };
            if entries.iter().any(|(k, _)| *k == f.key.name) {
                bad(
                    self,
                    f.key.span,
                    format!("`{}` is in the archive twice", f.key.name),
                );
                continue;
            }
            entries.push((f.key.name.clone(), entry));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Value::new(ValueKind::AssetArchive(entries), Type::Archive)
    }

    /// Why `path` (relative to the project) is not a file (or folder) inside it, if it is not.
    fn missing_file(&self, path: &str, folder: bool) -> Option<String> {
        if path.starts_with('/') || path.split('/').any(|s| s == "..") {
            return Some(format!("`{path}` is outside the project"));
        }
        let read = self.read_file?;
        let full = [self.project.dir.as_str(), path]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/");
        match (read(&full), folder) {
            (Ok(_), false) => None,
            (Ok(_), true) => Some(format!("`{path}` is a file, not a folder")),
            // A folder cannot be read as bytes: that it exists is what the error says.
            (Err(e), true) if e.to_lowercase().contains("is a directory") => None,
            (Err(e), false) if e.to_lowercase().contains("is a directory") => Some(format!(
                "`{path}` is a folder: use `file_archive(\"{path}\")`"
            )),
            (Err(e), _) => Some(format!("`{path}` cannot be read: {e}")),
        }
    }
}
