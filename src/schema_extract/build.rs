//! Assembles a Pulumi Package Schema from the parsed SDK: resources (class = outputs,
//! `<Class>Args` = inputs, `<Class>State` = state inputs), functions (`<fn>Args` / `<Fn>Result`),
//! the object types and enums they reach, the provider and its config.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;
use serde_json::{Map, Value as Json, json};

use super::dts::{self, Decl, Doc, Member, TsType};
use super::js;
use super::python::{Numeric, PythonIndex};

/// What an extraction saw, for reports and tests.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Resource classes in the SDK (`extends pulumi.CustomResource`, the provider excluded).
    pub resource_classes: usize,
    /// Resources written (one per class with a type token).
    pub resources: usize,
    /// Functions with an invoke token.
    pub functions: usize,
    pub object_types: usize,
    pub enum_types: usize,
    /// `number` properties the Python SDK did not tell apart (written as `number`).
    pub unresolved_numbers: Vec<String>,
    /// Classes or functions that were skipped, with the reason.
    pub skipped: Vec<String>,
}

/// Package facts from `package.json`.
#[derive(Debug, Clone)]
pub struct PackageInfo {
    pub name: String,
    pub version: String,
    pub npm_name: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub homepage: String,
    pub license: String,
    pub repository: String,
}

impl PackageInfo {
    pub fn read(npm_dir: &Path) -> Result<Self, String> {
        let path = npm_dir.join("package.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let j: Json =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let s = |v: &Json| v.as_str().unwrap_or_default().to_string();
        let npm_name = s(&j["name"]);
        let name = j["pulumi"]["name"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| npm_name.rsplit('/').next().unwrap_or_default().to_string());
        let repository = match &j["repository"] {
            Json::Object(o) => o.get("url").map(s).unwrap_or_default(),
            v => s(v),
        };
        Ok(PackageInfo {
            name,
            version: j["pulumi"]["version"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| s(&j["version"])),
            npm_name,
            description: s(&j["description"]),
            keywords: j["keywords"]
                .as_array()
                .map(|a| a.iter().map(s).collect())
                .unwrap_or_default(),
            homepage: s(&j["homepage"]),
            license: s(&j["license"]),
            repository,
        })
    }

    /// `github.com/pulumi/pulumi-random/sdk/v4/go/random`, derived from the repository and the
    /// major version as Pulumi's Go generator does.
    fn go_import_base(&self) -> String {
        let repo = self
            .repository
            .trim_start_matches("git+")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches(".git")
            .trim_end_matches('/');
        let major: u32 = self
            .version
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        let suffix = if major >= 2 {
            format!("/v{major}")
        } else {
            String::new()
        };
        format!("{repo}/sdk{suffix}/go/{}", self.name)
    }
}

/// The first sentence of a doc comment: notes (`> ...`) and headings are skipped, the first
/// paragraph is joined into one line and cut after its first full stop.
pub fn first_sentence(text: &str) -> String {
    let mut para = Vec::new();
    let mut skipping = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            skipping = false;
            if para.is_empty() {
                continue;
            }
            break;
        }
        if para.is_empty() && (t.starts_with('>') || t.starts_with('#') || t.starts_with("```")) {
            skipping = true;
        }
        if !skipping {
            para.push(t.to_string());
        }
    }
    let joined = para.join(" ");
    let bytes = joined.as_bytes();
    let mut in_code = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        }
        if b == b'.' && !in_code && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            let before = &joined[..i];
            let last_word = before.rsplit(' ').next().unwrap_or_default();
            if ["e.g", "i.e", "etc", "vs", "e.g.", "i.e.", "Inc", "approx"].contains(&last_word) {
                continue;
            }
            return joined[..=i].to_string();
        }
    }
    joined
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Side {
    Input,
    Output,
}

/// A reference from a property to an object type, to be emitted.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct TypeRef {
    side: Side,
    ns: Vec<String>,
    name: String,
    from_function: bool,
}

