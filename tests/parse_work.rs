//! The rule parser's work grows with the file, not with how deeply a broken expression
//! nests. Measured in pest's calls, with its call limit as the counter, never in
//! seconds: a parse that needs more calls than the budget fails with "regelfilen tog
//! för mycket arbete att läsa" instead of its syntax error.
//!
//! Alone in its test binary because the call limit is global to the process.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use beslutskoll::diag::Source;
use beslutskoll::parse;

/// What a parse over the budget says.
const TOO_MUCH: &str = "regelfilen tog för mycket arbete att läsa";

/// Calls per byte allowed: the shipped rule files need 2.1 (the largest,
/// `rules/lss/personlig_assistans.regler`) to 4.9 (`rules/gemensamt.regler`).
const CALLS_PER_BYTE: usize = 50;

/// Parse `text` with a budget of `CALLS_PER_BYTE` per byte; the parse's diagnostics.
fn parse_within_budget(name: &str, text: &str) -> Result<(), Vec<String>> {
    // The tests of this file run on several threads; one budget at a time.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    pest::set_call_limit(NonZeroUsize::new(text.len().max(100) * CALLS_PER_BYTE));
    let result = parse::parse_file(&Source::new(name, text));
    pest::set_call_limit(None);
    result
        .map(|_| ())
        .map_err(|ds| ds.iter().map(|d| d.to_string()).collect())
}

fn header() -> String {
    "regelverk t.x\n  titel \"x\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n\n\
     regel r\n  kategori utredning\n  allvarlighet fel\n  lagrum \"1 § LSS\"\n  \
     meddelande \"x\"\n  kräv a"
        .to_string()
}

#[test]
fn unclosed_conditions_after_dar_cost_work_in_proportion_to_the_file() {
    // Each level once doubled the work: the condition after `där` ended before the
    // failing `och (`, and the enclosing expression tried the same `(` again.
    for quantifier in [
        "summa b.t för b i u.b där",
        "antal b i u.b där",
        "något b i u.b där",
        "varje b i u.b uppfyller",
    ] {
        for n in [1, 10, 40] {
            let text = header() + &format!("\n    och ({quantifier} finns(b.x) <= 1").repeat(n);
            let errors = parse_within_budget("djup.regler", &text).unwrap_err();
            assert!(
                errors.iter().all(|e| !e.contains(TOO_MUCH)),
                "{quantifier} × {n}: {errors:?}"
            );
        }
    }
}

#[test]
fn every_shipped_rule_file_parses_within_the_budget() {
    let mut files = 0;
    for dir in ["rules", "rules/lss", "rules/sol", "rules/fl"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "regler") {
                let text = std::fs::read_to_string(&path).unwrap();
                let name = path.display().to_string();
                parse_within_budget(&name, &text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
                files += 1;
            }
        }
    }
    assert!(files > 20, "{files} rule files");
}

#[test]
fn the_fuzzers_slow_rule_file_is_refused_within_the_budget() {
    let text = include_str!("fuzz_regressions/rules/err-ostangda-parenteser-i-dar-villkor");
    let errors = parse_within_budget("fuzz.regler", text).unwrap_err();
    assert!(errors.iter().all(|e| !e.contains(TOO_MUCH)), "{errors:?}");
    assert!(errors[0].contains("oväntat `>=`"), "{errors:?}");
}

#[test]
fn nesting_past_the_stack_guard_is_a_clear_error() {
    let text = header().replace(
        "kräv a",
        &format!("kräv {}a{}", "(".repeat(100_000), ")".repeat(100_000)),
    );
    let errors = parse_within_budget("djup.regler", &text).unwrap_err();
    assert!(
        errors[0].contains("uttrycket är nästlat för djupt för att läsas"),
        "{errors:?}"
    );
}
