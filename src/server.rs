//! The HTTP door to the [`Engine`]: `beslutskoll serve`. A case-management system
//! posts a draft case to `POST /v1/check` and gets the report of
//! `shared/spec/report-format.md`; a handläggare uses the page at `/` for the same.
//!
//! [`app`] builds the whole service as a [`Router`], so tests drive it without a
//! socket; [`listen`] puts it on a socket with time limits and graceful shutdown.
//! Handlers are a few lines each: read the request, ask the engine, hand back its
//! value. Every failure is an [`ApiError`], which is the only place that decides a
//! status code and an error body.
//!
//! The OpenAPI document is generated from the same handler annotations that build the
//! router (utoipa-axum), so a route cannot exist without being documented.
//!
//! Case data is sensitive personal data. Nothing here logs a body, a query string or
//! an error message that could quote the case; the log line of a request is its id,
//! method, path, status and duration (`listen.rs`).
//!
//! Access: when a token is configured (it must be, off loopback), sending a case
//! (`POST /v1/check`) and reloading rules need `Authorization: Bearer <token>`.
//! Reading public material (the page, rule sets, rule explanations, the training
//! examples, health) does not.

mod error;
mod form;
mod listen;
mod page;
mod schema;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::case::{self, Case};
use crate::diag::Diagnostic;
use crate::engine::{Engine, LoadError};
use crate::report::Report;

pub use error::{ApiError, DiagnosticBody, ErrorBody};
pub use listen::{init_logging, listen, shutdown_signal};

/// Largest accepted request body unless configured otherwise: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;
/// Time limit for one request, reading its body included, unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Bodies larger than this are read and checked on the blocking pool, so that a few
/// large cases cannot hold the threads that serve everyone else.
const INLINE_LIMIT: usize = 64 * 1024;

/// How the service is run; everything but the rules.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Bearer token; required off loopback (checked by the CLI before starting).
    pub token: Option<String>,
    pub body_limit: usize,
    pub timeout: Duration,
    /// Earlier decisions to compare drafts with (`serve --corpus`), used when a request
    /// asks for it with `?korpus=true`. Fingerprints only: no earlier text is held.
    pub corpus: Option<Arc<crate::copy::CorpusIndex>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token: None,
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
            corpus: None,
        }
    }
}

/// Reads the rule files again; called at start and on every reload.
pub type Loader = Box<dyn Fn() -> Result<Engine, LoadError> + Send + Sync>;

/// The rules currently served, and which load they came from.
#[derive(Debug)]
pub struct Loaded {
    pub engine: Engine,
    /// 1 for the rules read at start, one more for every successful reload.
    pub generation: u64,
}

/// Shared state of the service: the rules in use (replaced whole on reload, so a
/// request sees one consistent rule base from start to end) and the settings.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    current: RwLock<Arc<Loaded>>,
    loader: Loader,
    /// Two reloads at once would race to set the generation.
    reloading: Mutex<()>,
    generation: AtomicU64,
    draining: AtomicBool,
    settings: Settings,
}

impl AppState {
    /// Load the rules once; the service does not start without them.
    pub fn new(loader: Loader, settings: Settings) -> Result<AppState, LoadError> {
        let engine = loader()?;
        Ok(AppState(Arc::new(Inner {
            current: RwLock::new(Arc::new(Loaded {
                engine,
                generation: 1,
            })),
            loader,
            reloading: Mutex::new(()),
            generation: AtomicU64::new(1),
            draining: AtomicBool::new(false),
            settings,
        })))
    }

    /// A service over one fixed engine (tests, embedding); reloading reloads it as is.
    pub fn with_engine(engine: Engine, settings: Settings) -> AppState {
        let copy = engine.clone();
        AppState::new(Box::new(move || Ok(copy.clone())), settings)
            .unwrap_or_else(|_| unreachable!("a cloned engine always loads"))
    }

