//! Every input the fuzz targets (`fuzz/`) found a fault with, run through the same
//! entry point as the target (`fuzz/src/entries.rs`, included here), so that a fixed
//! fault stays fixed. The inputs are in `tests/fuzz_regressions/<target>/`; a file
//! whose name starts with `ok-` must be accepted and one starting with `err-` refused
//! with an error. Neither may panic.

#[path = "../fuzz/src/entries.rs"]
mod entries;

use std::path::Path;

fn run(target: &str, entry: fn(&[u8]) -> entries::Outcome) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(listing) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = listing.map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected_ok = if name.starts_with("ok-") {
            true
        } else if name.starts_with("err-") {
            false
        } else {
            panic!("{}: name a regression input ok-… or err-…", path.display());
        };
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data))
            .unwrap_or_else(|_| panic!("{target}/{name} panics again"));
        assert_eq!(outcome.is_ok(), expected_ok, "{target}/{name}: {outcome:?}");
    }
}

#[test]
fn rules() {
    run("rules", entries::rules);
}

#[test]
fn case_reader() {
    run("case_reader", entries::case_reader);
}

#[test]
fn document() {
    run("document", entries::document);
}

#[test]
fn corpus_index() {
    run("corpus_index", entries::corpus_index);
}

#[test]
fn http_body() {
    run("http_body", entries::http_body);
}

/// The entry points themselves, on the shipped files the corpora are seeded from:
/// a shipped good file is accepted by each, so the targets reach past the first
/// refusal.
#[test]
fn the_entry_points_accept_the_shipped_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read(root.join(p)).unwrap();
    assert_eq!(entries::rules(&read("rules/lss/barn.regler")), Ok(()));
    assert_eq!(entries::rules(b"regel {"), Err(()));
    let case = read("examples/korttidsvistelse_bra.yaml");
    assert_eq!(entries::case_reader(&case), Ok(()));
    assert_eq!(
        entries::case_reader(&read("tests/fixtures/cases/spec_example.json")),
        Ok(())
    );
    assert_eq!(entries::http_body(&[&[0u8][..], &case].concat()), Ok(()));
    assert_eq!(entries::http_body(&[&[6u8][..], &case].concat()), Err(()));
    let draft = read("fuzz/seeds/utkast.txt");
    assert_eq!(entries::document(&[&[0u8][..], &draft].concat()), Ok(()));
    assert_eq!(entries::http_body(&[&[2u8][..], &draft].concat()), Ok(()));
    assert_eq!(entries::document(&[2u8, b'<']), Err(()));
    assert_eq!(entries::corpus_index(b"BKINDEX"), Err(()));

    let corpus = beslutskoll::copy::corpus_from_dir(&root.join("examples/corpus")).unwrap();
    let index = beslutskoll::copy::CorpusIndex::build(&corpus, entries::engine().copy_config());
    let file = std::env::temp_dir().join(format!("fuzz-regressions-{}.idx", std::process::id()));
    index.save(&file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    assert_eq!(entries::corpus_index(&bytes), Ok(()));
    assert_eq!(entries::corpus_index(&bytes[..bytes.len() / 2]), Err(()));
}
