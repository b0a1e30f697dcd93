//! The service on a socket: the layers every request passes (request id, the one log
//! line, security headers, time limit, panic guard), the accept loop with a time limit
//! on reading request headers, graceful shutdown on SIGTERM or Ctrl-C, and rule reload
//! on SIGHUP.
//!
//! Our own accept loop instead of `axum::serve`: that one sets no timer on hyper, so a
//! client that sends its headers a byte at a time would hold a connection for ever.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::http::{header, HeaderName, HeaderValue, Request, Response};
use axum::response::IntoResponse;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use super::{ApiError, AppState, Settings};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wrap the router in the layers every request passes, outermost first.
pub(super) fn layers(router: Router, settings: &Settings) -> Router {
    router.layer(
        ServiceBuilder::new()
            .map_request(drop_unsafe_request_id)
            .layer(SetRequestIdLayer::new(X_REQUEST_ID, RequestIds::new()))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_request(())
                    .on_response(log_response)
                    .on_failure(()),
            )
            .layer(PropagateRequestIdLayer::new(X_REQUEST_ID))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            // Reports and the page with a case in it are personal data: no cache
            // anywhere may keep them.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ))
            .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
                ApiError::Timeout
            }))
            .timeout(settings.timeout)
            .layer(CatchPanicLayer::custom(|_| {
                ApiError::Internal.into_response()
            })),
    )
}

/// Request ids are `<process>-<counter>`: unique in a log without a random source.
#[derive(Clone)]
struct RequestIds {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl RequestIds {
    fn new() -> RequestIds {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        RequestIds {
            prefix: format!("{:x}{:x}", started & 0xffff_ffff, std::process::id()).into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// A caller may send its own `x-request-id` to follow a request across systems, but
/// only a plain token goes into our log: anything else is replaced by one of ours.
fn drop_unsafe_request_id(mut request: Request<Body>) -> Request<Body> {
    let safe = request.headers().get(&X_REQUEST_ID).is_none_or(|v| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= 64
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    });
    if !safe {
        request.headers_mut().remove(&X_REQUEST_ID);
    }
    request
}

fn request_span(request: &Request<Body>) -> Span {
    let id = request
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    // The path only: a query string is the client's to fill and is not logged.
    let path: String = request.uri().path().chars().take(200).collect();
    tracing::info_span!("request", id, method = %request.method(), path)
}

fn log_response(response: &Response<Body>, latency: Duration, _: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        ms = (latency.as_secs_f64() * 1e5).round() / 1e2,
        "svar"
    );
}

/// Logs go to standard error, as text or as one JSON object per line. The level is
/// taken from `BESLUTSKOLL_LOG` (`info` if unset).
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BESLUTSKOLL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.with_ansi(false).try_init()
    };
    std::panic::set_hook(Box::new(log_panic));
}

/// The panic hook of the service. A panic message can quote whatever value was at
/// hand (a case's text included); the log gets where the panic happened, never what
/// it said. The panic guard's answer is a plain 500 and says nothing either.
fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
    let at = crate::panik::place(info);
    tracing::error!(at, "panik i en begäran; den fick svaret 500");
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Reload the rules on every SIGHUP, for as long as the service runs.
fn reload_on_hangup(state: AppState) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            tracing::warn!("SIGHUP kan inte tas emot; omladdning bara över HTTP");
            return;
        };
        while hup.recv().await.is_some() {
            let s = state.clone();
            let _ = tokio::task::spawn_blocking(move || s.reload_logged()).await;
        }
    });
    #[cfg(not(unix))]
    let _ = state;
}

/// Serve `state` on `listener` until `shutdown` resolves, then stop taking
/// connections, let the requests in flight finish (at most one request time limit),
/// and return.
pub async fn listen(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let settings = state.settings().clone();
    let app = super::app(state.clone());
    reload_on_hangup(state.clone());
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    tracing::info!(
        addr = %listener.local_addr()?,
        generation = state.rules().generation,
        rulesets = state.rules().engine.rules().sets.len(),
        token = settings.token.is_some(),
        "lyssnar"
    );
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %e, "kunde inte ta emot en anslutning");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(settings.timeout);
        let conn =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that goes away or times out is not our error to report.
            let _ = conn.await;
        });
    }
    state.begin_draining();
    tracing::info!("stänger: tar inte emot fler anslutningar");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("stängd"),
        () = tokio::time::sleep(settings.timeout + Duration::from_secs(1)) => {
            tracing::warn!("stängd; några anslutningar avbröts");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    const MARKER: &str = "MARKÖR_7f3a";

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

    /// A route that exists only here panics with case text in its message: the answer
    /// is a plain 500 and the log says where, never what.
    #[tokio::test]
    async fn a_panic_logs_its_place_and_nothing_of_its_message() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::TRACE)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(log_panic));

        let router = Router::new().route(
            "/panik",
            get(|| async {
                let name = format!("sökande {MARKER}");
                panic!("kunde inte läsa {name}");
                #[allow(unreachable_code)]
                ""
            }),
        );
        let app = layers(router, &Settings::default());
        let res = app
            .oneshot(Request::get("/panik").body(Body::empty()).unwrap())
            .await
            .unwrap();
        std::panic::set_hook(before);

        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("\"internal\""), "{body}");
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("panik i en begäran"), "{log}");
        assert!(log.contains("listen.rs:"), "the place is logged: {log}");
        assert!(log.contains("status=500"), "{log}");
        for text in [&*body, &*log] {
            assert!(
                !text.contains("MARK") && !text.contains("kunde inte läsa"),
                "{text}"
            );
        }
    }
}
