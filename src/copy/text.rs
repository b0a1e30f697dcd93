//! Words, sentences, dates and personnummer in a Swedish decision text, each with its
//! byte span, so that every signal can point at the exact part of the draft.
//!
//! One tokeniser serves both halves of copy detection: the in-case signals read the
//! tokens as they stand, and shingling reads the same tokens normalised. A word is a run
//! of letters and digits; a hyphen, slash, colon or decimal comma between two such
//! characters stays inside it, so `Ann-Marie`, `12-årig`, `2026-09-05` and `3,5` are
//! one word each.

use std::ops::Range;

use super::{scan, swar};
use chrono::{Datelike, NaiveDate};

/// Hashing for the word sets and maps copy detection looks words up in: one call of
/// xxh3 on the whole key. The `Xxh3DefaultBuilder` of `xxhash-rust` feeds a streaming
/// state, which for keys of a few bytes costs several times the hash itself. The keys
/// are words of shipped lists and of the case, not a layout an attacker chooses.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHash;

/// The hasher of [`WordHash`].
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

impl std::hash::BuildHasher for WordHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ u64::from(i)).wrapping_mul(MIX);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0 ^ i).wrapping_mul(MIX);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// A set hashed with [`WordHash`].
pub type FastSet<T> = std::collections::HashSet<T, WordHash>;
/// A map hashed with [`WordHash`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, WordHash>;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
    /// First word of its sentence (after `.`, `!`, `?`, `:` or a line break), where a
    /// capital letter says nothing about whether the word is a name.
    pub sentence_start: bool,
    /// Index of the sentence the word is in (see [`sentences`]).
    pub sentence: usize,
}

impl Word<'_> {
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => {
                // All capitals (LSS, BUP, XX) are abbreviations or placeholders, not names.
                chars
                    .clone()
                    .next()
                    .is_none_or(|_| chars.any(char::is_lowercase))
            }
            _ => false,
        }
    }
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "t.ex", "ex", "bl.a", "a", "m.m", "m", "s.k", "k", "d.v.s", "dvs", "s", "ca", "kap", "resp",
    "o.s.v", "osv", "v", "jfr", "f.d", "d", "p.g.a", "pga", "m.fl", "fl", "fr.o.m", "t.o.m", "nr",
    "st", "tim", "min", "mån", "kl", "f", "fd",
];

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding space.
///
/// A sentence ends at `.`, `!` or `?` followed by space and a capital letter or digit
/// (not after a known abbreviation such as `t.ex.` or `kap.`), at a line break that
/// ends a paragraph or starts a list item, and at the end of the text.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    // Only `.`, `!`, `?` and a line break can end a sentence: jump from one to the
    // next (memchr reads the bytes between them many at a time).
    let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut breaks = memchr::memchr_iter(b'\n', bytes).peekable();
    loop {
        let i = match (stops.peek().copied(), breaks.peek().copied()) {
            (Some(a), Some(b)) if a < b => stops.next(),
            (_, Some(_)) => breaks.next(),
            (Some(_), None) => stops.next(),
            (None, None) => None,
        };
        let Some(i) = i else { break };
        let b = bytes[i];
        let end_here = match b {
            b'.' | b'!' | b'?' => {
                let after = &text[i + 1..];
                let next = after.trim_start();
                let gap = after.len() - next.len();
                let next_char = next.chars().next();
                let spaced = gap > 0 || next.is_empty();
                let starts_upper =
                    next_char.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
                // Asked only where the stop could end a sentence.
                let abbrev = || {
                    b == b'.' && {
                        let before = &text[start..i];
                        let word = before
                            .rsplit(|c: char| c.is_whitespace() || c == '(')
                            .next()
                            .unwrap_or("");
                        if word.is_ascii() {
                            ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                        } else {
                            ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                        }
                    }
                };
                spaced && starts_upper && !abbrev()
            }
            b'\n' => {
                // A blank line, or a line that starts a list item, ends the sentence.
                let rest = &text[i + 1..];
                let line = rest.trim_start_matches([' ', '\t']);
                rest.starts_with('\n')
                    || line.starts_with("- ")
                    || line.starts_with("* ")
                    || line.starts_with("• ")
                    || line.starts_with('\n')
                    || text[start..i].trim_end().ends_with(':')
            }
            _ => false,
        };
        if end_here {
            push_trimmed(text, start..i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    crate::letters::is_alphanumeric(c)
}

/// The words of `text` with their spans and sentence positions.
pub fn words(text: &str) -> Vec<Word<'_>> {
    words_in(text, &sentences(text))
}

/// A text read once for every signal that looks at it: its sentences, its words and
/// each word in lower case. Every copy signal, the individual-reasoning measure and the
/// name finder read the same `Tokens` instead of tokenising the text again.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    pub text: &'a str,
    /// As [`sentences`].
    pub sentences: Vec<Range<usize>>,
    /// As [`words`].
    pub words: Vec<Word<'a>>,
    /// Each word in lower case (borrowed when it has no capital).
    lower: Vec<std::borrow::Cow<'a, str>>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Tokens<'a> {
        let sentences = sentences(text);
        let mut plain = Vec::new();
        let words = words_and_plain(text, &sentences, &mut plain);
        let lower = words
            .iter()
            .zip(plain)
            .map(|(w, own)| {
                if own {
                    std::borrow::Cow::Borrowed(w.text)
                } else {
                    lower(w.text)
                }
            })
            .collect();
        Tokens {
            text,
            sentences,
            words,
            lower,
        }
    }

    /// Word `i` in lower case.
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Each word in lower case, as a slice.
    pub fn lower_slice(&self) -> &[std::borrow::Cow<'a, str>] {
        &self.lower
    }

    /// The lower-case words, in order.
    pub fn lower_words(&self) -> impl Iterator<Item = &str> + '_ {
        self.lower.iter().map(|l| &**l)
    }
}

