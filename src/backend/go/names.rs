//! Go identifiers: heck conversions with Go's initialisms, keyword escaping, package names and
//! per-scope allocation of unique names.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

/// Go keywords, which can never be identifiers.
const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Predeclared identifiers that generated code must not shadow.
const PREDECLARED: &[&str] = &[
    "any", "append", "bool", "byte", "cap", "close", "complex", "copy", "delete", "error", "false",
    "float32", "float64", "int", "int64", "iota", "len", "make", "new", "nil", "panic", "print",
    "println", "recover", "rune", "string", "true", "uint",
];

/// Words written in capitals in Go identifiers (golint's list plus common cloud words).
const INITIALISMS: &[&str] = &[
    "acl", "ai", "api", "ascii", "aws", "cidr", "cpu", "css", "db", "dns", "eof", "gcp", "guid",
    "html", "http", "https", "iam", "id", "ip", "json", "kv", "lhs", "nat", "qps", "ram", "rhs",
    "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uri", "url",
    "utf8", "uuid", "vm", "vpc", "xml", "xmpp", "xsrf", "xss",
];

fn words(name: &str) -> Vec<String> {
    name.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn capitalised(word: &str) -> String {
    if INITIALISMS.contains(&word) {
        return word.to_uppercase();
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An exported Go name: `dome_api` -> `DomeAPI`, `vm_agent_ip` -> `VMAgentIP`.
pub fn exported(name: &str) -> String {
    let out: String = words(name).iter().map(|w| capitalised(w)).collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("X{out}")
    } else {
        out
    }
}

/// An unexported Go name: `dome_api` -> `domeAPI`, `api_token` -> `apiToken`.
pub fn unexported(name: &str) -> String {
    let ws = words(name);
    let mut out = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&capitalised(w));
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("x{out}");
    }
    if is_reserved(&out) {
        out.push_str("Value");
    }
    out
}

/// True for keywords and the predeclared identifiers generated code must not shadow.
pub fn is_reserved(name: &str) -> bool {
    KEYWORDS.contains(&name) || PREDECLARED.contains(&name)
}

/// A Go package name for a DSL module: lower case, no separators (`dns_tls` -> `dnstls`).
pub fn package(name: &str) -> String {
    let mut out: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("m{out}");
    }
    if is_reserved(&out) {
        out.push_str("pkg");
    }
    out
}

/// The Go name of a schema property, as Pulumi's Go SDK generator spells it (`accountId` ->
/// `AccountId`).
pub fn sdk_field(property: &str) -> String {
    let mut chars = property.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A schema token split into what Go needs: `gcp:storage/bucket:Bucket` lives in package
/// `storage` at `<base>/storage` and is called `Bucket`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoSymbol {
    pub import_path: String,
    /// The package's own name (the last element of the import path).
    pub package: String,
    pub name: String,
}

/// The Go symbol of a schema token, given each provider's Go import base path
/// (`ir::Provider::go_import_base`, by provider name).
pub fn symbol(bases: &BTreeMap<String, String>, token: &str) -> Result<GoSymbol, String> {
    let mut parts = token.split(':');
    let pkg = parts.next().unwrap_or_default();
    let module = parts
        .next()
        .and_then(|m| m.split('/').next())
        .unwrap_or_default();
    let name = parts.next().unwrap_or_default();
    let base = bases
        .get(pkg)
        .filter(|b| !b.is_empty())
        .ok_or_else(|| format!("no Go SDK is known for package `{pkg}` (token `{token}`)"))?;
    let import_path = if module == "index" {
        base.clone()
    } else {
        format!("{base}/{}", module.to_lowercase())
    };
    let package = import_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    Ok(GoSymbol {
        import_path,
        package,
        name: sdk_field(name),
    })
}

/// The local variable of a declaration: its name, or its name qualified by its kind
/// (`redis` of kind `Instance` is `redisInstance` where `redis` names an imported package).
pub fn local_candidates(name: &str, kind: &str) -> Vec<String> {
    vec![
        unexported(name),
        unexported(&format!("{}_{}", name, kind.to_snake_case())),
    ]
}

/// A Go file name for a DSL name (`CloudFunction` -> `cloud_function.go`).
pub fn file_name(name: &str) -> String {
    format!("{}.go", name.to_snake_case())
}

/// Identifiers taken in one Go scope; `claim` returns a unique variant of the wanted name.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn with(names: &[&str]) -> Self {
        Scope {
            taken: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// The first free name of `candidates` (the wanted name, then more qualified ones such as
    /// `redisInstance` for a `redis` that names an imported package); a number is appended to
    /// the first only when every candidate is taken.
    pub fn claim_first(&mut self, candidates: &[String]) -> String {
        for c in candidates {
            if !self.taken.contains(c) && !is_reserved(c) {
                self.taken.insert(c.clone());
                return c.clone();
            }
        }
        self.claim(candidates.first().map(String::as_str).unwrap_or("x"))
    }

    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while self.taken.contains(&name) || is_reserved(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// A Go interpreted string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Go string literal as a person writes it: a raw string when the text has double quotes
/// (and nothing a raw string cannot hold), an interpreted one otherwise.
pub fn literal(s: &str) -> String {
    let raw_ok = !s.contains('`') && !s.chars().any(|c| c.is_control());
    if s.contains('"') && raw_ok {
        format!("`{s}`")
    } else {
        quote(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_go_conventions() {
        assert_eq!(exported("dome_api"), "DomeAPI");
        assert_eq!(exported("vm_agent_ip"), "VMAgentIP");
        assert_eq!(exported("cloudflare_account_id"), "CloudflareAccountID");
        assert_eq!(exported("CloudFunction"), "CloudFunction");
        assert_eq!(unexported("dome_api"), "domeAPI");
        assert_eq!(unexported("api_token"), "apiToken");
        assert_eq!(unexported("type"), "typeValue");
        assert_eq!(package("dns_tls"), "dnstls");
        let mut scope = Scope::with(&["redis"]);
        assert_eq!(
            scope.claim_first(&local_candidates("redis", "Instance")),
            "redisInstance"
        );
        assert_eq!(
            scope.claim_first(&local_candidates("redis", "Instance")),
            "redis2"
        );
        assert_eq!(sdk_field("accountId"), "AccountId");
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
        assert_eq!(literal("a \"b\""), "`a \"b\"`");
        assert_eq!(literal("a\"\n"), "\"a\\\"\\n\"");
    }
}
