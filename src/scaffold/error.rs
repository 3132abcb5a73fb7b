//! Why a scaffolding command refuses, as data: each refusal has a stable code, a message and a
//! help line, and is rendered in one place. Nothing is written when one is reported.

/// Every scaffolding code with a one-line description (the README's table).
pub const CODES: &[(&str, &str)] = &[
    ("S0001", "a name that is not an identifier"),
    ("S0002", "a provider without a shipped schema"),
    (
        "S0003",
        "a provider version the shipped schema does not have",
    ),
    ("S0004", "unknown resource kind"),
    (
        "S0005",
        "a resource kind whose provider the project does not declare",
    ),
    ("S0006", "a name already taken"),
    ("S0007", "a directory that holds no project"),
    ("S0008", "a file that exists (pass --force to overwrite it)"),
    ("S0009", "a file that cannot be read or written"),
    ("S0010", "an unknown starter template"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaffoldError {
    BadIdentifier {
        what: &'static str,
        value: String,
    },
    UnknownProvider {
        name: String,
        known: Vec<String>,
    },
    UnknownVersion {
        provider: String,
        version: String,
        shipped: String,
    },
    UnknownKind {
        kind: String,
        suggestion: Option<String>,
    },
    ProviderNotDeclared {
        kind: String,
        provider: String,
        declared: Vec<String>,
    },
    Duplicate {
        what: &'static str,
        name: String,
        file: String,
    },
    NoProject {
        dir: String,
    },
    Exists {
        path: String,
    },
    Io {
        path: String,
        message: String,
    },
    UnknownTemplate {
        name: String,
        /// `new --list`'s text.
        list: String,
    },
}

impl ScaffoldError {
    pub fn code(&self) -> &'static str {
        match self {
            ScaffoldError::BadIdentifier { .. } => "S0001",
            ScaffoldError::UnknownProvider { .. } => "S0002",
            ScaffoldError::UnknownVersion { .. } => "S0003",
            ScaffoldError::UnknownKind { .. } => "S0004",
            ScaffoldError::ProviderNotDeclared { .. } => "S0005",
            ScaffoldError::Duplicate { .. } => "S0006",
            ScaffoldError::NoProject { .. } => "S0007",
            ScaffoldError::Exists { .. } => "S0008",
            ScaffoldError::Io { .. } => "S0009",
            ScaffoldError::UnknownTemplate { .. } => "S0010",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ScaffoldError::BadIdentifier { what, value } => {
                format!("`{value}` is not a valid {what} name")
            }
            ScaffoldError::UnknownProvider { name, .. } => {
                format!("no shipped schema for provider `{name}`")
            }
            ScaffoldError::UnknownVersion {
                provider, version, ..
            } => format!("`{provider}` has no shipped schema at version `{version}`"),
            ScaffoldError::UnknownKind { kind, .. } => format!("unknown resource kind `{kind}`"),
            ScaffoldError::ProviderNotDeclared { kind, provider, .. } => format!(
                "`{kind}` belongs to provider `{provider}`, which the project does not declare"
            ),
            ScaffoldError::Duplicate { what, name, file } => {
                format!("{what} `{name}` already exists in `{file}`")
            }
            ScaffoldError::NoProject { dir } => {
                format!("`{dir}` holds no project (no `project.infra`)")
            }
            ScaffoldError::Exists { path } => format!("`{path}` already exists"),
            ScaffoldError::Io { path, message } => format!("`{path}`: {message}"),
            ScaffoldError::UnknownTemplate { name, .. } => format!("no starter named `{name}`"),
        }
    }

    pub fn help(&self) -> Option<String> {
        match self {
            ScaffoldError::BadIdentifier { .. } => Some(
                "names start with a lowercase letter and hold lowercase letters, digits and `_`"
                    .into(),
            ),
            ScaffoldError::UnknownProvider { known, .. } => {
                Some(format!("shipped providers: {}", known.join(", ")))
            }
            ScaffoldError::UnknownVersion { shipped, .. } => Some(format!(
                "the shipped version is `{shipped}`; other versions need their schema \
                 (`infragen schema add`)"
            )),
            ScaffoldError::UnknownKind { suggestion, .. } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`infragen schema list` shows the kinds".into(),
            }),
            ScaffoldError::ProviderNotDeclared {
                provider, declared, ..
            } => Some(format!(
                "add `{provider}` to the project's `providers {{ }}` (declared: {})",
                if declared.is_empty() {
                    "none".to_string()
                } else {
                    declared.join(", ")
                }
            )),
            ScaffoldError::Duplicate { .. } => Some("choose another name".into()),
            ScaffoldError::NoProject { .. } => Some(
                "pass the project's directory with `--project`, or create one with `infragen new`"
                    .into(),
            ),
            ScaffoldError::Exists { .. } => {
                Some("nothing was written; pass --force to overwrite it".into())
            }
            ScaffoldError::Io { .. } => None,
            ScaffoldError::UnknownTemplate { list, .. } => Some(format!(
                "the starters (`infragen new --list`):\n{}",
                list.lines()
                    .map(|l| format!("      {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }

    /// `error[S0001]: message` and, where there is one, `  = help: ...`.
    pub fn render(&self) -> String {
        let mut out = format!("error[{}]: {}\n", self.code(), self.message());
        if let Some(help) = self.help() {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}
