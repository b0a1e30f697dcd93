//! The index file, version 3: laid out so that it is used where it lies, memory-mapped
//! read-only, without being parsed into other structures. Every integer is
//! little-endian and every record has a fixed width, so a reader indexes straight into
//! the bytes (no alignment is assumed: values are read with `from_le_bytes`).
//!
//! ```text
//! header (192 bytes)
//!   0  b"BSKOLLIX"
//!   8  u32 version (3)
//!  12  u8 shingle_words · u8 bloom_bits_per_item · u8 bloom_probes · u8 0
//!  16  u16 num_perm · u16 bands · u16 rows · u16 0
//!  24  u64 texts (n) · u64 standard-paragraph shingles (s)
//!  40  6 sections × (u64 offset · u64 length · u64 xxh3 of the section's bytes),
//!      in the order standard, blooms, docs, ids, tables, sums; the xxh3 of the first
//!      five is 0 (their bytes are covered block by block by `sums`)
//! 184  u64 xxh3 of bytes 0..184
//! standard  s × u64 shingle hashes of the standard paragraphs, sorted
//! blooms    u64 words of every text's Bloom filter, one run per text
//! docs      n × 32-byte records:
//!             u64 first bloom word · u32 bloom words · u32 distinct shingles
//!             · u32 id offset · u16 id length · u8 part kind (0 text, 1 bedomning,
//!             2 motivering) · u8 person flags (1 pnr, 2 name+birth) · u16 beslut index
//!             · u16 pnr key · u16 name key · u16 0
//! ids       the texts' ids, UTF-8, concatenated
//! tables    bands × n × (u32 band key · u32 text number), each band's run sorted
//! sums      one u64 xxh3 per 4 KiB block of the bytes from the end of the header to
//!           the start of `sums` (the last block may be shorter)
//! ```
//!
//! Opening a file ([`check`]) checks the header, that every section lies inside the
//! file with the length its counts imply, and the checksum of `sums`: about 1 MB at a
//! million decisions, so a check starts in milliseconds. Every other byte is checked
//! against its block's sum the first time it is read ([`super::CorpusIndex`] keeps one
//! bit per block), so no answer is ever computed from a byte that was not checked,
//! and a query reads (and checks) only the few hundred blocks it needs.
//! [`super::CorpusIndex::verify`] checks every block and every text record at once
//! (`beslutskoll corpus verify`). Reading never panics on any bytes; anything wrong is
//! an [`IndexError`] naming the file.

use std::ops::Range;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use super::{IndexError, Part, PersonKey, BLOOM_BITS_PER_ITEM, BLOOM_PROBES};
use crate::copy::minhash::{BANDS, NUM_PERM, ROWS};
use crate::copy::shingle::SHINGLE_WORDS;

pub const MAGIC: &[u8; 8] = b"BSKOLLIX";
pub const VERSION: u32 = 3;
pub(crate) const HEADER_LEN: usize = 192;
/// Bytes per checksummed block of the body.
pub(crate) const BLOCK: usize = 4096;
pub(crate) const DOC_LEN: usize = 32;
pub(crate) const ENTRY_LEN: usize = 8;
pub(crate) const SECTIONS: usize = 6;

/// The file's sections, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Standard = 0,
    Blooms = 1,
    Docs = 2,
    Ids = 3,
    Tables = 4,
    Sums = 5,
}

/// Where each section lies, from a checked header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub n_docs: usize,
    pub sections: [Range<usize>; SECTIONS],
}

impl Layout {
    pub fn range(&self, s: Section) -> Range<usize> {
        self.sections[s as usize].clone()
    }

    /// The checksummed bytes: from the end of the header to the start of `sums`.
    pub fn body(&self) -> Range<usize> {
        HEADER_LEN..self.sections[Section::Sums as usize].start
    }

    /// Number of blocks of the body.
    pub fn blocks(&self) -> usize {
        self.body().len().div_ceil(BLOCK)
    }
}

/// The header for a file with these sections: `(offset, length, xxh3)` each.
pub(crate) fn header_bytes(
    n_docs: u64,
    n_standard: u64,
    sections: &[(u64, u64, u64); SECTIONS],
) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[0..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[12] = SHINGLE_WORDS as u8;
    h[13] = BLOOM_BITS_PER_ITEM as u8;
    h[14] = BLOOM_PROBES as u8;
    h[16..18].copy_from_slice(&(NUM_PERM as u16).to_le_bytes());
    h[18..20].copy_from_slice(&(BANDS as u16).to_le_bytes());
    h[20..22].copy_from_slice(&(ROWS as u16).to_le_bytes());
    h[24..32].copy_from_slice(&n_docs.to_le_bytes());
    h[32..40].copy_from_slice(&n_standard.to_le_bytes());
    for (i, (off, len, sum)) in sections.iter().enumerate() {
        let at = 40 + i * 24;
        h[at..at + 8].copy_from_slice(&off.to_le_bytes());
        h[at + 8..at + 16].copy_from_slice(&len.to_le_bytes());
        h[at + 16..at + 24].copy_from_slice(&sum.to_le_bytes());
    }
    let sum = xxh3_64(&h[..HEADER_SUM]);
    h[HEADER_SUM..HEADER_SUM + 8].copy_from_slice(&sum.to_le_bytes());
    h
}

