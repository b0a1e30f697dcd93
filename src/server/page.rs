//! The page for handläggare at `/` and the training examples it offers. Everything is
//! compiled into the binary (plain HTML, CSS and JavaScript from `web/`, the case
//! files from `examples/`), so the page works with no network and from any directory.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiError, AppState};

static EXAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/examples");
const INDEX: &str = include_str!("../../web/index.html");
const SCRIPT: &str = include_str!("../../web/app.js");
const STYLE: &str = include_str!("../../web/app.css");
const FORM_PAGE: &str = include_str!("../../web/formular.html");
const TRAINING_PAGE: &str = include_str!("../../web/ovning.html");

/// The page's other scripts, by the name they are served under (`/static/{name}`).
const SCRIPTS: &[(&str, &str)] = &[
    ("gemensam.js", include_str!("../../web/gemensam.js")),
    ("falt.js", include_str!("../../web/falt.js")),
    ("formular.js", include_str!("../../web/formular.js")),
    (
        "formular-visa.js",
        include_str!("../../web/formular-visa.js"),
    ),
    ("ovning.js", include_str!("../../web/ovning.js")),
];

/// Scripts and styles from this service only; nothing inline, nothing from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   connect-src 'self'; img-src 'self' data:; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// The page. It shows a field for the token only when the service has one.
#[utoipa::path(
    get, path = "/", tag = "webbsida",
    responses((status = 200, description = "Sidan för handläggare (svenska)", content_type = "text/html"))
)]
pub(super) async fn index(State(state): State<AppState>) -> Response {
    let needs_token = token_flag(&state);
    html_page(INDEX, needs_token)
}

fn html_page(template: &str, needs_token: &str) -> Response {
    let html = template.replace("{{nyckel}}", needs_token);
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
        ],
        html,
    )
        .into_response()
}

fn token_flag(state: &AppState) -> &'static str {
    if state.settings().token.is_some() {
        "ja"
    } else {
        "nej"
    }
}

/// The form: a case filled in field by field, checked as it is typed.
#[utoipa::path(
    get, path = "/formular", tag = "webbsida",
    responses((status = 200, description = "Formuläret för ett ärende (svenska)", content_type = "text/html"))
)]
pub(super) async fn form_page(State(state): State<AppState>) -> Response {
    html_page(FORM_PAGE, token_flag(&state))
}

/// Training mode: find the faults in an example, then compare with the findings.
#[utoipa::path(
    get, path = "/ovning", tag = "webbsida",
    responses((status = 200, description = "Övningsläget (svenska)", content_type = "text/html"))
)]
pub(super) async fn training_page(State(state): State<AppState>) -> Response {
    html_page(TRAINING_PAGE, token_flag(&state))
}

/// The form's and the training page's scripts.
#[utoipa::path(
    get, path = "/static/{name}", tag = "webbsida",
    params(("name" = String, Path, description = "Skriptets namn, t.ex. `formular.js`")),
    responses(
        (status = 200, description = "Skriptet", content_type = "text/javascript"),
        (status = 404, description = "Inget skript har det namnet", body = super::ErrorBody)
    )
)]
pub(super) async fn static_file(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, text) = SCRIPTS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or(ApiError::NoRoute)?;
    Ok((
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        *text,
    )
        .into_response())
}

#[utoipa::path(
    get, path = "/static/app.js", tag = "webbsida",
    responses((status = 200, description = "Sidans skript", content_type = "text/javascript"))
)]
pub(super) async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

#[utoipa::path(
    get, path = "/static/app.css", tag = "webbsida",
    responses((status = 200, description = "Sidans stilmall", content_type = "text/css"))
)]
pub(super) async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

/// A training case shipped with the program.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Example {
    /// Filnamnet utan `.yaml`, t.ex. `korttidsvistelse_bra`.
    pub name: String,
    /// Första raden i filens inledande kommentar.
    pub title: String,
    /// Hela den inledande kommentaren: vad exemplet visar.
    pub description: String,
    /// Ärendet i YAML.
    pub text: String,
    /// Utbildningsanteckningen (Markdown) från `<namn>.md` bredvid ärendet: situationen,
    /// vad kontrollen hittar, vad lagen säger och hur en bra text kan se ut. Visas i
    /// övningsläget först när deltagaren har lämnat sina markeringar. Tillagd nyckel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The training examples, sorted by name.
pub fn example_list() -> Vec<Example> {
    let mut out: Vec<Example> = EXAMPLES
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "yaml"))
        .filter_map(|f| {
            let name = f.path().file_stem()?.to_str()?.to_string();
            let text = f.contents_utf8()?.to_string();
            let description = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                // The editor's schema line is for the editor, not the reader.
                .filter(|l| !l.starts_with("# yaml-language-server:"))
                .map(|l| l.trim_start_matches('#').trim())
                .collect::<Vec<_>>()
                .join(" ");
            let title = first_sentence(&description).unwrap_or(&name).to_string();
            let note = EXAMPLES
                .get_file(format!("{name}.md"))
                .and_then(|f| f.contents_utf8())
                .map(str::to_string);
            Some(Example {
                name,
                title,
                description,
                text,
                note,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn first_sentence(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let end = text
        .find([':', '.'])
        .map_or(text.len(), |i| i + 1)
        .min(text.len());
    Some(text[..end].trim_end_matches([':', '.']))
}

/// The training examples, with their text, for the page's list.
#[utoipa::path(
    get, path = "/v1/examples", tag = "webbsida",
    responses((status = 200, description = "Övningsärendena som följer med programmet", body = Vec<Example>))
)]
pub(super) async fn examples() -> Json<Vec<Example>> {
    Json(example_list())
}

/// One training example as a YAML file.
#[utoipa::path(
    get, path = "/v1/examples/{name}", tag = "webbsida",
    params(("name" = String, Path, description = "Exemplets namn, t.ex. `korttidsvistelse_bra`")),
    responses(
        (status = 200, description = "Ärendet i YAML", content_type = "application/yaml", body = crate::case::Case),
        (status = 404, description = "Inget exempel har det namnet", body = super::ErrorBody)
    )
)]
pub(super) async fn example(Path(name): Path<String>) -> Result<Response, ApiError> {
    let file = EXAMPLES
        .get_file(format!("{name}.yaml"))
        .and_then(|f| f.contents_utf8())
        .ok_or(ApiError::NoRoute)?;
    Ok((
        [(header::CONTENT_TYPE, "application/yaml; charset=utf-8")],
        file,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_has_a_title_from_its_comment() {
        let list = example_list();
        assert!(!list.is_empty());
        for e in &list {
            assert!(!e.title.is_empty() && e.title != e.name, "{}", e.name);
        }
    }

    #[test]
    fn title_is_the_first_sentence() {
        assert_eq!(
            first_sentence("Korttidsvistelse för ett barn: mer text. Och mer."),
            Some("Korttidsvistelse för ett barn")
        );
    }
}
