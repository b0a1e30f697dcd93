//! Near-copies of earlier decisions: the corpus index finds a renamed copy and names the
//! earlier case, leaves an independent decision alone, tells a renewal from a copy, grows
//! without a rebuild and holds no text of the decisions it indexes.

use std::path::{Path, PathBuf};

use beslutskoll::case::Case;
use beslutskoll::copy::{self, AuditSummary, CopyConfig, CorpusEntry, CorpusIndex};
use beslutskoll::report::Severity;

fn cfg() -> CopyConfig {
    CopyConfig {
        stock_phrases: vec![],
        standard_paragraphs: vec![
            std::fs::read_to_string("examples/standardstycken.txt").expect("standard paragraphs")
        ],
    }
}

fn corpus() -> Vec<CorpusEntry> {
    copy::corpus_from_dir(Path::new("examples/corpus")).expect("corpus reads")
}

fn case(path: &str) -> Case {
    copy::read_case_file(Path::new(path)).expect("case reads")
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("beslutskoll-{}-{name}", std::process::id()))
}

#[test]
fn renamed_copy_is_reported_with_the_earlier_id() {
    let index = CorpusIndex::build(&corpus(), &cfg());
    let draft = case("examples/utkast_omdopt_kopia.yaml");
    let f = copy::near_copy_findings(&draft, &index, &cfg()).unwrap();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "kopia.nara_kopia");
    assert_eq!(f[0].severity, Severity::Warning);
    let e = f[0].evidence.as_ref().expect("evidence");
    assert_eq!(e.other_case.as_deref(), Some("LSS-2025-0031"));
    assert!(e.similarity.is_some_and(|s| s >= 0.8));
    let text = draft.beslut[0].motivering.as_deref().unwrap();
    assert!(
        e.spans.len() >= 8,
        "most sentences match: {}",
        e.spans.len()
    );
    for s in &e.spans {
        assert_eq!(&text[s.start..s.end], s.text);
    }
    insta::assert_json_snapshot!(f);
}

#[test]
fn independent_decision_on_the_same_insats_is_not_a_copy() {
    let index = CorpusIndex::build(&corpus(), &cfg());
    let draft = case("examples/utkast_eget_beslut.yaml");
    assert!(copy::near_copy_findings(&draft, &index, &cfg())
        .unwrap()
        .is_empty());
}

#[test]
fn standard_paragraphs_do_not_make_a_copy() {
    // Two unrelated short decisions that end with the same appeal notice are near
    // copies as texts; with the notice named as a standard paragraph they are not.
    let appeal = std::fs::read_to_string("examples/standardstycken.txt").unwrap();
    let a = format!("Hugo behöver stöd på helgerna.\n\n{appeal}");
    let b = CorpusEntry::from_text(
        "LSS-2025-0900",
        format!("Elsa vill rida varje vecka.\n\n{appeal}"),
    );
    let plain = CopyConfig::default();
    let without = CorpusIndex::build(std::slice::from_ref(&b), &plain);
    assert_eq!(
        without
            .query(&a, &plain, &Default::default())
            .unwrap()
            .len(),
        1
    );
    let with = CorpusIndex::build(std::slice::from_ref(&b), &cfg());
    assert!(with
        .query(&a, &cfg(), &Default::default())
        .unwrap()
        .is_empty());
}

#[test]
fn same_person_renewal_is_info() {
    let index = CorpusIndex::build(&corpus(), &cfg());
    let mut renewal = case("examples/corpus/LSS-2024-0077.yaml");
    renewal.arende.id = "LSS-2026-0400".into();
    renewal.beslut[0].datum = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let f = copy::near_copy_findings(&renewal, &index, &cfg()).unwrap();
    assert!(!f.is_empty());
    for x in &f {
        assert_eq!(x.rule, "kopia.samma_person");
        assert_eq!(x.severity, Severity::Info);
        assert_eq!(
            x.evidence.as_ref().and_then(|e| e.other_case.as_deref()),
            Some("LSS-2024-0077")
        );
    }
    // The same text about someone else is a copy.
    renewal.sokande.namn = "Ali Ström".into();
    renewal.sokande.personnummer = None;
    let f = copy::near_copy_findings(&renewal, &index, &cfg()).unwrap();
    assert!(f.iter().all(|x| x.rule == "kopia.nara_kopia"), "{f:#?}");
}

