//! `GET /v1/schema/case.json` and `GET /v1/schema/report.json`: the contract as JSON
//! Schema, the same documents `beslutskoll schema case|report` writes
//! ([`crate::kontrakt`]). Public material, like the OpenAPI document.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::kontrakt;

const MEDIA: &str = "application/schema+json";

/// The case format (YAML and JSON), format 1 with its compatible extensions.
#[utoipa::path(
    get, path = "/v1/schema/case.json", tag = "granskning",
    responses((status = 200, description = "Ärendeformatet som JSON Schema (2020-12): det som `POST /v1/check` tar emot i YAML eller JSON", content_type = "application/schema+json", body = Object))
)]
pub(super) async fn case_schema() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| kontrakt::text(&kontrakt::case_schema()));
    ([(header::CONTENT_TYPE, MEDIA)], text.as_str()).into_response()
}

/// The report, version 1.
#[utoipa::path(
    get, path = "/v1/schema/report.json", tag = "granskning",
    responses((status = 200, description = "Rapporten som JSON Schema (2020-12): det som `POST /v1/check` svarar med", content_type = "application/schema+json", body = Object))
)]
pub(super) async fn report_schema() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| kontrakt::text(&kontrakt::report_schema()));
    ([(header::CONTENT_TYPE, MEDIA)], text.as_str()).into_response()
}
