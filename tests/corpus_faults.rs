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

/// Rewrite the section checksums and the header checksum of a (mutated) index, so that
/// the reader's later checks and the query see the mutation.
fn reseal(b: &mut [u8]) {
    use xxhash_rust::xxh3::xxh3_64;
    if b.len() < 168 {
        return;
    }
    for i in 0..5 {
        let at = 40 + i * 24;
        let off = u64::from_le_bytes(b[at..at + 8].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(b[at + 8..at + 16].try_into().unwrap()) as usize;
        if let Some(s) = off.checked_add(len).and_then(|end| b.get(off..end)) {
            let sum = xxh3_64(s);
            b[at + 16..at + 24].copy_from_slice(&sum.to_le_bytes());
        }
    }
    let sum = xxh3_64(&b[..160]);
    b[160..168].copy_from_slice(&sum.to_le_bytes());
}

fn exercise(bytes: &[u8]) {
    if let Ok(index) = CorpusIndex::from_bytes(bytes, Path::new("fuzz.idx")) {
        let text = &synth::corpus(3, 2)[1].text;
        let _ = index.query(text, &CopyConfig::default(), &Default::default());
        let _ = index.case_count();
        let mut grown = index.clone();
        grown.add(
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
        let mut with_magic = b"BSKOLLIX\x02\0\0\0".to_vec();
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
            // Without resealing the checksums, every mutation is noticed.
            prop_assert!(CorpusIndex::from_bytes(&b, Path::new("x.idx")).is_err());
        }
    }
}
