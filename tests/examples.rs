//! The report of every shipped example, as a handläggare sees it (human text without
//! colour) and as other systems read it (JSON). Reviewed snapshots: a change in a rule
//! shows up here as a diff to review.

use beslutskoll::case;
use beslutskoll::engine::Engine;
use beslutskoll::render;

#[test]
fn example_reports() {
    let engine = Engine::builtin().unwrap_or_else(|e| panic!("{e}"));
    insta::glob!("../examples", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
        let case = case::read_case(&name, &text)
            .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
            .case;
        let report = engine.check(&case);
        // Rule-file hashes change with every edit of a rule file; the reports are
        // reviewed for their findings, so the hashes are masked here (other tests
        // check that they are present and correct).
        insta::with_settings!({filters => vec![(r"sha256:[0-9a-f]{8,64}", "sha256:[hash]")]}, {
            insta::assert_snapshot!("human", render::human(&report, false));
            insta::assert_snapshot!("json", render::json(&report));
        });
    });
}

#[test]
fn good_examples_have_no_findings() {
    let engine = Engine::builtin().unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let case = case::read_case_file(&path)
            .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
            .case;
        let report = engine.check(&case);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let good = name.ends_with("_bra") || name.contains("_bra_");
        if good {
            // A good example gets no finding at all: a warning there would teach a
            // handläggare to ignore the tool.
            assert!(report.findings.is_empty(), "{name}: {:#?}", report.findings);
        }
        checked += 1;
    }
    assert!(checked >= 4);
}

#[test]
fn every_finding_in_every_example_can_be_explained() {
    // `explain RULE_ID` works for every id a report can carry: rules from the rule
    // files and the checks written in Rust (copy detection, the citation register).
    let engine = Engine::builtin().unwrap();
    let entries =
        beslutskoll::copy::corpus_from_dir(std::path::Path::new("examples/corpus")).unwrap();
    let index = beslutskoll::copy::CorpusIndex::build(&entries, engine.copy_config());
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let case = case::read_case_file(&path).unwrap().case;
        for f in engine
            .check_with(&case, Some(&index), None)
            .unwrap()
            .findings
        {
            seen.insert(f.rule);
        }
    }
    assert!(seen.iter().any(|r| r.starts_with("kopia.")), "{seen:?}");
    assert!(seen.iter().any(|r| r.starts_with("lagrum.")), "{seen:?}");
    let unexplained: Vec<&String> = seen
        .iter()
        .filter(|r| beslutskoll::rule_page::explain(engine.rules(), r).is_none())
        .collect();
    assert!(
        unexplained.is_empty(),
        "no explain page for {unexplained:?}"
    );
    for c in beslutskoll::inbyggda::INBYGGDA {
        let page = beslutskoll::rule_page::explain(engine.rules(), c.id).unwrap();
        assert!(page.contains("Utlöses"), "{}", c.id);
    }
}
