//! Writing an index: fingerprinting texts, streaming the result into the file format of
//! [`super::format`], and replacing an index file so that a crash never leaves a
//! half-written one.
//!
//! The build streams: each text is read, fingerprinted and dropped, and its Bloom filter
//! goes straight to the output. What stays in memory until the end is per text its 25
//! band keys, its 32-byte record and its id (about 150 bytes a text, 150 MB at a
//! million), because the band tables can only be sorted once every text is known.
//!
//! A file is never written in place: the new index goes to a temporary file beside it,
//! which is flushed to disk (`fsync`) and then renamed over the old name, and the folder
//! is flushed too. A build that is killed, or runs out of disk, leaves the old index as
//! it was (and at worst a stray `.NAME.tmp-PID` file, which the next build or add of the
//! same index removes once its process is gone).

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::format::{encode_doc, header_bytes, BlockSums, Section, DOC_LEN, HEADER_LEN, SECTIONS};
use super::{bloom_of, CorpusIndex, IndexError, Part, PersonKey, MIN_SHINGLES};
use crate::copy::corpus::{corpus_paths, read_entry};
use crate::copy::minhash::{band_keys, signature, BANDS};
use crate::copy::shingle::{normalise, shingles};
use crate::copy::{CopyConfig, CorpusEntry, CorpusError};

/// One text's fingerprint, before it is written.
pub(crate) struct Fingerprint {
    pub id: String,
    pub part: Part,
    pub person: PersonKey,
    pub shingles: u32,
    pub bloom: Vec<u64>,
    pub bands: [u32; BANDS],
}

/// The fingerprints of one entry's texts (those with at least [`MIN_SHINGLES`]).
pub(crate) fn fingerprint_entry(e: &CorpusEntry, standard: &[u64]) -> Vec<Fingerprint> {
    e.texts
        .iter()
        .filter_map(|t| {
            // Only the set is needed here, not the sentences of a query.
            let mut set: Vec<u64> = shingles(&normalise(&t.text))
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
        .collect()
}

/// What a build or an addition did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Texts fingerprinted and added.
    pub added: usize,
    /// Entries skipped because their id is already in the index (earlier decisions do
    /// not change; remove the index and build it again to replace one).
    pub skipped: usize,
    /// Entries (cases or `.txt` decisions) with at least one text added.
    pub cases: usize,
}

fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "indexet blir för stort för filformatet",
    )
}

/// Writes an index file into `W` front to back; the header, whose checksums are known
/// only at the end, is written last at offset 0.
pub(crate) struct Builder<W: Write + Seek> {
    out: BufWriter<W>,
    standard: Vec<u64>,
    sections: [(u64, u64, u64); SECTIONS],
    sums: BlockSums,
    bloom_words: u64,
    docs: Vec<[u8; DOC_LEN]>,
    ids: Vec<u8>,
    bands: Vec<[u32; BANDS]>,
    seen: HashSet<Box<str>>,
}

impl<W: Write + Seek> Builder<W> {
    /// Start a file whose texts lose the standard-paragraph shingles `standard` (sorted).
    pub fn new(out: W, standard: Vec<u64>) -> io::Result<Self> {
        let mut out = BufWriter::with_capacity(1 << 20, out);
        out.write_all(&[0u8; HEADER_LEN])?;
        let mut bytes = Vec::with_capacity(standard.len() * 8);
        for s in &standard {
            bytes.extend_from_slice(&s.to_le_bytes());
        }
        out.write_all(&bytes)?;
        let mut sums = BlockSums::default();
        sums.update(&bytes);
        let mut sections = [(0u64, 0u64, 0u64); SECTIONS];
        sections[Section::Standard as usize] = (HEADER_LEN as u64, bytes.len() as u64, 0);
        Ok(Builder {
            out,
            standard,
            sections,
            sums,
            bloom_words: 0,
            docs: Vec::new(),
            ids: Vec::new(),
            bands: Vec::new(),
            seen: HashSet::new(),
        })
    }

    pub fn standard(&self) -> &[u64] {
        &self.standard
    }

    /// Take `id` for a new entry: false when an entry with that id is already in.
    pub fn claim(&mut self, id: &str) -> bool {
        if self.seen.contains(id) {
            return false;
        }
        self.seen.insert(id.into());
        true
    }

