//! The corpus index: fingerprints of earlier decisions, and the near-copy query.
//!
//! Per indexed text the index keeps, and nothing more:
//! - its id (the earlier case's `arende.id` or the `.txt` file's stem) and which part of
//!   the case it is (`bedomning`, a decision's `motivering`, or a plain text);
//! - a [`PersonKey`]: 16 bits of a hash of the personnummer, and of name + birth date, so
//!   that a renewal for the same person is told apart from a copy of someone else's
//!   decision. 16 bits is deliberate: enough that two different people's texts that are
//!   also near-copies are almost never mistaken for one person, too few to single out
//!   a personnummer (every key is shared by hundreds of thousands of them);
//! - the number of distinct shingles and a Bloom filter of their hashes (12 bits per
//!   shingle, 8 probes, about 0.3 % false positives). The filter verifies a candidate's
//!   Jaccard similarity and tells which sentences of the draft match;
//! - its [`BANDS`] LSH band keys, kept in one sorted table per band, so a query looks
//!   up 25 keys and never scans the corpus.
//!
//! No text, word or sentence is stored: every stored value is a hash, and a hash of a
//! 5-word shingle cannot be turned back into the words. (Like any fingerprint, it can
//! confirm a guess: someone who already has a text can test whether it was indexed.)
//!
//! File format, version 1, all integers little-endian:
//!
//! ```text
//! header:  b"BSKOLLIX" · u32 version · u8 shingle_words · u16 num_perm · u16 bands
//!          · u16 rows · u8 bloom_bits_per_item · u8 bloom_probes
//!          · u32 n · n × u64 standard-paragraph shingle hashes · u64 xxh3(header so far)
//! records: until end of file, each
//!          u32 body_len · body · u64 xxh3(body)
//! body:    u16 id_len · id (UTF-8) · u8 part kind (0 text, 1 bedomning, 2 motivering)
//!          · u16 beslut index · u8 person flags (1 pnr, 2 name+birth) · u16 pnr key
//!          · u16 name key · u32 shingles · u16 bloom words · bloom words × u64
//!          · bands × u32 band keys
//! ```
//!
//! Records are independent, so `corpus add` appends new ones to the file without
//! touching the existing ones ([`CorpusIndex::append_to_file`]).

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::minhash::{band_keys, signature, BANDS, NUM_PERM, ROWS};
use super::shingle::{normalise, shingles, Token, SHINGLE_WORDS};
use super::{CopyConfig, CorpusEntry};

pub const MAGIC: &[u8; 8] = b"BSKOLLIX";
pub const VERSION: u32 = 1;
pub const BLOOM_BITS_PER_ITEM: usize = 12;
pub const BLOOM_PROBES: u32 = 8;
/// Texts with fewer distinct shingles (about 14 words) are neither indexed nor queried:
/// Jaccard similarity of such small sets says little.
pub const MIN_SHINGLES: usize = 10;
const PERSON_SEED: u64 = 0x7065_7273_6f6e_6b65; // "personke"

/// Which part of an earlier case a fingerprint is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// A plain `.txt` decision.
    Text,
    /// `utredning.texter.bedomning`.
    Bedomning,
    /// `beslut.N.motivering`.
    Motivering(u16),
}

impl Part {
    pub fn label(self) -> String {
        match self {
            Part::Text => "text".into(),
            Part::Bedomning => "utredning.texter.bedomning".into(),
            Part::Motivering(i) => format!("beslut.{i}.motivering"),
        }
    }
}

/// Who an indexed text is about, as two 16-bit hashes (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PersonKey {
    pub pnr: Option<u16>,
    pub name_birth: Option<u16>,
}

