//! `beslutskoll check` on draft documents: `.docx`, `.txt` and `.md` by extension, the
//! same findings as the hand-made YAML, the `source` key, and exit 2 with a Swedish
//! message for a document that cannot be read.

#[path = "support/dokument.rs"]
mod dokument;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::cargo_bin("beslutskoll").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_documents");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn report(path: &str) -> (Option<i32>, Value) {
    let out = bin()
        .args(["check", path, "--format", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{path}: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), json)
}

fn rule_paths(report: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn word_text_and_markdown_drafts_check_like_their_yaml() {
    for (stem, yaml) in [
        ("bra", "examples/korttidsvistelse_bra.yaml"),
        (
            "utan_kommunicering",
            "examples/personlig_assistans_avslag_utan_kommunicering.yaml",
        ),
        ("hemtjanst", "examples/sol_hemtjanst_juni_2025.yaml"),
    ] {
        let case = beslutskoll::case::read_case_file(std::path::Path::new(yaml))
            .unwrap()
            .case;
        let paras = dokument::paragraphs(&case).unwrap();
        let (code, want) = report(yaml);
        assert!(want.get("source").is_none(), "no source for a YAML case");
        let files = [
            tmp(&format!("{stem}.docx"), &dokument::to_docx(&paras)),
            tmp(&format!("{stem}.txt"), dokument::to_text(&paras).as_bytes()),
            tmp(&format!("{stem}.md"), dokument::to_text(&paras).as_bytes()),
        ];
        for f in files {
            let (got_code, got) = report(&f.display().to_string());
            assert_eq!(got_code, code, "{}", f.display());
            assert_eq!(rule_paths(&got), rule_paths(&want), "{}", f.display());
            let source = got["source"].as_array().expect("source for a document");
            assert!(source.iter().any(|s| s["rubrik"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("bedömning")
                && s["falt"] == "utredning.texter.bedomning"));
        }
    }
}

#[test]
fn human_report_shows_how_the_draft_was_read() {
    let case = beslutskoll::case::read_case_file(std::path::Path::new(
        "examples/korttidsvistelse_bra.yaml",
    ))
    .unwrap()
    .case;
    let text = dokument::to_text(&dokument::paragraphs(&case).unwrap());
    let f = tmp("las.txt", text.as_bytes());
    let out = bin()
        .args(["check", &f.display().to_string(), "--format", "human"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Så lästes utkastet:"), "{stdout}");
    assert!(stdout.contains("Namn → sokande.namn"), "{stdout}");
}

#[test]
fn bad_documents_exit_2_with_a_swedish_message() {
    let bomb = dokument::zip_of("word/document.xml", &vec![b' '; 8 * 1024 * 1024]);
    let big = vec![b'x'; 20 * 1024 * 1024];
    for (name, bytes, wants) in [
        ("tom.docx", &b""[..], "filen är tom"),
        ("tom.txt", &b""[..], "ingen rubrik"),
        (
            "pdf.docx",
            &b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"[..],
            "filen är en PDF",
        ),
        ("bomb.docx", &bomb[..], "packas upp till"),
        ("stor.docx", &big[..], "största storlek"),
        ("stor.txt", &big[..], "största storlek"),
        ("latin1.txt", &b"Namn: \xC5sa\n"[..], "inte UTF-8"),
        (
            "utan_namn.txt",
            &b"Beslutsdatum: 2026-01-01\nBed\xC3\xB6mning\nText\n"[..],
            "sökandens namn",
        ),
    ] {
        let f = tmp(name, bytes);
        let out = bin()
            .args(["check", &f.display().to_string()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing partial");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(wants), "{name}: {stderr}");
        assert!(stderr.contains("fel"), "{name}: {stderr}");
    }
}
