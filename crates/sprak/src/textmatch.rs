//! Text conditions that generalise: the matching behind `nämner` and `nämner_nära`.
//!
//! A handläggare writes the same fact in many ways, so a phrase in a rule file is not
//! compared as an exact string. It is matched word by word against the text:
//!
//! - **Case and punctuation do not matter**; hyphens separate words ("FK-beslut" is
//!   "fk beslut"), so "FK:s" and "LSS-handläggare" contain "fk" and "lss".
//! - **Inflection.** A phrase word of four letters or more also matches the same word
//!   with a Swedish inflectional ending: "försäkringskassan" matches
//!   "Försäkringskassans", "kostnad" matches "kostnaden", "kostnader", "kostnaderna",
//!   "avvakta" matches "avvaktar", "avvaktan". A word that ends in a vowel also matches
//!   with the vowel replaced ("bedöma" matches "bedömer"). Shorter words ("fk", "tak")
//!   match themselves and their genitive only, since short stems collide with other
//!   words.
//! - **Stems.** A phrase word ending in `*` matches every word that starts with it:
//!   "tillgodose*" matches "tillgodoses", "tillgodosett", "tillgodoseende".
//! - **Negation.** A match is not the fact when the same clause negates it within a few
//!   words: "Försäkringskassan har inte kontaktats", "vill inte ha någon kontaktperson",
//!   "har inte erbjudits någon individuell plan". A phrase that itself holds a
//!   negation ("vill inte", "kan inte tillgodoses") is matched as written, without
//!   this test. "inte bara" and "inte endast" do not negate.
//! - **Proximity.** [`near`] finds a phrase of one list within a number of words of a
//!   phrase of another, in the same sentence ("i väntan på" near "Försäkringskassan").
//!
//! Clauses end at `. ! ? ; :` (not inside numbers or "FK:s"), at commas, at a line
//! break, and before "men"; sentences end at the same marks except commas and "men".

use crate::letters;
use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

/// Words that negate what stands near them in the same clause.
const NEGATIONS: [&str; 8] = [
    "inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "varken",
];

/// Words after a negation that make it a restriction, not a denial ("inte bara").
const NOT_NEGATING_AFTER: [&str; 4] = ["bara", "endast", "enbart", "minst"];

/// Verbs that, standing right before a negation after the match, make the match the
/// subject of a denied statement ("Försäkringskassan har inte kontaktats", "kostnaden
/// är inte avgörande"); after another verb the negation belongs to that verb
/// ("budgeten medger inte fler timmar" still gives the budget as the reason).
const AUXILIARIES: [&str; 19] = [
    "har", "hade", "är", "var", "finns", "fanns", "blir", "blev", "ska", "skall", "kan", "kunde",
    "kommer", "behöver", "bedöms", "anses", "har", "skulle", "bör",
];

/// How many words before a match a negation is looked for, and how many after.
const NEG_BEFORE: usize = 4;
const NEG_AFTER: usize = 3;

/// Swedish inflectional endings (nouns: definite, plural, genitive; verbs: present,
/// past, participle, passive; adjectives: definite, plural, comparison).
const ENDINGS: [&str; 52] = [
    "s", "n", "t", "r", "a", "e", "en", "et", "er", "ar", "or", "na", "ns", "ts", "es", "as", "rs",
    "rna", "ens", "ets", "ers", "ars", "ors", "ena", "erna", "arna", "orna", "rnas", "ernas",
    "arnas", "ornas", "nas", "ade", "ad", "at", "ande", "ende", "de", "te", "d", "ades", "ats",
    "ads", "are", "ast", "aste", "st", "ste", "ts", "tt", "dd", "des",
];

/// A text split into lower-cased words, each with its sentence and clause.
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    lower: String,
    toks: Vec<Tok>,
    /// Word positions sorted by the word's first two bytes, so that a phrase is only
    /// tried where its first word can match (every match starts with those bytes).
    index: Vec<(u16, u32)>,
}

