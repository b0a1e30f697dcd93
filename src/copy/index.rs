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
//! The file format ([`format`]) is used in place: [`CorpusIndex::load`] maps the file
//! read-only into memory and checks its header and block checksums, and a query reads
//! (and checks against their sums) the few blocks it needs, so a check against a
//! million decisions starts without reading the index into structures, and several
//! processes on one machine share one copy of it in the page cache.
//! Building streams ([`build`]): texts are fingerprinted and dropped. A file is never
//! changed in place; a new one replaces it by rename.

use std::collections::HashSet;
use std::fs::File;
use std::io::Cursor;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::minhash::{band_keys, signature, BANDS};
use super::shingle::{normalise, shingles, Token};
use super::{CopyConfig, CorpusEntry};

pub mod build;
pub mod format;

pub use build::{build_file, AddReport, BuildError};
pub use format::{MAGIC, VERSION};

use build::{fingerprint_entry, replace_file, Builder, Fingerprint, TempFile};
use format::{block_ok, corrupt, doc_record, u32_at, Layout, Section, DOC_LEN, ENTRY_LEN};
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
    #[error("indexfilen `{path}` har formatversion {found}, men den här versionen av beslutskoll läser formatversion {VERSION}: bygg om indexet med `beslutskoll corpus build`")]
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
    pub fn new(text: &str, standard: &[u64]) -> Prepared {
        let tokens = normalise(text);
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

fn bloom_positions(x: u64, bits: u64) -> impl Iterator<Item = u64> {
    let h1 = x & 0xffff_ffff;
    let h2 = (x >> 32) | 1;
    (0..u64::from(BLOOM_PROBES)).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
}

pub(crate) fn bloom_of(set: &[u64]) -> Vec<u64> {
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

/// Whether the filter `b` (little-endian words, as stored) may hold `x`.
fn bloom_has(b: &[u8], x: u64) -> bool {
    let bits = (b.len() / 8 * 64) as u64;
    bits > 0
        && bloom_positions(x, bits).all(|p| {
            let byte = (p / 8) as usize;
            b.get(byte).is_some_and(|v| v & (1 << (p % 8)) != 0)
        })
}

/// The standard paragraphs' shingle hashes, sorted.
///
/// The paragraphs are the same for every case of a run, but each near-copy query
/// asked for them (160 k instructions a case, a third of the batch audit), so the last
/// paragraphs and their shingles are kept; a different configuration (another rule
/// folder) is compared in full and computes its own.
pub(crate) fn standard_shingles(cfg: &CopyConfig) -> Arc<Vec<u64>> {
    type Last = Option<(Vec<String>, Arc<Vec<u64>>)>;
    static LAST: Mutex<Last> = Mutex::new(None);
    if let Ok(last) = LAST.lock() {
        if let Some((paragraphs, shingles)) = &*last {
            if *paragraphs == cfg.standard_paragraphs {
                return Arc::clone(shingles);
            }
        }
    }
    let mut s: Vec<u64> = cfg
        .standard_paragraphs
        .iter()
        .flat_map(|p| shingles(&normalise(p)).into_iter().map(|(h, _)| h))
        .collect();
    s.sort_unstable();
    s.dedup();
    let s = Arc::new(s);
    if let Ok(mut last) = LAST.lock() {
        *last = Some((cfg.standard_paragraphs.clone(), Arc::clone(&s)));
    }
    s
}

fn merge_sorted(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v: Vec<u64> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The bytes an index is read from: a read-only map of its file, or memory.
#[derive(Clone)]
enum Data {
    Owned(Arc<Vec<u8>>),
    Mapped(Arc<memmap2::Mmap>),
}

impl Data {
    fn bytes(&self) -> &[u8] {
        match self {
            Data::Owned(v) => v,
            Data::Mapped(m) => m,
        }
    }
}

/// Fingerprints of earlier decisions (see the module docs), in the file format of
/// [`format`], read where they lie.
#[derive(Clone)]
pub struct CorpusIndex {
    data: Data,
    layout: Layout,
    /// The file's name, for errors.
    path: Arc<Path>,
    /// One bit per block of the body: set once the block matched its checksum.
    checked: Arc<[AtomicU64]>,
    /// Shingles of the standard paragraphs the index was built with, sorted.
    standard: Vec<u64>,
}

impl std::fmt::Debug for CorpusIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusIndex")
            .field("texts", &self.layout.n_docs)
            .field("bytes", &self.data.bytes().len())
            .field("mapped", &matches!(self.data, Data::Mapped(_)))
            .finish()
    }
}

impl Default for CorpusIndex {
    /// An index of nothing.
    fn default() -> Self {
        CorpusIndex::build(&[], &CopyConfig::default())
    }
}

impl CorpusIndex {
    /// Fingerprint `entries` (on all cores) into a new index in memory. Standard
    /// paragraphs of `cfg` are removed from every text and remembered, so that texts
    /// added and queried later lose them too. Entries whose id came earlier are skipped.
    pub fn build(entries: &[CorpusEntry], cfg: &CopyConfig) -> CorpusIndex {
        Self::assemble(None, entries, standard_shingles(cfg).to_vec()).0
    }

    /// Write `base`'s texts (if any) and the fingerprints of `entries` with new ids into
    /// a new index in memory.
    fn assemble(
        base: Option<&CorpusIndex>,
        entries: &[CorpusEntry],
        standard: Vec<u64>,
    ) -> (CorpusIndex, AddReport) {
        let size = base.map_or(1 << 12, |b| b.data.bytes().len() + (1 << 12));
        let run = || -> std::io::Result<(Vec<u8>, AddReport)> {
            let mut b = Builder::new(Cursor::new(Vec::with_capacity(size)), standard)?;
            if let Some(base) = base {
                b.copy_from(base)?;
            }
            let report = push_entries(&mut b, entries)?;
            Ok((b.finish()?.into_inner(), report))
        };
        // Writing to memory fails only if the base index was damaged, and `add` checks
        // it whole first.
        let (bytes, report) = run().expect("writing an index to memory does not fail");
        let index = Self::from_vec(bytes, Path::new("<minne>"))
            .expect("an index just written in memory reads back");
        (index, report)
    }

    /// Add entries whose id the index does not hold yet; existing fingerprints are
    /// copied, not recomputed (the earlier texts are not needed). The index is checked
    /// whole first ([`Self::verify`]): a damaged index is never extended.
    pub fn add(
        &mut self,
        entries: &[CorpusEntry],
        cfg: &CopyConfig,
    ) -> Result<AddReport, IndexError> {
        self.verify()?;
        let (index, report) = Self::assemble(Some(self), entries, self.standard_for(cfg));
        *self = index;
        Ok(report)
    }

    /// Number of indexed texts.
    pub fn len(&self) -> usize {
        self.layout.n_docs
    }

    pub fn is_empty(&self) -> bool {
        self.layout.n_docs == 0
    }

    /// Distinct earlier cases (ids) in the index.
    pub fn case_count(&self) -> Result<usize, IndexError> {
        let mut ids = HashSet::new();
        for d in 0..self.len() {
            ids.insert(self.doc_parts(d)?.1);
        }
        Ok(ids.len())
    }

    /// Bytes of the index (the file's size; when mapped, pages not read take no memory).
    pub fn memory_bytes(&self) -> usize {
        self.data.bytes().len() + self.standard.capacity() * 8
    }

    /// Whether the index is read from a memory-mapped file.
    pub fn is_mapped(&self) -> bool {
        matches!(self.data, Data::Mapped(_))
    }

    fn corrupt(&self, offset: usize, what: &'static str) -> IndexError {
        corrupt(&self.path, offset, what)
    }

    /// Bytes `range` of the file (inside the body), each of their blocks checked
    /// against its sum the first time it is read.
    fn read(&self, range: Range<usize>) -> Result<&[u8], IndexError> {
        let body = self.layout.body();
        if range.start < body.start || range.end > body.end || range.start > range.end {
            return Err(self.corrupt(range.start, "en post pekar utanför filen"));
        }
        if range.is_empty() {
            return Ok(&[]);
        }
        let first = (range.start - body.start) / format::BLOCK;
        let last = (range.end - 1 - body.start) / format::BLOCK;
        for b in first..=last {
            self.check_block(b)?;
        }
        Ok(&self.data.bytes()[range])
    }

    fn check_block(&self, b: usize) -> Result<(), IndexError> {
        let (word, bit) = (&self.checked[b / 64], 1u64 << (b % 64));
        if word.load(Ordering::Relaxed) & bit != 0 {
            return Ok(());
        }
        if !block_ok(self.data.bytes(), &self.layout, b) {
            return Err(self.corrupt(
                self.layout.body().start + b * format::BLOCK,
                "kontrollsumman stämmer inte (filen är skadad)",
            ));
        }
        word.fetch_or(bit, Ordering::Relaxed);
        Ok(())
    }

    /// Check the whole file: every block against its sum and every text record
    /// against the sections it points into. Opening checks only the header and the
    /// block sums themselves; a query checks the blocks it reads. This is
    /// `beslutskoll corpus verify`, and runs before an index is extended.
    pub fn verify(&self) -> Result<(), IndexError> {
        let bad = (0..self.layout.blocks())
            .into_par_iter()
            .find_first(|&b| self.check_block(b).is_err());
        if let Some(b) = bad {
            return self.check_block(b);
        }
        for d in 0..self.len() {
            self.doc_parts(d)?;
        }
        Ok(())
    }

    /// Text `d`'s record, id and Bloom filter bytes.
    fn doc_parts(&self, d: usize) -> Result<(format::DocRec, &str, &[u8]), IndexError> {
        let docs = self.layout.range(Section::Docs);
        let at = d
            .checked_mul(DOC_LEN)
            .and_then(|at| at.checked_add(docs.start))
            .filter(|at| at + DOC_LEN <= docs.end)
            .ok_or_else(|| self.corrupt(docs.start, "en post pekar utanför filen"))?;
        let record = self.read(at..at + DOC_LEN)?;
        let ids_range = self.layout.range(Section::Ids);
        let blooms_range = self.layout.range(Section::Blooms);
        // The record's own fields, checked against the sections' extents first.
        let rec = doc_record(record, ids_range.len(), blooms_range.len() / 8)
            .map_err(|what| self.corrupt(at, what))?;
        let id_bytes = self.read(ids_range.start + rec.id.start..ids_range.start + rec.id.end)?;
        let id = std::str::from_utf8(id_bytes)
            .map_err(|_| self.corrupt(at, "en post pekar utanför filen"))?;
        let bloom = self.read(
            blooms_range.start + rec.bloom.start * 8..blooms_range.start + rec.bloom.end * 8,
        )?;
        Ok((rec, id, bloom))
    }

    /// Band `b`'s table: its byte range in the file, `(key, text)` entries of 8 bytes,
    /// sorted.
    fn table(&self, b: usize) -> Range<usize> {
        let len = self.layout.n_docs * ENTRY_LEN;
        let start = self.layout.range(Section::Tables).start + b * len;
        start..start + len
    }

    /// Each text's band keys, from the tables.
    fn doc_bands(&self) -> Result<Vec<[u32; BANDS]>, IndexError> {
        let mut out = vec![[0u32; BANDS]; self.len()];
        for b in 0..BANDS {
            for e in self.read(self.table(b))?.chunks_exact(ENTRY_LEN) {
                if let (Some(k), Some(d)) = (u32_at(e, 0), u32_at(e, 4)) {
                    if let Some(row) = out.get_mut(d as usize) {
                        row[b] = k;
                    }
                }
            }
        }
        Ok(out)
    }

    /// The standard-paragraph shingles to remove from a draft: the index's and `cfg`'s.
    pub fn standard_for(&self, cfg: &CopyConfig) -> Vec<u64> {
        merge_sorted(&self.standard, &standard_shingles(cfg))
    }

    /// Earlier texts that `text` nearly copies; an error when a block the query reads
    /// does not match its checksum.
    pub fn query(
        &self,
        text: &str,
        cfg: &CopyConfig,
        opts: &QueryOptions,
    ) -> Result<Vec<Match>, IndexError> {
        let p = Prepared::new(text, &self.standard_for(cfg));
        self.query_prepared(&p, opts)
    }

    /// [`Self::query`] for a text already prepared with [`Self::standard_for`].
    pub fn query_prepared(
        &self,
        p: &Prepared,
        opts: &QueryOptions,
    ) -> Result<Vec<Match>, IndexError> {
        if p.set.len() < MIN_SHINGLES || self.is_empty() {
            return Ok(Vec::new());
        }
        let keys = band_keys(&signature(&p.set));
        let mut cands: Vec<u32> = Vec::new();
        for (b, k) in keys.into_iter().enumerate() {
            let t = self.table(b);
            let n = t.len() / ENTRY_LEN;
            // Entry `i`: (key, text), read where it lies (its block checked).
            let entry = |i: usize| -> Result<(u32, u32), IndexError> {
                let at = t.start + i * ENTRY_LEN;
                let e = self.read(at..at + ENTRY_LEN)?;
                Ok((
                    u32_at(e, 0).unwrap_or(u32::MAX),
                    u32_at(e, 4).unwrap_or(u32::MAX),
                ))
            };
            // Binary search over the entries.
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if entry(mid)?.0 < k {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            while lo < n {
                let (key, d) = entry(lo)?;
                if key != k {
                    break;
                }
                cands.push(d);
                lo += 1;
            }
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
            let (doc, id, bloom) = self.doc_parts(d as usize)?;
            let sim = similarity(p, doc.shingles, bloom);
            if sim >= opts.threshold {
                out.push(Match {
                    id: id.to_string(),
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
        Ok(out)
    }

    /// The index's bytes, as [`Self::save`] writes them.
    pub fn as_bytes(&self) -> &[u8] {
        self.data.bytes()
    }

    /// Write the index to `path`: to a temporary file beside it, flushed to disk, then
    /// renamed over `path`, so `path` is always either the old index or the new one.
    pub fn save(&self, path: &Path) -> Result<(), IndexError> {
        replace_file(path, |mut f| {
            use std::io::Write;
            f.write_all(self.data.bytes())
        })
    }

    /// Add the fingerprints of `entries` whose ids are new to the index file at `path`
    /// and replace the file (as [`Self::save`] does); the existing fingerprints are
    /// copied, not recomputed. Returns what was added.
    pub fn add_to_file(
        path: &Path,
        entries: &[CorpusEntry],
        cfg: &CopyConfig,
    ) -> Result<AddReport, IndexError> {
        let existing = CorpusIndex::load(path)?;
        // A damaged index is never extended: the copy would carry the damage on under
        // new checksums.
        existing.verify()?;
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut tmp = TempFile::new(path).map_err(io)?;
        let mut b =
            Builder::new(tmp.file().map_err(io)?, existing.standard_for(cfg)).map_err(io)?;
        b.copy_from(&existing).map_err(io)?;
        let report = push_entries(&mut b, entries).map_err(io)?;
        b.finish().map_err(io)?;
        tmp.commit().map_err(io)?;
        Ok(report)
    }

    /// Open the index file at `path`: map it read-only and check its header and block
    /// sums; the blocks themselves are checked as they are read ([`Self::verify`]
    /// checks all of them). The file must not be changed in place while it is open;
    /// beslutskoll itself only ever replaces index files by rename.
    pub fn load(path: &Path) -> Result<CorpusIndex, IndexError> {
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        if len < format::HEADER_LEN as u64 {
            // Too short to map usefully (and an empty map is an error on some systems).
            let bytes = std::fs::read(path).map_err(io)?;
            return Self::from_vec(bytes, path);
        }
        // SAFETY: the map is read-only and this process never writes the file; index
        // files are replaced by rename, never rewritten in place, so the mapped bytes
        // do not change under the reader (see `build.rs`).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Self::open(Data::Mapped(Arc::new(map)), path)
    }

    /// Check index bytes (as [`Self::load`] checks a file) and hold a copy of them;
    /// `path` only names the file in errors. Never panics, whatever the bytes.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<CorpusIndex, IndexError> {
        Self::from_vec(bytes.to_vec(), path)
    }

    fn from_vec(bytes: Vec<u8>, path: &Path) -> Result<CorpusIndex, IndexError> {
        Self::open(Data::Owned(Arc::new(bytes)), path)
    }

    /// The header and the block sums checked ([`format::check`]), the standard
    /// paragraphs read (and their blocks checked).
    fn open(data: Data, path: &Path) -> Result<CorpusIndex, IndexError> {
        let layout = format::check(data.bytes(), path)?;
        let checked = (0..layout.blocks().div_ceil(64))
            .map(|_| AtomicU64::new(0))
            .collect();
        let mut index = CorpusIndex {
            data,
            layout,
            path: Arc::from(path),
            checked,
            standard: Vec::new(),
        };
        index.standard = index
            .read(index.layout.range(Section::Standard))?
            .chunks_exact(8)
            .filter_map(|c| format::u64_at(c, 0))
            .collect();
        Ok(index)
    }
}

/// Fingerprint `entries` with new ids on all cores and write them, in order.
fn push_entries<W: std::io::Write + std::io::Seek>(
    b: &mut Builder<W>,
    entries: &[CorpusEntry],
) -> std::io::Result<AddReport> {
    let mut report = AddReport::default();
    let fresh: Vec<&CorpusEntry> = entries
        .iter()
        .filter(|e| {
            let new = b.claim(&e.id);
            report.skipped += usize::from(!new);
            new
        })
        .collect();
    let standard = b.standard().to_vec();
    for chunk in fresh.chunks(4096) {
        let fps: Vec<Vec<Fingerprint>> = chunk
            .par_iter()
            .map(|e| fingerprint_entry(e, &standard))
            .collect();
        for fp in fps.iter().filter(|f| !f.is_empty()) {
            report.cases += 1;
            for f in fp {
                b.push(f)?;
                report.added += 1;
            }
        }
    }
    Ok(report)
}

/// Jaccard similarity of the draft's set and an indexed text, from the draft shingles
/// found in the text's Bloom filter. A false positive can only add a hit, so this is an
/// upper bound, too high by the filter's false-positive rate (about 0.3 %) times the
/// draft shingles the text lacks: at most a few thousandths. An upper bound keeps every
/// pair at or above the threshold (the harness found pairs at exactly 0.8 that a
/// bias-corrected estimate put at 0.7997).
fn similarity(p: &Prepared, shingles: u32, bloom: &[u8]) -> f64 {
    let a = p.set.len() as f64;
    let b = f64::from(shingles);
    let inter = (p.set.iter().filter(|&&x| bloom_has(bloom, x)).count() as f64).min(b);
    inter / (a + b - inter)
}

/// Byte ranges of the draft's sentences whose shingles are mostly in `bloom`.
fn matching_sentences(p: &Prepared, bloom: &[u8], share: f64) -> Vec<Range<usize>> {
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
