//! What the form page asks of the service, through the router without a socket:
//! every example read into JSON and written back as YAML and as JSON is the same case
//! (unknown keys under `extra` included); a Word draft read into the case with its
//! source; bad documents refused with a clear message; the checklist of a case; the
//! training note of every example.

#[path = "support/dokument.rs"]
mod dokument;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use beslutskoll::case::{read_case, Case};
use beslutskoll::engine::Engine;
use beslutskoll::server::{self, AppState, Settings};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn app_with(settings: Settings) -> Router {
    server::app(AppState::with_engine(Engine::builtin().unwrap(), settings))
}

fn app() -> Router {
    app_with(Settings::default())
}

fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn post(
    uri: &str,
    content_type: &str,
    accept: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut r = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type);
    if let Some(a) = accept {
        r = r.header(header::ACCEPT, a);
    }
    r.body(body.into()).unwrap()
}

/// Status, content type and body text.
async fn send(app: &Router, req: Request<Body>) -> (StatusCode, String, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, ct, String::from_utf8_lossy(&bytes).into_owned())
}

async fn send_json(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let (status, _, text) = send(app, req).await;
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn case_of(name: &str, text: &str) -> Case {
    read_case(name, text)
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
        .case
}

fn rules(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["rule"], f["path"]))
        .collect()
}