/// Where the header's own checksum lies.
const HEADER_SUM: usize = 40 + SECTIONS * 24;

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

pub(crate) fn corrupt(path: &Path, offset: usize, what: &'static str) -> IndexError {
    IndexError::Corrupt {
        path: path.to_path_buf(),
        offset,
        what,
    }
}

/// Check everything about `bytes` that can be checked at open (see the module docs)
/// and say where the sections lie. `path` only names the file in errors.
pub(crate) fn check(bytes: &[u8], path: &Path) -> Result<Layout, IndexError> {
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() {
            corrupt(path, bytes.len(), "filen är avkortad i filhuvudet")
        } else {
            IndexError::NotAnIndex {
                path: path.to_path_buf(),
            }
        });
    }
    if &bytes[..8] != MAGIC {
        return Err(IndexError::NotAnIndex {
            path: path.to_path_buf(),
        });
    }
    let version = u32_at(bytes, 8).ok_or_else(|| corrupt(path, 8, "versionsnummer saknas"))?;
    if version != VERSION {
        return Err(IndexError::Version {
            path: path.to_path_buf(),
            found: version,
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(corrupt(path, bytes.len(), "filen är avkortad i filhuvudet"));
    }
    let sum = u64_at(bytes, HEADER_SUM).unwrap_or_default();
    if sum != xxh3_64(&bytes[..HEADER_SUM]) {
        return Err(corrupt(
            path,
            HEADER_SUM,
            "filhuvudets kontrollsumma stämmer inte",
        ));
    }
    let params = (
        bytes[12],
        bytes[13],
        bytes[14],
        u16_at(bytes, 16),
        u16_at(bytes, 18),
        u16_at(bytes, 20),
    );
    let expected = (
        SHINGLE_WORDS as u8,
        BLOOM_BITS_PER_ITEM as u8,
        BLOOM_PROBES as u8,
        Some(NUM_PERM as u16),
        Some(BANDS as u16),
        Some(ROWS as u16),
    );
    if params != expected {
        return Err(corrupt(path, 12, "parametrarna stämmer inte med version 2"));
    }
    let too_big = || corrupt(path, 24, "antalen i filhuvudet är orimliga");
    let n_docs = usize::try_from(u64_at(bytes, 24).unwrap_or_default()).map_err(|_| too_big())?;
    let n_standard =
        usize::try_from(u64_at(bytes, 32).unwrap_or_default()).map_err(|_| too_big())?;
    if n_docs > u32::MAX as usize {
        return Err(too_big());
    }
    let expected_len = [
        n_standard.checked_mul(8),
        None,
        n_docs.checked_mul(DOC_LEN),
        None,
        n_docs
            .checked_mul(BANDS)
            .and_then(|x| x.checked_mul(ENTRY_LEN)),
        None,
    ];
    let mut sections: [Range<usize>; SECTIONS] = Default::default();
    let mut sum_of = [0u64; SECTIONS];
    let mut end = HEADER_LEN;
    for i in 0..SECTIONS {
        let at = 40 + i * 24;
        let off = usize::try_from(u64_at(bytes, at).unwrap_or_default()).ok();
        let len = usize::try_from(u64_at(bytes, at + 8).unwrap_or_default()).ok();
        sum_of[i] = u64_at(bytes, at + 16).unwrap_or_default();
        let (Some(off), Some(len)) = (off, len) else {
            return Err(corrupt(path, at, "en del av filen ligger utanför filen"));
        };
        if off != end {
            return Err(corrupt(path, at, "delarna i filen ligger inte i ordning"));
        }
        if expected_len[i].is_some_and(|e| e != len) || (i == 1 && len % 8 != 0) {
            return Err(corrupt(path, at, "en del av filen har fel längd"));
        }
        let stop = off
            .checked_add(len)
            .ok_or_else(|| corrupt(path, at, "en del av filen ligger utanför filen"))?;
        if stop > bytes.len() {
            return Err(corrupt(
                path,
                bytes.len(),
                "filen är avkortad (en del av indexet saknas)",
            ));
        }
        sections[i] = off..stop;
        end = stop;
    }
    if end != bytes.len() {
        return Err(corrupt(path, end, "filen har bytes efter indexets slut"));
    }
    let layout = Layout { n_docs, sections };
    let sums = layout.range(Section::Sums);
    if sums.len() != layout.blocks() * 8 {
        return Err(corrupt(
            path,
            40 + Section::Sums as usize * 24,
            "en del av filen har fel längd",
        ));
    }
    if xxh3_64(&bytes[sums.clone()]) != sum_of[Section::Sums as usize] {
        return Err(corrupt(
            path,
            sums.start,
            "kontrollsumman stämmer inte (filen är skadad)",
        ));
    }
    Ok(layout)
}

/// Whether body block `b` matches its sum in the `sums` section.
pub(crate) fn block_ok(bytes: &[u8], layout: &Layout, b: usize) -> bool {
    let body = layout.body();
    let start = body.start + b * BLOCK;
    let end = (start + BLOCK).min(body.end);
    let want = u64_at(bytes, layout.range(Section::Sums).start + b * 8);
    bytes
        .get(start..end)
        .is_some_and(|block| Some(xxh3_64(block)) == want)
}

/// The checksums of the body's blocks, as [`Layout::body`] cuts it, for a file being
/// written front to back.
#[derive(Debug, Default)]
pub(crate) struct BlockSums {
    block: Vec<u8>,
    sums: Vec<u8>,
}

impl BlockSums {
    pub fn update(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let take = (BLOCK - self.block.len()).min(bytes.len());
            self.block.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.block.len() == BLOCK {
                self.seal();
            }
        }
    }

    fn seal(&mut self) {
        self.sums
            .extend_from_slice(&xxh3_64(&self.block).to_le_bytes());
        self.block.clear();
    }

    /// The `sums` section: one little-endian xxh3 per block, the last one short.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.block.is_empty() {
            self.seal();
        }
        self.sums
    }
}

