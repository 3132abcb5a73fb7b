//! Evaluating the IR for one environment: the resource graph that every backend's generated
//! program must reproduce under the mock runtime (`infragen plan --env ENV --format json`).
//!
//! Values that are unknown before deployment are shown as placeholders, which the generated
//! tests' mocks return so that what the program sees is exactly this plan:
//! `${<logical>.<output>}` for resource outputs (and `.id`), `${stack:<ref>/<export>}` for
//! stack reference outputs, `${config.<key>}` for secret config values.

use serde_json::{Map, Value as Json, json};

use super::{
    EnvAttr, IndexKey, NamePart, Part, Project, ResourceRef, Value, ValueKind, expand_env,
};

/// The type token of Pulumi's built-in stack reference resource.
pub const STACK_REFERENCE_TYPE: &str = "pulumi:pulumi:StackReference";

#[derive(Clone)]
pub struct Evaluator<'a> {
    pub project: &'a Project,
    pub env: &'a super::Env,
    /// Inside a looped resource: the key and value of the item being evaluated.
    pub item: Option<(String, Json)>,
}

impl<'a> Evaluator<'a> {
    pub fn new(project: &'a Project, env: &str) -> Option<Self> {
        let env = project.envs.iter().find(|e| e.name == env)?;
        Some(Evaluator {
            project,
            env,
            item: None,
        })
    }