/// `s` in lower case, as `str::to_lowercase` gives it, borrowed when it has no capital.
pub(crate) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if changes_when_lowercased(s) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Does `str::to_lowercase` change `s`? (Some character has another lower-case form.)
fn changes_when_lowercased(s: &str) -> bool {
    s.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            let mut l = c.to_lowercase();
            l.next() != Some(c) || l.next().is_some()
        }
    })
}

/// The words of `text`, whose sentences are `sents`.
fn words_in<'a>(text: &'a str, sents: &[Range<usize>]) -> Vec<Word<'a>> {
    words_and_plain(text, sents, &mut Vec::new())
}

/// [`words_in`], and in `plain` for each word whether it is its own lower case for
/// certain (only ASCII lower-case letters, digits and joiners; `false` leaves it open).
///
/// A run of ASCII letters and digits is read eight bytes at a time ([`swar`]); any
/// other character one at a time, as before. [`Tokens::new`] lower-cases only the
/// words not known to be plain. (Keeping the flag in the character loop alone cost
/// 28 M more over the bench cases, the loop compiled worse; the eight-byte runs win
/// that back and 5 M more.)
fn words_and_plain<'a>(
    text: &'a str,
    sents: &[Range<usize>],
    plain: &mut Vec<bool>,
) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    plain.reserve(text.len() / 6 + 1);
    for (si, s) in sents.iter().enumerate() {
        let mut first = true;
        let chunk = &text[s.clone()];
        let bytes = chunk.as_bytes();
        let mut k = 0;
        while let Some((c, len)) = char_at(chunk, k) {
            if !is_word_char(c) {
                if c == ':' {
                    // "Bedömning: Alva ..." starts anew after a colon.
                    first = true;
                }
                k += len;
                continue;
            }
            let mut own_lower = c.is_ascii() && !c.is_ascii_uppercase();
            let mut end = k + len;
            loop {
                // The ASCII letters and digits that follow, eight bytes at a time.
                while end + 8 <= bytes.len() {
                    let (n, capital) = swar::alnum_run(swar::load(bytes, end));
                    if capital {
                        own_lower = false;
                    }
                    end += n;
                    if n < 8 {
                        break;
                    }
                }
                let Some((c2, l2)) = char_at(chunk, end) else {
                    break;
                };
                if is_word_char(c2) {
                    if !c2.is_ascii() || c2.is_ascii_uppercase() {
                        own_lower = false;
                    }
                    end += l2;
                    continue;
                }
                // A hyphen, slash or apostrophe between two word characters, and a
                // colon, comma or full stop between two digits, stay inside the word.
                let joins = matches!(c2, '-' | '/' | ':' | ',' | '.' | '\'' | '’')
                    && char_at(chunk, end + l2).is_some_and(|(c3, _)| {
                        is_word_char(c3)
                            && (matches!(c2, '-' | '/' | '\'' | '’')
                                || (c3.is_ascii_digit() && bytes[end - 1].is_ascii_digit()))
                    });
                if !joins {
                    break;
                }
                if !c2.is_ascii() {
                    own_lower = false;
                }
                end += l2;
            }
            out.push(Word {
                text: &chunk[k..end],
                span: s.start + k..s.start + end,
                sentence_start: first,
                sentence: si,
            });
            plain.push(own_lower);
            first = false;
            k = end;
        }
    }
    out
}

/// The character at byte `i` of `s` (a character boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Swedish month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == w)
        .map(|i| u32::try_from(i).unwrap_or(0) + 1)
}