/// Close the word that starts at byte `s` of `lower`: "men" opens a new clause.
fn end_word(s: usize, lower: &mut String, toks: &mut Vec<Tok>, sentence: u32, clause: &mut u32) {
    if &lower[s..] == "men" {
        *clause += 1;
    }
    toks.push(Tok {
        start: s as u32,
        end: lower.len() as u32,
        sentence,
        clause: *clause,
    });
    lower.push(' ');
}

/// The first two bytes of a word, or `None` for a one-byte word.
fn key(w: &str) -> Option<u16> {
    match w.as_bytes() {
        [a, b, ..] => Some(u16::from_be_bytes([*a, *b])),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: u32,
    end: u32,
    sentence: u32,
    clause: u32,
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let mut lower = String::with_capacity(text.len());
        let mut toks = Vec::new();
        let (mut sentence, mut clause) = (0u32, 0u32);
        let mut start: Option<usize> = None;
        // Read where the text stands: the character before is remembered, the one after
        // looked at (collecting the characters first cost a quarter of the work).
        let mut prev_alnum = false;
        for (i, c) in text.char_indices() {
            if letters::is_alphanumeric(c) {
                if start.is_none() {
                    start = Some(lower.len());
                }
                letters::push_lower(&mut lower, c);
                prev_alnum = true;
                continue;
            }
            if let Some(s) = start.take() {
                end_word(s, &mut lower, &mut toks, sentence, &mut clause);
            }
            let after = &text[i + c.len_utf8()..];
            let next = after.chars().next();
            let next_alnum = next.is_some_and(letters::is_alphanumeric);
            match c {
                '.' | ':' if prev_alnum && next_alnum => {}
                // An abbreviation ("4 kap. 1 §", "t.ex. att", "ca. tre"): the text
                // goes on with a small letter, a digit or §.
                '.' if after
                    .chars()
                    .find(|n| *n != ' ')
                    .is_some_and(|n| n.is_lowercase() || n.is_ascii_digit() || n == '§') => {}
                '.' | '!' | '?' | ';' | ':' => {
                    sentence += 1;
                    clause += 1;
                }
                '\n' => {
                    // A line break ends a clause; a blank line (or a list item) a
                    // sentence.
                    clause += 1;
                    if next.is_some_and(|n| n == '\n' || n == '-') {
                        sentence += 1;
                    }
                }
                ',' | '(' | ')' => clause += 1,
                _ => {}
            }
            prev_alnum = false;
        }
        if let Some(s) = start {
            end_word(s, &mut lower, &mut toks, sentence, &mut clause);
        }
        let mut p = Prepared {
            lower,
            toks,
            index: Vec::new(),
        };
        let mut index: Vec<(u16, u32)> = (0..p.toks.len())
            .filter_map(|i| key(p.word(i)).map(|k| (k, i as u32)))
            .collect();
        index.sort_unstable();
        p.index = index;
        p
    }

    fn word(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.lower[t.start as usize..t.end as usize]
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Every place where `p` matches, as word ranges `start..end`, whether negated or
    /// not.
    fn raw_matches<'a>(&'a self, p: &'a Pattern) -> impl Iterator<Item = (usize, usize)> + 'a {
        let n = p.words.len();
        let last_start = self.toks.len().saturating_sub(n.saturating_sub(1));
        let matches_at = move |i: usize| {
            n > 0 && i < last_start && (0..n).all(|k| p.words[k].matches(self.word(i + k)))
        };
        // Candidates: the positions whose word starts like the phrase's first word
        // (the index is sorted by key, then position, so they come in text order);
        // every position when that word is a single byte.
        let (keyed, all) = match p.words.first().and_then(PWord::key) {
            Some(k) => {
                let from = self.index.partition_point(|(x, _)| *x < k);
                let to = self.index.partition_point(|(x, _)| *x <= k);
                (&self.index[from..to], None)
            }
            None => (&self.index[..0], Some(0..last_start)),
        };
        let candidates = keyed
            .iter()
            .map(|(_, i)| *i as usize)
            .chain(all.into_iter().flatten());
        candidates
            .filter(move |&i| matches_at(i))
            .map(move |i| (i, i + n))
    }

    /// Is the match `start..end` negated in its clause?
    fn negated(&self, start: usize, end: usize) -> bool {
        let clause = self.toks[start].clause;
        let negation = |k: usize| {
            self.toks[k].clause == clause
                && NEGATIONS.contains(&self.word(k))
                && !(k + 1 < self.toks.len() && NOT_NEGATING_AFTER.contains(&self.word(k + 1)))
        };
        let before = start.saturating_sub(NEG_BEFORE)..start;
        let after = (end + 1)..(end + NEG_AFTER).min(self.toks.len());
        // Right after the match: "Nämnden avvaktar inte ...", "att kostnaden inte är".
        let right_after = end < self.toks.len() && negation(end);
        right_after
            || before.clone().any(negation)
            || after.into_iter().any(|k| {
                negation(k)
                    && AUXILIARIES.contains(&self.word(k - 1))
                    && self.toks[k - 1].clause == clause
            })
    }

    /// The places where `p` states its fact: matches that are not negated (every match
    /// when the phrase itself holds a negation).
    pub fn matches<'a>(&'a self, p: &'a Pattern) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.raw_matches(p)
            .filter(move |&(s, e)| p.negating || !self.negated(s, e))
    }

    /// Does the text state any of the phrases?
    pub fn mentions<P: Borrow<Pattern>>(&self, patterns: &[P]) -> bool {
        patterns
            .iter()
            .any(|p| self.matches(p.borrow()).next().is_some())
    }

    /// Does the text take up any of the phrases, stated or denied?
    pub fn takes_up<P: Borrow<Pattern>>(&self, patterns: &[P]) -> bool {
        patterns
            .iter()
            .any(|p| self.raw_matches(p.borrow()).next().is_some())
    }

    /// Does the text contain `p` at all, negated or not (for names)?
    pub fn contains(&self, p: &Pattern) -> bool {
        self.raw_matches(p).next().is_some()
    }
}

