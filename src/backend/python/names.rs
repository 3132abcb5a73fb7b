//! Python names: identifiers, SDK property, module and class names, all through heck.

use heck::{ToPascalCase, ToSnakeCase};

/// Keywords and soft keywords: never usable as identifiers (the SDK appends `_`, as in `from_`
/// and `lambda_`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "type", "while", "with", "yield",
];

/// Builtins and names the generated code itself uses: a local variable or parameter with one
/// of these names would shadow it.
const RESERVED: &[&str] = &[
    "all",
    "any",
    "bool",
    "cast",
    "dataclass",
    "dict",
    "float",
    "id",
    "input",
    "int",
    "len",
    "list",
    "map",
    "max",
    "min",
    "name",
    "object",
    "opts",
    "print",
    "pulumi",
    "self",
    "set",
    "str",
    "sum",
    "super",
    "tuple",
    "args",
    "cfg",
];

fn is_keyword(s: &str) -> bool {
    // `match`, `case` and `type` are soft keywords; only the hard ones need escaping as names.
    KEYWORDS.contains(&s) && !matches!(s, "match" | "case" | "type")
}

/// A keyword-safe identifier (`from` -> `from_`), as the SDK spells property names.
pub fn safe(s: &str) -> String {
    if is_keyword(s) {
        format!("{s}_")
    } else {
        s.to_string()
    }
}

/// A snake_case identifier for a local variable, parameter or field: keywords, builtins and
/// the names generated code relies on get a trailing `_`.
pub fn local(s: &str) -> String {
    let snake = s.to_snake_case();
    if is_keyword(&snake)
        || RESERVED.contains(&snake.as_str())
        || KEYWORDS.contains(&snake.as_str())
    {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Top-level names a flat module file must not take: the project's own files and folders,
/// and what the program, its tests and the SDK import (a file `typing.py` beside
/// `__main__.py` would shadow the standard library for every import).
const FLAT_TAKEN: &[&str] = &[
    "__main__", "config", "conftest", "google", "grpc", "modules", "pulumi", "pytest", "setup",
    "stacks", "tests", "yaml",
];

/// The standard library's top-level modules (Python 3.12 `sys.stdlib_module_names`).
const STDLIB: &str = "abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo";

/// The file (and import) name of a module's code: snake_case, keyword-safe; in the flat
/// layout also clear of the project's own files, the standard library and the SDKs.
pub fn module_file(module: &str, flat: bool) -> String {
    let name = local(module);
    let shadows = |n: &str| {
        FLAT_TAKEN.contains(&n) || n.starts_with("pulumi") || STDLIB.split(' ').any(|s| s == n)
    };
    if flat && shadows(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// The file name of one part of a module that is a folder of files (`byok`).
pub fn part_file(part: &str) -> String {
    let name = local(part);
    if name == "__init__" {
        format!("{name}_")
    } else {
        name
    }
}

/// The function a module file defines to create its declarations (`create_dns_tls`).
pub fn create_function(file: &str) -> String {
    format!("create_{}", file.trim_end_matches('_'))
}

/// The frozen dataclass of a component's arguments (`CloudFunctionArgs`).
pub fn args_class(component: &str) -> String {
    format!("{}Args", class(component))
}

/// The typed class of a stack reference (`InfraStack`).
pub fn stack_class(stack: &str) -> String {
    format!("{}Stack", class(stack))
}

/// A snake_case attribute name (attributes may shadow builtins; keywords get a `_`).
pub fn field(s: &str) -> String {
    safe(&s.to_snake_case())
}

/// The SDK's Python name of a schema (camelCase) property.
pub fn property(camel: &str) -> String {
    safe(&camel.to_snake_case())
}

/// A class name from a DSL name (`CloudRunService`, `databases` -> `Databases`).
pub fn class(s: &str) -> String {
    s.to_pascal_case()
}

/// The Python module of a provider schema module (`lambda` -> `lambda_`).
pub fn sdk_module(module: &str) -> String {
    safe(&module.to_lowercase())
}

/// The import alias of a provider package (`gcp` for `pulumi_gcp`).
pub fn provider_alias(provider: &str) -> String {
    safe(&provider.to_snake_case())
}

/// `gcp:storage/bucket:Bucket` -> `("storage", "Bucket")`.
fn split_token(token: &str) -> (&str, &str) {
    let mut parts = token.split(':');
    let _package = parts.next();
    let module = parts.next().unwrap_or("index");
    let class = parts.next().unwrap_or(module);
    (module.split('/').next().unwrap_or("index"), class)
}

/// The qualified Python name of something a provider package defines, by token: the resource
/// class for resources, `<Type>Args` for input object types.
pub fn sdk_name(token: &str, suffix: &str) -> String {
    let package = token.split(':').next().unwrap_or_default();
    let (module, class) = split_token(token);
    let alias = provider_alias(package);
    if module == "index" {
        format!("{alias}.{class}{suffix}")
    } else {
        format!("{alias}.{}.{class}{suffix}", sdk_module(module))
    }
}

/// The provider package (import alias) a token belongs to.
pub fn token_package(token: &str) -> &str {
    token.split(':').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_module_files_shadow_nothing() {
        assert_eq!(module_file("dns_tls", true), "dns_tls");
        assert_eq!(module_file("secrets", true), "secrets_");
        assert_eq!(module_file("config", true), "config_");
        assert_eq!(module_file("pulumi_extras", true), "pulumi_extras_");
        assert_eq!(module_file("secrets", false), "secrets");
        assert_eq!(module_file("main", false), "main");
    }

    #[test]
    fn names() {
        assert_eq!(property("headSamplingRate"), "head_sampling_rate");
        assert_eq!(property("from"), "from_");
        assert_eq!(property("ipv4Enabled"), "ipv4_enabled");
        assert_eq!(local("type"), "type_");
        assert_eq!(local("dome_meta"), "dome_meta");
        assert_eq!(class("databases"), "Databases");
        assert_eq!(
            sdk_name("aws:lambda/function:Function", ""),
            "aws.lambda_.Function"
        );
        assert_eq!(
            sdk_name(
                "cloudflare:index/WorkersScriptBinding:WorkersScriptBinding",
                "Args"
            ),
            "cloudflare.WorkersScriptBindingArgs"
        );
        assert_eq!(
            sdk_name("gcp:cloudrunv2/ServiceTemplate:ServiceTemplate", "Args"),
            "gcp.cloudrunv2.ServiceTemplateArgs"
        );
    }
}
