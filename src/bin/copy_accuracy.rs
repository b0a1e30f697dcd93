//! Accuracy harness for copy detection: `cargo run --release --bin copy-accuracy`.
//!
//! Prints, on fixed seeds so every run gives the same figures:
//! 1. name recognition: precision and recall on the hand-marked sentences in
//!    `tests/data/namn_markerade.txt` and on generated decisions;
//! 2. near-copy search: precision and recall of the index (LSH + Bloom verification)
//!    against exact Jaccard similarity ≥ 0.8 on normalised 5-word shingles, over a
//!    generated corpus with known renamed and edited copies and independent texts; how
//!    many renamed copies plain (unnormalised) shingles would have found; and the
//!    hand-written example corpus.
//!
//! `copy-accuracy skala skriv DIR N` writes `N` generated decisions as `.txt` files into
//! `DIR` (for `beslutskoll corpus build DIR -o INDEX`, measured with `/usr/bin/time -v`);
//! `copy-accuracy skala mät INDEX N` then opens that index (timed), and queries it with
//! 2,000 renamed copies of its decisions and 1,000 independent drafts: query time and
//! recall at national scale (`docs/copy-detection.md`).
//!
//! `--visa` also prints every name the recogniser missed or invented in the
//! hand-marked sentences, and every near-copy pair it missed.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

use beslutskoll::copy::index::{Prepared, QueryOptions};
use beslutskoll::copy::names::find_names;
use beslutskoll::copy::shingle::{jaccard, shingle_hash, word_hash, SHINGLE_WORDS};
use beslutskoll::copy::text::words;
use beslutskoll::copy::{self, synth, CopyConfig, CorpusEntry, CorpusIndex};

const CORPUS: usize = 5_000;
const COPIES: usize = 2_000;
const MAX_EDITS: usize = 4;
const INDEPENDENT: usize = 1_000;
const THRESHOLD: f64 = 0.8;

fn verbose() -> bool {
    std::env::args().any(|a| a == "--visa")
}

/// A damaged index ends the measurement (exit 2), naming the file.
fn fail(e: &copy::IndexError) -> ! {
    eprintln!("fel: {e}");
    std::process::exit(2)
}

