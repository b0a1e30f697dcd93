//! The shipped SoL rules exist in two versions, SoL 2001 (to 2025-06-30) and SoL 2025
//! (from 2025-07-01), chosen by the decision date. One hemtjänst case decided in June
//! 2025 and one in August 2025 must be checked against the right version and pass;
//! the August case citing the old "4 kap. 1 § SoL" must be told that 11 kap. 1 § is
//! the provision now.

use beslutskoll::case::{read_case, Case};
use beslutskoll::engine::Engine;
use beslutskoll::report::{Report, Severity};

fn case(file: &str) -> Case {
    let path = format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    read_case(&path, &text)
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
        .case
}

fn check(c: &Case) -> Report {
    Engine::builtin().unwrap().check(c)
}

/// (id, valid_from, valid_to, source) of the SoL rule sets a report used.
fn sol_sets(r: &Report) -> Vec<(String, String, Option<String>, String)> {
    r.rulesets
        .iter()
        .filter(|u| u.id.starts_with("sol."))
        .map(|u| {
            (
                u.id.clone(),
                u.valid_from.clone(),
                u.valid_to.clone(),
                u.source.clone(),
            )
        })
        .collect()
}

#[test]
fn june_2025_is_checked_against_sol_2001() {
    let r = check(&case("sol_hemtjanst_juni_2025.yaml"));
    let sets = sol_sets(&r);
    let ids: Vec<&str> = sets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(ids, ["sol.allmant", "sol.barn", "sol.hemtjanst"]);
    for (id, from, to, source) in &sets {
        assert_eq!(from, "2018-07-01", "{id}");
        assert_eq!(to.as_deref(), Some("2025-06-30"), "{id}");
        assert!(source.starts_with("rules/sol/2001/"), "{id}: {source}");
    }
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn august_2025_is_checked_against_sol_2025() {
    let r = check(&case("sol_hemtjanst_augusti_2025.yaml"));
    let sets = sol_sets(&r);
    let ids: Vec<&str> = sets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(ids, ["sol.allmant", "sol.barn", "sol.hemtjanst"]);
    for (id, from, to, source) in &sets {
        assert_eq!(from, "2025-07-01", "{id}");
        assert_eq!(to, &None, "{id}");
        assert!(source.starts_with("rules/sol/2025/"), "{id}: {source}");
    }
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn august_2025_citing_the_old_number_is_told_the_new_one() {
    let mut c = case("sol_hemtjanst_augusti_2025.yaml");
    c.beslut[0].lagrum = Some("4 kap. 1 § SoL".into());
    let r = check(&c);
    let cite = r
        .findings
        .iter()
        .find(|f| f.rule == "lagrum.ny_betydelse")
        .unwrap_or_else(|| panic!("no lagrum.ny_betydelse: {:#?}", r.findings));
    assert_eq!(cite.severity, Severity::Warning);
    assert_eq!(cite.path, "beslut.0.lagrum");
    assert_eq!(cite.lagrum.as_deref(), Some("32 § förvaltningslagen"));
    assert!(
        cite.message.contains("kommunens yttersta ansvar"),
        "{}",
        cite.message
    );
    assert!(
        cite.message
            .contains("11 kap. 1 § socialtjänstlagen (2025:400)"),
        "{}",
        cite.message
    );
    // A bare old-style number is a warning (sol.md §4: the number alone cannot show
    // which law was meant); the rule set of the new law leaves it to the register, so
    // one fault gives one finding.
    assert_eq!(cite.severity, Severity::Warning);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule == "sol.allmant.fel_lagrum"),
        "{:?}",
        r.findings
    );
}

#[test]
fn june_2025_citing_the_same_number_is_right() {
    let mut c = case("sol_hemtjanst_juni_2025.yaml");
    c.beslut[0].lagrum = Some("4 kap. 1 § socialtjänstlagen (2001:453)".into());
    assert!(check(&c).findings.is_empty());
}

#[test]
fn the_same_case_moved_across_the_date_changes_version() {
    let mut c = case("sol_hemtjanst_juni_2025.yaml");
    c.beslut[0].datum = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let r = check(&c);
    assert!(sol_sets(&r).iter().all(|s| s.1 == "2025-07-01"));
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    // The bare old number now names another provision: the register says so.
    assert!(rules.contains(&"lagrum.ny_betydelse"), "{rules:?}");
    assert!(!rules.contains(&"sol.allmant.fel_lagrum"), "{rules:?}");
    assert!(
        rules.contains(&"sol.allmant.overgang_pagaende_arende"),
        "{rules:?}"
    );
}
