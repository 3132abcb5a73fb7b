//! Why `infragen import` refuses its input, as data: each refusal has a stable code (the
//! scaffolding's S-codes continue here), a message and a help line. Nothing is written when one
//! is reported.

/// Every import refusal code with a one-line description (the README's table).
pub const CODES: &[(&str, &str)] = &[
    ("S0030", "a state file that cannot be read"),
    (
        "S0031",
        "a file that is not what `pulumi stack export` writes",
    ),
    ("S0032", "a deployment version other than 3"),
    ("S0033", "state files of different projects"),
    ("S0034", "two state files of one stack"),
    ("S0035", "a `--modules` mapping that cannot be used"),
    (
        "S0036",
        "an output directory that already holds `.infra` files",
    ),
    ("S0037", "a project or stack name the language cannot spell"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Unreadable {
        path: String,
        message: String,
    },
    NotAnExport {
        path: String,
        message: String,
    },
    Version {
        path: String,
        version: String,
    },
    MixedProjects {
        first: (String, String),
        other: (String, String),
    },
    SameStack {
        stack: String,
        first: String,
        other: String,
    },
    Modules {
        path: String,
        line: usize,
        message: String,
    },
    OutputTaken {
        dir: String,
        file: String,
    },
    Unspellable {
        what: &'static str,
        name: String,
        path: String,
    },
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "S0030",
            ImportError::NotAnExport { .. } => "S0031",
            ImportError::Version { .. } => "S0032",
            ImportError::MixedProjects { .. } => "S0033",
            ImportError::SameStack { .. } => "S0034",
            ImportError::Modules { .. } => "S0035",
            ImportError::OutputTaken { .. } => "S0036",
            ImportError::Unspellable { .. } => "S0037",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ImportError::Unreadable { path, message } => format!("cannot read `{path}`: {message}"),
            ImportError::NotAnExport { path, message } => {
                format!("`{path}` is not a `pulumi stack export` file: {message}")
            }
            ImportError::Version { path, version } => {
                format!("`{path}` holds deployment version {version}; only version 3 is read")
            }
            ImportError::MixedProjects { first, other } => format!(
                "`{}` is a stack of project `{}` but `{}` one of project `{}`",
                first.0, first.1, other.0, other.1
            ),
            ImportError::SameStack {
                stack,
                first,
                other,
            } => {
                format!("`{first}` and `{other}` are both exports of stack `{stack}`")
            }
            ImportError::Modules {
                path,
                line,
                message,
            } => {
                format!("`{path}` line {line}: {message}")
            }
            ImportError::OutputTaken { dir, file } => {
                format!("`{dir}` already holds `{file}`; nothing was written")
            }
            ImportError::Unspellable { what, name, path } => {
                format!("the {what} `{name}` (in `{path}`) cannot be written in the language")
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            ImportError::Unreadable { .. } => "check the path and its permissions".into(),
            ImportError::NotAnExport { .. } => {
                "write the file with `pulumi stack export --stack <name> --file <file>`".into()
            }
            ImportError::Version { .. } => {
                "export it again with a current Pulumi CLI (`pulumi stack export` writes version 3)"
                    .into()
            }
            ImportError::MixedProjects { .. } => {
                "import each project into its own directory: one run per project".into()
            }
            ImportError::SameStack { .. } => {
                "pass one export per stack; each stack is one environment".into()
            }
            ImportError::Modules { .. } => {
                "each line is `<pattern> <module>`: a type token, kind or `name:<logical name>` (`*` matches any text) and a module name such as `storage`".into()
            }
            ImportError::OutputTaken { .. } => {
                "import into a new or empty directory".into()
            }
            ImportError::Unspellable { .. } => {
                "project names must be kebab-case identifiers (`my-app`) and stack names identifiers (`dev`, `prod_eu`); rename the stack (`pulumi stack rename`) and export it again".into()
            }
        }
    }

    /// The refusal as the command line prints it.
    pub fn render(&self) -> String {
        format!(
            "error[{}]: {}\n  = help: {}\n",
            self.code(),
            self.message(),
            self.help()
        )
    }
}
