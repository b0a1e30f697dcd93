//! Trial harness: `cargo run --release --bin provning`.
//!
//! Runs the built-in rules over the cases written blind from the domain notes and
//! prints the findings on each and the figures:
//! 1. `tests/data/goda_beslut/`: good decisions; errors and warnings per decision, and
//!    which warnings are the accepted ones of `kvarvarande_varningar.yaml`;
//! 2. `tests/data/provfall/` and 3. `tests/data/provfall2/`: the held-out sets; per
//!    case what the notes expect and what the rules found.
//!
//! `tests/provning.rs` asserts the goals on the same figures.

#[path = "../../tests/support/provning.rs"]
mod provning;

use std::path::Path;

use beslutskoll::engine::Engine;
use beslutskoll::report::Severity;

fn sev(s: Severity) -> &'static str {
    match s {
        Severity::Error => "FEL",
        Severity::Warning => "VARNING",
        Severity::Info => "INFO",
    }
}

fn main() {
    let engine = match Engine::builtin() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let good_dir = Path::new("tests/data/goda_beslut");
    let runs = provning::run_dir(&engine, good_dir);
    let accepted = provning::accepted_warnings(good_dir);
    println!("1. Goda beslut ({})\n", good_dir.display());
    for r in &runs {
        println!(
            "{:<60} {} beslut  {} fel  {} varningar",
            r.file,
            r.decisions,
            r.errors(),
            r.warnings()
        );
        for f in &r.findings {
            let ok = accepted
                .iter()
                .find(|a| a.fil == r.file && a.regel == f.rule);
            println!(
                "    {:<8} {} ({})\n             {}",
                sev(f.severity),
                f.rule,
                f.path,
                f.message
            );
            if let Some(a) = ok {
                println!("             godtagen: {}", a.varfor.trim());
            }
        }
    }
    let decisions: usize = runs.iter().map(|r| r.decisions).sum();
    let errors: usize = runs.iter().map(|r| r.errors()).sum();
    let warnings: usize = runs.iter().map(|r| r.warnings()).sum();
    let quiet = runs.iter().filter(|r| r.findings.is_empty()).count();
    println!(
        "\n{} filer, {decisions} beslut: {errors} fel, {warnings} varningar ({:.2} per tio beslut); {quiet} filer helt utan anmärkning",
        runs.len(),
        warnings as f64 * 10.0 / decisions.max(1) as f64
    );
    for (rule, n) in provning::by_rule(&runs, Severity::Warning) {
        println!("    {n:>3} × {rule}");
    }

    held_out(&engine, "2. Provfall", Path::new("tests/data/provfall"));
    held_out(&engine, "3. Provfall 2", Path::new("tests/data/provfall2"));
}

/// The held-out set in `held_dir`: per case what the notes expect and what was found.
fn held_out(engine: &Engine, title: &str, held_dir: &Path) {
    let expected = provning::expectations(held_dir);
    let runs = provning::run_dir(engine, held_dir);
    println!("\n{title} ({})\n", held_dir.display());
    let (mut met, mut good_ok, mut good_n, mut bad_ok, mut bad_n) = (0, 0, 0, 0, 0);
    let (mut faults, mut found) = (0, 0);
    for r in &runs {
        let Some(x) = expected.iter().find(|x| x.fil == r.file) else {
            println!("{:<50} ingen förväntan i forvantat.yaml", r.file);
            continue;
        };
        let ok = x.met_by(r);
        faults += x.brister.len();
        found += x.brister.iter().filter(|b| b.found_in(r)).count();
        met += usize::from(ok);
        if x.bra {
            good_n += 1;
            good_ok += usize::from(ok);
        } else {
            bad_n += 1;
            bad_ok += usize::from(ok);
        }
        let want = match x.wanted() {
            None => "bra".to_string(),
            Some(s) => format!(
                "{} ({})",
                sev(s),
                x.brister
                    .iter()
                    .map(|b| format!("{} {}", b.kod, b.allvarlighet))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        println!(
            "{} {:<50} väntat {want}; fick {} fel, {} varningar",
            if ok { "ok  " } else { "MISS" },
            r.file,
            r.errors(),
            r.warnings()
        );
        for f in &r.findings {
            println!("        {:<8} {}", sev(f.severity), f.rule);
        }
        if !ok {
            for b in x.brister.iter().filter(|b| !b.found_in(r)) {
                println!(
                    "        väntat: {} {} ({}, {}): {}",
                    b.kod,
                    b.allvarlighet,
                    b.lagrum.as_deref().unwrap_or("-"),
                    b.var.as_deref().unwrap_or("-"),
                    b.beskrivning.as_deref().unwrap_or("").trim()
                );
            }
        }
    }
    println!(
        "\n{met} av {} provfall som väntat: goda {good_ok}/{good_n} utan fel, bristfälliga {bad_ok}/{bad_n} med varje brist funnen; {found} av {faults} väntade brister funna med rätt allvarlighet",
        runs.len()
    );
}