    /// The rules to use for one request.
    pub fn rules(&self) -> Arc<Loaded> {
        // A poisoned lock only means a panic elsewhere while holding it; the Arc
        // inside is still whole.
        Arc::clone(&self.0.current.read().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// Read the rule files again. On failure the previous rules keep serving and
    /// the error is returned to be reported.
    pub fn reload(&self) -> Result<Arc<Loaded>, LoadError> {
        let _one_at_a_time = self.0.reloading.lock().unwrap_or_else(|p| p.into_inner());
        let engine = (self.0.loader)()?;
        let generation = self.0.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let loaded = Arc::new(Loaded { engine, generation });
        *self.0.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::clone(&loaded);
        Ok(loaded)
    }

    /// Reload and log the outcome (SIGHUP, the admin endpoint).
    pub fn reload_logged(&self) -> Result<Arc<Loaded>, LoadError> {
        let result = self.reload();
        match &result {
            Ok(l) => tracing::info!(
                generation = l.generation,
                rulesets = l.engine.rules().sets.len(),
                "reglerna är omladdade"
            ),
            Err(e) => tracing::error!(
                serving_generation = self.rules().generation,
                error = %e,
                "reglerna kunde inte laddas om; de tidigare används"
            ),
        }
        result
    }

    /// From now on `/readyz` says not ready, so a load balancer stops sending.
    pub fn begin_draining(&self) {
        self.0.draining.store(true, Ordering::SeqCst);
    }

    fn draining(&self) -> bool {
        self.0.draining.load(Ordering::SeqCst)
    }

    fn authorised(&self, headers: &HeaderMap) -> bool {
        let Some(token) = &self.0.settings.token else {
            return true;
        };
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| same_secret(given.trim().as_bytes(), token.as_bytes()))
    }
}

/// Compare without stopping at the first difference, so the time taken does not
/// tell an attacker how much of a guess was right.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "beslutskoll",
        description = "Granskar ett utkast till beslut om en LSS- eller SoL-insats innan det fattas. \
                       Rapporten följer `report-format.md` version 1; ärendet följer `case-format.md` version 1.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BearerScheme),
    tags(
        (name = "granskning", description = "Granska ett ärende"),
        (name = "regler", description = "Regelverk och regler som används"),
        (name = "drift", description = "Hälsa, beredskap och omladdning"),
        (name = "webbsida", description = "Sidan för handläggare")
    )
)]
struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Krävs när tjänsten har en nyckel (BESLUTSKOLL_TOKEN), \
                         vilket den alltid har när den lyssnar på annat än loopback.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every route, with its documentation. The handlers that take case data or change
/// the service take an [`Authorised`] first.
fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(check))
        .routes(routes!(reload))
        .routes(routes!(rulesets))
        .routes(routes!(rule))
        .routes(routes!(page::examples))
        .routes(routes!(page::example))
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(openapi_json))
        .routes(routes!(schema::case_schema))
        .routes(routes!(schema::report_schema))
        .routes(routes!(page::index))
        .routes(routes!(page::script))
        .routes(routes!(page::style))
        .routes(routes!(form::read))
        .routes(routes!(form::write))
        .routes(routes!(form::checklist))
        .routes(routes!(page::form_page))
        .routes(routes!(page::training_page))
        .routes(routes!(page::static_file))
}

/// The OpenAPI 3 document of the service.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = routes().split_for_parts().1;
    crate::kontrakt::patch_openapi(&mut doc);
    doc
}

/// The whole service. Layers, outermost first: request id, log line, security
/// headers, time limit, panic guard, body limit.
pub fn app(state: AppState) -> Router {
    let (router, _) = routes().split_for_parts();
    let settings = state.settings().clone();
    let router = router
        .fallback(not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(settings.body_limit));
    listen::layers(router, &settings)
}

/// Query of `POST /v1/check`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    /// Pröva mot de regelversioner som gällde detta datum (ÅÅÅÅ-MM-DD) i stället för
    /// dem som ärendets egna datum (beslutsdatum) väljer.
    #[param(value_type = Option<String>, format = Date, example = "2026-10-12")]
    pub regeldatum: Option<NaiveDate>,
    /// `true`: jämför också utkastet med tidigare beslut i den korpus tjänsten startades
    /// med (`serve --corpus`). Ger 400 om ingen korpus är inläst.
    pub korpus: Option<bool>,
}

