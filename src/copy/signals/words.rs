//! Word lists the pronoun and age signals read: who a pronoun may be about, words for
//! the applicant, words that are no place before "kommun".

use std::sync::LazyLock;

use super::super::names;
use super::super::text;

pub(super) const MALE_WORDS_CHILD: &[&str] = &["han", "honom", "hans", "pojken", "sonen"];
pub(super) const MALE_WORDS_ADULT: &[&str] = &["han", "honom", "hans", "mannen"];
pub(super) const FEMALE_WORDS_CHILD: &[&str] = &["hon", "henne", "hennes", "flickan", "dottern"];
pub(super) const FEMALE_WORDS_ADULT: &[&str] = &["hon", "henne", "hennes", "kvinnan"];
pub(super) const MALE_REFERENTS: &[&str] = &[
    "pappa",
    "far",
    "fadern",
    "pappan",
    "bror",
    "brodern",
    "lillebror",
    "storebror",
    "morfar",
    "farfar",
    "morbror",
    "farbror",
    "styvpappa",
    "bonuspappa",
    "pojkvän",
    "pojkvännen",
    "maken",
    "sambon",
];
pub(super) const FEMALE_REFERENTS: &[&str] = &[
    "mamma",
    "mor",
    "modern",
    "mamman",
    "syster",
    "systern",
    "lillasyster",
    "storasyster",
    "mormor",
    "farmor",
    "moster",
    "faster",
    "styvmamma",
    "bonusmamma",
    "flickvän",
    "flickvännen",
    "hustrun",
    "frun",
    "sambon",
];
/// Others a pronoun may be about, besides the staff in [`names::STAFF_ROLES`].
pub(super) const NEUTRAL_REFERENTS: &[&str] = &[
    "assistent",
    "kusin",
    "kusinen",
    "vännen",
    "kompisen",
    "kamraten",
    "personalen",
    "familjehemmet",
    "stödfamiljen",
];
pub(super) const SIBLING_WORDS: &[&str] =
    &["syskon", "syskonen", "syskonet", "föräldrarna", "föräldern"];
pub(super) const APPLICANT_WORDS: &[&str] = &[
    "hon",
    "han",
    "hen",
    "flickan",
    "pojken",
    "dottern",
    "sonen",
    "barnet",
    "sökanden",
    "sökande",
    "den",
    "kvinnan",
    "mannen",
];
pub(super) const MALE: u8 = 1;
pub(super) const FEMALE: u8 = 2;
pub(super) const NEUTRAL: u8 = 4;
pub(super) const STAFF: u8 = 8;
pub(super) const SIBLING: u8 = 16;
pub(super) const APPLICANT: u8 = 32;

/// Which of the word lists above (and [`names::STAFF_ROLES`]) hold a lower-case word,
/// as bits: one lookup instead of a scan of every list for every word.
pub(super) fn word_class(lower: &str) -> u8 {
    static CLASSES: LazyLock<text::FastMap<&'static str, u8>> = LazyLock::new(|| {
        let mut m = text::FastMap::default();
        for (list, bit) in [
            (MALE_REFERENTS, MALE),
            (FEMALE_REFERENTS, FEMALE),
            (NEUTRAL_REFERENTS, NEUTRAL),
            (names::STAFF_ROLES, STAFF),
            (SIBLING_WORDS, SIBLING),
            (APPLICANT_WORDS, APPLICANT),
        ] {
            for w in list {
                *m.entry(*w).or_default() |= bit;
            }
        }
        m
    });
    CLASSES.get(lower).copied().unwrap_or(0)
}

pub(super) const NOT_PLACES: &[&str] = &[
    "denna",
    "den",
    "vår",
    "varje",
    "annan",
    "en",
    "egen",
    "hemkommunen",
    "aktuell",
    "aktuella",
    "samma",
    "ny",
    "nya",
    "vistelse",
    "bosättnings",
    "hem",
    "ansvarig",
    "ansvariga",
];
