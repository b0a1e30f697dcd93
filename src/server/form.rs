//! What the form page needs besides `POST /v1/check`: a case file or a draft read
//! into the case as JSON (`POST /v1/case/read`), a case written back as YAML or JSON
//! (`POST /v1/case/write`), and the investigation checklist of a case with each
//! item's state (`POST /v1/checklist`). The browser never parses YAML itself; the
//! service reads and writes it with the same reader as every other door.
//!
//! Like `/v1/check`, these take case data: they need the token when the service has
//! one, keep the body and time limits, and log nothing of the case.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, AppState, Authorised, CaseBody, Media, INLINE_LIMIT};
use crate::case::{self, Case, SourceEntry};
use crate::checklist::Checklist;

/// Answer of `POST /v1/case/read`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseRead {
    /// Ärendet som JSON enligt case-format.md (format 1); uppgifter som saknas är `null`.
    #[schema(value_type = Object)]
    pub case: serde_json::Value,
    /// Bara för ett utkast (.docx, .txt, .md): vilken rubrik eller etikett som blev
    /// vilket fält, i dokumentets ordning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<SourceEntry>>,
    /// Sådant formatet godtar men vill påpeka, t.ex. en okänd typ av underlag.
    pub warnings: Vec<CaseReadWarning>,
}

/// A warning from reading the case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseReadWarning {
    /// Var i ärendet, som i rapportens `path`: `underlag[2].typ`.
    pub path: String,
    pub message: String,
}

impl CaseBody {
    /// The case in the body, with how a draft was read and the reader's warnings.
    fn read_full(&self) -> Result<(case::CaseFile, Option<Vec<SourceEntry>>), ApiError> {
        let bad = |e: case::CaseError| ApiError::BadCase(Box::new(e.to_diagnostic()));
        Ok(match self.media {
            Media::Json => {
                super::expect_json_object("ärende.json", &self.text)?;
                (
                    case::read_case("ärende.json", &self.text).map_err(bad)?,
                    None,
                )
            }
            Media::Yaml => (
                case::read_case("ärende.yaml", &self.text).map_err(bad)?,
                None,
            ),
            Media::Text => {
                let d = case::read_text_document("utkast.txt", &self.text).map_err(bad)?;
                (d.file, Some(d.source))
            }
            Media::Word => {
                let d = case::read_docx("utkast.docx", &self.word).map_err(bad)?;
                (d.file, Some(d.source))
            }
        })
    }

    /// Large bodies and Word files are read on the blocking pool, as in `/v1/check`.
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(CaseBody) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        if self.len() <= INLINE_LIMIT && self.media != Media::Word {
            return work(self);
        }
        tokio::task::spawn_blocking(move || work(self))
            .await
            .map_err(|_| ApiError::Internal)?
    }
}

/// Read a case file or a draft into the case as JSON, for the form.
#[utoipa::path(
    post, path = "/v1/case/read", tag = "granskning",
    request_body(
        description = "Samma kroppar som `POST /v1/check`: ett ärende i YAML eller JSON, eller ett \
                       utkast som Word-dokument (.docx), ren text eller Markdown.",
        content(
            (Case = "application/yaml"),
            (Case = "application/json"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "text/plain"),
            (String = "text/markdown")
        )
    ),
    responses(
        (status = 200, description = "Ärendet som JSON, och hur ett utkast lästes", body = CaseRead),
        (status = 400, description = "Ärendet eller utkastet kunde inte läsas; rad och kolumn anges", body = super::ErrorBody),
        (status = 401, description = "Nyckel saknas eller är fel", body = super::ErrorBody),
        (status = 413, description = "Kroppen är större än gränsen (standard 1 MiB)", body = super::ErrorBody),
        (status = 415, description = "Annan medietyp än YAML, JSON, Word (.docx), text eller Markdown", body = super::ErrorBody)
    ),
    security((), ("bearer" = []))
)]
pub(super) async fn read(_: Authorised, body: CaseBody) -> Result<Json<CaseRead>, ApiError> {
    body.run(|body| {
        let (file, source) = body.read_full()?;
        let case = serde_json::to_value(&file.case).map_err(|_| ApiError::Internal)?;
        let warnings = file
            .warnings
            .into_iter()
            .map(|w| CaseReadWarning {
                path: bracket_indices(&w.path),
                message: w.message,
            })
            .collect();
        Ok(Json(CaseRead {
            case,
            source,
            warnings,
        }))
    })
    .await
}

