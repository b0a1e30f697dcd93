//! Hand-written scanners for the fixed patterns copy detection looks for in a text:
//! ISO and long dates, personnummer, lagrum references and numbers.
//!
//! They were regexes. Compiling the five cost 9.8 M of the 38 M instructions of a
//! one-case `check` process, more than the rules, and their `\d` was Unicode's: a
//! personnummer with an Arabic-Indic digit inside (`1٢٣٤٥6-7890`) matched, and the
//! byte slicing after it panicked. Here a digit is an ASCII digit, the only kind the
//! numbers are read with afterwards. Each scanner finds what its regex (kept in the
//! tests below, as the oracle a property test compares with) finds on text whose
//! digits are ASCII: the leftmost match, the regex's choice among alternatives at that
//! start, then the next match from the end of this one.

use std::ops::Range;

use super::swar::{byte_bits, digit_bits, next_where};

fn digit(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

/// The first ASCII digit at or after `i`, or `b.len()`.
fn next_digit(b: &[u8], i: usize) -> usize {
    next_where(b, i, digit_bits, |c| c.is_ascii_digit())
}

/// An ASCII word byte, as `(?-u:\w)`: what `(?-u:\b)` tells from the rest.
fn word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `(?-u:\b)` before a word byte at `i`.
fn boundary_before(b: &[u8], i: usize) -> bool {
    i == 0 || !word(b[i - 1])
}

/// `(?-u:\b)` after a word byte that ends at `i`.
fn boundary_after(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|&c| !word(c))
}

/// `(?-u:\s)`: `[\t\n\v\f\r ]` (`u8::is_ascii_whitespace` leaves out `\v`).
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The end of the run of ASCII digits that starts at `i`.
fn digits_end(b: &[u8], mut i: usize) -> usize {
    while digit(b, i) {
        i += 1;
    }
    i
}

/// The end of `\s*` (Unicode white space, as the regex crate's `\s`) from `i`.
fn unicode_space_end(t: &str, i: usize) -> usize {
    t[i..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(t.len(), |(k, _)| i + k)
}

/// `19` or `20` at `i`.
fn century(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 2), Some(b"19" | b"20"))
}

/// A date written `ÅÅÅÅ-MM-DD` (year 1900–2099): the span and the three numbers as
/// written, as `(?-u:\b)((?:19|20)\d\d)-(\d\d)-(\d\d)(?-u:\b)`.
pub fn iso_dates(t: &str) -> Vec<(Range<usize>, [u32; 3])> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= b.len() {
        i = next_digit(b, i);
        if i + 10 > b.len() {
            break;
        }
        let hit = century(b, i)
            && boundary_before(b, i)
            && digit(b, i + 2)
            && digit(b, i + 3)
            && b[i + 4] == b'-'
            && digit(b, i + 5)
            && digit(b, i + 6)
            && b[i + 7] == b'-'
            && digit(b, i + 8)
            && digit(b, i + 9)
            && boundary_after(b, i + 10);
        if hit {
            out.push((
                i..i + 10,
                [
                    num(t, i..i + 4),
                    num(t, i + 5..i + 7),
                    num(t, i + 8..i + 10),
                ],
            ));
            i += 10;
        } else {
            i += 1;
        }
    }
    out
}

/// A date written `5 september 2026` (also `5:e`, any case): the span, the day, the
/// month's span and the year, as
/// `(?i-u)\b(\d{1,2})(?::e|:a)?\s+(januari|…|december)\s+((?:19|20)\d\d)\b`.
pub fn long_dates(t: &str, months: &[&str]) -> Vec<(Range<usize>, u32, Range<usize>, u32)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        i = next_digit(b, i);
        if i < b.len() && boundary_before(b, i) {
            if let Some(hit) = long_date_at(t, i, months) {
                i = hit.0.end;
                out.push(hit);
                continue;
            }
        }
        i += 1;
    }
    out
}

fn long_date_at(
    t: &str,
    i: usize,
    months: &[&str],
) -> Option<(Range<usize>, u32, Range<usize>, u32)> {
    let b = t.as_bytes();
    let day_end = digits_end(b, i);
    if day_end - i > 2 {
        return None;
    }
    let mut j = day_end;
    if b.get(j) == Some(&b':') && matches!(b.get(j + 1), Some(b'e' | b'E' | b'a' | b'A')) {
        j += 2;
    }
    let spaces = |mut j: usize| {
        let from = j;
        while b.get(j).is_some_and(|&c| ascii_space(c)) {
            j += 1;
        }
        (j > from).then_some(j)
    };
    j = spaces(j)?;
    let month = months.iter().find(|m| {
        b.get(j..j + m.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(m.as_bytes()))
    })?;
    let month_span = j..j + month.len();
    j = spaces(month_span.end)?;
    if !(century(b, j) && digit(b, j + 2) && digit(b, j + 3) && boundary_after(b, j + 4)) {
        return None;
    }
    Some((i..j + 4, num(t, i..day_end), month_span, num(t, j..j + 4)))
}

