//! Turns pest pairs into the AST. Recovery nodes (`bad_item`, `bad_entry`) become syntax
//! diagnostics; the text they cover is re-parsed with a strict rule so the message says what
//! was expected at the exact position.

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::{FileId, InfraParser, Rule, Span};
use crate::diag::{Problem, Sink, ValueProblem};

/// Parses one file. Never fails: problems go to `sink`, the AST keeps every good declaration.
pub fn parse_file(file: FileId, text: &str, sink: &mut Sink) -> File {
    if let Some(at) = super::depth::too_deep(text) {
        sink.report(Problem::TooDeep {
            span: Span::new(file, at, at + 1),
            limit: super::depth::MAX_NESTING,
        });
        return File::default();
    }
    let mut lower = Lower { file, sink };
    match InfraParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let file_pair = pairs.next().expect("file rule");
            let mut items = Vec::new();
            for pair in inner(file_pair) {
                if let Some(item) = lower.item(pair) {
                    items.push(item);
                }
            }
            File { items }
        }
        Err(e) => {
            // Unreachable by construction (bad_item accepts anything), but never panic.
            lower.pest_error(e, 0);
            File::default()
        }
    }
}

struct Lower<'a> {
    file: FileId,
    sink: &'a mut Sink,
}

fn rule_name(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::ident => "a name",
        Rule::string => "a string",
        Rule::expr => "a value",
        Rule::type_expr | Rule::type_generic | Rule::type_name => "a type",
        Rule::kind_path => "a resource kind such as `gcp.storage.Bucket`",
        Rule::EOI => "end of file",
        Rule::docs | Rule::doc => return None,
        Rule::assign => "`key = value`",
        Rule::field => "`key = value`",
        Rule::kw_project => "`project`",
        Rule::kw_config => "`config`",
        Rule::kw_env => "`env`",
        Rule::kw_module => "`module`",
        Rule::kw_resource => "`resource`",
        Rule::kw_component => "`component`",
        Rule::kw_use => "`use`",
        Rule::kw_stack => "`stack`",
        Rule::kw_export => "`export`",
        Rule::kw_bind => "`bind`",
        Rule::kw_var => "`var`",
        Rule::kw_secret => "`secret`",
        Rule::kw_options => "`options`",
        Rule::kw_providers => "`providers`",
        Rule::kw_provider => "`provider`",
        Rule::param => "a parameter `name: type`",
        Rule::env_case => "`env_name: value`",
        Rule::number => "a number",
        Rule::list => "a list",
        Rule::object => "an object",
        Rule::per_env => "`env { ... }`",
        Rule::call => "a call",
        Rule::path => "a reference",
        Rule::config_entry => "`key: type`",
        Rule::stack_output => "`name: type`",
        Rule::bind_entry => "`bind NAME -> target`",
        Rule::var_entry => "`var NAME = value`",
        Rule::secret_entry => "`secret NAME = value`",
        Rule::options_block => "`options { ... }`",
        Rule::providers_block => "`providers { ... }`",
        Rule::eq => "`=`",
        Rule::colon => "`:`",
        Rule::arrow => "`->`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::lbrack => "`[`",
        Rule::rbrack => "`]`",
        Rule::comma => "`,`",
        Rule::langle => "`<`",
        Rule::rangle => "`>`",
        Rule::project_decl => "`project`",
        Rule::config_decl => "`config`",
        Rule::env_decl => "`env`",
        Rule::module_decl => "`module`",
        Rule::resource_decl => "`resource`",
        Rule::component_decl => "`component`",
        Rule::use_decl => "`use`",
        Rule::stack_decl => "`stack`",
        Rule::export_decl => "`export`",
        Rule::provider_decl => "`provider`",
        Rule::let_decl => "`let`",
        Rule::kw_let => "`let`",
        Rule::moved_decl => "`moved`",
        Rule::for_clause => "`for key, item in collection`",
        Rule::kw_in => "`in`",
        Rule::when_clause => "`when CONDITION`",
        _ => return None,
    })
}

