//! What the case file says about who and what the case is, gathered once per check:
//! its people and their names, dates, insatser, laws, and its investigation texts
//! tokenised once for every signal and the individual-reasoning measure.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::super::individuell::Investigation;
use super::super::names::find_names_in;
use super::super::text::{self, words, Tokens};
use super::mentions::{insats_mentions, law_mentions, related_insatser};
use super::FastSet;
use crate::case::{Case, Insats, Kon, Lag};

/// What the case file says about who and what the case is, gathered once.
pub(super) struct Facts<'c> {
    /// Lower-case name words of every person the case names.
    pub(super) known_names: FastSet,
    /// Lower-case name words of the applicant.
    pub(super) applicant_names: FastSet,
    /// Everyone with their role, for the explanation: "Alva Berg (sökande), ..."
    /// (see [`Facts::people`]).
    pub(super) people: Vec<(&'c str, &'static str)>,
    pub(super) birth: NaiveDate,
    pub(super) pnr: Option<String>,
    pub(super) kon: Option<Kon>,
    pub(super) lag: Lag,
    pub(super) kommun: Option<&'c str>,
    /// Insatser the case applies for or decides on, with their everyday names.
    pub(super) decided_insatser: BTreeSet<Insats>,
    /// What the investigation's other texts mention: insatser (another insats in
    /// `ovrigt_stod`) and laws (`LSS` in an SoL case). Read only when a draft text
    /// names an insats or law the case is not about.
    pub(super) mentioned: OnceCell<(BTreeSet<Insats>, BTreeSet<&'static str>)>,
    /// Every date the case file holds (except the birth date).
    pub(super) dates: BTreeSet<NaiveDate>,
    pub(super) window: Option<(NaiveDate, NaiveDate)>,
    /// Every text of the investigation the signals read, tokenised once: the texts
    /// about the person and the other texts (see `other` and `about`).
    pub(super) tokens: Vec<Tokens<'c>>,
    /// Indices into `tokens` of the investigation's texts other than the draft's.
    pub(super) other: Vec<usize>,
    /// Indices into `tokens` of the texts about the person (needs, wishes, background,
    /// the assessment), for the individual-reasoning measure.
    pub(super) about: Vec<usize>,
    /// The same texts prepared once, when the first motivering is measured.
    pub(super) investigation: OnceCell<Investigation>,
    /// Name words that are no fact about the person: the applicant's and the officials'.
    pub(super) not_facts: FastSet,
}

/// The lower-case words of `name`.
pub(super) fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    plain_name_words(name)
        .unwrap_or_else(|| words(name).into_iter().map(|w| w.text).collect())
        .into_iter()
        .map(str::to_lowercase)
}

/// The words of a name written plainly, as [`words`] reads them: runs of letters and
/// digits parted by single spaces, a hyphen only between two of them (`Ann-Marie
/// Berg`). `None` for any other name, which [`words`] reads. (Reading each name as a
/// text, its sentences and all, was 3.7 k instructions a case.)
fn plain_name_words(name: &str) -> Option<Vec<&str>> {
    let word = |c: char| crate::letters::is_alphanumeric(c);
    let pieces: Vec<&str> = name.split(' ').collect();
    let plain = pieces.iter().all(|p| {
        p.starts_with(word)
            && p.ends_with(word)
            && !p.as_bytes().windows(2).any(|w| w == b"--")
            && p.chars().all(|c| c == '-' || word(c))
    });
    plain.then_some(pieces)
}

