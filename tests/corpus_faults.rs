//! Faults around the corpus index file (issue 11): a build killed half-way leaves the
//! previous index byte for byte; a truncated, damaged or other-version index is a clear
//! Swedish error naming the file, exit 2; and the reader, given any bytes at all,
//! answers with an error or an index, never a panic.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use beslutskoll::copy::{self, synth, CopyConfig, CorpusEntry, CorpusIndex};
use proptest::prelude::*;

fn bin() -> Command {
    let mut c = Command::cargo_bin("beslutskoll").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("beslutskoll-faults-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn example_index(dir: &Path) -> PathBuf {
    let path = dir.join("korpus.idx");
    bin()
        .args(["corpus", "build", "examples/corpus", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// `check --corpus INDEX` on the renamed copy finds its source.
fn finds_the_copy(index: &Path) {
    let out = bin()
        .args([
            "check",
            "examples/utkast_omdopt_kopia.yaml",
            "--format",
            "json",
            "--corpus",
        ])
        .arg(index)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("LSS-2025-0031"));
}

/// Run `check --corpus INDEX` on an example draft; expect exit 2 and return stderr.
fn check_fails(index: &Path) -> String {
    let out = bin()
        .args([
            "check",
            "examples/utkast_omdopt_kopia.yaml",
            "--format",
            "json",
            "--corpus",
        ])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_damaged_index_is_exit_2_naming_the_file() {
    let dir = temp_dir("damaged");
    let good = example_index(&dir);
    let bytes = std::fs::read(&good).unwrap();
    finds_the_copy(&good);

    let truncated = dir.join("avkortad.idx");
    std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let err = check_fails(&truncated);
    assert!(
        err.contains("avkortad.idx") && err.contains("saknas"),
        "{err}"
    );

    let flipped = dir.join("skadad.idx");
    let mut b = bytes.clone();
    let i = bytes.len() - 100;
    b[i] ^= 0x10;
    std::fs::write(&flipped, &b).unwrap();
    let err = check_fails(&flipped);
    assert!(
        err.contains("skadad.idx") && err.contains("kontrollsumma"),
        "{err}"
    );

    let other = dir.join("annan-version.idx");
    let mut b = bytes.clone();
    b[8..12].copy_from_slice(&1u32.to_le_bytes());
    std::fs::write(&other, &b).unwrap();
    let err = check_fails(&other);
    assert!(
        err.contains("annan-version.idx")
            && err.contains("formatversion 1")
            && err.contains(&format!("formatversion {}", copy::index::VERSION))
            && err.contains("corpus build"),
        "{err}"
    );

    let not_index = dir.join("inte-index.idx");
    std::fs::write(&not_index, "arende:\n  id: X\n").unwrap();
    let err = check_fails(&not_index);
    assert!(
        err.contains("inte-index.idx") && err.contains("inte ett index"),
        "{err}"
    );

    // `corpus add` to a damaged index refuses, and leaves it as it was.
    let before = std::fs::read(&flipped).unwrap();
    let out = bin()
        .args(["corpus", "add", "examples/corpus", "-o"])
        .arg(&flipped)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("skadad.idx"));
    assert_eq!(std::fs::read(&flipped).unwrap(), before);
    std::fs::remove_dir_all(&dir).ok();
}

/// Opening checks the header and the block sums; a query checks every block it reads.
/// A damaged block that a check reads is exit 2 naming the file; one that it does not
/// read cannot change its answer; `corpus verify` finds every damaged block.
#[test]
fn a_damaged_block_is_found_when_read_and_by_corpus_verify() {
    let dir = temp_dir("block");
    let good = example_index(&dir);
    let bytes = std::fs::read(&good).unwrap();
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let out = bin()
        .args(["corpus", "verify"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("helt"));

    // The first probe of every band's binary search is its middle entry.
    let (n, tables) = (u64_at(24), u64_at(40 + 4 * 24));
    let damaged = dir.join("mitt-i-tabellen.idx");
    let mut b = bytes.clone();
    b[tables + n / 2 * 8] ^= 0x01;
    std::fs::write(&damaged, &b).unwrap();
    let err = check_fails(&damaged);
    assert!(
        err.contains("mitt-i-tabellen.idx") && err.contains("kontrollsumma"),
        "{err}"
    );
    let out = bin()
        .args(["corpus", "verify"])
        .arg(&damaged)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mitt-i-tabellen.idx"));

    // Every block of a larger index, one at a time, in the library: a query answers
    // as on the whole index or fails; the whole check always fails.
    let cfg = CopyConfig::default();
    let docs = synth::corpus(7, 300);
    let entries: Vec<CorpusEntry> = docs
        .iter()
        .map(|d| CorpusEntry::from_text(d.id.clone(), d.text.clone()))
        .collect();
    let bytes = CorpusIndex::build(&entries, &cfg).as_bytes().to_vec();
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let query = |index: &CorpusIndex| index.query(&docs[5].text, &cfg, &Default::default());
    let whole = CorpusIndex::from_bytes(&bytes, Path::new("x.idx")).unwrap();
    let expected = query(&whole).unwrap();
    assert!(expected.iter().any(|m| m.id == docs[5].id));
    let sums = u64_at(40 + 5 * 24);
    let (mut read, mut unread) = (0, 0);
    for at in (192..sums).step_by(4096) {
        let mut b = bytes.clone();
        b[at] ^= 0x01;
        // The standard paragraphs (in the first block) are read at open.
        let Ok(index) = CorpusIndex::from_bytes(&b, Path::new("x.idx")) else {
            read += 1;
            continue;
        };
        match query(&index) {
            Ok(found) => {
                assert_eq!(found, expected, "block at {at}");
                unread += 1;
            }
            Err(e) => {
                assert!(e.to_string().contains("x.idx"));
                read += 1;
            }
        }
        assert!(index.verify().is_err(), "block at {at}");
    }
    // A query reads some blocks, not all (at a million texts, a few hundred of
    // 118,000).
    assert!(read > 1 && unread > 1, "{read} read, {unread} not");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn killing_corpus_build_leaves_the_previous_index_byte_identical() {
    let dir = temp_dir("killed");
    let index = example_index(&dir);
    let before = std::fs::read(&index).unwrap();
    // Enough decisions that the build runs for a while after it has opened its
    // temporary file.
    let input = dir.join("beslut");
    std::fs::create_dir_all(&input).unwrap();
    for d in synth::corpus(5, 30_000) {
        std::fs::write(input.join(format!("{}.txt", d.id)), d.text).unwrap();
    }
    let bin_path = assert_cmd::cargo::cargo_bin("beslutskoll");
    let mut child = std::process::Command::new(bin_path)
        .args(["corpus", "build"])
        .arg(&input)
        .arg("-o")
        .arg(&index)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tmp = dir.join(format!(".korpus.idx.tmp-{}", child.id()));
    let start = Instant::now();
    // Kill it once it is writing the new index (its temporary file has content).
    while std::fs::metadata(&tmp).map_or(true, |m| m.len() == 0) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the build never started"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished: {status:?}");
    assert_eq!(
        std::fs::read(&index).unwrap(),
        before,
        "previous index intact"
    );
    finds_the_copy(&index);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter().any(|n| n.to_string_lossy().contains(".tmp-")),
        "the killed build's temporary file is left, not the index: {left:?}"
    );
    // The next build of the same index removes what the killed one left.
    bin()
        .args(["corpus", "build", "examples/corpus", "-o"])
        .arg(&index)
        .assert()
        .success();
    assert!(!tmp.exists(), "stale temporary file removed");
    finds_the_copy(&index);
    std::fs::remove_dir_all(&dir).ok();
}

static SMALL_INDEX: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(small_index);

fn small_index() -> Vec<u8> {
    let entries: Vec<CorpusEntry> = synth::corpus(3, 40)
        .into_iter()
        .map(|d| CorpusEntry::from_text(d.id, d.text))
        .collect();
    CorpusIndex::build(&entries, &CopyConfig::default())
        .as_bytes()
        .to_vec()
}

/// Rewrite the block sums, the sums section's checksum and the header checksum of a
/// (mutated) index (format 3, see `src/copy/index/format.rs`), so that the reader's
/// later checks and the query see the mutation.
fn reseal(b: &mut [u8]) {
    use xxhash_rust::xxh3::xxh3_64;
    const HEADER: usize = 192;
    const SUMS_AT: usize = 40 + 5 * 24;
    const HEADER_SUM: usize = 40 + 6 * 24;
    if b.len() < HEADER {
        return;
    }
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    let (off, len) = (u64_at(b, SUMS_AT) as usize, u64_at(b, SUMS_AT + 8) as usize);
    if off >= HEADER && off.checked_add(len).is_some_and(|end| end <= b.len()) {
        let sums: Vec<u8> = b[HEADER..off]
            .chunks(4096)
            .flat_map(|block| xxh3_64(block).to_le_bytes())
            .collect();
        if sums.len() == len {
            b[off..off + len].copy_from_slice(&sums);
        }
        let sum = xxh3_64(&b[off..off + len]);
        b[SUMS_AT + 16..SUMS_AT + 24].copy_from_slice(&sum.to_le_bytes());
    }
    let sum = xxh3_64(&b[..HEADER_SUM]);
    b[HEADER_SUM..HEADER_SUM + 8].copy_from_slice(&sum.to_le_bytes());
}

/// Open, query, count, check whole and extend: an error or an answer, never a panic.
fn exercise(bytes: &[u8]) {
    if let Ok(index) = CorpusIndex::from_bytes(bytes, Path::new("fuzz.idx")) {
        let text = &synth::corpus(3, 2)[1].text;
        let _ = index.query(text, &CopyConfig::default(), &Default::default());
        let _ = index.case_count();
        let _ = index.verify();
        let mut grown = index.clone();
        let _ = grown.add(
            &[CorpusEntry::from_text("NY", text.clone())],
            &CopyConfig::default(),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_are_an_error_or_an_index(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
        let mut with_magic = b"BSKOLLIX\x03\0\0\0".to_vec();
        with_magic.extend(&bytes);
        exercise(&with_magic);
        reseal(&mut with_magic);
        exercise(&with_magic);
    }

    #[test]
    fn a_mutated_index_is_an_error_or_an_index(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        resealed in any::<bool>(),
    ) {
        let good = SMALL_INDEX.clone();
        let mut b = good.clone();
        for (i, x) in &flips {
            let i = i.index(b.len());
            b[i] ^= *x | 1;
        }
        if truncate {
            b.truncate(cut.index(b.len()));
        }
        if resealed {
            reseal(&mut b);
        }
        exercise(&b);
        if !resealed && b != good {
            // Without resealing the checksums, every mutation is noticed: at open, or
            // by the whole check.
            let opened = CorpusIndex::from_bytes(&b, Path::new("x.idx"));
            prop_assert!(opened.and_then(|i| i.verify()).is_err());
        }
    }
}
