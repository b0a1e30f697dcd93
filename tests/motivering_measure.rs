//! The individual-reasoning measure behind `kopia.generisk_motivering` (deficiency D1):
//! its accuracy on the labelled motiveringar, and no finding on good decisions.
//! `cargo run --release --bin motivering-accuracy -- --visa` prints the same figures per
//! group and every misclassified item.

use std::path::Path;

use beslutskoll::case;
use beslutskoll::copy::individuell::StockPhrases;
use beslutskoll::copy::markta;
use beslutskoll::engine::Engine;

#[test]
fn generic_motiveringar_are_found_with_precision_and_recall_of_090() {
    let engine = Engine::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    let stock = StockPhrases::new(engine.copy_config());
    let items =
        markta::read_all(Path::new("tests/data/motiveringar")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(items.len(), 220);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for i in &items {
        let a = i.assess(&stock);
        match (a.is_generic(), i.generic()) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
        if a.is_generic() != i.generic() {
            wrong.push(format!("{} ({:.2})", i.id, a.score));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    assert!(
        precision >= 0.90 && recall >= 0.90,
        "precision {precision:.3}, recall {recall:.3}; misclassified: {wrong:?}"
    );
}

#[test]
fn no_good_decision_gets_the_generic_finding() {
    let engine = Engine::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    let mut checked = 0;
    for dir in ["examples", "tests/data/goda_beslut"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            // Case files only: `goda_beslut/` also holds kvarvarande_varningar.yaml.
            .filter(|p| {
                dir == "examples"
                    || p.file_name().is_some_and(|n| {
                        n.to_string_lossy()
                            .starts_with(|c: char| c.is_ascii_digit())
                    })
            })
            .filter(|p| {
                dir != "examples"
                    || p.file_stem()
                        .is_some_and(|s| s.to_string_lossy().contains("_bra"))
            })
            .collect();
        paths.sort();
        for p in paths {
            let case = case::read_case_file(&p)
                .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
                .case;
            let report = engine.check(&case);
            let found: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule == "kopia.generisk_motivering")
                .collect();
            assert!(found.is_empty(), "{}: {found:#?}", p.display());
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked} good decisions checked");
}
