//! `beslutskoll lsp`: a language server over standard in and out for rule files
//! (`*.regler`) and rule tests (`*.test.yaml`), so that a supervisor sees in the
//! editor, as she types, what `rules check` and `rules test` would say.
//!
//! - [`workspace`]: which folder a file is checked with (local guideline folders
//!   layered as `--local` layers them) and the analysis, with the editor's texts;
//! - [`diagnostics`]: the diagnostics of `rules check` and the failures of a rule
//!   test as LSP diagnostics;
//! - [`hover`], [`complete`], [`definition`]: what the cursor is on, read by
//!   [`names`]; formatting is `rules fmt` ([`crate::fmt`]);
//! - [`text`]: byte offsets ↔ LSP positions (UTF-16 columns), URIs ↔ paths.
//!
//! The protocol runs on `lsp-server` (the synchronous scaffold rust-analyzer uses):
//! one thread handles one message after the other. Edits are coalesced: diagnostics
//! are computed when no message is waiting, so a burst of keystrokes costs one check.
//! Nothing is logged: rule tests hold case data.

mod complete;
mod definition;
mod diagnostics;
mod hover;
mod names;
pub mod text;
mod workspace;

use std::collections::{BTreeSet, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{Completion, Formatting, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CompletionOptions, CompletionParams, CompletionResponse, DocumentFormattingParams,
    GotoDefinitionParams, GotoDefinitionResponse, HoverParams, HoverProviderCapability,
    InitializeParams, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
};
use serde_json::Value;

use workspace::Workspace;

/// Run the server until the client says `exit`. Exit 0 after an orderly shutdown,
/// 2 when the connection broke.
pub fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: språkservern: {e}");
            ExitCode::from(2)
        }
    };
    drop(connection);
    if let Err(e) = io_threads.join() {
        eprintln!("fel: språkservern: {e}");
        return ExitCode::from(2);
    }
    code
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into()]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "beslutskoll", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server::new(connection, workspace_from(&params));
    server.main_loop()
}

/// The workspace root and the folder options of the initialize request.
fn workspace_from(params: &InitializeParams) -> Workspace {
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| text::uri_to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(text::uri_to_path));
    let option = |key: &str| -> Option<PathBuf> {
        let value = params.initialization_options.as_ref()?.get(key)?.as_str()?;
        let p = PathBuf::from(value);
        Some(match &root {
            Some(r) if p.is_relative() => r.join(p),
            _ => p,
        })
    };
    let mut ws = Workspace::default();
    ws.national_option = option("regler");
    ws.local_option = option("riktlinjer");
    ws.root = root;
    ws
}

fn is_rule_test(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".test.yaml")
}

fn is_rule_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == crate::engine::RULE_EXT)
}

struct Server<'a> {
    connection: &'a Connection,
    ws: Workspace,
    /// Documents changed since diagnostics were last published.
    dirty: BTreeSet<PathBuf>,
    /// Files that were last given a non-empty list of diagnostics.
    published: HashSet<PathBuf>,
    shutdown: bool,
}

impl<'a> Server<'a> {
    fn new(connection: &'a Connection, ws: Workspace) -> Self {
        Server {
            connection,
            ws,
            dirty: BTreeSet::new(),
            published: HashSet::new(),
            shutdown: false,
        }
    }

