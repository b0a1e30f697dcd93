//! Which words of a text are person names.
//!
//! Swedish writes ordinary words in lower case mid-sentence, so a capital letter there
//! is most of the evidence; a shipped list of the most common given names (Isof) and
//! surnames (Skatteverket) decides, and a few patterns catch names the lists lack:
//! surnames on `-sson`, a capitalised word next to a listed name (`Elvin Johansson`),
//! and a capitalised word after a word for a relative or a role (`mamma Zeynep`,
//! `assistenten Goran`). First in a sentence a capital says nothing, so there a word
//! counts only if it is listed and is not also an ordinary word (`Inga`, `Per`, `Klara`
//! in `data/tvetydiga_namn.txt`), or stands next to another name.
//!
//! Precision and recall are measured by `copy-accuracy` on the hand-marked sentences in
//! `tests/data/namn_markerade.txt`; the figures are in the crate's notes, not asserted.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::LazyLock;

use super::text::{Tokens, Word};

const GIVEN: &str = include_str!("../../data/fornamn.txt");
const SURNAMES: &str = include_str!("../../data/efternamn.txt");
const AMBIGUOUS: &str = include_str!("../../data/tvetydiga_namn.txt");
const GENERAL: &str = include_str!("../../data/allmanna_ord.txt");

/// People who work with the person, by role ("läkaren", "handläggaren"): a name may
/// follow them, and a pronoun near them may be about them (`signals.rs`).
pub(crate) const STAFF_ROLES: &[&str] = &[
    "assistenten",
    "ledsagaren",
    "kontaktpersonen",
    "läkaren",
    "psykologen",
    "kuratorn",
    "handläggaren",
    "handläggare",
    "läraren",
    "pedagogen",
    "sjuksköterskan",
    "arbetsterapeuten",
    "fysioterapeuten",
    "förvaltaren",
    "ombudet",
    "vårdnadshavaren",
];

/// Words for relatives and roles after which a capitalised word is a name (with
/// [`STAFF_ROLES`]).
const ROLE_WORDS: &[&str] = &[
    "mamma",
    "pappa",
    "mor",
    "far",
    "modern",
    "fadern",
    "mamman",
    "pappan",
    "bror",
    "brodern",
    "syster",
    "systern",
    "lillebror",
    "storebror",
    "lillasyster",
    "storasyster",
    "dotter",
    "dottern",
    "son",
    "sonen",
    "flickan",
    "pojken",
    "barnet",
    "kusin",
    "kusinen",
    "mormor",
    "morfar",
    "farmor",
    "farfar",
    "moster",
    "morbror",
    "faster",
    "farbror",
    "styvpappa",
    "styvmamma",
    "bonuspappa",
    "bonusmamma",
    "vännen",
    "kompisen",
    "kamraten",
    "heter",
    "kallas",
];

/// Words after which a lone surname is a place, not a person.
const PLACE_PREPOSITIONS: &[&str] = &["i", "från", "till", "utanför", "nära", "mot", "vid"];

/// The shipped name lists and the word lists that go with them.
pub struct Lexicon {
    given_sorted: Vec<&'static str>,
    surnames_sorted: Vec<&'static str>,
    given: WordSet,
    surnames: WordSet,
    ambiguous: WordSet,
    general: WordSet,
}

/// A word list looked up for every capitalised word of every text: hashed with one xxh3
/// call ([`super::text::WordHash`]), several times cheaper than the default SipHash for
/// short keys (the lists are shipped data, not input an attacker chooses the layout of).
type WordSet = super::text::FastSet<&'static str>;

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    given_sorted: lines(GIVEN).collect(),
    surnames_sorted: lines(SURNAMES).collect(),
    given: lines(GIVEN).collect(),
    surnames: lines(SURNAMES).collect(),
    ambiguous: lines(AMBIGUOUS).collect(),
    general: lines(GENERAL).collect(),
});

pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// Listed as a given name or surname (exact spelling, capitalised).
    pub fn is_listed(&self, w: &str) -> bool {
        self.given.contains(w)
            || self.surnames.contains(w)
            || (w.contains('-')
                && w.split('-')
                    .all(|p| self.given.contains(p) || self.surnames.contains(p)))
    }

    /// A word that says nothing about one person (`och`, `behov`, `insatsen`), lower case.
    pub fn is_general(&self, lower: &str) -> bool {
        self.general.contains(lower)
    }

    /// The given names in list order (sorted in the data file).
    pub fn given_sorted(&self) -> &[&'static str] {
        &self.given_sorted
    }

    pub fn surnames_sorted(&self) -> &[&'static str] {
        &self.surnames_sorted
    }
}

/// The form of a capitalised word to look up: `Alvas` → `Alva` when only the latter is
/// a name (Swedish genitive), the word itself otherwise.
pub fn base_form<'a>(lex: &Lexicon, w: &'a str) -> &'a str {
    if lex.is_listed(w) {
        return w;
    }
    if let Some(stem) = w.strip_suffix('s') {
        if lex.is_listed(stem) {
            return stem;
        }
    }
    w
}

fn is_patronymic(w: &str) -> bool {
    w.chars().count() >= 6 && w.ends_with("sson")
}

/// A run of name words: `Alva`, `Lisa Johansson`, `Ann-Marie`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    pub span: Range<usize>,
    /// Index of the sentence (as in [`super::text::sentences`]).
    pub sentence: usize,
    /// The words as looked up (genitive `s` removed).
    pub parts: Vec<String>,
}

/// The person names in `text`, given its `words` (from [`super::text::words`]).
/// `extra` are names known from the case (its people), recognised wherever they stand.
pub fn find_names<H: BuildHasher>(
    text: &str,
    words: &[Word<'_>],
    extra: &HashSet<String, H>,
) -> Vec<NameMention> {
    let lower: Vec<Cow<'_, str>> = words
        .iter()
        .map(|w| Cow::Owned(w.text.to_lowercase()))
        .collect();
    find_names_lower(text, words, &lower, extra)
}

/// [`find_names`] over a text already tokenised (its words and their lower-case forms).
pub fn find_names_in<H: BuildHasher>(
    tok: &Tokens<'_>,
    extra: &HashSet<String, H>,
) -> Vec<NameMention> {
    find_names_lower(tok.text, &tok.words, tok.lower_slice(), extra)
}

/// Relatives and roles after which a capitalised word is a name, as one set.
fn is_role_word(lower: &str) -> bool {
    static ROLES: LazyLock<WordSet> =
        LazyLock::new(|| ROLE_WORDS.iter().chain(STAFF_ROLES).copied().collect());
    ROLES.contains(lower)
}

/// [`base_form`], and whether that form is listed.
fn base_form_listed<'a>(lex: &Lexicon, w: &'a str) -> (&'a str, bool) {
    if lex.is_listed(w) {
        return (w, true);
    }
    if let Some(stem) = w.strip_suffix('s') {
        if lex.is_listed(stem) {
            return (stem, true);
        }
    }
    (w, false)
}

