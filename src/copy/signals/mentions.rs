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

    /// The matches in `text`, whose needles are `present` (see [`placeholder_needles`]).
    fn find_iter<'t>(
        &self,
        text: &'t str,
        present: bool,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'_, 't> {
        present
            .then(|| self.regex().find_iter(text))
            .into_iter()
            .flatten()
    }
}

/// Every needle of [`PLACEHOLDERS`] by its first byte, and per gate the bits of its
/// needles: one pass over a text tells which gates can match, where asking each
/// gate's needles in turn was 16 substring searches a text (49 M of the copy
/// signals' 1,045 M instructions over the bench's 3,000 cases). An Aho-Corasick
/// automaton searched a little faster but took 326 k instructions to build, 3 % of
/// a one-case `check` process.
struct Needles {
    all: Vec<&'static str>,
    /// Per byte, the bits of the needles that start with it.
    by_first: [u64; 256],
    gates: Vec<u64>,
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = Vec::new();
    let gates = PLACEHOLDERS
        .iter()
        .map(|g| {
            g.needles.iter().fold(0u64, |mask, n| {
                let id = all.iter().position(|a| a == n).unwrap_or_else(|| {
                    all.push(n);
                    all.len() - 1
                });
                mask | 1 << id
            })
        })
        .collect();
    let mut by_first = [0u64; 256];
    for (id, n) in all.iter().enumerate() {
        if let Some(&b) = n.as_bytes().first() {
            by_first[usize::from(b)] |= 1 << id;
        }
    }
    Needles {
        all,
        by_first,
        gates,
    }
});

/// The bits (as in [`Needles::gates`]) of the needles `text` holds.
fn needles_in(text: &str) -> u64 {
    let n = &*NEEDLES;
    let b = text.as_bytes();
    let mut present = 0u64;
    for (i, &byte) in b.iter().enumerate() {
        let mut cands = n.by_first[usize::from(byte)] & !present;
        while cands != 0 {
            let id = cands.trailing_zeros() as usize;
            cands &= cands - 1;
            if b[i..].starts_with(n.all[id].as_bytes()) {
                present |= 1 << id;
            }
        }
    }
    present
}

/// The matches of every placeholder pattern in `text`, gate by gate in the order of
/// [`PLACEHOLDERS`]: a gate whose needles `text` lacks has no match and is skipped.
pub(super) fn placeholder_matches(text: &str) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    let present = needles_in(text);
    PLACEHOLDERS
        .iter()
        .zip(&NEEDLES.gates)
        .flat_map(move |(g, bits)| g.find_iter(text, present & bits != 0))
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

/// Kommun names written before "kommun": `(whole, name)` spans, as the regex
/// `\b(\p{Lu}[\p{L}-]+?)s? kommuns?\b` finds them (leftmost, not overlapping; the
/// name without a genitive `s`).
///
/// Written out because compiling that regex (two large Unicode classes and Unicode
/// word boundaries) was 5.8 M instructions, a third of a one-case `check` of a text
/// that says "kommun". The classes are the regex crate's own, read from regex-syntax,
/// which a test compares with the regex on joined pieces.
pub(super) fn kommun_mentions(t: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (k, _) in t.match_indices(" kommun") {
        // A match ends in "kommun" or "kommuns", so the next " kommun" starts at or
        // after its end; the guard keeps `t[from..k]` below sound all the same.
        if k < from {
            continue;
        }
        // After: `kommun`, then `s` if a boundary follows it, else a boundary.
        let after = k + " kommun".len();
        let next = t[after..].chars().next();
        let end = match next {
            Some('s') if !t[after + 1..].chars().next().is_some_and(is_word) => after + 1,
            Some(c) if is_word(c) => continue,
            _ => after,
        };
        // Before: the letters and hyphens up to the space; the match starts at the
        // leftmost upper-case letter among them with a word boundary before it and at
        // least one more character after it.
        let mut start = None;
        let mut prev: Option<char> = None;
        let mut run: Vec<(usize, char)> = t[from..k]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c == '-' || is_letter(c))
            .map(|(i, c)| (from + i, c))
            .collect();
        run.reverse();
        if let Some(&(i0, _)) = run.first() {
            prev = t[..i0].chars().next_back();
        }
        for (n, &(i, c)) in run.iter().enumerate() {
            let boundary = !prev.is_some_and(is_word);
            if boundary && n + 1 < run.len() && is_upper(c) {
                start = Some(i);
                break;
            }
            prev = Some(c);
        }
        let Some(p) = start else {
            continue;
        };
        // The name: without a final `s` when the name is still two characters long.
        let name_end = if t[..k].ends_with('s') && t[p..k - 1].chars().nth(1).is_some() {
            k - 1
        } else {
            k
        };
        out.push((p..end, p..name_end));
        from = end;
    }
    out
}

