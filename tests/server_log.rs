//! What the service logs for a request: one line with id, method, path, status and
//! duration, and nothing of the case. In a file of its own because tracing caches per
//! call site whether anyone listens, and other tests running at the same time without
//! a subscriber would make this one see nothing.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use beslutskoll::engine::Engine;
use beslutskoll::server::{self, AppState, Settings};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn yaml(body: String) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri("/v1/check")
        .header(header::CONTENT_TYPE, "application/yaml")
        .body(Body::from(body))
        .unwrap()
}

async fn status_of(app: &axum::Router, req: Request<Body>) -> StatusCode {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let _ = res.into_body().collect().await.unwrap();
    status
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_log_has_one_line_per_request_and_nothing_of_the_case() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/korttidsvistelse_barn_utan_barnperspektiv.yaml"
    ))
    .unwrap()
    .replace(
        "  fodelsedatum:",
        "  personnummer: \"20160203-2389\"\n  fodelsedatum:",
    );
    let app = server::app(AppState::with_engine(
        Engine::builtin().unwrap(),
        Settings::default(),
    ));
    assert_eq!(status_of(&app, yaml(text.clone())).await, StatusCode::OK);
    let broken = format!("{text}\nokand_nyckel: Noah Saarinen\n");
    assert_eq!(status_of(&app, yaml(broken)).await, StatusCode::BAD_REQUEST);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("svar")).collect();
    assert_eq!(lines.len(), 2, "{log}");
    for (line, status) in lines.iter().zip(["200", "400"]) {
        for field in [
            "id=",
            "method=POST",
            "path=\"/v1/check\"",
            &format!("status={status}"),
            "ms=",
        ] {
            assert!(line.contains(field), "{field} missing in {line}");
        }
    }
    for secret in [
        "Noah",
        "Saarinen",
        "20160203",
        "2389",
        "LSS-2026-0217",
        "okand_nyckel",
    ] {
        assert!(!log.contains(secret), "the log says `{secret}`:\n{log}");
    }
}
