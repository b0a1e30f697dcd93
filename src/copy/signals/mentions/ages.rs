//! Ages stated in a text: "15-årig", "15 år gammal", "fyller 15 år".

use std::ops::Range;
use std::sync::LazyLock;

use super::{class, folded_prefix, is_word, Class};
use crate::copy::swar::{byte_bits, digit_bits, lead_bits, next_where};

/// An age stated in a text: the whole phrase, its digits and its form: 1 "15-årig…",
/// 2 "15 år gammal", 3 "är|blir|fyller 15 år".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::copy::signals) struct AgeMention {
    pub(in crate::copy::signals) whole: Range<usize>,
    pub(in crate::copy::signals) digits: Range<usize>,
    pub(in crate::copy::signals) form: u8,
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
pub(in crate::copy::signals) fn age_mentions(t: &str) -> Vec<AgeMention> {
    let mut out = Vec::new();
    let b = t.as_bytes();
    let mut p = 0;
    loop {
        // Only a digit or the first letter of a verb starts a form (no character
        // folds to `b`, `f` or `ä` but its upper case); the rest is not looked at. The
        // search jumps to the next ASCII digit, `b`, `f` (either case) or character
        // outside ASCII (a digit of another script, `ä`), eight bytes at a time.
        p = next_where(
            b,
            p,
            |x| {
                digit_bits(x)
                    | byte_bits(x, b'b')
                    | byte_bits(x, b'B')
                    | byte_bits(x, b'f')
                    | byte_bits(x, b'F')
                    | lead_bits(x)
            },
            |c| c.is_ascii_digit() || matches!(c, b'b' | b'B' | b'f' | b'F') || c >= 0xC0,
        );
        let Some(c) = t[p..].chars().next() else {
            break;
        };
        let next = p + c.len_utf8();
        let digit = is_digit(c);
        // Every form starts with a word character, so a boundary means none before.
        if !(digit || matches!(c, 'b' | 'B' | 'f' | 'F' | 'ä' | 'Ä'))
            || t[..p].chars().next_back().is_some_and(is_word)
        {
            p = next;
            continue;
        }
        let hit = if digit {
            age_number_first(t, p)
        } else {
            age_verb_first(t, p)
        };
        // The next match starts after this one, as the regex's did.
        p = match hit {
            Some(m) => {
                let end = m.whole.end;
                out.push(m);
                end
            }
            None => next,
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

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
        "Fyller",
        "Blir",
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
}