    pub fn config(&self, key: &str) -> Option<&'a Value> {
        self.env.values.get(key).or_else(|| {
            self.project
                .config
                .iter()
                .find(|c| c.name == key)
                .and_then(|c| c.default.as_ref())
        })
    }

    /// The placeholder path of a value read by index or property from a value unknown before
    /// deployment: `cert.domainValidationOptions[0].resourceRecordName` (a resource output),
    /// `aws.route53.getZone.zoneId` (a data source's result); the mocks return the same
    /// (`ir::mocks`).
    fn placeholder(&self, v: &Value) -> Option<String> {
        match &v.kind {
            ValueKind::Output {
                resource,
                attribute,
            } => Some(format!("{}.{attribute}", self.logical(resource))),
            ValueKind::Invoke(call) => Some(call.function.friendly.clone()),
            ValueKind::Index { base, key } => {
                Some(format!("{}{}", self.placeholder(base)?, key.placeholder()))
            }
            _ => None,
        }
    }

    /// The resolved JSON form of a value in this environment.
    pub fn value(&self, v: &Value) -> Json {
        match &v.kind {
            ValueKind::Null | ValueKind::Param(_) => Json::Null,
            ValueKind::Bool(b) => json!(b),
            ValueKind::Int(i) => json!(i),
            ValueKind::Number(n) => json!(n),
            ValueKind::String(s) => json!(s),
            ValueKind::List(items) => Json::Array(items.iter().map(|i| self.value(i)).collect()),
            ValueKind::Object(fields) => {
                let mut map = Map::new();
                for (k, v) in fields {
                    let j = self.value(v);
                    if !j.is_null() {
                        map.insert(k.clone(), j);
                    }
                }
                Json::Object(map)
            }
            ValueKind::Interpolate(parts) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        Part::Text(t) => s.push_str(t),
                        Part::Value(v) => s.push_str(&text(&self.value(v))),
                    }
                }
                json!(s)
            }
            ValueKind::Output {
                resource,
                attribute,
            } => {
                json!(format!("${{{}.{attribute}}}", self.logical(resource)))
            }
            ValueKind::Resource(ResourceRef::Resource(i)) if self.project.is_looped(*i) => {
                json!(self.item_urns(*i))
            }
            ValueKind::Resource(r) => json!(self.resource_urn(r)),
            ValueKind::EachKey(_) => json!(self.item.as_ref().map(|(k, _)| k.clone())),
            ValueKind::EachValue(_) => self
                .item
                .as_ref()
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            ValueKind::Config(key) => {
                let secret = self
                    .project
                    .config
                    .iter()
                    .any(|c| c.name == *key && c.secret);
                if secret {
                    json!(format!("${{config.{key}}}"))
                } else {
                    self.config(key)
                        .map(|v| self.value(v))
                        .unwrap_or(Json::Null)
                }
            }
            ValueKind::Env(EnvAttr::Name) => json!(self.env.name),
            ValueKind::Env(EnvAttr::Protect) => json!(self.env.protect),
            ValueKind::PerEnv { cases, default } => match cases.get(&self.env.name) {
                Some(v) => self.value(v),
                None => default
                    .as_ref()
                    .map(|d| self.value(d))
                    .unwrap_or(Json::Null),
            },
            ValueKind::PhysicalName(arg) => json!(self.physical_name(&text(&self.value(arg)))),
            ValueKind::StackOutput { stack, output } => {
                let export = self
                    .project
                    .stacks
                    .iter()
                    .find(|s| s.name == *stack)
                    .and_then(|s| s.outputs.iter().find(|o| o.name == *output))
                    .map(|o| expand_env(&o.export, &self.env.name))
                    .unwrap_or_default();
                json!(format!("${{stack:{stack}/{export}}}"))
            }
            ValueKind::InstanceOutput { instance, output } => self.project.instances[*instance]
                .outputs
                .iter()
                .find(|(n, _)| n == output)
                .map(|(_, v)| self.value(v))
                .unwrap_or(Json::Null),
            ValueKind::Call { func, args } => {
                func.apply(&args.iter().map(|a| self.value(a)).collect::<Vec<_>>())
            }
            ValueKind::Index { base, key } => match self.placeholder(v) {
                Some(path) => json!(format!("${{{path}}}")),
                None => {
                    let b = self.value(base);
                    match key {
                        IndexKey::Item(i) => b.get(*i).cloned(),
                        IndexKey::Key(k) | IndexKey::Field(k) => b.get(k).cloned(),
                    }
                    .unwrap_or(Json::Null)
                }
            },
            ValueKind::Invoke(call) => json!(format!("${{{}}}", call.function.friendly)),
            ValueKind::FileAsset(p) => json!({ "$asset": p }),
            ValueKind::FileArchive(p) => json!({ "$archive": p }),
            ValueKind::AssetArchive(entries) => {
                let assets: Map<String, Json> = entries
                    .iter()
                    .map(|(path, e)| (path.clone(), self.value(e)))
                    .collect();
                json!({ "$archive": assets })
            }
            ValueKind::Not(v) => json!(!self.holds(v)),
            ValueKind::Binary { op, left, right } => json!(match op {
                super::BinOp::And => self.holds(left) && self.holds(right),
                super::BinOp::Or => self.holds(left) || self.holds(right),
                super::BinOp::Eq => same(&self.value(left), &self.value(right)),
                super::BinOp::Ne => !same(&self.value(left), &self.value(right)),
            }),
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => match (self.holds(cond), otherwise) {
                (true, _) => self.value(then),
                (false, Some(o)) => self.value(o),
                (false, None) => Json::Null,
            },
        }
    }

    /// Whether a condition holds in this environment.
    pub fn holds(&self, cond: &Value) -> bool {
        self.value(cond) == json!(true)
    }

    /// Whether resource `r` exists in this environment (its `when` holds).
    pub fn exists(&self, r: &super::Resource) -> bool {
        r.condition.as_ref().is_none_or(|c| self.holds(c))
    }

    /// Calls `f` on `v` and the values nested in it that this environment evaluates: only the
    /// branch a per-environment value or an `if` takes here.
    fn walk_taken(&self, v: &Value, f: &mut dyn FnMut(&Value)) {
        match &v.kind {
            ValueKind::If {
                cond,
                then,
                otherwise,
            } => {
                f(v);
                if self.holds(cond) {
                    self.walk_taken(then, f)
                } else if let Some(o) = otherwise {
                    self.walk_taken(o, f)
                }
            }
            ValueKind::PerEnv { cases, default } => {
                f(v);
                if let Some(c) = cases.get(&self.env.name).or(default.as_deref()) {
                    self.walk_taken(c, f)
                }
            }
            ValueKind::List(items) => {
                f(v);
                items.iter().for_each(|i| self.walk_taken(i, f));
            }
            ValueKind::Object(fields) => {
                f(v);
                fields.iter().for_each(|(_, i)| self.walk_taken(i, f));
            }
            ValueKind::Interpolate(parts) => {
                f(v);
                for p in parts {
                    if let Part::Value(i) = p {
                        self.walk_taken(i, f)
                    }
                }
            }
            ValueKind::PhysicalName(i) => {
                f(v);
                self.walk_taken(i, f)
            }
            _ => v.walk(f),
        }
    }

    /// The project's naming pattern applied to `name` in this environment.
    pub fn physical_name(&self, name: &str) -> String {
        let mut out = String::new();
        for part in &self.project.naming {
            match part {
                NamePart::Text(t) => out.push_str(t),
                NamePart::Name => out.push_str(name),
                NamePart::Project => out.push_str(&self.project.pulumi_name),
                NamePart::Env => out.push_str(&self.env.name),
                NamePart::Config(k) => out.push_str(
                    &self
                        .config(k)
                        .map(|v| text(&self.value(v)))
                        .unwrap_or_default(),
                ),
            }
        }
        out
    }

    /// Resource `i`'s logical name in this environment (a computed one evaluated).
    pub fn logical_name(&self, i: usize) -> String {
        let r = &self.project.resources[i];
        match &r.computed_name {
            Some(v) => text(&self.value(v)),
            None => r.logical_name.clone(),
        }
    }

    fn logical(&self, r: &ResourceRef) -> String {
        match r {
            ResourceRef::Resource(i) => self.logical_name(*i),
            ResourceRef::Sibling(n) | ResourceRef::Param(n) => n.clone(),
            ResourceRef::Item(i, key) => super::item_logical_name(
                &self.project.resources[*i].logical_name,
                &self.item_key(key),
            ),
        }
    }

    /// The key an item reference names in this environment.
    fn item_key(&self, key: &super::ItemKey) -> String {
        match key {
            super::ItemKey::Literal(k) => k.clone(),
            super::ItemKey::Current(_) => self
                .item
                .as_ref()
                .map(|(k, _)| k.clone())
                .unwrap_or_default(),
        }
    }

    fn resource_urn(&self, r: &ResourceRef) -> String {
        match r {
            ResourceRef::Resource(i) => self.urn(*i),
            ResourceRef::Item(i, _) => self.urn_of(&self.type_chain(*i), &self.logical(r)),
            other => self.logical(other),
        }
    }

    /// The URNs a reference stands for: every item of a looped resource (read as a whole),
    /// otherwise the one resource.
    fn resource_urns(&self, r: &ResourceRef) -> Vec<String> {
        match r {
            ResourceRef::Resource(i) if self.project.is_looped(*i) => self.item_urns(*i),
            other => vec![self.resource_urn(other)],
        }
    }

    /// The URNs of the items of looped resource `i` in this environment, in loop order.
    pub fn item_urns(&self, i: usize) -> Vec<String> {
        let logical = &self.project.resources[i].logical_name;
        self.keys(i)
            .into_iter()
            .map(|(k, _)| self.urn_of(&self.type_chain(i), &super::item_logical_name(logical, &k)))
            .collect()
    }

    fn urn_of(&self, type_chain: &str, name: &str) -> String {
        format!(
            "urn:pulumi:{}::{}::{}::{}",
            self.env.name, self.project.pulumi_name, type_chain, name
        )
    }

    /// The chain of types from the outermost parent down to resource `i`.
    fn type_chain(&self, i: usize) -> String {
        let r = &self.project.resources[i];
        let parent = match (&r.options.parent, r.instance) {
            (Some(ResourceRef::Resource(p)), _) if *p != i => Some(self.type_chain(*p)),
            (_, Some(inst)) => Some(
                self.project.components[self.project.instances[inst].component]
                    .type_token
                    .clone(),
            ),
            _ => None,
        };
        match parent {
            Some(p) => format!("{p}${}", r.kind.registered_type()),
            None => r.kind.registered_type(),
        }
    }

    pub fn urn(&self, i: usize) -> String {
        self.urn_of(&self.type_chain(i), &self.logical_name(i))
    }

    pub fn instance_urn(&self, inst: usize) -> String {
        let i = &self.project.instances[inst];
        self.urn_of(
            &self.project.components[i.component].type_token,
            &i.logical_name,
        )
    }

    pub fn stack_ref_urn(&self, name: &str) -> String {
        self.urn_of(STACK_REFERENCE_TYPE, name)
    }

    fn protect(&self, opts: &super::Options) -> bool {
        opts.protect
            .as_ref()
            .map(|p| self.value(p) == json!(true))
            .unwrap_or(false)
    }

    /// The lifecycle options a resource sets, each only when set (`retainOnDelete`,
    /// `replaceOnChanges`, `customTimeouts`, `importId`, `deletedWith`), in the register
    /// request's terms.
    fn lifecycle_options(&self, o: &super::Options, sdk_kind: Option<&str>, entry: &mut Json) {
        if o.retain_on_delete {
            entry["retainOnDelete"] = json!(true);
        }
        if !o.replace_on_changes.is_empty() {
            entry["replaceOnChanges"] = json!(o.replace_on_changes);
        }
        if let Some(t) = &o.custom_timeouts {
            let mut map = Map::new();
            for (k, v) in [
                ("create", &t.create),
                ("update", &t.update),
                ("delete", &t.delete),
            ] {
                if let Some(v) = v {
                    map.insert(k.into(), json!(v));
                }
            }
            entry["customTimeouts"] = Json::Object(map);
        }
        if let Some(id) = &o.import {
            entry["importId"] = self.value(id);
        }
        if let Some(d) = &o.deleted_with {
            entry["deletedWith"] = json!(self.resource_urn(d));
        }
        let own_parent = entry["parent"].clone();
        let mut aliases: Vec<Json> = o
            .aliases
            .iter()
            .map(|a| self.alias(a, &own_parent))
            .collect();
        // The SDK class adds the schema's aliases (old type tokens) after the program's.
        if let Some(kind) = sdk_kind.and_then(|t| self.project.schema.kind(t)) {
            aliases.extend(kind.sdk_aliases.iter().map(|t| json!({ "type": t })));
        }
        if !aliases.is_empty() {
            entry["aliases"] = Json::Array(aliases);
        }
        // `additional_secret_outputs` is not shown: every SDK adds the schema's own secret
        // outputs to the request, so the mocks cannot tell the program's list apart.
    }

    /// An alias as the register request's alias spec carries it: `name`, `type`, `parentUrn`
    /// or `noParent`, each only when set; a parent that is the resource's own is not shown
    /// (the TypeScript SDK sends the resource's parent when the alias names none).
    fn alias(&self, a: &super::Alias, own_parent: &Json) -> Json {
        let mut map = Map::new();
        if let Some(n) = &a.name {
            map.insert("name".into(), json!(text(&self.value(n))));
        }
        if let Some(t) = &a.type_token {
            map.insert("type".into(), json!(t));
        }
        match &a.parent {
            Some(super::AliasParent::Root) => {
                map.insert("noParent".into(), json!(true));
            }
            Some(super::AliasParent::Resource(r)) => {
                let urn = json!(self.resource_urn(r));
                if urn != *own_parent {
                    map.insert("parentUrn".into(), urn);
                }
            }
            Some(super::AliasParent::Component { name, type_token }) => {
                map.insert("parentUrn".into(), json!(self.urn_of(type_token, name)));
            }
            None => {}
        }
        Json::Object(map)
    }

    fn refs_urns(&self, refs: &[ResourceRef]) -> Vec<String> {
        let mut v: Vec<String> = refs.iter().flat_map(|r| self.resource_urns(r)).collect();
        v.sort();
        v
    }

    /// What a resource depends on in this environment: the resources and stack references its
    /// inputs read (only the branch a per-environment value takes here), and `depends_on`.
    fn dependencies(&self, r: &super::Resource) -> Vec<String> {
        let mut deps = std::collections::BTreeSet::new();
        for (_, v) in &r.inputs {
            self.value_dependencies(v, &mut deps);
        }
        for d in &r.options.depends_on {
            deps.extend(self.resource_urns(d));
        }
        deps.into_iter().collect()
    }

    fn value_dependencies(&self, v: &Value, deps: &mut std::collections::BTreeSet<String>) {
        self.walk_taken(v, &mut |x| match &x.kind {
            ValueKind::Output { resource, .. } | ValueKind::Resource(resource) => {
                deps.extend(self.resource_urns(resource));
            }
            ValueKind::StackOutput { stack, .. } => {
                deps.insert(self.stack_ref_urn(stack));
            }
            ValueKind::InstanceOutput { instance, output } => {
                if let Some((_, out)) = self.project.instances[*instance]
                    .outputs
                    .iter()
                    .find(|(n, _)| n == output)
                {
                    self.value_dependencies(out, deps);
                }
            }
            _ => {}
        });
    }

    /// The plan entry of resource `i` (an item of a looped one: named `name`).
    fn resource_entry(&self, i: usize, name: &str) -> Json {
        let r = &self.project.resources[i];
        let mut inputs = Map::new();
        for (k, v) in &r.inputs {
            let j = self.value(v);
            if !j.is_null() {
                inputs.insert(k.clone(), j);
            }
        }
        // What the SDK fills in for an input the program leaves unset (the schema's `default`).
        if let Some(kind) = self.project.schema.kind(&r.kind.token) {
            for (k, v) in &kind.defaults {
                inputs.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let deps = self.dependencies(r);
        let parent = match (&r.options.parent, r.instance) {
            (Some(p), _) => Json::String(self.resource_urn(p)),
            (None, Some(inst)) => Json::String(self.instance_urn(inst)),
            _ => Json::Null,
        };
        let mut entry = json!({
            "urn": self.urn_of(&self.type_chain(i), name),
            "type": r.kind.registered_type(),
            "name": name,
            "custom": true,
            "physicalName": null,
            "inputs": null,
            "protect": self.protect(&r.options),
            "dependsOn": self.refs_urns(&r.options.depends_on),
            "ignoreChanges": r.options.ignore_changes,
            "deleteBeforeReplace": r.options.delete_before_replace,
            "parent": parent,
            "dependencies": deps,
        });
        // Set in place: `json!` would serialize a copy of each value.
        entry["physicalName"] = r
            .physical_name
            .as_ref()
            .map_or(Json::Null, |v| self.value(v));
        entry["inputs"] = Json::Object(inputs);
        // Only resources with an explicit provider say which (`provider`: its URN).
        if let Some(p) = &r.options.provider {
            entry["provider"] = json!(self.resource_urn(p));
        }
        let sdk_kind = (!r.kind.is_provider()).then_some(r.kind.token.as_str());
        self.lifecycle_options(&r.options, sdk_kind, &mut entry);
        entry
    }

    /// Whether a component instance exists in this environment (its `when` holds).
    pub fn instance_exists(&self, inst: &super::ComponentInstance) -> bool {
        inst.condition.as_ref().is_none_or(|c| self.holds(c))
    }

    /// The whole plan for this environment.
    pub fn plan(&self) -> Json {
        let mut resources = Vec::new();
        for (i, r) in self.project.resources.iter().enumerate() {
            if !self.exists(r) {
                continue;
            }
            if r.each.is_some() {
                for item in self.keys(i) {
                    let name = super::item_logical_name(&r.logical_name, &item.0);
                    let eval = Evaluator {
                        item: Some(item),
                        ..self.clone()
                    };
                    resources.push(eval.resource_entry(i, &name));
                }
                continue;
            }
            resources.push(self.resource_entry(i, &self.logical_name(i)));
        }
        for (i, inst) in self.project.instances.iter().enumerate() {
            if !self.instance_exists(inst) {
                continue;
            }
            let comp = &self.project.components[inst.component];
            resources.push(json!({
                "urn": self.instance_urn(i),
                "type": comp.type_token,
                "name": inst.logical_name,
                "custom": false,
                "physicalName": null,
                "inputs": {},
                "protect": self.protect(&inst.options),
                "dependsOn": self.refs_urns(&inst.options.depends_on),
                "ignoreChanges": [],
                "deleteBeforeReplace": false,
                "parent": null,
                "dependencies": self.refs_urns(&inst.options.depends_on),
            }));
        }
        for s in &self.project.stacks {
            resources.push(json!({
                "urn": self.stack_ref_urn(&s.name),
                "type": STACK_REFERENCE_TYPE,
                "name": s.name,
                "custom": true,
                "physicalName": null,
                "inputs": { "name": expand_env(&s.stack, &self.env.name) },
                "protect": false,
                "dependsOn": [],
                "ignoreChanges": [],
                "deleteBeforeReplace": false,
                "parent": null,
                "dependencies": [],
            }));
        }
        resources.sort_by(|a, b| a["urn"].as_str().cmp(&b["urn"].as_str()));
        let mut exports = Map::new();
        for e in &self.project.exports {
            exports.insert(expand_env(&e.name, &self.env.name), self.value(&e.value));
        }
        let mut plan = json!({
            "project": self.project.pulumi_name,
            "stack": self.env.name,
        });
        plan["resources"] = Json::Array(resources);
        plan["exports"] = Json::Object(exports);
        plan
    }
}

/// Every logical name resource `i` gets in some environment, sorted: one for a plain name,
/// one per distinct value for a computed one. Generated mocks key their tables by these.
pub fn logical_names(project: &Project, i: usize) -> Vec<String> {
    if project.resources[i].computed_name.is_none() {
        return project.logical_names_of(i); // one per item of a looped resource
    }
    let mut names: Vec<String> = project
        .envs
        .iter()
        .filter_map(|e| Evaluator::new(project, &e.name))
        .map(|eval| eval.logical_name(i))
        .collect();
    if names.is_empty() {
        names.push(project.resources[i].logical_name.clone());
    }
    names.sort();
    names.dedup();
    names
}

/// Per-resource facts of the generated mocks keyed (`<type>`, `<logical name>`) for every name a
/// resource gets in some environment, in the order of `items`; facts of one key (two
/// resources with one name in different environments) are merged.
pub fn keyed_by_logical_name<T>(
    project: &Project,
    items: impl IntoIterator<Item = (usize, T)>,
    merge: impl Fn(&mut T, &T),
) -> Vec<((String, String), T)>
where
    T: Clone,
{
    let mut out: Vec<((String, String), T)> = Vec::new();
    let mut at: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for (i, fact) in items {
        let r = &project.resources[i];
        for name in logical_names(project, i) {
            let key = (r.kind.registered_type(), name);
            match at.get(&key) {
                Some(&k) => merge(&mut out[k].1, &fact),
                None => {
                    at.insert(key.clone(), out.len());
                    out.push((key, fact.clone()));
                }
            }
        }
    }
    out
}

/// `==` on resolved values: numbers by value (`1 == 1.0`).
fn same(a: &Json, b: &Json) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A resolved value as it appears inside a string.
pub fn text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// A short readable listing of a plan.
pub fn human(plan: &Json) -> String {
    let mut out = format!(
        "project {} · stack {}\n",
        text(&plan["project"]),
        text(&plan["stack"])
    );
    for r in plan["resources"].as_array().into_iter().flatten() {
        out.push_str(&format!("  + {} {}", text(&r["type"]), text(&r["name"])));
        if let Some(p) = r["physicalName"].as_str() {
            out.push_str(&format!(" ({p})"));
        }
        if r["protect"] == json!(true) {
            out.push_str(" [protected]");
        }
        if let Some(aliases) = r["aliases"].as_array() {
            let names: Vec<String> = aliases
                .iter()
                .map(|a| match a["name"].as_str() {
                    Some(n) => n.to_string(),
                    None => a.to_string(),
                })
                .collect();
            out.push_str(&format!(" [aliases {}]", names.join(", ")));
        }
        if let Some(p) = r["provider"].as_str() {
            out.push_str(&format!(
                " [provider {}]",
                p.rsplit("::").next().unwrap_or(p)
            ));
        }
        out.push('\n');
    }
    for (k, v) in plan["exports"].as_object().into_iter().flatten() {
        out.push_str(&format!("  export {k} = {v}\n"));
    }
    out
}

/// Every environment's plan of every project, as `<project>/<env>.json` files (the layout of
/// `golden/<example>/plan/`).
pub fn plan_tree(workspace: &super::Workspace) -> Vec<crate::backend::GeneratedFile> {
    let mut out = Vec::new();
    for project in &workspace.projects {
        for env in &project.envs {
            if let Some(eval) = Evaluator::new(project, &env.name) {
                let mut text = serde_json::to_string_pretty(&eval.plan()).unwrap_or_default();
                text.push('\n');
                out.push(crate::backend::GeneratedFile::new(
                    format!("{}/{}.json", project.pulumi_name, env.name),
                    text,
                ));
            }
        }
    }
    out.sort();
    out
}