impl Lower<'_> {
    /// The pair's span without trailing whitespace (pest includes what optional tokens skipped).
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let len = pair.as_str().trim_end().len();
        Span::new(self.file, s.start(), s.start() + len)
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        let span = self.span(&pair);
        let name = match pair.as_rule() {
            Rule::string => unquote(pair.as_str()),
            _ => pair.as_str().to_string(),
        };
        Ident { name, span }
    }

    fn pest_error(&mut self, e: pest::error::Error<Rule>, offset: usize) {
        use pest::error::{ErrorVariant, InputLocation};
        let (start, end) = match e.location {
            InputLocation::Pos(p) => (p, p),
            InputLocation::Span((s, e)) => (s, e),
        };
        let message = match &e.variant {
            ErrorVariant::ParsingError { positives, .. } => {
                let mut names: Vec<&str> = positives.iter().filter_map(rule_name).collect();
                names.sort();
                names.dedup();
                if names.is_empty() {
                    "unexpected input".to_string()
                } else {
                    format!("expected {}", join_or(&names))
                }
            }
            ErrorVariant::CustomError { message } => message.clone(),
        };
        self.sink.report(Problem::Syntax {
            span: Span::new(self.file, offset + start, offset + end.max(start)),
            message,
            help: None,
        });
    }

    /// Reports a recovery node, explaining it with the strict rule where possible.
    fn bad(&mut self, pair: &Pair<Rule>, strict: Rule, what: &str) {
        let span = self.span(pair);
        let text = pair.as_str();
        let offset = span.start as usize;
        if let Some(quote) = unterminated_string(text) {
            self.sink.report(Problem::Syntax {
                span: Span::new(self.file, offset + quote, offset + quote + 1),
                message: "unterminated string".into(),
                help: Some("close the string with `\"` on the same line".into()),
            });
            return;
        }
        if self.statement_the_language_lacks(text, span, strict) {
            return;
        }
        let e = match InfraParser::parse(strict, text) {
            Ok(_) => {
                self.sink.report(Problem::Syntax {
                    span,
                    message: format!("{what} is not allowed here"),
                    help: None,
                });
                return;
            }
            Err(e) => e,
        };
        use pest::error::InputLocation;
        let pos = match e.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        if pos >= text.trim_end().len()
            && let Some(open) = text.find('{')
        {
            let line_end = text[open..]
                .find('\n')
                .map(|n| open + n)
                .unwrap_or(text.len());
            self.sink.report(Problem::Syntax {
                span: Span::new(self.file, offset + open, offset + open + 1),
                message: "this `{` is never closed".into(),
                help: Some(format!(
                    "add `}}` to end the block that starts with `{}`",
                    text[..line_end].trim()
                )),
            });
            return;
        }
        // Point at the offending token rather than at a zero-width position.
        let token_end = text[pos..]
            .find(|c: char| c.is_whitespace())
            .map(|n| pos + n.max(1))
            .unwrap_or(text.len())
            .max(pos)
            .min(text.len());
        let word = &text[pos..token_end];
        if let Some(problem) = unsupported_syntax(
            &text[pos..],
            Span::new(self.file, offset + pos, offset + token_end),
        ) {
            self.sink.report(problem);
            return;
        }
        let mut e = e;
        e.location = InputLocation::Span((pos, token_end));
        let before = self.sink.diagnostics.len();
        self.pest_error(e, offset);
        if strict == Rule::strict_item
            && pos == 0
            && let Some(k) = crate::diag::did_you_mean(word, super::keywords::DECLARATION_KEYWORDS)
            && let Some(d) = self.sink.diagnostics.get_mut(before)
        {
            d.help = Some(format!("did you mean `{k}`?"));
        }
    }

    /// `if ... { ... }` or `for ... { ... }` written as a statement: says what the language has
    /// instead of what the parser expected at that position.
    fn statement_the_language_lacks(&mut self, text: &str, span: Span, strict: Rule) -> bool {
        let word: String = text
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let in_resource = strict == Rule::strict_resource_entry;
        let (message, help) = match word.as_str() {
            "if" if in_resource => (
                "`if` is a value, not a statement: properties cannot be set inside an `if` block",
                "to set a property only where a condition holds, write `property = if CONDITION { value }` (without `else` the property is left unset)",
            ),
            "if" => (
                "`if` is a value, not a statement: declarations cannot be placed inside an `if` block",
                "to create a resource only where a condition holds, write `resource KIND NAME when CONDITION { ... }`; to choose a value, write `if CONDITION { a } else { b }` where the value goes",
            ),
            "for" | "foreach" | "while" | "loop" => (
                "a loop is a clause of a resource, not a statement: declarations cannot be placed inside a loop block",
                "to create one resource per item, write `resource KIND NAME for key, item in MAP { ... }` (or `for item in LIST` over a list of strings); the key names each resource (`NAME-<key>`)",
            ),
            _ => return false,
        };
        let end = span.start as usize + word.len();
        self.sink.report(Problem::Syntax {
            span: Span::new(self.file, span.start as usize, end),
            message: message.into(),
            help: Some(help.into()),
        });
        true
    }

    fn docs(&self, pair: Pair<Rule>) -> Docs {
        inner(pair)
            .map(|d| {
                let t = d.as_str().trim_start_matches('/');
                t.strip_prefix(' ').unwrap_or(t).trim_end().to_string()
            })
            .collect()
    }

    fn item(&mut self, pair: Pair<Rule>) -> Option<Item> {
        let span = self.span(&pair);
        Some(match pair.as_rule() {
            Rule::project_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next(); // keyword
                let name = self.ident(it.next()?);
                let mut settings = Vec::new();
                let mut providers = Vec::new();
                for p in it {
                    match p.as_rule() {
                        Rule::providers_block => {
                            for a in inner(p).skip(1) {
                                if let Some(a) = self.assign_or_bad(a, Rule::strict_assign) {
                                    providers.push(a);
                                }
                            }
                        }
                        _ => {
                            if let Some(a) = self.assign_or_bad(p, Rule::strict_project_entry) {
                                settings.push(a);
                            }
                        }
                    }
                }
                Item::Project(ProjectDecl {
                    docs,
                    name,
                    settings,
                    providers,
                    span,
                })
            }
            Rule::config_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let mut keys = Vec::new();
                for p in it {
                    if p.as_rule() == Rule::bad_entry {
                        self.bad(&p, Rule::strict_config_entry, "this");
                        continue;
                    }
                    let span = self.span(&p);
                    let mut e = inner(p);
                    let docs = self.docs(e.next()?);
                    let name = self.ident(e.next()?);
                    let ty = self.type_expr(e.next()?);
                    let default = e.next().map(|v| self.expr(v));
                    keys.push(ConfigEntry {
                        docs,
                        name,
                        ty,
                        default,
                        span,
                    });
                }
                Item::Config(ConfigDecl { docs, keys, span })
            }
            Rule::env_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let name = self.ident(it.next()?);
                let values = it
                    .filter_map(|p| self.assign_or_bad(p, Rule::strict_assign))
                    .collect();
                Item::Env(EnvDecl {
                    docs,
                    name,
                    values,
                    span,
                })
            }
            Rule::provider_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let package = self.ident(it.next()?);
                let name = if pair_is(&mut it, Rule::ident) {
                    Some(self.ident(it.next()?))
                } else {
                    None
                };
                let settings = it
                    .filter_map(|p| self.assign_or_bad(p, Rule::strict_assign))
                    .collect();
                match name {
                    // An explicit provider is a resource of the package's provider kind.
                    Some(name) => Item::Resource(ResourceDecl {
                        docs,
                        kind: Ident {
                            name: format!("{}.Provider", package.name),
                            span: package.span,
                        },
                        name,
                        properties: settings,
                        bindings: Vec::new(),
                        options: Vec::new(),
                        logical_name: None,
                        when: None,
                        each: None,
                        recovered: false,
                        span,
                    }),
                    None => Item::Provider(ProviderDecl {
                        docs,
                        package,
                        settings,
                        span,
                    }),
                }
            }
            Rule::module_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let name = self.ident(it.next()?);
                Item::Module(ModuleDecl { docs, name, span })
            }
            Rule::resource_decl => Item::Resource(self.resource(pair)?),
            Rule::component_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let name = self.ident(it.next()?);
                let params = inner(it.next()?)
                    .filter_map(|p| {
                        let span = self.span(&p);
                        let mut e = inner(p);
                        let docs = self.docs(e.next()?);
                        let name = self.ident(e.next()?);
                        let ty = self.type_expr(e.next()?);
                        let default = e.next().map(|v| self.expr(v));
                        Some(Param {
                            docs,
                            name,
                            ty,
                            default,
                            span,
                        })
                    })
                    .collect();
                let mut resources = Vec::new();
                let mut exports = Vec::new();
                for p in it {
                    match p.as_rule() {
                        Rule::resource_decl => resources.extend(self.resource(p)),
                        Rule::export_decl => exports.extend(self.export(p)),
                        _ => self.bad(&p, Rule::strict_component_entry, "this"),
                    }
                }
                Item::Component(ComponentDecl {
                    docs,
                    name,
                    params,
                    resources,
                    exports,
                    span,
                })
            }
            Rule::use_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let component = self.ident(it.next()?);
                let name = self.ident(it.next()?);
                let mut args = Vec::new();
                let mut options = Vec::new();
                let mut when = None;
                for p in it {
                    if p.as_rule() == Rule::when_clause {
                        when = inner(p).nth(1).map(|c| self.expr(c));
                    } else if p.as_rule() == Rule::options_block {
                        options.extend(
                            inner(p)
                                .skip(1)
                                .filter_map(|a| self.assign_or_bad(a, Rule::strict_assign)),
                        );
                    } else if let Some(a) = self.assign_or_bad(p, Rule::strict_assign) {
                        args.push(a);
                    }
                }
                Item::Use(UseDecl {
                    docs,
                    component,
                    name,
                    args,
                    options,
                    when,
                    span,
                })
            }
            Rule::stack_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let name = self.ident(it.next()?);
                let stack = self.str_lit(it.next()?);
                let mut outputs = Vec::new();
                for p in it {
                    if p.as_rule() == Rule::bad_entry {
                        self.bad(&p, Rule::strict_stack_output, "this");
                        continue;
                    }
                    let span = self.span(&p);
                    let mut e = inner(p);
                    let docs = self.docs(e.next()?);
                    let name = self.ident(e.next()?);
                    let ty = self.type_expr(e.next()?);
                    let export = e.next().map(|s| self.str_lit(s));
                    outputs.push(StackOutput {
                        docs,
                        name,
                        ty,
                        export,
                        span,
                    });
                }
                Item::Stack(StackDecl {
                    docs,
                    name,
                    stack,
                    outputs,
                    span,
                })
            }
            Rule::export_decl => Item::Export(self.export(pair)?),
            Rule::let_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let name = self.ident(it.next()?);
                let value = self.expr(it.next()?);
                Item::Let(LetDecl {
                    docs,
                    name,
                    value,
                    span,
                })
            }
            Rule::moved_decl => {
                let mut it = inner(pair);
                let docs = self.docs(it.next()?);
                it.next();
                let fields = it
                    .filter_map(|p| self.assign_or_bad(p, Rule::strict_assign))
                    .collect();
                Item::Moved(MovedDecl { docs, fields, span })
            }
            Rule::bad_item => {
                self.bad(&pair, Rule::strict_item, "this declaration");
                return None;
            }
            _ => return None,
        })
    }

    fn export(&mut self, pair: Pair<Rule>) -> Option<ExportDecl> {
        let span = self.span(&pair);
        let mut it = inner(pair);
        let docs = self.docs(it.next()?);
        it.next();
        let name = self.ident(it.next()?);
        let value = self.expr(it.next()?);
        Some(ExportDecl {
            docs,
            name,
            value,
            span,
        })
    }

    fn resource(&mut self, pair: Pair<Rule>) -> Option<ResourceDecl> {
        let span = self.span(&pair);
        let mut it = inner(pair);
        let docs = self.docs(it.next()?);
        it.next();
        let kind = self.ident(it.next()?);
        let name = self.ident(it.next()?);
        let mut logical_name = None;
        let mut properties = Vec::new();
        let mut bindings = Vec::new();
        let mut options = Vec::new();
        let mut when = None;
        let mut each = None;
        let errors_before = self.sink.diagnostics.len();
        for p in it {
            match p.as_rule() {
                Rule::when_clause => {
                    when = inner(p).nth(1).map(|c| self.expr(c));
                }
                Rule::for_clause => each = self.for_clause(p).map(Box::new),
                Rule::bind_entry | Rule::var_entry | Rule::secret_entry => {
                    let form = match p.as_rule() {
                        Rule::bind_entry => BindingForm::Bind,
                        Rule::var_entry => BindingForm::Var,
                        _ => BindingForm::Secret,
                    };
                    let span = self.span(&p);
                    let mut e = inner(p);
                    let docs = self.docs(e.next()?);
                    e.next();
                    let name = self.ident(e.next()?);
                    let target = self.expr(e.next()?);
                    bindings.push(BindingDecl {
                        docs,
                        form,
                        name,
                        target,
                        span,
                    });
                }
                Rule::options_block => {
                    options.extend(
                        inner(p)
                            .skip(1)
                            .filter_map(|a| self.assign_or_bad(a, Rule::strict_assign)),
                    );
                }
                Rule::logical_name => {
                    logical_name = inner(p).nth(1).map(|s| self.expr(s));
                }
                _ => properties.extend(self.assign_or_bad(p, Rule::strict_resource_entry)),
            }
        }
        let recovered = self.sink.diagnostics.len() > errors_before;
        Some(ResourceDecl {
            docs,
            kind,
            name,
            properties,
            bindings,
            options,
            logical_name,
            when,
            each,
            recovered,
            span,
        })
    }

    fn assign_or_bad(&mut self, pair: Pair<Rule>, strict: Rule) -> Option<Assign> {
        match pair.as_rule() {
            Rule::assign | Rule::field => {
                let span = self.span(&pair);
                let mut it = inner(pair);
                let docs = if pair_is(&mut it, Rule::docs) {
                    self.docs(it.next()?)
                } else {
                    Vec::new()
                };
                let key = self.ident(it.next()?);
                let value = self.expr(it.next()?);
                Some(Assign {
                    docs,
                    key,
                    value,
                    span,
                })
            }
            Rule::bad_entry => {
                self.bad(&pair, strict, "this");
                None
            }
            _ => {
                let what = rule_name(&pair.as_rule()).unwrap_or("this");
                self.sink.report(Problem::Syntax {
                    span: self.span(&pair),
                    message: format!("{what} is not allowed here"),
                    help: None,
                });
                None
            }
        }
    }

    fn str_lit(&mut self, pair: Pair<Rule>) -> StrLit {
        let span = self.span(&pair);
        let mut value = String::new();
        for part in inner(pair) {
            match part.as_rule() {
                Rule::text => value.push_str(part.as_str()),
                Rule::escape => value.push(unescape(part.as_str())),
                _ => {
                    let s = self.span(&part);
                    self.sink.report(Problem::Syntax {
                        span: s,
                        message: "interpolation is not allowed in this string".into(),
                        help: Some("write `{env}` for the environment name".into()),
                    });
                }
            }
        }
        StrLit { value, span }
    }

    fn type_expr(&mut self, pair: Pair<Rule>) -> TypeExpr {
        let child = inner(pair).next().expect("type_expr has one child");
        match child.as_rule() {
            Rule::type_generic => {
                let span = self.span(&child);
                let mut it = inner(child);
                let name = self.ident(it.next().expect("generic name"));
                let arg = self.type_expr(it.next().expect("generic arg"));
                TypeExpr::Generic {
                    name,
                    arg: Box::new(arg),
                    span,
                }
            }
            _ => TypeExpr::Named(self.ident(child)),
        }
    }

    fn expr(&mut self, pair: Pair<Rule>) -> Expr {
        let pair = if pair.as_rule() == Rule::expr {
            inner(pair).next().expect("expr has one child")
        } else {
            pair
        };
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::kw_true => ExprKind::Bool(true),
            Rule::kw_false => ExprKind::Bool(false),
            Rule::kw_null => ExprKind::Null,
            Rule::number => {
                let t = pair.as_str();
                if t.contains('.') {
                    ExprKind::Number(t.parse().unwrap_or(0.0))
                } else {
                    match t.parse() {
                        Ok(n) => ExprKind::Int(n),
                        Err(_) => {
                            self.sink.report(Problem::Syntax {
                                span,
                                message: "integer is too large".into(),
                                help: None,
                            });
                            ExprKind::Int(0)
                        }
                    }
                }
            }
            Rule::string => {
                let mut parts = Vec::new();
                for part in inner(pair) {
                    match part.as_rule() {
                        Rule::text => push_text(&mut parts, part.as_str()),
                        Rule::escape => push_text(&mut parts, &unescape(part.as_str()).to_string()),
                        Rule::interp => {
                            let inner = inner(part).next().expect("interp expr");
                            parts.push(StrPart::Interp(self.expr(inner)));
                        }
                        _ => {}
                    }
                }
                ExprKind::Str(parts)
            }
            Rule::list => ExprKind::List(inner(pair).map(|p| self.expr(p)).collect()),
            Rule::object => ExprKind::Object(
                inner(pair)
                    .filter_map(|p| self.assign_or_bad(p, Rule::strict_field))
                    .collect(),
            ),
            Rule::per_env => {
                let cases = inner(pair)
                    .skip(1)
                    .filter_map(|c| {
                        let mut it = inner(c);
                        let env = self.ident(it.next()?);
                        let value = self.expr(it.next()?);
                        Some(EnvCase { env, value })
                    })
                    .collect();
                ExprKind::PerEnv(cases)
            }
            Rule::call => {
                let mut it = inner(pair);
                let func = self.ident(it.next().expect("call name"));
                let args = it.map(|p| self.expr(p)).collect();
                ExprKind::Call { func, args }
            }
            Rule::path => ExprKind::Path(inner(pair).map(|p| self.ident(p)).collect()),
            Rule::item_ref => {
                let mut it = inner(pair);
                let target = inner(it.next().expect("item target"))
                    .map(|p| self.ident(p))
                    .collect();
                let key = Box::new(self.expr(it.next().expect("item key")));
                let attrs = it
                    .find(|p| p.as_rule() == Rule::item_attrs)
                    .map(|p| inner(p).map(|i| self.ident(i)).collect())
                    .unwrap_or_default();
                ExprKind::Item { target, key, attrs }
            }
            Rule::operation => return self.operation(pair),
            Rule::unary => {
                let mut it = inner(pair);
                let mut nots = Vec::new();
                while pair_is(&mut it, Rule::op_not) {
                    nots.push(self.span(&it.next().expect("op_not")));
                }
                let mut e = self.expr(it.next().expect("unary operand"));
                for suffix in it {
                    let span = e.span.to(self.span(&suffix));
                    let rule = suffix.as_rule();
                    let part = inner(suffix).next().expect("suffix content");
                    let kind = if rule == Rule::index_suffix {
                        ExprKind::Index {
                            base: Box::new(e),
                            index: Box::new(self.expr(part)),
                        }
                    } else {
                        ExprKind::Field {
                            base: Box::new(e),
                            name: self.ident(part),
                        }
                    };
                    e = Expr { kind, span };
                }
                for not in nots.into_iter().rev() {
                    let span = not.to(e.span);
                    e = Expr {
                        kind: ExprKind::Not(Box::new(e)),
                        span,
                    };
                }
                return e;
            }
            Rule::paren => {
                let inner_expr = self.expr(inner(pair).next().expect("paren expr"));
                inner_expr.kind
            }
            Rule::if_expr => {
                let mut it = inner(pair).skip(1);
                let cond = self.expr(it.next().expect("if condition"));
                let then = self.expr(it.next().expect("if value"));
                let otherwise = it
                    .find(|p| p.as_rule() != Rule::kw_else)
                    .map(|p| Box::new(self.expr(p)));
                ExprKind::If {
                    cond: Box::new(cond),
                    then: Box::new(then),
                    otherwise,
                }
            }
            _ => ExprKind::Null,
        };
        Expr { kind, span }
    }
}

