//! The yardstick of issue 10: one run over 1000 generated korttidsvistelse cases that
//! prints, per case, what each step of a check costs beside a hand-written Rust
//! version of the same checklist (`benches/korttid/handskriven.rs`; its findings are
//! the engine's, asserted by `tests/matsticka.rs`).
//!
//! `cargo bench --bench matsticka` prints one table. Each figure is the median of
//! several passes over all cases on one thread; nothing is asserted. Set
//! `MATSTICKA_STEG=<step>` (`handskriven`, `regler`, `json`, `yaml`, `signaler`,
//! `granska`, `hela`, `rapport`, `tjanst`, `start`) to run only that step, many times, for a profiler
//! (`valgrind --tool=callgrind`).

#[path = "korttid/generera.rs"]
mod generera;
#[path = "korttid/handskriven.rs"]
mod handskriven;

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use beslutskoll::case;
use beslutskoll::engine::Engine;

// The allocator the `beslutskoll` binary ships with (src/main.rs), so that the figures
// are those of the program people run; the system allocator costs the allocating
// steps (YAML, copy signals) a fifth to a third more.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const N: usize = 1000;

/// Median over `passes` passes of the time per case of `f` over all cases, in µs.
fn per_case(passes: usize, n: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..passes)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is ignored.
    let engine = Engine::load(Path::new("benches/korttid/regler"), None).expect("rules load");
    let builtin = Engine::builtin().expect("built-in rules load");
    let hand = handskriven::Handskriven::default();
    let cases = generera::cases(1, N);
    let only = std::env::var("MATSTICKA_STEG").ok();

    type Step<'a> = (&'static str, &'static str, Box<dyn FnMut() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        (
            "handskriven",
            "hand-written Rust rules (the yardstick)",
            Box::new(|| {
                for g in &cases {
                    black_box(hand.check(black_box(&g.case)));
                }
            }),
        ),
        (
            "regler",
            "beslutskoll rule evaluation, same checklist",
            Box::new(|| {
                for g in &cases {
                    black_box(beslutskoll::eval::evaluate(
                        engine.rules(),
                        black_box(&g.case),
                    ));
                }
            }),
        ),
        (
            "json",
            "reading the case from JSON",
            Box::new(|| {
                for g in &cases {
                    black_box(case::read_case("fall.json", black_box(&g.json)).is_ok());
                }
            }),
        ),
        (
            "yaml",
            "reading the case from YAML",
            Box::new(|| {
                for g in &cases {
                    black_box(case::read_case("fall.yaml", black_box(&g.yaml)).is_ok());
                }
            }),
        ),
        (
            "signaler",
            "copy signals (in-case)",
            Box::new(|| {
                for g in &cases {
                    black_box(beslutskoll::copy::signals(
                        black_box(&g.case),
                        builtin.copy_config(),
                    ));
                }
            }),
        ),
        (
            "granska",
            "whole check, built-in rules (rules, copy signals, citations)",
            Box::new(|| {
                for g in &cases {
                    black_box(builtin.check(black_box(&g.case)));
                }
            }),
        ),
        (
            "hela",
            "whole check from YAML, built-in rules",
            Box::new(|| {
                for g in &cases {
                    let c = case::read_case("fall.yaml", black_box(&g.yaml))
                        .expect("reads")
                        .case;
                    black_box(builtin.check(&c));
                }
            }),
        ),
        (
            "rapport",
            "whole check, report written as JSON",
            Box::new(|| {
                for g in &cases {
                    let report = builtin.check(black_box(&g.case));
                    black_box(serde_json::to_vec(&report).expect("a report serialises"));
                }
            }),
        ),
        (
            "tjanst",
            "the service's work per request: YAML body to JSON report, no network",
            Box::new(|| {
                for g in &cases {
                    let report = beslutskoll::server::check_body(
                        &builtin,
                        Some("application/yaml"),
                        black_box(g.yaml.as_bytes().to_vec()),
                        None,
                    )
                    .expect("checks");
                    black_box(serde_json::to_vec(&report).expect("a report serialises"));
                }
            }),
        ),
        (
            "start",
            "loading the built-in rules (once per process; per load, not per case)",
            Box::new(|| {
                for _ in 0..N / 100 {
                    black_box(Engine::builtin().expect("built-in rules load"));
                }
            }),
        ),
    ];

    if let Some(step) = only {
        let reps: usize = std::env::var("MATSTICKA_VARV")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3);
        for (name, _, mut f) in steps {
            if name == step {
                for _ in 0..reps {
                    f();
                }
                return;
            }
        }
        eprintln!("okänt steg {step}");
        std::process::exit(2);
    }

    println!(
        "matsticka: {N} generated korttidsvistelse cases, {} rules in the checklist, one thread; median of 5 passes",
        engine.rules().rules().count()
    );
    let mut base = None;
    println!("| step | µs per case | × hand-written |");
    println!("| --- | ---: | ---: |");
    for (name, what, mut f) in steps {
        if name == "start" {
            // Ten loads per pass; printed per load, beside the per-case figures.
            let us = per_case(5, N / 100, &mut f);
            println!("| {what} | {us:.0} | |");
            continue;
        }
        let us = per_case(5, N, &mut f);
        let b = *base.get_or_insert(us);
        println!("| {what} | {us:.2} | {:.0} |", us / b);
    }
}