impl PersonKey {
    /// The key of a person with this personnummer (any written form) and/or name and
    /// birth date.
    pub fn new(
        personnummer: Option<&str>,
        name: Option<&str>,
        birth: Option<chrono::NaiveDate>,
    ) -> Self {
        let h = |s: &str| (xxh3_64_with_seed(s.as_bytes(), PERSON_SEED) & 0xffff) as u16;
        PersonKey {
            pnr: personnummer.and_then(super::text::pnr_ten).map(|t| h(&t)),
            name_birth: match (name, birth) {
                (Some(n), Some(b)) => Some(h(&format!("{}|{b}", super::text::fold(n)))),
                _ => None,
            },
        }
    }

    /// Both keys name the same person: equal personnummer keys when both have one,
    /// otherwise equal name-and-birth-date keys.
    pub fn same_person(&self, other: &PersonKey) -> bool {
        match (self.pnr, other.pnr) {
            (Some(a), Some(b)) => a == b,
            _ => matches!((self.name_birth, other.name_birth), (Some(a), Some(b)) if a == b),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("kunde inte läsa eller skriva indexfilen `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` är inte ett index från beslutskoll (fel filhuvud)")]
    NotAnIndex { path: PathBuf },
    #[error("indexfilen `{path}` har version {found}; den här versionen av beslutskoll läser version {VERSION}")]
    Version { path: PathBuf, found: u32 },
    #[error("indexfilen `{path}` är skadad vid byte {offset}: {what}")]
    Corrupt {
        path: PathBuf,
        offset: usize,
        what: &'static str,
    },
}

/// Options for [`CorpusIndex::query`].
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOptions {
    /// Report texts whose Jaccard similarity with the draft is at least this.
    pub threshold: f64,
    /// At most this many matches, most similar first.
    pub max_results: usize,
    /// A candidate must share at least this many LSH bands before it is verified.
    /// 2 keeps 99.9 % of the pairs at J = 0.8 and halves the work at J = 0.5.
    pub min_band_hits: usize,
    /// A draft sentence matches when at least this share of the shingles that start in
    /// it are in the earlier text.
    pub sentence_share: f64,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            threshold: 0.8,
            max_results: 10,
            min_band_hits: 2,
            sentence_share: 0.5,
        }
    }
}

/// One earlier text the draft nearly copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The earlier case's id.
    pub id: String,
    pub part: Part,
    /// Jaccard similarity of the two texts' normalised 5-word shingle sets, as measured
    /// against the stored Bloom filter (an upper bound, within a few thousandths).
    pub similarity: f64,
    pub person: PersonKey,
    /// Byte ranges of the draft text's sentences that the earlier text contains.
    pub sentences: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
struct Doc {
    id: Range<u32>,
    part: Part,
    person: PersonKey,
    shingles: u32,
    bloom: Range<u32>,
}

/// Fingerprints of earlier decisions (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct CorpusIndex {
    /// Shingles of the standard paragraphs the index was built with, sorted.
    standard: Vec<u64>,
    ids: String,
    docs: Vec<Doc>,
    blooms: Vec<u64>,
    /// Per band, `(key, doc)` sorted.
    tables: Vec<Vec<(u32, u32)>>,
}

/// A text ready to index or query: normalised tokens and shingles, standard
/// paragraphs removed.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub tokens: Vec<Token>,
    /// `(hash, first token)` in text order, standard shingles removed.
    pub shingles: Vec<(u64, usize)>,
    /// Distinct hashes of `shingles`, sorted.
    pub set: Vec<u64>,
    /// Byte ranges of the text's sentences (indexed by [`Token::sentence`]).
    pub sentences: Vec<Range<usize>>,
}

impl Prepared {
    pub fn new(text: &str, known_names: &HashSet<String>, standard: &[u64]) -> Prepared {
        let tokens = normalise(text, known_names);
        let shingles: Vec<(u64, usize)> = shingles(&tokens)
            .into_iter()
            .filter(|(h, _)| standard.binary_search(h).is_err())
            .collect();
        let mut set: Vec<u64> = shingles.iter().map(|(h, _)| *h).collect();
        set.sort_unstable();
        set.dedup();
        Prepared {
            tokens,
            shingles,
            set,
            sentences: super::text::sentences(text),
        }
    }
}