#[tokio::test]
async fn every_example_reads_into_json_and_writes_back_as_the_same_case() {
    let app = app();
    for (name, text) in examples() {
        let want = case_of(&name, &text);
        let (status, read) = send_json(
            &app,
            post("/v1/case/read", "application/yaml", None, text.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{name}: {read}");
        assert!(read.get("source").is_none(), "{name}");
        let json = read["case"].to_string();
        // What the form sends to be checked is the same case: the same findings.
        let (_, by_yaml) = send_json(&app, post("/v1/check", "application/yaml", None, text)).await;
        let (_, by_json) = send_json(
            &app,
            post("/v1/check", "application/json", None, json.clone()),
        )
        .await;
        assert_eq!(rules(&by_json), rules(&by_yaml), "{name}");
        for (accept, file, kind) in [
            ("application/yaml", "x.yaml", "application/yaml"),
            ("application/json", "x.json", "application/json"),
        ] {
            let (status, ct, saved) = send(
                &app,
                post(
                    "/v1/case/write",
                    "application/json",
                    Some(accept),
                    json.clone(),
                ),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{name} {accept}: {saved}");
            assert!(ct.starts_with(kind), "{name}: {ct}");
            assert!(
                !saved.contains("null"),
                "{name}: empty keys are left out:\n{saved}"
            );
            assert_eq!(case_of(file, &saved), want, "{name} as {accept}:\n{saved}");
        }
    }
}

#[tokio::test]
async fn unknown_keys_under_extra_survive_the_round_trip() {
    let app = app();
    let text = "format: 1
arende: {id: X-1, lag: LSS, extra: {system: {diarie: 'D 12', tom: null}}}
sokande:
  namn: Alva
  fodelsedatum: 2015-03-01
  extra: {sprak: [svenska, finska]}
ansokan: {datum: 2026-01-10, insatser: [{insats: korttidsvistelse, extra: {x: 1.5}}]}
utredning: {texter: {bakgrund: Text., extra: {mall: v3}}}
beslut: [{insats: korttidsvistelse, datum: 2026-02-01, extra: {signerad: false}}]
extra: {kalla: handläggarsystem, lista: []}
";
    let want = case_of("x.yaml", text);
    let (_, read) = send_json(&app, post("/v1/case/read", "application/yaml", None, text)).await;
    assert_eq!(
        read["case"]["arende"]["extra"]["system"]["tom"],
        Value::Null
    );
    let (status, _, saved) = send(
        &app,
        post(
            "/v1/case/write",
            "application/json",
            None,
            read["case"].to_string(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(case_of("y.yaml", &saved), want, "{saved}");
    assert!(
        saved.contains("tom: null") && saved.contains("lista: []"),
        "{saved}"
    );
}

#[tokio::test]
async fn a_word_draft_reads_into_the_case_with_its_source() {
    let app = app();
    let text = std::fs::read_to_string(format!(
        "{EXAMPLES}/korttidsvistelse_barn_utan_barnperspektiv.yaml"
    ))
    .unwrap();
    let case = case_of("x.yaml", &text);
    let docx = dokument::to_docx(&dokument::paragraphs(&case).unwrap());
    let (status, read) = send_json(&app, post("/v1/case/read", DOCX, None, docx)).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["case"]["sokande"]["namn"], "Noah Saarinen");
    assert_eq!(read["case"]["beslut"][0]["insats"], "korttidsvistelse");
    let source = read["source"].as_array().unwrap();
    assert!(
        source
            .iter()
            .any(|s| s["falt"] == "utredning.texter.bakgrund"),
        "{read}"
    );
}

#[tokio::test]
async fn bad_documents_are_refused_with_a_clear_message_and_the_service_stays_up() {
    let app = app_with(Settings {
        body_limit: 12 * 1024 * 1024,
        ..Settings::default()
    });
    let bomb = dokument::zip_of("word/document.xml", &vec![b' '; 8 * 1024 * 1024]);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (DOCX, Vec::new(), StatusCode::BAD_REQUEST, "filen är tom"),
        (
            DOCX,
            b"%PDF-1.7\n".to_vec(),
            StatusCode::BAD_REQUEST,
            "filen är en PDF",
        ),
        (DOCX, bomb, StatusCode::BAD_REQUEST, "packas upp till"),
        (
            DOCX,
            vec![b'P'; 20 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            "större än",
        ),
        (
            "text/plain",
            b"bara en rad".to_vec(),
            StatusCode::BAD_REQUEST,
            "ingen rubrik",
        ),
    ];
    for (ct, body, status, wants) in cases {
        let (got, body) = send_json(&app, post("/v1/case/read", ct, None, body)).await;
        assert_eq!(got, status, "{ct} {wants}: {body}");
        let message = body["message"].as_str().unwrap_or("");
        assert!(message.contains(wants), "{wants}: {body}");
    }
    // A draft is read, not rewritten.
    let (status, _) = send_json(
        &app,
        post("/v1/case/write", "text/plain", None, "Bakgrund\nx"),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let ok = std::fs::read_to_string(format!("{EXAMPLES}/korttidsvistelse_bra.yaml")).unwrap();
    let (status, _) = send_json(&app, post("/v1/case/read", "application/yaml", None, ok)).await;
    assert_eq!(status, StatusCode::OK, "still up");
}

fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {list}"))
}

#[tokio::test]
async fn the_checklist_follows_the_insats_the_age_and_the_findings() {
    let app = app();
    let read = |name: &str| std::fs::read_to_string(format!("{EXAMPLES}/{name}.yaml")).unwrap();
    let (status, child) = send_json(
        &app,
        post(
            "/v1/checklist",
            "application/yaml",
            None,
            read("korttidsvistelse_barn_utan_barnperspektiv"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{child}");
    assert_eq!(child["barn"], true);
    assert_eq!(child["insatser"], serde_json::json!(["korttidsvistelse"]));
    let best = item(&child, "G6b");
    assert_eq!(best["state"], "saknas", "{best}");
    assert!(
        best["regler"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "lss.barn.barnets_basta"),
        "{best}"
    );
    assert_eq!(item(&child, "G3")["state"], "klar");
    assert_eq!(item(&child, "G10")["state"], "behovs_inte");
    assert_eq!(item(&child, "B.6")["state"], "klar");

    let (_, good) = send_json(
        &app,
        post(
            "/v1/checklist",
            "application/yaml",
            None,
            read("korttidsvistelse_bra"),
        ),
    )
    .await;
    for i in good["items"].as_array().unwrap() {
        assert_ne!(i["state"], "saknas", "a good example misses nothing: {i}");
    }

    let (_, adult) = send_json(
        &app,
        post(
            "/v1/checklist",
            "application/yaml",
            None,
            read("lss_daglig_verksamhet_bra"),
        ),
    )
    .await;
    assert_eq!(adult["barn"], false);
    assert_eq!(item(&adult, "G6")["state"], "behovs_inte");
    assert_eq!(item(&adult, "B.10")["state"], "klar");
}

#[tokio::test]
async fn case_data_needs_the_token_when_the_service_has_one() {
    let app = app_with(Settings {
        token: Some("hemlig-nyckel-for-tester-0123456789".into()),
        ..Settings::default()
    });
    for uri in ["/v1/case/read", "/v1/case/write", "/v1/checklist"] {
        let (status, _) =
            send_json(&app, post(uri, "application/yaml", None, "arende: {}\n")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
    }
}

#[tokio::test]
async fn every_example_carries_its_training_note_and_the_pages_are_served() {
    let app = app();
    let (status, list) = send_json(
        &app,
        Request::get("/v1/examples").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for e in list.as_array().unwrap() {
        let note = e["note"].as_str().unwrap_or("");
        assert!(note.contains("## "), "{} has no training note", e["name"]);
    }
    for (uri, kind) in [
        ("/formular", "text/html"),
        ("/ovning", "text/html"),
        ("/static/gemensam.js", "text/javascript"),
        ("/static/falt.js", "text/javascript"),
        ("/static/formular.js", "text/javascript"),
        ("/static/formular-visa.js", "text/javascript"),
        ("/static/ovning.js", "text/javascript"),
        ("/static/app.js", "text/javascript"),
    ] {
        let (status, ct, _) = send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(ct.starts_with(kind), "{uri}: {ct}");
    }
    let (status, _, _) = send(
        &app,
        Request::get("/static/nej.js").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn the_new_routes_are_documented() {
    let doc = serde_json::to_value(server::openapi()).unwrap();
    for p in [
        "/v1/case/read",
        "/v1/case/write",
        "/v1/checklist",
        "/formular",
        "/ovning",
        "/static/{name}",
    ] {
        assert!(
            doc["paths"].get(p).is_some(),
            "{p} is not in the OpenAPI document"
        );
    }
    for s in ["CaseRead", "Checklist", "ChecklistItem", "ItemState"] {
        assert!(doc["components"]["schemas"].get(s).is_some(), "schema {s}");
    }
}
