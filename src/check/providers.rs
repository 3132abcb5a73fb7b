//! `provider <package> { ... }`: the settings of a package's default provider, typed from the
//! schema's `config` section and known before deployment, so that they can be written to each
//! environment's stack file (`gcp:region: europe-west1`). Explicit providers
//! (`provider aws us_east_1 { ... }`) are resources of kind `aws.Provider` and are checked as
//! such; `options { provider = ... }` is checked in `resource.rs`.

use std::collections::BTreeMap;

use super::expr::{Ctx, find_prop, snake_names};
use super::project::{ParsedFile, ProjectChecker};
use crate::diag::{Problem, did_you_mean};
use crate::ir::{self, Value, ValueKind};
use crate::syntax::Span;
use crate::syntax::ast::{self, Item};

impl ProjectChecker<'_> {
    pub(super) fn provider_config(&mut self, files: &[ParsedFile]) {
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for file in files {
            let (module, _, _) = self.module_of(file);
            for item in &file.ast.items {
                let Item::Provider(p) = item else { continue };
                if let Some(first) = seen.insert(p.package.name.clone(), p.package.span) {
                    self.sink.report(Problem::Duplicate {
                        span: p.package.span,
                        what: "provider configuration".into(),
                        name: p.package.name.clone(),
                        first,
                    });
                    continue;
                }
                if let Some(config) = self.default_provider(p, &module) {
                    self.project.provider_config.push(config);
                }
            }
        }
        self.project
            .provider_config
            .sort_by(|a, b| a.package.cmp(&b.package));
    }

    fn default_provider(
        &mut self,
        p: &ast::ProviderDecl,
        module: &str,
    ) -> Option<ir::ProviderConfig> {
        let package = p.package.name.clone();
        if !self.declared_providers.contains(&package) {
            self.sink.report(Problem::ProviderNotDeclared {
                span: p.package.span,
                provider: package,
            });
            return None;
        }
        let variables = self.schemas.package(&package)?.config();
        let ctx = Ctx::module(module);
        let mut out = ir::ProviderConfig {
            package: package.clone(),
            docs: p.docs.clone(),
            settings: Vec::new(),
            secrets: Vec::new(),
        };
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for s in &p.settings {
            if let Some(first) = seen.insert(s.key.name.clone(), s.key.span) {
                self.sink.report(Problem::Duplicate {
                    span: s.key.span,
                    what: "provider setting".into(),
                    name: s.key.name.clone(),
                    first,
                });
                continue;
            }
            let Some((name, prop)) = find_prop(&variables, &s.key.name) else {
                self.sink.report(Problem::UnknownProviderSetting {
                    span: s.key.span,
                    package: package.clone(),
                    setting: s.key.name.clone(),
                    suggestion: did_you_mean(
                        &s.key.name,
                        snake_names(&variables).iter().map(String::as_str),
                    ),
                });
                continue;
            };
            // Schemas mark secrets on the provider's inputs more often than on its config.
            let provider_secret = self
                .schemas
                .resolve_kind(&super::schema::provider_token(&package))
                .and_then(|p| p.inputs.get(name.as_str()))
                .is_some_and(|p| p.secret);
            let (name, secret) = (name.clone(), prop.secret || provider_secret);
            let what = format!("provider setting `{}`", s.key.name);
            let value = self.lower(&s.value, &prop.ty, &ctx, &what);
            if !known_before_deployment(&value) {
                self.sink.report(Problem::ProviderSettingNotKnown {
                    span: s.value.span,
                    setting: s.key.name.clone(),
                });
                continue;
            }
            match &value.kind {
                ValueKind::Config(key) if self.config.get(key).is_some_and(|c| c.secret) => {
                    out.secrets.push(name);
                }
                _ if self.reads_secret(&value) => {
                    self.sink.report(Problem::PartialSecretSetting {
                        span: s.value.span,
                        setting: s.key.name.clone(),
                    });
                }
                _ if secret => self.sink.report(Problem::PlainSecret {
                    span: s.value.span,
                    what,
                }),
                _ => out.settings.push((name, value)),
            }
        }
        Some(out)
    }

    fn reads_secret(&self, v: &Value) -> bool {
        let mut found = false;
        v.walk(&mut |x| {
            if let ValueKind::Config(key) = &x.kind {
                found |= self.config.get(key).is_some_and(|c| c.secret);
            }
        });
        found
    }
}

/// Whether a value is decided before deployment: it reads no resource, instance or stack
/// reference output.
fn known_before_deployment(v: &Value) -> bool {
    let mut known = true;
    v.walk(&mut |x| {
        known &= !matches!(
            x.kind,
            ValueKind::Output { .. }
                | ValueKind::Resource(_)
                | ValueKind::StackOutput { .. }
                | ValueKind::InstanceOutput { .. }
                | ValueKind::Invoke(_)
        );
    });
    known
}