/// A personnummer-like run: the span, the date part (`(?:19|20)?\d{6}`) and the last
/// four digits, as `(?-u:\b)((?:19|20)?\d{6})[-+]?(\d{4})(?-u:\b)`.
pub fn personnummer_spans(t: &str) -> Vec<(Range<usize>, Range<usize>, Range<usize>)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        i = next_digit(b, i);
        if i < b.len() && boundary_before(b, i) {
            // With the century first, as the regex's greedy `?` tries it.
            let hit = if century(b, i) {
                pnr_rest(b, i, i + 2)
            } else {
                None
            }
            .or_else(|| pnr_rest(b, i, i));
            if let Some(hit) = hit {
                i = hit.0.end;
                out.push(hit);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Six digits from `k`, an optional `-` or `+`, four digits and a boundary.
fn pnr_rest(b: &[u8], i: usize, k: usize) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    if !(k..k + 6).all(|j| digit(b, j)) {
        return None;
    }
    let date = i..k + 6;
    let tail_from = if matches!(b.get(k + 6), Some(b'-' | b'+')) {
        k + 7
    } else {
        k + 6
    };
    let tail = tail_from..tail_from + 4;
    if tail.clone().all(|j| digit(b, j)) && boundary_after(b, tail.end) {
        Some((i..tail.end, date, tail))
    } else {
        None
    }
}

/// Spans of lagrum references, whose numbers are no facts: `4 kap.`, `9 a §`,
/// `§ 3`, `(2025:400)`, as
/// `\d+\s*kap\.|\d+\s*[a-z]?\s*§(\s*\d+)?|§\s*\d+|\(?\d{4}:\d+\)?`.
pub fn lagrum_refs(t: &str) -> Vec<Range<usize>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // A reference starts at a digit, `§` (C2 A7) or `(`.
        i = next_where(
            b,
            i,
            |x| digit_bits(x) | byte_bits(x, 0xC2) | byte_bits(x, b'('),
            |c| c.is_ascii_digit() || c == 0xC2 || c == b'(',
        );
        if i == b.len() {
            break;
        }
        let hit = if digit(b, i) {
            kap_at(t, i).or_else(|| paragraf_at(t, i))
        } else if b[i] == 0xC2 && b.get(i + 1) == Some(&0xA7) {
            // `§` is C2 A7 in UTF-8.
            let j = unicode_space_end(t, i + 2);
            let end = digits_end(b, j);
            (end > j).then_some(end)
        } else {
            None
        }
        .or_else(|| sfs_at(b, i));
        match hit {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// `\d+\s*kap\.` at `i`: its end.
fn kap_at(t: &str, i: usize) -> Option<usize> {
    let j = unicode_space_end(t, digits_end(t.as_bytes(), i));
    t[j..].starts_with("kap.").then_some(j + 4)
}

/// `\d+\s*[a-z]?\s*§(\s*\d+)?` at `i`: its end.
fn paragraf_at(t: &str, i: usize) -> Option<usize> {
    let b = t.as_bytes();
    let mut j = unicode_space_end(t, digits_end(b, i));
    if b.get(j).is_some_and(u8::is_ascii_lowercase) {
        j = unicode_space_end(t, j + 1);
    }
    if !t[j..].starts_with('§') {
        return None;
    }
    j += '§'.len_utf8();
    let k = unicode_space_end(t, j);
    let end = digits_end(b, k);
    Some(if end > k { end } else { j })
}

/// `\(?\d{4}:\d+\)?` at `i`: its end.
fn sfs_at(b: &[u8], i: usize) -> Option<usize> {
    let j = if b[i] == b'(' { i + 1 } else { i };
    if !((j..j + 4).all(|k| digit(b, k)) && b.get(j + 4) == Some(&b':') && digit(b, j + 5)) {
        return None;
    }
    let end = digits_end(b, j + 5);
    Some(if b.get(end) == Some(&b')') {
        end + 1
    } else {
        end
    })
}

/// Numbers with thousands groups and decimals (`23 150`, `1,5`), as
/// `\d+(?:[ \u{a0}]\d{3})*(?:,\d+)?`.
pub fn number_spans(t: &str) -> Vec<Range<usize>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        i = next_digit(b, i);
        if i == b.len() {
            break;
        }
        let mut j = digits_end(b, i);
        loop {
            let sep = if b.get(j) == Some(&b' ') {
                1
            } else if b.get(j..j + 2) == Some(&[0xC2, 0xA0][..]) {
                2
            } else {
                0
            };
            if sep > 0 && (j + sep..j + sep + 3).all(|k| digit(b, k)) {
                j += sep + 3;
            } else {
                break;
            }
        }
        if b.get(j) == Some(&b',') && digit(b, j + 1) {
            j = digits_end(b, j + 1);
        }
        out.push(i..j);
        i = j;
    }
    out
}

