//! A panic (there must be none) prints where it happened and nothing of what its
//! message said: Rust's message for a bad string slice quotes the string, which in
//! `check` was a draft's text (the insats-name bug fixed on 2026-12-07).

use std::process::Command;

const MARKER: &str = "MARKÖR_panik_5c1e";
const CHILD: &str = "BESLUTSKOLL_PANIKPROV";

/// Runs itself again as a child process that installs the command line's hook and
/// panics the way that bug did; the parent reads the child's standard error.
#[test]
fn a_panic_prints_its_place_and_nothing_of_its_message() {
    if std::env::var_os(CHILD).is_some() {
        beslutskoll::panik::install();
        let text = std::hint::black_box(format!("Sökanden {MARKER} har korttidsvistelse"));
        let end = text.find('ö').unwrap() + 1;
        let _ = std::hint::black_box(&text[..end]);
        unreachable!("the slice above ends inside `ö`");
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_panic_prints_its_place_and_nothing_of_its_message",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let all = format!("{err}{}", String::from_utf8_lossy(&out.stdout));
    assert!(!out.status.success(), "the child did not fail: {all}");
    assert!(
        err.contains("beslutskoll: internt fel (tests/panik.rs:"),
        "no place on standard error: {all}"
    );
    assert!(!all.contains(MARKER), "the panic message got out: {all}");
    assert!(
        !all.contains("Sökanden"),
        "the panic message got out: {all}"
    );
}
