//! Values of state written in the language: literals formatted by the schema's type (so the
//! types decide how a number or a key is written), references where a string equals another
//! resource's output, and secrets as secret config keys.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use serde_json::Value as Json;

use crate::check::SchemaSet;
use crate::ir::Type;

use super::Warning;
use super::model::{Entity, Model, Role};
use super::names::{escape, key, string};
use super::read::{ARCHIVE_SIG, ASSET_SIG, SECRET_SIG, SIG_KEY};

/// Output names a reference prefers, in order, when one resource has several equal outputs.
const PREFERRED: [&str; 4] = ["name", "arn", "id", "selfLink"];
/// The shortest output that is recovered inside a longer string.
const MIN_INTERPOLATED: usize = 6;

/// Secret config keys the workspace declares: name -> type text (`secret`, `secret<int>`).
pub type Secrets = BTreeMap<String, String>;

/// Writes one resource's values in one environment.
pub struct ValueWriter<'m, 'a> {
    pub model: &'m Model<'a>,
    pub schemas: &'m SchemaSet,
    pub env: usize,
    /// The entity being written (`None` for provider settings).
    pub own: Option<usize>,
    /// Its module, for references' spelling.
    pub module: String,
    /// Entities references may name, preferred first (the property's dependencies, then the
    /// resource's).
    pub candidates: Vec<usize>,
    /// Whether the candidates are what the property's `propertyDependencies` name (then any
    /// equal output is the reference); otherwise an output that only echoes the candidate's
    /// own input of that name is no evidence and is not taken.
    pub strong: bool,
    /// Whether the value being written is the property's whole value (not inside a list or
    /// object): only there does an echoed output count, even with strong evidence.
    pub top: bool,
    pub secrets: &'m mut Secrets,
    /// (module, module it reads) of every reference written.
    pub reads: &'m mut std::collections::BTreeSet<(String, String)>,
    pub warnings: &'m mut Vec<Warning>,
    /// The prefix of secret config keys (`<resource>`).
    pub secret_prefix: String,
}

impl ValueWriter<'_, '_> {
    /// The value `v` for type `ty` at `path` (for secret keys and warnings); `None` leaves it
    /// unset.
    pub fn value(&mut self, v: &Json, ty: &Type, path: &str) -> Option<String> {
        if let Some(sig) = v.get(SIG_KEY).and_then(Json::as_str) {
            return self.signature(sig, v, ty, path);
        }
        if matches!(v, Json::Null) {
            return None;
        }
        if matches!(v, Json::Array(_) | Json::Object(_)) {
            self.top = false;
        }
        let text = match (ty, v) {
            (Type::String, Json::String(s)) => self.string(s),
            (Type::String, Json::Number(_) | Json::Bool(_)) => string(&v.to_string()),
            (Type::Int, Json::Number(n)) => int(n)?,
            (Type::Int, Json::String(s)) => s.trim().parse::<i64>().ok()?.to_string(),
            (Type::Number, Json::Number(n)) => n.to_string(),
            (Type::Number, Json::String(s)) => {
                s.trim().parse::<f64>().ok().map(|_| s.trim().to_string())?
            }
            (Type::Bool, Json::Bool(b)) => b.to_string(),
            (Type::Bool, Json::String(s)) if s == "true" || s == "false" => s.clone(),
            (Type::List(_) | Type::Map(_) | Type::Object(_), Json::String(s))
                if s.starts_with(['[', '{']) =>
            {
                let parsed: Json = serde_json::from_str(s).ok()?;
                return self.value(&parsed, ty, path);
            }
            (Type::List(item), Json::Array(items)) => {
                let mut out = Vec::new();
                for (i, x) in items.iter().enumerate() {
                    out.push(
                        self.value(x, item, &format!("{path}_{i}"))
                            .unwrap_or_else(|| "null".into()),
                    );
                }
                list(out)
            }
            (Type::Map(item), Json::Object(m)) => {
                let mut out = Vec::new();
                for (k, x) in m {
                    if let Some(t) = self.value(x, item, &format!("{path}_{}", k.to_snake_case())) {
                        out.push(format!("{} = {t}", key(k)));
                    }
                }
                object(out)
            }
            (Type::Object(token), Json::Object(m)) => self.object(token, m, path)?,
            (Type::Any, _) => self.any(v),
            _ => {
                self.warnings.push(Warning::new(
                    "W1381",
                    format!(
                        "`{path}` is left out: its value `{v}` does not have the schema's type {ty}"
                    ),
                ));
                return None;
            }
        };
        Some(text)
    }

