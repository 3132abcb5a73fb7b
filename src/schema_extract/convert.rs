//! TypeScript member types to schema property types: `pulumi.Input<T>` unwrapped, unions,
//! arrays, maps, references to object types and enums, integer or number from the Python SDK;
//! descriptions cut to their first sentence.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use serde_json::{Map, Value as Json, json};

use super::dts::{Doc, Member, TsType};
use super::python::{Numeric, PythonIndex};

/// The first sentence of a doc comment: notes (`> ...`) and headings are skipped, the first
/// paragraph is joined into one line and cut after its first full stop.
pub fn first_sentence(text: &str) -> String {
    // Paragraphs, with fenced code blocks kept whole.
    let mut paras: Vec<Vec<&str>> = vec![Vec::new()];
    let mut in_fence = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_fence = !in_fence;
        }
        if t.is_empty() && !in_fence {
            if !paras.last().unwrap().is_empty() {
                paras.push(Vec::new());
            }
            continue;
        }
        paras.last_mut().unwrap().push(t);
    }
    let is_list = |p: &[&str]| {
        p.first()
            .is_some_and(|l| l.starts_with("- ") || l.starts_with("* "))
    };
    let mut para: &[&str] = &[];
    for (i, p) in paras.iter().enumerate() {
        let Some(first) = p.first() else { continue };
        // Sections (`## Example Usage`, `## Import`) come after the description: none left.
        if first.starts_with('#') {
            break;
        }
        if first.starts_with('>')
            || first.starts_with("```")
            || first.starts_with('|')
            || is_list(p)
        {
            continue;
        }
        // A title line over a list (Cloudflare's "Accepted Permissions"), not a sentence.
        if p.len() == 1
            && !first.ends_with(['.', ':'])
            && paras.get(i + 1).is_some_and(|n| is_list(n))
        {
            continue;
        }
        para = p;
        break;
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

pub(super) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Side {
    Input,
    Output,
}

/// A reference from a property to an object type, to be emitted.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) struct TypeRef {
    pub side: Side,
    pub ns: Vec<String>,
    pub name: String,
    pub from_function: bool,
}

/// Where to look up integer-or-number in the Python SDK for the members being converted.
pub(super) struct PyCtx {
    pub module: String,
    pub classes: Vec<String>,
    /// Function parameters are keyed by their snake_case name.
    pub snake: bool,
}

pub(super) struct Converter<'a> {
    pub package: &'a str,
    pub python: &'a PythonIndex,
    /// Object types referenced so far, still to be emitted.
    pub refs: Vec<TypeRef>,
    /// Every enum of the package: unions with them become `oneOf`.
    pub enums_used: BTreeSet<(Vec<String>, String)>,
    /// `number` properties the Python SDK did not classify.
    pub unresolved: Vec<String>,
    /// Converting a function's types (their tokens are lowerCamelCase).
    pub from_function: bool,
}

fn is_named(t: &TsType, name: &str) -> bool {
    matches!(t, TsType::Named(p, _) if p.join(".") == name)
}

impl Converter<'_> {
    pub fn type_token(&self, ns: &[String], name: &str, from_function: bool) -> String {
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
    pub fn convert(&mut self, t: &TsType, py: &PyCtx, prop: &str) -> (Json, bool) {
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
    pub fn properties(
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

pub(super) fn with_doc(mut j: Json, doc: &Doc) -> Json {
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
        assert_eq!(
            first_sentence(
                "Accepted Permissions\n\n- `Read`\n\n## Example Usage\n\n```ts\nx\n\ny\n```"
            ),
            ""
        );
        assert_eq!(
            first_sentence("```ts\nconst a = 1;\n\nb\n```\n\nA queue. More."),
            "A queue."
        );
    }
}
