//! The SoL rules exist in two versions, before and from 2025-07-01, with the same rule
//! ids. (Their rule tests and coverage run in `tests/rule_tests.rs`, their lint pages
//! are checked in `tests/language.rs`.)

use beslutskoll::engine::Engine;

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
