//! Rule files are typed by people: whatever is in them, loading gives rules or
//! diagnostics with a place, never a panic. Mutations of a real shipped rule file
//! (deleted, inserted and swapped characters and lines) and random text.

use beslutskoll::diag::Source;
use beslutskoll::engine::{Engine, LoadError};
use proptest::prelude::*;

const REAL: &str = include_str!("../rules/lss/barn.regler");
const LIB: &str = include_str!("../rules/gemensamt.regler");

fn load(text: &str) {
    let lib = Source::new("rules/gemensamt.regler", LIB);
    let file = Source::new("rules/lss/barn.regler", text);
    match Engine::from_sources(vec![lib, file], Vec::new()) {
        Ok(_) => {}
        Err(LoadError::Rules(diags)) => {
            assert!(!diags.is_empty());
            for d in diags {
                let (line, col) = d.line_col();
                assert!(line >= 1 && col >= 1);
                // Rendering must not panic either, whatever the span.
                let _ = d.to_string();
            }
        }
        Err(other) => panic!("unexpected load error: {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn edited_rule_files_never_panic(edits in prop::collection::vec((0usize..100_000, 0u8..4, "[ -~åäöÅÄÖ§{}\"\\n#.]{0,3}"), 1..6)) {
        let mut text: Vec<char> = REAL.chars().collect();
        for (at, kind, insert) in edits {
            if text.is_empty() { break; }
            let i = at % text.len();
            match kind {
                0 => { text.remove(i); }
                1 => { for (k, c) in insert.chars().enumerate() { text.insert((i + k).min(text.len()), c); } }
                2 => { let j = (i * 7 + 13) % text.len(); text.swap(i, j); }
                _ => { text.truncate(i); }
            }
        }
        load(&text.into_iter().collect::<String>());
    }

    #[test]
    fn random_text_never_panics(s in "\\PC{0,300}") {
        load(&s);
    }
}