/// The ASCII digits in `r` as a number (they are at most a few).
fn num(t: &str, r: Range<usize>) -> u32 {
    t[r].bytes().fold(0u32, |n, d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    use crate::copy::text::MONTHS;

    fn iso_re() -> &'static Regex {
        static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"(?-u:\b)((?:19|20)\d\d)-(\d\d)-(\d\d)(?-u:\b)").unwrap()
        });
        &RE
    }
    fn long_re() -> &'static Regex {
        static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i-u)\b(\d{{1,2}})(?::e|:a)?\s+({})\s+((?:19|20)\d\d)\b",
                MONTHS.join("|")
            ))
            .unwrap()
        });
        &RE
    }
    fn pnr_re() -> &'static Regex {
        static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"(?-u:\b)((?:19|20)?\d{6})[-+]?(\d{4})(?-u:\b)").unwrap()
        });
        &RE
    }
    fn lagrum_re() -> &'static Regex {
        static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"\d+\s*kap\.|\d+\s*[a-z]?\s*§(\s*\d+)?|§\s*\d+|\(?\d{4}:\d+\)?").unwrap()
        });
        &RE
    }
    fn number_re() -> &'static Regex {
        static RE: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new(r"\d+(?:[ \u{a0}]\d{3})*(?:,\d+)?").unwrap());
        &RE
    }

    fn range(c: &regex::Captures<'_>, i: usize) -> Range<usize> {
        c.get(i).map_or(0..0, |m| m.range())
    }

    fn compare(t: &str) {
        let iso: Vec<_> = iso_re()
            .captures_iter(t)
            .map(|c| {
                let n = |i: usize| c[i].parse::<u32>().unwrap();
                (range(&c, 0), [n(1), n(2), n(3)])
            })
            .collect();
        assert_eq!(iso_dates(t), iso, "iso dates in {t:?}");
        let long: Vec<_> = long_re()
            .captures_iter(t)
            .map(|c| {
                let n = |i: usize| c[i].parse::<u32>().unwrap();
                (range(&c, 0), n(1), range(&c, 2), n(3))
            })
            .collect();
        assert_eq!(long_dates(t, &MONTHS), long, "long dates in {t:?}");
        let pnr: Vec<_> = pnr_re()
            .captures_iter(t)
            .map(|c| (range(&c, 0), range(&c, 1), range(&c, 2)))
            .collect();
        assert_eq!(personnummer_spans(t), pnr, "personnummer in {t:?}");
        let lagrum: Vec<_> = lagrum_re().find_iter(t).map(|m| m.range()).collect();
        assert_eq!(lagrum_refs(t), lagrum, "lagrum in {t:?}");
        let numbers: Vec<_> = number_re().find_iter(t).map(|m| m.range()).collect();
        assert_eq!(number_spans(t), numbers, "numbers in {t:?}");
    }

    #[test]
    fn the_scanners_find_what_the_regexes_find_on_written_text() {
        for t in [
            "",
            "Beslut 2026-09-05 om 6 a § LSS, 4 kap. 1 § SoL och lagen (1993:387).",
            "Född 19900101-1234, 900101+1234, 199001011234, 9001011234 och 2001011234.",
            "Den 5 september 2026, 5:e Juni 2026, 12 MARS 1999, 123 maj 2026, 1 maj 20266.",
            "Kostnaden 23 150 kr, 1,5 timmar, 12 3456, 2 000 000,50 kr och 7\u{a0}000.",
            "§ 3, §3, 9 a§, 9 a §  12, 3 kap.4 §, (2025:400) och 2025:400) och 12345:6.",
            "x2026-01-01, 2026-01-01x, _2026-01-01, 2026-01-011, 2026-1-01, 1 januari\u{a0}2026.",
            "Ett år\u{2003}§\u{2003}5 och 1\tjanuari\x0b2026 och 3 kap",
        ] {
            compare(t);
        }
    }

    /// The regex's `\d` was Unicode's: a personnummer with another script's digit inside
    /// panicked when its parts were sliced by byte.
    #[test]
    fn digits_of_other_scripts_are_no_digits() {
        let t = "Personnummer 1٢٣٤٥6-7890 och ०१०२०३-०४०५ och 2026-٠١-01.";
        assert!(personnummer_spans(t).is_empty());
        assert!(iso_dates(t).is_empty());
        assert_eq!(crate::copy::text::personnummer(t), Vec::new());
    }

    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "0", "1", "2", "9", "19", "20", "12", "2026", "-", "+", " ", "  ", "\u{a0}", "\t",
        "\n", "\x0b", "\u{2003}", ":", ":e", ":A", ",", ".", "§", "kap", "kap.", "(", ")", "a",
        "b", "x", "_", "ä", "Å", "maj", "MAJ", "januari", "September", "mars", "år", "å",
        // Whole or nearly whole mentions, so that the random joins test their edges.
        "1 maj 2026", "12 mars\x0b1999", "5:e juni\t2026", "3:a JULI  2099", "2026-09-05",
        "19900101-1234", "900101+1234", "199001011234", "6 a §", "4 kap.", "§ 12", "(2025:400)",
        "2001:453", "23 150", "1\u{a0}000,5",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn the_scanners_find_what_the_regexes_find(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
        ) {
            compare(&pieces.concat());
        }
    }
}
