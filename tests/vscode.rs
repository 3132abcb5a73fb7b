//! The VS Code extension (`editors/vscode/`): its TextMate grammar scopes every example and
//! fixture without an unknown-token region (tokenized by VS Code's own engine, vscode-textmate
//! with vscode-oniguruma, through `tests/editors/tokenize.js`), gives the expected scopes, and
//! the extension packages with `vsce`. The node packages are installed once into the cache
//! directory (`~/.cache/infragen/editor-tools-<hash>`), so a warm run costs about a second.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// The tools the tests run, pinned (vsce 3.x still runs on Node 20).
const TOOLS: &str = r#"{"private": true, "dependencies": {"@vscode/vsce": "3.9.2", "vscode-textmate": "9.3.2", "vscode-oniguruma": "2.0.1"}}"#;

fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{what}: cannot run {cmd:?} ({e}); node and npm must be on PATH")
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// `dir` with `package.json` (and `package-lock.json` if given) installed, once: the install
/// goes to a staging directory renamed into place, so another process never sees half of it,
/// and the tests of this process install one at a time.
fn installed(dir: PathBuf, package: &str, lock: Option<&str>) -> PathBuf {
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if dir.join("node_modules").exists() {
        return dir;
    }
    let staging = dir.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("package.json"), package).unwrap();
    let mut npm = Command::new("npm");
    if let Some(lock) = lock {
        std::fs::write(staging.join("package-lock.json"), lock).unwrap();
        npm.args(["ci", "--omit=dev"]);
    } else {
        npm.arg("install");
    }
    run(
        npm.args(["--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&staging),
        "npm install",
    );
    if std::fs::rename(&staging, &dir).is_err() {
        // Another test installed it first.
        let _ = std::fs::remove_dir_all(&staging);
    }
    dir
}

fn tools() -> PathBuf {
    let dir = common::cache_dir().join(format!("editor-tools-{}", short_hash(TOOLS)));
    installed(dir, TOOLS, None).join("node_modules")
}

fn vscode_dir() -> PathBuf {
    common::root().join("editors/vscode")
}

fn tokenize(mode: &str, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("node")
        .arg(common::root().join("tests/editors/tokenize.js"))
        .arg(vscode_dir().join("syntaxes/infragen.tmLanguage.json"))
        .arg(mode)
        .args(files)
        .env("NODE_PATH", tools())
        .output()
        .expect("node must be on PATH");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn infra_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "infra") {
            out.push(entry.path().to_path_buf());
        }
    }
}

#[test]
fn the_grammar_scopes_every_example_and_fixture() {
    let mut files = Vec::new();
    infra_files(&common::root().join("examples"), &mut files);
    infra_files(&common::root().join("tests/fixtures"), &mut files);
    assert!(files.len() > 100, "{} files", files.len());
    let (ok, report) = tokenize("check", &files);
    assert!(
        ok,
        "text with only the root scope or an invalid scope:\n{report}"
    );
    assert!(
        report.contains(&format!("{} files tokenized", files.len())),
        "{report}"
    );
}

/// The scopes of each token of `text`, as (text, innermost scope) pairs.
fn scopes(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.infra");
    std::fs::write(&file, text).unwrap();
    let (ok, out) = tokenize("dump", &[file]);
    assert!(ok, "{out}");
    out.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let scopes = v[1].as_array().unwrap();
            (
                v[0].as_str().unwrap().to_string(),
                scopes.last().unwrap().as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn scope_of<'a>(tokens: &'a [(String, String)], text: &str) -> &'a str {
    tokens
        .iter()
        .find(|(t, _)| t == text)
        .map(|(_, s)| s.as_str())
        .unwrap_or_else(|| panic!("no token `{text}` in {tokens:?}"))
}

#[test]
fn the_grammar_gives_each_construct_its_scope() {
    let tokens = scopes(
        "/// Raw uploads.\nresource gcp.storage.Bucket raw as \"raw-bucket\" when env.name != \"dev\" {\n  // kept\n  location = upper(config.region)\n  labels   = { team: \"data-${env.name}\", \"tier\" = 2 }\n  bind \"reader\" -> sa.email\n}\nconfig {\n  zones: list<string>\n}\n",
    );
    assert_eq!(
        scope_of(&tokens, "/// Raw uploads."),
        "comment.line.documentation.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "// kept"),
        "comment.line.double-slash.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "resource"),
        "keyword.other.declaration.resource.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "gcp.storage.Bucket"),
        "entity.name.type.kind.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "raw"),
        "entity.name.variable.resource.infragen"
    );
    assert_eq!(scope_of(&tokens, "when"), "keyword.control.infragen");
    assert_eq!(
        scope_of(&tokens, "!="),
        "keyword.operator.comparison.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "location"),
        "variable.other.property.infragen"
    );
    assert_eq!(scope_of(&tokens, "upper"), "entity.name.function.infragen");
    assert_eq!(scope_of(&tokens, "config"), "variable.language.infragen");
    assert_eq!(
        scope_of(&tokens, "team"),
        "variable.other.property.infragen"
    );
    assert_eq!(
        scope_of(&tokens, "${"),
        "punctuation.section.interpolation.begin.infragen"
    );
    assert_eq!(scope_of(&tokens, "data-"), "string.quoted.double.infragen");
    assert_eq!(scope_of(&tokens, "2"), "constant.numeric.infragen");
    assert_eq!(scope_of(&tokens, "->"), "keyword.operator.arrow.infragen");
    assert_eq!(
        scope_of(&tokens, "zones"),
        "variable.other.property.infragen"
    );
    assert_eq!(scope_of(&tokens, "list"), "support.type.infragen");
    // Inside the interpolation, `env` is an expression again, not string text.
    let interpolated = tokens.iter().skip_while(|(t, _)| t != "${").nth(1).unwrap();
    assert_eq!(
        interpolated,
        &("env".to_string(), "variable.language.infragen".to_string())
    );
}

#[test]
fn stray_characters_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.infra");
    std::fs::write(&file, "resource a.B x {\n  @ = \"\\q\"\n}\n").unwrap();
    let (ok, report) = tokenize("check", &[file]);
    assert!(!ok, "{report}");
    assert!(report.contains(":2:"), "{report}");
    assert!(report.contains("invalid.illegal.escape"), "{report}");
}

#[test]
fn the_extension_packages() {
    let package = std::fs::read_to_string(vscode_dir().join("package.json")).unwrap();
    let lock = std::fs::read_to_string(vscode_dir().join("package-lock.json")).unwrap();
    let deps = common::cache_dir().join(format!(
        "vscode-extension-{}",
        short_hash(&(package.clone() + &lock))
    ));
    let deps = installed(deps, &package, Some(&lock));
    // The extension's files beside its installed dependencies, in a scratch copy.
    let work = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(vscode_dir()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(vscode_dir()).unwrap();
        let target = work.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() != "node_modules")
        {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    std::os::unix::fs::symlink(deps.join("node_modules"), work.path().join("node_modules"))
        .unwrap();
    let vsix = work.path().join("infragen.vsix");
    let vsce = tools().join(".bin/vsce");
    run(
        Command::new(&vsce)
            .args(["package", "--out"])
            .arg(&vsix)
            .current_dir(work.path()),
        "vsce package",
    );
    let listing = run(Command::new("unzip").arg("-l").arg(&vsix), "unzip -l");
    for file in [
        "extension/package.json",
        "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/infragen.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json",
    ] {
        assert!(listing.contains(file), "{file} missing from:\n{listing}");
    }
}