    fn object(
        &mut self,
        token: &str,
        m: &serde_json::Map<String, Json>,
        path: &str,
    ) -> Option<String> {
        let schema = self.schemas.object_type(token)?.clone();
        let mut out = Vec::new();
        for (k, x) in m {
            let Some(p) = schema.properties.get(k) else {
                self.warnings.push(Warning::new(
                    "W1381",
                    format!(
                        "`{path}.{k}` is left out: the schema's `{token}` has no such property"
                    ),
                ));
                continue;
            };
            let field = k.to_snake_case();
            if let Some(t) = self.value(x, &p.ty, &format!("{path}_{field}")) {
                out.push(format!("{field} = {t}"));
            }
        }
        Some(object(out))
    }

    /// A value of no schema type (JSON): written as it is, keys as they are.
    fn any(&mut self, v: &Json) -> String {
        match v {
            Json::String(s) => self.string(s),
            Json::Array(items) => list(items.iter().map(|x| self.any(x)).collect()),
            Json::Object(m) => object(
                m.iter()
                    .filter(|(_, x)| !x.is_null())
                    .map(|(k, x)| format!("{} = {}", key(k), self.any(x)))
                    .collect(),
            ),
            other => other.to_string(),
        }
    }

    fn signature(&mut self, sig: &str, v: &Json, ty: &Type, path: &str) -> Option<String> {
        match sig {
            SECRET_SIG => Some(self.secret(ty, path)),
            ASSET_SIG => match v.get("path").and_then(Json::as_str) {
                Some(p) => Some(format!("file_asset({})", string(p))),
                None => self.unwritable(path, "an asset without a path"),
            },
            ARCHIVE_SIG => {
                if let Some(p) = v.get("path").and_then(Json::as_str) {
                    return Some(format!("file_archive({})", string(p)));
                }
                let assets = v.get("assets").and_then(Json::as_object)?;
                let mut out = Vec::new();
                for (k, a) in assets {
                    let inner = self.value(a, &Type::Archive, path)?;
                    out.push(format!("{} = {inner}", string(k)));
                }
                Some(format!("archive({})", object(out)))
            }
            _ => self.unwritable(path, "a signature object infragen does not know"),
        }
    }

    fn unwritable(&mut self, path: &str, what: &str) -> Option<String> {
        self.warnings.push(Warning::new(
            "W1381",
            format!("`{path}` is left out: {what} cannot be written in the language"),
        ));
        None
    }

    /// A secret: a secret config key of its type, whose value the user sets per stack.
    fn secret(&mut self, ty: &Type, path: &str) -> String {
        let config_ty = match ty {
            Type::Int => "secret<int>",
            Type::Number => "secret<number>",
            Type::Bool => "secret<bool>",
            _ => "secret",
        };
        let name = format!("{}{}", self.secret_prefix, path).to_snake_case();
        self.secrets.insert(name.clone(), config_ty.to_string());
        format!("config.{name}")
    }

    /// A string: a reference where it equals an output of a resource it may name, an
    /// interpolation where it contains outputs of its dependencies, a literal otherwise.
    fn string(&mut self, s: &str) -> String {
        if let Some(r) = self.exact(s) {
            return r;
        }
        self.interpolated(s).unwrap_or_else(|| string(s))
    }

