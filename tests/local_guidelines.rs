//! A municipal guideline folder layered over the national rules: the shipped example
//! loads, adds findings that cite the guideline, adjusts a national rule with its
//! reason in the report, and cannot silently switch off a rule that rests on law.

use std::path::{Path, PathBuf};

use beslutskoll::case::read_case;
use beslutskoll::engine::{Engine, LoadError};
use beslutskoll::model::Basis;
use beslutskoll::report::{Finding, Report, Severity};
use beslutskoll::ruletest;

const GUIDELINE: &str = "Riktlinjer för LSS, Exempelkommun, 2026-01-15";
const OVER: &str = "lokal.exempelkommun.ledsagarservice.over_riktmarket_utan_individuell_bedomning";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_dir() -> PathBuf {
    root().join("riktlinjer/exempelkommun")
}

fn engine() -> Engine {
    Engine::builtin_with_local(&example_dir()).unwrap_or_else(|e| panic!("{e}"))
}

/// The report for the case a rule test in the example folder describes.
fn report(engine: &Engine, test: &str) -> Report {
    let path = example_dir().join("tester").join(test);
    let t = ruletest::load_test(&path).unwrap();
    let text = ruletest::case_text(&t).unwrap();
    let case = read_case(test, &text)
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
        .case;
    engine.check(&case)
}

fn finding<'r>(report: &'r Report, rule: &str) -> Option<&'r Finding> {
    report.findings.iter().find(|f| f.rule == rule)
}

/// A guideline folder of one file, in a fresh directory.
fn local_folder(name: &str, body: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("local_guidelines")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "regelverk lokal.testkommun.lss\n  titel       \"Riktlinjer för LSS, Testkommun, 2026-02-01\"\n  lag         LSS\n  version     \"1\"\n  giltig från 2026-02-01\n  gäller      varje beslut\n\n{body}"
    );
    std::fs::write(dir.join("lokal.regler"), text).unwrap();
    dir
}

