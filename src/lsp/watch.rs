//! Watching the workspace on disk: `.infra` files created, deleted or renamed outside the
//! editor, the schema lock and project schemas. The server asks the client to watch them
//! (dynamic registration of `workspace/didChangeWatchedFiles`) when the client can.

use lsp_server::{Request, RequestId};
use lsp_types::notification::{DidChangeWatchedFiles, Notification as _};
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    Registration, RegistrationParams,
};

/// The files whose change on disk changes a check.
pub const WATCHED: [&str; 3] = ["**/*.infra", "**/infragen.lock", "**/schemas/**"];

/// The registration request to send after `initialize`, if the client supports it.
pub fn registration(params: &InitializeParams) -> Option<Request> {
    let dynamic = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if !dynamic {
        return None;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: WATCHED
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*glob).to_string()),
                kind: None,
            })
            .collect(),
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "infragen-watched-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    Some(Request::new(
        RequestId::from("infragen-watched-files".to_string()),
        RegisterCapability::METHOD.into(),
        params,
    ))
}