/// A Unicode class as sorted ranges, from regex-syntax's tables.
struct Class(Vec<(char, char)>);

fn class(pattern: &str) -> Class {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .expect("a Unicode class");
    match hir.kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
            Class(c.ranges().iter().map(|r| (r.start(), r.end())).collect())
        }
        _ => unreachable!("{pattern} is a class"),
    }
}

static UPPER: LazyLock<Class> = LazyLock::new(|| class(r"\p{Lu}"));
static LETTER: LazyLock<Class> = LazyLock::new(|| class(r"\p{L}"));

/// `\p{Lu}`.
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        UPPER.contains(c)
    }
}

/// `\p{L}`.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        LETTER.contains(c)
    }
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// An age stated in a text: the whole phrase, its digits and its form: 1 "15-årig…",
/// 2 "15 år gammal", 3 "är|blir|fyller 15 år".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AgeMention {
    pub(super) whole: Range<usize>,
    pub(super) digits: Range<usize>,
    pub(super) form: u8,
}

/// The ages stated in `t`, as the regex
/// `(?i)\b(\d{1,2})-år(?:ig|ige|iga|igt|ing|ingen|ingar)\b|\b(\d{1,2}) år gammal\b|\b(?:är|blir|fyller) (\d{1,2}) år\b`
/// finds them (leftmost, not overlapping).
///
/// Written out because compiling that regex (Unicode `\d`, `\b` and case folding) was
/// 1.9 M instructions of a one-case `check` of a text that gives an age, and its
/// Unicode `\b` kept the regex crate's DFA off Swedish text, so it ran only in windows
/// around each "år". The digits are Unicode's decimal digits and the word boundaries and
/// case folding the regex crate's own; the regex stays in the tests as the oracle.
pub(super) fn age_mentions(t: &str) -> Vec<AgeMention> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev: Option<char> = None;
    for (p, c) in t.char_indices() {
        let before = prev.replace(c);
        // Only a digit or the first letter of a verb starts a form (no character
        // folds to `b`, `f` or `ä` but its upper case); the rest is not looked at.
        let digit = is_digit(c);
        if p < from || !(digit || matches!(c, 'b' | 'B' | 'f' | 'F' | 'ä' | 'Ä')) {
            continue;
        }
        // Every form starts with a word character, so a boundary means none before.
        if before.is_some_and(is_word) {
            continue;
        }
        let hit = if digit {
            age_number_first(t, p)
        } else {
            age_verb_first(t, p)
        };
        if let Some(m) = hit {
            from = m.whole.end;
            out.push(m);
        }
    }
    out
}

/// `\d`: a decimal digit of any script.
fn is_digit(c: char) -> bool {
    static DIGIT: LazyLock<Class> = LazyLock::new(|| class(r"\d"));
    if c <= 'ÿ' {
        // Latin-1 has no decimal digits but the ASCII ones.
        c.is_ascii_digit()
    } else {
        DIGIT.contains(c)
    }
}

