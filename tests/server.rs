//! The HTTP service through its router, without a socket (tower `oneshot`): every
//! status code it can answer, the equivalence with `beslutskoll check --format json`,
//! reloading, the OpenAPI document. What the log says is in `server_log.rs`.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, Method, Request, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use beslutskoll::engine::Engine;
use beslutskoll::server::{self, ApiError, AppState, Settings};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "hemlig-nyckel-for-tester-0123456789";
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{EXAMPLES}/{name}.yaml")).unwrap()
}

fn app() -> Router {
    app_with(Settings::default())
}

fn app_with(settings: Settings) -> Router {
    server::app(AppState::with_engine(Engine::builtin().unwrap(), settings))
}

fn with_token() -> Settings {
    Settings {
        token: Some(TOKEN.into()),
        ..Settings::default()
    }
}

fn post(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::builder().method(Method::POST).uri(uri);
    if let Some(ct) = content_type {
        r = r.header(header::CONTENT_TYPE, ct);
    }
    r.body(body.into()).unwrap()
}

fn yaml(body: impl Into<Body>) -> Request<Body> {
    post("/v1/check", Some("application/yaml"), body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// Status, headers and the body as JSON (or as a JSON string if it is not JSON).
async fn send(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, body)
}

fn rule_ids(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

// ---- 200: the report, the same as the command line's --------------------------

#[tokio::test]
async fn check_answers_the_same_report_as_the_command_line_for_every_example() {
    let app = app();
    let mut names: Vec<String> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let out = assert_cmd::Command::cargo_bin("beslutskoll")
            .unwrap()
            .args([
                "check",
                &format!("{EXAMPLES}/{name}.yaml"),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
        let (status, headers, http) = send(&app, yaml(example(&name))).await;
        assert_eq!(status, StatusCode::OK, "{name}: {http}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{name}");
        assert_eq!(http, cli, "{name}: the service and the CLI disagree");
    }
}

#[tokio::test]
async fn check_reads_json_by_content_type_and_finds_the_same() {
    let app = app();
    let text = example("korttidsvistelse_barn_utan_barnperspektiv");
    let value: Value = serde_yaml::from_str(&text).unwrap();
    let (_, _, from_yaml) = send(&app, yaml(text)).await;
    let json = serde_json::to_string(&value).unwrap();
    let (status, _, from_json) = send(
        &app,
        post("/v1/check", Some("application/json; charset=utf-8"), json),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{from_json}");
    assert_eq!(from_json, from_yaml);
    assert!(rule_ids(&from_json).contains(&"lss.barn.barnets_basta"));
}

#[tokio::test]
async fn every_report_names_the_rule_versions_and_hashes_it_used() {
    let app = app();
    let (_, _, report) = send(&app, yaml(example("korttidsvistelse_bra"))).await;
    let (_, _, sets) = send(&app, get("/v1/rulesets")).await;
    let used = report["rulesets"].as_array().unwrap();
    assert!(!used.is_empty());
    for u in used {
        assert!(u["hash"].as_str().unwrap().starts_with("sha256:"));
        let loaded = sets["rulesets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == u["id"] && s["version"] == u["version"])
            .unwrap_or_else(|| panic!("{u} is not among the loaded rule sets"));
        assert_eq!(loaded["hash"], u["hash"]);
    }
}

#[tokio::test]
async fn regeldatum_chooses_the_rule_versions_of_that_day() {
    let app = app();
    let text = example("korttidsvistelse_bra");
    let (_, _, today) = send(&app, yaml(text.clone())).await;
    // Before förvaltningslagen 2017 took effect (2018-07-01) no `fl.*` version applies.
    let (status, _, then) = send(
        &app,
        post(
            "/v1/check?regeldatum=2015-01-01",
            Some("application/yaml"),
            text,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{then}");
    let used = |r: &Value| -> Vec<String> {
        r["rulesets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(used(&today).iter().any(|id| id.starts_with("fl.")));
    assert!(
        !used(&then).iter().any(|id| id.starts_with("fl.")),
        "{then}"
    );
    assert!(rule_ids(&then)
        .iter()
        .any(|r| r.ends_with(".ingen_version")));
}

#[tokio::test]
async fn a_case_with_earlier_decisions_and_the_notice_to_fk_is_checked() {
    // beslutskoll's extensions of format 1 (docs/arendeformat.md) go through the same
    // reader: 200 as YAML and as JSON, and `underrattelse_fk` is a known document type.
    let app = app();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cases/tidigare_beslut.yaml"
    ))
    .unwrap();
    let (status, _, from_yaml) = send(&app, yaml(text.clone())).await;
    assert_eq!(status, StatusCode::OK, "{from_yaml}");
    assert!(
        !rule_ids(&from_yaml).contains(&"beslutskoll.okand_underlagstyp"),
        "{from_yaml}"
    );
    let value: Value = serde_yaml::from_str(&text).unwrap();
    let (status, _, from_json) = send(
        &app,
        post("/v1/check", Some("application/json"), value.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{from_json}");
    assert_eq!(from_json, from_yaml);
}

// ---- 400: a bad case, with line and column ------------------------------------

#[tokio::test]
async fn a_bad_case_is_400_with_line_and_column() {
    let text = "format: 1\narende:\n  id: \"X\"\n  lag: LSS\nsokande: [\n";
    let (status, _, body) = send(&app(), yaml(text)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "invalid_case");
    assert!(body["line"].as_u64().unwrap() >= 5, "{body}");
    assert!(body["column"].as_u64().unwrap() >= 1);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("Ärendet kunde inte läsas"));
    assert!(body["detail"].as_str().unwrap().contains("ärende.yaml:"));
}

#[tokio::test]
async fn an_unknown_key_is_400_at_its_line() {
    let text = example("korttidsvistelse_bra").replacen("beslut:", "beslutt:", 1);
    let line = text
        .lines()
        .position(|l| l.starts_with("beslutt:"))
        .unwrap()
        + 1;
    let (status, _, body) = send(&app(), yaml(text)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["line"].as_u64().unwrap() as usize, line, "{body}");
}

#[tokio::test]
async fn invalid_utf8_is_400_naming_where() {
    let mut bytes = b"format: 1\narende:\n  id: \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\"\n");
    let (status, _, body) = send(&app(), yaml(bytes)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_encoding");
    assert_eq!(
        (body["line"].as_u64(), body["column"].as_u64()),
        (Some(3), Some(8))
    );
}

#[tokio::test]
async fn yaml_sent_as_json_is_400() {
    let (status, _, body) = send(
        &app(),
        post(
            "/v1/check",
            Some("application/json"),
            example("korttidsvistelse_bra"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_case");
    assert!(body["help"].as_str().unwrap().contains("application/yaml"));
}

#[tokio::test]
async fn a_bad_query_is_400() {
    for (query, says) in [
        ("regeldatum=2026-02-30", "regeldatum"),
        ("regeldatum=igår", "regeldatum"),
        ("korpus=alla", "`korpus` ska vara `true` eller `false`"),
        ("corpus=true", "okänd parameter `corpus`"),
    ] {
        let (status, _, body) = send(
            &app(),
            post(
                &format!("/v1/check?{query}"),
                Some("application/yaml"),
                example("korttidsvistelse_bra"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["error"], "invalid_query");
        assert!(body["message"].as_str().unwrap().contains(says), "{body}");
    }
}

#[tokio::test]
async fn a_thousand_nested_levels_is_400_not_a_crash() {
    let text = format!(
        "{}extra: {}{}\n",
        example("korttidsvistelse_bra"),
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let (status, _, body) = send(&app(), yaml(text)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let json = format!("{{\"extra\": {}{}}}", "[".repeat(1000), "]".repeat(1000));
    let (status, _, _) = send(&app(), post("/v1/check", Some("application/json"), json)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_yaml_alias_bomb_is_400() {
    let mut bomb = String::from("extra:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        bomb.push_str(&format!("  {}: &{} [{refs}]\n", w[1], w[1]));
    }
    let text = format!("{}{bomb}", example("korttidsvistelse_bra"));
    let (status, _, body) = send(&app(), yaml(text)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "invalid_case");
}

// ---- 401 / 403: the token -----------------------------------------------------

#[tokio::test]
async fn with_a_token_checking_needs_it() {
    let app = app_with(with_token());
    let (status, headers, body) = send(&app, yaml(example("korttidsvistelse_bra"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "unauthorized");
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");

    let mut wrong = yaml(example("korttidsvistelse_bra"));
    wrong
        .headers_mut()
        .insert(header::AUTHORIZATION, "Bearer fel-nyckel".parse().unwrap());
    assert_eq!(send(&app, wrong).await.0, StatusCode::UNAUTHORIZED);

    let mut right = yaml(example("korttidsvistelse_bra"));
    right.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {TOKEN}").parse().unwrap(),
    );
    assert_eq!(send(&app, right).await.0, StatusCode::OK);

    // Reading public material needs no token.
    for path in [
        "/",
        "/healthz",
        "/readyz",
        "/v1/rulesets",
        "/openapi.json",
        "/v1/examples",
    ] {
        assert_eq!(send(&app, get(path)).await.0, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn reloading_over_http_without_a_token_is_403() {
    let (status, _, body) = send(&app(), post("/v1/admin/reload", None, "")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "reload_disabled");
}

#[tokio::test]
async fn reloading_needs_the_token() {
    let app = app_with(with_token());
    let (status, _, _) = send(&app, post("/v1/admin/reload", None, "")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

// ---- 404 ----------------------------------------------------------------------

#[tokio::test]
async fn an_unknown_rule_is_404_with_a_suggestion() {
    let (status, _, body) = send(&app(), get("/v1/rules/lss.barn.barnets_bsta")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "unknown_rule");
    assert!(
        body["help"]
            .as_str()
            .unwrap()
            .contains("lss.barn.barnets_basta"),
        "{body}"
    );
}

#[tokio::test]
async fn an_unknown_path_is_404_json() {
    let (status, headers, body) = send(&app(), get("/v2/check")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(body["error"], "not_found");
    let (status, _, _) = send(&app(), get("/v1/examples/finns_inte")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

// ---- 408: the request time limit ----------------------------------------------

#[tokio::test]
async fn a_body_that_never_ends_is_408() {
    use futures_util::stream::{self, StreamExt};
    let app = app_with(Settings {
        timeout: Duration::from_millis(100),
        ..Settings::default()
    });
    let first = stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"format: 1\n"))]);
    let never = first.chain(stream::pending());
    let (status, _, body) = send(&app, yaml(Body::from_stream(never))).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(body["error"], "timeout");
}

// ---- 413: the body limit ------------------------------------------------------

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let big = format!(
        "{}extra: \"{}\"\n",
        example("korttidsvistelse_bra"),
        "x".repeat(1024 * 1024)
    );
    let (status, _, body) = send(&app(), yaml(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "too_large");

    // Also when the length is not announced (a stream).
    let chunks = (0..11).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b' '; 100 * 1024])));
    let app = app_with(Settings {
        body_limit: 1024 * 1024,
        ..Settings::default()
    });
    let (status, _, _) = send(
        &app,
        yaml(Body::from_stream(futures_util::stream::iter(chunks))),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_body_announced_as_too_large_is_413_before_it_is_read() {
    let mut req = yaml("format: 1\n");
    req.headers_mut()
        .insert(header::CONTENT_LENGTH, "10485760".parse().unwrap());
    let (status, _, body) = send(&app(), req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "too_large");
}

#[tokio::test]
async fn a_large_case_under_the_limit_is_checked() {
    // Over the inline threshold, so it goes through the blocking pool.
    let text = format!(
        "{}extra: \"{}\"\n",
        example("korttidsvistelse_bra"),
        "x".repeat(200 * 1024)
    );
    let (status, _, body) = send(&app(), yaml(text)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

// ---- 415 ----------------------------------------------------------------------

#[tokio::test]
async fn other_media_types_are_415() {
    for ct in [
        Some("application/pdf"),
        Some("application/x-www-form-urlencoded"),
        Some("application/yaml; charset=iso-8859-1"),
        None,
    ] {
        let (status, _, body) = send(
            &app(),
            post("/v1/check", ct, example("korttidsvistelse_bra")),
        )
        .await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert_eq!(body["error"], "unsupported_media_type");
    }
}

// ---- drafts: Word, text and Markdown -------------------------------------------

#[path = "support/dokument.rs"]
mod dokument;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[tokio::test]
async fn drafts_give_the_report_of_their_case_with_its_source() {
    let app = app();
    let (_, _, want) = send(
        &app,
        yaml(example("korttidsvistelse_barn_utan_barnperspektiv")),
    )
    .await;
    let case = beslutskoll::case::read_case(
        "x.yaml",
        &example("korttidsvistelse_barn_utan_barnperspektiv"),
    )
    .unwrap()
    .case;
    let paras = dokument::paragraphs(&case).unwrap();
    for (ct, body) in [
        (DOCX, dokument::to_docx(&paras)),
        (
            "text/plain; charset=utf-8",
            dokument::to_text(&paras).into_bytes(),
        ),
        ("text/markdown", dokument::to_text(&paras).into_bytes()),
    ] {
        let (status, _, got) = send(&app, post("/v1/check", Some(ct), body)).await;
        assert_eq!(status, StatusCode::OK, "{ct}: {got}");
        assert_eq!(rule_ids(&got), rule_ids(&want), "{ct}");
        assert!(
            got["source"].as_array().is_some_and(|s| !s.is_empty()),
            "{ct}"
        );
    }
    assert!(want.get("source").is_none());
}

#[tokio::test]
async fn bad_drafts_are_4xx_and_the_service_stays_up() {
    let app = app_with(Settings {
        body_limit: 12 * 1024 * 1024,
        ..Settings::default()
    });
    let bomb = dokument::zip_of("word/document.xml", &vec![b' '; 8 * 1024 * 1024]);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (DOCX, Vec::new(), StatusCode::BAD_REQUEST, "filen är tom"),
        (
            "text/plain",
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "ingen rubrik",
        ),
        (
            DOCX,
            b"%PDF-1.7\n".to_vec(),
            StatusCode::BAD_REQUEST,
            "filen är en PDF",
        ),
        (DOCX, bomb, StatusCode::BAD_REQUEST, "packas upp till"),
        (
            DOCX,
            vec![b'P'; 11 * 1024 * 1024],
            StatusCode::BAD_REQUEST,
            "största storlek",
        ),
        (
            DOCX,
            vec![b'P'; 20 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
    ];
    for (ct, body, status, wants) in cases {
        let (got, _, body) = send(&app, post("/v1/check", Some(ct), body)).await;
        assert_eq!(got, status, "{ct} {wants}: {body}");
        assert!(
            body["message"].as_str().is_some_and(|m| m.contains(wants)),
            "{body}"
        );
    }
    let (status, _, _) = send(&app, yaml(example("korttidsvistelse_bra"))).await;
    assert_eq!(status, StatusCode::OK, "still up");
}

// ---- reloading: 200 and 422 ---------------------------------------------------

fn rules_dir() -> tempdir::Dir {
    let dir = tempdir::Dir::new("regler");
    copy_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")),
        &dir.path,
    );
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A temporary folder removed on drop; no crate needed for so little.
mod tempdir {
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new(name: &str) -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "beslutskoll-test-{name}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&path);
            Dir { path }
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[tokio::test]
async fn a_reload_that_fails_keeps_the_old_rules_serving() {
    let dir = rules_dir();
    let path = dir.path.clone();
    let state = AppState::new(Box::new(move || Engine::load(&path, None)), with_token()).unwrap();
    let app = server::app(state);
    let auth = |mut r: Request<Body>| {
        r.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {TOKEN}").parse().unwrap(),
        );
        r
    };
    let (_, _, before) = send(&app, auth(yaml(example("korttidsvistelse_bra")))).await;

    // A good reload: generation 2.
    let (status, _, body) = send(&app, auth(post("/v1/admin/reload", None, ""))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["generation"], 2);

    // Break a rule file: 422 naming file and line, and generation 2 keeps serving.
    let file = dir.path.join("lss/korttidsvistelse.regler");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nregel trasig {{\n")).unwrap();
    let (status, _, body) = send(&app, auth(post("/v1/admin/reload", None, ""))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"], "rules_not_loaded");
    let d = &body["diagnostics"][0];
    assert!(
        d["file"]
            .as_str()
            .unwrap()
            .ends_with("korttidsvistelse.regler"),
        "{body}"
    );
    assert!(d["line"].as_u64().unwrap() > 1);
    let (_, _, ready) = send(&app, get("/readyz")).await;
    assert_eq!(ready["generation"], 2);
    let (status, _, after) = send(&app, auth(yaml(example("korttidsvistelse_bra")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(after, before);
}

#[tokio::test]
async fn a_reload_reads_changed_rules_and_reports_their_new_hash() {
    let dir = rules_dir();
    let path = dir.path.clone();
    let state = AppState::new(
        Box::new(move || Engine::load(&path, None)),
        Settings::default(),
    )
    .unwrap();
    let app = server::app(state.clone());
    let hash_of = |v: &Value| {
        v["rulesets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "lss.korttidsvistelse")
            .map(|s| s["hash"].clone())
            .unwrap()
    };
    let (_, _, before) = send(&app, yaml(example("korttidsvistelse_bra"))).await;
    let file = dir.path.join("lss/korttidsvistelse.regler");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\n# en kommentar ändrar filens hash\n"),
    )
    .unwrap();
    // As SIGHUP does it.
    let loaded = state.reload_logged().unwrap();
    assert_eq!(loaded.generation, 2);
    let (_, _, after) = send(&app, yaml(example("korttidsvistelse_bra"))).await;
    assert_ne!(hash_of(&before), hash_of(&after));
}

// ---- health, readiness, 503 ---------------------------------------------------

#[tokio::test]
async fn health_and_readiness() {
    let state = AppState::with_engine(Engine::builtin().unwrap(), Settings::default());
    let app = server::app(state.clone());
    let (status, _, body) = send(&app, get("/healthz")).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let (status, _, body) = send(&app, get("/readyz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["generation"], 1);
    assert!(body["rulesets"].as_u64().unwrap() > 0);
    state.begin_draining();
    let (status, _, body) = send(&app, get("/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "not_ready");
    // Alive while draining.
    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
}

#[test]
fn an_internal_error_is_a_plain_500() {
    let res = ApiError::Internal.into_response();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = ApiError::Internal.body();
    assert_eq!(body.error, "internal");
    assert!(body.detail.is_none() && body.line.is_none());
}

// ---- rule sets and rules ------------------------------------------------------

#[tokio::test]
async fn rulesets_list_ids_versions_validity_and_hashes() {
    let (status, _, body) = send(&app(), get("/v1/rulesets")).await;
    assert_eq!(status, StatusCode::OK);
    let engine = Engine::builtin().unwrap();
    let sets = body["rulesets"].as_array().unwrap();
    assert_eq!(sets.len(), engine.rules().sets.len());
    for (got, want) in sets.iter().zip(&engine.rules().sets) {
        assert_eq!(got["id"], want.id.as_str());
        assert_eq!(got["version"], want.version.as_str());
        assert_eq!(got["valid_from"], want.valid_from.to_string());
        assert_eq!(got["hash"], want.hash.as_str());
        assert_eq!(got["rules"], want.rules.len());
    }
}

#[tokio::test]
async fn a_rule_is_explained_as_explain_does() {
    let engine = Engine::builtin().unwrap();
    let id = "lss.barn.barnets_basta";
    let (status, _, body) = send(&app(), get(&format!("/v1/rules/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["explanation"].as_str().unwrap(),
        beslutskoll::rule_page::explain(engine.documented_rules(), id).unwrap()
    );
    // The rule as written and its lint page are there (the compiled built-in rules
    // read them only for a rule's page).
    let explanation = body["explanation"].as_str().unwrap();
    assert!(explanation.contains("regel barnets_basta"), "{explanation}");
    assert!(explanation.contains("kräv"), "{explanation}");
    assert_eq!(body["versions"][0]["lagrum"], "6 a § LSS");
}

// ---- the OpenAPI document -----------------------------------------------------

#[tokio::test]
async fn the_openapi_document_is_served_and_describes_every_route() {
    let (status, _, doc) = send(&app(), get("/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for p in [
        "/v1/check",
        "/v1/rulesets",
        "/v1/rules/{id}",
        "/v1/admin/reload",
        "/healthz",
        "/readyz",
        "/openapi.json",
        "/",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    // Every documented GET without a parameter answers (the document does not
    // promise routes the router lacks).
    let app = app();
    for p in &paths {
        if doc["paths"][p].get("get").is_some() && !p.contains('{') {
            assert_eq!(send(&app, get(p)).await.0, StatusCode::OK, "{p}");
        }
    }
    let check = &doc["paths"]["/v1/check"]["post"];
    for code in ["200", "400", "401", "408", "413", "415"] {
        assert!(
            check["responses"].get(code).is_some(),
            "/v1/check lacks {code}"
        );
    }
    let content = check["requestBody"]["content"].as_object().unwrap();
    assert!(content.contains_key("application/yaml") && content.contains_key("application/json"));
    assert!(doc["components"]["schemas"].get("Report").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
    let served = beslutskoll::kontrakt::openapi_text(&server::openapi());
    assert_eq!(
        doc,
        serde_json::from_str::<serde_json::Value>(&served).unwrap()
    );
}

// ---- the page -----------------------------------------------------------------

#[tokio::test]
async fn the_page_is_swedish_self_contained_and_locked_down() {
    let (status, headers, body) = send(&app(), get("/")).await;
    assert_eq!(status, StatusCode::OK);
    let html = body.as_str().unwrap();
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(html.contains("data-nyckel=\"nej\""));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside resources"
    );
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let (_, _, body) = send(&app_with(with_token()), get("/")).await;
    assert!(body.as_str().unwrap().contains("data-nyckel=\"ja\""));
    for (path, ct) in [
        ("/static/app.js", "text/javascript"),
        ("/static/app.css", "text/css"),
    ] {
        let (status, headers, _) = send(&app(), get(path)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ct));
    }
}

#[tokio::test]
async fn the_examples_listed_are_the_shipped_files() {
    let (status, _, body) = send(&app(), get("/v1/examples")).await;
    assert_eq!(status, StatusCode::OK);
    for e in body.as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        assert_eq!(e["text"].as_str().unwrap(), example(name));
        let (status, headers, _) = send(&app(), get(&format!("/v1/examples/{name}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/yaml"));
    }
    assert_eq!(
        body.as_array().unwrap().len(),
        std::fs::read_dir(EXAMPLES)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "yaml"))
            .count()
    );
}

// ---- request ids and the log --------------------------------------------------

#[tokio::test]
async fn every_answer_has_a_request_id_and_a_callers_plain_id_is_kept() {
    let (_, headers, _) = send(&app(), get("/healthz")).await;
    assert!(!headers["x-request-id"].is_empty());
    let mut req = get("/healthz");
    req.headers_mut()
        .insert("x-request-id", "arende-system-42".parse().unwrap());
    let (_, headers, _) = send(&app(), req).await;
    assert_eq!(headers["x-request-id"], "arende-system-42");
    let mut req = get("/healthz");
    req.headers_mut()
        .insert("x-request-id", "Alva Berg 20140514-1234".parse().unwrap());
    let (_, headers, _) = send(&app(), req).await;
    assert_ne!(headers["x-request-id"], "Alva Berg 20140514-1234");
}

// ---- starting: off loopback only with a token ---------------------------------

#[test]
fn serve_refuses_to_listen_off_loopback_without_a_token() {
    let out = assert_cmd::Command::cargo_bin("beslutskoll")
        .unwrap()
        .args(["serve", "--listen", "0.0.0.0:0"])
        .env_remove("BESLUTSKOLL_TOKEN")
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("BESLUTSKOLL_TOKEN saknas"), "{err}");

    let out = assert_cmd::Command::cargo_bin("beslutskoll")
        .unwrap()
        .args(["serve", "--listen", "0.0.0.0:0"])
        .env("BESLUTSKOLL_TOKEN", "kort")
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("för kort"));
}

#[test]
fn the_token_rule() {
    use beslutskoll::cli::serve_token;
    let lo = "127.0.0.1:8080".parse().unwrap();
    let v6 = "[::1]:8080".parse().unwrap();
    let any = "0.0.0.0:8080".parse().unwrap();
    assert_eq!(serve_token(lo, None), Ok(None));
    assert_eq!(serve_token(v6, Some("  ".into())), Ok(None));
    assert!(serve_token(any, None).is_err());
    assert!(serve_token(any, Some("kort".into())).is_err());
    assert_eq!(
        serve_token(any, Some(TOKEN.into())),
        Ok(Some(TOKEN.to_string()))
    );
}

#[tokio::test]
async fn korpus_compares_with_the_corpus_the_service_was_started_with() {
    let engine = Engine::builtin().unwrap();
    let entries =
        beslutskoll::copy::corpus_from_dir(std::path::Path::new("examples/corpus")).unwrap();
    let index = beslutskoll::copy::CorpusIndex::build(&entries, engine.copy_config());
    let with_corpus = server::app(AppState::with_engine(
        engine,
        Settings {
            corpus: Some(std::sync::Arc::new(index)),
            ..Settings::default()
        },
    ));
    let draft = example("utkast_omdopt_kopia");
    let rules = |body: &Value| -> Vec<String> {
        body["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, _, body) = send(
        &with_corpus,
        post(
            "/v1/check?korpus=true",
            Some("application/yaml"),
            draft.clone(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        rules(&body).contains(&"kopia.nara_kopia".to_string()),
        "{body}"
    );
    let copy = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "kopia.nara_kopia")
        .unwrap();
    assert_eq!(copy["evidence"]["other_case"], "LSS-2025-0031");
    // Without the parameter the corpus is not used.
    let (_, _, body) = send(&with_corpus, yaml(draft.clone())).await;
    assert!(!rules(&body).contains(&"kopia.nara_kopia".to_string()));
    // Asking for a corpus the service does not have is a clear 400.
    let (status, _, body) = send(
        &app(),
        post("/v1/check?korpus=true", Some("application/yaml"), draft),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("--corpus"),
        "{body}"
    );
}
