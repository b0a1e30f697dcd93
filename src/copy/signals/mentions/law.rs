//! Laws named in a text: LSS and SoL, by abbreviation, name or SFS number.

use std::ops::Range;

use super::{folded_prefix, is_word};
use crate::copy::swar::{byte_bits, next_where};

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
pub(in crate::copy::signals) fn law_mentions_detailed(
    text: &str,
) -> Vec<(&'static str, Range<usize>, bool)> {
    let mut out = Vec::new();
    // One pass over the bytes. The words `LSS` and `SoL` (whole words, as written)
    // start at an `L` or `S`; the case-insensitive phrases, leftmost first and not
    // overlapping, at an `l`, `s` or `(`. No two matches start at the same byte, so
    // the sort below gives the order of finding each kind in turn.
    let mut lss_from = 0;
    let mut sol_from = 0;
    let b = text.as_bytes();
    let mut next = 0;
    loop {
        // Every byte the loop looks at is one of these six: jump to the next, eight
        // bytes at a time.
        let at = next_where(
            b,
            next,
            |x| {
                byte_bits(x, b'L')
                    | byte_bits(x, b'S')
                    | byte_bits(x, b'l')
                    | byte_bits(x, b's')
                    | byte_bits(x, b'(')
                    | byte_bits(x, 0xC5)
            },
            |c| matches!(c, b'L' | b'S' | b'l' | b's' | b'(' | 0xC5),
        );
        let Some(&byte) = b.get(at) else {
            break;
        };
        next = at + 1;
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

pub(in crate::copy::signals) fn law_mentions(text: &str) -> Vec<(&'static str, Range<usize>)> {
    law_mentions_detailed(text)
        .into_iter()
        .filter(|(_, _, std)| !std)
        .map(|(l, r, _)| (l, r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

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
}
