//! Binding rules, read from data (`schemas/bindings.json` and any project-provided rules file):
//! which kinds may be bound to which targets and what each binding lowers to.

use serde::Deserialize;
use serde_json::Value as Json;

#[derive(Debug, Clone, Deserialize)]
pub struct RuleFile {
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub from: String,
    pub to: String,
    pub label: String,
    /// Append `item` to the list at this property path (`template.containers[0].envs`).
    #[serde(default)]
    pub append: Option<String>,
    #[serde(default)]
    pub item: Option<Json>,
    /// Set map entry `{binding}` = `value` at this property path.
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    pub value: Option<Json>,
    /// Create a resource of this type token.
    #[serde(default)]
    pub create: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub inputs: Option<Json>,
}

/// What a binding's target is, as the checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind<'a> {
    Resource(&'a str),
    Name(&'a str),
    Call(&'a str),
    Var,
    Secret,
}

impl Rule {
    pub fn matches(&self, from: &str, target: &TargetKind) -> bool {
        self.from == from
            && match target {
                TargetKind::Resource(t) | TargetKind::Name(t) => self.to == *t,
                TargetKind::Call(f) => self.to.strip_suffix("()") == Some(f),
                TargetKind::Var => self.to == "var",
                TargetKind::Secret => self.to == "secret",
            }
    }
}

pub fn parse_rules(text: &str) -> Result<Vec<Rule>, String> {
    let file: RuleFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for r in &file.rules {
        let forms = [r.append.is_some(), r.entry.is_some(), r.create.is_some()];
        if forms.iter().filter(|f| **f).count() != 1 {
            return Err(format!(
                "rule {} -> {} must have exactly one of `append`, `entry`, `create`",
                r.from, r.to
            ));
        }
    }
    Ok(file.rules)
}
