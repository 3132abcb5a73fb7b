//! Which module each imported resource goes to: by the `--modules` mapping when one of its
//! lines matches, otherwise by the type token's module (`aws:s3/bucket:Bucket` -> `s3`; a
//! package's `index` module -> the package's name).

use super::error::ImportError;
use super::names::is_identifier;

/// One line of a mapping file: `<pattern> <module>`.
#[derive(Debug, Clone)]
struct Rule {
    pattern: String,
    module: String,
}

/// A `--modules` mapping: the first line whose pattern matches a resource decides its module.
#[derive(Debug, Clone, Default)]
pub struct ModuleMap {
    rules: Vec<Rule>,
}

impl ModuleMap {
    /// Reads the mapping file format: one `<pattern> <module>` per line, `#` starts a comment.
    /// A pattern is a type token (`aws:s3/bucket:Bucket`), a kind (`aws.s3.Bucket`) or
    /// `name:<logical name>`; `*` in it matches any text.
    pub fn parse(path: &str, text: &str) -> Result<ModuleMap, ImportError> {
        let mut rules = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| ImportError::Modules {
                path: path.to_string(),
                line: i + 1,
                message,
            };
            let words: Vec<&str> = line.split_whitespace().collect();
            let [pattern, module] = words[..] else {
                return Err(err(format!(
                    "expected `<pattern> <module>`, found `{line}`"
                )));
            };
            if !is_identifier(module) || module == "main" {
                return Err(err(format!(
                    "`{module}` is not a module name (a lowercase identifier other than `main`)"
                )));
            }
            rules.push(Rule {
                pattern: pattern.to_string(),
                module: module.to_string(),
            });
        }
        Ok(ModuleMap { rules })
    }

    /// The module of a resource of type `token` (kind `kind`) named `name`.
    pub fn module_of(&self, token: &str, kind: &str, name: &str) -> String {
        for rule in &self.rules {
            let hit = match rule.pattern.strip_prefix("name:") {
                Some(p) => glob(p, name),
                None => glob(&rule.pattern, token) || glob(&rule.pattern, kind),
            };
            if hit {
                return rule.module.clone();
            }
        }
        family(token)
    }
}

/// The type token's module, as a module name.
pub fn family(token: &str) -> String {
    let mut parts = token.split(':');
    let package = parts.next().unwrap_or_default();
    let module = parts.next().unwrap_or_default();
    let module = module.split('/').next().unwrap_or_default();
    let module = if module == "index" || module.is_empty() {
        package
    } else {
        module
    };
    let module = heck::ToSnakeCase::to_snake_case(module);
    if is_identifier(&module) && module != "main" {
        module
    } else {
        format!("m_{module}")
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_line_decides_and_families_are_the_default() {
        let map = ModuleMap::parse(
            "m",
            "# storage first\naws:s3/* storage\nname:api-* edge\naws.iam.Role security\n",
        )
        .unwrap();
        assert_eq!(
            map.module_of("aws:s3/bucket:Bucket", "aws.s3.Bucket", "x"),
            "storage"
        );
        assert_eq!(
            map.module_of(
                "aws:lambda/function:Function",
                "aws.lambda.Function",
                "api-fn"
            ),
            "edge"
        );
        assert_eq!(
            map.module_of("aws:iam/role:Role", "aws.iam.Role", "r"),
            "security"
        );
        assert_eq!(map.module_of("aws:ec2/eip:Eip", "aws.ec2.Eip", "r"), "ec2");
        assert_eq!(family("cloudflare:index/queue:Queue"), "cloudflare");
        assert_eq!(family("gcp:cloudrunv2/service:Service"), "cloudrunv2");
        let e = ModuleMap::parse("m", "aws:s3/* Storage\n").unwrap_err();
        assert_eq!(e.code(), "S0035");
    }
}
