//! Accuracy harness for the individual-reasoning measure behind
//! `kopia.generisk_motivering`: `cargo run --release --bin motivering-accuracy`.
//!
//! Reads the labelled motiveringar in `tests/data/motiveringar/` and prints precision and
//! recall of "generisk" (a finding = predicted generic) on the development items (odd
//! ids, on which the measure was built), the held-out items (even ids) and all, and per
//! law and per outcome. Deterministic: no randomness, no timing in the figures.
//!
//! `--visa` also prints every misclassified item with its id, score and the facts found.
//! `--tid` times the measure on the shipped example cases (the only output that varies).
//! `--skriv-df` regenerates `data/dokumentfrekvens.txt`, the background document
//! frequencies the measure weighs facts by, from generated decisions
//! ([`beslutskoll::copy::synth`]) and the repository's example and test case files
//! (never from the labelled motiveringar), and exits.

use std::collections::BTreeMap;
use std::path::Path;

use beslutskoll::copy::individuell::{self, StockPhrases, THRESHOLD};
use beslutskoll::copy::markta::{self, Item};
use beslutskoll::copy::synth;
use beslutskoll::engine::Engine;

/// Generated decisions in the background, and their seed.
const SYNTH_DOCS: usize = 150;
const SYNTH_SEED: u64 = 0x5f1d;
/// Folders of case files in the background.
const CASE_DIRS: &[&str] = &["examples", "tests/data/goda_beslut", "tests/data/provfall"];

/// Which items a group holds.
type Keep = fn(&Item) -> bool;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--skriv-df") {
        write_df();
        return;
    }
    if args.iter().any(|a| a == "--tid") {
        timing();
        return;
    }
    let show = args.iter().any(|a| a == "--visa");
    let items = match markta::read_all(Path::new("tests/data/motiveringar")) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("fel: {e} (kör från projektets rot)");
            std::process::exit(2);
        }
    };
    let engine = match Engine::builtin() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("fel: de inbyggda reglerna: {e:?}");
            std::process::exit(2);
        }
    };
    let stock = StockPhrases::new(engine.copy_config());
    let scored: Vec<(&Item, individuell::Assessment)> =
        items.iter().map(|i| (i, i.assess(&stock))).collect();

    println!(
        "beslutskoll motivering-accuracy: {} märkta motiveringar, gräns {THRESHOLD:.1} (under = generisk)\n",
        items.len()
    );
    println!("Precision och recall för \"generisk\" (anmärkning = förutsagd generisk):");
    let groups: [(&str, Keep); 3] = [
        ("utveckling (udda id)", |i| i.number() % 2 == 1),
        ("kontroll (jämna id)", |i| i.number() % 2 == 0),
        ("alla", |_| true),
    ];
    for (name, keep) in groups {
        let c = counts(scored.iter().filter(|(i, _)| keep(i)));
        c.line(name);
    }
    for (title, key) in [
        ("Per lag", (|i: &Item| i.lag.clone()) as fn(&Item) -> String),
        ("Per utfall", |i: &Item| i.utfall.clone()),
    ] {
        println!("\n{title} (kontroll / alla):");
        let mut keys: BTreeMap<String, ()> = BTreeMap::new();
        for (i, _) in &scored {
            keys.insert(key(i), ());
        }
        for k in keys.keys() {
            let held = counts(
                scored
                    .iter()
                    .filter(|(i, _)| &key(i) == k && i.number() % 2 == 0),
            );
            let all = counts(scored.iter().filter(|(i, _)| &key(i) == k));
            held.line(&format!("{k}, kontroll"));
            all.line(&format!("{k}, alla"));
        }
    }
    println!();
    for (name, keep) in groups {
        let mut gen: Vec<f64> = Vec::new();
        let mut ind: Vec<f64> = Vec::new();
        for (i, a) in scored.iter().filter(|(i, _)| keep(i)) {
            if i.generic() {
                gen.push(a.score);
            } else {
                ind.push(a.score);
            }
        }
        gen.sort_by(f64::total_cmp);
        ind.sort_by(f64::total_cmp);
        let pct = |v: &[f64], q: usize| v.get(v.len() * q / 100).copied().unwrap_or(0.0);
        println!(
            "Mått, {name}: generiska median {:.2}, 90:e percentil {:.2}, max {:.2}; individuella min {:.2}, 10:e percentil {:.2}, median {:.2}",
            pct(&gen, 50),
            pct(&gen, 90),
            gen.last().copied().unwrap_or(0.0),
            ind.first().copied().unwrap_or(0.0),
            pct(&ind, 10),
            pct(&ind, 50),
        );
    }

    good_decisions(&engine, show);

    if show {
        println!("\nFelklassade:");
        for (i, a) in &scored {
            if a.is_generic() != i.generic() {
                let facts: Vec<String> = a
                    .facts
                    .iter()
                    .map(|f| {
                        format!(
                            "{}{}:{:.2}",
                            f.text,
                            if f.in_decision { "(beslut)" } else { "" },
                            f.weight
                        )
                    })
                    .collect();
                println!(
                    "  {} ({}, {}, {}): märkt {}, mått {:.2}; fakta: {}\n    motivering: {}",
                    i.id,
                    i.lag,
                    i.insats,
                    i.utfall,
                    i.etikett,
                    a.score,
                    if facts.is_empty() {
                        "inga".to_string()
                    } else {
                        facts.join(", ")
                    },
                    i.motivering
                );
            }
        }
    }
}