    fn send(&self, msg: impl Into<Message>) -> Result<(), String> {
        self.connection
            .sender
            .send(msg.into())
            .map_err(|_| "klienten har stängt förbindelsen".to_string())
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            if !self.dirty.is_empty() && self.connection.receiver.is_empty() {
                let dirty = std::mem::take(&mut self.dirty);
                self.publish(dirty)?;
            }
            let Ok(msg) = self.connection.receiver.recv() else {
                return Err("klienten försvann utan `exit`".into());
            };
            match msg {
                Message::Request(req) => {
                    if req.method == "shutdown" {
                        self.shutdown = true;
                        self.send(Response::new_ok(req.id, Value::Null))?;
                        continue;
                    }
                    let resp = self.request(req);
                    self.send(resp)?;
                }
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shutdown {
                        Ok(())
                    } else {
                        Err("`exit` utan `shutdown`".into())
                    };
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        let path = match n.method.as_str() {
            DidOpenTextDocument::METHOD => n
                .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                .ok()
                .and_then(|p| {
                    Some((
                        text::uri_to_path(&p.text_document.uri)?,
                        p.text_document.text,
                    ))
                })
                .map(|(path, text)| {
                    self.ws.docs.insert(path.clone(), text);
                    path
                }),
            DidChangeTextDocument::METHOD => n
                .extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                .ok()
                .and_then(|mut p| {
                    let path = text::uri_to_path(&p.text_document.uri)?;
                    // Full synchronisation: the last change is the whole text.
                    let text = p.content_changes.pop()?.text;
                    self.ws.docs.insert(path.clone(), text);
                    Some(path)
                }),
            DidSaveTextDocument::METHOD => n
                .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                .ok()
                .and_then(|p| text::uri_to_path(&p.text_document.uri)),
            DidCloseTextDocument::METHOD => n
                .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                .ok()
                .and_then(|p| text::uri_to_path(&p.text_document.uri))
                .inspect(|path| {
                    self.ws.docs.remove(path);
                }),
            _ => None,
        };
        if let Some(path) = path {
            self.ws.invalidate();
            self.dirty.insert(path);
        }
    }

    /// Publish the diagnostics of every folder a changed document belongs to: all of
    /// its files with diagnostics (a changed definition can break another file), and
    /// an empty list for the changed documents and for files that had some and have
    /// none now.
    fn publish(&mut self, dirty: BTreeSet<PathBuf>) -> Result<(), String> {
        let mut contexts = Vec::new();
        for path in &dirty {
            if is_rule_file(path) || is_rule_test(path) {
                let cx = self.ws.context(path);
                if !contexts.contains(&cx) {
                    contexts.push(cx);
                }
            }
        }
        for cx in contexts {
            let result = catch_unwind(AssertUnwindSafe(|| self.context_diagnostics(&cx, &dirty)));
            let Ok(files) = result else {
                continue;
            };
            for (path, diags) in files {
                if diags.is_empty() && !self.published.contains(&path) && !dirty.contains(&path) {
                    continue;
                }
                if diags.is_empty() {
                    self.published.remove(&path);
                } else {
                    self.published.insert(path.clone());
                }
                let Some(uri) = text::path_to_uri(&path) else {
                    continue;
                };
                let params = PublishDiagnosticsParams::new(uri, diags, None);
                self.send(Notification::new(PublishDiagnostics::METHOD.into(), params))?;
            }
        }
        Ok(())
    }

    /// Diagnostics per file of one context: its rule files, and its open rule tests.
    fn context_diagnostics(
        &mut self,
        cx: &workspace::Context,
        dirty: &BTreeSet<PathBuf>,
    ) -> Vec<(PathBuf, Vec<lsp_types::Diagnostic>)> {
        let a = self.ws.analysis(cx);
        let mut out: Vec<(PathBuf, Vec<lsp_types::Diagnostic>)> = a
            .sources
            .iter()
            .filter_map(|(_, p)| p.clone())
            .map(|p| (p, Vec::new()))
            .collect();
        for d in a.reviewed.review.all() {
            if let Some(path) = a.path_of(&d.source.name) {
                if let Some(slot) = out.iter_mut().find(|(p, _)| p == path) {
                    slot.1.push(diagnostics::to_lsp(&d));
                }
            }
        }
        if let Some(e) = &a.load_error {
            for path in dirty
                .iter()
                .filter(|p| is_rule_file(p) && self.ws.context(p) == *cx)
            {
                let diag = lsp_types::Diagnostic {
                    message: e.strip_prefix("fel: ").unwrap_or(e).to_string(),
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("beslutskoll".into()),
                    ..Default::default()
                };
                match out.iter_mut().find(|(p, _)| p == path) {
                    Some(slot) => slot.1.push(diag),
                    None => out.push((path.clone(), vec![diag])),
                }
            }
        }
        let tests: Vec<PathBuf> = self
            .ws
            .docs
            .keys()
            .filter(|p| is_rule_test(p) && self.ws.context(p) == *cx)
            .cloned()
            .collect();
        // The rules are loaded once for all open tests of the folder, and only if
        // one of them reads.
        let mut engine: Option<Result<crate::engine::Engine, String>> = None;
        for path in tests {
            let text = self.ws.docs.get(&path).cloned().unwrap_or_default();
            let ws = &mut self.ws;
            let diags = diagnostics::rule_test(&path, &text, || {
                engine
                    .get_or_insert_with(|| {
                        let (national, local) = ws.engine_sources(cx);
                        crate::engine::Engine::from_sources(national, local).map_err(|_| {
                            "testet kan inte köras: regelfilerna har fel (se `beslutskoll rules check`)"
                                .to_string()
                        })
                    })
                    .as_ref()
                    .map_err(Clone::clone)
            });
            out.push((path, diags));
        }
        out
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        if self.shutdown {
            return Response::new_err(id, ErrorCode::InvalidRequest as i32, "shutdown".into());
        }
        match catch_unwind(AssertUnwindSafe(|| self.answer(req))) {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internt fel i språkservern".into(),
            ),
        }
    }

