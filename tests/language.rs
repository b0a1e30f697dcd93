//! The rule language: every construct loads and evaluates as documented, and every
//! load-time error is reported with file, line, column and a caret (snapshots of the
//! diagnostic exactly as a rule author sees it).

use std::path::Path;

use beslutskoll::diag::Source;
use beslutskoll::engine::{Engine, LoadError};

fn load(name: &str, text: &str) -> Result<Engine, LoadError> {
    Engine::from_sources(vec![Source::new(name, text)], Vec::new())
}

fn diagnostics(name: &str, text: &str) -> String {
    match load(name, text) {
        Ok(_) => panic!("{name} loaded without error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_construct_loads() {
    let text = include_str!("regler/ok/alla_konstruktioner.regler");
    let engine = load("alla_konstruktioner.regler", text).unwrap_or_else(|e| panic!("{e}"));
    let base = engine.rules();
    assert_eq!(base.sets.len(), 1);
    assert_eq!(base.sets[0].rules.len(), 1);
    assert_eq!(base.sets[0].statute.as_deref(), Some("SFS 1993:387"));
    assert_eq!(base.sets[0].amended.as_deref(), Some("SFS 2022:1250"));
    assert!(!base.sets[0].rules[0].acknowledgeable);
    assert_eq!(
        base.sets[0].rules[0].doc.as_deref(),
        Some("Vad regeln kontrollerar: allt.\n  Indrag behålls.")
    );
}

#[test]
fn load_errors_are_located_and_explained() {
    insta::glob!("regler/fel/*.regler", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("fel/{}", path.file_name().unwrap().to_string_lossy());
        insta::assert_snapshot!(diagnostics(&name, &text));
    });
}

#[test]
fn overlapping_versions_name_both_files() {
    let v = |from: &str, to: &str| {
        format!(
            "regelverk t.x\n  titel \"t\"\n  lag LSS\n  version \"{from}\"\n  giltig från {from}{to}\n  gäller varje beslut\n"
        )
    };
    let a = Source::new("rules/a.regler", v("2020-01-01", " till 2025-12-31"));
    let b = Source::new("rules/b.regler", v("2025-07-01", ""));
    let err = Engine::from_sources(vec![a, b], Vec::new())
        .unwrap_err()
        .to_string();
    insta::assert_snapshot!(err);
}

#[test]
fn a_gap_between_versions_is_a_warning_not_an_error() {
    let v = |from: &str, to: &str| {
        format!(
            "regelverk t.x\n  titel \"t\"\n  lag LSS\n  version \"{from}\"\n  giltig från {from}{to}\n  gäller varje beslut\n"
        )
    };
    let a = Source::new("rules/a.regler", v("2020-01-01", " till 2024-12-31"));
    let b = Source::new("rules/b.regler", v("2025-07-01", ""));
    let engine = Engine::from_sources(vec![a, b], Vec::new()).unwrap();
    let w = beslutskoll::diag::render_all(engine.warnings());
    assert!(w.contains("lucka mellan versionerna av `t.x`"), "{w}");
    assert!(
        w.contains("rules/a.regler gäller bara till 2024-12-31"),
        "{w}"
    );
}

#[test]
fn a_library_cannot_hold_rules() {
    let err = diagnostics(
        "bib.regler",
        "bibliotek b \"x\"\nregel r\n  kategori beslut\n  allvarlighet fel\n  lagrum \"x\"\n  kräv sant\n  meddelande \"x\"\n",
    );
    assert!(
        err.contains("ett `bibliotek` kan inte innehålla regler"),
        "{err}"
    );
    assert!(err.contains("--> bib.regler:2:7"), "{err}");
}

#[test]
fn definitions_are_shared_between_files_and_names_are_unique() {
    let lib = Source::new(
        "lib.regler",
        "bibliotek lib\ndefinition vuxen = ålder(sokande.fodelsedatum, beslut.datum) >= 18\n",
    );
    let set = Source::new(
        "set.regler",
        "regelverk t.x\n titel \"t\"\n lag LSS\n version \"1\"\n giltig från 2020-01-01\n gäller varje beslut\n\
         definition vuxen = sant\n",
    );
    let err = Engine::from_sources(vec![lib, set], Vec::new())
        .unwrap_err()
        .to_string();
    assert!(err.contains("namnet `vuxen` används redan"), "{err}");
    assert!(err.contains("det första står i lib.regler:2:12"), "{err}");
}

#[test]
fn shipped_rules_load_without_warnings() {
    let engine = Engine::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        engine.warnings().is_empty(),
        "{}",
        beslutskoll::diag::render_all(engine.warnings())
    );
    // The folder on disk and the embedded copy are the same rules.
    let disk = Engine::load(Path::new("rules"), None).unwrap_or_else(|e| panic!("{e}"));
    let ids = |e: &Engine| {
        e.rules()
            .sets
            .iter()
            .map(|s| (s.id.clone(), s.hash.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&disk), ids(&engine));
}

#[test]
fn every_shipped_rule_has_a_lint_page() {
    // Issue 3: each rule documented like a lint page (what it checks, why, an example
    // that fires and one that passes); `explain` prints it.
    let engine = Engine::builtin().unwrap();
    let mut missing = Vec::new();
    for (_, rule) in engine.documented_rules().rules() {
        let doc = rule.doc.as_deref().unwrap_or("");
        for part in [
            "Vad regeln kontrollerar",
            "Varför",
            "Utlöses",
            "Utlöses inte",
        ] {
            if !doc.contains(part) {
                missing.push(format!("{}: {part}", rule.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules without a full lint page:\n{}",
        missing.join("\n")
    );
}

/// A rule set with one rule on earlier decisions in `underlag` (the format's
/// `insats`, `utfall`, `omfattning`, `giltig_fran`, `giltig_till` extension).
fn earlier_decision_rule(insats: &str) -> String {
    format!(
        "regelverk t.tidigare\n  titel \"t\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n  gäller insats personlig_assistans\n\n\
         regel beviljad_fore_aldersgransen\n  kategori förutsättningar\n  allvarlighet varning\n  lagrum \"9 b § LSS\"\n  \
         kräv något u i underlag där u.typ = \"tidigare_beslut\" och u.insats = \"{insats}\" och u.utfall i [\"bifall\", \"delvis_bifall\"] och (inte finns(u.giltig_till) eller u.giltig_till >= u.giltig_fran) och finns(u.omfattning)\n  \
         meddelande \"Inget tidigare beslut om personlig assistans.\"\n"
    )
}

#[test]
fn rules_can_name_the_insats_of_an_earlier_decision() {
    let engine = load(
        "tidigare.regler",
        &earlier_decision_rule("personlig_assistans"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(engine.rules().sets[0].rules.len(), 1);
}

#[test]
fn a_misspelt_insats_of_an_earlier_decision_fails_to_load() {
    let err = diagnostics(
        "tidigare.regler",
        &earlier_decision_rule("personlig_asistans"),
    );
    assert!(
        err.contains("`personlig_asistans` är inte ett av fältets värden"),
        "{err}"
    );
    assert!(err.contains("--> tidigare.regler:12:72"), "{err}");
    assert!(err.contains("menade du `personlig_assistans`?"), "{err}");
}

#[test]
fn the_rule_examples_in_the_format_document_load() {
    let doc = include_str!("../docs/arendeformat.md");
    let section = &doc[doc.find("## Tillägg i beslutskoll").expect("the section")..];
    let start = section.find("```text\n").expect("rule examples") + "```text\n".len();
    let len = section[start..].find("```").expect("the examples end");
    let conditions: Vec<&str> = section[start..start + len].lines().collect();
    assert_eq!(conditions.len(), 3);
    for (i, cond) in conditions.iter().enumerate() {
        let text = format!(
            "regelverk t.doc\n  titel \"t\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n  gäller varje beslut\n\n\
             regel r\n  kategori underlag\n  allvarlighet info\n  lagrum \"x\"\n  kräv {cond}\n  meddelande \"m\"\n"
        );
        load(&format!("doc{i}.regler"), &text).unwrap_or_else(|e| panic!("{cond}\n{e}"));
    }
}
