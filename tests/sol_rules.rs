//! `cargo test` runs the SoL rule tests (rules/sol/tester) the way `beslutskoll rules
//! test rules` does, and holds the SoL rules to full coverage: every `sol.*` rule fires
//! in some test and stays silent in another.

use std::path::Path;

use beslutskoll::engine::Engine;
use beslutskoll::ruletest::{coverage_gaps, run_dir};

#[test]
fn sol_rule_tests_pass_and_cover_every_sol_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let engine = Engine::load(&root, None).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = run_dir(&engine, &root.join("sol/tester")).unwrap();
    assert!(outcomes.len() >= 40, "{} tests", outcomes.len());
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| format!("{}:\n  {}", o.name, o.failures.join("\n  ")))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let (never_fired, never_silent) = coverage_gaps(&engine, &outcomes);
    let gaps: Vec<&String> = never_fired
        .iter()
        .chain(&never_silent)
        .filter(|id| id.starts_with("sol."))
        .collect();
    assert!(gaps.is_empty(), "{gaps:?}");
}

#[test]
fn every_sol_rule_has_a_lint_page() {
    let engine = Engine::builtin().unwrap();
    for (_, r) in engine
        .rules()
        .rules()
        .filter(|(s, _)| s.id.starts_with("sol."))
    {
        let doc = r
            .doc
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no dokumentation", r.id));
        for part in [
            "Vad regeln kontrollerar",
            "Varför",
            "Utlöses",
            "Utlöses inte",
        ] {
            assert!(doc.contains(part), "{}: no `{part}`", r.id);
        }
    }
}

#[test]
fn sol_rules_come_in_two_versions_with_the_same_ids() {
    let engine = Engine::builtin().unwrap();
    let mut ids: Vec<&str> = engine
        .rules()
        .sets
        .iter()
        .filter(|s| s.id.starts_with("sol."))
        .map(|s| s.id.as_str())
        .collect();
    ids.sort();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), 2 * unique.len(), "{ids:?}");
    for s in engine
        .rules()
        .sets
        .iter()
        .filter(|s| s.id.starts_with("sol."))
    {
        let old = s.source.starts_with("rules/sol/2001/");
        let to = s.valid_to.map(|d| d.to_string());
        if old {
            assert_eq!(to.as_deref(), Some("2025-06-30"), "{}", s.source);
        } else {
            assert_eq!(s.valid_from.to_string(), "2025-07-01", "{}", s.source);
            assert_eq!(to, None, "{}", s.source);
        }
    }
}
