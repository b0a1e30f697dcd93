//! Placeholders a template leaves in a text: `[namn]`, `ÅÅÅÅ-MM-DD`, `XX dygn`, `…`.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

/// A regex compiled the first time a text holds one of `needles`, literals that every
/// match contains. Compiling the copy signals' regexes was 25 M of the 58 M
/// instructions a one-case `check` process cost, and most texts can match few of them;
/// a text without the literals has no match, so skipping it changes no finding.
struct Gated {
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
pub(in crate::copy::signals) fn placeholder_matches(
    text: &str,
) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    let present = needles_in(text);
    PLACEHOLDERS
        .iter()
        .zip(&NEEDLES.gates)
        .flat_map(move |(g, bits)| g.find_iter(text, present & bits != 0))
}

static PLACEHOLDERS: [Gated; 12] = [
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

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
}