/// Check a draft case and return the report.
#[utoipa::path(
    post, path = "/v1/check", tag = "granskning",
    params(CheckQuery),
    request_body(
        description = "Ett ärende i YAML eller JSON enligt case-format.md (format 1), UTF-8, \
                       eller ett utkast som Word-dokument (.docx), ren text eller Markdown \
                       (UTF-8), läst efter sina rubriker. Typen anges med Content-Type.",
        content(
            (Case = "application/json"),
            (Case = "application/yaml"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "text/plain"),
            (String = "text/markdown")
        )
    ),
    responses(
        (status = 200, description = "Rapporten (report-format.md, version 1)", body = Report,
            links(("regel" = (
                operation_id = "rule",
                parameters(("id" = "$response.body#/findings/0/rule")),
                description = "Regeln bakom en anmärkning (`findings[].rule`) förklarad: `GET /v1/rules/{id}`"
            )))
        ),
        (status = 400, description = "Ärendet eller frågan kunde inte läsas; rad och kolumn anges", body = ErrorBody),
        (status = 401, description = "Nyckel saknas eller är fel", body = ErrorBody),
        (status = 408, description = "Begäran tog längre tid än tidsgränsen", body = ErrorBody),
        (status = 413, description = "Kroppen är större än gränsen (standard 1 MiB)", body = ErrorBody),
        (status = 415, description = "Annan medietyp än YAML, JSON, Word (.docx), text eller Markdown", body = ErrorBody)
    ),
    security((), ("bearer" = []))
)]
async fn check(
    _: Authorised,
    State(state): State<AppState>,
    query: Result<Query<CheckQuery>, QueryRejection>,
    body: CaseBody,
) -> Result<Json<Report>, ApiError> {
    let Query(query) = query?;
    let rules = state.rules();
    let corpus = match (query.korpus, &state.settings().corpus) {
        (Some(true), Some(index)) => Some(Arc::clone(index)),
        (Some(true), None) => {
            return Err(ApiError::BadQuery(
                "korpus=true, men tjänsten har ingen korpus; starta den med `beslutskoll serve --corpus INDEX`".into(),
            ))
        }
        _ => None,
    };
    // A Word draft is unpacked on the blocking pool whatever its size.
    if body.len() <= INLINE_LIMIT && body.media != Media::Word && corpus.is_none() {
        return Ok(Json(body.check(&rules.engine, query.regeldatum, None)?));
    }
    tokio::task::spawn_blocking(move || {
        body.check(&rules.engine, query.regeldatum, corpus.as_deref())
    })
    .await
    .map_err(|_| ApiError::Internal)?
    .map(Json)
}

/// The rule-set versions loaded now.
#[utoipa::path(
    get, path = "/v1/rulesets", tag = "regler",
    responses((status = 200, description = "Regelverken som tjänsten använder nu", body = RulesetsBody))
)]
async fn rulesets(State(state): State<AppState>) -> Json<RulesetsBody> {
    Json(RulesetsBody::of(&state.rules()))
}

/// One rule explained, as `beslutskoll explain` shows it.
#[utoipa::path(
    get, path = "/v1/rules/{id}", tag = "regler",
    params(("id" = String, Path, description = "Regelns id, t.ex. `lss.barn.barnets_basta`", example = "lss.allmant.ovrigt_stod_ej_utrett")),
    responses(
        (status = 200, description = "Regeln i alla versioner", body = RuleBody),
        (status = 404, description = "Ingen regel har det id:t", body = ErrorBody)
    )
)]
async fn rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<RuleBody>, ApiError> {
    RuleBody::of(&state.rules().engine, &id).map(Json)
}

/// Read the rule files again without a restart.
#[utoipa::path(
    post, path = "/v1/admin/reload", tag = "drift",
    responses(
        (status = 200, description = "Reglerna är omladdade", body = RulesetsBody),
        (status = 401, description = "Nyckel saknas eller är fel", body = ErrorBody),
        (status = 403, description = "Tjänsten har ingen nyckel; ladda om med SIGHUP", body = ErrorBody),
        (status = 422, description = "Reglerna har fel; de tidigare används fortfarande", body = ErrorBody)
    ),
    security(("bearer" = []))
)]
async fn reload(
    _: Authorised,
    State(state): State<AppState>,
) -> Result<Json<RulesetsBody>, ApiError> {
    if state.settings().token.is_none() {
        return Err(ApiError::ReloadDisabled);
    }
    let worker = state.clone();
    match tokio::task::spawn_blocking(move || worker.reload_logged()).await {
        Ok(Ok(loaded)) => Ok(Json(RulesetsBody::of(&loaded))),
        Ok(Err(e)) => Err(ApiError::RulesNotLoaded(e, state.rules().generation)),
        Err(_) => Err(ApiError::Internal),
    }
}

