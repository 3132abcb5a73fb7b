//! The spanned syntax tree of one `.infra` file, exactly as written (no resolution yet).

use super::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Doc comments (`///`) in source order, without the slashes.
pub type Docs = Vec<String>;

#[derive(Debug, Clone, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Project(ProjectDecl),
    Config(ConfigDecl),
    Env(EnvDecl),
    Module(ModuleDecl),
    Resource(ResourceDecl),
    Component(ComponentDecl),
    Use(UseDecl),
    Stack(StackDecl),
    Export(ExportDecl),
    Provider(ProviderDecl),
    Let(LetDecl),
    Moved(MovedDecl),
}

/// `moved { from = old  to = new }`: `from` and `to` as written (paths, checked later).
#[derive(Debug, Clone)]
pub struct MovedDecl {
    pub docs: Docs,
    pub fields: Vec<Assign>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ProjectDecl {
    pub docs: Docs,
    pub name: Ident,
    pub settings: Vec<Assign>,
    pub providers: Vec<Assign>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConfigDecl {
    pub docs: Docs,
    pub keys: Vec<ConfigEntry>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConfigEntry {
    pub docs: Docs,
    pub name: Ident,
    pub ty: TypeExpr,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnvDecl {
    pub docs: Docs,
    pub name: Ident,
    pub values: Vec<Assign>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ModuleDecl {
    pub docs: Docs,
    pub name: Ident,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ResourceDecl {
    pub docs: Docs,
    pub kind: Ident,
    pub name: Ident,
    pub properties: Vec<Assign>,
    pub bindings: Vec<BindingDecl>,
    pub options: Vec<Assign>,
    /// `as "name"`: the logical name written out (otherwise the name in kebab-case).
    pub logical_name: Option<Expr>,
    /// `when CONDITION`: the resource exists only where the condition holds.
    pub when: Option<Expr>,
    /// `for key, item in COLLECTION`: one resource per key (see `ForClause`).
    pub each: Option<Box<ForClause>>,
    /// A syntax error was recovered inside the body: some entries may be missing.
    pub recovered: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingForm {
    /// `bind NAME -> target`
    Bind,
    /// `var NAME = value`
    Var,
    /// `secret NAME = value`
    Secret,
}

#[derive(Debug, Clone)]
pub struct BindingDecl {
    pub docs: Docs,
    pub form: BindingForm,
    pub name: Ident,
    pub target: Expr,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ComponentDecl {
    pub docs: Docs,
    pub name: Ident,
    pub params: Vec<Param>,
    pub resources: Vec<ResourceDecl>,
    pub exports: Vec<ExportDecl>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub docs: Docs,
    pub name: Ident,
    pub ty: TypeExpr,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct UseDecl {
    pub docs: Docs,
    pub component: Ident,
    pub name: Ident,
    pub args: Vec<Assign>,
    pub options: Vec<Assign>,
    /// `when CONDITION`: the instance exists only where the condition holds.
    pub when: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StackDecl {
    pub docs: Docs,
    pub name: Ident,
    pub stack: StrLit,
    pub outputs: Vec<StackOutput>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StackOutput {
    pub docs: Docs,
    pub name: Ident,
    pub ty: TypeExpr,
    /// The producer's export name (a pattern such as `{env}_project_id`); defaults to `name`.
    pub export: Option<StrLit>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ExportDecl {
    pub docs: Docs,
    /// The export name, a pattern that may contain `{env}`.
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}

/// `let name = value`: a local value of its module, referenced by name.
#[derive(Debug, Clone)]
pub struct LetDecl {
    pub docs: Docs,
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}

/// `key = value`; the key may be written as an identifier or a string.
#[derive(Debug, Clone)]
pub struct Assign {
    pub docs: Docs,
    pub key: Ident,
    pub value: Expr,
    pub span: Span,
}

/// A plain string literal without interpolation (patterns, stack names).
#[derive(Debug, Clone)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TypeExpr {
    Named(Ident),
    Generic {
        name: Ident,
        arg: Box<TypeExpr>,
        span: Span,
    },
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(i) => i.span,
            TypeExpr::Generic { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    Number(f64),
    Str(Vec<StrPart>),
    List(Vec<Expr>),
    Object(Vec<Assign>),
    /// `env { dev: a, prod: b, default: c }`
    PerEnv(Vec<EnvCase>),
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    /// `a.b.c`
    Path(Vec<Ident>),
    /// `!a`
    Not(Box<Expr>),
    /// `base[index]`: an item of a list (by int) or a map (by string).
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
    },
    /// `base.name` after an index or a call (`a[0].name`, `f(...).name`); a plain `a.b.c` is a
    /// `Path`.
    Field {
        base: Box<Expr>,
        name: Ident,
    },
    /// `a == b`, `a != b`, `a && b`, `a || b`
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `subnet["us-central1"].id`: one item of a looped resource, then attributes.
    Item {
        target: Vec<Ident>,
        key: Box<Expr>,
        attrs: Vec<Ident>,
    },
    /// `if c { a } else { b }`; `otherwise` is `None` without `else`.
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Option<Box<Expr>>,
    },
}

/// A binary operator; all of them yield a bool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BinOp {
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }

    /// Binding strength: `||` is loosest.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne => 3,
        }
    }
}

#[derive(Debug, Clone)]
pub enum StrPart {
    Text(String),
    Interp(Expr),
}

#[derive(Debug, Clone)]
pub struct EnvCase {
    pub env: Ident,
    pub value: Expr,
}

/// `provider gcp { ... }`: the settings of a package's default provider (stack config).
/// `provider aws us_east_1 { ... }` is a resource of kind `aws.Provider` (`Item::Resource`).
#[derive(Debug, Clone)]
pub struct ProviderDecl {
    pub docs: Docs,
    pub package: Ident,
    pub settings: Vec<Assign>,
    pub span: Span,
}

/// `for key, item in COLLECTION` (a map) or `for item in COLLECTION` (a list of strings).
#[derive(Debug, Clone)]
pub struct ForClause {
    /// The key of a map, or the string item of a list.
    pub key: Ident,
    /// The value of a map's entry.
    pub item: Option<Ident>,
    pub collection: Expr,
    pub span: Span,
}
