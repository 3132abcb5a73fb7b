//! A reader for the TypeScript declaration files (`.d.ts`) that Pulumi's Node.js code generator
//! writes. It understands the subset those files use: classes and interfaces with doc-commented
//! members, namespaces, `declare function`, enum objects (`declare const X: { readonly A: "a" }`)
//! and the type expressions of members (unions, arrays, generics, index-signature maps).

/// A type expression as written in the declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum TsType {
    /// A dotted name with optional type arguments: `string`, `pulumi.Input<T>`, `inputs.s3.X`.
    Named(Vec<String>, Vec<TsType>),
    Array(Box<TsType>),
    /// `{ [key: string]: T }`
    Map(Box<TsType>),
    /// An object literal type with named members (rare; read as `Any`).
    Object,
    Union(Vec<TsType>),
    /// A string or number literal.
    Literal(String),
}

/// One property of a class or interface.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub optional: bool,
    pub ty: TsType,
    pub doc: Doc,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The text before the first `@tag`.
    pub text: String,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Decl {
    Class {
        name: String,
        extends: String,
        doc: Doc,
        members: Vec<Member>,
    },
    Interface {
        name: String,
        doc: Doc,
        members: Vec<Member>,
    },
    Function {
        name: String,
        doc: Doc,
        /// (name, optional, type)
        params: Vec<(String, bool, TsType)>,
        ret: TsType,
    },
    /// `declare const X: { readonly A: "a"; ... }`: an enum's values.
    Enum {
        name: String,
        doc: Doc,
        /// (member name, literal value as written, doc)
        values: Vec<(String, String, Doc)>,
    },
    /// A plain `declare const x: T` (config variables).
    Const { name: String, doc: Doc, ty: TsType },
}

/// A declaration with the namespace path it sits in (`["s3"]` in `types/input.d.ts`).
#[derive(Debug, Clone)]
pub struct Located {
    pub namespace: Vec<String>,
    pub decl: Decl,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Punct(char),
    Arrow,
    Doc(String),
}

/// The tokens of a file, each with the byte offset it starts at.
fn lex(src: &str) -> Result<(Vec<Tok>, Vec<usize>), String> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    while i < b.len() {
        let start = i;
        let before = out.len();
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if src[i..].starts_with("/**") && !src[i..].starts_with("/**/") {
            let end = src[i + 3..].find("*/").ok_or("unterminated doc comment")?;
            out.push(Tok::Doc(src[i + 3..i + 3 + end].to_string()));
            i += end + 5;
        } else if src[i..].starts_with("/*") {
            let end = src[i + 2..].find("*/").ok_or("unterminated comment")?;
            i += end + 4;
        } else if src[i..].starts_with("//") {
            i += src[i..].find('\n').unwrap_or(src.len() - i);
        } else if src[i..].starts_with("=>") {
            out.push(Tok::Arrow);
            i += 2;
        } else if c == b'"' || c == b'\'' || c == b'`' {
            let mut j = i + 1;
            let mut s = String::new();
            while j < b.len() && b[j] != c {
                if b[j] == b'\\' && j + 1 < b.len() {
                    j += 1;
                }
                let ch = src[j..].chars().next().unwrap_or('\0');
                s.push(ch);
                j += ch.len_utf8();
            }
            out.push(Tok::Str(s));
            i = j + 1;
        } else if c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let start = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                i += 1;
            }
            out.push(Tok::Num(src[start..i].to_string()));
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                i += 1;
            }
            out.push(Tok::Ident(src[start..i].to_string()));
        } else if c.is_ascii() {
            out.push(Tok::Punct(c as char));
            i += 1;
        } else {
            // Non-ASCII outside strings and comments: skip the character.
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
        if out.len() > before {
            offsets.push(start);
        }
    }
    Ok((out, offsets))
}