/// The case files of `examples/` (only the good ones, `*_bra*`, when `good_only`) and
/// of `tests/data/goda_beslut/`, sorted.
fn case_files(good_only: bool) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/data/goda_beslut"] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .filter(|p| {
                !good_only
                    || dir != "examples"
                    || p.file_stem()
                        .is_some_and(|s| s.to_string_lossy().contains("_bra"))
            })
            .collect();
        paths.sort();
        out.extend(paths);
    }
    out
}

/// The good decisions (`examples/*_bra*.yaml`, `tests/data/goda_beslut/`): none should
/// get `kopia.generisk_motivering`.
fn good_decisions(engine: &Engine, show: bool) {
    let mut n = 0;
    let mut flagged = Vec::new();
    for p in case_files(true) {
        let Ok(file) = beslutskoll::case::read_case_file(&p) else {
            continue;
        };
        n += 1;
        for f in engine.check(&file.case).findings {
            if f.rule == "kopia.generisk_motivering" {
                flagged.push(format!(
                    "{} {}: {}",
                    p.display(),
                    f.path,
                    f.explanation.unwrap_or_default()
                ));
            }
        }
    }
    println!(
        "\nGoda beslut (examples/*_bra*, tests/data/goda_beslut): {n}, med kopia.generisk_motivering: {}",
        flagged.len()
    );
    if show {
        for f in flagged {
            println!("  {f}");
        }
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

fn counts<'a>(it: impl Iterator<Item = &'a (&'a Item, individuell::Assessment)>) -> Counts {
    let mut c = Counts::default();
    for (i, a) in it {
        match (a.is_generic(), i.generic()) {
            (true, true) => c.tp += 1,
            (true, false) => c.fp += 1,
            (false, true) => c.fn_ += 1,
            (false, false) => c.tn += 1,
        }
    }
    c
}

impl Counts {
    fn line(&self, what: &str) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        println!(
            "  {what:<32} precision {:.3}  recall {:.3}  (n {}, tp {}, fp {}, fn {}, tn {})",
            ratio(self.tp, self.tp + self.fp),
            ratio(self.tp, self.tp + self.fn_),
            self.tp + self.fp + self.fn_ + self.tn,
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        );
    }
}

/// All string values of a YAML document, joined.
fn yaml_strings(v: &serde_yaml::Value, out: &mut String) {
    match v {
        serde_yaml::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_yaml::Value::Sequence(xs) => xs.iter().for_each(|x| yaml_strings(x, out)),
        serde_yaml::Value::Mapping(m) => m.values().for_each(|x| yaml_strings(x, out)),
        serde_yaml::Value::Tagged(t) => yaml_strings(&t.value, out),
        _ => {}
    }
}

fn write_df() {
    let mut docs: Vec<String> = synth::corpus(SYNTH_SEED, SYNTH_DOCS)
        .into_iter()
        .map(|d| d.text)
        .collect();
    let generated = docs.len();
    let mut files = 0;
    for dir in CASE_DIRS {
        let Ok(rd) = std::fs::read_dir(dir) else {
            eprintln!("fel: hittade inte {dir} (kör från projektets rot)");
            std::process::exit(2);
        };
        let mut paths: Vec<_> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
                continue;
            };
            let mut s = String::new();
            yaml_strings(&v, &mut s);
            docs.push(s);
            files += 1;
        }
    }
    let df = individuell::document_frequencies(&docs);
    let mut out = String::new();
    out.push_str(
        "# Dokumentfrekvens per ordstam i beslutstexter: i hur många dokument stammen står.\n\
         # Den individuella motiveringen (src/copy/individuell.rs) väger en uppgift efter hur\n\
         # sällsynt den är i beslut i allmänhet. Genererad av `motivering-accuracy --skriv-df`\n\
         # från genererade beslut (src/copy/synth.rs) och ärendefilerna i examples/,\n\
         # tests/data/goda_beslut/ och tests/data/provfall/; aldrig från de märkta\n\
         # motiveringarna. Bara stammar i minst två dokument står här.\n",
    );
    out.push_str(&format!(
        "# genererade: {generated}, ärendefiler: {files}\n# dokument: {}\n",
        docs.len()
    ));
    for (s, n) in df {
        out.push_str(&format!("{s}\t{n}\n"));
    }
    if let Err(e) = std::fs::write("data/dokumentfrekvens.txt", out) {
        eprintln!("fel: data/dokumentfrekvens.txt: {e}");
        std::process::exit(2);
    }
    println!(
        "skrev data/dokumentfrekvens.txt: {} dokument ({generated} genererade, {files} ärendefiler)",
        docs.len()
    );
}