/// A phrase of a rule file, split into words.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pattern {
    words: Vec<PWord>,
    /// The phrase holds a negation word, so it is matched as written.
    negating: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum PWord {
    /// The word or one of its inflected forms.
    Infl(Infl),
    /// Every word starting with this stem (`avvakta*`).
    Stem(String),
    /// The word itself or its genitive (names).
    Exact(String),
}

/// A phrase word matched with its inflections, prepared once.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Infl {
    word: String,
    /// Fewer than four letters: only the word and its genitive.
    short: bool,
    /// The word without a final a/e ("bedöma" → "bedöm"), for "bedömer".
    vowel_stem: Option<String>,
}

impl Infl {
    fn new(word: String) -> Infl {
        let short = word.chars().count() < 4;
        let vowel_stem = word
            .strip_suffix('a')
            .or_else(|| word.strip_suffix('e'))
            .map(str::to_string);
        Infl {
            word,
            short,
            vowel_stem,
        }
    }
}

impl PWord {
    /// The first two bytes every word this one matches starts with.
    fn key(&self) -> Option<u16> {
        match self {
            PWord::Stem(s) | PWord::Exact(s) => key(s),
            PWord::Infl(i) => key(i.vowel_stem.as_deref().unwrap_or(&i.word)),
        }
    }

    fn matches(&self, w: &str) -> bool {
        match self {
            PWord::Stem(s) => w.starts_with(s.as_str()),
            PWord::Exact(s) => {
                w == s || (w.len() == s.len() + 1 && w.starts_with(s.as_str()) && w.ends_with('s'))
            }
            PWord::Infl(i) => {
                let s = i.word.as_str();
                if w == s {
                    return true;
                }
                if i.short {
                    return w.len() == s.len() + 1 && w.starts_with(s) && w.ends_with('s');
                }
                if let Some(rest) = w.strip_prefix(s) {
                    if ENDINGS.contains(&rest) {
                        return true;
                    }
                }
                // "bedöma" → "bedömer"; "vänta" → "väntan" is covered above.
                if let Some(stem) = &i.vowel_stem {
                    if let Some(rest) = w.strip_prefix(stem.as_str()) {
                        return !rest.is_empty() && ENDINGS.contains(&rest);
                    }
                }
                false
            }
        }
    }
}