/// A date written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub date: NaiveDate,
    pub span: Range<usize>,
}

/// Dates written as `2026-09-05` or `5 september 2026` (only real calendar dates).
pub fn dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for (whole, [y, m, d]) in scan::iso_dates(text) {
        // A personnummer's date part is not a date mention.
        if text[whole.end..].starts_with(['-', '+'])
            && text[whole.end + 1..]
                .chars()
                .take(4)
                .all(|c| c.is_ascii_digit())
        {
            continue;
        }
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            out.push(DateMention { date, span: whole });
        }
    }
    for (whole, d, month, y) in scan::long_dates(text, &MONTHS) {
        let m = month_number(&text[month]).unwrap_or(0);
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            out.push(DateMention { date, span: whole });
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// A personnummer written in a text, `ÅÅÅÅMMDD-NNNN`, `ÅÅMMDD-NNNN` (or `+`), or
/// the twelve or ten digits without separator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PnrMention {
    pub span: Range<usize>,
    /// Birth date part, if it is a real date.
    pub birth: Option<NaiveDate>,
    /// The ten digits `ÅÅMMDDNNNN`, the form two personnummer are compared in.
    pub ten: String,
}

pub fn personnummer(text: &str) -> Vec<PnrMention> {
    scan::personnummer_spans(text)
        .into_iter()
        .filter_map(|(whole, date_part, tail)| {
            let sep = whole.len() != date_part.len() + tail.len();
            let (date_part, tail) = (&text[date_part], &text[tail]);
            // Ten or twelve bare digits are only a personnummer with a separator or as
            // twelve digits; a bare ten-digit run is more likely some other number.
            if !sep && date_part.len() != 8 {
                return None;
            }
            let (century, short) = if date_part.len() == 8 {
                (Some(&date_part[..2]), &date_part[2..])
            } else {
                (None, date_part)
            };
            let yy: i32 = short[..2].parse().ok()?;
            let mm: u32 = short[2..4].parse().ok()?;
            let dd: u32 = short[4..6].parse().ok()?;
            let birth = match century {
                Some(cc) => NaiveDate::from_ymd_opt(cc.parse::<i32>().ok()? * 100 + yy, mm, dd),
                // Without century: the most recent year that is not in the future is
                // unknowable here, so try both centuries and keep what is a real date.
                None => NaiveDate::from_ymd_opt(2000 + yy, mm, dd)
                    .or_else(|| NaiveDate::from_ymd_opt(1900 + yy, mm, dd)),
            };
            Some(PnrMention {
                span: whole,
                birth,
                ten: format!("{short}{tail}"),
            })
        })
        .collect()
}

/// The ten digits `ÅÅMMDDNNNN` of a personnummer as written in a case file, if it is one.
pub fn pnr_ten(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        12 => Some(digits[2..].to_string()),
        10 => Some(digits),
        _ => None,
    }
}

/// Whole years from `born` to `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

