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
        format!("{:#?}", compiled.rules()),
        format!("{:#?}", parsed.rules())
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
