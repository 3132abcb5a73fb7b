//! The subset of TypeScript the backend emits, printed into documents the way prettier prints
//! the same syntax (assignment layouts, member chains, last-argument hugging, trailing commas).

use super::doc::{
    Doc, can_break, concat, conditional_group, empty, group, group_broken, group_with_id, hardline,
    if_break, indent, indent_if_break, join, line, new_id, softline, text, will_break,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// An identifier, `this`, `undefined`, or another token printed as is.
    Ident(String),
    Str(String),
    Num(String),
    Bool(bool),
    Template(Vec<Tpl>),
    /// `tag\`...\`` (`pulumi.interpolate`).
    Tagged(Box<Expr>, Vec<Tpl>),
    Member(Box<Expr>, String),
    Call(Box<Expr>, Vec<Expr>),
    New(Box<Expr>, Vec<Expr>),
    Array(Vec<Expr>),
    /// Always printed expanded, one property a line.
    Object(Vec<Prop>),
    /// On one line when it fits (as prettier keeps an object written on one line).
    InlineObject(Vec<Prop>),
    /// `expr as Type`.
    As(Box<Expr>, String),
    /// `left op right` (a logical or arithmetic operator).
    Binary(Box<Expr>, String, Box<Expr>),
    /// `(param) => body`, with an expression body.
    Arrow(String, Box<Expr>),
    /// `test ? then : otherwise`
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tpl {
    Text(String),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub docs: Vec<String>,
    pub key: Key,
    /// `None` for a shorthand property (`{ domeMeta }`).
    pub value: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    Ident(String),
    Str(String),
    Computed(Expr),
}

impl Expr {
    pub fn ident(s: impl Into<String>) -> Expr {
        Expr::Ident(s.into())
    }
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Str(s.into())
    }
    /// `a.b.c` from a dotted path.
    pub fn path(dotted: &str) -> Expr {
        let mut parts = dotted.split('.');
        let mut e = Expr::ident(parts.next().unwrap_or_default());
        for p in parts {
            e = e.member(p);
        }
        e
    }
    pub fn member(self, name: impl Into<String>) -> Expr {
        Expr::Member(Box::new(self), name.into())
    }
    pub fn call(self, args: Vec<Expr>) -> Expr {
        Expr::Call(Box::new(self), args)
    }
    pub fn new_(callee: Expr, args: Vec<Expr>) -> Expr {
        Expr::New(Box::new(callee), args)
    }
    pub fn as_(self, ty: impl Into<String>) -> Expr {
        Expr::As(Box::new(self), ty.into())
    }
    pub fn binary(self, op: &str, right: Expr) -> Expr {
        Expr::Binary(Box::new(self), op.to_string(), Box::new(right))
    }
}

impl Prop {
    pub fn new(key: Key, value: Expr) -> Prop {
        Prop {
            docs: Vec::new(),
            key,
            value: Some(value),
        }
    }
    pub fn named(name: &str, value: Expr) -> Prop {
        Prop::new(Key::for_name(name), value)
    }
    pub fn shorthand(name: &str) -> Prop {
        Prop {
            docs: Vec::new(),
            key: Key::Ident(name.to_string()),
            value: None,
        }
    }
    pub fn with_docs(mut self, docs: &[String]) -> Prop {
        self.docs = docs.to_vec();
        self
    }
}

