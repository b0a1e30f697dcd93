//! Drafts read as they are written: shipped examples written back as a plain-text and a
//! Word draft (by the test-only writer in `support/dokument.rs`) give the same findings
//! as their hand-made YAML.

#[path = "support/dokument.rs"]
mod dokument;

use beslutskoll::case::{self, Case};
use beslutskoll::engine::Engine;

fn findings(engine: &Engine, case: &Case) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = engine
        .check(case)
        .findings
        .into_iter()
        .map(|f| (f.rule, f.path))
        .collect();
    f.sort();
    f
}

fn yaml(path: &str) -> Case {
    case::read_case_file(std::path::Path::new(path))
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
        .case
}

/// Examples that must read the same as drafts: a good LSS case for a child, flawed LSS
/// cases, good and flawed SoL cases.
const EXAMPLES: &[&str] = &[
    "examples/korttidsvistelse_bra.yaml",
    "examples/korttidsvistelse_barn_utan_barnperspektiv.yaml",
    "examples/personlig_assistans_avslag_utan_kommunicering.yaml",
    "examples/sol_hemtjanst_juni_2025.yaml",
    "examples/sol_kontaktperson_barn_utan_samtycke.yaml",
    "examples/lss_ledsagarservice_riktlinje_tak.yaml",
];

#[test]
fn text_drafts_of_examples_give_the_same_findings() {
    let engine = Engine::builtin().unwrap();
    for path in EXAMPLES {
        let case = yaml(path);
        let paras = dokument::paragraphs(&case).unwrap_or_else(|| panic!("{path}: not writable"));
        let text = dokument::to_text(&paras);
        let read = case::read_text_document("utkast.txt", &text)
            .unwrap_or_else(|e| panic!("{path}:\n{}\n{text}", e.to_diagnostic()));
        assert_eq!(
            findings(&engine, &read.file.case),
            findings(&engine, &case),
            "{path}\n{text}"
        );
        assert!(read
            .source
            .iter()
            .any(|s| s.falt == "utredning.texter.bedomning"));
    }
}

/// Every example that the writer can write reads back with the same findings, as text
/// and as Word; the count keeps the list from shrinking unnoticed.
#[test]
fn every_writable_example_gives_the_same_findings_as_text_and_word() {
    let engine = Engine::builtin().unwrap();
    let mut same = 0;
    let mut differ = Vec::new();
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let case = yaml(&path.display().to_string());
        let Some(paras) = dokument::paragraphs(&case) else {
            eprintln!("not writable: {}", path.display());
            continue;
        };
        let text = dokument::to_text(&paras);
        let read = case::read_text_document("utkast.txt", &text)
            .unwrap_or_else(|e| panic!("{}:\n{}", path.display(), e.to_diagnostic()));
        let word = case::read_docx("utkast.docx", &dokument::to_docx(&paras))
            .unwrap_or_else(|e| panic!("{}:\n{}", path.display(), e.to_diagnostic()));
        let want = findings(&engine, &case);
        if findings(&engine, &read.file.case) == want && findings(&engine, &word.file.case) == want
        {
            same += 1;
        } else {
            differ.push(path.display().to_string());
        }
    }
    assert!(differ.is_empty(), "{differ:?}");
    eprintln!("{same} examples read the same as text and Word");
    assert!(same >= 30, "{same}");
}

#[test]
fn word_drafts_of_examples_give_the_same_findings() {
    let engine = Engine::builtin().unwrap();
    for path in EXAMPLES {
        let case = yaml(path);
        let paras = dokument::paragraphs(&case).unwrap();
        let bytes = dokument::to_docx(&paras);
        let read = case::read_docx("utkast.docx", &bytes)
            .unwrap_or_else(|e| panic!("{path}:\n{}", e.to_diagnostic()));
        assert_eq!(
            findings(&engine, &read.file.case),
            findings(&engine, &case),
            "{path}"
        );
        // Headings came from the styles: the source names them as written.
        assert!(
            read.source.iter().any(|s| s.rubrik == "Bedömning"),
            "{:?}",
            read.source
        );
    }
}

fn refused(bytes: &[u8], wants: &str) {
    match case::read_docx("utkast.docx", bytes) {
        Ok(_) => panic!("read a bad document"),
        Err(e) => {
            assert_eq!(e.kind(), case::CaseErrorKind::Document);
            assert!(e.message().contains(wants), "{}", e.message());
            // Renders without panicking, in Swedish.
            let shown = e.to_diagnostic().to_string();
            assert!(shown.contains(wants), "{shown}");
        }
    }
}

