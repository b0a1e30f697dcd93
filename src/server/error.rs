//! [`ApiError`]: every way a request can fail, and the one place that turns a failure
//! into a status code and a JSON body. User mistakes get a 4xx that says what to do;
//! a fault of ours is a plain 500 with nothing of the request in it.
//!
//! Messages may quote the case back to the client that sent it (a line and a caret);
//! they are never logged.

use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::diag::Diagnostic;
use crate::engine::LoadError;

/// Why a request failed.
#[derive(Debug)]
pub enum ApiError {
    /// The case could not be read: line, column and what was expected.
    BadCase(Box<Diagnostic>),
    /// The body is not UTF-8; where the first bad byte is.
    BadEncoding {
        line: usize,
        column: usize,
    },
    /// A query parameter is unknown or malformed.
    BadQuery(String),
    /// The body could not be read (the client went away, a broken chunk).
    BadBody,
    Unauthorized,
    /// Reloading over HTTP needs a token; without one only SIGHUP reloads.
    ReloadDisabled,
    UnknownRule(String, Option<String>),
    NoRoute,
    Timeout,
    TooLarge,
    UnsupportedMediaType(Option<String>),
    /// A reload found errors in the rule files; `u64` is the generation still served.
    RulesNotLoaded(LoadError, u64),
    NotReady,
    Internal,
}

/// The body of every error answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Stable code for programs: `invalid_case`, `invalid_encoding`, `invalid_query`,
    /// `invalid_body`, `unauthorized`, `reload_disabled`, `unknown_rule`, `not_found`,
    /// `timeout`, `too_large`, `unsupported_media_type`, `rules_not_loaded`,
    /// `not_ready`, `internal`.
    pub error: String,
    /// One sentence in Swedish for a person.
    pub message: String,
    /// 1-based line in the case where the problem is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (characters) in that line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Short text for the marked place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The error as `beslutskoll check` prints it: the line of the case with a caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For rules that could not be loaded: every error, with file, line and column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<DiagnosticBody>,
}

/// One error in a rule file.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DiagnosticBody {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ErrorBody {
    fn new(error: &str, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            error: error.into(),
            message: message.into(),
            line: None,
            column: None,
            label: None,
            help: None,
            detail: None,
            diagnostics: Vec::new(),
        }
    }

    fn help(mut self, help: impl Into<String>) -> ErrorBody {
        self.help = Some(help.into());
        self
    }
}

impl ApiError {
    /// The body was not UTF-8; `valid` bytes were.
    pub fn encoding(bytes: &[u8], valid: usize) -> ApiError {
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ApiError::BadEncoding { line, column }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadCase(_)
            | ApiError::BadEncoding { .. }
            | ApiError::BadQuery(_)
            | ApiError::BadBody => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::ReloadDisabled => StatusCode::FORBIDDEN,
            ApiError::UnknownRule(..) | ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::Timeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::RulesNotLoaded(..) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self) -> ErrorBody {
        match self {
            ApiError::BadCase(d) => {
                let (line, column) = d.line_col();
                ErrorBody {
                    line: Some(line),
                    column: Some(column),
                    label: (!d.label.is_empty()).then(|| d.label.clone()),
                    help: d.help.clone(),
                    detail: Some(d.to_string()),
                    ..ErrorBody::new(
                        "invalid_case",
                        format!("Ärendet kunde inte läsas: {}", d.message),
                    )
                }
            }
            ApiError::BadEncoding { line, column } => ErrorBody {
                line: Some(*line),
                column: Some(*column),
                ..ErrorBody::new(
                    "invalid_encoding",
                    "Ärendet är inte giltig UTF-8-text.",
                )
                .help("spara filen som UTF-8 och skicka den igen")
            },
            ApiError::BadQuery(why) => {
                ErrorBody::new("invalid_query", format!("Frågan kunde inte läsas: {why}"))
                    .help("parametrarna är `regeldatum=ÅÅÅÅ-MM-DD` och `korpus=true`")
            }
            ApiError::BadBody => ErrorBody::new(
                "invalid_body",
                "Kroppen kunde inte läsas till slut.",
            ),
            ApiError::Unauthorized => ErrorBody::new(
                "unauthorized",
                "Nyckel saknas eller är fel.",
            )
            .help("skicka `Authorization: Bearer <nyckel>` med tjänstens nyckel"),
            ApiError::ReloadDisabled => ErrorBody::new(
                "reload_disabled",
                "Omladdning över HTTP är avstängd eftersom tjänsten saknar nyckel.",
            )
            .help("sätt BESLUTSKOLL_TOKEN när tjänsten startas, eller skicka SIGHUP till processen"),
            ApiError::UnknownRule(id, hint) => {
                let body = ErrorBody::new("unknown_rule", format!("Okänd regel `{id}`."));
                match hint {
                    Some(h) => body.help(format!("menade du `{h}`?")),
                    None => body.help("`GET /v1/rulesets` visar regelverken"),
                }
            }
            ApiError::NoRoute => ErrorBody::new("not_found", "Sidan finns inte.")
                .help("`GET /openapi.json` beskriver tjänsten"),
            ApiError::Timeout => ErrorBody::new(
                "timeout",
                "Begäran tog för lång tid och avbröts.",
            ),
            ApiError::TooLarge => ErrorBody::new(
                "too_large",
                "Ärendet är större än tjänsten tar emot.",
            )
            .help("ett ärende är sällan större än några tiotal kB; kontrollera att rätt fil skickades"),
            ApiError::UnsupportedMediaType(got) => ErrorBody::new(
                "unsupported_media_type",
                match got {
                    Some(t) => format!("Medietypen `{t}` kan inte läsas."),
                    None => "Content-Type saknas.".to_string(),
                },
            )
            .help("skicka `Content-Type: application/yaml` eller `application/json` (UTF-8), eller ett utkast som `application/vnd.openxmlformats-officedocument.wordprocessingml.document`, `text/plain` eller `text/markdown`"),
            ApiError::RulesNotLoaded(e, serving) => {
                let diagnostics = match e {
                    LoadError::Rules(diags) => diags
                        .iter()
                        .map(|d| {
                            let (line, column) = d.line_col();
                            DiagnosticBody {
                                file: d.file().to_string(),
                                line,
                                column,
                                message: d.message.clone(),
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                ErrorBody {
                    detail: Some(e.to_string()),
                    diagnostics,
                    ..ErrorBody::new(
                        "rules_not_loaded",
                        format!(
                            "Reglerna kunde inte laddas om; laddning {serving} används fortfarande."
                        ),
                    )
                }
            }
            ApiError::NotReady => ErrorBody::new("not_ready", "Tjänsten håller på att stänga."),
            ApiError::Internal => ErrorBody::new("internal", "Ett internt fel inträffade."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE {
            // The request's own log line carries the id; nothing of the case is said.
            tracing::error!(status = status.as_u16(), "internt fel");
        }
        let mut response = (status, Json(self.body())).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        // serde's English is said again in Swedish: an unknown parameter, or a value
        // that is not a date (`regeldatum`) or not `true`/`false` (`korpus`).
        let text = r.body_text();
        let unknown = text
            .split_once("unknown field `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(name, _)| name.to_string());
        ApiError::BadQuery(match unknown {
            Some(name) => format!("okänd parameter `{name}`"),
            None if text.contains("korpus") => "`korpus` ska vara `true` eller `false`".into(),
            None => "`regeldatum` ska vara ett datum ÅÅÅÅ-MM-DD som finns i kalendern".into(),
        })
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadBody
        }
    }
}