/// The process runs.
#[utoipa::path(
    get, path = "/healthz", tag = "drift",
    responses((status = 200, description = "Processen svarar", body = Status))
)]
async fn healthz() -> Json<Status> {
    Json(Status::new("ok"))
}

/// The service has rules loaded and takes requests.
#[utoipa::path(
    get, path = "/readyz", tag = "drift",
    responses(
        (status = 200, description = "Redo: regler är laddade", body = Status),
        (status = 503, description = "Tjänsten håller på att stänga", body = ErrorBody)
    )
)]
async fn readyz(State(state): State<AppState>) -> Result<Json<Status>, ApiError> {
    if state.draining() {
        return Err(ApiError::NotReady);
    }
    let rules = state.rules();
    Ok(Json(Status {
        status: "ready".into(),
        generation: Some(rules.generation),
        rulesets: Some(rules.engine.rules().sets.len()),
    }))
}

/// This document.
#[utoipa::path(
    get, path = "/openapi.json", tag = "drift",
    responses((status = 200, description = "OpenAPI 3-dokumentet för tjänsten", content_type = "application/json", body = Object))
)]
async fn openapi_json() -> Response {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let doc = DOC.get_or_init(|| crate::kontrakt::openapi_text(&openapi()));
    ([(header::CONTENT_TYPE, "application/json")], doc.as_str()).into_response()
}

async fn not_found() -> ApiError {
    ApiError::NoRoute
}

/// Proof that the request carries the service's token, or that it has none.
pub struct Authorised;

impl FromRequestParts<AppState> for Authorised {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.authorised(&parts.headers) {
            Ok(Authorised)
        } else {
            Err(ApiError::Unauthorized)
        }
    }
}

/// What `POST /v1/check` was sent, by its Content-Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    Yaml,
    Json,
    /// A Word draft (`.docx`).
    Word,
    /// A plain-text or Markdown draft.
    Text,
}

/// The body of `POST /v1/check`: its media type checked first, then its size and
/// encoding, so a client learns the cheapest mistake first.
pub struct CaseBody {
    media: Media,
    /// The text of a case file or text draft; empty for a Word draft.
    text: String,
    /// The bytes of a Word draft; empty otherwise.
    word: Bytes,
}

impl FromRequest<AppState> for CaseBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let media = media_type(req.headers())?;
        // A body announced as too large is refused before a byte of it is read; one
        // that does not announce its length is cut off at the limit while reading.
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if announced.is_some_and(|n| n > state.settings().body_limit as u64) {
            return Err(ApiError::TooLarge);
        }
        let bytes = Bytes::from_request(req, state).await?;
        CaseBody::from_bytes(media, bytes)
    }
}

/// What `POST /v1/check` does with a body it has read, without a server: the media
/// type from `content_type`, then the encoding, the case and the check. The handler
/// takes the same path (the fuzz target `http_body` drives this).
pub fn check_body(
    engine: &Engine,
    content_type: Option<&str>,
    body: Vec<u8>,
    rule_date: Option<NaiveDate>,
) -> Result<Report, ApiError> {
    let media = media_of(content_type)?;
    CaseBody::from_bytes(media, Bytes::from(body))?.check(engine, rule_date, None)
}