/// Microseconds per case: the measure alone (preparing the investigation and measuring
/// every motivering) and all in-case copy signals, over the example and good cases.
fn timing() {
    use beslutskoll::copy::individuell::Investigation;
    use std::collections::HashSet;
    use std::time::Instant;
    let Ok(engine) = Engine::builtin() else {
        std::process::exit(2);
    };
    let cfg = engine.copy_config().clone();
    let stock = StockPhrases::new(&cfg);
    let mut cases = Vec::new();
    for p in case_files(false) {
        if let Ok(f) = beslutskoll::case::read_case_file(&p) {
            cases.push(f.case);
        }
    }
    // Warm the vocabulary and the patterns once.
    let _ = individuell::assess("x", &Investigation::default(), &HashSet::new(), &[]);
    let reps = 200;
    let t = Instant::now();
    for _ in 0..reps {
        for c in &cases {
            let texts = beslutskoll::copy::signals::fact_texts(c);
            let names: HashSet<String> = c
                .sokande
                .namn
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            let inv = Investigation::new(&texts, &names);
            for b in &c.beslut {
                if let Some(m) = b.motivering.as_deref() {
                    std::hint::black_box(individuell::assess(m, &inv, &names, &stock.find(m)));
                }
            }
        }
    }
    let measure = t.elapsed().as_secs_f64() * 1e6 / (reps * cases.len()) as f64;
    let t = Instant::now();
    for _ in 0..reps {
        for c in &cases {
            std::hint::black_box(beslutskoll::copy::signals(c, &cfg));
        }
    }
    let signals = t.elapsed().as_secs_f64() * 1e6 / (reps * cases.len()) as f64;
    println!(
        "{} ärenden × {reps}: måttet {measure:.1} µs per ärende; alla kopieringssignaler (med måttet) {signals:.1} µs per ärende",
        cases.len()
    );
}