    /// The document a position request is about: its path, text and byte offset.
    fn at(&self, p: &TextDocumentPositionParams) -> Option<(PathBuf, String, usize)> {
        let path = text::uri_to_path(&p.text_document.uri)?;
        let text = self.ws.text(&path)?;
        let offset = text::offset(&text, p.position);
        Some((path, text, offset))
    }

    fn answer(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: HoverParams = params(req)?;
                let Some((path, text, offset)) = self.at(&p.text_document_position_params) else {
                    return Ok(Value::Null);
                };
                let a = self.ws.analysis(&self.ws.context(&path));
                json(serde_json::to_value(hover::hover(
                    &a,
                    &text,
                    offset,
                    is_rule_test(&path),
                )))
            }
            Completion::METHOD => {
                let p: CompletionParams = params(req)?;
                let Some((path, text, offset)) = self.at(&p.text_document_position) else {
                    return Ok(Value::Null);
                };
                let a = self.ws.analysis(&self.ws.context(&path));
                let items = complete::complete(&a, &text, offset, is_rule_test(&path));
                json(serde_json::to_value(CompletionResponse::Array(items)))
            }
            GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(req)?;
                let Some((path, text, offset)) = self.at(&p.text_document_position_params) else {
                    return Ok(Value::Null);
                };
                let a = self.ws.analysis(&self.ws.context(&path));
                let loc = definition::goto(&a, &text, offset).map(GotoDefinitionResponse::Scalar);
                json(serde_json::to_value(loc))
            }
            Formatting::METHOD => {
                let p: DocumentFormattingParams = params(req)?;
                let Some(path) = text::uri_to_path(&p.text_document.uri) else {
                    return Ok(Value::Null);
                };
                if !is_rule_file(&path) {
                    return Ok(Value::Null);
                }
                let Some(text) = self.ws.text(&path) else {
                    return Ok(Value::Null);
                };
                let source = crate::diag::Source::new(self.ws.display_name(&path), text);
                // A file that does not parse is left as it is; its syntax error is
                // already among the diagnostics.
                let edits = match crate::fmt::format_source(&source) {
                    Ok(formatted) if formatted != source.text => {
                        vec![TextEdit::new(text::whole(&source.text), formatted)]
                    }
                    _ => Vec::new(),
                };
                json(serde_json::to_value(edits))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("okänd metod `{}`", req.method),
            )),
        }
    }
}
