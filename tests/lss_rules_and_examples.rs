//! The training cases: every example case can be read and has a training note, and the
//! good ones (`*_bra.yaml`) are free of findings. (The rule tests and their coverage of
//! every shipped rule are `tests/rule_tests.rs`.)

use std::path::{Path, PathBuf};

use beslutskoll::case::read_case_file;
use beslutskoll::engine::Engine;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    Engine::load(&root().join("rules"), None).unwrap_or_else(|e| panic!("{e}"))
}

fn example_cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ can be read")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_is_a_valid_case_with_a_training_note() {
    for path in example_cases() {
        if let Err(e) = read_case_file(&path) {
            panic!("{} cannot be read:\n{}", path.display(), e.to_diagnostic());
        }
        let note = path.with_extension("md");
        assert!(
            note.exists(),
            "{} has no training note {}",
            path.display(),
            note.display()
        );
    }
}

#[test]
fn good_examples_have_no_findings() {
    let engine = engine();
    for path in example_cases().iter().filter(|p| is_good(p)) {
        let case = read_case_file(path).expect("valid case").case;
        let report = engine.check(&case);
        let found: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{} ({:?}): {}", f.rule, f.severity, f.message))
            .collect();
        assert!(
            found.is_empty(),
            "{} should be clean but has:\n{}",
            path.display(),
            found.join("\n")
        );
    }
}

fn is_good(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.ends_with("_bra"))
}