#[test]
fn bad_word_documents_are_refused_in_swedish() {
    refused(b"", "filen är tom");
    refused(b"%PDF-1.7\n1 0 obj\n", "filen är en PDF");
    refused(
        b"PK\x03\x04 inte ett riktigt arkiv",
        "zip-arkivet kan inte läsas",
    );
    refused(
        &dokument::zip_of("README.txt", b"hej"),
        "`word/document.xml` saknas",
    );
    refused(&vec![b'P'; 20 * 1024 * 1024], "största storlek");
    let bomb = vec![b' '; 8 * 1024 * 1024];
    refused(
        &dokument::zip_of("word/document.xml", &bomb),
        "packas upp till",
    );
    refused(
        &dokument::zip_of("word/document.xml", b"<w:p><w:t>x</w:p>"),
        "inte giltig XML",
    );
    let no_heading = dokument::to_docx(&[("Bara en rad text.".into(), false)]);
    refused(&no_heading, "ingen rubrik");
}

mod never_panics {
    use beslutskoll::case;
    use proptest::prelude::*;

    /// The built-in rules' report on a case that read, serialised.
    fn checked(c: &beslutskoll::case::Case) -> String {
        static ENGINE: std::sync::OnceLock<beslutskoll::engine::Engine> =
            std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| beslutskoll::engine::Engine::builtin().unwrap());
        serde_json::to_string(&engine.check(c)).expect("a report serialises")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text, heading-like lines and labels mixed in, reads or is an error.
        #[test]
        fn text(lines in proptest::collection::vec(
            prop_oneof![
                Just("Namn: Å".to_string()),
                Just("Personnummer: 991231+0000".to_string()),
                Just("Beslutsdatum: 31/2 2026".to_string()),
                Just("Ansökningsdatum: 1 maj 2026".to_string()),
                Just("Insats: stödfamilj".to_string()),
                Just("## Bedömning:".to_string()),
                Just("Kontakter".to_string()),
                Just("- 2026-01-01 hembesök med ".to_string()),
                Just("Behovsområden".to_string()),
                Just("- hemliv: x (timmar".to_string()),
                // Digits of other scripts where the reader and the checks read numbers.
                Just("Personnummer: 1٢٣٤٥6-7890".to_string()),
                Just("Personnummer: 19०१०२०३-४५६७".to_string()),
                Just("Beslutsdatum: ٢٠٢٦-01-01".to_string()),
                Just("Ansökningsdatum: ५ maj 2026".to_string()),
                Just("- ２０２６-01-01 hembesök 1٢ år".to_string()),
                Just("Lagrum: 9 § ٦ LSS".to_string()),
                "\\PC{0,40}",
            ],
            0..30,
        )) {
            let text = lines.join("\n");
            // What reads is checked too, as `check` would.
            if let Ok(doc) = case::read_text_document("x.txt", &text) {
                let _ = checked(&doc.file.case);
            }
        }

        /// A shipped draft with odd lines put in anywhere reads or is an error, and
        /// what reads is checked without panic.
        #[test]
        fn shipped_draft_with_odd_lines(edits in proptest::collection::vec(
            (0usize..200, prop_oneof![
                Just("Personnummer 1٢٣٤٥6-7890 och 19०१०२०३-४५६७.".to_string()),
                Just("Född ٢٠٢٦-01-01, ५ maj 2026, ２０２６-01-01, 1٢ år gammal.".to_string()),
                Just("Enligt 9 § ٦ LSS och ४ kap. 1 § SoL, (٢٠٢٥:400).".to_string()),
                Just("## Bedömning".to_string()),
                Just("Beslutsdatum: 31/2 2026".to_string()),
                "\\PC{0,60}",
            ]),
            0..8,
        )) {
            let case = super::yaml("examples/korttidsvistelse_bra.yaml");
            let draft = super::dokument::to_text(&super::dokument::paragraphs(&case).unwrap());
            prop_assert!(case::read_text_document("utkast.txt", &draft).is_ok());
            let mut lines: Vec<String> = draft.lines().map(str::to_string).collect();
            for (at, line) in edits {
                lines.insert(at % (lines.len() + 1), line);
            }
            if let Ok(doc) = case::read_text_document("utkast.txt", &lines.join("\n")) {
                let _ = checked(&doc.file.case);
            }
        }

        /// Any bytes as a Word document read or are an error.
        #[test]
        fn word(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = case::read_docx("x.docx", &bytes);
            let mut zip = b"PK\x03\x04".to_vec();
            zip.extend(&bytes);
            let _ = case::read_docx("x.docx", &zip);
        }
    }
}