/// Cleans a doc comment body: strips the leading `*` of each line, splits off `@deprecated`.
pub fn parse_doc(raw: &str) -> Doc {
    let mut text = Vec::new();
    let mut deprecated: Option<Vec<String>> = None;
    let mut in_other_tag = false;
    for line in raw.lines() {
        let t = line.trim_start();
        let t = t
            .strip_prefix('*')
            .map_or(t, |r| r.strip_prefix(' ').unwrap_or(r));
        let t = t.trim_end();
        if let Some(rest) = t.strip_prefix("@deprecated") {
            deprecated = Some(vec![rest.trim().to_string()]);
            in_other_tag = false;
        } else if t.starts_with('@') {
            in_other_tag = true;
        } else if in_other_tag {
            continue;
        } else if let Some(d) = deprecated.as_mut() {
            d.push(t.to_string());
        } else {
            text.push(t.to_string());
        }
    }
    let join = |v: Vec<String>| v.join("\n").trim().to_string();
    Doc {
        text: join(text),
        deprecated: deprecated.map(join),
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.pos + n)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }
    fn is_ident(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(i)) if i == s)
    }
    fn eat_punct(&mut self, c: char) -> bool {
        if self.is_punct(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_ident(&mut self, s: &str) -> bool {
        if self.is_ident(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_punct(&mut self, c: char) -> Result<(), String> {
        if self.eat_punct(c) {
            Ok(())
        } else {
            Err(format!("expected `{c}`, found {:?}", self.peek()))
        }
    }
    fn ident(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Ident(s)) => Ok(s),
            // Quoted member names (`"foo-bar"?: string`).
            Some(Tok::Str(s)) => Ok(s),
            t => Err(format!("expected a name, found {t:?}")),
        }
    }
    /// Takes the doc comments before the next token (the last one wins).
    fn docs(&mut self) -> Doc {
        let mut last = None;
        while let Some(Tok::Doc(d)) = self.peek() {
            last = Some(d.clone());
            self.pos += 1;
        }
        last.map(|d| parse_doc(&d)).unwrap_or_default()
    }
    fn skip_docs(&mut self) {
        while let Some(Tok::Doc(_)) = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips to just after the next `;` at bracket depth 0 (or before a closing `}`).
    fn skip_statement(&mut self) {
        let mut depth = 0i32;
        while let Some(t) = self.peek() {
            match t {
                Tok::Punct('{') | Tok::Punct('(') | Tok::Punct('[') => depth += 1,
                Tok::Punct('}') | Tok::Punct(')') | Tok::Punct(']') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 && t == &Tok::Punct('}') {
                        self.pos += 1;
                        // A block statement may end without `;`.
                        self.eat_punct(';');
                        return;
                    }
                }
                Tok::Punct(';') if depth == 0 => {
                    self.pos += 1;
                    return;
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn declarations(&mut self, ns: &[String], out: &mut Vec<Located>) -> Result<(), String> {
        loop {
            let doc = self.docs();
            let Some(t) = self.peek().cloned() else {
                return Ok(());
            };
            if t == Tok::Punct('}') {
                return Ok(());
            }
            let start = self.pos;
            self.eat_ident("export");
            self.eat_ident("declare");
            let located = |decl| Located {
                namespace: ns.to_vec(),
                decl,
            };
            if self.eat_ident("namespace") || self.eat_ident("module") {
                let mut inner = ns.to_vec();
                inner.push(self.ident()?);
                while self.eat_punct('.') {
                    inner.push(self.ident()?);
                }
                self.expect_punct('{')?;
                self.declarations(&inner, out)?;
                self.expect_punct('}')?;
            } else if self.eat_ident("abstract") || self.is_ident("class") {
                self.eat_ident("class");
                let name = self.ident()?;
                self.skip_type_params()?;
                let mut extends = String::new();
                while !self.is_punct('{') {
                    match self.next() {
                        Some(Tok::Ident(s)) if extends.is_empty() && s != "extends" => extends = s,
                        Some(Tok::Ident(s)) if !extends.is_empty() && s != "implements" => {
                            extends.push('.');
                            extends.push_str(&s);
                        }
                        Some(Tok::Ident(s)) if s == "implements" => break,
                        None => return Err("unexpected end in class header".into()),
                        _ => {}
                    }
                }
                while !self.is_punct('{') && self.next().is_some() {}
                let members = self.members()?;
                out.push(located(Decl::Class {
                    name,
                    extends,
                    doc,
                    members,
                }));
            } else if self.eat_ident("interface") {
                let name = self.ident()?;
                self.skip_type_params()?;
                while !self.is_punct('{') && self.next().is_some() {}
                let members = self.members()?;
                out.push(located(Decl::Interface { name, doc, members }));
            } else if self.eat_ident("function") {
                let name = self.ident()?;
                self.skip_type_params()?;
                let params = self.params()?;
                let ret = if self.eat_punct(':') {
                    self.ty()?
                } else {
                    TsType::Named(vec!["void".into()], vec![])
                };
                self.eat_punct(';');
                out.push(located(Decl::Function {
                    name,
                    doc,
                    params,
                    ret,
                }));
            } else if self.eat_ident("const") || self.eat_ident("let") || self.eat_ident("var") {
                let name = self.ident()?;
                if self.eat_punct(':') {
                    if self.is_punct('{') && self.enum_ahead() {
                        let values = self.enum_values()?;
                        out.push(located(Decl::Enum { name, doc, values }));
                    } else {
                        let ty = self.ty()?;
                        out.push(located(Decl::Const { name, doc, ty }));
                    }
                }
                self.skip_statement();
            } else {
                self.pos = start;
                self.skip_statement();
                if self.pos == start {
                    // A stray closing bracket at top level: step over it.
                    if self.is_punct('}') && ns.is_empty() {
                        self.pos += 1;
                    } else if self.is_punct('}') {
                        return Ok(());
                    } else {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    fn skip_type_params(&mut self) -> Result<(), String> {
        if self.is_punct('<') {
            let mut depth = 0;
            loop {
                match self.next() {
                    Some(Tok::Punct('<')) => depth += 1,
                    Some(Tok::Punct('>')) => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(());
                        }
                    }
                    None => return Err("unterminated type parameters".into()),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Just after a `(`: does the matching `)` precede `=>`?
    fn function_type_ahead(&self) -> bool {
        let mut depth = 1;
        let mut i = self.pos;
        while let Some(t) = self.toks.get(i) {
            match t {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return self.toks.get(i + 1) == Some(&Tok::Arrow);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// Is the `{` ahead an enum object (`{ readonly A: "a"; ... }`)?
    fn enum_ahead(&self) -> bool {
        let mut i = 1;
        while let Some(Tok::Doc(_)) = self.peek_at(i) {
            i += 1;
        }
        matches!(self.peek_at(i), Some(Tok::Ident(r)) if r == "readonly")
            && matches!(self.peek_at(i + 2), Some(Tok::Punct(':')))
            && matches!(self.peek_at(i + 3), Some(Tok::Str(_)) | Some(Tok::Num(_)))
    }

    fn enum_values(&mut self) -> Result<Vec<(String, String, Doc)>, String> {
        self.expect_punct('{')?;
        let mut values = Vec::new();
        loop {
            let doc = self.docs();
            if self.eat_punct('}') {
                return Ok(values);
            }
            self.eat_ident("readonly");
            let name = self.ident()?;
            self.expect_punct(':')?;
            let value = match self.next() {
                Some(Tok::Str(s)) => format!("\"{s}\""),
                Some(Tok::Num(n)) => n,
                t => return Err(format!("enum {name}: unexpected {t:?}")),
            };
            values.push((name, value, doc));
            if !self.eat_punct(';') {
                self.eat_punct(',');
            }
        }
    }

    fn params(&mut self) -> Result<Vec<(String, bool, TsType)>, String> {
        self.expect_punct('(')?;
        let mut params = Vec::new();
        loop {
            self.skip_docs();
            if self.eat_punct(')') {
                return Ok(params);
            }
            self.eat_punct('.');
            self.eat_punct('.');
            self.eat_punct('.');
            let name = self.ident()?;
            let optional = self.eat_punct('?');
            let ty = if self.eat_punct(':') {
                self.ty()?
            } else {
                TsType::Named(vec!["any".into()], vec![])
            };
            params.push((name, optional, ty));
            self.eat_punct(',');
        }
    }

    /// Members of a class or interface body, `{` included. Methods, constructors, static members
    /// and index signatures are read and dropped.
    fn members(&mut self) -> Result<Vec<Member>, String> {
        self.expect_punct('{')?;
        let mut members = Vec::new();
        loop {
            let doc = self.docs();
            if self.eat_punct('}') {
                return Ok(members);
            }
            let mut is_static = false;
            loop {
                // `static` and the others are modifiers unless they are the member's own name
                // (`static?: T`).
                let is_name = matches!(self.peek_at(1), Some(Tok::Punct(':' | '?' | '(' | ';')));
                if self.is_ident("static") && !is_name {
                    self.pos += 1;
                    is_static = true;
                } else if self.is_ident("readonly")
                    || self.is_ident("public")
                    || self.is_ident("protected")
                    || self.is_ident("private")
                    || self.is_ident("declare")
                {
                    if is_name {
                        break;
                    }
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if self.is_punct('[') {
                // index signature
                self.skip_member();
                continue;
            }
            let name = match self.next() {
                Some(Tok::Ident(s)) | Some(Tok::Str(s)) => s,
                t => return Err(format!("unexpected {t:?} in a class or interface body")),
            };
            let optional = self.eat_punct('?');
            if self.is_punct('(') || self.is_punct('<') || name == "constructor" {
                self.skip_member();
                continue;
            }
            if self.eat_punct(':') {
                let ty = self.ty()?;
                if !self.eat_punct(';') {
                    self.eat_punct(',');
                }
                if !is_static && !name.starts_with("__") {
                    members.push(Member {
                        name,
                        optional,
                        ty,
                        doc,
                    });
                }
            } else {
                self.skip_member();
            }
        }
    }

    fn skip_member(&mut self) {
        let mut depth = 0i32;
        while let Some(t) = self.peek() {
            match t {
                Tok::Punct('{') | Tok::Punct('(') | Tok::Punct('[') | Tok::Punct('<') => depth += 1,
                Tok::Punct('}') | Tok::Punct(')') | Tok::Punct(']') | Tok::Punct('>') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                Tok::Punct(';') if depth == 0 => {
                    self.pos += 1;
                    return;
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn ty(&mut self) -> Result<TsType, String> {
        self.eat_punct('|');
        let mut alts = vec![self.postfix()?];
        while self.eat_punct('|') {
            alts.push(self.postfix()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            TsType::Union(alts)
        })
    }

    fn postfix(&mut self) -> Result<TsType, String> {
        let mut t = self.primary()?;
        while self.is_punct('[') && self.peek_at(1) == Some(&Tok::Punct(']')) {
            self.pos += 2;
            t = TsType::Array(Box::new(t));
        }
        Ok(t)
    }

    fn primary(&mut self) -> Result<TsType, String> {
        match self.next() {
            Some(Tok::Punct('(')) if self.function_type_ahead() => {
                // `(a: X) => Y`: a callback, which a schema cannot describe.
                self.pos -= 1;
                self.params()?;
                if self.next() != Some(Tok::Arrow) {
                    return Err("expected `=>`".into());
                }
                self.ty()?;
                Ok(TsType::Named(vec!["Function".into()], vec![]))
            }
            Some(Tok::Punct('(')) => {
                let t = self.ty()?;
                self.expect_punct(')')?;
                Ok(t)
            }
            Some(Tok::Punct('{')) => {
                self.skip_docs();
                if self.is_punct('[') {
                    // { [key: string]: T; }
                    self.pos += 1;
                    self.ident()?;
                    self.expect_punct(':')?;
                    self.ty()?;
                    self.expect_punct(']')?;
                    self.expect_punct(':')?;
                    let v = self.ty()?;
                    self.eat_punct(';');
                    self.eat_punct(',');
                    self.skip_docs();
                    if self.is_punct('}') {
                        self.pos += 1;
                        return Ok(TsType::Map(Box::new(v)));
                    }
                }
                // Any other object literal type: skip to its closing brace.
                let mut depth = 1;
                while depth > 0 {
                    match self.next() {
                        Some(Tok::Punct('{')) => depth += 1,
                        Some(Tok::Punct('}')) => depth -= 1,
                        None => return Err("unterminated object type".into()),
                        _ => {}
                    }
                }
                Ok(TsType::Object)
            }
            Some(Tok::Str(s)) => Ok(TsType::Literal(format!("\"{s}\""))),
            Some(Tok::Num(n)) => Ok(TsType::Literal(n)),
            Some(Tok::Ident(first)) => {
                if first == "typeof" || first == "keyof" {
                    // `(typeof X)[keyof typeof X]` appears only in enum type aliases.
                    let inner = self.primary()?;
                    return Ok(inner);
                }
                let mut path = vec![first];
                while self.is_punct('.') {
                    self.pos += 1;
                    path.push(self.ident()?);
                }
                let mut args = Vec::new();
                if self.eat_punct('<') {
                    loop {
                        args.push(self.ty()?);
                        if self.eat_punct('>') {
                            break;
                        }
                        self.expect_punct(',')?;
                    }
                }
                Ok(TsType::Named(path, args))
            }
            t => Err(format!("unexpected {t:?} in a type")),
        }
    }
}

/// Parses one declaration file.
pub fn parse(src: &str) -> Result<Vec<Located>, String> {
    let (toks, offsets) = lex(src)?;
    let mut p = Parser { toks, pos: 0 };
    let mut out = Vec::new();
    while p.pos < p.toks.len() {
        if let Err(e) = p.declarations(&[], &mut out) {
            let at = offsets
                .get(p.pos.min(offsets.len().saturating_sub(1)))
                .copied();
            let line = at.map_or(0, |o| src[..o].matches('\n').count() + 1);
            return Err(format!("line {line}: {e}"));
        }
        if p.pos < p.toks.len() {
            p.pos += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_interface_function_enum() {
        let src = r#"
import * as pulumi from "@pulumi/pulumi";
/**
 * A bucket.
 *
 * @deprecated use B
 */
export declare class Bucket extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: BucketState, opts?: pulumi.CustomResourceOptions): Bucket;
    static isInstance(obj: any): obj is Bucket;
    /**
     * Labels.
     */
    readonly labels: pulumi.Output<{
        [key: string]: string;
    } | undefined>;
    readonly cors: pulumi.Output<outputs.storage.BucketCor[] | undefined>;
    constructor(name: string, args: BucketArgs, opts?: pulumi.CustomResourceOptions);
}
export interface BucketArgs {
    size?: pulumi.Input<number | undefined>;
    name: pulumi.Input<string>;
}
export interface Odd {
    static?: pulumi.Input<string>;
    callbackFactory?: () => Handler;
    handler?: (event: any, ctx: Context) => Promise<void>;
}
export declare function getZone(args?: GetZoneArgs, opts?: pulumi.InvokeOptions): Promise<GetZoneResult>;
export declare namespace lambda {
    /** The runtime. */
    const Runtime: {
        /** Node */
        readonly NodeJS22: "nodejs22.x";
        readonly Python: "python3.12";
    };
    type Runtime = (typeof Runtime)[keyof typeof Runtime];
}
"#;
        let mut decls = parse(src).unwrap();
        assert_eq!(decls.len(), 5, "{decls:#?}");
        let Decl::Interface { members: odd, .. } = decls.remove(2).decl else {
            panic!()
        };
        assert_eq!(odd.len(), 3);
        assert_eq!(odd[0].name, "static");
        let Decl::Class {
            name,
            extends,
            doc,
            members,
        } = &decls[0].decl
        else {
            panic!()
        };
        assert_eq!(name, "Bucket");
        assert_eq!(extends, "pulumi.CustomResource");
        assert_eq!(doc.text, "A bucket.");
        assert_eq!(doc.deprecated.as_deref(), Some("use B"));
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].doc.text, "Labels.");
        assert!(
            matches!(&members[0].ty, TsType::Named(p, a) if p[1] == "Output" && matches!(&a[0], TsType::Union(u) if matches!(u[0], TsType::Map(_))))
        );
        let Decl::Interface { members, .. } = &decls[1].decl else {
            panic!()
        };
        assert!(members[0].optional && !members[1].optional);
        assert!(
            matches!(&decls[2].decl, Decl::Function { name, params, .. } if name == "getZone" && params.len() == 2)
        );
        let Decl::Enum { name, values, .. } = &decls[3].decl else {
            panic!("{:?}", decls[3])
        };
        assert_eq!(decls[3].namespace, ["lambda"]);
        assert_eq!(name, "Runtime");
        assert_eq!(values[0].0, "NodeJS22");
        assert_eq!(values[0].1, "\"nodejs22.x\"");
        assert_eq!(values[0].2.text, "Node");
    }

    #[test]
    fn multi_line_deprecation() {
        let d =
            parse_doc("\n * Plan.\n *\n * @deprecated Please use the API\nto update a plan.\n ");
        assert_eq!(d.text, "Plan.");
        assert_eq!(
            d.deprecated.as_deref(),
            Some("Please use the API\nto update a plan.")
        );
    }
}