/// One text's record, before it enters the tables.
struct Fingerprint {
    id: String,
    part: Part,
    person: PersonKey,
    shingles: u32,
    bloom: Vec<u64>,
    bands: [u32; BANDS],
}

fn bloom_positions(x: u64, bits: u64) -> impl Iterator<Item = u64> {
    let h1 = x & 0xffff_ffff;
    let h2 = (x >> 32) | 1;
    (0..u64::from(BLOOM_PROBES)).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
}

fn bloom_of(set: &[u64]) -> Vec<u64> {
    let words = (set.len() * BLOOM_BITS_PER_ITEM).div_ceil(64).max(1);
    let bits = (words * 64) as u64;
    let mut b = vec![0u64; words];
    for &x in set {
        for p in bloom_positions(x, bits) {
            b[(p / 64) as usize] |= 1 << (p % 64);
        }
    }
    b
}

fn bloom_has(b: &[u64], x: u64) -> bool {
    let bits = (b.len() * 64) as u64;
    bloom_positions(x, bits).all(|p| b[(p / 64) as usize] & (1 << (p % 64)) != 0)
}

/// The standard paragraphs' shingle hashes, sorted.
fn standard_shingles(cfg: &CopyConfig) -> Vec<u64> {
    let none = HashSet::new();
    let mut s: Vec<u64> = cfg
        .standard_paragraphs
        .iter()
        .flat_map(|p| shingles(&normalise(p, &none)).into_iter().map(|(h, _)| h))
        .collect();
    s.sort_unstable();
    s.dedup();
    s
}

