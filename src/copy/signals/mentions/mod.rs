//! Patterns and term lists for what a text mentions: placeholders, kommuner, ages,
//! insatser and laws, one module each. Most were regexes once and are written out to
//! spare their compilation in every process; each keeps its regex in its tests as the
//! oracle. The character classes they share, as the regex crate defines them, are here.

use std::sync::LazyLock;

mod ages;
mod insats;
mod kommun;
mod law;
mod placeholders;

pub(super) use ages::age_mentions;
pub(crate) use insats::insats_mentions;
pub(super) use insats::{insats_name, related_insatser};
pub(super) use kommun::kommun_mentions;
pub(super) use law::{law_mentions, law_mentions_detailed};
pub(super) use placeholders::placeholder_matches;

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

pub(super) fn word_tail(s: &str) -> usize {
    s.find(|c: char| !crate::letters::is_alphanumeric(c))
        .unwrap_or(s.len())
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
