//! Patterns and term lists for what a text mentions: placeholders, kommuner, ages,
//! insatser and laws.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use crate::case::Insats;

/// A regex compiled the first time a text holds one of `needles`, literals that every
/// match contains. Compiling the copy signals' regexes was 25 M of the 58 M
/// instructions a one-case `check` process cost, and most texts can match few of them;
/// a text without the literals has no match, so skipping it changes no finding.
pub(super) struct Gated {
    needles: &'static [&'static str],
    pattern: &'static str,
    re: OnceLock<Regex>,
}

impl Gated {
    const fn new(needles: &'static [&'static str], pattern: &'static str) -> Gated {
        Gated {
            needles,
            pattern,
            re: OnceLock::new(),
        }
    }

    fn regex(&self) -> &Regex {
        self.re
            .get_or_init(|| Regex::new(self.pattern).expect("static regex"))
    }

    pub(super) fn find_iter<'t>(
        &self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'_, 't> {
        self.needles
            .iter()
            .any(|n| text.contains(n))
            .then(|| self.regex().find_iter(text))
            .into_iter()
            .flatten()
    }
}

pub(super) static PLACEHOLDERS: [Gated; 12] = [
    Gated::new(&["ÅÅÅÅ"], r"ÅÅÅÅ-?MM-?DD(?:-(?:NNNN|XXXX))?"),
    Gated::new(&["ÅÅMMDD"], r"ÅÅMMDD(?:-(?:NNNN|XXXX))?"),
    Gated::new(
        &["XXXXXX", "NNNNNN"],
        r"\b(?:XXXXXX|NNNNNN)-(?:XXXX|NNNN)\b",
    ),
    Gated::new(&["Förnamn"], r"\bFörnamn\s+Efternamn\b"),
    Gated::new(&["Förnamn", "Efternamn"], r"\b(?:Förnamn|Efternamn)\b"),
    Gated::new(&["["], r"\[[^\]\n]*[^\]\n\d][^\]\n]*\]"),
    Gated::new(&["<"], r"<[^<>\n]{1,40}>"),
    Gated::new(&["{"], r"\{\{?[^{}\n]{1,40}\}?\}"),
    Gated::new(&["XX", "NN", "xxx"], r"\b(?:X{2,}|N{2,}|x{3,})\b"),
    Gated::new(
        &["X"],
        r"\bX\s+(?:timmar|tim|dygn|dagar|veckor|år|gånger|kr|kronor)\b",
    ),
    Gated::new(&["___"], r"_{3,}"),
    Gated::new(&["...", "…"], r"\.{3}|…"),
];

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

/// The case-insensitive patterns have no literal every match must hold, so their
/// needle is the empty string, which every text contains.
pub(super) static LAW_PATTERNS: [(&str, bool, Gated); 4] = [
    ("LSS", false, Gated::new(&["LSS"], r"\bLSS\b")),
    (
        "LSS",
        false,
        Gated::new(&[""], r"(?i)lagen \(1993:387\)|lagen om stöd och service"),
    ),
    ("SoL", false, Gated::new(&["SoL"], r"\bSoL\b")),
    (
        "SoL",
        false,
        Gated::new(&[""], r"(?i)\bsocialtjänstlagen|\((?:2001:453|2025:400)\)"),
    ),
];

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal test before a regex never hides a match: on texts that hold every
    /// kind of placeholder and law name, the gated search finds what the regex finds.
    #[test]
    fn gated_regexes_find_what_the_regexes_find() {
        let texts = [
            "Född ÅÅÅÅ-MM-DD-XXXX, ÅÅMMDD-NNNN eller XXXXXX-XXXX.",
            "Förnamn Efternamn och Efternamn, [namn], <ort>, {{datum}}, {x}.",
            "XX dygn, NNN timmar, xxx, X timmar per vecka, ____ och ... samt …",
            "Beslut enligt 9 § 6 LSS och lagen (1993:387) om stöd och service.",
            "Enligt SoL, SOCIALTJÄNSTLAGEN (2001:453) och (2025:400).",
            "Lisa behöver stöd fyra dygn per månad.",
            "",
        ];
        let gated = PLACEHOLDERS
            .iter()
            .chain(LAW_PATTERNS.iter().map(|(_, _, g)| g));
        for g in gated {
            for t in texts {
                let with: Vec<_> = g.find_iter(t).map(|m| m.range()).collect();
                let without: Vec<_> = g.regex().find_iter(t).map(|m| m.range()).collect();
                assert_eq!(with, without, "{} on {t:?}", g.pattern);
            }
            assert!(
                texts.iter().any(|t| g.find_iter(t).next().is_some()),
                "no sample text matches {}",
                g.pattern
            );
        }
    }
}