fn merge_sorted(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v: Vec<u64> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn fingerprints(entries: &[CorpusEntry], standard: &[u64]) -> Vec<Fingerprint> {
    entries
        .par_iter()
        .flat_map_iter(|e| {
            let names: HashSet<String> = e.names.iter().cloned().collect();
            e.texts
                .iter()
                .filter_map(|t| {
                    // Only the set is needed here, not the sentences of a query.
                    let mut set: Vec<u64> = shingles(&normalise(&t.text, &names))
                        .into_iter()
                        .map(|(h, _)| h)
                        .filter(|h| standard.binary_search(h).is_err())
                        .collect();
                    set.sort_unstable();
                    set.dedup();
                    (set.len() >= MIN_SHINGLES).then(|| Fingerprint {
                        id: e.id.clone(),
                        part: t.part,
                        person: e.person,
                        shingles: u32::try_from(set.len()).unwrap_or(u32::MAX),
                        bloom: bloom_of(&set),
                        bands: band_keys(&signature(&set)),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What [`CorpusIndex::add`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Texts fingerprinted and added.
    pub added: usize,
    /// Entries skipped because their id is already in the index (earlier decisions do
    /// not change; remove the index and build it again to replace one).
    pub skipped: usize,
}

impl CorpusIndex {
    /// Fingerprint `entries` (on all cores) into a new index. Standard paragraphs of
    /// `cfg` are removed from every text and remembered, so that texts added and
    /// queried later lose them too.
    pub fn build(entries: &[CorpusEntry], cfg: &CopyConfig) -> CorpusIndex {
        let mut idx = CorpusIndex {
            standard: standard_shingles(cfg),
            tables: vec![Vec::new(); BANDS],
            ..CorpusIndex::default()
        };
        idx.add(entries, cfg);
        idx
    }

    /// Add entries whose id the index does not hold yet; existing fingerprints are not
    /// recomputed (the earlier texts are not needed).
    pub fn add(&mut self, entries: &[CorpusEntry], cfg: &CopyConfig) -> AddReport {
        let (fresh, skipped) = self.fresh(entries);
        self.standard = merge_sorted(&self.standard, &standard_shingles(cfg));
        let fps = fingerprints(&fresh, &self.standard);
        let added = fps.len();
        for fp in fps {
            self.insert(fp);
        }
        self.sort_tables();
        AddReport { added, skipped }
    }

    fn fresh(&self, entries: &[CorpusEntry]) -> (Vec<CorpusEntry>, usize) {
        let have: HashSet<&str> = self.docs.iter().map(|d| self.id_of(d)).collect();
        let mut seen = HashSet::new();
        let mut fresh = Vec::new();
        let mut skipped = 0;
        for e in entries {
            if have.contains(e.id.as_str()) || !seen.insert(e.id.clone()) {
                skipped += 1;
            } else {
                fresh.push(e.clone());
            }
        }
        (fresh, skipped)
    }

    fn insert(&mut self, fp: Fingerprint) {
        if self.tables.len() != BANDS {
            self.tables = vec![Vec::new(); BANDS];
        }
        let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let id_start = self.ids.len() as u32;
        self.ids.push_str(&fp.id);
        let bloom_start = self.blooms.len() as u32;
        self.blooms.extend_from_slice(&fp.bloom);
        self.docs.push(Doc {
            id: id_start..self.ids.len() as u32,
            part: fp.part,
            person: fp.person,
            shingles: fp.shingles,
            bloom: bloom_start..self.blooms.len() as u32,
        });
        for (t, k) in self.tables.iter_mut().zip(fp.bands) {
            t.push((k, doc));
        }
    }

    fn sort_tables(&mut self) {
        // A stable sort finds the already sorted run and merges the new tail in
        // linear time.
        for t in &mut self.tables {
            t.sort();
        }
    }

    fn id_of(&self, d: &Doc) -> &str {
        &self.ids[d.id.start as usize..d.id.end as usize]
    }

    /// Number of indexed texts.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Distinct earlier cases (ids) in the index.
    pub fn case_count(&self) -> usize {
        self.docs
            .iter()
            .map(|d| self.id_of(d))
            .collect::<HashSet<_>>()
            .len()
    }

    /// Bytes of memory the index holds (tables, filters, ids, records).
    pub fn memory_bytes(&self) -> usize {
        self.tables.iter().map(|t| t.capacity() * 8).sum::<usize>()
            + self.blooms.capacity() * 8
            + self.ids.capacity()
            + self.docs.capacity() * std::mem::size_of::<Doc>()
            + self.standard.capacity() * 8
    }

    /// The standard-paragraph shingles to remove from a draft: the index's and `cfg`'s.
    pub fn standard_for(&self, cfg: &CopyConfig) -> Vec<u64> {
        merge_sorted(&self.standard, &standard_shingles(cfg))
    }

    /// Earlier texts that `text` nearly copies. `known_names` are the lower-case name
    /// words of the draft case's people (for normalisation).
    pub fn query(
        &self,
        text: &str,
        known_names: &HashSet<String>,
        cfg: &CopyConfig,
        opts: &QueryOptions,
    ) -> Vec<Match> {
        let p = Prepared::new(text, known_names, &self.standard_for(cfg));
        self.query_prepared(&p, opts)
    }

    /// [`Self::query`] for a text already prepared with [`Self::standard_for`].
    pub fn query_prepared(&self, p: &Prepared, opts: &QueryOptions) -> Vec<Match> {
        if p.set.len() < MIN_SHINGLES || self.docs.is_empty() {
            return Vec::new();
        }
        let keys = band_keys(&signature(&p.set));
        let mut cands: Vec<u32> = Vec::new();
        for (t, k) in self.tables.iter().zip(keys) {
            let from = t.partition_point(|&(x, _)| x < k);
            cands.extend(
                t[from..]
                    .iter()
                    .take_while(|&&(x, _)| x == k)
                    .map(|&(_, d)| d),
            );
        }
        cands.sort_unstable();
        let mut out = Vec::new();
        let mut i = 0;
        while i < cands.len() {
            let d = cands[i];
            let mut j = i;
            while j < cands.len() && cands[j] == d {
                j += 1;
            }
            let hits = j - i;
            i = j;
            if hits < opts.min_band_hits {
                continue;
            }
            let doc = &self.docs[d as usize];
            let bloom = &self.blooms[doc.bloom.start as usize..doc.bloom.end as usize];
            let sim = self.similarity(p, doc, bloom);
            if sim >= opts.threshold {
                out.push(Match {
                    id: self.id_of(doc).to_string(),
                    part: doc.part,
                    similarity: sim,
                    person: doc.person,
                    sentences: matching_sentences(p, bloom, opts.sentence_share),
                });
            }
        }
        out.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| a.part.cmp(&b.part))
        });
        out.truncate(opts.max_results);
        out
    }

    /// Jaccard similarity of the draft's set and an indexed text, from the draft
    /// shingles found in the text's Bloom filter. A false positive can only add a hit,
    /// so this is an upper bound, too high by the filter's false-positive rate (about
    /// 0.3 %) times the draft shingles the text lacks: at most a few thousandths. An
    /// upper bound keeps every pair at or above the threshold (the harness found pairs
    /// at exactly 0.8 that a bias-corrected estimate put at 0.7997).
    fn similarity(&self, p: &Prepared, doc: &Doc, bloom: &[u64]) -> f64 {
        let a = p.set.len() as f64;
        let b = f64::from(doc.shingles);
        let inter = (p.set.iter().filter(|&&x| bloom_has(bloom, x)).count() as f64).min(b);
        inter / (a + b - inter)
    }

    /// Write the whole index to `path`.
    pub fn save(&self, path: &Path) -> Result<(), IndexError> {
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::create(path).map_err(io)?;
        let mut w = BufWriter::new(file);
        w.write_all(&self.header_bytes()).map_err(io)?;
        let bands = self.doc_bands();
        for (i, d) in self.docs.iter().enumerate() {
            let bloom = &self.blooms[d.bloom.start as usize..d.bloom.end as usize];
            w.write_all(&record_bytes(
                self.id_of(d),
                d.part,
                d.person,
                d.shingles,
                bloom,
                &bands[i],
            ))
            .map_err(io)?;
        }
        w.flush().map_err(io)
    }

    /// Append fingerprints of `entries` whose ids are new to the index file at `path`
    /// without rewriting it; returns what was added.
    pub fn append_to_file(
        path: &Path,
        entries: &[CorpusEntry],
        cfg: &CopyConfig,
    ) -> Result<AddReport, IndexError> {
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let existing = CorpusIndex::load(path)?;
        let (fresh, skipped) = existing.fresh(entries);
        // New texts lose the standard paragraphs the index was built with, plus any
        // the rule files have added since.
        let standard = existing.standard_for(cfg);
        let fps = fingerprints(&fresh, &standard);
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(io)?;
        let mut buf = Vec::new();
        for fp in &fps {
            buf.extend(record_bytes(
                &fp.id,
                fp.part,
                fp.person,
                fp.shingles,
                &fp.bloom,
                &fp.bands,
            ));
        }
        f.write_all(&buf).map_err(io)?;
        f.flush().map_err(io)?;
        Ok(AddReport {
            added: fps.len(),
            skipped,
        })
    }

    fn doc_bands(&self) -> Vec<[u32; BANDS]> {
        let mut out = vec![[0u32; BANDS]; self.docs.len()];
        for (b, t) in self.tables.iter().enumerate() {
            for &(k, d) in t {
                out[d as usize][b] = k;
            }
        }
        out
    }

    fn header_bytes(&self) -> Vec<u8> {
        let mut h = Vec::new();
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&VERSION.to_le_bytes());
        h.push(SHINGLE_WORDS as u8);
        h.extend_from_slice(&(NUM_PERM as u16).to_le_bytes());
        h.extend_from_slice(&(BANDS as u16).to_le_bytes());
        h.extend_from_slice(&(ROWS as u16).to_le_bytes());
        h.push(BLOOM_BITS_PER_ITEM as u8);
        h.push(BLOOM_PROBES as u8);
        h.extend_from_slice(&(self.standard.len() as u32).to_le_bytes());
        for s in &self.standard {
            h.extend_from_slice(&s.to_le_bytes());
        }
        let sum = xxh3_64_with_seed(&h, 0);
        h.extend_from_slice(&sum.to_le_bytes());
        h
    }

    /// Read an index written by [`Self::save`] (and perhaps appended to).
    pub fn load(path: &Path) -> Result<CorpusIndex, IndexError> {
        let mut bytes = Vec::new();
        File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|source| IndexError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Self::from_bytes(&bytes, path)
    }

    /// Parse index bytes; `path` only names the file in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<CorpusIndex, IndexError> {
        let mut r = Reader {
            b: bytes,
            pos: 0,
            path,
        };
        if r.take(8, "filhuvud saknas").ok() != Some(&MAGIC[..]) {
            return Err(IndexError::NotAnIndex {
                path: path.to_path_buf(),
            });
        }
        let version = r.u32("versionsnummer saknas")?;
        if version != VERSION {
            return Err(IndexError::Version {
                path: path.to_path_buf(),
                found: version,
            });
        }
        let params = (
            r.u8("parametrar saknas")?,
            r.u16("parametrar saknas")?,
            r.u16("parametrar saknas")?,
            r.u16("parametrar saknas")?,
            r.u8("parametrar saknas")?,
            r.u8("parametrar saknas")?,
        );
        let expected = (
            SHINGLE_WORDS as u8,
            NUM_PERM as u16,
            BANDS as u16,
            ROWS as u16,
            BLOOM_BITS_PER_ITEM as u8,
            BLOOM_PROBES as u8,
        );
        if params != expected {
            return Err(r.corrupt("parametrarna stämmer inte med version 1"));
        }
        let n = r.u32("antal standardstycken saknas")? as usize;
        let mut standard = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            standard.push(r.u64("standardstyckenas fingeravtryck är avkortade")?);
        }
        let header_end = r.pos;
        let sum = r.u64("filhuvudets kontrollsumma saknas")?;
        if sum != xxh3_64_with_seed(&bytes[..header_end], 0) {
            return Err(r.corrupt("filhuvudets kontrollsumma stämmer inte"));
        }
        let mut idx = CorpusIndex {
            standard,
            tables: vec![Vec::new(); BANDS],
            ..CorpusIndex::default()
        };
        while r.pos < bytes.len() {
            let len = r.u32("postens längd är avkortad")? as usize;
            let body_start = r.pos;
            let body = r.take(len, "posten är avkortad")?;
            let sum = r.u64("postens kontrollsumma saknas")?;
            if sum != xxh3_64_with_seed(body, 0) {
                r.pos = body_start;
                return Err(r.corrupt("postens kontrollsumma stämmer inte"));
            }
            let mut b = Reader {
                b: body,
                pos: 0,
                path,
            };
            let fp = parse_record(&mut b).map_err(|e| match e {
                IndexError::Corrupt { path, offset, what } => IndexError::Corrupt {
                    path,
                    offset: offset + body_start,
                    what,
                },
                other => other,
            })?;
            idx.insert(fp);
        }
        idx.sort_tables();
        Ok(idx)
    }
}

fn record_bytes(
    id: &str,
    part: Part,
    person: PersonKey,
    shingles: u32,
    bloom: &[u64],
    bands: &[u32; BANDS],
) -> Vec<u8> {
    let mut b = Vec::with_capacity(32 + id.len() + bloom.len() * 8 + BANDS * 4);
    let id = truncate_utf8(id, u16::MAX as usize);
    b.extend_from_slice(&(id.len() as u16).to_le_bytes());
    b.extend_from_slice(id.as_bytes());
    let (kind, i) = match part {
        Part::Text => (0u8, 0u16),
        Part::Bedomning => (1, 0),
        Part::Motivering(i) => (2, i),
    };
    b.push(kind);
    b.extend_from_slice(&i.to_le_bytes());
    let flags = u8::from(person.pnr.is_some()) | (u8::from(person.name_birth.is_some()) << 1);
    b.push(flags);
    b.extend_from_slice(&person.pnr.unwrap_or(0).to_le_bytes());
    b.extend_from_slice(&person.name_birth.unwrap_or(0).to_le_bytes());
    b.extend_from_slice(&shingles.to_le_bytes());
    b.extend_from_slice(&(bloom.len() as u16).to_le_bytes());
    for w in bloom {
        b.extend_from_slice(&w.to_le_bytes());
    }
    for k in bands {
        b.extend_from_slice(&k.to_le_bytes());
    }
    let mut out = Vec::with_capacity(b.len() + 12);
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    let sum = xxh3_64_with_seed(&b, 0);
    out.extend(b);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn truncate_utf8(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn parse_record(r: &mut Reader<'_>) -> Result<Fingerprint, IndexError> {
    let id_len = r.u16("id saknas")? as usize;
    let id = std::str::from_utf8(r.take(id_len, "id är avkortat")?)
        .map_err(|_| r.corrupt("id är inte UTF-8"))?
        .to_string();
    let kind = r.u8("del saknas")?;
    let i = r.u16("del saknas")?;
    let part = match kind {
        0 => Part::Text,
        1 => Part::Bedomning,
        2 => Part::Motivering(i),
        _ => return Err(r.corrupt("okänd del")),
    };
    let flags = r.u8("personnyckel saknas")?;
    let pnr = r.u16("personnyckel saknas")?;
    let nb = r.u16("personnyckel saknas")?;
    let person = PersonKey {
        pnr: (flags & 1 != 0).then_some(pnr),
        name_birth: (flags & 2 != 0).then_some(nb),
    };
    let shingles = r.u32("antal shinglar saknas")?;
    let words = r.u16("filtrets längd saknas")? as usize;
    if words == 0 {
        return Err(r.corrupt("tomt filter"));
    }
    let mut bloom = Vec::with_capacity(words);
    for _ in 0..words {
        bloom.push(r.u64("filtret är avkortat")?);
    }
    let mut bands = [0u32; BANDS];
    for k in &mut bands {
        *k = r.u32("bandnycklar saknas")?;
    }
    if r.pos != r.b.len() {
        return Err(r.corrupt("posten är längre än väntat"));
    }
    Ok(Fingerprint {
        id,
        part,
        person,
        shingles,
        bloom,
        bands,
    })
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Reader<'a> {
    fn corrupt(&self, what: &'static str) -> IndexError {
        IndexError::Corrupt {
            path: self.path.to_path_buf(),
            offset: self.pos,
            what,
        }
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], IndexError> {
        if self.b.len() - self.pos < n {
            return Err(self.corrupt(what));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, IndexError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, IndexError> {
        let s = self.take(2, what)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, IndexError> {
        let s = self.take(4, what)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, IndexError> {
        let s = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

/// Byte ranges of the draft's sentences whose shingles are mostly in `bloom`.
fn matching_sentences(p: &Prepared, bloom: &[u64], share: f64) -> Vec<Range<usize>> {
    let Some(last) = p.tokens.last() else {
        return Vec::new();
    };
    let n = last.sentence + 1;
    let mut total = vec![0usize; n];
    let mut hit = vec![0usize; n];
    for &(h, start) in &p.shingles {
        let s = p.tokens[start].sentence;
        total[s] += 1;
        if bloom_has(bloom, h) {
            hit[s] += 1;
        }
    }
    (0..n)
        .filter(|&s| total[s] > 0 && hit[s] as f64 >= share * total[s] as f64)
        .filter_map(|s| p.sentences.get(s).cloned())
        .collect()
}