#[test]
fn index_file_contains_no_sentence_of_the_indexed_texts() {
    let entries = corpus();
    let index = CorpusIndex::build(&entries, &cfg());
    let path = temp("no-text.idx");
    index.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    let mut runs = 0;
    for e in &entries {
        for t in &e.texts {
            let words: Vec<&str> = t.text.split_whitespace().collect();
            for w in words.windows(5) {
                let run = w.join(" ");
                assert!(!contains(&bytes, run.as_bytes()), "index holds `{run}`");
                runs += 1;
            }
            // Nor any longer word on its own (names, diagnoses, places).
            for w in &words {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.chars().count() >= 7 && !w.chars().any(|c| c.is_ascii_digit()) {
                    assert!(!contains(&bytes, w.as_bytes()), "index holds `{w}`");
                }
            }
        }
    }
    assert!(runs > 1000);
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn save_load_round_trip_answers_the_same() {
    let index = CorpusIndex::build(&corpus(), &cfg());
    let path = temp("roundtrip.idx");
    index.save(&path).unwrap();
    let loaded = CorpusIndex::load(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(loaded.len(), index.len());
    let draft = case("examples/utkast_omdopt_kopia.yaml");
    assert_eq!(
        copy::near_copy_findings(&draft, &loaded, &cfg()).unwrap(),
        copy::near_copy_findings(&draft, &index, &cfg()).unwrap()
    );
}

#[test]
fn corpus_add_grows_the_index_without_a_rebuild() {
    let entries = corpus();
    let (source, rest): (Vec<CorpusEntry>, Vec<CorpusEntry>) =
        entries.into_iter().partition(|e| e.id == "LSS-2025-0031");
    let path = temp("append.idx");
    let before = CorpusIndex::build(&rest, &cfg());
    before.save(&path).unwrap();
    let draft = case("examples/utkast_omdopt_kopia.yaml");
    let loaded = CorpusIndex::load(&path).unwrap();
    assert!(loaded.is_mapped());
    assert!(copy::near_copy_findings(&draft, &loaded, &cfg())
        .unwrap()
        .is_empty());

    // Only the new decision is fingerprinted: the earlier texts are not given again, and
    // the earlier fingerprints answer as before.
    let added = CorpusIndex::add_to_file(&path, &source, &cfg()).unwrap();
    assert_eq!((added.added, added.skipped), (1, 0));
    let loaded = CorpusIndex::load(&path).unwrap();
    assert_eq!(loaded.len(), before.len() + 1);
    let f = copy::near_copy_findings(&draft, &loaded, &cfg()).unwrap();
    assert_eq!(
        f[0].evidence.as_ref().and_then(|e| e.other_case.as_deref()),
        Some("LSS-2025-0031")
    );
    let renewal = case("examples/corpus/LSS-2024-0077.yaml");
    assert_eq!(
        copy::near_copy_findings(&renewal, &loaded, &cfg()).unwrap(),
        copy::near_copy_findings(&renewal, &before, &cfg()).unwrap()
    );
    // Adding the same decision again changes nothing.
    let bytes = std::fs::read(&path).unwrap();
    let again = CorpusIndex::add_to_file(&path, &source, &cfg()).unwrap();
    assert_eq!((again.added, again.skipped), (0, 1));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    std::fs::remove_file(&path).ok();

    // In memory too.
    let mut index = CorpusIndex::build(&rest, &cfg());
    index.add(&source, &cfg()).unwrap();
    assert_eq!(
        copy::near_copy_findings(&draft, &index, &cfg())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_broken_index_file_is_an_error_not_a_panic() {
    let index = CorpusIndex::build(&corpus(), &cfg());
    let path = temp("broken.idx");
    index.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    let p = Path::new("korpus.idx");
    assert!(CorpusIndex::from_bytes(b"not an index", p).is_err());
    assert!(CorpusIndex::from_bytes(&bytes[..bytes.len() - 3], p).is_err());
    for i in [8usize, 20, bytes.len() / 2, bytes.len() - 9] {
        let mut b = bytes.clone();
        b[i] ^= 0x55;
        let e = CorpusIndex::from_bytes(&b, p).expect_err("flipped byte is noticed");
        assert!(e.to_string().contains("korpus.idx"), "{e}");
    }
}

#[test]
fn unreadable_corpus_files_are_all_reported() {
    let dir = temp("bad-corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), "format: 1\narende: {}\n").unwrap();
    std::fs::write(dir.join("b.yaml"), "beslutt: []\n").unwrap();
    std::fs::write(dir.join("c.txt"), "Ett beslut.").unwrap();
    let err = copy::corpus_from_dir(&dir).expect_err("two bad files");
    std::fs::remove_dir_all(&dir).ok();
    let msg = err.to_string();
    assert!(msg.contains("a.yaml") && msg.contains("b.yaml"), "{msg}");
}

#[test]
fn batch_audit_summary() {
    let cases: Vec<Case> = [
        "examples/utkast_omdopt_kopia.yaml",
        "examples/utkast_eget_beslut.yaml",
        "examples/kopia_fel_namn_pronomen.yaml",
    ]
    .iter()
    .map(|p| case(p))
    .collect();
    let index = CorpusIndex::build(&corpus(), &cfg());
    let mut summary = AuditSummary::new();
    for c in &cases {
        let mut f = copy::signals(c, &cfg());
        f.extend(copy::near_copy_findings(c, &index, &cfg()).unwrap());
        summary.add(&c.arende.id, &f);
    }
    // Two drafts in the batch that share a text with each other.
    let mut twin = cases[0].clone();
    twin.arende.id = "LSS-2026-0302".into();
    twin.sokande.namn = "Elsa Sandberg".into();
    for (a, b, _) in copy::audit::batch_pairs(&[cases[0].clone(), twin], &cfg()) {
        summary.add_pair(&a, &b);
    }
    summary.finish();
    insta::assert_snapshot!(summary.to_string());
}