/// `\d{1,2}` at `p` with no third digit after it: the end.
fn one_or_two_digits(t: &str, p: usize) -> Option<usize> {
    let mut n = 0;
    let mut end = p;
    for (i, c) in t[p..].char_indices() {
        if !is_digit(c) {
            break;
        }
        n += 1;
        end = p + i + c.len_utf8();
    }
    (1..=2).contains(&n).then_some(end)
}

/// A word boundary after a word character that ends at `e`.
fn boundary_after(t: &str, e: usize) -> bool {
    !t[e..].chars().next().is_some_and(is_word)
}

/// `(\d{1,2})-år(?:ig|ige|iga|igt|ing|ingen|ingar)\b`, else `(\d{1,2}) år gammal\b`.
fn age_number_first(t: &str, p: usize) -> Option<AgeMention> {
    let d = one_or_two_digits(t, p)?;
    let rest = &t[d..];
    if let Some(after) = rest.strip_prefix('-') {
        if let Some(l) = folded_prefix(after, "år") {
            let e = d + 1 + l;
            for suffix in ["ig", "ige", "iga", "igt", "ing", "ingen", "ingar"] {
                if let Some(m) = folded_prefix(&t[e..], suffix) {
                    if boundary_after(t, e + m) {
                        return Some(AgeMention {
                            whole: p..e + m,
                            digits: p..d,
                            form: 1,
                        });
                    }
                }
            }
        }
    }
    let l = folded_prefix(rest.strip_prefix(' ')?, "år gammal")?;
    let e = d + 1 + l;
    boundary_after(t, e).then_some(AgeMention {
        whole: p..e,
        digits: p..d,
        form: 2,
    })
}

/// `(?:är|blir|fyller) (\d{1,2}) år\b`.
fn age_verb_first(t: &str, p: usize) -> Option<AgeMention> {
    let v = ["är", "blir", "fyller"]
        .iter()
        .find_map(|v| folded_prefix(&t[p..], v))?;
    let n = p + v + t[p + v..].strip_prefix(' ').map(|_| 1)?;
    let d = one_or_two_digits(t, n)?;
    let e = d + folded_prefix(&t[d..], " år")?;
    boundary_after(t, e).then_some(AgeMention {
        whole: p..e,
        digits: n..d,
        form: 3,
    })
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
/// One pass over the word starts of `text`; at each, the terms are tried in the order of
/// [`INSATS_TERMS`] and the first whose letters the text's, lower-cased, spell wins (no
/// term starts inside another at a word start, so this is the same as searching term
/// by term). The text is compared where it stands, character by character: lower-casing
/// the whole text first gave spans into the lower-cased copy, which lie, and can split a
/// character, when some character before them changes its length in lower case (`Ⱥ`
/// grows, the ohm sign shrinks); `check` panicked on such a draft.
pub(crate) fn insats_mentions(text: &str) -> Vec<(Insats, Range<usize>)> {
    // The terms by the first byte of their lower-case form, in the order of INSATS_TERMS.
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
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = if b[i].is_ascii() {
            char::from(b[i])
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        i += c.len_utf8();
        let word_start = !prev_alnum;
        prev_alnum = crate::letters::is_alphanumeric(c);
        if !word_start || start < skip_to || !prev_alnum {
            // The rest of a run of ASCII letters and digits holds no word start.
            if prev_alnum {
                while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
            }
            continue;
        }
        let first = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            let mut buf = [0u8; 4];
            match c.to_lowercase().next() {
                Some(l) => l.encode_utf8(&mut buf).as_bytes()[0],
                None => continue,
            }
        };
        let rest = &text[start..];
        let Some((from, ins)) = BY_FIRST[usize::from(first)]
            .iter()
            .find_map(|(term, ins)| lower_prefix(rest, term).map(|n| (start + n, ins)))
        else {
            continue;
        };
        let end = from + word_tail(&text[from..]);
        out.push((*ins, start..end));
        skip_to = end;
    }
    out
}

