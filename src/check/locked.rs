//! Schemas a project recorded with `infragen schema add`: `infragen.lock` names each one's
//! file and hash, and a declared provider at the locked version reads exactly that file.

use super::ReadBytes;
use super::project::ProjectChecker;
use super::schema::Package;
use super::schema_index::hash;
use super::schema_lock::{LOCK_FILE, Lock};
use crate::diag::Problem;
use crate::syntax::ast;

impl ProjectChecker<'_> {
    pub(super) fn locked_schemas(&mut self, p: &ast::ProjectDecl, read: ReadBytes) {
        let in_project = |rel: &str| {
            if self.project.dir.is_empty() {
                rel.to_string()
            } else {
                format!("{}/{rel}", self.project.dir)
            }
        };
        // No lock file: every provider uses the schema shipped with infragen.
        let Ok(bytes) = read(&in_project(LOCK_FILE)) else {
            return;
        };
        let lock = match String::from_utf8(bytes)
            .map_err(|e| format!("not UTF-8: {e}"))
            .and_then(|text| Lock::parse(&text))
        {
            Ok(lock) => lock,
            Err(reason) => {
                self.sink.report(Problem::LockUnreadable {
                    span: p.name.span,
                    reason,
                });
                return;
            }
        };
        for prov in &p.providers {
            let name = &prov.key.name;
            let Some(entry) = lock.schemas.get(name) else {
                continue;
            };
            let span = prov.key.span;
            let declared = super::settings::word(&prov.value).unwrap_or_default();
            if declared != entry.version {
                self.sink.report(Problem::LockedVersionDiffers {
                    span: prov.value.span,
                    provider: name.clone(),
                    declared,
                    locked: entry.version.clone(),
                });
                continue;
            }
            let bytes = match read(&in_project(&entry.file)) {
                Ok(bytes) => bytes,
                Err(e) => {
                    self.sink.report(Problem::LockUnreadable {
                        span,
                        reason: format!("`{}`: {e}", entry.file),
                    });
                    continue;
                }
            };
            let actual = hash(&bytes);
            if actual != entry.sha256 {
                self.sink.report(Problem::LockedSchemaChanged {
                    span,
                    provider: name.clone(),
                    version: entry.version.clone(),
                    file: entry.file.clone(),
                    locked: entry.sha256.clone(),
                    actual,
                });
                continue;
            }
            match Package::shared(&bytes) {
                Ok(package) if package.name == *name => self.schemas.add_shared(package),
                Ok(package) => self.sink.report(Problem::LockUnreadable {
                    span,
                    reason: format!(
                        "`{}` is the schema of `{}`, not `{name}`",
                        entry.file, package.name
                    ),
                }),
                Err(e) => self.sink.report(Problem::LockUnreadable {
                    span,
                    reason: format!("`{}`: {e}", entry.file),
                }),
            }
        }
    }
}