impl<'c> Facts<'c> {
    pub(super) fn of(case: &'c Case) -> Facts<'c> {
        // Each name is split into words once, however many sets it goes into.
        let s = &case.sokande;
        let applicant_names: FastSet = name_words(&s.namn).collect();
        let mut known = applicant_names.clone();
        // An ombud is often a parent or spouse whose situation is a fact of the case;
        // the officials' names are not.
        let mut not_facts = applicant_names.clone();
        let mut people: Vec<(&'c str, &'static str)> = vec![(&s.namn, "sökande")];
        for v in &s.vardnadshavare {
            known.extend(name_words(&v.namn));
            people.push((&v.namn, "vårdnadshavare"));
        }
        if let Some(o) = &s.ombud {
            known.extend(name_words(&o.namn));
            people.push((&o.namn, "ombud"));
        }
        if let Some(h) = &case.arende.handlaggare {
            let w: Vec<String> = name_words(h).collect();
            known.extend(w.iter().cloned());
            not_facts.extend(w);
            people.push((h, "handläggare"));
        }
        for b in &case.beslut {
            if let Some(h) = &b.beslutsfattare {
                let w: Vec<String> = name_words(h).collect();
                if case.arende.handlaggare.as_ref().is_none_or(|x| x != h) {
                    known.extend(w.iter().cloned());
                    people.push((h, "beslutsfattare"));
                }
                not_facts.extend(w);
            }
        }
        for u in &case.underlag {
            if let Some(x) = &u.utfardare {
                known.extend(name_words(x));
            }
        }
        for k in &case.kvitteringar {
            if let Some(x) = &k.av {
                known.extend(name_words(x));
            }
        }

        let tx = &case.utredning.texter;
        let mut other_texts: Vec<&str> = [
            &tx.bakgrund,
            &tx.behov,
            &tx.egen_installning,
            &tx.barnets_installning,
            &tx.barnets_basta,
            &tx.ovrigt_stod,
        ]
        .into_iter()
        .filter_map(|t| t.as_deref())
        .collect();
        other_texts.extend(case.ansokan.onskemal.as_deref());
        other_texts.extend(
            case.utredning
                .behov
                .iter()
                .filter_map(|b| b.beskrivning.as_deref()),
        );
        if let Some(k) = &case.utredning.kommunicering {
            other_texts.extend(k.svar.as_deref());
        }
        // Each text once, however many lists it is in.
        let mut tokens: Vec<Tokens<'c>> = Vec::new();
        let index_of = |t: &'c str, tokens: &mut Vec<Tokens<'c>>| match tokens
            .iter()
            .position(|x| same_text(x.text, t))
        {
            Some(i) => i,
            None => {
                tokens.push(Tokens::new(t));
                tokens.len() - 1
            }
        };
        let other: Vec<usize> = other_texts
            .iter()
            .map(|t| index_of(t, &mut tokens))
            .collect();
        let about: Vec<usize> = fact_texts(case)
            .into_iter()
            .map(|t| index_of(t, &mut tokens))
            .collect();
        // Names the rest of the investigation uses (a sibling, an assistant) belong to
        // the case; the draft may name them too.
        for &i in &other {
            let t = &tokens[i];
            for m in find_names_in(t, &known) {
                for p in m.parts {
                    known.insert(p.to_lowercase());
                }
            }
        }
        let mut decided_insatser: BTreeSet<Insats> =
            case.ansokan.insatser.iter().map(|i| i.insats).collect();
        decided_insatser.extend(case.beslut.iter().map(|b| b.insats));
        // The everyday word for an insats under the other law is not a sign of a copy:
        // an LSS decision on ledsagarservice may well speak of "ledsagning".
        let related: Vec<Insats> = decided_insatser
            .iter()
            .flat_map(|i| related_insatser(*i))
            .collect();
        decided_insatser.extend(related);

        let mut dates = BTreeSet::new();
        dates.insert(case.ansokan.datum);
        dates.extend(case.underlag.iter().filter_map(|u| u.datum));
        let u = &case.utredning;
        dates.extend(u.paborjad);
        dates.extend(u.avslutad);
        dates.extend(u.kontakter.iter().map(|k| k.datum));
        if let Some(k) = &u.kommunicering {
            dates.extend(k.skickad);
            dates.extend(k.svar_senast);
        }
        for b in &case.beslut {
            dates.insert(b.datum);
            dates.extend(b.giltig_fran);
            dates.extend(b.giltig_till);
            dates.extend(b.uppfoljning);
        }
        let window = dates.first().copied().zip(dates.last().copied());
        Facts {
            known_names: known,
            applicant_names,
            people,
            birth: s.fodelsedatum,
            pnr: s.personnummer.as_deref().and_then(text::pnr_ten),
            kon: s.kon,
            lag: case.arende.lag,
            kommun: case.arende.kommun.as_deref(),
            decided_insatser,
            mentioned: OnceCell::new(),
            dates,
            window,
            tokens,
            other,
            about,
            investigation: OnceCell::new(),
            not_facts,
        }
    }

    /// Everyone the case names, as the explanation lists them: "Alva Berg (sökande)".
    pub(super) fn people(&self) -> Vec<String> {
        self.people
            .iter()
            .map(|(name, role)| format!("{name} ({role})"))
            .collect()
    }

    /// The tokens of an investigation text, if `text` is one.
    pub(super) fn tokens_of(&self, text: &str) -> Option<&Tokens<'c>> {
        self.tokens.iter().find(|t| same_text(t.text, text))
    }