/// The length in bytes of the start of `text` whose lower case is `term`, if there is
/// one that ends between two characters of `text`.
fn lower_prefix(text: &str, term: &str) -> Option<usize> {
    let mut want = term.chars();
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            if want.next()? != c.to_ascii_lowercase() {
                return None;
            }
        } else {
            for l in c.to_lowercase() {
                if want.next()? != l {
                    return None;
                }
            }
        }
        if want.as_str().is_empty() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

pub(super) fn word_tail(s: &str) -> usize {
    s.find(|c: char| !crate::letters::is_alphanumeric(c))
        .unwrap_or(s.len())
}

/// Laws named in `text`: `(law, span, is the law's standard phrase)`, in order.
///
/// Written out, not regexes: compiling the four (two of them case-insensitive, so
/// never skipped by a literal test) was 2.4 M of the 17 M instructions of a one-case
/// `check` process. Each finds what its regex, kept in the tests as the oracle, finds:
///
/// | law | regex |
/// | --- | --- |
/// | LSS | `\bLSS\b` |
/// | LSS | `(?i)lagen \(1993:387\)\|lagen om stöd och service` |
/// | SoL | `\bSoL\b` |
/// | SoL | `(?i)\bsocialtjänstlagen\|\((?:2001:453\|2025:400)\)` |
///
/// (`\b` is Unicode's word boundary, `(?i)` the regex crate's simple case folding.)
pub(super) fn law_mentions_detailed(text: &str) -> Vec<(&'static str, Range<usize>, bool)> {
    let mut out = Vec::new();
    // One pass over the bytes. The words `LSS` and `SoL` (whole words, as written)
    // start at an `L` or `S`; the case-insensitive phrases, leftmost first and not
    // overlapping, at an `l`, `s` or `(`. No two matches start at the same byte, so
    // the sort below gives the order of finding each kind in turn.
    let mut lss_from = 0;
    let mut sol_from = 0;
    let b = text.as_bytes();
    for (at, &byte) in b.iter().enumerate() {
        if byte == b'L' || byte == b'S' {
            let (law, needle) = if byte == b'L' {
                ("LSS", "LSS")
            } else {
                ("SoL", "SoL")
            };
            if b[at..].starts_with(needle.as_bytes()) {
                let end = at + needle.len();
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
                    out.push((law, at..end, false));
                }
            }
        }
        // Only `l`, `s` and `(` start a phrase, and of all characters only `L`, `S` and
        // `ſ` (C5 BF) fold to them, so no other byte is looked at. Each phrase's second
        // letter (`a` of "lagen", `o` of "socialtjänstlagen") folds from itself and its
        // capital only, so a byte that is neither is no start.
        let (f, second) = match byte {
            b'l' | b'L' => ('l', b.get(at + 1)),
            b's' | b'S' => ('s', b.get(at + 1)),
            0xC5 if b.get(at + 1) == Some(&0xBF) => ('s', b.get(at + 2)),
            b'(' => ('(', None),
            _ => continue,
        };
        if at >= lss_from && f == 'l' && matches!(second, Some(b'a' | b'A')) {
            let end = ["lagen (1993:387)", "lagen om stöd och service"]
                .iter()
                .find_map(|n| folded_prefix(&text[at..], n));
            if let Some(end) = end {
                out.push(("LSS", at..at + end, false));
                lss_from = at + end;
            }
        }
        if at >= sol_from && (f == '(' || (f == 's' && matches!(second, Some(b'o' | b'O')))) {
            let end = if f == 's' {
                let before = text[..at].chars().next_back();
                folded_prefix(&text[at..], "socialtjänstlagen")
                    .filter(|_| !before.is_some_and(is_word))
            } else {
                ["(2001:453)", "(2025:400)"]
                    .iter()
                    .find_map(|n| text[at..].starts_with(n).then_some(n.len()))
            };
            if let Some(end) = end {
                out.push(("SoL", at..at + end, false));
                sol_from = at + end;
            }
        }
    }
    out.sort_by_key(|(_, r, _)| r.start);
    out
}