    /// Every text of `index`, unchanged (no text is needed: the fingerprints are copied).
    pub fn copy_from(&mut self, index: &CorpusIndex) -> io::Result<()> {
        let bands = index.doc_bands().map_err(io::Error::other)?;
        for (d, bands) in bands.iter().enumerate() {
            let (rec, id, bloom) = index.doc_parts(d).map_err(io::Error::other)?;
            self.seen.insert(id.into());
            self.push_parts(id, rec.part, rec.person, rec.shingles, bloom, bands)?;
        }
        Ok(())
    }

    pub fn push(&mut self, fp: &Fingerprint) -> io::Result<()> {
        let mut bloom = Vec::with_capacity(fp.bloom.len() * 8);
        for w in &fp.bloom {
            bloom.extend_from_slice(&w.to_le_bytes());
        }
        self.push_parts(&fp.id, fp.part, fp.person, fp.shingles, &bloom, &fp.bands)
    }

    /// One text; `bloom` is its filter as little-endian words.
    fn push_parts(
        &mut self,
        id: &str,
        part: Part,
        person: PersonKey,
        shingles: u32,
        bloom: &[u8],
        bands: &[u32; BANDS],
    ) -> io::Result<()> {
        let id = truncate_utf8(id, u16::MAX as usize);
        let id_start = u32::try_from(self.ids.len()).map_err(|_| too_large())?;
        let words = u32::try_from(bloom.len() / 8).map_err(|_| too_large())?;
        if self.docs.len() >= u32::MAX as usize || id_start.checked_add(id.len() as u32).is_none() {
            return Err(too_large());
        }
        self.put(bloom)?;
        self.docs.push(encode_doc(
            self.bloom_words,
            words,
            shingles,
            id_start,
            id.len() as u16,
            part,
            person,
        ));
        self.bloom_words += u64::from(words);
        self.ids.extend_from_slice(id.as_bytes());
        self.bands.push(*bands);
        Ok(())
    }

    /// Write `bytes` to the body, summing its blocks.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.sums.update(bytes);
        Ok(())
    }

    /// Write the records, ids, band tables, block sums and header; returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        let n = self.docs.len();
        let std_end = {
            let (off, len, _) = self.sections[Section::Standard as usize];
            off + len
        };
        let blooms_len = self.bloom_words * 8;
        self.sections[Section::Blooms as usize] = (std_end, blooms_len, 0);
        let mut at = std_end + blooms_len;

        let docs = std::mem::take(&mut self.docs);
        for d in &docs {
            self.put(d)?;
        }
        let len = (n * DOC_LEN) as u64;
        self.sections[Section::Docs as usize] = (at, len, 0);
        at += len;
        drop(docs);

        let ids = std::mem::take(&mut self.ids);
        self.put(&ids)?;
        let len = ids.len() as u64;
        self.sections[Section::Ids as usize] = (at, len, 0);
        at += len;
        drop(ids);

        // One band's table at a time: 8 bytes a text in memory besides the band keys.
        let mut table: Vec<(u32, u32)> = Vec::with_capacity(n);
        let mut buf = Vec::with_capacity(1 << 16);
        for b in 0..BANDS {
            table.clear();
            table.extend(
                self.bands
                    .iter()
                    .enumerate()
                    .map(|(d, keys)| (keys[b], d as u32)),
            );
            table.par_sort_unstable();
            for chunk in table.chunks(8192) {
                buf.clear();
                for (k, d) in chunk {
                    buf.extend_from_slice(&k.to_le_bytes());
                    buf.extend_from_slice(&d.to_le_bytes());
                }
                self.put(&buf)?;
            }
        }
        let len = (n * BANDS * 8) as u64;
        self.sections[Section::Tables as usize] = (at, len, 0);
        at += len;

        let sums = std::mem::take(&mut self.sums).finish();
        self.out.write_all(&sums)?;
        self.sections[Section::Sums as usize] =
            (at, sums.len() as u64, xxhash_rust::xxh3::xxh3_64(&sums));

        let header = header_bytes(n as u64, self.standard.len() as u64, &self.sections);
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.flush()?;
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

