//! Patterns and term lists for what a text mentions: placeholders, kommuner, ages,
//! insatser and laws.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::case::Insats;

pub(super) static PLACEHOLDERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"ÅÅÅÅ-?MM-?DD(?:-(?:NNNN|XXXX))?",
        r"ÅÅMMDD(?:-(?:NNNN|XXXX))?",
        r"\b(?:XXXXXX|NNNNNN)-(?:XXXX|NNNN)\b",
        r"\bFörnamn\s+Efternamn\b",
        r"\b(?:Förnamn|Efternamn)\b",
        r"\[[^\]\n]*[^\]\n\d][^\]\n]*\]",
        r"<[^<>\n]{1,40}>",
        r"\{\{?[^{}\n]{1,40}\}?\}",
        r"\b(?:X{2,}|N{2,}|x{3,})\b",
        r"\bX\s+(?:timmar|tim|dygn|dagar|veckor|år|gånger|kr|kronor)\b",
        r"_{3,}",
        r"\.{3}|…",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("static regex"))
    .collect()
});

pub(super) static KOMMUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu}[\p{L}-]+?)s? kommuns?\b").expect("static regex"));

// Groups: 1 = "15-årig…", 2 = "15 år gammal", 3 = "är|blir|fyller 15 år".
pub(super) static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})-år(?:ig|ige|iga|igt|ing|ingen|ingar)\b|\b(\d{1,2}) år gammal\b|\b(?:är|blir|fyller) (\d{1,2}) år\b",
    )
    .expect("static regex")
});

/// The matches of [`AGE`] in `t`, the same as `AGE.captures_iter(t)`, but the pattern
/// runs only on a window around each "år". Its Unicode `\b` keeps the regex crate's
/// DFA off non-ASCII text, so a search over the whole text runs the backtracker over
/// all of it, once per match and once more at the end (about 80,000 instructions a
/// call on a motivering).
///
/// Why the windows give the same matches: every match holds "år" (`å` in any of its
/// case forms U+00E5, U+00C5, U+212B, then `r` or `R`) and starts at most 20 bytes
/// before it and ends at most 20 bytes after. For each such occurrence `q`, in order,
/// the pattern is searched from `max(end of the last match, q - 32)` in the text cut
/// at the first space or line break at least 64 bytes after `q` (a cut before a space
/// changes no `\b`; the search looks back before its start as the iterator does). The
/// leftmost match it finds is the iterator's next match if it starts at or before
/// `q`; if it starts later, or there is none, no match starts between the last match
/// and `q`, and a later occurrence's window finds it. Every match has a digit, then
/// `-` or a space, right before its "år", so an "år" without them ("varje år",
/// "årskurs") is no part of a match and is not searched around.
pub(super) fn age_captures(t: &str) -> Vec<regex::Captures<'_>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    for (i, &c) in b.iter().enumerate() {
        if c != b'r' && c != b'R' {
            continue;
        }
        let q = if i >= 2 && b[i - 2] == 0xC3 && matches!(b[i - 1], 0xA5 | 0x85) {
            i - 2
        } else if i >= 3 && b[i - 3..i] == [0xE2, 0x84, 0xAB] {
            i - 3
        } else {
            continue;
        };
        let mut before = t[..q].chars().rev();
        if !(matches!(before.next(), Some('-' | ' '))
            && before.next().is_some_and(char::is_numeric))
        {
            continue;
        }
        let mut from = q.saturating_sub(32).max(pos);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        if from > q {
            continue;
        }
        let mut cut = (q + 64).min(b.len());
        while cut < b.len() && b[cut] != b' ' && b[cut] != b'\n' {
            cut += 1;
        }
        let Some(c) = AGE.captures_at(&t[..cut], from) else {
            continue;
        };
        let Some(m) = c.get(0) else {
            continue;
        };
        if m.start() <= q {
            pos = m.end();
            out.push(c);
        }
    }
    out
}