/// Lower case, whitespace collapsed, for comparing phrases and paragraphs.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        words(t).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_hyphens_dates_and_decimals() {
        assert_eq!(
            texts("Ann-Marie, 12-årig, fick 3,5 tim. den 2026-09-05."),
            [
                "Ann-Marie",
                "12-årig",
                "fick",
                "3,5",
                "tim",
                "den",
                "2026-09-05"
            ]
        );
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let t = "Alva behöver t.ex. hjälp. Enligt 4 kap. 1 § SoL gäller det.\n\nNy rad";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "Alva behöver t.ex. hjälp.",
                "Enligt 4 kap. 1 § SoL gäller det.",
                "Ny rad"
            ]
        );
    }

    #[test]
    fn sentence_start_is_marked() {
        let w = words("Hon mår bra. Inga fler insatser behövs. Bedömning: Alva");
        let starts: Vec<&str> = w
            .iter()
            .filter(|w| w.sentence_start)
            .map(|w| w.text)
            .collect();
        assert_eq!(starts, ["Hon", "Inga", "Bedömning", "Alva"]);
    }

    #[test]
    fn finds_dates_and_personnummer() {
        let t = "Född 14 maj 2014, pnr 20140514-1234, besök 2026-09-05 och 2026-02-30.";
        let d: Vec<NaiveDate> = dates(t).into_iter().map(|d| d.date).collect();
        assert_eq!(
            d,
            [
                NaiveDate::from_ymd_opt(2014, 5, 14).unwrap(),
                NaiveDate::from_ymd_opt(2026, 9, 5).unwrap()
            ]
        );
        let p = personnummer(t);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].ten, "1405141234");
        assert_eq!(p[0].birth, NaiveDate::from_ymd_opt(2014, 5, 14));
        assert!(personnummer("ärende 2026123456").is_empty());
    }

    #[test]
    fn ages() {
        let b = NaiveDate::from_ymd_opt(2014, 5, 14).unwrap();
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 5, 13).unwrap()), 11);
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()), 12);
    }

    /// `words_in` as it was, a character at a time: the oracle.
    fn words_oracle<'a>(text: &'a str, sents: &[Range<usize>]) -> Vec<Word<'a>> {
        let mut out = Vec::new();
        for (si, s) in sents.iter().enumerate() {
            let mut first = true;
            let chunk = &text[s.clone()];
            let bytes = chunk.as_bytes();
            let mut k = 0;
            while let Some((c, len)) = char_at(chunk, k) {
                if !is_word_char(c) {
                    if c == ':' {
                        first = true;
                    }
                    k += len;
                    continue;
                }
                let mut end = k + len;
                while let Some((c2, l2)) = char_at(chunk, end) {
                    if is_word_char(c2) {
                        end += l2;
                        continue;
                    }
                    let joins = matches!(c2, '-' | '/' | ':' | ',' | '.' | '\'' | '’')
                        && char_at(chunk, end + l2).is_some_and(|(c3, _)| {
                            is_word_char(c3)
                                && (matches!(c2, '-' | '/' | '\'' | '’')
                                    || (c3.is_ascii_digit() && bytes[end - 1].is_ascii_digit()))
                        });
                    if !joins {
                        break;
                    }
                    end += l2;
                }
                out.push(Word {
                    text: &chunk[k..end],
                    span: s.start + k..s.start + end,
                    sentence_start: first,
                    sentence: si,
                });
                first = false;
                k = end;
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Reading runs of ASCII eight bytes at a time finds the words the character
        /// loop found, and a word called plain is its own lower case.
        #[test]
        fn words_read_in_runs_are_the_words_read_by_character(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "a", "Z", "0", "9", "abcdefgh", "ABCDEFGHIJ", "korttidsvistelse", "Alva",
                    " ", "  ", "\n", ".", ". ", ":", ",", "-", "/", "'", "’", "_", "(", "§",
                    "å", "Ö", "é", "ß", "İ", "\u{301}", "1,5", "12:30", "x.y", "\u{a0}",
                ][..]),
                0..24,
            )
        ) {
            let t = pieces.concat();
            let sents = sentences(&t);
            let mut plain = Vec::new();
            let got = words_and_plain(&t, &sents, &mut plain);
            let want = words_oracle(&t, &sents);
            proptest::prop_assert_eq!(got.len(), plain.len());
            for (w, own) in got.iter().zip(&plain) {
                proptest::prop_assert!(!own || w.text.to_lowercase() == w.text, "{:?}", w.text);
            }
            proptest::prop_assert_eq!(got, want, "{:?}", t);
        }
    }

    /// `sentences` as it was: every byte looked at in turn. The oracle of the test below.
    fn sentences_oracle(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let end_here = match b {
                b'.' | b'!' | b'?' => {
                    let after = &text[i + 1..];
                    let next = after.trim_start();
                    let gap = after.len() - next.len();
                    let next_char = next.chars().next();
                    let spaced = gap > 0 || next.is_empty();
                    let starts_upper = next_char
                        .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
                    let abbrev = || {
                        b == b'.' && {
                            let before = &text[start..i];
                            let word = before
                                .rsplit(|c: char| c.is_whitespace() || c == '(')
                                .next()
                                .unwrap_or("");
                            if word.is_ascii() {
                                ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                            } else {
                                ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                            }
                        }
                    };
                    spaced && starts_upper && !abbrev()
                }
                b'\n' => {
                    let rest = &text[i + 1..];
                    let line = rest.trim_start_matches([' ', '\t']);
                    rest.starts_with('\n')
                        || line.starts_with("- ")
                        || line.starts_with("* ")
                        || line.starts_with("• ")
                        || line.starts_with('\n')
                        || text[start..i].trim_end().ends_with(':')
                }
                _ => false,
            };
            if end_here {
                push_trimmed(text, start..i + 1, &mut out);
                start = i + 1;
            }
            i += 1;
        }
        push_trimmed(text, start..text.len(), &mut out);
        out
    }

    proptest::proptest! {
        /// Jumping between the bytes that can end a sentence finds the sentences that
        /// looking at every byte found.
        #[test]
        fn sentences_jumping_are_sentences_byte_by_byte(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    ".", "!", "?", "\n", "\n\n", " ", "\t", ":", "- ", "* ", "• ", "(", "Alva",
                    "hjälp", "t.ex", "kap", "Å", "é", "1", "-", "ſ", "\u{a0}", "DVS", "Ärende",
                ][..]),
                0..24,
            )
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(sentences(&t), sentences_oracle(&t), "{:?}", t);
        }
    }
}