/// A text's record (its 32 bytes), checked against the extents of the sections it
/// points into: its filter lies inside the filters and is not empty, its id inside the
/// ids (whether the id is UTF-8 is for the reader of the id bytes to see).
pub(crate) fn doc_record(
    bytes: &[u8],
    ids_len: usize,
    bloom_words: usize,
) -> Result<DocRec, &'static str> {
    let rec = decode_doc(bytes).ok_or("en post har okänd del eller personflagga")?;
    if rec.bloom.end <= bloom_words && !rec.bloom.is_empty() && rec.id.end <= ids_len {
        Ok(rec)
    } else {
        Err("en post pekar utanför filen")
    }
}

/// One text's record in the docs section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocRec {
    /// In bloom words.
    pub bloom: Range<usize>,
    pub shingles: u32,
    /// In bytes of the ids section.
    pub id: Range<usize>,
    pub part: Part,
    pub person: PersonKey,
}

pub(crate) fn encode_doc(
    bloom_start: u64,
    bloom_words: u32,
    shingles: u32,
    id_start: u32,
    id_len: u16,
    part: Part,
    person: PersonKey,
) -> [u8; DOC_LEN] {
    let mut b = [0u8; DOC_LEN];
    b[0..8].copy_from_slice(&bloom_start.to_le_bytes());
    b[8..12].copy_from_slice(&bloom_words.to_le_bytes());
    b[12..16].copy_from_slice(&shingles.to_le_bytes());
    b[16..20].copy_from_slice(&id_start.to_le_bytes());
    b[20..22].copy_from_slice(&id_len.to_le_bytes());
    let (kind, i) = match part {
        Part::Text => (0u8, 0u16),
        Part::Bedomning => (1, 0),
        Part::Motivering(i) => (2, i),
    };
    b[22] = kind;
    b[23] = u8::from(person.pnr.is_some()) | (u8::from(person.name_birth.is_some()) << 1);
    b[24..26].copy_from_slice(&i.to_le_bytes());
    b[26..28].copy_from_slice(&person.pnr.unwrap_or(0).to_le_bytes());
    b[28..30].copy_from_slice(&person.name_birth.unwrap_or(0).to_le_bytes());
    b
}

/// A record's fields; `None` for an unknown part kind or person flag.
pub(crate) fn decode_doc(b: &[u8]) -> Option<DocRec> {
    let start = usize::try_from(u64_at(b, 0)?).ok()?;
    let words = u32_at(b, 8)? as usize;
    let id_start = u32_at(b, 16)? as usize;
    let id_len = u16_at(b, 20)? as usize;
    let i = u16_at(b, 24)?;
    let part = match *b.get(22)? {
        0 => Part::Text,
        1 => Part::Bedomning,
        2 => Part::Motivering(i),
        _ => return None,
    };
    let flags = *b.get(23)?;
    if flags > 3 {
        return None;
    }
    Some(DocRec {
        bloom: start..start.checked_add(words)?,
        shingles: u32_at(b, 12)?,
        id: id_start..id_start + id_len,
        part,
        person: PersonKey {
            pnr: (flags & 1 != 0).then_some(u16_at(b, 26)?),
            name_birth: (flags & 2 != 0).then_some(u16_at(b, 28)?),
        },
    })
}