/// How an insats is named in running text, longest first where one name starts another.
pub(super) const INSATS_TERMS: &[(&str, Insats)] = &[
    ("råd och stöd", Insats::RadOchStod),
    ("personlig assistans", Insats::PersonligAssistans),
    ("personlig assistent", Insats::PersonligAssistans),
    ("ledsagarservice", Insats::Ledsagarservice),
    ("kontaktperson", Insats::Kontaktperson),
    ("avlösarservice", Insats::Avlosarservice),
    ("korttidsvistelse", Insats::Korttidsvistelse),
    ("korttidshem", Insats::Korttidsvistelse),
    ("korttidstillsyn", Insats::Korttidstillsyn),
    ("bostad med särskild service för barn", Insats::BoendeBarn),
    ("bostad med särskild service för vuxna", Insats::BostadVuxna),
    ("gruppbostad", Insats::BostadVuxna),
    ("servicebostad", Insats::BostadVuxna),
    ("daglig verksamhet", Insats::DagligVerksamhet),
    ("kontaktfamilj", Insats::Kontaktfamilj),
    ("ekonomiskt bistånd", Insats::EkonomisktBistand),
    ("försörjningsstöd", Insats::EkonomisktBistand),
    ("hemtjänst", Insats::Hemtjanst),
    ("ledsagning", Insats::Ledsagning),
    ("särskilt boende", Insats::SarskiltBoende),
    ("äldreboende", Insats::SarskiltBoende),
];

/// Insatser whose names a decision on `i` may use as ordinary words.
pub(super) fn related_insatser(i: Insats) -> Vec<Insats> {
    match i {
        Insats::Ledsagarservice => vec![Insats::Ledsagning],
        Insats::Ledsagning => vec![Insats::Ledsagarservice],
        Insats::Avlosarservice => vec![Insats::Avlosning],
        Insats::Avlosning => vec![Insats::Avlosarservice],
        Insats::Kontaktperson => vec![Insats::Kontaktfamilj],
        Insats::Kontaktfamilj => vec![Insats::Kontaktperson],
        _ => Vec::new(),
    }
}

pub(super) fn insats_name(i: Insats) -> &'static str {
    i.namn()
}

/// Insatser named in `text`, with the span of the name (inflected forms included).
///
/// One pass over the word starts of the lower-cased text; at each, the terms are tried
/// in the order of [`INSATS_TERMS`] and the first that matches wins (no term starts
/// inside another at a word start, so this is the same as searching term by term).
pub(crate) fn insats_mentions(text: &str) -> Vec<(Insats, Range<usize>)> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets for Swedish text (å/ä/ö stay two bytes); if some
    // character changes length the offsets would lie, so give up on such texts.
    if lower.len() != text.len() {
        return Vec::new();
    }
    // The terms by their first byte, in the order of INSATS_TERMS.
    static BY_FIRST: LazyLock<[Vec<(&'static str, Insats)>; 256]> = LazyLock::new(|| {
        std::array::from_fn(|b| {
            INSATS_TERMS
                .iter()
                .filter(|(t, _)| t.as_bytes().first() == Some(&(b as u8)))
                .copied()
                .collect()
        })
    });
    let mut out: Vec<(Insats, Range<usize>)> = Vec::new();
    let mut prev_alnum = false;
    let mut skip_to = 0;
    for (start, c) in lower.char_indices() {
        let word_start = !prev_alnum;
        prev_alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !word_start || start < skip_to || !prev_alnum {
            continue;
        }
        let rest = &lower[start..];
        let Some((term, ins)) = BY_FIRST[usize::from(rest.as_bytes()[0])]
            .iter()
            .find(|(term, _)| rest.starts_with(term))
        else {
            continue;
        };
        let from = start + term.len();
        let end = from + word_tail(&lower[from..]);
        out.push((*ins, start..end));
        skip_to = end;
    }
    out
}

pub(super) fn word_tail(s: &str) -> usize {
    s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len())
}

pub(super) static LAW_PATTERNS: LazyLock<Vec<(&'static str, bool, Regex)>> = LazyLock::new(|| {
    [
        ("LSS", false, r"\bLSS\b"),
        (
            "LSS",
            false,
            r"(?i)lagen \(1993:387\)|lagen om stöd och service",
        ),
        ("SoL", false, r"\bSoL\b"),
        (
            "SoL",
            false,
            r"(?i)\bsocialtjänstlagen|\((?:2001:453|2025:400)\)",
        ),
    ]
    .into_iter()
    .map(|(l, std, p)| (l, std, Regex::new(p).expect("static regex")))
    .collect()
});

/// Laws named in `text`: `(law, span, is the law's standard phrase)`.
pub(super) fn law_mentions_detailed(text: &str) -> Vec<(&'static str, Range<usize>, bool)> {
    let mut out = Vec::new();
    for (law, std, re) in LAW_PATTERNS.iter() {
        for m in re.find_iter(text) {
            out.push((*law, m.range(), *std));
        }
    }
    out.sort_by_key(|(_, r, _)| r.start);
    out
}

pub(super) fn law_mentions(text: &str) -> Vec<(&'static str, Range<usize>)> {
    law_mentions_detailed(text)
        .into_iter()
        .filter(|(_, _, std)| !std)
        .map(|(l, r, _)| (l, r))
        .collect()
}
