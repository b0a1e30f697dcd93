//! Speed of the two things a user waits for: loading the built-in rule files (parsed
//! and checked, as `--rules` does, and from the form `build.rs` compiled them into, as
//! a process does at start), and checking one typical case: the rules that apply to it (`regler`), the
//! in-case copy signals (`kopieringssignaler`), the whole check with the citation
//! register (`granska`), and reading the YAML first (`läs och granska`).
//! Run with `cargo bench --bench engine`; figures go in the README.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use beslutskoll::case;
use beslutskoll::engine::Engine;

fn load_rules(c: &mut Criterion) {
    c.bench_function("ladda inbyggda regler (parse + check)", |b| {
        b.iter(|| Engine::builtin_parsed().expect("built-in rules load"))
    });
    // What a process does at start: the form build.rs checked the rules into.
    c.bench_function("ladda inbyggda regler (kompilerade)", |b| {
        b.iter(|| Engine::builtin_precompiled().expect("build.rs compiled the rules"))
    });
}

fn check_case(c: &mut Criterion) {
    let engine = Engine::builtin().expect("built-in rules load");
    for name in [
        "korttidsvistelse_bra",
        "personlig_assistans_avslag_utan_kommunicering",
    ] {
        let path = format!("examples/{name}.yaml");
        let text = std::fs::read_to_string(&path).expect("example exists");
        let case = case::read_case(&path, &text).expect("example reads").case;
        c.bench_function(&format!("regler {name}"), |b| {
            b.iter(|| beslutskoll::eval::evaluate(engine.rules(), black_box(&case)))
        });
        c.bench_function(&format!("kopieringssignaler {name}"), |b| {
            b.iter(|| beslutskoll::copy::signals(black_box(&case), engine.copy_config()))
        });
        c.bench_function(&format!("granska {name}"), |b| {
            b.iter(|| engine.check(black_box(&case)))
        });
        c.bench_function(&format!("läs och granska {name}"), |b| {
            b.iter(|| {
                let case = case::read_case(&path, black_box(&text))
                    .expect("example reads")
                    .case;
                engine.check(&case)
            })
        });
    }
}

/// What the form page adds per pause in typing besides the check: the checklist from
/// a case and its report (`checklista`).
fn form_extras(c: &mut Criterion) {
    let engine = Engine::builtin().expect("built-in rules load");
    let name = "korttidsvistelse_barn_utan_barnperspektiv";
    let path = format!("examples/{name}.yaml");
    let text = std::fs::read_to_string(&path).expect("example exists");
    let case = case::read_case(&path, &text).expect("example reads").case;
    let report = engine.check(&case);
    c.bench_function(&format!("checklista {name}"), |b| {
        b.iter(|| beslutskoll::checklist::checklist(black_box(&case), black_box(&report)))
    });
}

criterion_group!(benches, load_rules, check_case, form_extras);
criterion_main!(benches);