impl CaseBody {
    fn from_bytes(media: Media, bytes: Bytes) -> Result<CaseBody, ApiError> {
        if media == Media::Word {
            return Ok(CaseBody {
                media,
                text: String::new(),
                word: bytes,
            });
        }
        let text = String::from_utf8(bytes.into()).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            ApiError::encoding(e.as_bytes(), valid)
        })?;
        Ok(CaseBody {
            media,
            text,
            word: Bytes::new(),
        })
    }

    fn len(&self) -> usize {
        self.text.len() + self.word.len()
    }

    fn check(
        &self,
        engine: &Engine,
        rule_date: Option<NaiveDate>,
        corpus: Option<&crate::copy::CorpusIndex>,
    ) -> Result<Report, ApiError> {
        let bad = |e: case::CaseError| ApiError::BadCase(Box::new(e.to_diagnostic()));
        let (case, source) = match self.media {
            Media::Json => {
                expect_json_object("ärende.json", &self.text)?;
                (
                    read("ärende.json", &self.text).map_err(ApiError::BadCase)?,
                    None,
                )
            }
            Media::Yaml => (
                read("ärende.yaml", &self.text).map_err(ApiError::BadCase)?,
                None,
            ),
            Media::Text => {
                let d = case::read_text_document("utkast.txt", &self.text).map_err(bad)?;
                (d.file.case, Some(d.source))
            }
            Media::Word => {
                let d = case::read_docx("utkast.docx", &self.word).map_err(bad)?;
                (d.file.case, Some(d.source))
            }
        };
        let mut report = engine.check_with(&case, corpus, rule_date).map_err(|e| {
            // The index was checked whole at start (`serve --corpus`), so only a file
            // changed in place under the service gets here. The error names the file
            // and the byte, never anything of the case.
            tracing::error!(error = %e, "korpusindexet är skadat");
            ApiError::Internal
        })?;
        report.source = source;
        Ok(report)
    }
}

/// The one call into case reading, so that a change of its signature is met here.
fn read(name: &str, text: &str) -> Result<Case, Box<Diagnostic>> {
    case::read_case(name, text)
        .map(|f| f.case)
        .map_err(|e| Box::new(e.to_diagnostic()))
}

/// A body sent as JSON must be a JSON object: the case reader tells JSON from YAML
/// by the first character, and a client that said JSON should not be read as YAML.
fn expect_json_object(name: &str, text: &str) -> Result<(), ApiError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = body.len() - body.trim_start().len();
    if body[start..].starts_with('{') {
        return Ok(());
    }
    let source = crate::diag::Source::new(name, text);
    let at = text.len() - body.len() + start;
    let end = at + body[start..].chars().next().map_or(0, char::len_utf8);
    Err(ApiError::BadCase(Box::new(
        Diagnostic::error(&source, at..end, "kroppen är inte ett JSON-objekt")
            .label("förväntade `{`")
            .help("ett ärende i JSON börjar med `{`; skicka YAML med `Content-Type: application/yaml`"),
    )))
}

/// The kind of body by its Content-Type; anything else is 415.
fn media_type(headers: &HeaderMap) -> Result<Media, ApiError> {
    media_of(
        headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("")),
    )
}

fn media_of(content_type: Option<&str>) -> Result<Media, ApiError> {
    let Some(value) = content_type else {
        return Err(ApiError::UnsupportedMediaType(None));
    };
    let value = value.to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let essence = parts.next().unwrap_or("");
    let charset_ok = parts
        .filter_map(|p| p.strip_prefix("charset="))
        .all(|c| matches!(c.trim_matches('"'), "utf-8" | "utf8"));
    let media = match essence {
        "application/json" => Media::Json,
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => Media::Yaml,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Media::Word,
        "text/plain" | "text/markdown" | "text/x-markdown" => Media::Text,
        e if e.starts_with("application/") && e.ends_with("+json") => Media::Json,
        e if e.starts_with("application/") && e.ends_with("+yaml") => Media::Yaml,
        _ => return Err(ApiError::UnsupportedMediaType(Some(value.clone()))),
    };
    if !charset_ok && media != Media::Word {
        return Err(ApiError::UnsupportedMediaType(Some(value)));
    }
    Ok(media)
}

/// Answer of `/healthz` and `/readyz`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Status {
    /// `ok` (levande) eller `ready` (redo).
    pub status: String,
    /// Vilken laddning av reglerna som används (1 vid start, +1 per omladdning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<u64>,
    /// Antal regelverksversioner som är laddade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rulesets: Option<usize>,
}

impl Status {
    fn new(status: &str) -> Status {
        Status {
            status: status.into(),
            generation: None,
            rulesets: None,
        }
    }
}

/// Answer of `GET /v1/rulesets` and of a successful reload.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RulesetsBody {
    /// Vilken laddning av reglerna (1 vid start, +1 per lyckad omladdning).
    pub generation: u64,
    pub rulesets: Vec<RulesetInfo>,
}

