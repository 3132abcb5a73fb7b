//! Integer or number? TypeScript has only `number`; the Python SDK's annotations say
//! `_builtins.int` or `_builtins.float`. This reads every getter (`@pulumi.getter(name="x")`
//! followed by `def x(self) -> <annotation>`) and every top-level function's parameters of an
//! unpacked wheel, per module folder and class.

use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeric {
    Int,
    Float,
}

/// `module` ("" for the package root, "s3", ...) -> class name -> property -> kind.
/// Properties are keyed by their Pulumi (camelCase) name for getters; function parameters are
/// stored under the class `def <function>` by their Python (snake_case) name.
#[derive(Debug, Default)]
pub struct PythonIndex {
    modules: BTreeMap<String, BTreeMap<String, BTreeMap<String, Numeric>>>,
    /// Property names the Python SDK escapes (`from` -> `from_`, a keyword).
    renamed: BTreeMap<String, String>,
}

fn numeric_of(annotation: &str) -> Option<Numeric> {
    let words: Vec<&str> = annotation
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .collect();
    if words.iter().any(|w| *w == "_builtins.int" || *w == "int") {
        Some(Numeric::Int)
    } else if words
        .iter()
        .any(|w| *w == "_builtins.float" || *w == "float")
    {
        Some(Numeric::Float)
    } else {
        None
    }
}

impl PythonIndex {
    /// Reads the package folder of an unpacked wheel (the folder holding `__init__.py`).
    pub fn read(package_dir: &Path) -> Result<Self, String> {
        let mut index = PythonIndex::default();
        let mut files = Vec::new();
        collect_py(package_dir, &mut files)?;
        files.sort();
        for file in files {
            let rel = file
                .parent()
                .unwrap_or(package_dir)
                .strip_prefix(package_dir)
                .unwrap_or(Path::new(""));
            let module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            index.read_file(&module, &text);
        }
        Ok(index)
    }

    pub fn read_file(&mut self, module: &str, text: &str) {
        let classes = self.modules.entry(module.to_string()).or_default();
        let mut class = String::new();
        let mut getter: Option<Option<String>> = None;
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            if let Some(rest) = line.strip_prefix("class ") {
                class = rest
                    .split(['(', ':'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                getter = None;
            } else if let Some(rest) = line.strip_prefix("def ") {
                // A top-level function: read its parameters up to `) ->` or `):`.
                class.clear();
                let name = rest
                    .split('(')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let mut sig = String::new();
                while i < lines.len() {
                    sig.push_str(lines[i]);
                    sig.push('\n');
                    if lines[i].contains(") ->") || lines[i].trim_end().ends_with("):") {
                        break;
                    }
                    i += 1;
                }
                let params = classes.entry(format!("def {name}")).or_default();
                let inner = sig.split_once('(').map_or("", |(_, r)| r);
                for part in split_params(inner) {
                    if let Some((pname, ann)) = part.split_once(':')
                        && let Some(kind) = numeric_of(ann.split('=').next().unwrap_or_default())
                    {
                        params.insert(pname.trim().to_string(), kind);
                    }
                }
            } else if trimmed.starts_with("@pulumi.getter") {
                getter = Some(
                    trimmed
                        .split_once("name=\"")
                        .and_then(|(_, r)| r.split('"').next())
                        .map(str::to_string),
                );
            } else if getter.is_some()
                && let Some(rest) = trimmed.strip_prefix("def ")
            {
                // The getter's function (other decorators such as `@deprecated` may sit between).
                let g = getter.take().flatten();
                let py_name = rest.split('(').next().unwrap_or_default().trim();
                let name = g.unwrap_or_else(|| py_name.to_string());
                if !class.is_empty()
                    && let Some((_, ann)) = rest.split_once("->")
                {
                    if let Some(kind) = numeric_of(ann) {
                        classes
                            .entry(class.clone())
                            .or_default()
                            .insert(name.clone(), kind);
                    }
                    if py_name.ends_with('_') && !name.ends_with('_') {
                        self.renamed.insert(name, py_name.to_string());
                    }
                }
            }
            i += 1;
        }
    }

    /// The Python name of a property the SDK escapes because it is a keyword (`from_`).
    pub fn escaped_name(&self, property: &str) -> Option<&str> {
        self.renamed.get(property).map(String::as_str)
    }

    /// The kind of a property of `class` in `module`, trying the class names the Python
    /// generator derives from one TypeScript name (`X`, `XArgs`, `XResult`, `_XState`), then the
    /// same class in any module.
    pub fn property(&self, module: &str, classes: &[String], property: &str) -> Option<Numeric> {
        let lookup = |m: &BTreeMap<String, BTreeMap<String, Numeric>>| {
            classes
                .iter()
                .find_map(|c| m.get(c).and_then(|props| props.get(property)).copied())
        };
        if let Some(k) = self.modules.get(module).and_then(lookup) {
            return Some(k);
        }
        self.modules.values().find_map(lookup)
    }
}

/// Splits a parameter list at top-level commas (annotations hold `[..., ...]`).
fn split_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => {
                depth -= 1;
                if depth < 0 {
                    break;
                }
            }
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

fn collect_py(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        if path.is_dir() {
            collect_py(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn getters_and_function_parameters() {
        let src = r#"
class RandomShuffleArgs:
    @_builtins.property
    @pulumi.getter(name="resultCount")
    def result_count(self) -> pulumi.Input[Optional[_builtins.int]]:
        return pulumi.get(self, "result_count")

    @_builtins.property
    @pulumi.getter
    def ratio(self) -> pulumi.Input[Optional[Sequence[_builtins.float]]]:
        return pulumi.get(self, "ratio")

    @_builtins.property
    @pulumi.getter(name="from")
    @_utilities.deprecated("""Deprecated.""")
    def from_(self) -> Optional[_builtins.int]:
        return pulumi.get(self, "from_")

    @_builtins.property
    @pulumi.getter
    def seed(self) -> pulumi.Input[Optional[_builtins.str]]:
        return pulumi.get(self, "seed")

def get_zone(filter: Optional[Union['GetZoneFilterArgs', 'GetZoneFilterArgsDict']] = None,
             max_ttl: Optional[_builtins.int] = None,
             opts: Optional[pulumi.InvokeOptions] = None) -> AwaitableGetZoneResult:
    pass
"#;
        let mut index = PythonIndex::default();
        index.read_file("", src);
        let c = |s: &str| vec![s.to_string()];
        assert_eq!(
            index.property("", &c("RandomShuffleArgs"), "resultCount"),
            Some(Numeric::Int)
        );
        assert_eq!(
            index.property("", &c("RandomShuffleArgs"), "ratio"),
            Some(Numeric::Float)
        );
        assert_eq!(index.property("", &c("RandomShuffleArgs"), "seed"), None);
        assert_eq!(
            index.property("", &c("RandomShuffleArgs"), "from"),
            Some(Numeric::Int)
        );
        assert_eq!(index.escaped_name("from"), Some("from_"));
        assert_eq!(
            index.property("", &c("def get_zone"), "max_ttl"),
            Some(Numeric::Int)
        );
    }
}
