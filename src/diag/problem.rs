//! Every problem infragen reports, as plain data, and the one place that turns each into a
//! diagnostic with its stable code. Codes are documented in the README; never renumber them.

use super::{Diagnostic, Label, Severity};
use crate::syntax::Span;

/// Every diagnostic code with a one-line description (the README's table).
pub const CODES: &[(&str, &str)] = &[
    ("E0001", "syntax error"),
    (
        "E0002",
        "brackets or operators nested deeper than the parser allows",
    ),
    ("E0003", "a file that is not valid UTF-8"),
    ("E0100", "files that belong to no project"),
    ("E0101", "two project declarations in one directory"),
    ("E0102", "unknown project setting"),
    ("E0103", "unknown target language"),
    ("E0104", "no schema for a declared provider"),
    ("E0105", "a resource's provider is not declared"),
    ("E0106", "a schema or binding-rules file cannot be read"),
    ("E0107", "unknown placeholder in a pattern"),
    ("E0108", "unknown project layout"),
    ("E0200", "unknown resource kind"),
    ("E0201", "unknown property"),
    ("E0202", "mismatched types"),
    ("E0203", "missing required property"),
    (
        "E0204",
        "unknown output of a resource, instance or stack reference",
    ),
    ("E0205", "unknown name"),
    ("E0206", "unknown module"),
    ("E0207", "unknown config key"),
    ("E0208", "unknown environment"),
    ("E0209", "per-environment value misses an environment"),
    ("E0210", "unknown function"),
    ("E0211", "wrong number of arguments"),
    ("E0212", "unknown type"),
    ("E0213", "config key has no value in an environment"),
    ("E0214", "a literal is required"),
    ("E0215", "binding-target function used as a value"),
    ("E0300", "duplicate name"),
    (
        "E0301",
        "two resources get the same physical name in one environment",
    ),
    ("E0302", "dependency cycle"),
    ("E0303", "modules read each other in a cycle"),
    ("E0400", "illegal binding"),
    (
        "E0500",
        "stack reference to an output the producer does not export",
    ),
    (
        "E0501",
        "stack reference type differs from the producer's export",
    ),
    ("E0502", "malformed stack name"),
    ("E0600", "secret written as a plain value"),
    ("E0601", "secret value bound as plain text"),
    ("E0700", "unknown resource option"),
    ("E0701", "unknown component"),
    ("E0702", "unknown component parameter"),
    ("E0703", "missing component parameter"),
    ("E0800", "a name that cannot be used as a file name"),
    (
        "E0801",
        "two names that become one file name on a case-insensitive file system",
    ),
    (
        "E0802",
        "a name that converts to no usable file name (empty, reserved or too long)",
    ),
    (
        "E0900",
        "a component instance's arguments read a resource that reads the instance",
    ),
    (
        "E0901",
        "the parts of a module that is a folder of files read each other in a cycle",
    ),
    ("E1000", "a locked schema file differs from its lock entry"),
    (
        "E1001",
        "a provider's version differs from the schema the lock records",
    ),
    (
        "E1002",
        "the lock file or a schema it records cannot be read",
    ),
    ("W0201", "deprecated property"),
    ("E1100", "unknown provider setting"),
    (
        "E1101",
        "a provider setting that is not known before deployment",
    ),
    ("E1102", "a secret that is only part of a provider setting"),
    ("E1103", "a resource's provider belongs to another package"),
    ("E1104", "an explicit provider on a component instance"),
    ("E1105", "a custom timeout that is not a duration"),
    (
        "E1106",
        "a resource lifecycle option on a component instance",
    ),
    (
        "E1150",
        "a `let` name already names a resource, instance or `let` of the module",
    ),
    ("E1151", "a ternary `a ? b : c` (infragen has none)"),
    (
        "E1152",
        "`[...]` or `.name` on a value that has no items or properties",
    ),
    ("E1153", "a method call `value.f(...)` (infragen has none)"),
    (
        "E1154",
        "a function argument other than the first that is unknown until deployment",
    ),
    (
        "E1155",
        "a logical name (`as ...`) inside a component that is not a plain string",
    ),
    ("E1156", "`file(...)` names a file that cannot be read"),
    ("E1157", "`let` values that refer to each other in a cycle"),
    (
        "E1158",
        "a data source that is not a function of the provider's schema",
    ),
    (
        "E1159",
        "a `format(...)` pattern that is not a literal or does not match its arguments",
    ),
    (
        "E1160",
        "a list indexed by other than an integer literal, a map by other than a string literal",
    ),
    (
        "E1161",
        "an item a literal list or map, or a config value in some environment, does not have",
    ),
    ("E1162", "a property the object type does not have"),
    (
        "E1163",
        "a data source called with other than one object of arguments",
    ),
    ("E1164", "an argument the data source does not take"),
    ("E1165", "a required data source argument left out"),
    ("E1166", "a data source's whole result used as a value"),
    (
        "E1200",
        "a condition or operand that is not known before deployment",
    ),
    (
        "E1201",
        "a conditional resource read where it may not exist",
    ),
    ("E1202", "an `if` without `else` where a value is required"),
    ("E1203", "`when` on a resource inside a component"),
    (
        "E1250",
        "a loop over a collection not known before deployment",
    ),
    (
        "E1251",
        "a loop over something other than a map or a list of strings",
    ),
    ("E1252", "a key that occurs twice in a loop's collection"),
    ("E1253", "an item `x[key]` of a resource that is not looped"),
    (
        "E1254",
        "an item key that is not in the looped resource's collection",
    ),
    (
        "E1255",
        "an item key that is neither a literal nor a loop's key over the same collection",
    ),
    ("E1256", "`for` on a resource inside a component"),
    ("E1257", "bindings in a looped resource"),
    ("E1258", "a looped resource read as one resource"),
    (
        "E1259",
        "a loop variable named like the other one or like a name the program uses",
    ),
    (
        "E1320",
        "a computed logical name that is not known before deployment",
    ),
    (
        "E1321",
        "two resources of one kind get the same logical name in an environment",
    ),
    ("E1322", "a malformed alias"),
    ("E1323", "an alias that names the resource itself"),
    ("E1324", "a malformed `moved` block"),
    ("E1325", "`moved` from a resource that is still declared"),
    ("E1326", "a move into or out of a component"),
    ("W1320", "a `moved` block that changes nothing Pulumi sees"),
    (
        "E1327",
        "a malformed `archive(...)` or one naming a missing file",
    ),
    (
        "W1370",
        "a scaffolded placeholder value not filled in yet (`// fill in: ...`)",
    ),
    ("E1380", "an `import` id not known before deployment"),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // ---- syntax ----
    TooDeep {
        span: Span,
        limit: usize,
    },
    InvalidUtf8 {
        span: Span,
    },
    Syntax {
        span: Span,
        message: String,
        help: Option<String>,
    },
    // ---- workspace and project ----
    NoProject {
        span: Span,
        dir: String,
    },
    DuplicateProject {
        span: Span,
        name: String,
        first: Span,
    },
    UnknownProjectSetting {
        span: Span,
        key: String,
        suggestion: Option<String>,
    },
    UnknownLanguage {
        span: Span,
        value: String,
    },
    UnknownProvider {
        span: Span,
        name: String,
        known: Vec<String>,
    },
    UnknownLayout {
        span: Span,
        value: String,
    },
    ProviderNotDeclared {
        span: Span,
        provider: String,
    },
    SchemaUnreadable {
        span: Span,
        path: String,
        reason: String,
    },
    BadPattern {
        span: Span,
        placeholder: String,
        allowed: Vec<String>,
    },
    // ---- names and types ----
    UnknownKind {
        span: Span,
        kind: String,
        suggestion: Option<String>,
    },
    UnknownProperty {
        span: Span,
        kind: String,
        property: String,
        suggestion: Option<String>,
    },
    TypeMismatch {
        span: Span,
        expected: String,
        found: String,
        context: String,
    },
    MissingProperty {
        span: Span,
        kind: String,
        property: String,
        ty: String,
    },
    UnknownAttribute {
        span: Span,
        target: String,
        attribute: String,
        suggestion: Option<String>,
    },
    UnknownReference {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownModule {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownConfig {
        span: Span,
        key: String,
        suggestion: Option<String>,
    },
    UnknownEnv {
        span: Span,
        env: String,
        suggestion: Option<String>,
    },
    MissingEnvCase {
        span: Span,
        missing: Vec<String>,
    },
    UnknownFunction {
        span: Span,
        name: String,
        suggestion: Option<String>,
        /// Every function a value may call, in the order of the table.
        functions: Vec<String>,
    },
    WrongArgCount {
        span: Span,
        name: String,
        expected: usize,
        found: usize,
    },
    UnknownType {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    ConfigMissingInEnv {
        span: Span,
        key: String,
        env: String,
        env_span: Span,
    },
    NotConstant {
        span: Span,
        what: String,
    },
    MisplacedFunction {
        span: Span,
        name: String,
    },
    DeprecatedProperty {
        span: Span,
        property: String,
        message: String,
    },
    // ---- conditions ----
    /// A condition (or an operand of `==`, `&&`, ...) reads `reads`, unknown before deployment.
    UnknownCondition {
        span: Span,
        reads: String,
    },
    UnguardedConditional {
        span: Span,
        resource: String,
        condition: Span,
    },
    IfWithoutElse {
        span: Span,
    },
    WhenInComponent {
        span: Span,
    },
    // ---- duplicates and graph ----
    Duplicate {
        span: Span,
        what: String,
        name: String,
        first: Span,
    },
    DuplicatePhysicalName {
        span: Span,
        name: String,
        env: String,
        first: Span,
        kind: String,
    },
    Cycle {
        span: Span,
        path: Vec<String>,
        spans: Vec<Span>,
    },
    ModuleCycle {
        span: Span,
        path: Vec<String>,
    },
    // ---- what no target language can write ----
    InstanceReadsItself {
        span: Span,
        instance: String,
        read: String,
        path: Vec<String>,
    },
    PartCycle {
        span: Span,
        module: String,
        path: Vec<String>,
    },
    // ---- bindings ----
    IllegalBinding {
        span: Span,
        from: String,
        to: String,
        legal: Vec<String>,
    },
    // ---- stack references ----
    MissingStackOutput {
        span: Span,
        project: String,
        export: String,
        suggestion: Option<String>,
    },
    StackOutputType {
        span: Span,
        export: String,
        declared: String,
        exported: String,
        export_span: Span,
    },
    BadStackName {
        span: Span,
        name: String,
    },
    // ---- secrets ----
    PlainSecret {
        span: Span,
        what: String,
    },
    SecretInPlainBinding {
        span: Span,
        binding: String,
    },
    // ---- options and components ----
    UnknownOption {
        span: Span,
        option: String,
        suggestion: Option<String>,
    },
    UnknownComponent {
        span: Span,
        name: String,
        suggestion: Option<String>,
    },
    UnknownParam {
        span: Span,
        component: String,
        param: String,
        suggestion: Option<String>,
    },
    MissingParam {
        span: Span,
        component: String,
        param: String,
    },
    UnsafePath {
        span: Span,
        name: String,
    },
    FileNameCollision {
        span: Span,
        what: String,
        name: String,
        other: String,
        first: Span,
    },
    UnusableFileName {
        span: Span,
        what: String,
        name: String,
        reason: String,
    },
    // ---- locked schemas ----
    LockedSchemaChanged {
        span: Span,
        provider: String,
        version: String,
        file: String,
        locked: String,
        actual: String,
    },
    LockedVersionDiffers {
        span: Span,
        provider: String,
        declared: String,
        locked: String,
    },
    LockUnreadable {
        span: Span,
        reason: String,
    },
    // ---- providers ----
    UnknownProviderSetting {
        span: Span,
        package: String,
        setting: String,
        suggestion: Option<String>,
    },
    ProviderSettingNotKnown {
        span: Span,
        setting: String,
    },
    PartialSecretSetting {
        span: Span,
        setting: String,
    },
    ProviderPackageMismatch {
        span: Span,
        provider: String,
        provider_package: String,
        package: String,
    },
    InstanceProvider {
        span: Span,
    },
    BadDuration {
        span: Span,
        value: String,
    },
    InstanceOption {
        span: Span,
        option: String,
    },
    /// Local values, built-in functions, logical names (`src/diag/values.rs`).
    Value(super::ValueProblem),
    /// Computed logical names and aliases (`src/diag/names.rs`).
    Name(super::NameProblem),
    /// Indexing and data sources (`src/diag/access.rs`).
    Access(super::AccessProblem),
    Loop(super::LoopProblem),
    /// A value `infragen add` wrote as a placeholder, still marked `// fill in: <what>`.
    UnfilledPlaceholder {
        span: Span,
        what: String,
    },
    ImportIdNotKnown {
        span: Span,
        reads: String,
    },
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Problem {
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Syntax { .. } => "E0001",
            TooDeep { .. } => "E0002",
            InvalidUtf8 { .. } => "E0003",
            NoProject { .. } => "E0100",
            DuplicateProject { .. } => "E0101",
            UnknownProjectSetting { .. } => "E0102",
            UnknownLanguage { .. } => "E0103",
            UnknownProvider { .. } => "E0104",
            ProviderNotDeclared { .. } => "E0105",
            SchemaUnreadable { .. } => "E0106",
            BadPattern { .. } => "E0107",
            UnknownLayout { .. } => "E0108",
            UnknownKind { .. } => "E0200",
            UnknownProperty { .. } => "E0201",
            TypeMismatch { .. } => "E0202",
            MissingProperty { .. } => "E0203",
            UnknownAttribute { .. } => "E0204",
            UnknownReference { .. } => "E0205",
            UnknownModule { .. } => "E0206",
            UnknownConfig { .. } => "E0207",
            UnknownEnv { .. } => "E0208",
            MissingEnvCase { .. } => "E0209",
            UnknownFunction { .. } => "E0210",
            WrongArgCount { .. } => "E0211",
            UnknownType { .. } => "E0212",
            ConfigMissingInEnv { .. } => "E0213",
            NotConstant { .. } => "E0214",
            MisplacedFunction { .. } => "E0215",
            Duplicate { .. } => "E0300",
            DuplicatePhysicalName { .. } => "E0301",
            Cycle { .. } => "E0302",
            ModuleCycle { .. } => "E0303",
            IllegalBinding { .. } => "E0400",
            MissingStackOutput { .. } => "E0500",
            StackOutputType { .. } => "E0501",
            BadStackName { .. } => "E0502",
            PlainSecret { .. } => "E0600",
            SecretInPlainBinding { .. } => "E0601",
            UnknownOption { .. } => "E0700",
            UnknownComponent { .. } => "E0701",
            UnknownParam { .. } => "E0702",
            MissingParam { .. } => "E0703",
            UnsafePath { .. } => "E0800",
            FileNameCollision { .. } => "E0801",
            UnusableFileName { .. } => "E0802",
            InstanceReadsItself { .. } => "E0900",
            PartCycle { .. } => "E0901",
            DeprecatedProperty { .. } => "W0201",
            LockedSchemaChanged { .. } => "E1000",
            LockedVersionDiffers { .. } => "E1001",
            LockUnreadable { .. } => "E1002",
            UnknownProviderSetting { .. } => "E1100",
            ProviderSettingNotKnown { .. } => "E1101",
            PartialSecretSetting { .. } => "E1102",
            ProviderPackageMismatch { .. } => "E1103",
            InstanceProvider { .. } => "E1104",
            BadDuration { .. } => "E1105",
            InstanceOption { .. } => "E1106",
            Value(p) => p.code(),
            Access(p) => p.code(),
            Loop(p) => p.code(),
            UnknownCondition { .. } => "E1200",
            UnguardedConditional { .. } => "E1201",
            IfWithoutElse { .. } => "E1202",
            WhenInComponent { .. } => "E1203",
            Name(p) => p.code(),
            UnfilledPlaceholder { .. } => "W1370",
            ImportIdNotKnown { .. } => "E1380",
        }
    }

    pub fn into_diagnostic(self) -> Diagnostic {
        use Problem::*;
        let code = self.code();
        let severity = if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut secondary = Vec::new();
        // The suggestion replaces the primary span, except where the span is one segment of a
        // path or names what the suggestion is not.
        let replaces_span = !matches!(self, UnknownReference { .. } | MissingStackOutput { .. });
        let mut suggested: Option<String> = None;
        let mut help_did_you_mean = |s: &Option<String>| {
            suggested = s.clone();
            s.as_ref().map(|s| format!("did you mean `{s}`?"))
        };
        let (span, message, label, help): (Span, String, String, Option<String>) = match self {
            Syntax { span, message, help } => (span, "syntax error".into(), message, help),
            InvalidUtf8 { span } => (
                span,
                "the file is not valid UTF-8".into(),
                "the first invalid byte is here (shown as �)".into(),
                Some("save the file as UTF-8".into()),
            ),
            TooDeep { span, limit } => (
                span,
                format!("brackets or operators nested more than {limit} levels deep"),
                format!("level {} opens here", limit + 1),
                Some("the file is not read further; flatten the value or split it across several resources".into()),
            ),
            NoProject { span, dir } => (
                span,
                if dir.is_empty() {
                    "no `project` declaration found in the workspace's own directory".to_string()
                } else {
                    format!("no `project` declaration found in `{dir}`")
                },
                "these files belong to no project".into(),
                Some("add a `project.infra` with `project <name> { ... }` to the directory".into()),
            ),
            DuplicateProject { span, name, first } => {
                secondary.push(Label::new(first, "first declared here"));
                (
                    span,
                    format!("project `{name}` is declared twice"),
                    "second declaration".into(),
                    Some("a directory holds one project; put the other in its own directory".into()),
                )
            }
            UnknownProjectSetting { span, key, suggestion } => (
                span,
                format!("unknown project setting `{key}`"),
                "not a project setting".into(),
                help_did_you_mean(&suggestion).or(Some(
                    "settings are `description`, `language`, `layout`, `naming`, `schemas`, `bindings`, `organization`".into(),
                )),
            ),
            UnknownLayout { span, value } => (
                span,
                format!("unknown project layout `{value}`"),
                "not a project layout".into(),
                Some(format!(
                    "use one of {}: `flat` puts module files beside the entry point, `modules` in a `modules/` folder",
                    crate::ir::ProjectLayout::choices()
                )),
            ),
            UnknownLanguage { span, value } => (
                span,
                format!("unknown target language `{value}`"),
                "not a supported language".into(),
                Some(format!("use one of {}", crate::ir::Language::choices())),
            ),
            UnknownProvider { span, name, known } => (
                span,
                format!("no schema for provider `{name}`"),
                "unknown provider".into(),
                Some(format!(
                    "known providers: {}; add a schema with `schemas = [\"path/to/schema.json\"]`",
                    list(&known)
                )),
            ),
            ProviderNotDeclared { span, provider } => (
                span,
                format!("provider `{provider}` is used but not declared"),
                format!("needs provider `{provider}`"),
                Some(format!(
                    "add `{provider} = \"<version>\"` to the project's `providers` block"
                )),
            ),
            SchemaUnreadable { span, path, reason } => (
                span,
                format!("cannot read schema `{path}`: {reason}"),
                "schema named here".into(),
                None,
            ),
            BadPattern { span, placeholder, allowed } => (
                span,
                format!("unknown placeholder `{{{placeholder}}}` in pattern"),
                "unknown placeholder".into(),
                Some(format!("placeholders here are {}", list(&allowed))),
            ),
            UnknownKind { span, kind, suggestion } => (
                span,
                format!("unknown resource kind `{kind}`"),
                "no schema defines this kind".into(),
                help_did_you_mean(&suggestion),
            ),
            UnknownProperty { span, kind, property, suggestion } => (
                span,
                format!("`{kind}` has no input property `{property}`"),
                "unknown property".into(),
                help_did_you_mean(&suggestion),
            ),
            TypeMismatch { span, expected, found, context } => (
                span,
                format!("mismatched types: {context} expects {expected}, found {found}"),
                format!("expected {expected}"),
                None,
            ),
            MissingProperty { span, kind, property, ty } => (
                span,
                format!("`{kind}` requires property `{property}`"),
                format!("missing `{property}`"),
                Some(format!("add `{property} = <{ty}>`")),
            ),
            UnknownAttribute { span, target, attribute, suggestion } => (
                span,
                format!("`{target}` has no output `{attribute}`"),
                "unknown output".into(),
                help_did_you_mean(&suggestion),
            ),
            UnknownReference { span, name, suggestion } => (
                span,
                format!("cannot find `{name}` in this scope"),
                "not found".into(),
                help_did_you_mean(&suggestion),
            ),
            UnknownModule { span, name, suggestion } => (
                span,
                format!("no module or resource named `{name}`"),
                "unknown module".into(),
                help_did_you_mean(&suggestion),
            ),
            UnknownConfig { span, key, suggestion } => (
                span,
                format!("unknown config key `{key}`"),
                "not declared in `config`".into(),
                help_did_you_mean(&suggestion)
                    .or(Some(format!("declare it: `config {{ {key}: string }}`"))),
            ),
            UnknownEnv { span, env, suggestion } => (
                span,
                format!("unknown environment `{env}`"),
                "no `env` block declares this".into(),
                help_did_you_mean(&suggestion),
            ),
            MissingEnvCase { span, missing } => (
                span,
                format!("per-environment value has no case for {}", list(&missing)),
                "incomplete choice".into(),
                Some("add the missing environments or a `default:` case".into()),
            ),
            UnknownFunction { span, name, suggestion, functions } => (
                span,
                format!("infragen has no function `{name}`; functions are: {}", list(&functions)),
                "not a function".into(),
                help_did_you_mean(&suggestion).or(Some(
                    "in `bind`, targets also take `project(...)` and `vectorize(...)`".into(),
                )),
            ),
            WrongArgCount { span, name, expected, found } => (
                span,
                format!("`{name}` takes {expected} argument(s), {found} given"),
                "wrong number of arguments".into(),
                None,
            ),
            UnknownType { span, name, suggestion } => (
                span,
                format!("unknown type `{name}`"),
                "not a type".into(),
                help_did_you_mean(&suggestion).or(Some(
                    "types are string, int, number, bool, secret, list<T>, map<T>, secret<T>, or a resource kind"
                        .into(),
                )),
            ),
            ConfigMissingInEnv { span, key, env, env_span } => {
                secondary.push(Label::new(env_span, format!("`{env}` sets no `{key}`")));
                (
                    span,
                    format!("config key `{key}` has no value in environment `{env}`"),
                    "declared without a default".into(),
                    Some(format!("give `{key}` a default or set it in `env {env}`")),
                )
            }
            NotConstant { span, what } => (
                span,
                format!("{what} must be a literal value"),
                "not a literal".into(),
                Some("references, config and outputs are not known here; write the value itself".into()),
            ),
            MisplacedFunction { span, name } => (
                span,
                format!("`{name}(...)` names a binding target and is only allowed after `bind NAME ->`"),
                "not a value".into(),
                None,
            ),
            DeprecatedProperty { span, property, message } => (
                span,
                format!("property `{property}` is deprecated"),
                "deprecated".into(),
                Some(message),
            ),
            Duplicate { span, what, name, first } => {
                secondary.push(Label::new(first, "first defined here"));
                (
                    span,
                    format!("{what} `{name}` is defined twice"),
                    "defined again here".into(),
                    Some("rename one of them".into()),
                )
            }
            DuplicatePhysicalName { span, name, env, first, kind } => {
                secondary.push(Label::new(first, "also named here"));
                (
                    span,
                    format!("two `{kind}` resources get the physical name `{name}` in `{env}`"),
                    format!("`{name}` in `{env}`"),
                    Some("give one of them another name".into()),
                )
            }
            Cycle { span, path, spans } => {
                for (i, s) in spans.iter().enumerate().skip(1) {
                    secondary.push(Label::new(*s, format!("`{}` depends on `{}`", path[i], path[i + 1])));
                }
                (
                    span,
                    format!("circular dependency detected: {}", path.join(" -> ")),
                    format!("`{}` depends on `{}`", path[0], path.get(1).cloned().unwrap_or_default()),
                    Some("break the cycle: remove one of these references or bindings".into()),
                )
            }
            ModuleCycle { span, path } => (
                span,
                format!("modules read each other in a cycle: {}", path.join(" -> ")),
                format!("`{}` reads `{}`", path[0], path.get(1).cloned().unwrap_or_default()),
                Some(
                    "every module is created after the modules it reads; move the resources one of them reads into a third module"
                        .into(),
                ),
            ),
            InstanceReadsItself { span, instance, read, path } => (
                span,
                format!(
                    "the arguments of `{instance}` read its own outputs: {}",
                    path.join(" -> ")
                ),
                format!("`{instance}` reads `{read}`, which reads `{instance}`"),
                Some(format!(
                    "an instance is created in one call, its arguments before its outputs; give `{read}` what it reads from `{instance}` another way, or pass `{instance}` something that does not read it"
                )),
            ),
            PartCycle { span, module, path } => (
                span,
                format!(
                    "the files of module `{module}` read each other in a cycle: {}",
                    path.join(" -> ")
                ),
                format!("`{}` reads `{}`", path[0], path.get(1).cloned().unwrap_or_default()),
                Some(
                    "each file of a module becomes one generated file, created after the files it reads; move what the files share into one of them"
                        .into(),
                ),
            ),
            IllegalBinding { span, from, to, legal } => (
                span,
                format!("`{from}` cannot be bound to {to}"),
                "illegal binding".into(),
                Some(if legal.is_empty() {
                    format!("`{from}` takes no bindings")
                } else {
                    format!("`{from}` can bind: {}", legal.join(", "))
                }),
            ),
            MissingStackOutput { span, project, export, suggestion } => (
                span,
                format!("project `{project}` does not export `{export}`"),
                "no such export".into(),
                help_did_you_mean(&suggestion),
            ),
            StackOutputType { span, export, declared, exported, export_span } => {
                secondary.push(Label::new(export_span, format!("exported as {exported} here")));
                (
                    span,
                    format!("stack output `{export}` is declared {declared} but exported as {exported}"),
                    format!("declared {declared}"),
                    Some(format!("declare it as `{exported}`")),
                )
            }
            BadStackName { span, name } => (
                span,
                format!("stack name `{name}` is not `organization/project/stack`"),
                "malformed stack name".into(),
                Some("write it as \"organization/<project>/{env}\"".into()),
            ),
            PlainSecret { span, what } => (
                span,
                format!("{what} is secret but is given a plain value"),
                "secret written in plain text".into(),
                Some(
                    "declare a `secret` config key and refer to it (set it with `pulumi config set --secret`)"
                        .into(),
                ),
            ),
            SecretInPlainBinding { span, binding } => (
                span,
                format!("`var {binding}` would expose a secret value as plain text"),
                "this value is secret".into(),
                Some(format!("bind it as a secret: `secret {binding} = ...`")),
            ),
            UnknownOption { span, option, suggestion } => (
                span,
                format!("unknown resource option `{option}`"),
                "not an option".into(),
                help_did_you_mean(&suggestion).or(Some(
                    "options are protect, depends_on, parent, ignore_changes, delete_before_replace".into(),
                )),
            ),
            UnknownComponent { span, name, suggestion } => (
                span,
                format!("unknown component `{name}`"),
                "no such component".into(),
                help_did_you_mean(&suggestion),
            ),
            UnknownParam { span, component, param, suggestion } => (
                span,
                format!("component `{component}` has no parameter `{param}`"),
                "unknown parameter".into(),
                help_did_you_mean(&suggestion),
            ),
            MissingParam { span, component, param } => (
                span,
                format!("`{component}` requires parameter `{param}`"),
                format!("missing `{param}`"),
                None,
            ),
            UnsafePath { span, name } => (
                span,
                format!("`{name}` cannot be used as a module name"),
                "module names become file and package names".into(),
                Some(
                    "use letters, digits and `_` only: rename the file or declare `module <name>`"
                        .into(),
                ),
            ),
            FileNameCollision { span, what, name, other, first } => {
                secondary.push(Label::new(first, format!("{what} `{other}` is here")));
                let target = if what == "project" { "folder" } else { "file" };
                (
                    span,
                    format!(
                        "{what} `{name}` and {what} `{other}` would be written to the same {target} on a case-insensitive file system"
                    ),
                    format!("same {target} name as `{other}`"),
                    Some(format!(
                        "{what} names become file and folder names (in kebab-case, snake_case or lowercase): rename one so they differ in more than case and `_`"
                    )),
                )
            }
            UnknownCondition { span, reads } => (
                span,
                format!("this condition reads {reads}, which is not known before deployment"),
                "known only after deployment".into(),
                Some("conditions and the operands of `==`, `!=`, `&&`, `||` and `!` are decided before anything is deployed: use config values, `env.name`, `env.protect` and literals".into()),
            ),
            UnguardedConditional { span, resource, condition } => {
                secondary.push(Label::new(condition, format!("`{resource}` exists only where this holds")));
                (
                    span,
                    format!("`{resource}` may not exist here"),
                    format!("`{resource}` is conditional"),
                    Some(format!("read it inside `if CONDITION {{ ... }}` with the same condition, or give this declaration the same `when` (a stronger condition, `... && ...`, also guards `{resource}`)")),
                )
            }
            IfWithoutElse { span } => (
                span,
                "this `if` has no value where its condition does not hold".into(),
                "`if` without `else`".into(),
                Some("add `else { ... }`; an `if` without `else` may only be the whole value of an optional resource property, which it leaves unset".into()),
            ),
            WhenInComponent { span } => (
                span,
                "a resource inside a component cannot have `when`".into(),
                "not allowed in a component".into(),
                Some("put `when` on a top-level resource, or choose property values with `if CONDITION { a } else { b }`".into()),
            ),
            UnusableFileName { span, what, name, reason } => (
                span,
                format!("{what} `{name}` cannot become a file or folder name: {reason}"),
                format!("{what} names become file and folder names"),
                Some(format!(
                    "rename the {what}: letters and digits, at most 100 bytes, not a device name such as `con` or `nul`"
                )),
            ),
            UnknownProviderSetting { span, package, setting, suggestion } => (
                span,
                format!("provider `{package}` has no setting `{setting}`"),
                "not in the schema's `config` section".into(),
                help_did_you_mean(&suggestion),
            ),
            ProviderSettingNotKnown { span, setting } => (
                span,
                format!("provider setting `{setting}` must be known before deployment"),
                "reads a value that exists only after deployment".into(),
                Some(
                    "default provider settings are stack config: use literals, `env { ... }` and config keys; an explicit provider (`provider <package> <name> { ... }`) can read outputs"
                        .into(),
                ),
            ),
            PartialSecretSetting { span, setting } => (
                span,
                format!("provider setting `{setting}` mixes a secret into a larger value"),
                "secret inside a computed value".into(),
                Some(format!(
                    "give `{setting}` a secret config key as its whole value; it becomes a secret stack setting"
                )),
            ),
            ProviderPackageMismatch { span, provider, provider_package, package } => (
                span,
                format!(
                    "provider `{provider}` is a `{provider_package}` provider, but this resource belongs to `{package}`"
                ),
                format!("a `{provider_package}` provider"),
                Some(format!(
                    "declare a `{package}` provider (`provider {package} <name> {{ ... }}`) and select that one"
                )),
            ),
            InstanceProvider { span } => (
                span,
                "a component instance does not take `provider`".into(),
                "not an option of `use`".into(),
                Some(
                    "set `options { provider = ... }` on the component's resources, passing the provider as a parameter"
                        .into(),
                ),
            ),
            BadDuration { span, value } => (
                span,
                format!("`{value}` is not a duration"),
                "expected a duration such as \"30m\"".into(),
                Some(
                    "write numbers with units `h`, `m`, `s`, `ms`, e.g. \"1h30m\" or \"45s\""
                        .into(),
                ),
            ),
            ImportIdNotKnown { span, reads } => (
                span,
                format!("an `import` id must be known before deployment, but this one reads {reads}"),
                "unknown until deployment".into(),
                Some("Pulumi reads the id before it creates anything: write it from literals, config, `env { ... }` and `let` values".into()),
            ),
            InstanceOption { span, option } => (
                span,
                format!("`{option}` applies to resources, not to a component instance"),
                "not an option of `use`".into(),
                Some(format!(
                    "set `{option}` in the options of the component's resources"
                )),
            ),
            LockedSchemaChanged { span, provider, version, file, locked, actual } => (
                span,
                format!("schema `{file}` of provider `{provider}` is not the one `infragen.lock` records"),
                format!("locked sha256 {locked}, file has {actual}"),
                Some(format!(
                    "restore the file, or record the new one with `infragen schema add {provider}@{version} --from {file}`"
                )),
            ),
            LockedVersionDiffers { span, provider, declared, locked } => (
                span,
                format!("provider `{provider}` is pinned at {declared} but `infragen.lock` records its schema at {locked}"),
                format!("`infragen.lock` has {provider} {locked}"),
                Some(format!(
                    "pin `{provider} = \"{locked}\"`, or add the schema of {declared}: `infragen schema add {provider}@{declared}`"
                )),
            ),
            LockUnreadable { span, reason } => (
                span,
                format!("cannot use `infragen.lock`: {reason}"),
                "the project's locked schemas".into(),
                Some("run `infragen schema add <provider>@<version>` again to rewrite the entry".into()),
            ),
            Access(p) => p.parts(),
            Value(p) => {
                let (span, message, label, help, labels) = p.parts();
                secondary.extend(labels.into_iter().map(|(s, m)| Label::new(s, m)));
                (span, message, label, help)
            }
            Name(p) => {
                let (span, message, label, help, labels) = p.parts();
                secondary.extend(labels.into_iter().map(|(s, m)| Label::new(s, m)));
                (span, message, label, help)
            }
            Loop(p) => {
                let (span, message, label, help, labels) = p.parts();
                secondary.extend(labels.into_iter().map(|(s, m)| Label::new(s, m)));
                (span, message, label, help)
            }
            UnfilledPlaceholder { span, what } => (
                span,
                format!("placeholder not filled in: {what}"),
                "a placeholder `infragen add` wrote".into(),
                Some("replace the value before it with the real one, then delete this `// fill in` comment".into()),
            ),
        };
        Diagnostic {
            severity,
            code,
            message,
            primary: Label::new(span, label),
            secondary,
            help,
            replacement: suggested.filter(|_| replaces_span),
        }
    }
}
