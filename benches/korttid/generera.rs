//! Generated korttidsvistelse cases for the yardstick (issue 10): deterministic
//! (splitmix64 from `beslutskoll::copy::synth::Rng`), written as YAML text the way a
//! case system exports them, read back through the ordinary case reader, and also
//! given as JSON. Every optional field is sometimes missing, dates are sometimes in the
//! wrong order, and the texts are drawn from sentences that do and do not state what
//! the checklist's text conditions look for (also negated), so that every rule of
//! `benches/korttid/regler/korttid.regler` both fires and stays quiet over a run.
//!
//! Used by `benches/matsticka.rs` and `tests/matsticka.rs` (which also tests it).

use std::fmt::Write as _;

use beslutskoll::case::{self, Case};
use beslutskoll::copy::synth::Rng;
use chrono::{Duration, NaiveDate};

/// One generated case in its three forms.
pub struct Generated {
    pub yaml: String,
    pub json: String,
    pub case: Case,
}

const GIVEN: [&str; 8] = [
    "Alva", "Elias", "Tilda", "Noah", "Saga", "Omar", "Maja", "Leo",
];
const SURNAMES: [&str; 6] = ["Berg", "Lindqvist", "Ahmed", "Nilsson", "Karlsson", "Holm"];

const LAGRUM: [&str; 6] = [
    "9 § 6 LSS",
    "9 § 5 LSS",
    "9 § punkt 6 LSS",
    "9 § 6 LSS och 4 kap. 1 § SoL",
    "9 § 6 p. lagen om stöd och service",
    "1 § och 9 § 6 LSS",
];

const OMFATTNING: [&str; 7] = [
    "4 dygn per månad",
    "varannan helg",
    "vid behov",
    "4 dygn",
    "5 dygn under vecka 27",
    "två helger per månad",
    "6 dagar/mån",
];

const FORM: [&str; 4] = ["stodfamilj", "korttidshem", "lager", "annat"];

const UNDERLAG: [&str; 6] = [
    "ansokan",
    "lakarintyg",
    "psykologutlatande",
    "individuell_plan",
    "skolutlatande",
    "tidigare_beslut",
];

/// Sentences for the reasoning texts: each states, denies or leaves out one thing the
/// checklist looks for.
const MENINGAR: [&str; 22] = [
    "{namn} behöver miljöombyte och rekreation.",
    "Föräldrarna behöver avlösning.",
    "Insatsen ger {namn} goda levnadsvillkor.",
    "Med insatsen tillförsäkras {namn} skälig levnadsnivå.",
    "Familjen erbjuds en individuell plan enligt 10 § LSS.",
    "Vistelsen sker i en stödfamilj med djur.",
    "Vistelsen sker på korttidshemmet Blåklockan.",
    "Behovet kan inte tillgodoses på annat sätt.",
    "{namn} trivs inte i grupp.",
    "{namn} har kamrater på korttidshemmet och ser fram emot helgerna.",
    "Familjen har inget annat stöd.",
    "Det finns ingen individuell plan.",
    "{namn} går i årskurs 4 och har fritidshem efter skolan.",
    "Insatsen ger inte goda levnadsvillkor utan ytterligare stöd.",
    "{namn} tycker om att bada och vill sova borta.",
    "Korttidsboendet ligger nära skolan.",
    "Behovet av stödfamilj har inte utretts.",
    "Det som söks är en lägervistelse under sommaren.",
    "{namn} får nya relationer utanför familjen.",
    "Föräldrarna arbetar båda heltid.",
    "Nämnden bedömer att insatsen behövs.",
    "Beslutet följs upp efter sex månader.",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn some(rng: &mut Rng, p: f64) -> bool {
    rng.chance(p)
}

fn text(rng: &mut Rng, namn: &str, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&rng.pick(&MENINGAR).replace("{namn}", namn));
    }
    out
}