fn truncate_utf8(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A temporary file beside `target` that becomes `target` on [`TempFile::commit`] and
/// is removed if dropped before.
pub(crate) struct TempFile {
    target: PathBuf,
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    pub fn new(target: &Path) -> io::Result<TempFile> {
        let dir = parent_dir(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        remove_stale(&dir, &name);
        let path = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        Ok(TempFile {
            target: target.to_path_buf(),
            path,
            file: Some(file),
        })
    }

    pub fn file(&mut self) -> io::Result<File> {
        self.file
            .as_ref()
            .map(File::try_clone)
            .unwrap_or_else(|| Err(io::Error::other("temporary file already closed")))
    }

    /// Flush the file to disk, rename it over the target and flush the folder.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        std::fs::rename(&self.path, &self.target)?;
        // The rename is durable once the folder is flushed; not every system can open a
        // folder for that, and the rename has happened either way.
        if let Ok(d) = File::open(parent_dir(&self.target)) {
            let _ = d.sync_all();
        }
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Remove the temporary files that killed builds of the same index left behind
/// (`.NAME.tmp-PID` whose process is gone): at a million decisions each is half a
/// gigabyte. A file whose process still runs is another build in progress and is left.
/// Only where the system says which processes run (`/proc`); elsewhere nothing is removed.
fn remove_stale(dir: &Path, name: &str) {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Write an index to `target` through a temporary file (see the module docs).
pub(crate) fn replace_file(
    target: &Path,
    write: impl FnOnce(File) -> io::Result<()>,
) -> Result<(), IndexError> {
    let io = |source| IndexError::Io {
        path: target.to_path_buf(),
        source,
    };
    let mut tmp = TempFile::new(target).map_err(io)?;
    write(tmp.file().map_err(io)?).map_err(io)?;
    tmp.commit().map_err(io)
}

/// Why a build from a folder failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Files read and fingerprinted at once: enough to keep both cores busy, few enough
/// that their texts take little memory.
const CHUNK: usize = 2048;

/// Index every case file and `.txt` decision in `dir` into `output`, streaming, after
/// the texts of `base` (for `corpus add`; entries whose id `base` holds are skipped).
/// The file at `output` is replaced only when the whole build has succeeded; a file of
/// `dir` that cannot be read fails the build (every such file is named) and leaves
/// `output` as it was.
pub fn build_file(
    dir: &Path,
    cfg: &CopyConfig,
    output: &Path,
    base: Option<&CorpusIndex>,
) -> Result<AddReport, BuildError> {
    if let Some(base) = base {
        // A damaged index is never extended (its damage would get new checksums).
        base.verify()?;
    }
    let paths = corpus_paths(dir)?;
    let standard = match base {
        Some(b) => b.standard_for(cfg),
        None => super::standard_shingles(cfg).to_vec(),
    };
    let io = |source| IndexError::Io {
        path: output.to_path_buf(),
        source,
    };
    let mut tmp = TempFile::new(output).map_err(io)?;
    let mut b = Builder::new(tmp.file().map_err(io)?, standard).map_err(io)?;
    if let Some(base) = base {
        b.copy_from(base).map_err(io)?;
    }
    let mut report = AddReport::default();
    let mut errors = Vec::new();
    for chunk in paths.chunks(CHUNK) {
        let read: Vec<Result<CorpusEntry, CorpusError>> =
            chunk.par_iter().map(|p| read_entry(p)).collect();
        let mut fresh = Vec::with_capacity(read.len());
        for r in read {
            match r {
                Ok(e) if b.claim(&e.id) => fresh.push(e),
                Ok(_) => report.skipped += 1,
                Err(e) => errors.push(e),
            }
        }
        let standard = b.standard();
        let fps: Vec<Vec<Fingerprint>> = fresh
            .par_iter()
            .map(|e| fingerprint_entry(e, standard))
            .collect();
        drop(fresh);
        for fp in fps.iter().filter(|f| !f.is_empty()) {
            report.cases += 1;
            for f in fp {
                b.push(f).map_err(io)?;
                report.added += 1;
            }
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0).into()),
        _ => return Err(CorpusError::Many(errors).into()),
    }
    b.finish().map_err(io)?;
    tmp.commit().map_err(io)?;
    Ok(report)
}

/// `corpus build DIR -o INDEX` (`add` false) and `corpus add DIR -o INDEX`: the line
/// to print, or the error.
pub fn corpus_command(
    dir: &Path,
    output: &Path,
    cfg: &CopyConfig,
    add: bool,
) -> Result<String, BuildError> {
    if add {
        let existing = CorpusIndex::load(output)?;
        let r = build_file(dir, cfg, output, Some(&existing))?;
        Ok(format!(
            "{} beslut tillagda, {} fanns redan i indexet",
            r.added, r.skipped
        ))
    } else {
        let r = build_file(dir, cfg, output, None)?;
        Ok(format!(
            "{} beslut indexerade ({} texter)",
            r.cases, r.added
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A writer that runs out of room after `room` bytes, like a full disk.
    struct Full {
        inner: Cursor<Vec<u8>>,
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.inner.get_ref().len() + buf.len() > self.room {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disken är full"));
            }
            self.inner.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
            self.inner.seek(pos)
        }
    }

    fn entries() -> Vec<CorpusEntry> {
        crate::copy::synth::corpus(9, 30)
            .into_iter()
            .map(|d| CorpusEntry::from_text(d.id, d.text))
            .collect()
    }

    #[test]
    fn a_full_disk_is_an_error_at_any_point() {
        let whole = CorpusIndex::build(&entries(), &CopyConfig::default());
        let size = whole.as_bytes().len();
        for room in [0, 100, size / 3, size - 1] {
            let out = Full {
                inner: Cursor::new(Vec::new()),
                room,
            };
            let r = (|| {
                let mut b = Builder::new(out, Vec::new())?;
                super::super::push_entries(&mut b, &entries())?;
                b.finish()
            })();
            let e = r.err().expect("the write fails");
            assert_eq!(e.kind(), io::ErrorKind::StorageFull, "room {room}");
        }
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("beslutskoll-replace-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("korpus.idx");
        let index = CorpusIndex::build(&entries(), &CopyConfig::default());
        index.save(&target).unwrap();
        let before = std::fs::read(&target).unwrap();
        let err = replace_file(&target, |mut f| {
            f.write_all(&before[..before.len() / 2])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disken är full"))
        })
        .expect_err("fails");
        assert!(err.to_string().contains("korpus.idx"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), before);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "only the index remains: {left:?}");
        // A build from a folder with an unreadable file fails the same way.
        let src = dir.join("beslut");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("a.txt"), "Ett beslut om något.").unwrap();
        std::fs::write(src.join("b.yaml"), "inte: [ett ärende").unwrap();
        let e = build_file(&src, &CopyConfig::default(), &target, None).expect_err("bad file");
        assert!(e.to_string().contains("b.yaml"), "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), before);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn streaming_one_chunk_at_a_time_gives_the_same_file_as_in_memory() {
        let dir = std::env::temp_dir().join(format!("beslutskoll-stream-{}", std::process::id()));
        let src = dir.join("beslut");
        std::fs::create_dir_all(&src).unwrap();
        let docs = crate::copy::synth::corpus(4, CHUNK + 50);
        for d in &docs {
            std::fs::write(src.join(format!("{}.txt", d.id)), &d.text).unwrap();
        }
        let target = dir.join("korpus.idx");
        let r = build_file(&src, &CopyConfig::default(), &target, None).unwrap();
        assert_eq!((r.cases, r.added, r.skipped), (docs.len(), docs.len(), 0));
        let entries: Vec<CorpusEntry> = docs
            .into_iter()
            .map(|d| CorpusEntry::from_text(d.id, d.text))
            .collect();
        let memory = CorpusIndex::build(&entries, &CopyConfig::default());
        assert_eq!(std::fs::read(&target).unwrap(), memory.as_bytes());
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[cfg(test)]
mod standard_tests {
    use super::super::standard_shingles;
    use crate::copy::CopyConfig;

    /// The kept shingles are those of the configuration asked about, whichever was
    /// asked about before.
    #[test]
    fn standard_shingles_follow_the_configuration() {
        let cfg = |p: &[&str]| CopyConfig {
            stock_phrases: Vec::new(),
            standard_paragraphs: p.iter().map(|s| s.to_string()).collect(),
        };
        let a = cfg(&[
            "Om du vill överklaga beslutet ska du skriva till förvaltningsrätten inom tre veckor.",
        ]);
        let b =
            cfg(&["Beslutet gäller från i dag och följs upp inom sex månader av handläggaren."]);
        let none = cfg(&[]);
        let first_a = standard_shingles(&a);
        let first_b = standard_shingles(&b);
        assert!(!first_a.is_empty() && !first_b.is_empty());
        assert_ne!(first_a, first_b);
        for _ in 0..2 {
            assert_eq!(standard_shingles(&a), first_a);
            assert_eq!(standard_shingles(&b), first_b);
            assert!(standard_shingles(&none).is_empty());
        }
    }
}