fn find_names_lower<H: BuildHasher>(
    text: &str,
    words: &[Word<'_>],
    lower: &[Cow<'_, str>],
    extra: &HashSet<String, H>,
) -> Vec<NameMention> {
    let lex = lexicon();
    let n = words.len();
    // Is the (lower-cased) form `base` of word `i` one of the case's names?
    let known = |i: usize, base: &str| {
        if base.len() == words[i].text.len() {
            extra.contains(&*lower[i])
        } else {
            extra.contains(base.to_lowercase().as_str())
        }
    };
    let capitalised: Vec<bool> = words.iter().map(Word::is_capitalised).collect();
    // Pass 1: words that are names on their own evidence.
    let mut is_name = vec![false; n];
    let mut listed = vec![false; n];
    for (i, w) in words.iter().enumerate() {
        if !capitalised[i] {
            continue;
        }
        let (base, in_lex) = base_form_listed(lex, w.text);
        let in_list = in_lex || known(i, base) || is_patronymic(base);
        listed[i] = in_list;
        if !in_list {
            continue;
        }
        is_name[i] = if w.sentence_start {
            known(i, base)
                || (!lex.ambiguous.contains(base) && {
                    if base.len() == w.text.len() {
                        !lex.is_general(&lower[i])
                    } else {
                        !lex.is_general(&base.to_lowercase())
                    }
                })
        } else {
            true
        };
    }
    // Pass 2: neighbours. A listed word at a sentence start, or an unlisted capitalised
    // word, is a name when it stands right next to a name (`Per Svensson`, `Elvin
    // Johansson`) or right after a word for a relative or a role.
    let adjacent = |a: usize, b: usize| {
        words[a].sentence == words[b].sentence
            && text[words[a].span.end..words[b].span.start]
                .chars()
                .all(|c| c == ' ')
    };
    loop {
        let mut changed = false;
        for i in 0..n {
            if is_name[i] || !capitalised[i] {
                continue;
            }
            let plausible = listed[i] || (!words[i].sentence_start && !lex.is_general(&lower[i]));
            if !plausible {
                continue;
            }
            let next_is_name = i + 1 < n && is_name[i + 1] && adjacent(i, i + 1);
            let prev_is_name = i > 0 && is_name[i - 1] && adjacent(i - 1, i);
            let after_role = i > 0 && adjacent(i - 1, i) && is_role_word(&lower[i - 1]);
            // An unlisted word only joins a listed one that does not itself start the
            // sentence ("Enligt Johansson" is not a two-word name).
            if next_is_name || prev_is_name || after_role {
                is_name[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A lone surname right after a place preposition is a place ("bor i Berg",
    // "korttidshemmet i Lund"), unless it is also a given name.
    for i in 1..n {
        if !is_name[i] || !PLACE_PREPOSITIONS.contains(&&*lower[i - 1]) {
            continue;
        }
        let lone = !(is_name[i - 1] && adjacent(i - 1, i)
            || i + 1 < n && is_name[i + 1] && adjacent(i, i + 1));
        if !lone {
            continue;
        }
        let base = base_form(lex, words[i].text);
        if lex.surnames.contains(base) && !lex.given.contains(base) && !known(i, base) {
            is_name[i] = false;
        }
    }
    // Merge runs of adjacent name words.
    let mut out: Vec<NameMention> = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_name[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && is_name[j + 1] && adjacent(j, j + 1) {
            j += 1;
        }
        out.push(NameMention {
            span: words[i].span.start..words[j].span.end,
            sentence: words[i].sentence,
            parts: words[i..=j]
                .iter()
                .map(|w| base_form(lex, w.text).to_string())
                .collect(),
        });
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;

    fn names(t: &str) -> Vec<&str> {
        let w = words(t);
        find_names(t, &w, &HashSet::new())
            .into_iter()
            .map(|m| &t[m.span])
            .collect()
    }

    #[test]
    fn capitals_mid_sentence_decide() {
        assert_eq!(
            names("Hon träffar Lisa Johansson och mamma Zeynep varje vecka."),
            ["Lisa Johansson", "Zeynep"]
        );
    }

    #[test]
    fn ambiguous_words_first_in_a_sentence_are_words() {
        assert_eq!(
            names("Inga andra insatser behövs. Per månad gäller tre dygn."),
            Vec::<&str>::new()
        );
        assert_eq!(names("Per Svensson är kontaktperson."), ["Per Svensson"]);
    }

    #[test]
    fn genitive_and_patronymic() {
        assert_eq!(
            names("Enligt Alvas mamma har hon sömnsvårigheter."),
            ["Alvas"]
        );
        assert_eq!(
            names("Kontakt med Elvin Abrahamsson."),
            ["Elvin Abrahamsson"]
        );
    }

    #[test]
    fn abbreviations_and_months_are_not_names() {
        assert_eq!(names("Enligt LSS och BUP sedan i maj."), Vec::<&str>::new());
    }
}