/// A word character of the regex crate's Unicode `\w`, which its `\b` tells apart.
fn is_word(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or_else(|_| c.is_alphanumeric() || c == '_')
}

/// `c` as the regex crate's `(?i)` compares it with the lower-case letters, digits and
/// punctuation of the phrases above: the simple case folding of Unicode, which for
/// them is lower-casing plus `ſ` = `s`, the Kelvin sign = `k` and the ångström sign = `å`.
fn fold(c: char) -> char {
    match c {
        'ſ' => 's',
        '\u{212A}' => 'k',
        '\u{212B}' => 'å',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        }
    }
}

/// The length in `text` of `needle` (lower case) at its start, compared by [`fold`].
fn folded_prefix(text: &str, needle: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for n in needle.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != n {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
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

    /// Every pattern's matches without any gate, in the order of [`PLACEHOLDERS`].
    fn ungated(t: &str) -> Vec<(usize, Range<usize>)> {
        PLACEHOLDERS
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.regex().find_iter(t).map(move |m| (i, m.range())))
            .collect()
    }

    /// The gated search, with the gate each match came from.
    fn gated(t: &str) -> Vec<(usize, Range<usize>)> {
        let n = &*NEEDLES;
        // Each needle searched for alone, as the gates did before one pass did it.
        let present = n
            .all
            .iter()
            .enumerate()
            .filter(|(_, x)| t.contains(**x))
            .fold(0u64, |mask, (id, _)| mask | 1 << id);
        assert_eq!(needles_in(t), present, "{t:?}");
        let from_gates: Vec<(usize, Range<usize>)> = PLACEHOLDERS
            .iter()
            .zip(&n.gates)
            .enumerate()
            .flat_map(|(i, (g, bits))| {
                g.find_iter(t, present & bits != 0)
                    .map(move |m| (i, m.range()))
            })
            .collect();
        let ranges: Vec<Range<usize>> = placeholder_matches(t).map(|m| m.range()).collect();
        assert_eq!(
            ranges,
            from_gates.iter().map(|x| x.1.clone()).collect::<Vec<_>>()
        );
        from_gates
    }

    /// The literal test before a regex never hides a match: on texts that hold every
    /// kind of placeholder and law name, the gated search finds what the regex finds.
    #[test]
    fn gated_regexes_find_what_the_regexes_find() {
        let texts = [
            "Född ÅÅÅÅ-MM-DD-XXXX, ÅÅMMDD-NNNN eller XXXXXX-XXXX.",
            "Förnamn Efternamn och Efternamn, [namn], <ort>, {{datum}}, {x}.",
            "XX dygn, NNN timmar, xxx, X timmar per vecka, ____ och ... samt …",
            "Lisa behöver stöd fyra dygn per månad.",
            "",
        ];
        for t in texts {
            assert_eq!(gated(t), ungated(t), "{t:?}");
        }
        for (i, g) in PLACEHOLDERS.iter().enumerate() {
            assert!(
                texts.iter().any(|t| gated(t).iter().any(|m| m.0 == i)),
                "no sample text matches {}",
                g.pattern
            );
        }
    }

    proptest::proptest! {
        /// One pass for every gate's needles finds what each pattern finds alone.
        #[test]
        fn one_pass_over_the_needles_hides_no_match(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "Å", "ÅÅ", "MM", "DD", "-", "X", "N", "x", "XXX", "NNN", "Förnamn",
                    "Efternamn", " ", "\n", "[", "]", "<", ">", "{", "}", "_", ".", "…",
                    "timmar", "år", "1", "a", "ö",
                ][..]),
                0..16,
            )
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(gated(&t), ungated(&t), "{:?}", t);
        }
    }

    fn law_regexes() -> &'static [(&'static str, regex::Regex)] {
        static RE: LazyLock<Vec<(&'static str, regex::Regex)>> = LazyLock::new(|| {
            [
                ("LSS", r"\bLSS\b"),
                ("LSS", r"(?i)lagen \(1993:387\)|lagen om stöd och service"),
                ("SoL", r"\bSoL\b"),
                ("SoL", r"(?i)\bsocialtjänstlagen|\((?:2001:453|2025:400)\)"),
            ]
            .into_iter()
            .map(|(l, p)| (l, regex::Regex::new(p).unwrap()))
            .collect()
        });
        &RE
    }

    fn compare_laws(t: &str) {
        let mut want: Vec<(&str, Range<usize>, bool)> = Vec::new();
        for (law, re) in law_regexes() {
            want.extend(re.find_iter(t).map(|m| (*law, m.range(), false)));
        }
        want.sort_by_key(|(_, r, _)| r.start);
        assert_eq!(law_mentions_detailed(t), want, "{t:?}");
    }

    #[test]
    fn law_mentions_are_what_the_regexes_find() {
        for t in [
            "Beslut enligt 9 § 6 LSS och lagen (1993:387) om stöd och service.",
            "Enligt SoL, SOCIALTJÄNSTLAGEN (2001:453) och (2025:400).",
            "LSSx xLSS ÅLSS LSS_ 1LSS LSS1 LSS. SoLs SoL\u{0301} \u{200D}SoL SoL",
            "Lagen om ſtöd och ſervice, LAGEN OM STÖD OCH SERVICE, lagen  om stöd, lagenlagen (1993:387)",
            "xsocialtjänstlagen, Ssocialtjänstlagen, ſocialtjänstlagen, _socialtjänstlagen, (2001:453",
            "",
        ] {
            compare_laws(t);
        }
    }

    const LAW_PIECES: &[&str] = &[
        "LSS",
        "SoL",
        "lagen",
        "LAGEN",
        " ",
        "  ",
        "om",
        "stöd",
        "STÖD",
        "ſtöd",
        "och",
        "service",
        "lagen om stöd och service",
        "(1993:387)",
        "(2001:453)",
        "(2025:400)",
        "socialtjänstlagen",
        "SOCIALTJÄNSTLAGEN",
        "ſocialtjänstlagen",
        "x",
        "Å",
        "_",
        "1",
        ".",
        "(",
        ")",
        "\u{0301}",
        "\u{200D}",
        "\u{212A}",
        "é",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn law_mentions_are_what_the_regexes_find_on_joined_pieces(
            pieces in proptest::collection::vec(proptest::sample::select(LAW_PIECES), 0..16)
        ) {
            compare_laws(&pieces.concat());
        }
    }

    fn compare_kommun(t: &str) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r"\b(\p{Lu}[\p{L}-]+?)s? kommuns?\b").unwrap());
        let want: Vec<(Range<usize>, Range<usize>)> = RE
            .captures_iter(t)
            .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
            .collect();
        assert_eq!(kommun_mentions(t), want, "{t:?}");
    }

    #[test]
    fn kommun_mentions_are_what_the_regex_finds() {
        for t in [
            "Beslut av Malmö kommun och Stockholms kommun, Ale-Kungälvs kommuns nämnd.",
            "Ås kommun, Xs kommun, X kommun, ÅS kommun, Ts kommunen, Ts kommunsx, Ts kommuns.",
            "3Ale kommun _Ale kommun ale kommun -Ale kommun Öland-Ale kommun É\u{301}ra kommun",
            "ǅemal kommun, İstanbul kommun, Σάμος kommun, Ale kommun kommun, Ale  kommun",
            // Upper case or alphabetic to Rust but not \p{Lu} or \p{L} to the regex.
            "Ⅰle kommun, Ⓐle kommun, AⅠe kommun, AⒶe kommun, A\u{902}e kommun, Aⅰ kommun",
            "",
        ] {
            compare_kommun(t);
        }
    }

    const KOMMUN_PIECES: &[&str] = &[
        " kommun", " kommuns", "kommun", "s", "S", "-", " ", "Ale", "Malmö", "Åre", "ÖL", "x", "é",
        "É", "\u{301}", "\u{308}", "ǅ", "İ", "ß", "Σ", "1", "_", ".", "en", "Ts", "Ⅰ", "Ⓐ",
        "\u{902}", "\u{345}",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn kommun_mentions_are_what_the_regex_finds_on_joined_pieces(
            pieces in proptest::collection::vec(proptest::sample::select(KOMMUN_PIECES), 0..16)
        ) {
            compare_kommun(&pieces.concat());
        }
    }

    fn compare_ages(t: &str) {
        static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(
                r"(?i)\b(\d{1,2})-år(?:ig|ige|iga|igt|ing|ingen|ingar)\b|\b(\d{1,2}) år gammal\b|\b(?:är|blir|fyller) (\d{1,2}) år\b",
            )
            .unwrap()
        });
        let want: Vec<AgeMention> = RE
            .captures_iter(t)
            .map(|c| {
                let (form, digits) = (1..=3u8)
                    .find_map(|g| c.get(usize::from(g)).map(|m| (g, m.range())))
                    .unwrap();
                AgeMention {
                    whole: c.get(0).unwrap().range(),
                    digits,
                    form,
                }
            })
            .collect();
        assert_eq!(age_mentions(t), want, "{t:?}");
    }

    /// `is_digit` skips the class for Latin-1, which holds no decimal digits but 0-9.
    #[test]
    fn latin1_has_no_other_decimal_digits() {
        let re = regex::Regex::new(r"^\d$").unwrap();
        for c in '\u{80}'..='\u{ff}' {
            assert!(!re.is_match(&c.to_string()), "{c:?}");
        }
        assert!(is_digit('٣') && is_digit('9') && !is_digit('ä'));
    }

    #[test]
    fn age_mentions_are_what_the_regex_finds() {
        for t in [
            "Lisa är 12 år och blir 13 år i maj; en 15-årig pojke, 7 år gammal, 10-åringen.",
            "Hon FYLLER 9 ÅR, Är 123 år, är 1 år, x12-årig, 12-åriga, 12-årigt, 12-åringar, 12-årige.",
            "BLIR ٣ år, ٣٤-årig, ९ år gammal, är 1٣ år, 15-\u{212B}rig, 15 \u{212B}R GAMMAL, 15-årigx",
            "är  12 år, är 12  år, är12 år, 12 år gammalt, 12 år gammal_, _12-årig, 1-åringen-x",
            "",
        ] {
            compare_ages(t);
        }
    }

    const AGE_PIECES: &[&str] = &[
        "1",
        "12",
        "123",
        "٣",
        "९",
        "-",
        " ",
        "år",
        "ÅR",
        "\u{212B}r",
        "ig",
        "ige",
        "iga",
        "igt",
        "ing",
        "ingen",
        "ingar",
        "gammal",
        " gammal",
        "är",
        "Är",
        "blir",
        "BLIR",
        "fyller",
        "x",
        "_",
        "é",
        "\u{301}",
        ".",
        "ä",
        "İ",
        " år",
        "-år",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn age_mentions_are_what_the_regex_finds_on_joined_pieces(
            pieces in proptest::collection::vec(proptest::sample::select(AGE_PIECES), 0..16)
        ) {
            compare_ages(&pieces.concat());
        }
    }

    /// The old reading, kept as the oracle: the whole text lower-cased, its spans
    /// taken as they fall in the copy, and nothing at all when the copy has another
    /// length. Right wherever every character keeps its length in lower case.
    fn insats_mentions_lowercasing_first(text: &str) -> Vec<(Insats, Range<usize>)> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut prev_alnum = false;
        let mut skip_to = 0;
        for (start, c) in lower.char_indices() {
            let word_start = !prev_alnum;
            prev_alnum = crate::letters::is_alphanumeric(c);
            if !word_start || start < skip_to || !prev_alnum {
                continue;
            }
            let rest = &lower[start..];
            let Some((term, ins)) = INSATS_TERMS.iter().find(|(t, _)| rest.starts_with(t)) else {
                continue;
            };
            let from = start + term.len();
            let end = from + word_tail(&lower[from..]);
            out.push((*ins, start..end));
            skip_to = end;
        }
        out
    }

    /// Every character keeps its length and stays one character in lower case.
    fn keeps_length(text: &str) -> bool {
        text.chars().all(|c| {
            c.to_lowercase().count() == 1 && c.to_lowercase().all(|l| l.len_utf8() == c.len_utf8())
        })
    }

    fn check_insats(t: &str) {
        let got = insats_mentions(t);
        for (ins, r) in &got {
            assert!(
                t.is_char_boundary(r.start) && t.is_char_boundary(r.end),
                "{t:?} {r:?}"
            );
            let said = t[r.clone()].to_lowercase();
            assert!(
                INSATS_TERMS
                    .iter()
                    .any(|(term, i)| i == ins && said.starts_with(term)),
                "{t:?}: {said:?} is no name of {ins:?}"
            );
        }
        if keeps_length(t) {
            assert_eq!(got, insats_mentions_lowercasing_first(t), "{t:?}");
        }
    }

    #[test]
    fn insats_mentions_point_into_the_text_itself() {
        // The draft that made `check` panic: `Ⱥ` grows by a byte in lower case, the
        // ohm sign shrinks by one, so the lower-cased copy had the text's length but the
        // name one byte later, and its end inside the dash.
        let t = "Hon har haft \u{23A} korttidsvistelse\u{2013} i en annan kommun \u{2126}.";
        let got = insats_mentions(t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, 16..32);
        assert_eq!(&t[got[0].1.clone()], "korttidsvistelse");
        assert_eq!(
            insats_mentions_lowercasing_first(t)[0].1,
            17..33,
            "the old span was one byte late"
        );
        for t in [
            t,
            "KORTTIDSVISTELSE, Korttidshemmet och personlig  assistans; Personlig Assistent.",
            "LSS-korttidsvistelse, xkorttidsvistelse, 3korttidsvistelse, _korttidsvistelse",
            "Råd och stöd, RÅD OCH STÖD, råd och stödet, Äldreboendet, ÄLDREBOENDE.",
            "\u{130}korttidsvistelse \u{130} daglig verksamhet \u{212A}ontaktperson",
            "",
        ] {
            check_insats(t);
        }
    }

    const INSATS_PIECES: &[&str] = &[
        "korttidsvistelse",
        "KORTTIDSVISTELSE",
        "Korttidshem",
        "råd och stöd",
        "RÅD OCH STÖD",
        "personlig",
        " assistans",
        "Personlig Assistent",
        "daglig verksamhet",
        "äldreboende",
        "ÄLDREBOENDE",
        "en",
        "et",
        "s",
        " ",
        "  ",
        "\n",
        "-",
        "_",
        "1",
        ".",
        "x",
        "é",
        "É",
        "\u{23A}",
        "\u{2126}",
        "\u{212A}",
        "\u{212B}",
        "\u{130}",
        "\u{2013}",
        "\u{301}",
        "ß",
        "Σ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn insats_mentions_on_joined_pieces(
            pieces in proptest::collection::vec(proptest::sample::select(INSATS_PIECES), 0..16)
        ) {
            check_insats(&pieces.concat());
        }

        #[test]
        fn insats_mentions_on_any_text(t in "\\PC{0,60}") {
            check_insats(&t);
        }
    }
}