/// One version of a rule set, as loaded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RulesetInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    #[schema(format = Date)]
    pub valid_from: String,
    #[schema(format = Date)]
    pub valid_to: Option<String>,
    /// `LSS`, `SoL`.
    pub laws: Vec<String>,
    /// Vad regelverket prövar: en lista av insatser, `varje beslut` eller `ärendet`.
    pub scope: String,
    /// Filen versionen lästes från.
    pub source: String,
    /// `sha256:` + hex av filens text; samma värde som rapporternas `rulesets[].hash`.
    pub hash: String,
    /// Antal regler.
    pub rules: usize,
    /// Sant för en kommuns riktlinjer (`--local`).
    pub local: bool,
}

impl RulesetsBody {
    fn of(loaded: &Loaded) -> RulesetsBody {
        let rulesets = loaded
            .engine
            .rules()
            .sets
            .iter()
            .map(|s| RulesetInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                version: s.version.clone(),
                valid_from: s.valid_from.to_string(),
                valid_to: s.valid_to.map(|d| d.to_string()),
                laws: s.laws.iter().map(|l| l.as_str().to_string()).collect(),
                scope: crate::rule_page::scope_text(&s.scope),
                source: s.source.clone(),
                hash: s.hash.clone(),
                rules: s.rules.len(),
                local: s.local,
            })
            .collect();
        RulesetsBody {
            generation: loaded.generation,
            rulesets,
        }
    }
}

/// Answer of `GET /v1/rules/{id}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleBody {
    pub rule: String,
    /// Regeln i varje regelverksversion där den finns.
    pub versions: Vec<RuleVersion>,
    /// Samma text som `beslutskoll explain` skriver ut.
    pub explanation: String,
}

/// One version of a rule.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleVersion {
    pub ruleset: String,
    pub version: String,
    #[schema(format = Date)]
    pub valid_from: String,
    #[schema(format = Date)]
    pub valid_to: Option<String>,
    pub lagrum: String,
    /// `eligibility`, `investigation`, `documentation`, `decision` eller `copy`.
    pub category: String,
    /// `error`, `warning` eller `info`.
    pub severity: String,
    pub source: String,
}

impl RuleBody {
    fn of(engine: &Engine, id: &str) -> Result<RuleBody, ApiError> {
        let base = engine.documented_rules();
        let Some(explanation) = crate::rule_page::explain(base, id) else {
            let ids = base.rules().map(|(_, r)| r.id.as_str());
            let hint = crate::diag::did_you_mean(id, ids).map(str::to_string);
            return Err(ApiError::UnknownRule(id.to_string(), hint));
        };
        let versions = base
            .rules()
            .filter(|(_, r)| r.id == id)
            .map(|(s, r)| RuleVersion {
                ruleset: s.id.clone(),
                version: s.version.clone(),
                valid_from: s.valid_from.to_string(),
                valid_to: s.valid_to.map(|d| d.to_string()),
                lagrum: r.lagrum.clone(),
                category: r.category.as_str().into(),
                severity: r.severity.as_str().into(),
                source: s.source.clone(),
            })
            .collect();
        Ok(RuleBody {
            rule: id.to_string(),
            versions,
            explanation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
    }

    #[test]
    fn media_types() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, v.parse().unwrap());
            media_type(&h)
        };
        assert!(matches!(with("application/json"), Ok(Media::Json)));
        assert!(matches!(
            with("Application/JSON; charset=UTF-8"),
            Ok(Media::Json)
        ));
        assert!(matches!(with("application/yaml"), Ok(Media::Yaml)));
        assert!(matches!(with("text/x-yaml"), Ok(Media::Yaml)));
        assert!(matches!(with("application/problem+json"), Ok(Media::Json)));
        assert!(matches!(with("text/plain; charset=utf-8"), Ok(Media::Text)));
        assert!(matches!(with("text/markdown"), Ok(Media::Text)));
        assert!(matches!(
            with("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Ok(Media::Word)
        ));
        assert!(with("text/plain; charset=latin1").is_err());
        assert!(with("application/pdf").is_err());
        assert!(with("application/json; charset=latin1").is_err());
        assert!(media_type(&HeaderMap::new()).is_err());
    }
}