    fn exact(&mut self, s: &str) -> Option<String> {
        for c in self.candidates.clone() {
            if let Some(r) = self.output_equal(c, s, false) {
                return Some(r);
            }
        }
        // Not among its dependencies: only ids and ARNs long enough to be one resource's, of
        // resources the stack created before it.
        if s.len() < 8 {
            return None;
        }
        let own_index = self
            .own
            .and_then(|o| self.model.entities[o].states.get(&self.env).copied());
        let (model, env) = (self.model, self.env);
        let before = |e: usize| match (own_index, model.entities[e].states.get(&env)) {
            (Some(own), Some(&at)) => at < own,
            _ => false,
        };
        (0..model.entities.len())
            .filter(|&e| before(e))
            .find_map(|e| self.output_equal(e, s, true))
    }

    /// A reference to the output of `e` equal to `s`, if `e` may be named here.
    fn output_equal(&mut self, e: usize, s: &str, ids_only: bool) -> Option<String> {
        let weak = ids_only || !self.strong || !self.top;
        if !self.may_reference(e) {
            return None;
        }
        let outputs = self.outputs(e)?;
        let echo = self.echoes(e, weak);
        let mut names: Vec<&String> = outputs
            .iter()
            .filter(|(k, v)| v.as_str() == Some(s) && !echo.contains(*k))
            .map(|(k, _)| k)
            .collect();
        names.sort_by_key(|k| {
            PREFERRED
                .iter()
                .position(|p| p == k)
                .unwrap_or(PREFERRED.len())
        });
        let name = names
            .into_iter()
            .find(|k| !ids_only || matches!(k.as_str(), "id" | "arn" | "selfLink"))?;
        Some(self.reference(e, name))
    }

