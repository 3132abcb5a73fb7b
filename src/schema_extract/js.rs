//! Facts only the generated `.js` files hold: the type token of each resource class
//! (`__pulumiType`), the token of each function (`pulumi.runtime.invoke("...")`), and top-level
//! secrets (`pulumi.secret(args.x)` for inputs, `additionalSecretOutputs` for outputs).

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default, Clone)]
pub struct JsFacts {
    /// The resource type token of the file's class, if it declares one.
    pub resource_token: Option<String>,
    /// Function name -> invoke token (`getZone` -> `cloudflare:index/getZone:getZone`).
    pub functions: BTreeMap<String, String>,
    /// Provider methods: method name -> call token (`terraformConfig` ->
    /// `pulumi:providers:random/terraformConfig`).
    pub methods: BTreeMap<String, String>,
    pub secret_inputs: BTreeSet<String>,
    pub secret_outputs: BTreeSet<String>,
}

fn quoted_after<'a>(s: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &s[s.find(marker)? + marker.len()..];
    let rest = rest.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    rest[1..].split(q).next()
}

pub fn read(src: &str) -> JsFacts {
    let mut facts = JsFacts {
        resource_token: quoted_after(src, "__pulumiType =").map(str::to_string),
        ..JsFacts::default()
    };
    // `function getZone(args, opts) { ... pulumi.runtime.invoke("tok", ...` (the `...Output`
    // variant calls `invokeOutput` with the same token).
    let mut rest = src;
    while let Some(at) = rest.find("\nfunction ") {
        rest = &rest[at + "\nfunction ".len()..];
        let name = rest
            .split('(')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let body_end = rest.find("\nfunction ").unwrap_or(rest.len());
        let body = &rest[..body_end];
        if let Some(token) = quoted_after(body, "pulumi.runtime.invoke(")
            .or_else(|| quoted_after(body, "pulumi.runtime.invokeOutput("))
        {
            facts.functions.insert(name, token.to_string());
        }
    }
    let mut rest = src;
    while let Some(at) = rest.find("pulumi.runtime.call(") {
        rest = &rest[at..];
        if let Some(token) = quoted_after(rest, "pulumi.runtime.call(") {
            let method = token.rsplit('/').next().unwrap_or_default();
            facts.methods.insert(method.to_string(), token.to_string());
        }
        rest = &rest[1..];
    }
    let mut rest = src;
    while let Some(at) = rest.find("pulumi.secret(args.") {
        rest = &rest[at + "pulumi.secret(args.".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        facts.secret_inputs.insert(name);
    }
    if let Some(at) = src.find("additionalSecretOutputs:") {
        let list = &src[at..];
        let list = &list[list.find('[').unwrap_or(0)..list.find(']').unwrap_or(0)];
        for part in list.split(',') {
            let name = part.trim().trim_matches(['[', '"', '\'', ' ']);
            if !name.is_empty() {
                facts.secret_outputs.insert(name.to_string());
            }
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_and_secrets() {
        let src = r#"
class RandomPassword extends pulumi.CustomResource {
    static __pulumiType = 'random:index/randomPassword:RandomPassword';
    constructor(name, argsOrState, opts) {
            resourceInputs["password"] = args?.password ? pulumi.secret(args.password) : undefined;
        const secretOpts = { additionalSecretOutputs: ["bcryptHash", "result"] };
    }
}
function getZone(args, opts) {
    return pulumi.runtime.invoke("cloudflare:index/getZone:getZone", {
}
"#;
        let f = super::read(src);
        assert_eq!(
            f.resource_token.as_deref(),
            Some("random:index/randomPassword:RandomPassword")
        );
        assert_eq!(f.functions["getZone"], "cloudflare:index/getZone:getZone");
        assert!(f.secret_inputs.contains("password"));
        assert!(f.secret_outputs.contains("result") && f.secret_outputs.contains("bcryptHash"));
    }
}
