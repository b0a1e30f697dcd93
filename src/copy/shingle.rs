//! From a decision text to the set of its 5-word shingle hashes, the one representation
//! that the index, the query and the accuracy harness all compare.
//!
//! Normalisation first, so that what a copier changes does not change the shingles:
//! lower case; every capitalised word inside a sentence, and one first in a sentence
//! that is a listed name or no common word, becomes `<namn>` (the same rule on every
//! side, see [`normalise`]); every run of digits becomes `#` (`2026-09-05` → `#-#-#`, `12-årig` →
//! `#-årig`); month names become `<månad>`; personal pronouns and the words for the
//! child (`flickan`/`pojken`) become one token each, so a copy that changed `hon` to `han`
//! keeps its shingles.
//!
//! Hashing is fixed by this specification and must never change (stored indexes depend
//! on it): each normalised word is hashed with xxh3-64 and [`WORD_SEED`]; a shingle's
//! hash is xxh3-64 with [`SHINGLE_SEED`] of its five word hashes as 40 little-endian
//! bytes. A text shorter than five words is one shingle of all its words.

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::names::{base_form, lexicon};
use super::text::{month_number, words};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
pub const WORD_SEED: u64 = 0x6265_736c_7574_736b; // "beslutsk"
pub const SHINGLE_SEED: u64 = 0x6f6c_6c5f_7368_696e; // "oll_shin"

/// One normalised word with where it stands in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub norm: String,
    pub span: Range<usize>,
    pub sentence: usize,
}

/// The normalised words of `text`.
///
/// The result depends on the text alone, never on what else is known about it: a
/// corpus of plain `.txt` decisions, whose people nobody has named, and a draft whose
/// people the case file names must normalise alike, or a renamed copy is missed (a
/// draft's `Klara`, known to be a name, against the earlier text's `Klara`, which the
/// lists call an ordinary word). So a capitalised word inside a sentence is `<namn>`,
/// and a capitalised word first in a sentence is `<namn>` when it is in the name lists
/// (even a name that is also a word, like `Inga` or `Per`) or is not one of the common
/// words of `data/allmanna_ord.txt`; "Hon", "Insatsen", "Enligt" stay words.
pub fn normalise(text: &str) -> Vec<Token> {
    let lex = lexicon();
    words(text)
        .iter()
        .map(|w| {
            let norm = norm_word(w.text);
            let plain = !norm.contains(['<', '#']);
            let name = w.is_capitalised()
                && plain
                && (!w.sentence_start
                    || lex.is_listed(base_form(lex, w.text))
                    || !lex.is_general(&norm));
            Token {
                norm: if name { "<namn>".to_string() } else { norm },
                span: w.span.clone(),
                sentence: w.sentence,
            }
        })
        .collect()
}

fn norm_word(w: &str) -> String {
    let lower = w.to_lowercase();
    if month_number(&lower).is_some() {
        return "<månad>".into();
    }
    match lower.as_str() {
        "han" | "hon" | "hen" => return "<pron>".into(),
        "honom" | "henne" => return "<pron-obj>".into(),
        "hans" | "hennes" | "hens" => return "<pron-gen>".into(),
        "flickan" | "pojken" | "dottern" | "sonen" | "kvinnan" | "mannen" => {
            return "<personen>".into()
        }
        "flicka" | "pojke" | "dotter" | "son" | "kvinna" | "man" => return "<person>".into(),
        _ => {}
    }
    if !lower.chars().any(|c| c.is_ascii_digit()) {
        return lower;
    }
    let mut out = String::with_capacity(lower.len());
    let mut in_digits = false;
    for c in lower.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

pub fn word_hash(norm: &str) -> u64 {
    xxh3_64_with_seed(norm.as_bytes(), WORD_SEED)
}

/// One shingle's hash from its word hashes (see the module docs for the specification).
pub fn shingle_hash(word_hashes: &[u64]) -> u64 {
    let mut buf = [0u8; 8 * SHINGLE_WORDS];
    for (i, h) in word_hashes.iter().take(SHINGLE_WORDS).enumerate() {
        buf[i * 8..i * 8 + 8].copy_from_slice(&h.to_le_bytes());
    }
    xxh3_64_with_seed(
        &buf[..8 * word_hashes.len().min(SHINGLE_WORDS)],
        SHINGLE_SEED,
    )
}

/// The shingle hashes of `tokens` in order, each with the index of its first token.
pub fn shingles(tokens: &[Token]) -> Vec<(u64, usize)> {
    let hashes: Vec<u64> = tokens.iter().map(|t| word_hash(&t.norm)).collect();
    if hashes.is_empty() {
        return Vec::new();
    }
    if hashes.len() < SHINGLE_WORDS {
        return vec![(shingle_hash(&hashes), 0)];
    }
    hashes
        .windows(SHINGLE_WORDS)
        .enumerate()
        .map(|(i, w)| (shingle_hash(w), i))
        .collect()
}

/// The distinct shingle hashes of a text, sorted: the set that Jaccard similarity is
/// measured on.
pub fn shingle_set(text: &str) -> Vec<u64> {
    let mut s: Vec<u64> = shingles(&normalise(text))
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// Exact Jaccard similarity of two sorted, deduplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_copy_has_the_same_shingles() {
        let a = "Alva behöver stöd i vardagen. Hon är 12 år och har sedan maj 2025 korttidsvistelse fyra dygn per månad.";
        let b = "Lisa behöver stöd i vardagen. Han är 9 år och har sedan juni 2023 korttidsvistelse fyra dygn per månad.";
        assert_eq!(shingle_set(a), shingle_set(b));
    }

    #[test]
    fn hashes_are_fixed() {
        // INVARIANT: stored indexes depend on these values; a change needs a new
        // index format version.
        assert_eq!(word_hash("behov"), 7_968_435_296_272_608_432);
        let t = normalise("Alva har 12 timmar i maj");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["<namn>", "har", "#", "timmar", "i", "<månad>"]);
        let s = shingles(&t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, 16_536_518_477_226_393_233);
        assert_eq!(super::super::minhash::signature(&[s[0].0])[0], 439_783_735);
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