    fn interpolated(&mut self, s: &str) -> Option<String> {
        let mut found: Vec<(String, String)> = Vec::new();
        for c in self.candidates.clone() {
            if !self.may_reference(c) {
                continue;
            }
            let Some(outputs) = self.outputs(c) else {
                continue;
            };
            let echo = self.echoes(c, true);
            for (k, v) in outputs.iter().filter(|(k, _)| !echo.contains(*k)) {
                if let Some(v) = v
                    .as_str()
                    .filter(|v| v.len() >= MIN_INTERPOLATED && s.contains(*v))
                    && !found.iter().any(|(x, _)| x == v)
                {
                    found.push((v.to_string(), self.reference(c, k)));
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        let mut out = String::from("\"");
        let mut rest = s;
        'scan: while !rest.is_empty() {
            for (value, reference) in &found {
                if let Some(tail) = rest.strip_prefix(value.as_str()) {
                    out.push_str(&format!("${{{reference}}}"));
                    rest = tail;
                    continue 'scan;
                }
            }
            let c = rest.chars().next()?;
            out.push_str(&escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
        out.push('"');
        Some(out)
    }

    /// The outputs of `e` that equal its own input of the same name, when `weak` evidence is
    /// all there is (they are then not taken as references).
    fn echoes(&self, e: usize, weak: bool) -> Vec<String> {
        let Some(state) = self.model.state(e, self.env).filter(|_| weak) else {
            return Vec::new();
        };
        state
            .outputs
            .iter()
            .filter(|(k, v)| state.inputs.get(*k) == Some(*v))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// The outputs of `e` in this environment that a reference may read (its `id` included).
    fn outputs(&self, e: usize) -> Option<BTreeMap<String, Json>> {
        let state = self.model.state(e, self.env)?;
        let entity = &self.model.entities[e];
        match &entity.role {
            Role::Resource { schema, .. } => {
                let mut out: BTreeMap<String, Json> = state
                    .outputs
                    .iter()
                    .filter(|(k, _)| schema.outputs.contains_key(*k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if let Some(id) = &state.id {
                    out.insert("id".into(), Json::String(id.clone()));
                }
                Some(out)
            }
            Role::StackReference => state
                .outputs
                .get("outputs")
                .and_then(Json::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
            _ => None,
        }
    }

    /// A resource may be named where it exists whenever the reader does, under a condition
    /// the checker can see holds (the same environments, or all of them).
    fn may_reference(&self, e: usize) -> bool {
        let Some(own) = self.own else { return false };
        if e == own || !self.model.entities[e].is_written() {
            return false;
        }
        let (mine, theirs) = (self.model.envs_of(own), self.model.envs_of(e));
        mine.is_subset(&theirs) && (theirs == self.model.all_envs() || theirs == mine)
    }

    fn reference(&mut self, e: usize, output: &str) -> String {
        let entity: &Entity = &self.model.entities[e];
        if matches!(entity.role, Role::Resource { .. }) && entity.module != self.module {
            self.reads
                .insert((self.module.clone(), entity.module.clone()));
        }
        match entity.role {
            Role::StackReference => format!(
                "{}.{}",
                entity.ident,
                stack_output_name(output, &self.model.stacks[self.env].name)
            ),
            _ if entity.module == self.module => {
                format!("{}.{}", entity.ident, output.to_snake_case())
            }
            _ => format!(
                "{}.{}.{}",
                entity.module,
                entity.ident,
                output.to_snake_case()
            ),
        }
    }
}

/// The name a stack reference's output gets: the export's name without the environment.
pub fn stack_output_name(export: &str, env: &str) -> String {
    let without = export.replace(env, "");
    let name = super::names::identifier(&without);
    if name == "resource_" {
        super::names::identifier(export)
    } else {
        name
    }
}

/// The export name as a pattern: the environment's name replaced by `{env}`.
pub fn stack_output_pattern(export: &str, env: &str) -> String {
    export.replace(env, "{env}")
}

fn int(n: &serde_json::Number) -> Option<String> {
    if let Some(i) = n.as_i64() {
        return Some(i.to_string());
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0).then(|| format!("{}", f as i64))
}

/// Longest one-line list or object before it is written one item per line.
const WIDTH: usize = 80;

pub fn list(items: Vec<String>) -> String {
    let one = format!("[{}]", items.join(", "));
    if one.len() <= WIDTH && !one.contains('\n') {
        return one;
    }
    let mut out = String::from("[\n");
    for i in items {
        out.push_str(&i);
        out.push_str(",\n");
    }
    out.push(']');
    out
}

pub fn object(fields: Vec<String>) -> String {
    if fields.is_empty() {
        return "{}".into();
    }
    let one = format!("{{ {} }}", fields.join(", "));
    if one.len() <= WIDTH && !one.contains('\n') {
        return one;
    }
    let mut out = String::from("{\n");
    for f in fields {
        out.push_str(&f);
        out.push('\n');
    }
    out.push('}');
    out
}

/// The texts of one value in the environments where its resource exists, as one value:
/// itself when they agree, otherwise `env { ... }` with the most common text as `default`
/// (`null` where it is unset; environments without the resource take the default).
pub fn per_env(texts: &[(String, Option<String>)]) -> Option<String> {
    let first = &texts.first()?.1;
    if texts.iter().all(|(_, t)| t == first) {
        return first.clone();
    }
    let mut counts: Vec<(&Option<String>, usize)> = Vec::new();
    for (_, v) in texts {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    // The first of the most common (max_by_key would take the last).
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let common = counts
        .iter()
        .find(|(_, n)| *n == best)
        .and_then(|(v, _)| (*v).clone());
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "null".into());
    let mut cases: Vec<String> = texts
        .iter()
        .filter(|(_, v)| *v != common)
        .map(|(env, v)| format!("{env}: {}", text(v)))
        .collect();
    cases.push(format!("default: {}", text(&common)));
    Some(format!("env {{ {} }}", cases.join(", ")))
}
