//! The built-in rules that `build.rs` parses and checks into a binary form must load
//! into exactly the engine that parsing them at run time gives (issue 10).

use beslutskoll::engine::Engine;

#[test]
fn compiled_builtin_rules_are_the_parsed_ones() {
    let compiled = Engine::builtin_precompiled()
        .expect("build.rs compiled the built-in rules (they load without errors or warnings)");
    let parsed = Engine::builtin_parsed().unwrap_or_else(|e| panic!("{e}"));
    // The model has no `PartialEq` (prepared phrase patterns, shared lists); its
    // `Debug` form shows every field, hashes and rule texts included.
    assert_eq!(
        format!("{:#?}", compiled.documented_rules()),
        format!("{:#?}", parsed.rules())
    );
    // The rules a check runs on are the same but for the texts and lint pages, which
    // the compiled form reads only for a rule's page.
    let mut lean = parsed.rules().clone();
    for set in &mut lean.sets {
        for r in &mut set.rules {
            r.text.clear();
            r.doc = None;
        }
    }
    assert_eq!(format!("{:#?}", compiled.rules()), format!("{lean:#?}"));
    assert!(parsed.rules().rules().all(|(_, r)| !r.text.is_empty()));
    assert_eq!(
        beslutskoll::rule_page::explain(compiled.documented_rules(), "lss.barn.barnets_basta"),
        beslutskoll::rule_page::explain(parsed.rules(), "lss.barn.barnets_basta"),
    );
    assert_eq!(compiled.warnings(), parsed.warnings());
    assert_eq!(
        compiled.copy_config().stock_phrases,
        parsed.copy_config().stock_phrases
    );
    assert_eq!(
        compiled.copy_config().standard_paragraphs,
        parsed.copy_config().standard_paragraphs
    );
}
