//! Kommun names written before "kommun".

use std::ops::Range;

use super::{is_letter, is_upper, is_word};

/// Kommun names written before "kommun": `(whole, name)` spans, as the regex
/// `\b(\p{Lu}[\p{L}-]+?)s? kommuns?\b` finds them (leftmost, not overlapping; the
/// name without a genitive `s`).
///
/// Written out because compiling that regex (two large Unicode classes and Unicode
/// word boundaries) was 5.8 M instructions, a third of a one-case `check` of a text
/// that says "kommun". The classes are the regex crate's own, read from regex-syntax,
/// which a test compares with the regex on joined pieces.
pub(in crate::copy::signals) fn kommun_mentions(t: &str) -> Vec<(Range<usize>, Range<usize>)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

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
}