impl Lower<'_> {
    /// `for key, item in collection`.
    fn for_clause(&mut self, pair: Pair<Rule>) -> Option<ForClause> {
        let span = self.span(&pair);
        let mut it = inner(pair).skip(1);
        let key = self.ident(it.next()?);
        let mut item = None;
        let mut next = it.next()?;
        if next.as_rule() == Rule::ident {
            item = Some(self.ident(next));
            next = it.next()?;
        }
        if next.as_rule() == Rule::kw_in {
            next = it.next()?;
        }
        let collection = self.expr(next);
        Some(ForClause {
            key,
            item,
            collection,
            span,
        })
    }

    /// `a op b op c ...` as a tree, by precedence (all operators are left-associative).
    fn operation(&mut self, pair: Pair<Rule>) -> Expr {
        let mut operands = Vec::new();
        let mut ops = Vec::new();
        for p in inner(pair) {
            if p.as_rule() == Rule::binary_op {
                let op = match inner(p).next().map(|o| o.as_rule()) {
                    Some(Rule::op_or) => BinOp::Or,
                    Some(Rule::op_and) => BinOp::And,
                    Some(Rule::op_ne) => BinOp::Ne,
                    _ => BinOp::Eq,
                };
                ops.push(op);
            } else {
                operands.push(self.expr(p));
            }
        }
        let mut operands = operands.into_iter();
        let first = operands.next().unwrap_or(Expr {
            kind: ExprKind::Null,
            span: Span::new(self.file, 0, 0),
        });
        let rest: Vec<(BinOp, Expr)> = ops.into_iter().zip(operands).collect();
        climb(first, &mut rest.into_iter().peekable(), 0)
    }
}

