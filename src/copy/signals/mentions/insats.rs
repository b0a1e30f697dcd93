//! Insatser named in running text, inflected forms included.

use std::ops::Range;
use std::sync::LazyLock;

use super::word_tail;
use crate::case::Insats;

/// How an insats is named in running text, longest first where one name starts another.
const INSATS_TERMS: &[(&str, Insats)] = &[
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
pub(in crate::copy::signals) fn related_insatser(i: Insats) -> Vec<Insats> {
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

pub(in crate::copy::signals) fn insats_name(i: Insats) -> &'static str {
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
///
/// ASCII is compared a byte at a time: an ASCII character is its own lower case but
/// for A–Z, and no ASCII character lower-cases to anything else, so a term byte that
/// is not ASCII never matches one. From the first byte of `text` that is not ASCII (a
/// character boundary, and a boundary in `term` too, as the bytes before it matched),
/// [`lower_prefix_chars`] compares characters.
fn lower_prefix(text: &str, term: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), term.as_bytes());
    for (k, &want) in w.iter().enumerate() {
        let c = *t.get(k)?;
        if !c.is_ascii() {
            return lower_prefix_chars(&text[k..], &term[k..]).map(|n| k + n);
        }
        if c.to_ascii_lowercase() != want {
            return None;
        }
    }
    // An empty term has no prefix that ends between two characters.
    (!w.is_empty()).then_some(w.len())
}

/// [`lower_prefix`], a character at a time.
fn lower_prefix_chars(text: &str, term: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        /// The byte-wise comparison gives what the character-wise one gives.
        #[test]
        fn lower_prefix_bytes_are_lower_prefix_chars(
            pieces in proptest::collection::vec(proptest::sample::select(INSATS_PIECES), 0..6),
            term in proptest::sample::select(
                INSATS_TERMS
                    .iter()
                    .map(|t| t.0)
                    .chain(["", "k", "\u{130}x", "i\u{307}", "ö"])
                    .collect::<Vec<_>>()
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                lower_prefix(&text, term),
                lower_prefix_chars(&text, term),
                "{:?} {:?}", text, term
            );
        }
    }

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
