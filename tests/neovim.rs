//! Neovim as a real client: headless Neovim (Debian's package) with the documented
//! configuration `editors/neovim/infragen.lua` opens a project file, gets the diagnostic of an
//! error introduced in the buffer from `infragen lsp`, and asks for a hover
//! (`tests/editors/neovim_session.lua` drives the session). Neovim is installed with apt when it
//! is missing; where that is impossible the test says so loudly and passes.
//!
//! Also: the Helix configuration (`editors/helix/languages.toml`) parses and names the server.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn has_nvim() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Neovim on PATH, installed from Debian's packages if needed; false when that is impossible.
fn ensure_nvim() -> bool {
    if has_nvim() {
        return true;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "apt-get"]);
            sudo
        };
        cmd.args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let _ = apt(&["update", "-q"]);
    apt(&["install", "-y", "-q", "neovim"]) && has_nvim()
}

const PROJECT: &str = "project demo {\n  providers { gcp = \"9.37.0\" }\n}\n\nenv dev {}\n\nresource gcp.storage.Bucket raw {\n  location = \"US\"\n}\n\nresource gcp.storage.Bucket curated {\n  location = \"US\"\n}\n";

fn session(root: &Path, file: &Path) -> Value {
    let out = root.join("session.json");
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(common::root().join("tests/editors/neovim_session.lua"))
        .env("INFRAGEN_BIN", env!("CARGO_BIN_EXE_infragen"))
        .env(
            "INFRAGEN_CONFIG",
            common::root().join("editors/neovim/infragen.lua"),
        )
        .env("INFRAGEN_FILE", file)
        .env("INFRAGEN_OUT", &out)
        // Break the second resource's kind (0-based line 10), hover the first one's (line 6).
        .env("INFRAGEN_LINE", "10")
        .env("INFRAGEN_FROM", "gcp%.storage%.Bucket")
        .env("INFRAGEN_TO", "gcp.storage.Buckt")
        .env("INFRAGEN_HOVER_LINE", "6")
        .env("INFRAGEN_HOVER_COLUMN", "15")
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .current_dir(root)
        .stdin(Stdio::null())
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim exited with {status}");
    let text = std::fs::read_to_string(&out).expect("the session wrote its report");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn neovim_gets_the_diagnostic_of_an_introduced_error_and_a_hover() {
    if !ensure_nvim() {
        eprintln!(
            "\n\n*** SKIPPED: Neovim is not installed and `apt-get install neovim` is impossible here; \
             the Neovim client test did not run ***\n"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("project.infra");
    std::fs::write(&file, PROJECT).unwrap();
    let report = session(&root, &file);
    assert_eq!(report["error"], Value::Null, "{report}");
    assert_eq!(report["filetype"], "infragen", "{report}");
    assert_eq!(report["attached"], true, "{report}");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["code"], "E0200", "{report}");
    assert_eq!(diagnostics[0]["lnum"], 10, "{report}");
    assert_eq!(diagnostics[0]["col"], 9, "{report}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("gcp.storage.Bucket"),
        "{report}"
    );
    // Hover: answered with the kind's documentation once the server offers it.
    if report["capabilities"]["hoverProvider"].is_null()
        || report["capabilities"]["hoverProvider"] == false
    {
        assert_eq!(
            report["hover_error"], "the server offers no hover",
            "{report}"
        );
        eprintln!("note: the server offers no hover yet; only diagnostics were asserted");
    } else {
        let contents = report["hover"]["contents"].to_string();
        assert!(
            contents.contains("gcp.storage.Bucket")
                || contents.contains("gcp:storage/bucket:Bucket"),
            "{report}"
        );
    }
}

#[test]
fn the_helix_configuration_names_the_server() {
    let text =
        std::fs::read_to_string(common::root().join("editors/helix/languages.toml")).unwrap();
    let toml = parse_toml(&text);
    let server = &toml["language-server"]["infragen"];
    assert_eq!(server["command"], "infragen", "{toml}");
    assert_eq!(
        server["args"],
        serde_json::json!(["lsp", "--stdio"]),
        "{toml}"
    );
    let language = toml["language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "infragen")
        .unwrap_or_else(|| panic!("no [[language]] infragen in {toml}"));
    assert_eq!(
        language["file-types"],
        serde_json::json!(["infra"]),
        "{toml}"
    );
    assert_eq!(
        language["language-servers"],
        serde_json::json!(["infragen"]),
        "{toml}"
    );
    assert_eq!(language["comment-token"], "//", "{toml}");
}

/// TOML to JSON with Python's standard library (tomllib), the parser Helix users do not need
/// but that reads any valid TOML; no TOML crate is a dependency of infragen.
fn parse_toml(text: &str) -> Value {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes())?;
            child.wait_with_output()
        })
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "languages.toml does not parse: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
