//! The browser tests' tools: the real binary on a free loopback port, ChromeDriver,
//! and the few WebDriver calls the tests need, as JSON over HTTP/1.1 on loopback (no
//! crate needed for that). Shared by `webbsida.rs` and `webbsida_formular.rs`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The W3C WebDriver key for a web element in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where chromedriver and Chromium are, or `None` (after a notice) when they are not
/// installed and this is not CI.
pub fn browser() -> Option<(PathBuf, PathBuf)> {
    let find = |env: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(env) {
            return Some(PathBuf::from(p)).filter(|p| p.is_file());
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .chain([
                PathBuf::from("/usr/bin"),
                PathBuf::from("/usr/lib/chromium"),
            ])
            .flat_map(|d| names.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    };
    let driver = find("CHROMEDRIVER", &["chromedriver"]);
    let chromium = find("CHROMIUM", &["chromium", "chromium-browser"]);
    match (driver, chromium) {
        (Some(d), Some(c)) => Some((d, c)),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
            "chromedriver or chromium is not installed, and CI=true: the browser test cannot run.\n\
             Install them with `bash scripts/ci-browser-deps.sh` (Debian's chromium and chromium-driver)."
        ),
        _ => {
            eprintln!(
                "NOTICE: webbsida skipped: chromedriver or chromium not found \
                 (install with `bash scripts/ci-browser-deps.sh`; with CI=true this fails)"
            );
            None
        }
    }
}

pub fn artefact_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`; artefacts sit beside it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("artefakter");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("beslutskoll-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `beslutskoll serve` on a port the system picks; its log is collected.
pub struct Server {
    child: Child,
    pub url: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
            .args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json"])
            .env_remove("BESLUTSKOLL_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if let Some(addr) = v.get("addr").and_then(Value::as_str) {
                        let _ = tx.send(addr.to_string());
                    }
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "the service did not say where it listens:\n{}",
                    log.lock().unwrap()
                );
            }
        };
        Server {
            child,
            url: format!("http://{addr}/"),
            log,
        }
    }

    /// SIGTERM and wait, so that graceful shutdown is part of the test; the log.
    pub fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "the service ended with {status}");
                std::thread::sleep(Duration::from_millis(100));
                return self.log.lock().unwrap().clone();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the service did not stop on SIGTERM");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct ChromeDriver {
    child: Child,
    pub url: String,
}

impl ChromeDriver {
    pub fn start(path: &Path) -> ChromeDriver {
        let port = free_port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
        let url = format!("127.0.0.1:{port}");
        let driver = ChromeDriver { child, url };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok((200, v)) = http(&driver.url, "GET", "/status", None) {
                if v["value"]["ready"] == true {
                    return driver;
                }
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request with a JSON body and `Connection: close`; status and JSON.
pub fn http(
    host: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<(u16, Value)> {
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // ChromeDriver keeps the connection open whatever we ask, so read by length.
    let mut reader = BufReader::new(stream);
    let mut status = 0;
    let mut length = None;
    let mut chunked = false;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if status == 0 {
            status = l
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        } else if let Some((name, value)) = l.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
                _ => {}
            }
        }
    }
    let mut raw = Vec::new();
    match length {
        Some(n) if !chunked => {
            raw.resize(n, 0);
            reader.read_exact(&mut raw)?;
        }
        _ => {
            reader.read_to_end(&mut raw)?;
        }
    }
    let text = String::from_utf8_lossy(&raw);
    let body = if chunked {
        dechunk(&text)
    } else {
        text.into_owned()
    };
    Ok((status, serde_json::from_str(&body).unwrap_or(Value::Null)))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

pub struct Session {
    host: String,
    id: String,
}

impl Session {
    pub fn new(host: &str, chromium: &Path, profile: &Path) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1400",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let (status, v) = http(host, "POST", "/session", Some(&caps)).unwrap();
        assert_eq!(status, 200, "no browser session: {v}");
        Session {
            host: host.to_string(),
            id: v["value"]["sessionId"].as_str().unwrap().to_string(),
        }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.id);
        let (status, v) = http(&self.host, method, &full, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_eq!(status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn try_find(&self, css: &str) -> Option<String> {
        let full = format!("/session/{}/elements", self.id);
        let body = json!({"using": "css selector", "value": css});
        let (_, v) = http(&self.host, "POST", &full, Some(&body)).ok()?;
        v["value"].as_array()?.first()?[ELEMENT]
            .as_str()
            .map(str::to_string)
    }

    pub fn find(&self, css: &str) -> String {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element `{css}` on the page"))
    }

    /// Poll until `css` is on the page (at most 20 s); no fixed sleeps.
    pub fn wait_for(&self, css: &str) -> String {
        let mut found = None;
        self.wait_until(&format!("`{css}`"), || {
            found = self.try_find(css);
            found.is_some()
        });
        found.unwrap()
    }

    pub fn wait_until(&self, what: &str, mut ready: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ready() {
            if Instant::now() > deadline {
                let page = self.script("return document.body.innerText", json!([]));
                panic!(
                    "waited 20 s for {what}; the page says:\n{}",
                    page.as_str().unwrap_or("")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn click(&self, el: &str) {
        self.call("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    pub fn clear(&self, el: &str) {
        self.call("POST", &format!("/element/{el}/clear"), Some(json!({})));
    }

    pub fn send_keys(&self, el: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({ "text": text })),
        );
    }

    pub fn text(&self, el: &str) -> String {
        self.call("GET", &format!("/element/{el}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn property(&self, el: &str, name: &str) -> Value {
        self.call("GET", &format!("/element/{el}/property/{name}"), None)
    }

    pub fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    pub fn window_size(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    pub fn screenshot(&self, path: &Path) {
        use base64::Engine as _;
        let data = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        std::fs::write(path, png).unwrap();
        println!("screenshot: {}", path.display());
    }
}

impl Drop for Session {
    /// Also on a failed assertion, so no browser is left running.
    fn drop(&mut self) {
        let _ = http(&self.host, "DELETE", &format!("/session/{}", self.id), None);
    }
}
