//! The word lists of the individual-motivering measure (`data/`) and the light
//! Swedish stemmer they are stemmed with. Self-contained, so that `build.rs` includes
//! it by path and reads the lists once, when the program is built; the program embeds
//! the result (`individuell::built`) and only hashes it.

use std::sync::LazyLock;

/// The lists as the program uses them: the words that never count (lower case, in
/// file order, each once), their stems (each once), the stems' document frequencies
/// and the number of documents those were counted in.
pub struct Lists {
    pub words: Vec<String>,
    pub stems: Vec<String>,
    pub df: Vec<(String, u32)>,
    pub docs: u32,
}

/// Read the lists: `function`, `general` and `decision` are word lists (`#` starts a
/// comment line), `frequency` is `stem<TAB>count` lines with a `# dokument: N` line.
pub fn read(function: &str, general: &str, decision: &str, frequency: &str) -> Lists {
    let mut words: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for list in [function, general, decision] {
        for line in list.lines().filter(|l| !l.trim_start().starts_with('#')) {
            for w in line.split_whitespace() {
                let w = w.to_lowercase();
                if seen.insert(w.clone()) {
                    words.push(w);
                }
            }
        }
    }
    let mut stems: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for w in &words {
        let s = stem(w).to_string();
        if seen.insert(s.clone()) {
            stems.push(s);
        }
    }
    let mut df: Vec<(String, u32)> = Vec::new();
    let mut at = std::collections::HashMap::new();
    let mut docs = 1;
    for line in frequency.lines() {
        if let Some(n) = line.strip_prefix("# dokument: ") {
            docs = n.trim().parse().unwrap_or(1);
        }
        if line.starts_with('#') {
            continue;
        }
        if let Some((s, n)) = line.split_once('\t') {
            let n = n.trim().parse().unwrap_or(0);
            // A stem listed twice counts as its last line says, as a map insert did.
            match at.get(s) {
                Some(&i) => df[i] = (s.to_string(), n),
                None => {
                    at.insert(s.to_string(), df.len());
                    df.push((s.to_string(), n));
                }
            }
        }
    }
    Lists {
        words,
        stems,
        df,
        docs,
    }
}

/// Suffixes of the Snowball Swedish stemmer's first step, longest first.
const SUFFIXES: &[&str] = &[
    "heterna", "hetens", "anden", "heten", "heter", "arnas", "ernas", "ornas", "andes", "arens",
    "andet", "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are",
    "ern", "ens", "het", "ast", "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e",
];

