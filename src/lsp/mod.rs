//! `infragen lsp`: a language server over stdio. It re-checks the workspace whenever a document
//! is opened, changed or saved and publishes the same diagnostics `infragen check` prints, with
//! the document version they belong to. Unchanged files are not parsed again (`ParseCache`).

mod code_actions;
mod completion;
mod convert;
mod documents;
mod formatting;
mod hover;
mod inlay_hints;
mod locate;
mod navigation;
mod rename;
mod semantic_tokens;
mod symbols;
mod watch;
mod workspaces;

use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentHighlightRequest, DocumentSymbolRequest, Formatting,
    GotoDefinition, HoverRequest, InlayHintRequest, PrepareRenameRequest, References, Rename,
    Request as _, SemanticTokensFullRequest, WorkspaceSymbolRequest,
};
use lsp_types::{
    InitializeParams, OneOf, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

use documents::Documents;

pub fn run() -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        document_formatting_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(vec![".".into()]),
            ..Default::default()
        }),
        semantic_tokens_provider: Some(semantic_tokens::capability()),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let init = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(init).map_err(|e| e.to_string())?;
    let root = workspace_root(&params);
    if let Some(request) = watch::registration(&params) {
        send(&connection, Message::Request(request))?;
    }
    serve(&connection, Documents::new(root))?;
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

#[allow(deprecated)] // root_uri is still what most clients send
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone())
        .and_then(|u| convert::uri_to_path(&u))
}

/// What one message asks of the loop.
enum Flow {
    Exit,
    Continue { recheck: bool },
}

/// Serves until shutdown. Every message already queued is applied before the workspace is
/// checked again, so a burst of keystrokes costs one check (of the newest text), not one per
/// version.
fn serve(connection: &Connection, mut docs: Documents) -> Result<(), String> {
    while let Ok(msg) = connection.receiver.recv() {
        let mut recheck = false;
        let mut next = Some(msg);
        while let Some(msg) = next {
            // A request is answered from a check of every change before it.
            if matches!(msg, Message::Request(_)) && (recheck || !docs.checked_once()) {
                publish(connection, &mut docs)?;
                recheck = false;
            }
            match handle(connection, &mut docs, msg)? {
                Flow::Exit => return Ok(()),
                Flow::Continue { recheck: r } => recheck |= r,
            }
            next = connection.receiver.try_recv().ok();
        }
        if recheck {
            publish(connection, &mut docs)?;
        }
    }
    Ok(())
}

fn publish(connection: &Connection, docs: &mut Documents) -> Result<(), String> {
    for params in docs.publish() {
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        send(connection, Message::Notification(note))?;
    }
    Ok(())
}

fn handle(connection: &Connection, docs: &mut Documents, msg: Message) -> Result<Flow, String> {
    match msg {
        Message::Request(req) => {
            if connection
                .handle_shutdown(&req)
                .map_err(|e| e.to_string())?
            {
                return Ok(Flow::Exit);
            }
            send(connection, Message::Response(respond(docs, req)))?;
            Ok(Flow::Continue { recheck: false })
        }
        Message::Notification(n) => Ok(Flow::Continue {
            recheck: docs.apply(&n),
        }),
        Message::Response(_) => Ok(Flow::Continue { recheck: false }),
    }
}

/// The answer to a request.
fn respond(docs: &Documents, req: lsp_server::Request) -> lsp_server::Response {
    let result = match req.method.as_str() {
        Formatting::METHOD => serde_json::from_value(req.params)
            .map(|params| serde_json::json!(formatting::edits(docs, &params))),
        GotoDefinition::METHOD => answer(docs, req.params, navigation::definition),
        References::METHOD => answer(docs, req.params, navigation::references),
        DocumentHighlightRequest::METHOD => answer(docs, req.params, navigation::highlights),
        HoverRequest::METHOD => answer(docs, req.params, hover::hover),
        DocumentSymbolRequest::METHOD => answer(docs, req.params, symbols::document),
        WorkspaceSymbolRequest::METHOD => answer(docs, req.params, symbols::workspace),
        PrepareRenameRequest::METHOD => refusable(docs, req.params, rename::prepare),
        Rename::METHOD => refusable(docs, req.params, rename::rename),
        Completion::METHOD => answer(docs, req.params, completion::complete),
        CodeActionRequest::METHOD => answer(docs, req.params, code_actions::actions),
        InlayHintRequest::METHOD => answer(docs, req.params, inlay_hints::hints),
        SemanticTokensFullRequest::METHOD => serde_json::from_value(req.params)
            .map(|params| serde_json::json!(semantic_tokens::full(docs, &params))),
        _ => {
            return lsp_server::Response::new_err(
                req.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("infragen does not handle `{}`", req.method),
            );
        }
    };
    match result {
        Ok(value) => lsp_server::Response::new_ok(req.id, value),
        Err(e) => lsp_server::Response::new_err(
            req.id,
            lsp_server::ErrorCode::InvalidParams as i32,
            e.to_string(),
        ),
    }
}

/// A request answered from the last check (`null` before the first).
fn answer<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    docs: &Documents,
    params: serde_json::Value,
    f: impl Fn(&locate::Snapshot, &P) -> R,
) -> Result<serde_json::Value, serde_json::Error> {
    let snapshot = docs.snapshot(document_of(&params).as_ref());
    let params: P = serde_json::from_value(params)?;
    match snapshot {
        Some(snap) => serde_json::to_value(f(&snap, &params)),
        None => Ok(serde_json::Value::Null),
    }
}

/// The document a request is about, if it names one.
fn document_of(params: &serde_json::Value) -> Option<lsp_types::Uri> {
    let uri = params.get("textDocument")?.get("uri")?.as_str()?;
    uri.parse().ok()
}

/// Like [`answer`], for a request that may be refused: the reason is the error response's
/// message, which the editor shows.
fn refusable<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    docs: &Documents,
    params: serde_json::Value,
    f: impl Fn(&locate::Snapshot, &P) -> Result<R, String>,
) -> Result<serde_json::Value, serde_json::Error> {
    let snapshot = docs.snapshot(document_of(&params).as_ref());
    let params: P = serde_json::from_value(params)?;
    match snapshot {
        Some(snap) => f(&snap, &params)
            .map_err(serde::de::Error::custom)
            .and_then(serde_json::to_value),
        None => Ok(serde_json::Value::Null),
    }
}

fn send(connection: &Connection, msg: Message) -> Result<(), String> {
    connection.sender.send(msg).map_err(|e| e.to_string())
}

/// Notification methods that change what is checked.
fn is_document_change(method: &str) -> bool {
    [
        DidOpenTextDocument::METHOD,
        DidChangeTextDocument::METHOD,
        DidSaveTextDocument::METHOD,
        DidCloseTextDocument::METHOD,
        DidChangeWatchedFiles::METHOD,
    ]
    .contains(&method)
}
