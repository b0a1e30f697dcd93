//! Corpus index benchmark: `cargo bench --bench copy`.
//!
//! Builds an index of 100,000 generated decisions (printing the build time, the memory
//! per decision and the file size per decision), then lets criterion measure one query
//! end to end: normalising and shingling the draft, MinHash, LSH lookup and Bloom
//! verification. Timings are printed, never asserted.

use std::time::Instant;

use beslutskoll::copy::index::Part;
use beslutskoll::copy::{synth, CopyConfig, CorpusEntry, CorpusIndex, CorpusText, QueryOptions};
use criterion::{criterion_group, criterion_main, Criterion};

const N: usize = 100_000;

fn entries(docs: &[synth::SynthDoc]) -> Vec<CorpusEntry> {
    docs.iter()
        .map(|d| CorpusEntry {
            id: d.id.clone(),
            texts: vec![CorpusText {
                part: Part::Text,
                text: d.text.clone(),
            }],
            person: d.person.key(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cfg = CopyConfig::default();
    let corpus = synth::corpus(1, N);
    let entries = entries(&corpus);
    let words: usize = corpus
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    let mut builds = Vec::new();
    let mut cpu = Vec::new();
    let mut index = CorpusIndex::default();
    for _ in 0..3 {
        let (t, c) = (Instant::now(), cpu_seconds());
        index = CorpusIndex::build(&entries, &cfg);
        builds.push(t.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - c);
    }
    cpu.sort_by(f64::total_cmp);
    builds.sort_by(f64::total_cmp);
    let path = std::env::temp_dir().join(format!("beslutskoll-bench-{}.idx", std::process::id()));
    let file = index
        .save(&path)
        .ok()
        .and_then(|()| std::fs::metadata(&path).ok())
        .map_or(0, |m| m.len());
    let t = Instant::now();
    let loaded = CorpusIndex::load(&path).map(|i| i.len()).unwrap_or(0);
    let load = t.elapsed().as_secs_f64();
    std::fs::remove_file(&path).ok();
    println!(
        "index of {N} decisions ({} words on average, {} threads): build median of 3 {:.2} s wall, {:.2} s CPU (wall: {:?}); \
         memory {} bytes per decision; file {} bytes per decision; load {:.2} s ({loaded} texts)",
        words / N,
        rayon::current_num_threads(),
        builds[1],
        cpu[1],
        builds,
        index.memory_bytes() / N,
        file / N as u64,
        load
    );

    let drafts = synth::drafts(1, &corpus, 500, 10, 500);
    let opts = QueryOptions::default();
    let mut i = 0;
    c.bench_function("query 100k (copy or independent draft)", |b| {
        b.iter(|| {
            i = (i + 1) % drafts.len();
            index.query(&drafts[i].text, &cfg, &opts)
        })
    });
}

/// CPU seconds this process has used (user + system), from /proc on Linux; 0 elsewhere.
/// Printed beside wall time because the machine is shared: CPU time divided by the
/// cores used is what the build costs on an idle machine.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