    /// Insatser and laws the investigation's other texts mention.
    pub(super) fn mentioned(&self) -> &(BTreeSet<Insats>, BTreeSet<&'static str>) {
        self.mentioned.get_or_init(|| {
            let mut insatser = BTreeSet::new();
            let mut laws = BTreeSet::new();
            for &i in &self.other {
                let t = self.tokens[i].text;
                insatser.extend(insats_mentions(t).into_iter().map(|m| m.0));
                laws.extend(law_mentions(t).into_iter().map(|m| m.0));
            }
            (insatser, laws)
        })
    }

    pub(super) fn knows_insats(&self, i: Insats) -> bool {
        self.decided_insatser.contains(&i) || self.mentioned().0.contains(&i)
    }

    pub(super) fn investigation(&self) -> &Investigation {
        self.investigation.get_or_init(|| {
            Investigation::of_tokens(self.about.iter().map(|&i| &self.tokens[i]), &self.not_facts)
        })
    }
}

/// The same text of the case (not merely equal words).
pub(super) fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()
}

/// The texts where the investigation tells of the person: the investigation's
/// sections (bedömning included), the wishes, the interests and the described needs.
/// What a motivering names from these counts as a fact of this case.
pub fn fact_texts(case: &Case) -> Vec<&str> {
    let tx = &case.utredning.texter;
    [
        &tx.bakgrund,
        &tx.behov,
        &tx.egen_installning,
        &tx.barnets_installning,
        &tx.barnets_basta,
        &tx.ovrigt_stod,
        &case.ansokan.onskemal,
        &case.sokande.intressen,
    ]
    .into_iter()
    .filter_map(|t| t.as_deref())
    .chain(
        case.utredning
            .behov
            .iter()
            .filter_map(|b| b.beskrivning.as_deref()),
    )
    .chain(tx.bedomning.as_deref())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A name read plainly has the words the tokeniser finds in it.
        #[test]
        fn plain_names_have_the_tokenisers_words(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "Alva", "Ann", "Berg", "Åsa", "Öberg", "O'Neil", "J.", "van", "1", " ", "  ",
                    "-", "--", ".", "\u{301}", "İ", "\n", "\t", "_", ":",
                ][..]),
                0..8,
            )
        ) {
            let name = pieces.concat();
            if let Some(plain) = plain_name_words(&name) {
                let want: Vec<&str> = words(&name).into_iter().map(|w| w.text).collect();
                proptest::prop_assert_eq!(plain, want, "{:?}", name);
            }
        }
    }

    #[test]
    fn ordinary_names_are_read_plainly() {
        assert_eq!(
            plain_name_words("Ann-Marie Berg"),
            Some(vec!["Ann-Marie", "Berg"])
        );
        assert_eq!(plain_name_words("Åsa Öberg"), Some(vec!["Åsa", "Öberg"]));
        assert_eq!(plain_name_words("J. Berg"), None);
        assert_eq!(plain_name_words("Alva  Berg"), None);
    }
}
