//! What each fuzz target does with one input. Kept apart from libFuzzer so that
#![allow(dead_code)]
//! `tests/fuzz_regressions.rs` runs every saved crash input through the very same code
//! (`#[path]`-included there); the targets in `fuzz_targets/` are one line each.
//!
//! Each entry returns `Ok` when the input was accepted and `Err` when it was refused
//! with an error, and panics only when a promise is broken: an error without a place,
//! a diagnostic that cannot be printed, a report that cannot be serialised. A panic
//! inside the engine is of course a finding too.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use beslutskoll::case::{self, Case, DocumentKind};
use beslutskoll::check::{self, Input};
use beslutskoll::copy::{CopyConfig, CorpusEntry, CorpusIndex, QueryOptions};
use beslutskoll::diag::{Diagnostic, Source};
use beslutskoll::engine::Engine;
use beslutskoll::{eval, parse};

/// Accepted or refused; the refusal has been checked for a place and printed.
pub type Outcome = Result<(), ()>;

const LIB_NAME: &str = "rules/gemensamt.regler";
const LIB: &str = include_str!("../../rules/gemensamt.regler");
const CASE: &str = include_str!("../../examples/korttidsvistelse_barn_utan_barnperspektiv.yaml");

fn lib() -> &'static Input {
    static LIB_INPUT: OnceLock<Input> = OnceLock::new();
    LIB_INPUT.get_or_init(|| {
        let source = Source::new(LIB_NAME, LIB);
        let file = parse::parse_file(&source).expect("the shipped library parses");
        Input {
            source,
            file,
            local: false,
        }
    })
}

fn example_case() -> &'static Case {
    static EXAMPLE: OnceLock<Case> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        case::read_case("exempel.yaml", CASE)
            .expect("the shipped example reads")
            .case
    })
}

/// The built-in rules, loaded once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().expect("the built-in rules load"))
}

/// A diagnostic has a place inside its file and prints.
fn printable(d: &Diagnostic) {
    let (line, col) = d.line_col();
    assert!(line >= 1 && col >= 1, "a diagnostic without a place: {d:?}");
    let _ = d.to_string();
}

fn printable_case_error(e: &case::CaseError) {
    assert!(
        e.line() >= 1 && e.column() >= 1,
        "a case error without a place"
    );
    assert!(!e.message().is_empty());
    printable(&e.to_diagnostic());
}

/// A rule file (as text) beside the shipped library of common definitions: parsed,
/// checked, and when it checks, evaluated against an example case.
pub fn rules(data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        return Err(());
    };
    let source = Source::new("rules/lss/fuzz.regler", text);
    let file = match parse::parse_file(&source) {
        Ok(file) => file,
        Err(errors) => {
            assert!(!errors.is_empty(), "a parse failure without a diagnostic");
            errors.iter().for_each(printable);
            return Err(());
        }
    };
    let lib = lib();
    let inputs = [
        Input {
            source: Arc::clone(&lib.source),
            file: lib.file.clone(),
            local: false,
        },
        Input {
            source,
            file,
            local: false,
        },
    ];
    let outcome = check::check_all(&inputs);
    outcome.errors.iter().for_each(printable);
    outcome.warnings.iter().for_each(printable);
    let Some(rules) = outcome.rules else {
        assert!(!outcome.errors.is_empty(), "no rules and no error");
        return Err(());
    };
    let evaluation = eval::evaluate_on(&rules, example_case(), None);
    let _ = evaluation.findings.len();
    Ok(())
}

/// A case file, YAML or JSON (the reader tells them apart by the first character).
pub fn case_reader(data: &[u8]) -> Outcome {
    match case::read_case_bytes("ärende.yaml", data) {
        Ok(file) => {
            let _ = case::warnings(&file.case);
            Ok(())
        }
        Err(e) => {
            printable_case_error(&e);
            Err(())
        }
    }
}

/// A draft document. The first byte chooses how the rest is read: as text, as the
/// bytes of a `.docx`, or as the `word/document.xml` of a `.docx` packed here without
/// compression (so that mutations reach the XML instead of breaking a checksum).
pub fn document(data: &[u8]) -> Outcome {
    let Some((&mode, rest)) = data.split_first() else {
        return Err(());
    };
    let result = match mode % 3 {
        0 => case::read_document_bytes("utkast.txt", DocumentKind::Text, rest),
        1 => case::read_document_bytes("utkast.docx", DocumentKind::Word, rest),
        _ => case::read_document_bytes("utkast.docx", DocumentKind::Word, &docx_of_xml(rest)),
    };
    match result {
        Ok(d) => {
            let _ = case::warnings(&d.file.case);
            Ok(())
        }
        Err(e) => {
            printable_case_error(&e);
            Err(())
        }
    }
}

/// A minimal Word file whose `word/document.xml` is `xml`, stored uncompressed.
pub fn docx_of_xml(xml: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("[Content_Types].xml", stored)
            .expect("writing to memory");
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
            .expect("writing to memory");
        zip.start_file("word/document.xml", stored)
            .expect("writing to memory");
        zip.write_all(xml).expect("writing to memory");
        zip.finish().expect("writing to memory");
    }
    out.into_inner()
}

/// The bytes of a corpus index file; when they load, the index answers a query with
/// a draft text (reading and checking the blocks it needs), counts its cases, is
/// checked whole, and is extended.
pub fn corpus_index(data: &[u8]) -> Outcome {
    match CorpusIndex::from_bytes(data, Path::new("korpus.idx")) {
        Ok(index) => {
            let cfg = CopyConfig::default();
            let text = example_case()
                .beslut
                .first()
                .and_then(|b| b.motivering.clone())
                .unwrap_or_default();
            let _ = index.query(&text, &cfg, &QueryOptions::default());
            let _ = (index.len(), index.case_count(), index.memory_bytes());
            let whole = index.verify();
            let mut grown = index.clone();
            let added = grown.add(&[CorpusEntry::from_text("NY", text)], &cfg);
            // Extending checks the index whole first: it fails exactly when that does.
            assert_eq!(whole.is_ok(), added.is_ok());
            Ok(())
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            Err(())
        }
    }
}

/// The body of `POST /v1/check` with a content type: the first byte picks one of the
/// types the service knows (and two it refuses), the rest is the body. An accepted
/// body gives a report that serialises.
pub fn http_body(data: &[u8]) -> Outcome {
    const TYPES: [Option<&str>; 8] = [
        Some("application/yaml"),
        Some("application/json"),
        Some("text/plain; charset=utf-8"),
        Some("text/markdown"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        Some("application/problem+json"),
        Some("application/pdf"),
        None,
    ];
    let Some((&pick, body)) = data.split_first() else {
        return Err(());
    };
    let content_type = TYPES[usize::from(pick) % TYPES.len()];
    let result = beslutskoll::server::check_body(engine(), content_type, body.to_vec(), None);
    match result {
        Ok(report) => {
            serde_json::to_vec(&report).expect("a report serialises");
            Ok(())
        }
        Err(e) => {
            let status = e.status();
            assert!(status.is_client_error(), "{status} for a body");
            let _ = e.body();
            Err(())
        }
    }
}