/// Precedence climbing over `first (op operand)*`, taking operators binding tighter than `min`.
fn climb(
    mut left: Expr,
    rest: &mut std::iter::Peekable<std::vec::IntoIter<(BinOp, Expr)>>,
    min: u8,
) -> Expr {
    while let Some((op, _)) = rest.peek() {
        let op = *op;
        if op.precedence() <= min {
            break;
        }
        let (_, mut right) = rest.next().expect("peeked");
        while let Some((next, _)) = rest.peek() {
            if next.precedence() <= op.precedence() {
                break;
            }
            right = climb(right, rest, op.precedence());
        }
        let span = left.span.to(right.span);
        left = Expr {
            kind: ExprKind::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            },
            span,
        };
    }
    left
}

type Inner<'i> = std::iter::Peekable<std::vec::IntoIter<Pair<'i, Rule>>>;

fn is_token(p: &Pair<Rule>) -> bool {
    !matches!(
        p.as_rule(),
        Rule::eq
            | Rule::colon
            | Rule::arrow
            | Rule::lbrace
            | Rule::rbrace
            | Rule::lparen
            | Rule::rparen
            | Rule::lbrack
            | Rule::rbrack
            | Rule::comma
            | Rule::langle
            | Rule::rangle
    )
}

/// The children of a pair, without punctuation.
fn inner(pair: Pair<'_, Rule>) -> Inner<'_> {
    pair.into_inner()
        .filter(is_token)
        .collect::<Vec<_>>()
        .into_iter()
        .peekable()
}

fn pair_is(it: &mut Inner, rule: Rule) -> bool {
    it.peek().map(|p| p.as_rule() == rule).unwrap_or(false)
}

fn push_text(parts: &mut Vec<StrPart>, text: &str) {
    if let Some(StrPart::Text(t)) = parts.last_mut() {
        t.push_str(text);
    } else {
        parts.push(StrPart::Text(text.to_string()));
    }
}

fn unescape(esc: &str) -> char {
    match esc.chars().nth(1) {
        Some('n') => '\n',
        Some('t') => '\t',
        Some(c) => c,
        None => '\\',
    }
}

fn unquote(s: &str) -> String {
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some(c) => c,
                None => '\\',
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// Syntax other languages have and infragen does not, said as such: a ternary `a ? b : c`
/// left over after a value.
fn unsupported_syntax(rest: &str, span: Span) -> Option<Problem> {
    if rest.starts_with('?') {
        Some(Problem::Value(ValueProblem::NoTernary { span }))
    } else {
        None
    }
}

/// The byte offset of a string's opening quote when a line ends inside it.
fn unterminated_string(text: &str) -> Option<usize> {
    let mut open = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match (c, open) {
            ('"', None) => open = Some(i),
            ('"', Some(_)) => open = None,
            ('\\', Some(_)) => {
                chars.next();
            }
            ('\n', Some(start)) => return Some(start),
            ('/', None) if text[i..].starts_with("//") => {
                // A comment runs to the end of the line.
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    open
}

fn join_or(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