impl Key {
    /// An identifier key when `name` is a valid identifier, else a quoted one.
    pub fn for_name(name: &str) -> Key {
        if is_identifier(name) {
            Key::Ident(name.to_string())
        } else {
            Key::Str(name.to_string())
        }
    }
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A string literal as prettier prints it with `singleQuote`: single quotes unless the text has
/// more single than double quotes.
pub fn quote(s: &str) -> String {
    let singles = s.matches('\'').count();
    let doubles = s.matches('"').count();
    let q = if singles > doubles { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn template_text(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out
}

/// How the member expressions inside an expression print (prettier's `shouldInline` rule).
#[derive(Clone, Copy, Default)]
struct Ctx {
    parent_member: bool,
    inline_members: bool,
    /// Inside a call chain printed on one line: lookups carry no soft lines.
    chain: bool,
}

pub fn expr(e: &Expr) -> Doc {
    expr_in(e, Ctx::default())
}

fn expr_in(e: &Expr, ctx: Ctx) -> Doc {
    match e {
        Expr::Ident(s) | Expr::Num(s) => text(s.clone()),
        Expr::Bool(b) => text(b.to_string()),
        Expr::Str(s) => text(quote(s)),
        Expr::Template(parts) => template(parts),
        Expr::Tagged(tag, parts) => concat(vec![expr_in(tag, Ctx::default()), template(parts)]),
        Expr::Member(obj, name) => {
            // `[1]`, `["team"]`: a computed lookup, never broken before.
            let computed = name.starts_with('[');
            let lookup = text(if computed {
                name.clone()
            } else {
                format!(".{name}")
            });
            if ctx.chain || computed {
                return concat(vec![expr_in(obj, ctx), lookup]);
            }
            let inner = Ctx {
                parent_member: true,
                ..ctx
            };
            let inline =
                ctx.inline_members || (matches!(**obj, Expr::Ident(_)) && !ctx.parent_member);
            concat(vec![
                expr_in(obj, inner),
                if inline {
                    lookup
                } else {
                    group(indent(concat(vec![softline(), lookup])))
                },
            ])
        }
        Expr::Call(callee, args) => {
            if matches!(**callee, Expr::Member(..)) {
                let chain = Ctx {
                    chain: true,
                    ..Ctx::default()
                };
                group(concat(vec![expr_in(callee, chain), arguments(args)]))
            } else {
                let c = concat(vec![expr_in(callee, ctx), arguments(args)]);
                if matches!(**callee, Expr::Call(..)) {
                    group(c)
                } else {
                    c
                }
            }
        }
        Expr::New(callee, args) => {
            let inline = Ctx {
                inline_members: true,
                ..Ctx::default()
            };
            concat(vec![text("new "), expr_in(callee, inline), arguments(args)])
        }
        Expr::Array(items) => array(items),
        Expr::Object(props) => object(props, true),
        Expr::InlineObject(props) => object(props, false),
        Expr::As(e, ty) => concat(vec![expr_in(e, ctx), text(format!(" as {ty}"))]),
        Expr::Conditional(test, then, otherwise) => group(concat(vec![
            expr_in(test, ctx),
            indent(concat(vec![
                line(),
                text("? "),
                expr_in(then, ctx),
                line(),
                text(": "),
                expr_in(otherwise, ctx),
            ])),
        ])),
        Expr::Binary(l, op, r) => group(concat(vec![
            group(expr_in(l, ctx)),
            text(" "),
            group(concat(vec![text(op.clone()), line(), expr_in(r, ctx)])),
        ])),
        // Printed as prettier prints an arrow hugged as the last argument: a body that does not
        // fit goes on the next line, followed by a trailing comma.
        Expr::Arrow(param, body) => group(concat(vec![
            text(format!("({param}) =>")),
            indent(concat(vec![line(), expr(body)])),
            if_break(text(","), empty()),
            softline(),
        ])),
    }
}

/// An expression printed on one line (template literal placeholders never break).
pub fn flat(e: &Expr) -> String {
    super::doc::print_width(&expr(e), usize::MAX / 4)
}

fn template(parts: &[Tpl]) -> Doc {
    let mut out = vec![text("`")];
    for p in parts {
        match p {
            Tpl::Text(s) => out.push(text(template_text(s))),
            Tpl::Expr(e) => out.push(group(concat(vec![text("${"), text(flat(e)), text("}")]))),
        }
    }
    out.push(text("`"));
    concat(out)
}

fn array(items: &[Expr]) -> Doc {
    if items.is_empty() {
        return text("[]");
    }
    let should_break = items.len() > 1
        && items.iter().enumerate().all(|(i, el)| {
            let size = match el {
                Expr::Object(p) | Expr::InlineObject(p) => p.len(),
                Expr::Array(a) => a.len(),
                _ => return false,
            };
            let same_next = items
                .get(i + 1)
                .is_none_or(|n| is_object(n) == is_object(el));
            same_next && size > 1
        });
    let printed: Vec<Doc> = items.iter().map(|i| group(expr(i))).collect();
    group_broken(
        concat(vec![
            text("["),
            indent(concat(vec![
                softline(),
                join(concat(vec![text(","), line()]), printed),
                if_break(text(","), empty()),
            ])),
            softline(),
            text("]"),
        ]),
        should_break,
    )
}

/// A JSDoc block, as prettier keeps it.
pub fn jsdoc(docs: &[String]) -> Doc {
    let lines: Vec<String> = docs
        .iter()
        .map(|l| l.trim_end().replace("*/", "*\\/"))
        .collect();
    if lines.len() == 1 {
        return text(format!("/** {} */", lines[0]));
    }
    let mut parts = vec![text("/**")];
    for l in &lines {
        parts.push(hardline());
        parts.push(text(if l.is_empty() {
            " *".to_string()
        } else {
            format!(" * {l}")
        }));
    }
    parts.push(hardline());
    parts.push(text(" */"));
    concat(parts)
}

/// `docs` followed by a line break, or nothing.
pub fn leading_docs(docs: &[String]) -> Doc {
    if docs.is_empty() {
        empty()
    } else {
        concat(vec![jsdoc(docs), hardline()])
    }
}

fn object(props: &[Prop], expanded: bool) -> Doc {
    if props.is_empty() {
        return text("{}");
    }
    let printed: Vec<Doc> = props
        .iter()
        .map(|p| concat(vec![leading_docs(&p.docs), property(p)]))
        .collect();
    group_broken(
        concat(vec![
            text("{"),
            indent(concat(vec![
                line(),
                join(concat(vec![text(","), line()]), printed),
            ])),
            if_break(text(","), empty()),
            line(),
            text("}"),
        ]),
        expanded,
    )
}

fn key_doc(key: &Key) -> (Doc, Option<usize>) {
    match key {
        Key::Ident(s) => (text(s.clone()), Some(s.chars().count())),
        Key::Str(s) => {
            let q = quote(s);
            let w = q.chars().count();
            (text(q), Some(w))
        }
        Key::Computed(e) => (concat(vec![text("["), expr(e), text("]")]), None),
    }
}

fn property(p: &Prop) -> Doc {
    let (key, width) = key_doc(&p.key);
    match &p.value {
        None => key,
        Some(v) => {
            let short_key = width.is_some_and(|w| w < 2 + 3);
            assignment(key, ":", v, AssignKind::Property { short_key })
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AssignKind {
    Property {
        short_key: bool,
    },
    /// `const x = ...`
    Declarator,
    /// `a.b = ...`
    Assignment,
}

enum Layout {
    BreakAfterOperator,
    Never,
    Fluid,
}

fn is_lone_short_argument(e: &Expr) -> bool {
    let threshold = super::doc::PRINT_WIDTH / 4;
    match e {
        Expr::Ident(s) => s == "this" || s.chars().count() <= threshold,
        Expr::Str(s) => quote(s).chars().count() <= threshold,
        Expr::Template(parts) => match parts.as_slice() {
            [] => true,
            [Tpl::Text(t)] => t.chars().count() <= threshold && !t.contains('\n'),
            _ => false,
        },
        Expr::Num(_) | Expr::Bool(_) => true,
        Expr::Call(callee, args) => {
            args.is_empty()
                && matches!(&**callee, Expr::Ident(n) if n.chars().count() <= threshold - 2)
        }
        _ => false,
    }
}

fn is_poorly_breakable_chain(e: &Expr, deep: bool) -> bool {
    match e {
        Expr::Call(callee, args) => {
            let poorly = args.is_empty() || (args.len() == 1 && is_lone_short_argument(&args[0]));
            poorly && is_poorly_breakable_chain(callee, true)
        }
        Expr::Member(obj, _) => is_poorly_breakable_chain(obj, true),
        Expr::Ident(_) => deep,
        _ => false,
    }
}

fn choose_layout(kind: AssignKind, left_can_break: bool, right: &Expr) -> Layout {
    let short_key = matches!(kind, AssignKind::Property { short_key: true });
    // prettier breaks after the operator before a ternary whose test is a binary expression.
    let binary = matches!(right, Expr::Binary(_, _, r) if !could_expand(r))
        || matches!(right, Expr::Conditional(test, ..) if matches!(**test, Expr::Binary(..)));
    let break_after = binary
        || (!short_key
            && (matches!(right, Expr::Str(_)) || is_poorly_breakable_chain(right, false)));
    if break_after {
        return Layout::BreakAfterOperator;
    }
    if !left_can_break
        && (short_key
            || matches!(
                right,
                Expr::Template(_) | Expr::Tagged(..) | Expr::Bool(_) | Expr::Num(_)
            ))
    {
        return Layout::Never;
    }
    Layout::Fluid
}

/// prettier's `printAssignment` for the layouts our code can meet.
pub fn assignment(left: Doc, op: &str, right: &Expr, kind: AssignKind) -> Doc {
    let layout = choose_layout(kind, can_break(&left), right);
    let ctx = Ctx {
        inline_members: kind == AssignKind::Assignment,
        ..Ctx::default()
    };
    let right = expr_in(right, ctx);
    match layout {
        Layout::BreakAfterOperator => group(concat(vec![
            group(left),
            text(op),
            group(indent(concat(vec![line(), right]))),
        ])),
        Layout::Never => group(concat(vec![group(left), text(op), text(" "), right])),
        Layout::Fluid => {
            let id = new_id();
            group(concat(vec![
                group(left),
                text(op),
                group_with_id(indent(line()), id),
                indent_if_break(right, id),
            ]))
        }
    }
}

fn is_object(e: &Expr) -> bool {
    matches!(e, Expr::Object(_) | Expr::InlineObject(_))
}

fn could_expand(e: &Expr) -> bool {
    match e {
        Expr::Object(p) | Expr::InlineObject(p) => !p.is_empty(),
        Expr::Array(a) => !a.is_empty(),
        Expr::As(inner, _) => could_expand(inner),
        Expr::Arrow(_, body) => matches!(**body, Expr::Call(..)),
        _ => false,
    }
}

/// The ESTree node type, which prettier compares when deciding to hug the last argument.
fn node_type(e: &Expr) -> &'static str {
    match e {
        Expr::Object(_) | Expr::InlineObject(_) => "ObjectExpression",
        Expr::Array(_) => "ArrayExpression",
        Expr::Str(_) | Expr::Num(_) | Expr::Bool(_) => "Literal",
        Expr::Template(_) => "TemplateLiteral",
        Expr::Tagged(..) => "TaggedTemplateExpression",
        Expr::Member(..) => "MemberExpression",
        Expr::Call(..) => "CallExpression",
        Expr::New(..) => "NewExpression",
        Expr::As(..) => "TSAsExpression",
        Expr::Binary(..) => "LogicalExpression",
        Expr::Conditional(..) => "ConditionalExpression",
        Expr::Ident(_) => "Identifier",
        Expr::Arrow(..) => "ArrowFunctionExpression",
    }
}

fn arguments(args: &[Expr]) -> Doc {
    if args.is_empty() {
        return text("()");
    }
    let printed: Vec<Doc> = args.iter().map(expr).collect();
    let sep = || concat(vec![text(","), line()]);
    let all_broken = |printed: Vec<Doc>| {
        group_broken(
            concat(vec![
                text("("),
                indent(concat(vec![line(), join(sep(), printed)])),
                if_break(text(","), empty()),
                line(),
                text(")"),
            ]),
            true,
        )
    };
    let last = &args[args.len() - 1];
    let penultimate = args.len().checked_sub(2).map(|i| &args[i]);
    let concisely_printed_array = matches!(last, Expr::Array(items) if !items.is_empty() && items.iter().all(|i| matches!(i, Expr::Num(_))));
    let group_last = could_expand(last)
        && penultimate.is_none_or(|p| node_type(p) != node_type(last))
        && !(args.len() > 1 && concisely_printed_array);
    if group_last {
        if printed[..printed.len() - 1].iter().any(will_break) {
            return all_broken(printed);
        }
        let any_break = printed.iter().any(will_break);
        let n = printed.len();
        let mut hugged = printed.clone();
        hugged[n - 1] = group_broken(printed[n - 1].clone(), true);
        let state = |items: Vec<Doc>| concat(vec![text("("), join(sep(), items), text(")")]);
        return concat(vec![
            if any_break { Doc::BreakParent } else { empty() },
            conditional_group(vec![
                state(printed.clone()),
                state(hugged),
                all_broken(printed),
            ]),
        ]);
    }
    let any_break = printed.iter().any(will_break);
    group_broken(
        concat(vec![
            text("("),
            indent(concat(vec![softline(), join(sep(), printed)])),
            if_break(text(","), empty()),
            softline(),
            text(")"),
        ]),
        any_break,
    )
}

/// Statements of a block or a file.
#[derive(Debug, Clone)]
pub enum Stmt {
    Const {
        docs: Vec<String>,
        export: bool,
        name: String,
        ty: Option<String>,
        value: Expr,
    },
    /// `target = value;`
    Assign {
        target: Expr,
        value: Expr,
    },
    Return(Expr),
    Expr(Expr),
    /// `export = value;`
    ExportAssign(Expr),
    /// An empty line.
    Blank,
    /// `let name: Type | undefined;`
    Let {
        docs: Vec<String>,
        name: String,
        ty: String,
    },
    /// `if (cond) { body }`
    If {
        cond: String,
        body: Vec<Stmt>,
    },
    /// `for (head) { body }`
    For {
        head: String,
        body: Vec<Stmt>,
    },
    /// `throw new Error(message);`
    Throw(Expr),
}

pub fn stmt(s: &Stmt) -> Doc {
    match s {
        Stmt::Const {
            docs,
            export,
            name,
            ty,
            value,
        } => {
            let left = match ty {
                Some(t) => text(format!("{name}: {t}")),
                None => text(name.clone()),
            };
            concat(vec![
                leading_docs(docs),
                text(if *export { "export " } else { "" }),
                group(concat(vec![
                    text("const "),
                    assignment(left, " =", value, AssignKind::Declarator),
                    text(";"),
                ])),
            ])
        }
        Stmt::Assign { target, value } => {
            let left = expr_in(
                target,
                Ctx {
                    inline_members: true,
                    ..Ctx::default()
                },
            );
            concat(vec![
                assignment(left, " =", value, AssignKind::Assignment),
                text(";"),
            ])
        }
        Stmt::Return(e) => concat(vec![text("return "), expr(e), text(";")]),
        Stmt::Expr(e) => concat(vec![expr(e), text(";")]),
        Stmt::ExportAssign(e) => concat(vec![text("export = "), expr(e), text(";")]),
        Stmt::Blank => empty(),
        Stmt::Let { docs, name, ty } => concat(vec![
            leading_docs(docs),
            text(format!("let {name}: {ty} | undefined;")),
        ]),
        Stmt::If { cond, body } => concat(vec![text(format!("if ({cond}) ")), braces(block(body))]),
        Stmt::For { head, body } => {
            concat(vec![text(format!("for ({head}) ")), braces(block(body))])
        }
        Stmt::Throw(message) => stmt(&Stmt::Expr(Expr::Ident(format!(
            "throw {}",
            flat(&Expr::new_(Expr::ident("Error"), vec![message.clone()]))
        )))),
    }
}

/// Statements one a line; `Blank` leaves an empty line.
pub fn block(stmts: &[Stmt]) -> Doc {
    let mut parts = Vec::new();
    for (i, s) in stmts.iter().enumerate() {
        if i > 0 {
            parts.push(hardline());
        }
        parts.push(stmt(s));
    }
    concat(parts)
}

/// `{ body }` of a function, class member or similar.
pub fn braces(body: Doc) -> Doc {
    concat(vec![
        text("{"),
        indent(concat(vec![hardline(), body])),
        hardline(),
        text("}"),
    ])
}

/// A parameter list followed by an optional return type: `(a: A, b: B): R`.
pub fn params(list: &[(String, String)], ret: Option<&str>) -> Doc {
    let ret = ret.map(|r| text(format!(": {r}"))).unwrap_or_else(empty);
    if list.is_empty() {
        return concat(vec![text("()"), ret]);
    }
    let printed: Vec<Doc> = list
        .iter()
        .map(|(n, t)| text(format!("{n}: {t}")))
        .collect();
    group(concat(vec![
        text("("),
        indent(concat(vec![
            softline(),
            join(concat(vec![text(","), line()]), printed),
        ])),
        if_break(text(","), empty()),
        softline(),
        text(")"),
        ret,
    ]))
}

/// `export function name(params): ret { body }`
pub fn function(
    docs: &[String],
    name: &str,
    list: &[(String, String)],
    ret: &str,
    body: &[Stmt],
) -> Doc {
    concat(vec![
        leading_docs(docs),
        text(format!("export function {name}")),
        params(list, Some(ret)),
        text(" "),
        braces(block(body)),
    ])
}

/// `import { a, b } from 'module';` (or `import type`).
pub fn import_named(names: &[String], module: &str, type_only: bool) -> Doc {
    let kw = if type_only { "import type " } else { "import " };
    let specifiers = if names.len() == 1 {
        text(format!("{{ {} }}", names[0]))
    } else {
        group(concat(vec![
            text("{"),
            indent(concat(vec![
                line(),
                join(
                    concat(vec![text(","), line()]),
                    names.iter().map(|n| text(n.clone())).collect(),
                ),
            ])),
            if_break(text(","), empty()),
            line(),
            text("}"),
        ]))
    };
    concat(vec![
        text(kw),
        specifiers,
        text(format!(" from {};", quote(module))),
    ])
}

/// `export type Name = 'a' | 'b';`
pub fn union_alias(docs: &[String], name: &str, members: &[String]) -> Doc {
    let mut parts = vec![if_break(text("| "), empty())];
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            parts.push(line());
            parts.push(text("| "));
        }
        parts.push(text(m.clone()));
    }
    concat(vec![
        leading_docs(docs),
        text("export "),
        group(concat(vec![
            group(text(format!("type {name}"))),
            text(" ="),
            group(indent(concat(vec![line(), group(concat(parts))]))),
        ])),
        text(";"),
    ])
}

/// Prints top-level items separated by one empty line, with a final newline.
pub fn file(items: Vec<Doc>) -> String {
    let mut parts = Vec::new();
    let items = items
        .into_iter()
        .filter(|d| !matches!(d, Doc::Concat(p) if p.is_empty()));
    for (i, it) in items.enumerate() {
        if i > 0 {
            parts.push(hardline());
            parts.push(hardline());
        }
        parts.push(it);
    }
    let mut out = super::doc::print(&concat(parts));
    out.push('\n');
    out
}

/// Items one a line (no empty line between them).
pub fn lines(items: Vec<Doc>) -> Doc {
    join(hardline(), items)
}

/// `export type Name = Record<'a' | 'b', Elem>;`
/// `export type Name = { a: Elem; b?: Elem };`, one member a line (prettier keeps an object
/// type expanded when it is written so): `(key, optional)` per member.
pub fn object_type_alias(docs: &[String], name: &str, keys: &[(String, bool)], elem: &str) -> Doc {
    let members = keys
        .iter()
        .map(|(k, optional)| text(format!("{k}{}: {elem};", if *optional { "?" } else { "" })))
        .collect::<Vec<_>>();
    concat(vec![
        leading_docs(docs),
        text(format!("export type {name} = {{")),
        indent(concat(vec![hardline(), join(hardline(), members)])),
        hardline(),
        text("};"),
    ])
}

/// `export type Name = { key: Type; ... }` with a type per key (`key?` for an optional one).
pub fn member_type_alias(docs: &[String], name: &str, keys: &[(String, String)]) -> Doc {
    let members = keys
        .iter()
        .map(|(k, t)| text(format!("{k}: {t};")))
        .collect::<Vec<_>>();
    concat(vec![
        leading_docs(docs),
        text(format!("export type {name} = {{")),
        indent(concat(vec![hardline(), join(hardline(), members)])),
        hardline(),
        text("};"),
    ])
}

pub fn type_alias(docs: &[String], name: &str, keys: &[String], elem: &str) -> Doc {
    let key_doc = if keys.len() == 1 {
        text(keys[0].clone())
    } else {
        let mut parts = vec![if_break(text("| "), empty())];
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                parts.push(line());
                parts.push(text("| "));
            }
            parts.push(text(k.clone()));
        }
        group(concat(parts))
    };
    let id = new_id();
    concat(vec![
        leading_docs(docs),
        text("export "),
        group(concat(vec![
            group(text(format!("type {name}"))),
            text(" ="),
            group_with_id(indent(line()), id),
            indent_if_break(
                concat(vec![
                    text("Record"),
                    group(concat(vec![
                        text("<"),
                        indent(concat(vec![
                            softline(),
                            key_doc,
                            text(","),
                            line(),
                            text(elem.to_string()),
                        ])),
                        softline(),
                        text(">"),
                    ])),
                ]),
                id,
            ),
        ])),
        text(";"),
    ])
}