/// Where to look up integer-or-number in the Python SDK for the members being converted.
struct PyCtx {
    module: String,
    classes: Vec<String>,
    /// Function parameters are keyed by their snake_case name.
    snake: bool,
}

struct Converter<'a> {
    package: &'a str,
    python: &'a PythonIndex,
    refs: Vec<TypeRef>,
    enums_used: BTreeSet<(Vec<String>, String)>,
    unresolved: Vec<String>,
    from_function: bool,
}

fn is_named(t: &TsType, name: &str) -> bool {
    matches!(t, TsType::Named(p, _) if p.join(".") == name)
}

impl Converter<'_> {
    fn type_token(&self, ns: &[String], name: &str, from_function: bool) -> String {
        let module = if ns.is_empty() {
            "index".to_string()
        } else {
            ns.join("/")
        };
        // Types of functions and of config variables are named after them in lowerCamelCase
        // (`getZoneFilter`, `config/endpoints`); the SDKs capitalise them.
        let name = if from_function || ns == ["config"] {
            let mut c = name.chars();
            c.next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        } else {
            name.to_string()
        };
        format!("{}:{module}/{name}:{name}", self.package)
    }

    /// Converts a member's type; returns (schema, optional).
    fn convert(&mut self, t: &TsType, py: &PyCtx, prop: &str) -> (Json, bool) {
        let mut t = t;
        // Unwrap Input/Output/Promise.
        loop {
            match t {
                TsType::Named(p, args)
                    if args.len() == 1
                        && matches!(
                            p.join(".").as_str(),
                            "pulumi.Input" | "pulumi.Output" | "Promise"
                        ) =>
                {
                    t = &args[0]
                }
                _ => break,
            }
        }
        match t {
            TsType::Union(alts) => {
                let kept: Vec<&TsType> = alts
                    .iter()
                    .filter(|a| !is_named(a, "undefined") && !is_named(a, "null"))
                    .collect();
                let optional = kept.len() < alts.len();
                if kept.len() == 1 {
                    let (j, o) = self.convert(kept[0], py, prop);
                    return (j, optional || o);
                }
                let converted: Vec<Json> =
                    kept.iter().map(|a| self.convert(a, py, prop).0).collect();
                let string = json!({"type": "string"});
                let any_string = converted.contains(&string);
                let asset = json!({"$ref": "pulumi.json#/Asset"});
                let archive = json!({"$ref": "pulumi.json#/Archive"});
                let j = if converted.iter().all(|c| *c == asset || *c == archive) {
                    asset
                } else if converted.iter().all(|c| *c == json!({"type": "boolean"})) {
                    json!({"type": "boolean"})
                } else if any_string {
                    let enums: Vec<&Json> = converted
                        .iter()
                        .filter(|c| c["$ref"].as_str().is_some_and(|r| self.enum_ref(r)))
                        .collect();
                    if enums.len() + 1 == converted.len() {
                        let mut one_of = vec![string.clone()];
                        one_of.extend(enums.into_iter().cloned());
                        json!({"oneOf": one_of})
                    } else {
                        // `string | Role`, `string | PolicyDocument`: an ARN or a JSON text.
                        string
                    }
                } else {
                    let mut uniq: Vec<Json> = Vec::new();
                    for c in converted {
                        if !uniq.contains(&c) {
                            uniq.push(c);
                        }
                    }
                    if uniq.len() == 1 {
                        uniq.pop().unwrap()
                    } else {
                        json!({"oneOf": uniq})
                    }
                };
                (j, optional)
            }
            TsType::Array(inner) => {
                let (items, _) = self.convert(inner, py, prop);
                (json!({"type": "array", "items": items}), false)
            }
            TsType::Map(inner) => {
                let (v, _) = self.convert(inner, py, prop);
                (json!({"type": "object", "additionalProperties": v}), false)
            }
            TsType::Object => (json!({"$ref": "pulumi.json#/Any"}), false),
            TsType::Literal(l) => {
                if l.starts_with('"') {
                    (json!({"type": "string"}), false)
                } else {
                    (json!({"type": "number"}), false)
                }
            }
            TsType::Named(path, _) => {
                let joined = path.join(".");
                let j = match joined.as_str() {
                    "string" | "pulumi.ID" | "pulumi.URN" => json!({"type": "string"}),
                    "boolean" | "true" | "false" => json!({"type": "boolean"}),
                    "number" => {
                        let key = if py.snake {
                            prop.to_snake_case()
                        } else {
                            prop.to_string()
                        };
                        match self.python.property(&py.module, &py.classes, &key) {
                            Some(Numeric::Int) => json!({"type": "integer"}),
                            Some(Numeric::Float) => json!({"type": "number"}),
                            None => {
                                self.unresolved.push(format!(
                                    "{}/{}.{prop}",
                                    py.module,
                                    py.classes.first().cloned().unwrap_or_default()
                                ));
                                json!({"type": "number"})
                            }
                        }
                    }
                    "any" | "unknown" | "object" | "Object" | "Function" => {
                        json!({"$ref": "pulumi.json#/Any"})
                    }
                    "pulumi.asset.Archive" => json!({"$ref": "pulumi.json#/Archive"}),
                    "pulumi.asset.Asset" | "pulumi.asset.AssetOrArchive" => {
                        json!({"$ref": "pulumi.json#/Asset"})
                    }
                    _ => match path.first().map(String::as_str) {
                        Some("inputs" | "outputs") if path.len() >= 2 => {
                            let side = if path[0] == "inputs" {
                                Side::Input
                            } else {
                                Side::Output
                            };
                            let ns = path[1..path.len() - 1].to_vec();
                            let name = path[path.len() - 1].clone();
                            let token = self.type_token(&ns, &name, self.from_function);
                            self.refs.push(TypeRef {
                                side,
                                ns,
                                name,
                                from_function: self.from_function,
                            });
                            json!({"$ref": format!("#/types/{token}")})
                        }
                        Some("enums") if path.len() >= 2 => {
                            let ns = path[1..path.len() - 1].to_vec();
                            let name = path[path.len() - 1].clone();
                            let token = self.type_token(&ns, &name, false);
                            self.enums_used.insert((ns, name));
                            json!({"$ref": format!("#/types/{token}")})
                        }
                        // A resource class (`Role`, `Topic`): the SDK accepts the resource or
                        // its ARN/name; the schema type is the string.
                        _ => json!({"type": "string"}),
                    },
                };
                (j, false)
            }
        }
    }

    fn enum_ref(&self, r: &str) -> bool {
        self.enums_used
            .iter()
            .any(|(ns, name)| r == format!("#/types/{}", self.type_token(ns, name, false)))
    }

    /// Converts members to `properties` and the names that are required.
    fn properties(
        &mut self,
        members: &[Member],
        py: &PyCtx,
        secrets: &BTreeSet<String>,
    ) -> (Map<String, Json>, Vec<String>) {
        let mut props = Map::new();
        let mut required = Vec::new();
        for m in members {
            let (mut j, opt) = self.convert(&m.ty, py, &m.name);
            let obj = j.as_object_mut().expect("a property schema is an object");
            let desc = first_sentence(&m.doc.text);
            if !desc.is_empty() {
                obj.insert("description".into(), Json::String(desc));
            }
            if let Some(d) = &m.doc.deprecated {
                obj.insert("deprecationMessage".into(), Json::String(d.clone()));
            }
            if secrets.contains(&m.name) {
                obj.insert("secret".into(), Json::Bool(true));
            }
            if let Some(py_name) = self.python.escaped_name(&m.name) {
                obj.insert("language".into(), json!({"python": {"name": py_name}}));
            }
            if !(m.optional || opt) {
                required.push(m.name.clone());
            }
            props.insert(m.name.clone(), j);
        }
        required.sort();
        (props, required)
    }
}

