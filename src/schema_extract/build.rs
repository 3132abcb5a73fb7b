//! Assembles a Pulumi Package Schema from the parsed SDK: resources (class = outputs,
//! `<Class>Args` = inputs, `<Class>State` = state inputs), functions (`<fn>Args` / `<Fn>Result`),
//! the object types and enums they reach, the provider and its config.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;
use serde_json::{Map, Value as Json, json};

use super::convert::{Converter, PyCtx, Side, upper_first, with_doc};
use super::dts::{self, Decl, Doc, Member, TsType};
use super::js;
use super::package::PackageInfo;
use super::python::PythonIndex;

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
                    if !facts.aliases.is_empty() {
                        let aliases: Vec<Json> =
                            facts.aliases.iter().map(|t| json!({"type": t})).collect();
                        r["aliases"] = Json::Array(aliases);
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