impl Pattern {
    pub fn new(phrase: &str) -> Pattern {
        let mut words = Vec::new();
        for raw in phrase.split(|c: char| !c.is_alphanumeric() && c != '*') {
            if raw.is_empty() || raw == "*" {
                continue;
            }
            let lower = raw.to_lowercase();
            match lower.strip_suffix('*') {
                Some(stem) => {
                    let stem = stem.trim_end_matches('*');
                    if !stem.is_empty() {
                        words.push(PWord::Stem(stem.to_string()));
                    }
                }
                None => words.push(PWord::Infl(Infl::new(lower))),
            }
        }
        let negating = words
            .iter()
            .any(|w| matches!(w, PWord::Infl(i) if NEGATIONS.contains(&i.word.as_str())));
        Pattern { words, negating }
    }

    /// A pattern for a name: the words as written (and their genitive), never
    /// inflected ("Alva" is not "Alvar").
    pub fn name(name: &str) -> Pattern {
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| PWord::Exact(w.to_lowercase()))
            .collect();
        Pattern {
            words,
            negating: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Does the phrase itself hold a negation (and so is matched as written)?
    pub fn is_negating(&self) -> bool {
        self.negating
    }
}

/// Do some phrase of `a` and some phrase of `b` both stand in one sentence of one
/// of the texts, with at most `within` words between them (either order)?
pub fn near<P: Borrow<Pattern>>(texts: &[&Prepared], a: &[P], b: &[P], within: usize) -> bool {
    texts.iter().any(|t| {
        let hits = |ps: &[P]| -> Vec<(usize, usize)> {
            ps.iter().flat_map(|p| t.matches(p.borrow())).collect()
        };
        // Most texts name neither phrase: `b` is looked for only where `a` stands.
        let ha = hits(a);
        if ha.is_empty() {
            return false;
        }
        let hb = hits(b);
        ha.iter().any(|&(s1, e1)| {
            hb.iter().any(|&(s2, e2)| {
                t.toks[s1].sentence == t.toks[s2].sentence && {
                    let gap = s2.saturating_sub(e1).max(s1.saturating_sub(e2));
                    gap <= within
                }
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(text: &str, phrase: &str) -> bool {
        Prepared::new(text).mentions(&[Pattern::new(phrase)])
    }

    #[test]
    fn case_punctuation_and_hyphens_do_not_matter() {
        assert!(says(
            "Behovet bedöms vara TILLGODOSETT.",
            "behovet bedöms vara tillgodosett"
        ));
        assert!(says("enligt FK:s beslut", "fk"));
        assert!(says("ett FK-beslut finns", "fk beslut"));
        let name = |t: &str| Prepared::new(t).contains(&Pattern::name("Alva"));
        assert!(!name("Alvar simmar"));
        assert!(name("Alva, som simmar"));
        assert!(name("Alvas skola"));
        assert!(name("Alva simmar inte"));
    }

    #[test]
    fn inflected_forms_match_the_base_form() {
        assert!(says(
            "i väntan på Försäkringskassans beslut",
            "försäkringskassan"
        ));
        assert!(says("Kostnaden för en lovplats är hög", "kostnad"));
        assert!(says("kostnaderna blir för höga", "kostnad"));
        assert!(says("Nämnden avvaktar beslut", "avvakta"));
        assert!(says("i avvaktan på beslut", "avvakta"));
        assert!(says("enligt kommunens riktlinjer", "riktlinje"));
        assert!(says("riktlinjerna medger", "riktlinje"));
        assert!(says("Nämnden bedömer att", "bedöma"));
        assert!(says("till hennes bästa", "bäst"));
        // Short words: only themselves and their genitive.
        assert!(says("taket är nått", "taket"));
        assert!(!says("i takt med", "tak"));
        // Not a different word that merely starts the same way.
        assert!(!says("en normal vardag", "norm"));
        assert!(says("kommunens normer", "norm"));
    }

    #[test]
    fn a_star_matches_every_word_with_the_stem() {
        assert!(says("behovet kan tillgodoses", "tillgodose*"));
        assert!(says("är tillgodosett genom", "tillgodose*"));
        assert!(!says("tillgång till", "tillgodose*"));
    }

    #[test]
    fn a_negated_mention_is_not_the_fact() {
        assert!(!says(
            "Försäkringskassan har inte kontaktats.",
            "försäkringskassan"
        ));
        assert!(!says(
            "Tomas vill inte ha någon kontaktperson.",
            "kontaktperson"
        ));
        assert!(!says(
            "Har inte erbjudits någon individuell plan.",
            "individuell plan"
        ));
        assert!(!says(
            "Ingen individuell plan har erbjudits.",
            "individuell plan"
        ));
        assert!(says(
            "Individuell plan har erbjudits men inte önskats.",
            "individuell plan"
        ));
        assert!(says(
            "Han vill inte åka buss ensam, så en kontaktperson behövs.",
            "kontaktperson"
        ));
        assert!(says("Det är inte bara kostnaden som avgör", "kostnad"));
        assert!(!says(
            "Kostnaden är inte avgörande för beslutet.",
            "kostnad"
        ));
        // After the match, only a denied statement about it negates it.
        assert!(says("Nämndens budget medger inte fler timmar.", "budget"));
        assert!(says(
            "Ledsagarens kostnader ingår inte i insatsen.",
            "ledsagarens kostnader"
        ));
        // A phrase that holds a negation is matched as written.
        assert!(says("Tomas vill inte ha någon kontaktperson.", "vill inte"));
        assert!(says(
            "behovet kan inte tillgodoses på annat sätt",
            "kan inte tillgodoses"
        ));
    }

    #[test]
    fn proximity_within_a_sentence() {
        let a = [
            Pattern::new("i väntan på"),
            Pattern::new("tills"),
            Pattern::new("till dess"),
        ];
        let b = [Pattern::new("försäkringskassan"), Pattern::new("fk")];
        let t = |s: &str| Prepared::new(s);
        assert!(near(
            &[&t("Beviljas i väntan på Försäkringskassans beslut.")],
            &a,
            &b,
            4
        ));
        assert!(near(&[&t("Gäller tills FK har beslutat.")], &a, &b, 4));
        assert!(near(
            &[&t("Gäller till dess att Försäkringskassan beslutat.")],
            &a,
            &b,
            4
        ));
        assert!(!near(
            &[&t(
                "Gäller till dess. Försäkringskassan har fått en anmälan."
            )],
            &a,
            &b,
            4
        ));
        assert!(!near(&[&t("Vi väntar tills hösten. Sedan FK.")], &a, &b, 4));
    }

    #[test]
    fn abbreviations_do_not_end_a_sentence() {
        let a = [Pattern::new("enligt")];
        let b = [Pattern::new("2001:453")];
        let t = Prepared::new("Beslutet fattas enligt 4 kap. 1 § socialtjänstlagen (2001:453).");
        assert!(near(&[&t], &a, &b, 6));
        let t = Prepared::new("Hon behöver t.ex. hjälp med Försäkringskassan.");
        assert!(near(
            &[&t],
            &[Pattern::new("hjälp")],
            &[Pattern::new("försäkringskassan")],
            2
        ));
        let t = Prepared::new("Hon går i skolan. Försäkringskassan har beslutat.");
        assert!(!near(
            &[&t],
            &[Pattern::new("skolan")],
            &[Pattern::new("försäkringskassan")],
            5
        ));
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_phrase_can_be_matched_without_panic(text in "\\PC{0,80}", phrase in "\\PC{0,20}") {
            let t = Prepared::new(&text);
            let p = Pattern::new(&phrase);
            let _ = t.mentions(std::slice::from_ref(&p));
            let _ = t.takes_up(std::slice::from_ref(&p));
            let _ = near(&[&t], std::slice::from_ref(&p), &[Pattern::new("och")], 3);
        }

        #[test]
        fn a_phrase_is_found_in_itself(words in proptest::collection::vec("[a-zåäö]{1,9}", 1..5)) {
            let phrase = words.join(" ");
            let t = Prepared::new(&phrase);
            proptest::prop_assert!(t.takes_up(&[Pattern::new(&phrase)]), "{phrase}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            " ",
            "...",
            "ä",
            "*",
            "a*",
            "::",
            "é\u{301}",
            "\n\n-",
            "men",
        ] {
            let p = Prepared::new(s);
            let _ = p.mentions(&[Pattern::new(s)]);
            let _ = near(&[&p], &[Pattern::new(s)], &[Pattern::new("x")], 3);
        }
        assert!(!says("text", ""));
    }

    /// The reading before 2026-12-07, which collected the characters first; kept as
    /// the oracle of the one that reads the text where it stands.
    fn prepared_from_chars(text: &str) -> Prepared {
        let mut lower = String::with_capacity(text.len());
        let mut toks = Vec::new();
        let (mut sentence, mut clause) = (0u32, 0u32);
        let mut start: Option<usize> = None;
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(lower.len());
                }
                lower.extend(c.to_lowercase());
                continue;
            }
            if let Some(s) = start.take() {
                end_word(s, &mut lower, &mut toks, sentence, &mut clause);
            }
            let prev_alnum = i > 0 && chars[i - 1].is_alphanumeric();
            let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            match c {
                '.' | ':' if prev_alnum && next_alnum => {}
                '.' if chars[i + 1..]
                    .iter()
                    .find(|n| **n != ' ')
                    .is_some_and(|n| n.is_lowercase() || n.is_ascii_digit() || *n == '§') => {}
                '.' | '!' | '?' | ';' | ':' => {
                    sentence += 1;
                    clause += 1;
                }
                '\n' => {
                    clause += 1;
                    if chars.get(i + 1).is_some_and(|n| *n == '\n' || *n == '-') {
                        sentence += 1;
                    }
                }
                ',' | '(' | ')' => clause += 1,
                _ => {}
            }
        }
        if let Some(s) = start {
            end_word(s, &mut lower, &mut toks, sentence, &mut clause);
        }
        let mut index: Vec<(u16, u32)> = Vec::new();
        let mut p = Prepared {
            lower,
            toks,
            index: Vec::new(),
        };
        index.extend((0..p.toks.len()).filter_map(|i| key(p.word(i)).map(|k| (k, i as u32))));
        index.sort_unstable();
        p.index = index;
        p
    }

    fn same_as_before(text: &str) {
        assert_eq!(
            format!("{:?}", Prepared::new(text)),
            format!("{:?}", prepared_from_chars(text)),
            "{text:?}"
        );
    }

    const PIECES: &[&str] = &[
        "Försäkringskassan",
        "FK:s",
        "4 kap. 1 §",
        "t.ex. att",
        "ca. Tre",
        "3.5",
        "2026-09-05",
        "men",
        "inte",
        ".",
        ":",
        ",",
        "(",
        ")",
        "!",
        "?",
        ";",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n-",
        "-",
        "§",
        "É",
        "İ",
        "\u{23A}",
        "\u{2126}",
        "ß",
        "Σ",
        "\u{301}",
        "٢",
        "a",
        "1",
    ];

    #[test]
    fn reading_in_place_is_the_reading_of_collected_characters() {
        for t in [
            "Beviljas i väntan på Försäkringskassans beslut. Enligt 4 kap. 1 § SoL, t.ex. att\n\n- en",
            "FK:s beslut 3.5 timmar: ca. tre; men inte! Nej? (ja)\n-\nİΣ\u{2126}",
            "",
            ".",
            "a.",
        ] {
            same_as_before(t);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn reading_in_place_on_joined_pieces(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..20)
        ) {
            same_as_before(&pieces.concat());
        }

        #[test]
        fn reading_in_place_on_any_text(t in "\\PC{0,80}") {
            same_as_before(&t);
        }
    }
}