fn load_error(dir: &Path) -> String {
    match Engine::builtin_with_local(dir) {
        Ok(_) => panic!("the guideline folder should not load"),
        Err(LoadError::Rules(d)) => beslutskoll::diag::render_all(&d),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

#[test]
fn example_folder_loads_without_warnings_and_adds_its_phrases() {
    let e = engine();
    assert!(
        e.warnings().is_empty(),
        "{}",
        beslutskoll::diag::render_all(e.warnings())
    );
    let set = e
        .rules()
        .sets
        .iter()
        .find(|s| s.id == "lokal.exempelkommun.ledsagarservice")
        .expect("the guideline's rule set");
    assert!(set.local);
    let phrases = e.rules().list("schablonfraser").unwrap();
    assert!(phrases.contains(&"behovet bedöms vara tillgodosett".to_string()));
    assert!(phrases.contains(&"i enlighet med kommunens riktlinjer".to_string()));
}

#[test]
fn guideline_rules_cite_the_guideline_and_never_exceed_warning() {
    let e = engine();
    for (set, rule) in e.rules().rules().filter(|(s, _)| s.local) {
        assert_eq!(
            rule.basis,
            Basis::Riktlinje(GUIDELINE.into()),
            "{}",
            rule.id
        );
        assert!(rule.lagrum.starts_with(GUIDELINE), "{}", rule.id);
        assert!(
            rule.severity >= Severity::Warning,
            "{} in {}",
            rule.id,
            set.id
        );
    }
}

#[test]
fn grant_over_the_guideline_without_reasons_gets_a_warning_citing_the_guideline() {
    let r = report(&engine(), "over_riktmarket_generisk_motivering.test.yaml");
    let f = finding(&r, OVER).expect("the guideline's finding");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.basis.as_deref(), Some("riktlinje"));
    assert_eq!(
        f.lagrum.as_deref(),
        Some("Riktlinjer för LSS, Exempelkommun, 2026-01-15, avsnitt 5.3")
    );
    assert_eq!(f.path, "beslut.0.motivering");
    let human = beslutskoll::render::human(&r, false);
    assert!(
        human.contains(
            "Lagrum:  Riktlinjer för LSS, Exempelkommun, 2026-01-15, avsnitt 5.3 (kommunal riktlinje)"
        ),
        "{human}"
    );
    // The guideline's finding alone never makes the decision an error.
    assert_eq!(r.summary.error, 0, "{human}");
}

#[test]
fn grant_over_the_guideline_with_an_individual_assessment_passes() {
    let r = report(
        &engine(),
        "over_riktmarket_individuell_motivering.test.yaml",
    );
    assert!(finding(&r, OVER).is_none(), "{:#?}", r.findings);
}

#[test]
fn adjusted_national_rule_shows_the_guideline_and_its_reason() {
    let r = report(&engine(), "mal_i_genomforandeplanen.test.yaml");
    let f = finding(&r, "fl.beslut.mal_saknas").expect("still reported");
    assert_eq!(f.severity, Severity::Info);
    let adjusted = f.adjusted.as_deref().unwrap();
    assert!(adjusted.starts_with(&format!("{GUIDELINE}: Målen skrivs i genomförandeplanen")));
    let human = beslutskoll::render::human(&r, false);
    assert!(human.contains(&format!("Justerad: {GUIDELINE}")), "{human}");
    let json = beslutskoll::render::json(&r);
    assert!(json.contains("\"adjusted\""), "{json}");

    // Without the guideline folder the national rule is a warning with no adjustment.
    let national = report(
        &Engine::builtin().unwrap(),
        "mal_i_genomforandeplanen.test.yaml",
    );
    let f = finding(&national, "fl.beslut.mal_saknas").unwrap();
    assert_eq!(
        (f.severity, f.adjusted.as_deref()),
        (Severity::Warning, None)
    );
}

#[test]
fn the_example_folders_rule_tests_pass() {
    let outcomes = ruletest::run_dir(&engine(), &example_dir()).unwrap();
    assert!(outcomes.len() >= 5);
    for o in outcomes {
        assert!(o.passed(), "{}: {:?}", o.name, o.failures);
    }
}

#[test]
fn switching_off_a_law_based_rule_without_a_reason_is_a_load_error() {
    let dir = local_folder(
        "off_without_reason",
        "justera fl.beslut.kommunicering_saknas\n  stäng av\n",
    );
    let err = load_error(&dir);
    assert!(
        err.contains("regeln `fl.beslut.kommunicering_saknas` vilar på lag och kan inte mildras eller stängas av utan skäl"),
        "{err}"
    );
    let lowered = local_folder(
        "lowered_without_reason",
        "justera fl.beslut.kommunicering_saknas\n  allvarlighet varning\n",
    );
    assert!(load_error(&lowered).contains("utan skäl"));
}

#[test]
fn switching_off_a_law_based_rule_with_a_reason_shows_in_the_report() {
    let dir = local_folder(
        "off_with_reason",
        "justera fl.beslut.kommunicering_saknas\n  stäng av\n  skäl         \"Prövas i delegationsordningen, punkt 4.\"\n",
    );
    let engine = Engine::builtin_with_local(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = root().join("examples/personlig_assistans_avslag_utan_kommunicering.yaml");
    let case = beslutskoll::case::read_case_file(&path).unwrap().case;
    let r = engine.check(&case);
    let f = finding(&r, "fl.beslut.kommunicering_saknas").expect("still visible");
    assert_eq!(f.severity, Severity::Info);
    assert!(f
        .message
        .starts_with("Regeln är avstängd av en lokal riktlinje."));
    assert_eq!(
        f.adjusted.as_deref(),
        Some("Riktlinjer för LSS, Testkommun, 2026-02-01: Prövas i delegationsordningen, punkt 4.")
    );
}

#[test]
fn a_local_rule_must_rest_on_a_dated_guideline() {
    let rule = |grund: &str| {
        format!("regel r\n  kategori     beslut\n  allvarlighet varning\n  lagrum       \"x\"\n{grund}  kräv         finns(beslut.mal)\n  meddelande   \"M\"\n")
    };
    let no_basis = local_folder("no_basis", &rule(""));
    assert!(load_error(&no_basis).contains("anger inte vilken riktlinje den bygger på"));
    let no_date = local_folder(
        "no_date",
        &rule("  grund        riktlinje \"Riktlinjer för LSS\"\n"),
    );
    assert!(load_error(&no_date).contains("ska ange riktlinjens namn och datum"));
    let error = local_folder(
        "as_error",
        &rule("  grund        riktlinje \"Riktlinjer för LSS, 2026-02-01\"\n")
            .replace("allvarlighet varning", "allvarlighet fel"),
    );
    assert!(load_error(&error).contains("kan inte ha allvarlighet `fel`"));
}

#[test]
fn a_guideline_cannot_raise_a_praxis_rule_to_error() {
    let dir = local_folder(
        "raise_praxis",
        "justera fl.beslut.mal_saknas\n  allvarlighet fel\n  skäl         \"Vi vill.\"\n",
    );
    assert!(load_error(&dir).contains("vilar på praxis och kan inte få allvarlighet `fel`"));
}
