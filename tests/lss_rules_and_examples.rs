//! The LSS rule files, their rule tests and the training cases, checked by `cargo test`
//! the same way `beslutskoll rules test rules` checks them: every rule test passes,
//! every `lss.*` rule fires in some test and stays silent in another, and every example
//! case can be read, with the good ones (`*_bra.yaml`) free of findings.

use std::path::{Path, PathBuf};

use beslutskoll::case::read_case_file;
use beslutskoll::engine::Engine;
use beslutskoll::ruletest::{coverage_gaps, run_dir};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> Engine {
    Engine::load(&root().join("rules"), None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn rule_tests_pass_and_cover_every_lss_rule() {
    let engine = engine();
    let outcomes = run_dir(&engine, &root().join("rules")).expect("rule tests can be read");
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| format!("{}:\n  {}", o.name, o.failures.join("\n  ")))
        .collect();
    assert!(
        failed.is_empty(),
        "rule tests failed:\n{}",
        failed.join("\n")
    );

    let (never_fired, never_silent) = coverage_gaps(&engine, &outcomes);
    let lss = |ids: Vec<String>| -> Vec<String> {
        ids.into_iter()
            .filter(|id| id.starts_with("lss."))
            .collect()
    };
    assert_eq!(
        lss(never_fired),
        Vec::<String>::new(),
        "LSS rules no test makes fire"
    );
    assert_eq!(
        lss(never_silent),
        Vec::<String>::new(),
        "LSS rules no test shows silent"
    );
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