fn query(index: &CorpusIndex, p: &Prepared, opts: &QueryOptions) -> Vec<copy::Match> {
    index.query_prepared(p, opts).unwrap_or_else(|e| fail(&e))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("skala") {
        return scale(&args[1..]);
    }
    println!("beslutskoll copy-accuracy (fasta frön; samma siffror vid varje körning)\n");
    names_hand_marked();
    names_generated();
    near_copies();
    example_corpus();
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn line(&self, what: &str) {
        println!(
            "  {what:<44} precision {:.3}  recall {:.3}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.fn_
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Compare predicted name spans with gold spans, per word and per whole name.
fn score(
    text: &str,
    gold: &[Range<usize>],
    words_c: &mut Counts,
    names_c: &mut Counts,
) -> Vec<String> {
    let mut misses = Vec::new();
    let ws = words(text);
    let predicted: Vec<Range<usize>> = find_names(text, &ws, &HashSet::new())
        .into_iter()
        .map(|m| m.span)
        .collect();
    let inside = |spans: &[Range<usize>], r: &Range<usize>| {
        spans.iter().any(|s| s.start <= r.start && r.end <= s.end)
    };
    for w in &ws {
        match (inside(&predicted, &w.span), inside(gold, &w.span)) {
            (true, true) => words_c.tp += 1,
            (true, false) => {
                words_c.fp += 1;
                misses.push(format!("fel positiv: {}", w.text));
            }
            (false, true) => {
                words_c.fn_ += 1;
                misses.push(format!("missad: {}", w.text));
            }
            (false, false) => {}
        }
    }
    for p in &predicted {
        if gold.contains(p) {
            names_c.tp += 1;
        } else {
            names_c.fp += 1;
        }
    }
    names_c.fn_ += gold.iter().filter(|g| !predicted.contains(g)).count();
    misses
}

fn names_hand_marked() {
    let path = Path::new("tests/data/namn_markerade.txt");
    let Ok(marked) = std::fs::read_to_string(path) else {
        println!("(hittade inte {}; kör från projektets rot)", path.display());
        return;
    };
    let (mut w, mut n) = (Counts::default(), Counts::default());
    let mut lines = 0;
    for line in marked
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut text = String::new();
        let mut gold = Vec::new();
        let mut start = None;
        for c in line.chars() {
            match c {
                '{' => start = Some(text.len()),
                '}' => gold.extend(start.take().map(|s| s..text.len())),
                _ => text.push(c),
            }
        }
        for m in score(&text, &gold, &mut w, &mut n) {
            if verbose() {
                println!("    {m:<28} i: {text}");
            }
        }
        lines += 1;
    }
    println!(
        "1. Namnigenkänning, handmärkta meningar ({lines} meningar, {})",
        path.display()
    );
    w.line("per ord");
    n.line("per helt namn (exakt spann)");
}

fn names_generated() {
    let docs = synth::corpus(11, 500);
    let (mut w, mut n) = (Counts::default(), Counts::default());
    for d in &docs {
        // Adjacent fillers ("Mikael" "Sandberg") are one name.
        let mut gold: Vec<Range<usize>> = Vec::new();
        for r in &d.name_spans {
            match gold.last_mut() {
                Some(last) if d.text[last.end..r.start] == *" " => last.end = r.end,
                _ => gold.push(r.clone()),
            }
        }
        score(&d.text, &gold, &mut w, &mut n);
    }
    println!(
        "   Namnigenkänning, 500 genererade beslut (15 % av personerna har namn utanför listorna)"
    );
    w.line("per ord");
    n.line("per helt namn (exakt spann)");
    println!();
}

fn plain_set(text: &str) -> Vec<u64> {
    let h: Vec<u64> = words(text)
        .iter()
        .map(|w| word_hash(&w.text.to_lowercase()))
        .collect();
    let mut s: Vec<u64> = if h.len() < SHINGLE_WORDS {
        vec![shingle_hash(&h)]
    } else {
        h.windows(SHINGLE_WORDS).map(shingle_hash).collect()
    };
    s.sort_unstable();
    s.dedup();
    s
}

fn near_copies() {
    let cfg = CopyConfig::default();
    let corpus = synth::corpus(2026, CORPUS);
    let drafts = synth::drafts(2026, &corpus, COPIES, MAX_EDITS, INDEPENDENT);
    let entries: Vec<CorpusEntry> = corpus
        .iter()
        .map(|d| CorpusEntry {
            id: d.id.clone(),
            texts: vec![copy::CorpusText {
                part: copy::index::Part::Text,
                text: d.text.clone(),
            }],
            person: d.person.key(),
        })
        .collect();
    let t = Instant::now();
    let index = CorpusIndex::build(&entries, &cfg);
    let build = t.elapsed();
    // The same corpus as plain `.txt` files: nobody tells the index the names, while the
    // drafts' names are known from their case files.
    let unnamed: Vec<CorpusEntry> = corpus
        .iter()
        .map(|d| CorpusEntry::from_text(d.id.clone(), d.text.clone()))
        .collect();
    let index_unnamed = CorpusIndex::build(&unnamed, &cfg);

    // Exact Jaccard of every draft with every corpus text, through an inverted index of
    // shingles so that only texts sharing a shingle are counted.
    let sets: Vec<Vec<u64>> = corpus
        .iter()
        .map(|d| Prepared::new(&d.text, &[]).set)
        .collect();
    let mut postings: std::collections::HashMap<u64, Vec<u32>> = Default::default();
    for (i, s) in sets.iter().enumerate() {
        for &h in s {
            postings.entry(h).or_default().push(i as u32);
        }
    }
    let opts = QueryOptions {
        max_results: usize::MAX,
        ..QueryOptions::default()
    };
    let mut pairs = Counts::default();
    let mut times = Vec::new();
    let mut counts = vec![0u32; corpus.len()];
    let mut copies_true = 0;
    let mut copies_plain = 0;
    let mut copies_found = 0;
    let mut copies_found_unnamed = 0;
    let mut indep_flagged = 0;
    let mut by_edits = [(0usize, 0usize, 0usize); MAX_EDITS + 1]; // (n, J>=0.8, found)
    let mut abs_err = Vec::new();
    let mut near_threshold = 0;
    for d in &drafts {
        let p = Prepared::new(&d.text, &index.standard_for(&cfg));
        counts.iter_mut().for_each(|c| *c = 0);
        for h in &p.set {
            for &i in postings.get(h).map_or(&[][..], Vec::as_slice) {
                counts[i as usize] += 1;
            }
        }
        let truth: HashSet<usize> = counts
            .iter()
            .enumerate()
            .filter(|&(i, &c)| {
                let inter = c as f64;
                c > 0
                    && inter / (p.set.len() + sets[i].len()) as f64 * 2.0 >= THRESHOLD
                    && inter / (p.set.len() as f64 + sets[i].len() as f64 - inter) >= THRESHOLD
            })
            .map(|(i, _)| i)
            .collect();
        let t = Instant::now();
        let found = query(&index, &p, &opts);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let found_ix: HashSet<usize> = found
            .iter()
            .filter_map(|m| m.id.strip_prefix("SYN-").and_then(|n| n.parse().ok()))
            .collect();
        for m in &found {
            if let Some(i) =
                m.id.strip_prefix("SYN-")
                    .and_then(|n| n.parse::<usize>().ok())
            {
                abs_err.push((m.similarity - jaccard(&p.set, &sets[i])).abs());
            }
        }
        pairs.tp += found_ix.intersection(&truth).count();
        pairs.fp += found_ix.difference(&truth).count();
        pairs.fn_ += truth.difference(&found_ix).count();
        if verbose() {
            for &i in truth.difference(&found_ix) {
                let sig_hits = beslutskoll::copy::minhash::band_keys(
                    &beslutskoll::copy::minhash::signature(&p.set),
                )
                .iter()
                .zip(beslutskoll::copy::minhash::band_keys(
                    &beslutskoll::copy::minhash::signature(&sets[i]),
                ))
                .filter(|(a, b)| **a == *b)
                .count();
                println!(
                    "    missad: {} ~ {} exakt J {:.4}, lika band {sig_hits}",
                    d.id,
                    corpus[i].id,
                    jaccard(&p.set, &sets[i])
                );
            }
        }
        match d.copy_of {
            Some((src, edits)) => {
                let exact = jaccard(&p.set, &sets[src]);
                if (0.7..0.9).contains(&exact) {
                    near_threshold += 1;
                }
                let row = &mut by_edits[edits];
                row.0 += 1;
                if exact >= THRESHOLD {
                    copies_true += 1;
                    row.1 += 1;
                    if found_ix.contains(&src) {
                        copies_found += 1;
                        row.2 += 1;
                    }
                    let src_id = corpus[src].id.as_str();
                    if query(&index_unnamed, &p, &opts)
                        .iter()
                        .any(|m| m.id == src_id)
                    {
                        copies_found_unnamed += 1;
                    } else if verbose() {
                        println!("    missad utan korpusens namn: {} ~ {src_id}", d.id);
                    }
                    if jaccard(&plain_set(&d.text), &plain_set(&corpus[src].text)) >= THRESHOLD {
                        copies_plain += 1;
                    }
                }
            }
            None => indep_flagged += usize::from(!found.is_empty()),
        }
    }
    times.sort_by(f64::total_cmp);
    abs_err.sort_by(f64::total_cmp);
    println!(
        "2. Nära kopior, genererad korpus: {CORPUS} beslut; {COPIES} omdöpta kopior med 0–{MAX_EDITS} ändringar och {INDEPENDENT} oberoende utkast"
    );
    pairs.line("mot exakt Jaccard ≥ 0,8 (alla par)");
    println!(
        "  omdöpta kopior med exakt J ≥ 0,8 som hittas: {copies_found} av {copies_true} ({:.3})",
        ratio(copies_found, copies_true)
    );
    println!(
        "  samma kopior när korpusen är .txt utan kända namn (utkastets namn kända): {copies_found_unnamed} av {copies_true} ({:.3})",
        ratio(copies_found_unnamed, copies_true)
    );
    println!(
        "  samma kopior med J ≥ 0,8 utan normalisering (bara gemener): {copies_plain} av {copies_true} ({:.3})",
        ratio(copies_plain, copies_true)
    );
    println!("  kopior med exakt J mellan 0,7 och 0,9 (nära gränsen): {near_threshold}");
    println!("  oberoende utkast med någon träff: {indep_flagged} av {INDEPENDENT}");
    println!("  per antal ändringar: ändringar  kopior  J≥0,8  hittade");
    for (e, (n, t, f)) in by_edits.iter().enumerate() {
        println!("                       {e:>9}  {n:>6}  {t:>5}  {f:>7}");
    }
    if !abs_err.is_empty() {
        println!(
            "  likhetens fel mot exakt Jaccard (träffar): median {:.4}, 95:e percentil {:.4}",
            abs_err[abs_err.len() / 2],
            abs_err[abs_err.len() * 95 / 100]
        );
    }
    println!(
        "  (bygge {} texter: {:.2} s; fråga median {:.3} ms; index {} byte per text — prestanda mäts med `cargo bench --bench copy`)\n",
        index.len(),
        build.as_secs_f64(),
        times[times.len() / 2],
        index.memory_bytes() / index.len().max(1)
    );
}

fn example_corpus() {
    let cfg = CopyConfig {
        stock_phrases: vec![],
        standard_paragraphs: std::fs::read_to_string("examples/standardstycken.txt")
            .map(|s| vec![s])
            .unwrap_or_default(),
    };
    let Ok(entries) = copy::corpus_from_dir(Path::new("examples/corpus")) else {
        println!("(hittade inte examples/corpus; kör från projektets rot)");
        return;
    };
    let index = CorpusIndex::build(&entries, &cfg);
    println!(
        "3. Handskriven exempelkorpus (examples/corpus, {} texter)",
        index.len()
    );
    for (file, expect) in [
        (
            "examples/utkast_omdopt_kopia.yaml",
            "kopia av LSS-2025-0031",
        ),
        ("examples/utkast_eget_beslut.yaml", "ingen kopia"),
        ("examples/kopia_fel_namn_pronomen.yaml", "ingen kopia"),
    ] {
        let Ok(case) = copy::read_case_file(Path::new(file)) else {
            continue;
        };
        let f = copy::near_copy_findings(&case, &index, &cfg).unwrap_or_else(|e| fail(&e));
        let got = f
            .iter()
            .filter_map(|f| f.evidence.as_ref())
            .map(|e| {
                format!(
                    "{} ({:.2})",
                    e.other_case.as_deref().unwrap_or("?"),
                    e.similarity.unwrap_or(0.0)
                )
            })
            .collect::<Vec<_>>();
        println!(
            "  {file:<42} väntat: {expect:<24} fick: {}",
            if got.is_empty() {
                "ingen kopia".to_string()
            } else {
                got.join(", ")
            }
        );
    }
}

/// Seed of the generated corpus at scale (the `.txt` files and the drafts agree on it).
const SCALE_SEED: u64 = 1_000_000;

fn scale(args: &[String]) {
    let usage = || {
        eprintln!("användning: copy-accuracy skala skriv DIR N | copy-accuracy skala mät INDEX N");
        std::process::exit(2)
    };
    let (Some(what), Some(path), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        return usage();
    };
    let path = Path::new(path);
    match what.as_str() {
        "skriv" => {
            std::fs::create_dir_all(path).expect("create the folder");
            // In slices, so the texts never all stand in memory at once.
            let t = Instant::now();
            let mut rng = synth::Rng::new(SCALE_SEED);
            for i in 0..n {
                let person = synth::Person::random(&mut rng);
                let plan = synth::Plan::random(&mut rng);
                let (text, _) = plan.render(&person);
                std::fs::write(path.join(format!("SYN-{i:07}.txt")), text).expect("write");
            }
            println!(
                "{n} beslut skrivna i {} på {:.1} s",
                path.display(),
                t.elapsed().as_secs_f64()
            );
        }
        "mät" => scale_measure(path, n),
        _ => usage(),
    }
}

fn scale_measure(index_path: &Path, n: usize) {
    let cfg = CopyConfig::default();
    let t = Instant::now();
    let index = match CorpusIndex::load(index_path) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("fel: {e}");
            std::process::exit(2);
        }
    };
    let open = t.elapsed();
    let size = std::fs::metadata(index_path).map_or(0, |m| m.len());
    println!(
        "index {}: {} texter, {:.1} MB ({} byte per text); öppnat och kontrollerat på {:.1} ms",
        index_path.display(),
        index.len(),
        size as f64 / 1e6,
        size / index.len().max(1) as u64,
        open.as_secs_f64() * 1000.0
    );
    // The same decisions as `skriv` wrote, to copy from; the texts are regenerated.
    let mut rng = synth::Rng::new(SCALE_SEED);
    let corpus: Vec<synth::SynthDoc> = (0..n)
        .map(|i| {
            let person = synth::Person::random(&mut rng);
            let plan = synth::Plan::random(&mut rng);
            let (text, name_spans) = plan.render(&person);
            synth::SynthDoc {
                id: format!("SYN-{i:07}"),
                text,
                person,
                plan,
                name_spans,
                copy_of: None,
            }
        })
        .collect();
    let drafts = synth::drafts(SCALE_SEED, &corpus, COPIES, MAX_EDITS, INDEPENDENT);
    let standard = index.standard_for(&cfg);
    let opts = QueryOptions::default();
    let (mut copies_true, mut found, mut indep_flagged) = (0, 0, 0);
    let mut times = Vec::new();
    let mut first = None;
    for d in &drafts {
        let t = Instant::now();
        let p = Prepared::new(&d.text, &standard);
        let hits = query(&index, &p, &opts);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        first.get_or_insert(ms);
        times.push(ms);
        match d.copy_of {
            Some((src, _)) => {
                let exact = jaccard(&p.set, &Prepared::new(&corpus[src].text, &standard).set);
                if exact >= THRESHOLD {
                    copies_true += 1;
                    found += usize::from(hits.iter().any(|m| m.id == corpus[src].id));
                }
            }
            None => indep_flagged += usize::from(!hits.is_empty()),
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "fråga (normalisera, shingla, MinHash, uppslag, verifiering): första {:.2} ms, median {:.3} ms, 99:e percentil {:.3} ms",
        first.unwrap_or(0.0),
        times[times.len() / 2],
        times[times.len() * 99 / 100]
    );
    println!(
        "omdöpta kopior med exakt J ≥ 0,8 som hittas: {found} av {copies_true} ({:.3}); oberoende utkast med någon träff: {indep_flagged} av {INDEPENDENT}",
        ratio(found, copies_true)
    );
}