/// One of `xs`.
fn pick(r: &mut Rng, xs: &[&'static str]) -> &'static str {
    xs[r.below(xs.len())]
}

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A block scalar under `key` at `indent` spaces.
fn block(out: &mut String, indent: usize, key: &str, value: &str) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{key}: |");
    for line in value.split(". ") {
        let _ = writeln!(out, "{pad}  {}", line.trim());
    }
}

/// The case with number `i` of the run seeded by `seed`, as YAML text.
pub fn yaml(seed: u64, i: usize) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let r = &mut rng;
    let given = *r.pick(&GIVEN);
    let surname = *r.pick(&SURNAMES);
    let namn = format!("{given} {surname}");
    let applied = date(2026, 1 + r.below(9) as u32, 1 + r.below(28) as u32);
    // Mostly children, some adults, some who turn 18 during the case.
    let age_days = if some(r, 0.8) {
        365 * (4 + r.below(13) as i64)
    } else {
        365 * (17 + r.below(10) as i64) + r.below(400) as i64
    };
    let born = applied - Duration::days(age_days);
    let decided = if some(r, 0.9) {
        applied + Duration::days(10 + r.below(240) as i64)
    } else {
        applied - Duration::days(1 + r.below(20) as i64)
    };

    let mut y = String::new();
    let _ = writeln!(y, "format: 1");
    let _ = writeln!(y, "arende:");
    let _ = writeln!(y, "  id: \"LSS-2026-{i:04}\"");
    let _ = writeln!(y, "  lag: LSS");
    let _ = writeln!(y, "  kommun: \"Exempelkommun\"");
    let _ = writeln!(y, "sokande:");
    let _ = writeln!(y, "  namn: {}", q(&namn));
    let _ = writeln!(y, "  fodelsedatum: {born}");
    let _ = writeln!(
        y,
        "  kon: {}",
        if some(r, 0.5) { "flicka" } else { "pojke" }
    );
    match r.below(4) {
        0 => {}
        1 => {
            let _ = writeln!(y, "  personkrets: [3]");
        }
        _ => {
            let _ = writeln!(y, "  personkrets: [1]");
        }
    }
    let _ = writeln!(y, "  vardnadshavare:");
    let _ = writeln!(y, "    - namn: \"Sara {surname}\"");
    let _ = writeln!(y, "ansokan:");
    let _ = writeln!(y, "  datum: {applied}");
    let _ = writeln!(y, "  sokt_av: vardnadshavare");
    let _ = writeln!(y, "  insatser:");
    let _ = writeln!(y, "    - insats: korttidsvistelse");
    if some(r, 0.8) {
        let _ = writeln!(y, "      omfattning: {}", q(pick(r, &OMFATTNING)));
    }
    if some(r, 0.8) {
        let _ = writeln!(y, "      form: {}", r.pick(&FORM));
    }
    let second_applied = some(r, 0.1);
    if second_applied {
        let _ = writeln!(y, "    - insats: avlosarservice");
    }

    let n_underlag = r.below(4);
    if n_underlag > 0 {
        let _ = writeln!(y, "underlag:");
        for _ in 0..n_underlag {
            let _ = writeln!(y, "  - typ: {}", r.pick(&UNDERLAG));
            if some(r, 0.8) {
                let _ = writeln!(
                    y,
                    "    datum: {}",
                    applied - Duration::days(r.below(900) as i64)
                );
            }
        }
    }

    let _ = writeln!(y, "utredning:");
    let _ = writeln!(y, "  paborjad: {}", applied + Duration::days(2));
    let n_kontakter = r.below(3);
    if n_kontakter > 0 {
        let _ = writeln!(y, "  kontakter:");
        for k in 0..n_kontakter {
            let _ = writeln!(y, "    - datum: {}", applied + Duration::days(5 + k as i64));
            let _ = writeln!(y, "      form: hembesok");
            let med = match r.below(3) {
                0 => "[vardnadshavare]",
                1 => "[sokande]",
                _ => "[sokande, vardnadshavare]",
            };
            let _ = writeln!(y, "      med: {med}");
        }
    }
    let _ = writeln!(y, "  texter:");
    for (key, p) in [
        ("bakgrund", 0.9),
        ("behov", 0.8),
        ("egen_installning", 0.7),
        ("barnets_installning", 0.7),
        ("barnets_basta", 0.7),
        ("ovrigt_stod", 0.6),
        ("bedomning", 0.85),
    ] {
        if some(r, p) {
            let t = text(r, given, 1, 5);
            block(&mut y, 4, key, &t);
        }
    }
    if some(r, 0.3) {
        let _ = writeln!(y, "  behov:");
        let _ = writeln!(y, "    - omrade: relationer");
    }
    if some(r, 0.75) {
        let _ = writeln!(y, "  kommunicering:");
        let sent = decided - Duration::days(r.below(20) as i64);
        let _ = writeln!(y, "    skickad: {sent}");
        if some(r, 0.8) {
            let _ = writeln!(y, "    svar_senast: {}", sent + Duration::days(7));
        }
        if some(r, 0.5) {
            let _ = writeln!(y, "    svar: \"Inget att tillägga.\"");
        }
    }

    let _ = writeln!(y, "beslut:");
    let _ = writeln!(y, "  - insats: korttidsvistelse");
    let _ = writeln!(y, "    datum: {decided}");
    match r.below(10) {
        0 => {}
        1 | 2 => {
            let _ = writeln!(y, "    utfall: avslag");
        }
        3 => {
            let _ = writeln!(y, "    utfall: delvis_bifall");
        }
        _ => {
            let _ = writeln!(y, "    utfall: bifall");
        }
    }
    if some(r, 0.85) {
        let _ = writeln!(y, "    omfattning: {}", q(pick(r, &OMFATTNING)));
    }
    if some(r, 0.85) {
        let _ = writeln!(y, "    lagrum: {}", q(pick(r, &LAGRUM)));
    }
    let from = decided + Duration::days(r.below(40) as i64 - 10);
    if some(r, 0.8) {
        let _ = writeln!(y, "    giltig_fran: {from}");
    }
    if some(r, 0.5) {
        let len = if some(r, 0.3) {
            r.below(40) as i64 - 5
        } else {
            180 + r.below(400) as i64
        };
        let _ = writeln!(y, "    giltig_till: {}", from + Duration::days(len));
    }
    if some(r, 0.7) {
        let _ = writeln!(
            y,
            "    uppfoljning: {}",
            from + Duration::days(r.below(300) as i64 - 20)
        );
    }
    if some(r, 0.8) {
        let _ = writeln!(y, "    mal: {}", q(&text(r, given, 1, 2)));
    }
    if some(r, 0.85) {
        block(&mut y, 4, "motivering", &text(r, given, 2, 7));
    }
    match r.below(4) {
        0 => {}
        1 => {
            let _ = writeln!(y, "    overklagandehanvisning: false");
        }
        _ => {
            let _ = writeln!(y, "    overklagandehanvisning: true");
        }
    }
    if some(r, 0.9) {
        let _ = writeln!(y, "    beslutsfattare: \"Kim Lindqvist\"");
    }
    if some(r, 0.1) && !second_applied {
        let _ = writeln!(y, "  - insats: ledsagarservice");
        let _ = writeln!(y, "    datum: {decided}");
        let _ = writeln!(y, "    utfall: bifall");
    }
    y
}

/// `n` cases of the run seeded by `seed`.
pub fn cases(seed: u64, n: usize) -> Vec<Generated> {
    (0..n)
        .map(|i| {
            let yaml = yaml(seed, i);
            let path = format!("genererat-{i}.yaml");
            let case = case::read_case(&path, &yaml)
                .unwrap_or_else(|e| panic!("generated case {i} reads: {e}\n{yaml}"))
                .case;
            let json = serde_json::to_string(&case).expect("a case serialises");
            Generated { yaml, json, case }
        })
        .collect()
}
