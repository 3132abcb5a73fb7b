//! `textDocument/inlayHint`: after a resource's name, its physical name in each environment
//! (`dev: network-dev-vpc · prod: network-prod-vpc`); after a `let`'s name, its inferred type.

use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams};

use super::hover::physical_names;
use super::locate::Snapshot;
use crate::check::SymbolKind;

/// Items of a looped resource shown per environment before the rest is counted.
const ITEMS_SHOWN: usize = 2;

pub fn hints(snap: &Snapshot, params: &InlayHintParams) -> Vec<InlayHint> {
    let Some(file) = snap.file_of(&params.text_document.uri) else {
        return Vec::new();
    };
    let from = snap.offset(file, params.range.start);
    let to = snap.offset(file, params.range.end);
    let mut out = Vec::new();
    for d in &snap.checked.symbols.definitions {
        if d.span.file != file || d.span.end < from || d.span.start > to {
            continue;
        }
        let (label, kind) = match d.kind {
            SymbolKind::Let if !d.detail.is_empty() => {
                (format!(": {}", d.detail), InlayHintKind::TYPE)
            }
            SymbolKind::Resource => {
                let project = &snap.checked.workspace.projects[d.project];
                let per_env: Vec<String> = physical_names(project, d)
                    .into_iter()
                    .map(|(env, names)| format!("{env}: {}", shown(&names)))
                    .collect();
                if per_env.is_empty() {
                    continue;
                }
                (per_env.join(" · "), InlayHintKind::PARAMETER)
            }
            _ => continue,
        };
        out.push(InlayHint {
            position: snap.range(d.span).end,
            label: InlayHintLabel::String(label),
            kind: Some(kind),
            text_edits: None,
            tooltip: None,
            padding_left: Some(d.kind == SymbolKind::Resource),
            padding_right: None,
            data: None,
        });
    }
    out.sort_by_key(|h| (h.position.line, h.position.character));
    out
}

fn shown(names: &[String]) -> String {
    match names.len() {
        0 => "none".into(),
        n if n <= ITEMS_SHOWN => names.join(", "),
        n => format!("{}, +{}", names[..ITEMS_SHOWN].join(", "), n - ITEMS_SHOWN),
    }
}