/// A light Swedish stem after the Snowball algorithm, always a prefix of `word` (step 1 suffixes, the `s` ending,
/// double consonants, `lig`/`ig`/`els`): `orolig` → `oro`, `duschen` → `dusch`,
/// `miljöer` → `miljö`. `word` is lower case.
pub fn stem(word: &str) -> &str {
    // R1 (as a byte offset): after the first non-vowel that follows a vowel, at least 3
    // letters in. Every suffix below is ASCII, so bytes and letters agree on them.
    // One pass finds R1 and whether the word has 3 letters.
    // The characters are told by their bytes: an ASCII byte is one, a lead byte starts
    // one of its length, and of the rest only ä, å and ö (C3 A4, C3 A5, C3 B6) are
    // vowels.
    let bytes = word.as_bytes();
    let mut r1 = word.len();
    let mut letters = 0;
    let mut prev_vowel = false;
    let mut r1_letter = usize::MAX;
    let mut b = 0;
    while b < bytes.len() {
        if letters == r1_letter {
            r1 = b;
            break;
        }
        let x = bytes[b];
        let (len, v) = if x < 0x80 {
            (1, matches!(x, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
        } else {
            let len = match x {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            (
                len,
                x == 0xC3 && matches!(bytes.get(b + 1), Some(0xA4 | 0xA5 | 0xB6)),
            )
        };
        if r1_letter == usize::MAX {
            if letters >= 1 && !v && prev_vowel {
                r1_letter = (letters + 1).max(3);
            }
            prev_vowel = v;
        }
        letters += 1;
        b += len;
    }
    if letters < 3 {
        return word;
    }
    strip(word, r1)
}

/// The suffixes `stem` removes from `word`, whose R1 starts at byte `r1`.
fn strip(word: &str, r1: usize) -> &str {
    let mut w = word;
    let mut stripped = false;
    // Only the suffixes that end in the word's last byte, in the order of SUFFIXES.
    static BY_LAST: LazyLock<[Vec<&'static str>; 256]> = LazyLock::new(|| {
        std::array::from_fn(|b| {
            SUFFIXES
                .iter()
                .filter(|s| s.as_bytes().last() == Some(&(b as u8)))
                .copied()
                .collect()
        })
    });
    let last = w.as_bytes().last().copied().unwrap_or(0);
    for suf in &BY_LAST[usize::from(last)] {
        if w.len() >= r1 + suf.len() && ends(w, suf) {
            w = &w[..w.len() - suf.len()];
            stripped = true;
            break;
        }
    }
    let b = w.as_bytes();
    if !stripped
        && b.len() >= 2
        && b[b.len() - 1] == b's'
        && b.len() > r1
        && b"bcdfghjklmnoprtvy".contains(&b[b.len() - 2])
    {
        w = &w[..w.len() - 1];
    }
    // A double consonant (or `gd`, `dt`, `gt`) in R1 at the end loses its last letter:
    // one look at the last two bytes, where a loop over the seven pairs was a third of
    // the stemmer's instructions.
    let b = w.as_bytes();
    if b.len() >= r1 + 2
        && matches!(
            &b[b.len() - 2..],
            b"dd" | b"gd" | b"nn" | b"dt" | b"gt" | b"kk" | b"tt"
        )
    {
        w = &w[..w.len() - 1];
    }
    if (ends(w, "fullt") || ends(w, "löst")) && w.len() > r1 {
        w = &w[..w.len() - 1];
    } else {
        for suf in ["lig", "els", "ig"] {
            if w.len() >= r1 + suf.len() && ends(w, suf) {
                w = &w[..w.len() - suf.len()];
                break;
            }
        }
    }
    w
}

/// `w.ends_with(suf)`, compared byte by byte in place: the suffixes are a few bytes,
/// and the library's comparison calls `memcmp` for each.
#[inline]
fn ends(w: &str, suf: &str) -> bool {
    let (w, s) = (w.as_bytes(), suf.as_bytes());
    w.len() >= s.len() && w[w.len() - s.len()..].iter().zip(s).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// R1 as `stem` found it before it read the word once (three passes); `None` for
    /// a word of fewer than 3 letters. The oracle of the property test below.
    fn stem_oracle_r1(word: &str) -> Option<usize> {
        // Fewer than 3 letters: no stem to take.
        word.chars().nth(2)?;
        // R1 (as a byte offset): after the first non-vowel that follows a vowel, at least 3
        // letters in. Every suffix below is ASCII, so bytes and letters agree on them.
        let mut r1 = word.len();
        let mut prev_vowel = false;
        for (ci, c) in word.chars().enumerate() {
            let v = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'å' | 'ö');
            if ci >= 1 && !v && prev_vowel {
                r1 = word
                    .char_indices()
                    .nth((ci + 1).max(3))
                    .map_or(word.len(), |(b, _)| b);
                break;
            }
            prev_vowel = v;
        }
        Some(r1)
    }

    /// `strip` written plainly (every suffix tried in turn, a loop over the double
    /// consonants): the oracle.
    fn strip_oracle(word: &str, r1: usize) -> &str {
        let mut w = word;
        let mut stripped = false;
        for suf in super::SUFFIXES {
            if w.len() >= r1 + suf.len() && super::ends(w, suf) {
                w = &w[..w.len() - suf.len()];
                stripped = true;
                break;
            }
        }
        let b = w.as_bytes();
        if !stripped
            && b.len() >= 2
            && b[b.len() - 1] == b's'
            && b.len() > r1
            && b"bcdfghjklmnoprtvy".contains(&b[b.len() - 2])
        {
            w = &w[..w.len() - 1];
        }
        for suf in ["dd", "gd", "nn", "dt", "gt", "kk", "tt"] {
            if w.len() >= r1 + 2 && super::ends(w, suf) {
                w = &w[..w.len() - 1];
                break;
            }
        }
        if (super::ends(w, "fullt") || super::ends(w, "löst")) && w.len() > r1 {
            w = &w[..w.len() - 1];
        } else {
            for suf in ["lig", "els", "ig"] {
                if w.len() >= r1 + suf.len() && super::ends(w, suf) {
                    w = &w[..w.len() - suf.len()];
                    break;
                }
            }
        }
        w
    }

    /// `stem` with R1 from the oracle: the stem as it was.
    fn stem_oracle(word: &str) -> &str {
        match stem_oracle_r1(word) {
            None => word,
            Some(r1) => strip_oracle(word, r1),
        }
    }

    proptest! {
        /// Reading the word once gives the stem that three passes gave.
        #[test]
        fn the_one_pass_stem_is_the_old_stem(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "a", "e", "i", "o", "u", "y", "ä", "å", "ö", "b", "d", "g", "k", "l", "n",
                    "s", "t", "r", "h", "é", "ß", "-", "heterna", "arna", "ande", "lig", "els",
                    "ig", "fullt", "löst", "dd", "tt", "ens", "ast", "€", "𝔞", "Ä",
                ][..]),
                0..8,
            )
        ) {
            let w = pieces.concat();
            prop_assert_eq!(super::stem(&w), stem_oracle(&w), "{:?}", w);
        }
    }

    /// What `build.rs` embedded is what the lists in `data/` give now.
    #[test]
    fn the_built_lists_are_the_data_lists() {
        let lists = super::read(
            include_str!("../../data/funktionsord.txt"),
            include_str!("../../data/allmanna_ord.txt"),
            include_str!("../../data/beslutsord.txt"),
            include_str!("../../data/dokumentfrekvens.txt"),
        );
        let built = crate::copy::individuell::built_lists();
        assert_eq!(built.words, lists.words);
        assert_eq!(built.stems, lists.stems);
        assert_eq!(built.df, lists.df);
        assert_eq!(built.docs, lists.docs);
        assert!(lists.words.len() > 500 && lists.df.len() > 1000);
        assert_eq!(super::stem("duschen"), "dusch");
    }
}
