//! The `infragen` command line: a thin shell over the library.

mod build;
mod check;
mod fmt;
mod import;
mod output;
mod plan;
mod scaffold;
mod schema;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use output::ColorMode;

/// Compile typed infrastructure definitions into idiomatic Pulumi projects.
///
/// A workspace is a directory of `.infra` files. Each directory holding a `project`
/// declaration is one Pulumi project; every other `.infra` file below it is one module.
///
/// Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage or I/O problems.
#[derive(Debug, Parser)]
#[command(name = "infragen", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  infragen new infra/shop --lang go --provider gcp\n  infragen add resource gcp.storage.Bucket uploads --module storage --project infra/shop\n  infragen build examples/dome --lang typescript --out out/dome\n  infragen check examples/dome\n  infragen plan examples/dome --env dev\n  infragen check examples/apex --format json\n  infragen fmt --check examples/"
)]
pub struct Cli {
    /// When to colour output: auto (terminal and NO_COLOR unset), always, never.
    #[arg(long, value_enum, global = true, default_value_t = ColorMode::Auto)]
    pub color: ColorMode,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `--lang`: the values are the language registry's names (`ir::Language::ALL`).
fn language_arg() -> impl clap::builder::TypedValueParser<Value = crate::ir::Language> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(crate::ir::Language::ALL.map(|l| l.name()))
        .map(|s| crate::ir::Language::parse(&s).expect("a possible value is a registered name"))
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Add `<name>.infra` declaring `module <name>`, with a skeleton of each `--resource` kind.
    Module {
        name: String,
        /// A resource kind to add a skeleton of, e.g. `gcp.storage.Bucket`. Repeat for several.
        #[arg(long = "resource", value_name = "KIND")]
        resources: Vec<String>,
        /// The project directory.
        #[arg(long, default_value = ".")]
        project: std::path::PathBuf,
        /// Overwrite `<name>.infra` if it exists.
        #[arg(long)]
        force: bool,
        /// Print the files it would write, as a diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Append a resource to a module, with every required input set to a value of its type.
    Resource {
        /// Resource kind, e.g. `gcp.storage.Bucket`.
        kind: String,
        /// Resource name, e.g. `uploads`.
        name: String,
        /// The module (file `<module>.infra`) to add it to; created if missing.
        #[arg(long)]
        module: String,
        /// The project directory.
        #[arg(long, default_value = ".")]
        project: std::path::PathBuf,
        /// Print the files it would write, as a diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Write a provider's Pulumi Package Schema, read from its published SDK packages.
    ///
    /// Reads the npm package's type definitions (`.d.ts`) and `.js` files, and the Python
    /// wheel's annotations to tell integer from number; writes the JSON that
    /// `pulumi package get-schema` prints (keys sorted: two runs are byte-identical), gzipped
    /// when FILE ends in `.gz`. Downloads are cached in ~/.cache/infragen (INFRAGEN_CACHE).
    Extract {
        /// The npm package, e.g. `@pulumi/random@4.21.1`.
        #[arg(long)]
        npm: String,
        /// The Python package, e.g. `pulumi-random==4.21.1`.
        #[arg(long)]
        pypi: String,
        /// Where to write the schema (`.json`, or `.json.gz` for gzip).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// List resource kinds (or functions): friendly name and token, sorted.
    ///
    /// The kinds are those a project sees: the schemas shipped with infragen and those its
    /// `infragen.lock` records (`--project`, default the current directory).
    #[command(
        after_help = "Examples:\n  infragen schema list cloudflare\n  infragen schema list gcp --filter pubsub\n  infragen schema list aws --functions --filter route53"
    )]
    List {
        /// Only this provider's kinds, e.g. `gcp`.
        provider: Option<String>,
        /// Only names or tokens containing TEXT (any case).
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        /// List functions (data sources such as `aws.route53.getZone`) instead of kinds.
        #[arg(long)]
        functions: bool,
        /// The project directory whose locked schemas to include.
        #[arg(long, default_value = ".")]
        project: std::path::PathBuf,
    },
    /// Show a resource kind or function: inputs and outputs with types, required and secret
    /// flags, descriptions and deprecations, then the object types they use.
    #[command(
        after_help = "Examples:\n  infragen schema show gcp.storage.Bucket\n  infragen schema show random.RandomPassword\n  infragen schema show aws.route53.getZone"
    )]
    Show {
        /// Friendly name (`gcp.storage.Bucket`) or token (`gcp:storage/bucket:Bucket`).
        kind: String,
        /// The project directory whose locked schemas to include.
        #[arg(long, default_value = ".")]
        project: std::path::PathBuf,
    },
    /// Record a provider schema in a project, so it checks and builds offline against it.
    ///
    /// Takes the schema from `pulumi package get-schema PACKAGE@VERSION` when the Pulumi CLI
    /// is on PATH, or from `--from FILE` (JSON or gzipped JSON). Writes it gzipped to
    /// `schemas/<package>-<version>.json.gz` in the project and records its version, file and
    /// SHA-256 in `infragen.lock`; a provider pinned at that version in `providers { }` then
    /// uses it (a changed file is error E1000). Adding another version replaces the entry.
    #[command(
        after_help = "Examples:\n  infragen schema add aws@7.50.0 --project infra\n  pulumi package get-schema aws@7.50.0 > aws.json && infragen schema add aws@7.50.0 --from aws.json"
    )]
    Add {
        /// The package and version, e.g. `aws@7.50.0`.
        #[arg(value_name = "PACKAGE@VERSION")]
        spec: String,
        /// Read the schema from this file instead of running `pulumi package get-schema`.
        #[arg(long, value_name = "FILE")]
        from: Option<std::path::PathBuf>,
        /// The project directory (holding `project.infra`).
        #[arg(long, default_value = ".")]
        project: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile every project of a workspace into a Pulumi project in one language.
    ///
    /// Each project is written to its own folder inside `--out` (named after the project),
    /// with its stack file for every environment. Nothing is written when the input has errors.
    ///
    /// infragen records what it generated in `.infragen-manifest.json`: a rebuild removes
    /// generated files that are no longer produced, never touches files it did not generate,
    /// and refuses to overwrite a generated file edited by hand (unless `--force`). Unchanged
    /// files are not rewritten. The output is staged and moved into place, and an interrupted
    /// build is rolled back by the next run, so the previous output is never lost. One build
    /// at a time writes an output directory: another waits for it (a lock file beside it).
    Build {
        /// The workspace directory.
        #[arg(default_value = ".")]
        path: std::path::PathBuf,
        /// Target language; overrides each project's `language` setting.
        #[arg(long, value_parser = language_arg())]
        lang: Option<crate::ir::Language>,
        /// Output directory (not `/`, the home directory, or a directory holding the workspace).
        #[arg(long, default_value = "out")]
        out: std::path::PathBuf,
        /// Write nothing; exit 1 when the output directory differs from what would be
        /// generated, printing a unified diff per changed file and the files to add and remove.
        #[arg(long, conflicts_with = "diff")]
        check: bool,
        /// Print the same diff as `--check`, then write.
        #[arg(long)]
        diff: bool,
        /// Overwrite or remove generated files that were edited by hand since, and files in
        /// the way that infragen did not generate.
        #[arg(long)]
        force: bool,
    },
    /// Type-check a workspace and report every problem in one run.
    ///
    /// Human output goes to stderr (coloured on a terminal); `--format json` prints one JSON
    /// object per diagnostic per line on stdout with severity, code, message, file, line,
    /// column, end_line, end_column (1-based), labels and help.
    Check {
        /// The workspace directory.
        #[arg(default_value = ".")]
        path: std::path::PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a new project: `project.infra` with providers, config and dev/staging/prod.
    New {
        /// Directory of the new project (created if missing).
        #[arg(required_unless_present = "list")]
        path: Option<std::path::PathBuf>,
        /// Project name (default: the directory's name in snake_case).
        #[arg(long)]
        name: Option<String>,
        /// Target language (default: the starter's, else typescript).
        #[arg(long, value_parser = language_arg())]
        lang: Option<crate::ir::Language>,
        /// Providers to declare, pinned to the built-in schema's version (`gcp`) or to a
        /// version you give (`gcp@9.37.0`). Repeat for several. Default: gcp.
        #[arg(long = "provider", conflicts_with = "template")]
        providers: Vec<String>,
        /// Start from a starter shaped like a reference design (`--list` shows them).
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// List the starters, one line each, and exit.
        #[arg(long, conflicts_with_all = ["name", "lang", "template", "force", "dry_run"])]
        list: bool,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
        /// Print the files it would write, as a diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a module, or a resource skeleton with every required property, to a project.
    #[command(subcommand)]
    Add(AddCommand),
    /// Provider schemas: list and show kinds, add a schema to a project, extract one from a
    /// provider's published SDK packages.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Format `.infra` files in the canonical layout, keeping every comment.
    ///
    /// Indentation is two spaces per bracket, spacing inside a line is fixed, the `=` of
    /// consecutive one-line entries are aligned, and your line breaks and comments stay. Files
    /// that do not parse are reported and left alone. `infragen fmt -` formats standard input
    /// to standard output, for editors.
    #[command(
        after_help = "Examples:\n  infragen fmt                    format every .infra file below the current directory\n  infragen fmt --check examples/  exit 1 and name the files that are not formatted\n  infragen fmt - < storage.infra  format standard input to standard output"
    )]
    Fmt {
        /// Files or directories (default: the current directory), or `-` for standard input.
        #[arg(default_value = ".")]
        paths: Vec<std::path::PathBuf>,
        /// Write nothing; name the files that are not formatted and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Write a workspace from `pulumi stack export` files, one per stack (environment).
    ///
    /// Resources keep their logical names and get the `import` option with their id, so the
    /// first `pulumi up` of the generated program adopts them. Refusals are coded (S0030-S0037)
    /// and write nothing; what is left out is a coded warning (W1380-W1382).
    #[command(after_help = "Examples:
  pulumi stack export --stack dev --file dev.json
  infragen import dev.json prod.json --out infra
  infragen import dev.json --out infra --modules modules.txt")]
    Import {
        /// The exports (`pulumi stack export --file`), one per stack.
        #[arg(required = true, value_name = "STATE.json")]
        states: Vec<std::path::PathBuf>,
        /// The directory to write the workspace into (must hold no `.infra` file).
        #[arg(long)]
        out: std::path::PathBuf,
        /// The project's name in the language (default: the Pulumi project's in snake_case).
        #[arg(long)]
        project: Option<String>,
        /// A module mapping: lines `<pattern> <module>` (see the README's "Import").
        #[arg(long, value_name = "MAP")]
        modules: Option<std::path::PathBuf>,
    },
    /// Run the language server (LSP over stdio): diagnostics as you type, in any editor.
    Lsp {
        /// Talk over standard input and output (the default and only transport; editors'
        /// client libraries pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Print the resource graph of one environment: what the generated program must create.
    ///
    /// For each resource: schema type token, logical and physical name, resolved inputs
    /// (outputs of other resources shown as `${name.output}`), options, parent and
    /// dependencies; then the stack exports.
    Plan {
        /// The workspace directory.
        #[arg(default_value = ".")]
        path: std::path::PathBuf,
        /// The environment (stack) to plan, e.g. `dev`.
        #[arg(long)]
        env: String,
        /// The project to plan, when the workspace holds more than one.
        #[arg(long)]
        project: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    let code = match cli.command {
        Command::Build {
            path,
            lang,
            out,
            check,
            diff,
            force,
        } => build::run(&path, lang, &out, build::Mode { check, diff, force }, color),
        Command::Check { path, format } => check::run(&path, format, color),
        Command::New {
            path,
            name,
            lang,
            mut providers,
            template,
            list,
            force,
            dry_run,
        } => match path {
            Some(path) if !list => {
                if providers.is_empty() {
                    providers.push("gcp".into());
                }
                scaffold::new(
                    &crate::scaffold::NewProject {
                        dir: &path,
                        name: name.as_deref(),
                        language: lang,
                        providers: &providers,
                        template: template.as_deref(),
                        force,
                    },
                    dry_run,
                )
            }
            _ => scaffold::list_starters(),
        },
        Command::Add(add) => scaffold::add(add),
        Command::Schema(SchemaCommand::Extract { npm, pypi, out }) => {
            schema::extract(&npm, &pypi, &out)
        }
        Command::Schema(SchemaCommand::List {
            provider,
            filter,
            functions,
            project,
        }) => schema::list(&project, provider.as_deref(), filter.as_deref(), functions),
        Command::Schema(SchemaCommand::Show { kind, project }) => schema::show(&project, &kind),
        Command::Schema(SchemaCommand::Add {
            spec,
            from,
            project,
        }) => schema::add(&project, &spec, from),
        Command::Fmt { paths, check } => fmt::run(
            &paths,
            if check {
                fmt::Mode::Check
            } else {
                fmt::Mode::Write
            },
            color,
        ),
        Command::Import {
            states,
            out,
            project,
            modules,
        } => import::run(&states, &out, project.as_deref(), modules.as_deref()),
        Command::Lsp { stdio: _ } => match crate::lsp::run() {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: language server: {e}");
                2
            }
        },
        Command::Plan {
            path,
            env,
            project,
            format,
        } => plan::run(&path, &env, project.as_deref(), format, color),
    };
    ExitCode::from(code)
}

/// The process exits right after a command: a large workspace's model is not freed piece by
/// piece (that cost 8% of `check` at 10,000 resources), the operating system takes it back.
fn end_of_process<T>(value: T) {
    std::mem::forget(value);
}
