//! The yardstick of issue 10 is honest: the hand-written Rust checklist in
//! `benches/korttid/handskriven.rs` gives the same findings (rule ids, per case) as the
//! engine running `benches/korttid/regler/` on the generated cases, and the generator
//! makes cases on which every rule both fires and stays quiet.

#[path = "../benches/korttid/generera.rs"]
mod generera;
#[path = "../benches/korttid/handskriven.rs"]
mod handskriven;

use std::collections::BTreeMap;
use std::path::Path;

use beslutskoll::case;
use beslutskoll::engine::Engine;

fn engine() -> Engine {
    Engine::load(Path::new("benches/korttid/regler"), None).expect("the yardstick's rules load")
}

#[test]
fn hand_written_checklist_gives_the_engines_findings() {
    let engine = engine();
    let hand = handskriven::Handskriven::default();
    let rules = engine.rules().rules().count();
    assert_eq!(rules, 36, "the checklist has 36 rules");
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    let cases = generera::cases(1, 1000);
    for (i, g) in cases.iter().enumerate() {
        let mut want: Vec<String> = beslutskoll::eval::evaluate(engine.rules(), &g.case)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect();
        let mut got: Vec<String> = hand.check(&g.case).into_iter().map(String::from).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "case {i}:\n{}", g.yaml);
        for id in want {
            *fired.entry(id).or_default() += 1;
        }
    }
    // Every rule fires on some cases and not on others.
    for (set, rule) in engine.rules().rules() {
        let n = fired.get(&rule.id).copied().unwrap_or(0);
        if set.id == "matsticka.korttid" && rule.id.ends_with("insats_finns_inte_i_lss") {
            assert_eq!(n, 0, "every generated decision is on a LSS insats");
            continue;
        }
        assert!(
            n > 0 && n < cases.len(),
            "{}: fired on {n} of {}",
            rule.id,
            cases.len()
        );
    }
}

#[test]
fn generator_is_deterministic_and_its_three_forms_agree() {
    let a = generera::cases(7, 50);
    let b = generera::cases(7, 50);
    let c = generera::cases(8, 50);
    assert!(a.iter().zip(&b).all(|(x, y)| x.yaml == y.yaml));
    assert!(a.iter().zip(&c).any(|(x, y)| x.yaml != y.yaml));
    for g in &a {
        let from_json = case::read_case("genererat.json", &g.json)
            .expect("the JSON form reads")
            .case;
        assert_eq!(from_json, g.case);
    }
    // Children and adults, granted and refused, with and without texts.
    let cases = generera::cases(1, 300);
    let children = cases
        .iter()
        .filter(|g| {
            beslutskoll::eval::age_on(g.case.sokande.fodelsedatum, g.case.beslut[0].datum) < 18
        })
        .count();
    assert!(
        children > 150 && children < 300,
        "{children} children of 300"
    );
    assert!(cases.iter().any(|g| g.case.beslut[0].utfall.is_none()));
    assert!(cases.iter().any(|g| g.case.beslut[0].motivering.is_none()));
}