/// Write a case as a case file: YAML unless the client accepts only JSON.
#[utoipa::path(
    post, path = "/v1/case/write", tag = "granskning",
    request_body(
        description = "Ett ärende i JSON (eller YAML) enligt case-format.md. Svaret är YAML om \
                       `Accept` inte ber om `application/json`.",
        content((Case = "application/json"), (Case = "application/yaml"))
    ),
    responses(
        (status = 200, description = "Ärendefilen: samma ärende, tomma uppgifter utelämnade",
         content(
            (Case = "application/yaml"),
            (Case = "application/json")
         )),
        (status = 400, description = "Ärendet kunde inte läsas; vad som är fel och var", body = super::ErrorBody),
        (status = 401, description = "Nyckel saknas eller är fel", body = super::ErrorBody),
        (status = 413, description = "Kroppen är större än gränsen (standard 1 MiB)", body = super::ErrorBody),
        (status = 415, description = "Annan medietyp än JSON eller YAML (ett utkast läses med `POST /v1/case/read`)", body = super::ErrorBody)
    ),
    security((), ("bearer" = []))
)]
pub(super) async fn write(
    _: Authorised,
    headers: HeaderMap,
    body: CaseBody,
) -> Result<Response, ApiError> {
    // A draft is read (`/v1/case/read`), never written back as a draft.
    if !matches!(body.media, Media::Json | Media::Yaml) {
        let given = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        return Err(ApiError::UnsupportedMediaType(Some(given)));
    }
    let json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json") && !v.contains("yaml"));
    body.run(move |body| {
        let (file, _) = body.read_full()?;
        let text = write_case(&file.case, json).ok_or(ApiError::Internal)?;
        let kind = if json {
            "application/json; charset=utf-8"
        } else {
            "application/yaml; charset=utf-8"
        };
        Ok(([(header::CONTENT_TYPE, kind)], text).into_response())
    })
    .await
}

/// The case as a case file. Keys keep the order of the format; missing data (null),
/// empty lists and empty sections are left out, except inside `extra`, which is kept
/// exactly as given.
pub fn write_case(case: &Case, json: bool) -> Option<String> {
    let mut value = serde_yaml::to_value(case).ok()?;
    prune(&mut value);
    if json {
        let mut text = serde_json::to_string_pretty(&value).ok()?;
        text.push('\n');
        Some(text)
    } else {
        serde_yaml::to_string(&value).ok()
    }
}

/// Drop null, empty lists and empty maps, bottom up, but never under `extra`.
fn prune(value: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    match value {
        Value::Mapping(map) => {
            for (key, v) in map.iter_mut() {
                if key.as_str() != Some("extra") {
                    prune(v);
                }
            }
            map.retain(|_, v| !empty(v));
        }
        Value::Sequence(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

fn empty(v: &serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    match v {
        Value::Null => true,
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.is_empty(),
        _ => false,
    }
}

/// `underlag.2.typ` (the reader's warnings) as `underlag[2].typ` (the report's paths).
fn bracket_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for (i, part) in path.split('.').enumerate() {
        if part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty() {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// The investigation checklist of a case, each item done, missing or not needed.
#[utoipa::path(
    post, path = "/v1/checklist", tag = "granskning",
    request_body(
        description = "Samma kroppar som `POST /v1/check`.",
        content(
            (Case = "application/yaml"),
            (Case = "application/json"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "text/plain"),
            (String = "text/markdown")
        )
    ),
    responses(
        (status = 200, description = "Utredningens checklista för insatserna i ärendet", body = Checklist),
        (status = 400, description = "Ärendet kunde inte läsas; rad och kolumn anges", body = super::ErrorBody),
        (status = 401, description = "Nyckel saknas eller är fel", body = super::ErrorBody),
        (status = 413, description = "Kroppen är större än gränsen (standard 1 MiB)", body = super::ErrorBody),
        (status = 415, description = "Annan medietyp än YAML, JSON, Word (.docx), text eller Markdown", body = super::ErrorBody)
    ),
    security((), ("bearer" = []))
)]
pub(super) async fn checklist(
    _: Authorised,
    axum::extract::State(state): axum::extract::State<AppState>,
    body: CaseBody,
) -> Result<Json<Checklist>, ApiError> {
    let rules = state.rules();
    body.run(move |body| {
        let (file, _) = body.read_full()?;
        let report = rules.engine.check(&file.case);
        Ok(Json(crate::checklist::checklist(&file.case, &report)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_in_brackets() {
        assert_eq!(bracket_indices("underlag.2.typ"), "underlag[2].typ");
        assert_eq!(bracket_indices("sokande.namn"), "sokande.namn");
        assert_eq!(bracket_indices("beslut.0"), "beslut[0]");
    }

    #[test]
    fn extra_is_kept_as_given_and_nulls_elsewhere_go() {
        let text = "arende: {id: X, lag: LSS, kommun: null, extra: {a: null, b: []}}\n\
                    sokande: {namn: A, fodelsedatum: 2000-01-01}\n\
                    ansokan: {datum: 2026-01-01}\n";
        let case = case::read_case("t.yaml", text).unwrap().case;
        let out = write_case(&case, false).unwrap();
        assert!(!out.contains("kommun"), "{out}");
        assert!(out.contains("a: null") && out.contains("b: []"), "{out}");
        let again = case::read_case("u.yaml", &out).unwrap().case;
        assert_eq!(again, case);
        let json = write_case(&case, true).unwrap();
        assert_eq!(case::read_case("u.json", &json).unwrap().case, case);
    }
}
