//! Faults that lose nothing: a rule reload that succeeds while requests are in flight
//! drops none of them, and no error path of the running binary writes case content to
//! its log. Both over real sockets on 127.0.0.1, bounded in count and time.
//! (A reload that fails keeps the old rules serving: `server.rs`.)

#[path = "support/dokument.rs"]
mod dokument;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use beslutskoll::engine::Engine;
use beslutskoll::server::{self, AppState, Settings};
use serde_json::Value;

const TOKEN: &str = "hemlig-nyckel-for-tester-0123456789";
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/examples/{name}.yaml")).unwrap()
}

/// One HTTP/1.1 request on its own connection: status and body (`None` for the status
/// if the connection ended without an answer).
fn http(
    addr: SocketAddr,
    head: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (Option<u16>, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{head} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    // The service may answer (413) and close before it has read everything.
    let _ = s.write_all(&bytes);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    parse_answer(&answer)
}

fn parse_answer(answer: &[u8]) -> (Option<u16>, Vec<u8>) {
    let Some(split) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (None, answer.to_vec());
    };
    let head = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    let mut body = answer[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[(eol + 4 + size).min(b.len())..];
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
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

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("beslutskoll-faults-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn korttidsvistelse_hash(report: &Value) -> Option<String> {
    report["rulesets"]
        .as_array()?
        .iter()
        .find(|s| s["id"] == "lss.korttidsvistelse")
        .and_then(|s| s["hash"].as_str())
        .map(str::to_string)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_reload_under_load_drops_no_request() {
    let dir = TempDir::new("reload");
    let rules = dir.0.join("regler");
    copy_dir(&Path::new(ROOT).join("rules"), &rules);
    let loader_dir = rules.clone();
    let state = AppState::new(
        Box::new(move || Engine::load(&loader_dir, None)),
        Settings {
            token: Some(TOKEN.into()),
            ..Settings::default()
        },
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let service = tokio::spawn(server::listen(listener, state, async {
        let _ = stop_rx.await;
    }));

    // Clients: each sends checks one after another until told to stop (at most 60 s).
    let bearer = format!("Bearer {TOKEN}");
    let case = example("korttidsvistelse_bra");
    let done = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (done, case, bearer) = (Arc::clone(&done), case.clone(), bearer.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut answers = Vec::new();
                while !done.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(60) {
                    answers.push(http(
                        addr,
                        "POST /v1/check",
                        &[
                            ("Content-Type", "application/yaml"),
                            ("Authorization", &bearer),
                        ],
                        case.as_bytes(),
                    ));
                }
                answers
            })
        })
        .collect();

    // Five successful reloads, each of a changed rule file, while the clients run.
    let file = rules.join("lss/korttidsvistelse.regler");
    let original = std::fs::read_to_string(&file).unwrap();
    for n in 1..=5 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        std::fs::write(&file, format!("{original}\n# omladdning {n}\n")).unwrap();
        let (status, body) = tokio::task::spawn_blocking({
            let bearer = bearer.clone();
            move || {
                http(
                    addr,
                    "POST /v1/admin/reload",
                    &[("Authorization", &bearer)],
                    b"",
                )
            }
        })
        .await
        .unwrap();
        assert_eq!(status, Some(200), "{}", String::from_utf8_lossy(&body));
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["generation"], n + 1);
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    done.store(true, Ordering::SeqCst);

    let mut hashes = std::collections::BTreeSet::new();
    let mut total = 0;
    for client in clients {
        for (status, body) in client.join().unwrap() {
            total += 1;
            assert_eq!(
                status,
                Some(200),
                "a request was lost during a reload: {}",
                String::from_utf8_lossy(&body)
            );
            let report: Value = serde_json::from_slice(&body).expect("a whole report");
            assert!(report["findings"].is_array() && report["summary"].is_object());
            hashes.insert(korttidsvistelse_hash(&report).expect("the rule set used"));
        }
    }
    // The load spanned the reloads: reports were made with more than one version of
    // the changed file.
    assert!(total >= 8, "only {total} requests were made");
    assert!(
        hashes.len() >= 2,
        "no report saw a reloaded rule set ({total} requests)"
    );

    let _ = stop_tx.send(());
    service.await.unwrap().unwrap();
}

// ---- privacy under faults -----------------------------------------------------------

/// In every case and document below; it must never reach the log.
const MARKER: &str = "MARKÖR_7f3a";
/// The same in ASCII, for places a header or a path can carry it.
const MARKER_ASCII: &str = "MARKOR_7f3a";

/// The running binary with its log in a file; stopped with SIGTERM on drop.
struct Service {
    child: std::process::Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Service {
    fn start(dir: &Path) -> Service {
        let log = dir.join("service.log");
        let child = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--log-format",
                "json",
                "--timeout",
                "3",
                "--max-body",
                "65536",
            ])
            .env("BESLUTSKOLL_TOKEN", TOKEN)
            // Everything the service and its libraries log, at every level.
            .env("BESLUTSKOLL_LOG", "trace")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let addr = loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(addr) = text.lines().find_map(|l| {
                let v: Value = serde_json::from_str(l).ok()?;
                (v["message"] == "lyssnar").then(|| v["addr"].as_str()?.parse().ok())?
            }) {
                break addr;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "did not start: {text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        Service { child, addr, log }
    }

    fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        std::fs::read_to_string(&self.log).unwrap()
    }
}

fn marked_case() -> String {
    let names = ["Noah Saarinen", "Mira Saarinen", "Jonas Saarinen"];
    let mut text = example("korttidsvistelse_barn_utan_barnperspektiv");
    for name in names {
        text = text.replace(name, MARKER);
    }
    text.replace(
        "  fodelsedatum:",
        &format!("  personnummer: \"{MARKER}\"\n  fodelsedatum:"),
    )
}

/// A request line, its headers, its body and the status it must get.
type Sent<'a> = (String, Vec<(&'a str, &'a str)>, Vec<u8>, u16);

#[test]
#[cfg(unix)]
fn no_error_path_logs_case_content() {
    let dir = TempDir::new("privacy");
    let service = Service::start(&dir.0);
    let addr = service.addr;
    let bearer = format!("Bearer {TOKEN}");
    let auth = ("Authorization", bearer.as_str());
    let yaml = ("Content-Type", "application/yaml");
    let case = marked_case();
    let full = MARKER.repeat(20);
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    let docx_bad_xml = dokument::zip_of(
        "word/document.xml",
        format!("<w:document>{full}<w:p").as_bytes(),
    );
    let marked_type = format!("application/{MARKER_ASCII}");
    let wrong_token = format!("Bearer {MARKER_ASCII}");
    let mut not_utf8 = format!("{case}\nextra: {full}\n").into_bytes();
    not_utf8.extend_from_slice(b"\xff\xfe");
    not_utf8.extend_from_slice(full.as_bytes());
    let check = "POST /v1/check".to_string();
    let sent: Vec<Sent> = vec![
        // A good case full of the marker: a report, and still nothing in the log.
        (
            check.clone(),
            vec![auth, yaml],
            case.clone().into_bytes(),
            200,
        ),
        // Bad YAML at a line.
        (
            check.clone(),
            vec![auth, yaml],
            format!("{case}\n  {full}: [: {full}\n").into_bytes(),
            400,
        ),
        // An unknown key, named by the marker and holding it.
        (
            check.clone(),
            vec![auth, yaml],
            format!("{case}\n{MARKER}: {full}\n").into_bytes(),
            400,
        ),
        // A wrong type where the marker stands.
        (
            check.clone(),
            vec![auth, ("Content-Type", "application/json")],
            format!("{{\"arende\": \"{full}\", \"sokande\": [\"{MARKER}\"]}}").into_bytes(),
            400,
        ),
        // Sent as JSON but not JSON.
        (
            check.clone(),
            vec![auth, ("Content-Type", "application/json")],
            full.clone().into_bytes(),
            400,
        ),
        // Not UTF-8.
        (check.clone(), vec![auth, yaml], not_utf8, 400),
        // Too large (the limit is 64 KiB here).
        (
            check.clone(),
            vec![auth, yaml],
            MARKER.repeat(10_000).into_bytes(),
            413,
        ),
        // A wrong media type, in the header too.
        (
            check.clone(),
            vec![auth, ("Content-Type", "application/pdf")],
            full.clone().into_bytes(),
            415,
        ),
        (
            check.clone(),
            vec![auth, ("Content-Type", &marked_type)],
            full.clone().into_bytes(),
            415,
        ),
        // A text draft full of the marker, without what a draft needs.
        (
            check.clone(),
            vec![auth, ("Content-Type", "text/plain")],
            format!("Namn: {MARKER}\n# Bakgrund\n{full}\n").into_bytes(),
            400,
        ),
        // A broken Word file, and one whose XML is broken.
        (
            check.clone(),
            vec![auth, ("Content-Type", word)],
            [b"PK\x03\x04".as_slice(), full.as_bytes()].concat(),
            400,
        ),
        (
            check.clone(),
            vec![auth, ("Content-Type", word)],
            docx_bad_xml,
            400,
        ),
        // A bad query, and a wrong token carrying the marker.
        (
            format!("POST /v1/check?regeldatum={MARKER_ASCII}"),
            vec![auth, yaml],
            case.clone().into_bytes(),
            400,
        ),
        (
            check.clone(),
            vec![("Authorization", &wrong_token), yaml],
            case.clone().into_bytes(),
            401,
        ),
    ];
    for (head, headers, body, expected) in &sent {
        let (status, answer) = http(addr, head, headers, body);
        assert_eq!(
            status,
            Some(*expected),
            "{head} {headers:?}: {}",
            String::from_utf8_lossy(&answer)
        );
    }

    // A body that stops half-way: the time limit (3 s) answers 408.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: {bearer}\r\n\
         Content-Type: application/yaml\r\nContent-Length: 5000\r\n\r\n{case}"
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    assert_eq!(parse_answer(&answer).0, Some(408));

    let log = service.stop();
    let requests = log.lines().filter(|l| l.contains("\"svar\"")).count();
    assert_eq!(requests, sent.len() + 1, "one log line per request:\n{log}");
    for needle in [MARKER, MARKER_ASCII, "MARK"] {
        assert!(
            !log.contains(needle),
            "case content in the log ({needle}):\n{log}"
        );
    }
}
