//! The lagrum register through the engine: citation findings appear in the report with
//! their rule id, path and lagrum, can be acknowledged like rule findings, and never
//! come out as an error when they rest on an unverified provision.

use beslutskoll::case::{read_case, Case, Kvittering};
use beslutskoll::engine::Engine;
use beslutskoll::lagrum::{check_citations, check_rule_citation, register, Status};
use beslutskoll::report::{Category, Severity};

fn case(file: &str) -> Case {
    let path = format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    read_case(&path, &text)
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
        .case
}

#[test]
fn repealed_law_in_a_september_2025_decision_is_an_error_naming_12_kap() {
    let r = Engine::builtin()
        .unwrap()
        .check(&case("sol_ekonomiskt_bistand_gammal_lag.yaml"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "lagrum.upphavd_lag")
        .expect("lagrum.upphavd_lag");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.category, Category::Decision);
    assert_eq!(f.insats.as_deref(), Some("ekonomiskt_bistand"));
    assert_eq!(f.basis.as_deref(), Some("lag"));
    assert!(f.message.contains("upphävdes 2025-07-01"), "{}", f.message);
    assert!(
        f.message
            .contains("12 kap. 1 § socialtjänstlagen (2025:400)"),
        "{}",
        f.message
    );
    assert!(r.has_errors());
}

#[test]
fn a_citation_finding_can_be_acknowledged() {
    let mut c = case("sol_ekonomiskt_bistand_gammal_lag.yaml");
    c.kvitteringar.push(Kvittering {
        regel: "lagrum.upphavd_lag".into(),
        skal: "Beslutet gäller återkrav av bistånd som beviljades i maj 2025.".into(),
        av: Some("Sara Lindqvist".into()),
        datum: None,
        extra: None,
    });
    let r = Engine::builtin().unwrap().check(&c);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "lagrum.upphavd_lag")
        .unwrap();
    assert!(f.acknowledged.is_some());
    assert!(!r
        .findings
        .iter()
        .any(|f| f.rule == "beslutskoll.kvittering_utan_anmarkning"));
    assert_eq!(r.summary.error, 0, "{:#?}", r.findings);
    assert_eq!(r.summary.acknowledged, 1);
}

#[test]
fn correct_citations_in_the_shipped_examples_give_no_citation_findings() {
    for file in [
        "sol_hemtjanst_juni_2025.yaml",
        "sol_hemtjanst_augusti_2025.yaml",
        "sol_kontaktfamilj_barn_bra.yaml",
        "sol_avlosning_bra.yaml",
        "sol_sarskilt_boende_avslag_kostnad.yaml",
        "korttidsvistelse_bra.yaml",
    ] {
        let found = check_citations(&case(file));
        assert!(found.is_empty(), "{file}: {found:#?}");
    }
}

#[test]
fn wrong_law_shows_when_no_rule_file_reports_the_field() {
    // An LSS decision on ledsagarservice that cites only socialförsäkringsbalken, checked
    // with a rule folder that has no rule on the lagrum of ledsagarservice (only the
    // shared library and förvaltningslagen): the register's fel_lag speaks.
    let mut c = case("korttidsvistelse_bra.yaml");
    c.ansokan.insatser[0].insats = beslutskoll::case::Insats::Ledsagarservice;
    c.beslut[0].insats = beslutskoll::case::Insats::Ledsagarservice;
    c.beslut[0].lagrum = Some("51 kap. 3 § socialförsäkringsbalken".into());
    let sources: Vec<_> = beslutskoll::engine::builtin_sources()
        .into_iter()
        .filter(|s| s.name == "rules/gemensamt.regler" || s.name.starts_with("rules/fl/"))
        .collect();
    let fl_only = Engine::from_sources(sources, Vec::new()).unwrap();
    let r = fl_only.check(&c);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "lagrum.fel_lag")
        .unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert!(f.message.contains("9 § 3 LSS"), "{}", f.message);
    // And gives way when a rule file already reports the field as an error.
    let mut c = case("korttidsvistelse_bra.yaml");
    c.beslut[0].lagrum = Some("4 kap. 1 § SoL".into());
    let r = Engine::builtin().unwrap().check(&c);
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "lss.allmant.sol_lagrum_i_lss_beslut"));
    assert!(!r.findings.iter().any(|f| f.rule == "lagrum.fel_lag"));
}

#[test]
fn register_entries_carry_the_status_of_the_domain_notes() {
    let reg = register();
    let count = |s: Status| reg.entries.iter().filter(|e| e.status == s).count();
    assert!(count(Status::V) > 80);
    assert!(count(Status::S) > 5);
    assert!(count(Status::Unverified) > 5);
    // Paragraphs the notes leave unverified are there, and marked so.
    for text in [
        "3 kap. 6 b § SoL",
        "11 kap. 10 § SoL",
        "8 § första stycket LSS",
    ] {
        let w = check_rule_citation(text).unwrap_or_else(|| panic!("{text}"));
        assert!(w.contains("UNVERIFIED"), "{text}: {w}");
    }
}

#[test]
fn repealed_sol_with_an_unverified_old_paragraph_is_still_an_error() {
    // Review #5: kontaktfamilj 2025-09-22 citing 3 kap. 6 b § of the repealed law. The
    // old paragraph number is unverified, the repeal is not: an error naming no
    // replacement from the unverified mapping, but the insats' verified ground.
    let mut c = case("sol_kontaktfamilj_barn_bra.yaml");
    c.beslut[0].datum = chrono::NaiveDate::from_ymd_opt(2025, 9, 22).unwrap();
    c.beslut[0].lagrum = Some("3 kap. 6 b § socialtjänstlagen (2001:453)".into());
    let f: Vec<_> = check_citations(&c)
        .into_iter()
        .filter(|f| f.rule == "lagrum.upphavd_lag")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("upphävdes 2025-07-01"),
        "{}",
        f[0].message
    );
    assert!(f[0].message.contains("13 kap. 7 §"), "{}", f[0].message);
    assert!(
        f[0].explanation
            .as_deref()
            .unwrap_or("")
            .contains("kvittera"),
        "the transitional cases keep the kvittering route"
    );
}

#[test]
fn repealed_sol_in_the_reasons_of_a_decision_with_a_right_lagrum_is_a_warning() {
    // Review #12, in the words of the review: the old law in the motivering of an
    // August-2025 decision whose lagrum field is right.
    let mut c = case("sol_hemtjanst_augusti_2025.yaml");
    c.beslut[0].motivering = Some(
        "Du har rätt till hemtjänst enligt 4 kap. 1 § socialtjänstlagen (2001:453) eftersom du inte klarar påklädningen själv.".into(),
    );
    let r = Engine::builtin().unwrap().check(&c);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "lagrum.upphavd_lag")
        .unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.path, "beslut.0.motivering");
    // In the bedömning, by the law's other name.
    let mut c = case("sol_hemtjanst_augusti_2025.yaml");
    c.utredning.texter.bedomning = Some(
        "Behovet prövas enligt den gamla socialtjänstlagen och kan inte tillgodoses på annat sätt."
            .into(),
    );
    let f = check_citations(&c);
    assert!(
        f.iter().any(|f| f.rule == "lagrum.upphavd_lag"
            && f.path == "utredning.texter.bedomning"
            && f.severity == Severity::Warning),
        "{f:#?}"
    );
    // The same text before the new law is not a finding.
    let c = case("sol_hemtjanst_juni_2025.yaml");
    assert!(check_citations(&c).is_empty());
}