/// An enum's doc and its (name, literal value, doc) entries.
type EnumDecl = (Doc, Vec<(String, String, Doc)>);

/// The input and output shapes of one object type, and its doc.
type Shapes = (Option<Json>, Option<Json>, Option<Doc>);

struct ObjectDecl {
    doc: Doc,
    members: Vec<Member>,
}

fn collect_dts(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "node_modules") {
                collect_dts(&path, out)?;
            }
        } else if path.to_string_lossy().ends_with(".d.ts") {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse_file(path: &Path) -> Result<Vec<dts::Located>, String> {
    dts::parse(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn rel_module(root: &Path, file: &Path) -> Vec<String> {
    file.parent()
        .unwrap_or(root)
        .strip_prefix(root)
        .unwrap_or(Path::new(""))
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

fn with_doc(mut j: Json, doc: &Doc) -> Json {
    let obj = j.as_object_mut().expect("object");
    let desc = first_sentence(&doc.text);
    if !desc.is_empty() {
        obj.insert("description".into(), Json::String(desc));
    }
    if let Some(d) = &doc.deprecated {
        obj.insert("deprecationMessage".into(), Json::String(d.clone()));
    }
    j
}

/// Builds the schema of the npm package unpacked at `npm_dir` (the folder holding
/// `package.json`), with integer/number from the Python package folder `python_dir`.
pub fn build(npm_dir: &Path, python_dir: &Path) -> Result<(Json, Report), String> {
    let info = PackageInfo::read(npm_dir)?;
    let python = PythonIndex::read(python_dir)?;
    let mut files = Vec::new();
    collect_dts(npm_dir, &mut files)?;
    files.sort();

    let mut inputs: BTreeMap<(Vec<String>, String), ObjectDecl> = BTreeMap::new();
    let mut outputs: BTreeMap<(Vec<String>, String), ObjectDecl> = BTreeMap::new();
    let mut enums: BTreeMap<(Vec<String>, String), EnumDecl> = BTreeMap::new();
    let mut sdk_files = Vec::new();
    let mut config_vars = Vec::new();
    let types_dir = npm_dir.join("types");
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with(&types_dir) {
            let rel = rel_module(&types_dir, file);
            let target = match (rel.first().map(String::as_str), name.as_str()) {
                (None, "input.d.ts") => Some(&mut inputs),
                (None, "output.d.ts") => Some(&mut outputs),
                _ => None,
            };
            if let Some(target) = target {
                for l in parse_file(file)? {
                    if let Decl::Interface { name, doc, members } = l.decl {
                        target.insert((l.namespace, name), ObjectDecl { doc, members });
                    }
                }
            } else if rel.first().is_some_and(|r| r == "enums") {
                let base = rel[1..].to_vec();
                for l in parse_file(file)? {
                    if let Decl::Enum { name, doc, values } = l.decl {
                        let mut ns = base.clone();
                        ns.extend(l.namespace);
                        enums.insert((ns, name), (doc, values));
                    }
                }
            }
            continue;
        }
        let module = rel_module(npm_dir, file);
        if module.first().is_some_and(|m| m == "config") {
            if name == "vars.d.ts" {
                for l in parse_file(file)? {
                    if let Decl::Const { name, doc, ty } = l.decl {
                        config_vars.push((name, doc, ty));
                    }
                }
            }
            continue;
        }
        if name == "index.d.ts" || name == "utilities.d.ts" {
            continue;
        }
        sdk_files.push((module, file.clone()));
    }

    let mut conv = Converter {
        package: &info.name,
        python: &python,
        refs: Vec::new(),
        enums_used: BTreeSet::new(),
        unresolved: Vec::new(),
        from_function: false,
    };
    // Every enum is emitted (the SDK exports them all); register them first so that unions
    // with them are recognised.
    for (ns, name) in enums.keys() {
        conv.enums_used.insert((ns.clone(), name.clone()));
    }
    let mut report = Report::default();
    let mut resources = Map::new();
    let mut functions = Map::new();
    let mut provider = Json::Null;

    for (module, file) in &sdk_files {
        // Hand-written helpers (mixins) may use TypeScript beyond what generated files use.
        let decls = match parse_file(file) {
            Ok(d) => d,
            Err(e) => {
                report.skipped.push(e);
                continue;
            }
        };
        let js_path = file.with_file_name(
            file.file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".d.ts", ".js"),
        );
        let facts = js::read(&std::fs::read_to_string(&js_path).unwrap_or_default());
        let interfaces: BTreeMap<&str, &Vec<Member>> = decls
            .iter()
            .filter_map(|l| match &l.decl {
                Decl::Interface { name, members, .. } => Some((name.as_str(), members)),
                _ => None,
            })
            .collect();
        let py_module = module.join("/");
        for l in &decls {
            match &l.decl {
                Decl::Class {
                    name,
                    extends,
                    doc,
                    members,
                } if extends == "pulumi.CustomResource" || extends == "pulumi.ProviderResource" => {
                    let is_provider = extends == "pulumi.ProviderResource";
                    let token = match (&facts.resource_token, is_provider) {
                        (_, true) => format!("pulumi:providers:{}", info.name),
                        (Some(t), false) => t.clone(),
                        (None, false) => {
                            report.skipped.push(format!(
                                "{}: class {name} has no __pulumiType",
                                file.display()
                            ));
                            continue;
                        }
                    };
                    if !is_provider {
                        report.resource_classes += 1;
                    }
                    conv.from_function = false;
                    let out_py = PyCtx {
                        module: py_module.clone(),
                        classes: vec![name.clone(), format!("_{name}State")],
                        snake: false,
                    };
                    let mut out_secrets = facts.secret_outputs.clone();
                    out_secrets.extend(facts.secret_inputs.iter().cloned());
                    let (props, required) = conv.properties(members, &out_py, &out_secrets);
                    let in_py = PyCtx {
                        module: py_module.clone(),
                        classes: vec![format!("{name}Args"), name.clone()],
                        snake: false,
                    };
                    let args = interfaces
                        .get(format!("{name}Args").as_str())
                        .copied()
                        .cloned()
                        .unwrap_or_default();
                    let (mut in_props, in_required) =
                        conv.properties(&args, &in_py, &facts.secret_inputs);
                    for (prop, (key, value)) in &facts.defaults {
                        if let Some(Json::Object(p)) = in_props.get_mut(prop) {
                            p.insert(key.clone(), value.clone());
                        }
                    }
                    let mut r = json!({});
                    if !props.is_empty() {
                        r["properties"] = Json::Object(props);
                    }
                    if !in_props.is_empty() {
                        r["inputProperties"] = Json::Object(in_props);
                    }
                    if !required.is_empty() {
                        r["required"] = json!(required);
                    }
                    if !in_required.is_empty() {
                        r["requiredInputs"] = json!(in_required);
                    }
                    if let Some(state) = interfaces.get(format!("{name}State").as_str()) {
                        let st_py = PyCtx {
                            module: py_module.clone(),
                            classes: vec![format!("_{name}State"), name.clone()],
                            snake: false,
                        };
                        let (st_props, _) = conv.properties(state, &st_py, &out_secrets);
                        r["stateInputs"] = json!({
                            "description": format!("Input properties used for looking up and filtering {name} resources.\n"),
                            "properties": st_props,
                            "type": "object",
                        });
                    }
                    let mut r = with_doc(r, doc);
                    if is_provider {
                        // Provider methods (`terraformConfig`) are functions taking the
                        // provider as `__self__`.
                        let mut methods = Map::new();
                        for (method, token) in &facts.methods {
                            let pascal = upper_first(method);
                            let result = decls.iter().find_map(|l| match &l.decl {
                                Decl::Interface {
                                    name: iname,
                                    members,
                                    ..
                                } if *iname == format!("{pascal}Result")
                                    && l.namespace.len() == 1
                                    && l.namespace[0] == *name =>
                                {
                                    Some(members)
                                }
                                _ => None,
                            });
                            let py = PyCtx {
                                module: py_module.clone(),
                                classes: vec![format!("{pascal}Result")],
                                snake: false,
                            };
                            let (props, required) = conv.properties(
                                result.map_or(&[][..], |m| &m[..]),
                                &py,
                                &BTreeSet::new(),
                            );
                            let mut outputs = json!({"properties": props, "type": "object"});
                            if !required.is_empty() {
                                outputs["required"] = json!(required);
                            }
                            functions.insert(
                                token.clone(),
                                json!({
                                    "inputs": {
                                        "properties": {"__self__": {"type": "ref", "$ref": "#/provider"}},
                                        "required": ["__self__"],
                                        "type": token,
                                    },
                                    "outputs": outputs,
                                }),
                            );
                            methods.insert(method.clone(), Json::String(token.clone()));
                        }
                        if !methods.is_empty() {
                            r["methods"] = Json::Object(methods);
                        }
                        provider = r;
                    } else {
                        resources.insert(token, r);
                    }
                }
                Decl::Function {
                    name,
                    doc,
                    params,
                    ret,
                } if matches!(ret, TsType::Named(p, _) if p.len() == 1 && p[0] == "Promise") => {
                    let Some(token) = facts.functions.get(name) else {
                        report.skipped.push(format!(
                            "{}: function {name} has no invoke token",
                            file.display()
                        ));
                        continue;
                    };
                    report.functions += 1;
                    conv.from_function = true;
                    let pascal = upper_first(name);
                    let mut f = json!({});
                    // The first parameter is the args bag (`args?: GetZoneArgs`), if any.
                    if let Some((_, _, TsType::Named(p, _))) = params.first()
                        && p.len() == 1
                        && let Some(args) = interfaces.get(p[0].as_str())
                    {
                        let py = PyCtx {
                            module: py_module.clone(),
                            classes: vec![format!("def {}", name.to_snake_case())],
                            snake: true,
                        };
                        let (props, required) = conv.properties(args, &py, &BTreeSet::new());
                        let mut inputs = json!({"properties": props, "type": "object"});
                        if !required.is_empty() {
                            inputs["required"] = json!(required);
                        }
                        f["inputs"] = inputs;
                    }
                    let result_name = match ret {
                        TsType::Named(_, a) => match a.first() {
                            Some(TsType::Named(p, _)) if p.len() == 1 => p[0].clone(),
                            _ => format!("{pascal}Result"),
                        },
                        _ => format!("{pascal}Result"),
                    };
                    if let Some(result) = interfaces.get(result_name.as_str()) {
                        let py = PyCtx {
                            module: py_module.clone(),
                            classes: vec![result_name.clone()],
                            snake: false,
                        };
                        let (props, required) = conv.properties(result, &py, &BTreeSet::new());
                        let mut outputs = json!({"properties": props, "type": "object"});
                        if !required.is_empty() {
                            outputs["required"] = json!(required);
                        }
                        f["outputs"] = outputs;
                    }
                    functions.insert(token.clone(), with_doc(f, doc));
                }
                _ => {}
            }
        }
    }

    // Config variables (`config/vars.d.ts`), typed like the provider's inputs.
    let mut variables = Map::new();
    conv.from_function = false;
    for (name, doc, ty) in &config_vars {
        let py = PyCtx {
            module: String::new(),
            classes: vec!["ProviderArgs".into()],
            snake: false,
        };
        let (j, _) = conv.convert(ty, &py, name);
        variables.insert(name.clone(), with_doc(j, doc));
    }

    // Object types reachable from resources, functions and config.
    let mut types = Map::new();
    let mut seen = BTreeSet::new();
    // token -> (input shape, output shape)
    let mut shapes: BTreeMap<String, Shapes> = BTreeMap::new();
    while let Some(r) = conv.refs.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        let token = conv.type_token(&r.ns, &r.name, r.from_function);
        let table = match r.side {
            Side::Input => &inputs,
            Side::Output => &outputs,
        };
        let Some(decl) = table.get(&(r.ns.clone(), r.name.clone())) else {
            report.skipped.push(format!("type {token}: not declared"));
            continue;
        };
        conv.from_function = r.from_function;
        let module = r.ns.join("/");
        let py = PyCtx {
            module,
            classes: vec![
                r.name.clone(),
                format!("{}Args", r.name),
                format!("{}Result", r.name),
            ],
            snake: false,
        };
        let (props, required) = conv.properties(&decl.members, &py, &BTreeSet::new());
        let entry = shapes.entry(token).or_default();
        let shape = json!({"properties": props, "required": required});
        match r.side {
            Side::Input => entry.0 = Some(shape),
            Side::Output => entry.1 = Some(shape),
        }
        entry.2.get_or_insert_with(|| decl.doc.clone());
    }
    for (token, (input, output, doc)) in shapes {
        let base = input.clone().or_else(|| output.clone()).expect("one shape");
        let mut props = base["properties"].as_object().cloned().unwrap_or_default();
        if let Some(out) = &output
            && let Some(o) = out["properties"].as_object()
        {
            for (k, v) in o {
                props.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let mut t = json!({"type": "object", "properties": props});
        let required = base["required"].clone();
        if required.as_array().is_some_and(|a| !a.is_empty()) {
            t["required"] = required.clone();
        }
        if input.is_some()
            && let Some(out) = &output
            && out["required"] != required
            && out["required"].as_array().is_some_and(|a| !a.is_empty())
        {
            t["language"] = json!({"nodejs": {"requiredOutputs": out["required"]}});
        }
        types.insert(token, with_doc(t, &doc.unwrap_or_default()));
        report.object_types += 1;
    }
    for ((ns, name), (doc, values)) in &enums {
        let token = conv.type_token(ns, name, false);
        let numeric = values.iter().all(|(_, v, _)| !v.starts_with('"'));
        let ty = if !numeric {
            "string"
        } else if values.iter().all(|(_, v, _)| !v.contains('.')) {
            "integer"
        } else {
            "number"
        };
        let vals: Vec<Json> = values
            .iter()
            .map(|(n, v, d)| {
                let value: Json = serde_json::from_str(v).unwrap_or(Json::String(v.clone()));
                with_doc(json!({"name": n, "value": value}), d)
            })
            .collect();
        types.insert(token, with_doc(json!({"type": ty, "enum": vals}), doc));
        report.enum_types += 1;
    }

    report.resources = resources.len();
    report.unresolved_numbers = std::mem::take(&mut conv.unresolved);
    report.unresolved_numbers.sort();
    report.unresolved_numbers.dedup();
    report.skipped.sort();

    let mut schema = json!({
        "name": info.name,
        "version": info.version,
        "description": info.description,
        "keywords": info.keywords,
        "homepage": info.homepage,
        "license": info.license,
        "repository": info.repository,
        "meta": {"moduleFormat": "(.*)(?:/[^/]*)"},
        "language": {
            "go": {"importBasePath": info.go_import_base()},
            "nodejs": {"packageName": info.npm_name},
            "python": {"packageName": format!("pulumi_{}", info.name.replace('-', "_"))},
        },
        "config": {"variables": variables},
        "resources": resources,
        "functions": functions,
        "types": types,
    });
    if !provider.is_null() {
        schema["provider"] = provider;
    }
    Ok((schema, report))
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence(
                "> A note\n> on two lines.\n\nIdentical to `a.B` with the\nexception. More."
            ),
            "Identical to `a.B` with the exception."
        );
        assert_eq!(
            first_sentence("Use e.g. this one. Then"),
            "Use e.g. this one."
        );
        assert_eq!(first_sentence("Version `1.2` here"), "Version `1.2` here");
        assert_eq!(first_sentence(""), "");
    }
}
