//! Runs the rule tests kept next to the shipped rule files (`rules/**/*.test.yaml`):
//! the same files `beslutskoll rules test rules` runs.

use std::path::Path;

use beslutskoll::engine::Engine;
use beslutskoll::ruletest;

#[test]
fn shipped_rule_tests_pass() {
    let engine = Engine::load(Path::new("rules"), None).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = ruletest::run_dir(&engine, Path::new("rules")).unwrap();
    assert!(
        outcomes.len() > 10,
        "too few rule tests: {}",
        outcomes.len()
    );
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| format!("{}:\n  {}", o.name, o.failures.join("\n  ")))
        .collect();
    assert!(
        failed.is_empty(),
        "failed rule tests:\n{}",
        failed.join("\n")
    );
}

#[test]
fn every_shipped_rule_fires_in_a_test_and_stays_silent_in_another() {
    let engine = Engine::load(Path::new("rules"), None).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = ruletest::run_dir(&engine, Path::new("rules")).unwrap();
    let (never_fired, never_silent) = ruletest::coverage_gaps(&engine, &outcomes);
    assert!(
        never_fired.is_empty() && never_silent.is_empty(),
        "rules without a firing test: {never_fired:?}\nrules without a silent test: {never_silent:?}"
    );
}

#[test]
fn a_broken_rule_makes_its_test_fail_with_rule_and_case_named() {
    // Break `fl.beslut.kommunicering_saknas` by inverting its requirement, then run
    // the shipped test that expects it to fire.
    let dir = tempdir();
    copy_dir(Path::new("rules"), &dir);
    let file = dir.join("fl/forvaltningslagen.regler");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen(
        "  kräv         kommunicerad\n",
        "  kräv         inte kommunicerad\n",
        1,
    );
    assert_ne!(text, broken, "the rule text to break was not found");
    std::fs::write(&file, broken).unwrap();
    // Test files refer to examples with relative paths; link the examples in.
    std::os::unix::fs::symlink(
        std::fs::canonicalize("examples").unwrap(),
        dir.parent().unwrap().join("examples"),
    )
    .ok();
    let engine = Engine::load(&dir, None).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = ruletest::run_dir(&engine, &dir).unwrap();
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
    let names: Vec<&str> = failed.iter().map(|o| o.name.as_str()).collect();
    assert!(
        names.contains(&"fl/tester/kommunicering_saknas.test.yaml"),
        "{names:?}"
    );
    let all = failed
        .iter()
        .flat_map(|o| &o.failures)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("`fl.beslut.kommunicering_saknas` skulle ge en anmärkning men gav ingen"),
        "{all}"
    );
}

fn tempdir() -> std::path::PathBuf {
    let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("rule_tests");
    let _ = std::fs::remove_dir_all(&base);
    let rules = base.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    rules
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
