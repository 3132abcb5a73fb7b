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
    /// Input defaults the constructor fills in: a literal (`?? "Managed by Pulumi"`) as
    /// `default`, environment variables (`?? utilities.getEnv("AWS_REGION")`) as `defaultInfo`.
    pub defaults: BTreeMap<String, (String, serde_json::Value)>,
    /// Former type tokens of the resource (`aliasOpts = { aliases: [{ type: "..." }] }`).
    pub aliases: Vec<String>,
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
    if let Some(at) = src.find("const aliasOpts = {") {
        let line = src[at..].lines().next().unwrap_or_default();
        let mut rest = line;
        while let Some(token) = quoted_after(rest, "type:") {
            facts.aliases.push(token.to_string());
            rest = &rest[rest.find("type:").unwrap_or(0) + 5..];
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
    for line in src.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("resourceInputs[\"") else {
            continue;
        };
        let Some((name, rhs)) = rest.split_once("\"] = ") else {
            continue;
        };
        let Some((_, fallback)) = rhs.rsplit_once(" ?? ") else {
            continue;
        };
        // A provider's non-string input is sent JSON-encoded:
        // `pulumi.output((args?.skipRegionValidation) ?? true).apply(JSON.stringify)`.
        let fallback = fallback.trim_end_matches(';');
        let fallback = fallback
            .strip_suffix(").apply(JSON.stringify)")
            .unwrap_or(fallback);
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(fallback) {
            facts
                .defaults
                .insert(name.to_string(), ("default".into(), v));
        } else if let Some(vars) = fallback
            .strip_prefix("utilities.getEnv(")
            .and_then(|r| r.strip_suffix(')'))
        {
            let vars: Vec<serde_json::Value> = vars
                .split(',')
                .map(|v| serde_json::Value::String(v.trim().trim_matches('"').to_string()))
                .collect();
            facts.defaults.insert(
                name.to_string(),
                (
                    "defaultInfo".into(),
                    serde_json::json!({ "environment": vars }),
                ),
            );
        }
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
            resourceInputs["comment"] = (args?.comment) ?? "Managed by Pulumi";
            resourceInputs["region"] = (args?.region) ?? utilities.getEnv("AWS_REGION", "AWS_DEFAULT_REGION");
    }
}
            resourceInputs["comment"] = (args?.comment) ?? "Managed by Pulumi";
            resourceInputs["region"] = (args?.region) ?? utilities.getEnv("AWS_REGION", "AWS_DEFAULT_REGION");
        const aliasOpts = { aliases: [{ type: "gcp:compute/autoscalar:Autoscalar" }, { type: "gcp:compute/old:Old" }] };
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
        assert_eq!(
            f.aliases,
            ["gcp:compute/autoscalar:Autoscalar", "gcp:compute/old:Old"]
        );
        assert_eq!(f.defaults["comment"].1, "Managed by Pulumi");
        assert_eq!(
            f.defaults["region"].1,
            serde_json::json!({"environment": ["AWS_REGION", "AWS_DEFAULT_REGION"]})
        );
        assert!(f.secret_outputs.contains("result") && f.secret_outputs.contains("bcryptHash"));
    }
}
