//! Copy signals inside one case: what in the draft's `motivering`, `mal` and the
//! investigation's `bedomning` cannot be about this person.
//!
//! Each signal compares the text with the facts of the case file, never with other
//! cases: the applicant's name, birth date and kön, the people the case names, its
//! insatser, law, kommun and dates. What the rest of the investigation mentions (a
//! sibling in `bakgrund`, another insats in `ovrigt_stod`) counts as known, so the
//! signals fire on what came from somewhere else. Severities follow the table at the end
//! of `shared/domain/deficiencies.md`.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use chrono::NaiveDate;
use regex::Regex;

use super::individuell::{self, Investigation, StockPhrases};
use super::names::{self, find_names, lexicon};
use super::text::{self, age_on, fold, words, Word};
use super::{draft_texts, insats_of, CopyConfig, DraftText};
use crate::case::{Case, Insats, Kon, Lag};
use crate::report::{Category, Evidence, Finding, Severity, Span};

pub const LAGRUM_FL: &str = "32 § förvaltningslagen";
pub const LAGRUM_OSL: &str = "26 kap. offentlighets- och sekretesslagen (2009:400)";

/// All in-case copy findings for `case`, in the order of the draft's texts.
pub fn signals(case: &Case, cfg: &CopyConfig) -> Vec<Finding> {
    let facts = Facts::of(case);
    let stock = StockPhrases::new(cfg);
    // Folded once per check, not once per text.
    let standard = folded_paragraphs(cfg);
    let mut out = Vec::new();
    for t in draft_texts(case) {
        let ctx = TextCtx::new(case, &facts, &t, &standard);
        ctx.foreign_names(&mut out);
        ctx.personnummer(&mut out);
        ctx.pronouns(&mut out);
        ctx.placeholders(&mut out);
        ctx.wrong_insats(&mut out);
        ctx.wrong_law(&mut out);
        ctx.wrong_kommun(&mut out);
        ctx.ages(&mut out);
        ctx.dates(&mut out);
        if t.path.ends_with(".motivering") {
            ctx.generic(&stock, &mut out);
        }
    }
    out
}

/// What the case file says about who and what the case is, gathered once.
struct Facts<'c> {
    /// Lower-case name words of every person the case names.
    known_names: HashSet<String>,
    /// Lower-case name words of the applicant.
    applicant_names: HashSet<String>,
    /// Everyone, for the explanation: "Alva Berg (sökande), ...".
    people: Vec<String>,
    birth: NaiveDate,
    pnr: Option<String>,
    kon: Option<Kon>,
    lag: Lag,
    kommun: Option<&'c str>,
    /// Insatser the case applies for, decides on or mentions outside the draft texts.
    known_insatser: BTreeSet<Insats>,
    /// Laws the case's other texts mention (`LSS` in an SoL case's `ovrigt_stod`).
    laws_mentioned: BTreeSet<&'static str>,
    /// Every date the case file holds (except the birth date).
    dates: BTreeSet<NaiveDate>,
    window: Option<(NaiveDate, NaiveDate)>,
    /// The investigation's texts about the person (needs, wishes, background, the
    /// assessment), for the individual-reasoning measure.
    facts_text: Vec<&'c str>,
    /// The same texts prepared once, when the first motivering is measured.
    investigation: OnceCell<Investigation>,
    /// Name words that are no fact about the person: the applicant's and the officials'.
    not_facts: HashSet<String>,
    /// The lower-case words of each of `facts_text`, made the first time a signal asks.
    fact_words: OnceCell<Vec<HashSet<String>>>,
}

impl<'c> Facts<'c> {
    fn of(case: &'c Case) -> Facts<'c> {
        let mut known = HashSet::new();
        let mut people = Vec::new();
        let mut add = |name: &str, role: &str, known: &mut HashSet<String>| {
            for w in words(name) {
                known.insert(w.text.to_lowercase());
            }
            people.push(format!("{name} ({role})"));
        };
        let s = &case.sokande;
        add(&s.namn, "sökande", &mut known);
        for v in &s.vardnadshavare {
            add(&v.namn, "vårdnadshavare", &mut known);
        }
        if let Some(o) = &s.ombud {
            add(&o.namn, "ombud", &mut known);
        }
        if let Some(h) = &case.arende.handlaggare {
            add(h, "handläggare", &mut known);
        }
        for b in &case.beslut {
            if let Some(h) = &b.beslutsfattare {
                if case.arende.handlaggare.as_ref().is_none_or(|x| x != h) {
                    add(h, "beslutsfattare", &mut known);
                }
            }
        }
        for u in &case.underlag {
            if let Some(x) = &u.utfardare {
                for w in words(x) {
                    known.insert(w.text.to_lowercase());
                }
            }
        }
        for k in &case.kvitteringar {
            if let Some(x) = &k.av {
                for w in words(x) {
                    known.insert(w.text.to_lowercase());
                }
            }
        }
        let applicant_names: HashSet<String> = words(&s.namn)
            .iter()
            .map(|w| w.text.to_lowercase())
            .collect();
        let mut not_facts = applicant_names.clone();
        // An ombud is often a parent or spouse whose situation is a fact of the case.
        let officials = case.arende.handlaggare.as_deref().into_iter().chain(
            case.beslut
                .iter()
                .filter_map(|b| b.beslutsfattare.as_deref()),
        );
        for n in officials {
            not_facts.extend(words(n).iter().map(|w| w.text.to_lowercase()));
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
        let facts_text = fact_texts(case);

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
        // Names the rest of the investigation uses (a sibling, an assistant) belong to
        // the case; the draft may name them too.
        for t in &other_texts {
            let w = words(t);
            for m in find_names(t, &w, &known) {
                for p in m.parts {
                    known.insert(p.to_lowercase());
                }
            }
        }
        let mut known_insatser: BTreeSet<Insats> =
            case.ansokan.insatser.iter().map(|i| i.insats).collect();
        known_insatser.extend(case.beslut.iter().map(|b| b.insats));
        // The everyday word for an insats under the other law is not a sign of a copy:
        // an LSS decision on ledsagarservice may well speak of "ledsagning".
        let related: Vec<Insats> = known_insatser
            .iter()
            .flat_map(|i| related_insatser(*i))
            .collect();
        known_insatser.extend(related);
        let mut laws_mentioned = BTreeSet::new();
        for t in &other_texts {
            known_insatser.extend(insats_mentions(t).into_iter().map(|m| m.0));
            laws_mentioned.extend(law_mentions(t).into_iter().map(|m| m.0));
        }

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
            known_insatser,
            laws_mentioned,
            dates,
            window,
            facts_text,
            investigation: OnceCell::new(),
            not_facts,
            fact_words: OnceCell::new(),
        }
    }
}

/// One draft text with what every signal needs from it.
struct TextCtx<'a, 'c> {
    case: &'c Case,
    facts: &'a Facts<'c>,
    path: String,
    text: &'a str,
    words: Vec<Word<'a>>,
    insats: Option<String>,
    /// The date the text speaks from: its decision's, or the latest decision's.
    on: NaiveDate,
    /// Byte ranges of standard paragraphs in the text; no signal looks inside them.
    standard: Vec<Range<usize>>,
    /// The person names in the text, found once for every signal that reads them.
    names: OnceCell<Vec<names::NameMention>>,
}

fn finding(
    ctx: &TextCtx<'_, '_>,
    rule: &str,
    severity: Severity,
    lagrum: Option<&str>,
    message: String,
    explanation: String,
    evidence: Evidence,
) -> Finding {
    let mut f = Finding::new(rule, Category::Copy, severity, ctx.path.clone(), message);
    f.insats = ctx.insats.clone();
    f.lagrum = lagrum.map(str::to_string);
    f.explanation = Some(explanation);
    f.evidence = Some(evidence);
    f
}

impl<'a, 'c> TextCtx<'a, 'c> {
    fn new(case: &'c Case, facts: &'a Facts<'c>, t: &DraftText<'a>, standard: &[String]) -> Self {
        let on = match t.beslut {
            Some(i) => case.beslut[i].datum,
            None => case
                .beslut
                .iter()
                .map(|b| b.datum)
                .max()
                .unwrap_or(case.ansokan.datum),
        };
        TextCtx {
            case,
            facts,
            path: t.path.clone(),
            text: t.text,
            words: words(t.text),
            insats: insats_of(case, t),
            on,
            standard: standard_ranges_in(t.text, standard),
            names: OnceCell::new(),
        }
    }

    fn names(&self) -> &[names::NameMention] {
        self.names
            .get_or_init(|| find_names(self.text, &self.words, &self.facts.known_names))
    }

    fn in_standard(&self, r: &Range<usize>) -> bool {
        self.standard
            .iter()
            .any(|s| s.start <= r.start && r.end <= s.end)
    }

    fn span(&self, r: Range<usize>) -> Span {
        Span {
            path: self.path.clone(),
            text: self.text[r.clone()].to_string(),
            start: r.start,
            end: r.end,
        }
    }

    fn evidence(&self, kind: &str, matched: Option<String>, spans: Vec<Range<usize>>) -> Evidence {
        Evidence {
            kind: kind.into(),
            matched,
            other_case: None,
            similarity: None,
            spans: spans.into_iter().map(|r| self.span(r)).collect(),
        }
    }

    fn foreign_names(&self, out: &mut Vec<Finding>) {
        let f = self.facts;
        let mut by_name: BTreeMap<String, (String, Vec<Range<usize>>)> = BTreeMap::new();
        for m in self.names() {
            if self.in_standard(&m.span)
                || m.parts
                    .iter()
                    .all(|p| f.known_names.contains(&p.to_lowercase()))
            {
                continue;
            }
            let shown = self.text[m.span.clone()].to_string();
            let key = m.parts.join(" ").to_lowercase();
            let e = by_name.entry(key).or_insert_with(|| (shown, Vec::new()));
            e.1.push(m.span.clone());
        }
        let mut found: Vec<_> = by_name.into_values().collect();
        found.sort_by_key(|(_, s)| s[0].start);
        for (name, spans) in found {
            out.push(finding(
                self,
                "kopia.frammande_namn",
                Severity::Error,
                Some(LAGRUM_OSL),
                format!(
                    "Texten nämner ”{name}”, som inte är någon av ärendets personer: ta bort namnet eller rätta det, och kontrollera att texten inte är kopierad från en annan persons beslut."
                ),
                format!(
                    "Ärendets personer är {}. ”{name}” förekommer {} gång{} i texten och inte någon annanstans i ärendet.",
                    list(&f.people),
                    spans.len(),
                    if spans.len() == 1 { "" } else { "er" }
                ),
                self.evidence("foreign_name", Some(name.clone()), spans),
            ));
        }
    }

    fn personnummer(&self, out: &mut Vec<Finding>) {
        let f = self.facts;
        for p in text::personnummer(self.text) {
            if self.in_standard(&p.span) {
                continue;
            }
            let own = match &f.pnr {
                Some(ten) => *ten == p.ten,
                None => p.birth == Some(f.birth),
            };
            if own {
                continue;
            }
            let shown = self.text[p.span.clone()].to_string();
            out.push(finding(
                self,
                "kopia.personnummer",
                Severity::Error,
                Some(LAGRUM_OSL),
                format!(
                    "Personnumret ”{shown}” är inte sökandens: ta bort det och kontrollera att texten inte är kopierad från en annan persons beslut."
                ),
                match &f.pnr {
                    Some(_) => "Det stämmer inte med sökandens personnummer i ärendet.".to_string(),
                    None => format!(
                        "Sökanden är född {}; personnumret anger en annan födelsedag.",
                        f.birth
                    ),
                },
                self.evidence("foreign_personnummer", Some(shown.clone()), vec![p.span]),
            ));
        }
        for d in text::dates(self.text) {
            if d.date == f.birth || self.in_standard(&d.span) {
                continue;
            }
            let before = self.text[..d.span.start].trim_end().to_lowercase();
            if !(before.ends_with("född")
                || before.ends_with("född den")
                || before.ends_with("födelsedatum"))
            {
                continue;
            }
            let shown = self.text[d.span.clone()].to_string();
            out.push(finding(
                self,
                "kopia.personnummer",
                Severity::Error,
                Some(LAGRUM_OSL),
                format!(
                    "Födelsedatumet ”{shown}” är inte sökandens: rätta det och kontrollera att texten inte är kopierad från en annan persons beslut."
                ),
                format!("Sökanden är enligt ärendet född {}.", f.birth),
                self.evidence("foreign_personnummer", Some(shown.clone()), vec![d.span]),
            ));
        }
    }

    /// Does an investigation text other than the one scanned use this (lower-case)
    /// word? Then it names a person or place of this case. The scanned text itself
    /// (the bedömning is both a fact text and scanned) never excuses itself.
    fn told_of(&self, lower: &str) -> bool {
        let f = self.facts;
        let sets = f.fact_words.get_or_init(|| {
            f.facts_text
                .iter()
                .map(|t| words(t).iter().map(|w| w.text.to_lowercase()).collect())
                .collect()
        });
        f.facts_text
            .iter()
            .zip(sets)
            .filter(|(t, _)| !std::ptr::eq(t.as_ptr(), self.text.as_ptr()))
            .any(|(_, set)| set.contains(lower))
    }

    fn pronouns(&self, out: &mut Vec<Finding>) {
        let Some(kon) = self.facts.kon else { return };
        let (wrong, other_referents, about): (&[&str], &[&str], &str) = match kon {
            Kon::Flicka => (MALE_WORDS_CHILD, MALE_REFERENTS, "en flicka"),
            Kon::Kvinna => (MALE_WORDS_ADULT, MALE_REFERENTS, "en kvinna"),
            Kon::Pojke => (FEMALE_WORDS_CHILD, FEMALE_REFERENTS, "en pojke"),
            Kon::Man => (FEMALE_WORDS_ADULT, FEMALE_REFERENTS, "en man"),
            Kon::Annat | Kon::Okant => return,
        };
        // A sentence (or the one before it) that names someone else of that gender, or
        // a role, may rightly say `han` about them.
        let mut has_referent: BTreeSet<usize> = BTreeSet::new();
        for w in &self.words {
            let lower = w.text.to_lowercase();
            if other_referents.contains(&lower.as_str())
                || NEUTRAL_REFERENTS.contains(&lower.as_str())
                || names::STAFF_ROLES.contains(&lower.as_str())
            {
                has_referent.insert(w.sentence);
            }
        }
        for m in self.names() {
            let is_applicant = m
                .parts
                .iter()
                .all(|p| self.facts.applicant_names.contains(&p.to_lowercase()));
            let known = m
                .parts
                .iter()
                .all(|p| self.facts.known_names.contains(&p.to_lowercase()));
            if known && !is_applicant {
                has_referent.insert(m.sentence);
            }
        }
        // A family noun the investigation itself uses of someone ("dottern" for the
        // boy's big sister) is a person of this case, not a trace of another decision.
        let told_of = |noun: &str| {
            matches!(noun, "dottern" | "sonen" | "flickan" | "pojken") && self.told_of(noun)
        };
        let mut spans = Vec::new();
        let mut matched: Vec<String> = Vec::new();
        for w in &self.words {
            let lower = w.text.to_lowercase();
            if !wrong.contains(&lower.as_str()) || told_of(&lower) {
                continue;
            }
            // `Hans` mid-sentence is a name, not a pronoun.
            if w.is_capitalised() && !w.sentence_start {
                continue;
            }
            if has_referent.contains(&w.sentence)
                || (w.sentence > 0 && has_referent.contains(&(w.sentence - 1)))
                || self.in_standard(&w.span)
            {
                continue;
            }
            if !matched.contains(&lower) {
                matched.push(lower);
            }
            spans.push(w.span.clone());
        }
        if spans.is_empty() {
            return;
        }
        let words_shown = matched
            .iter()
            .map(|m| format!("”{m}”"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(finding(
            self,
            "kopia.pronomen",
            Severity::Warning,
            Some(LAGRUM_FL),
            format!(
                "Texten använder {words_shown} om sökanden, som enligt ärendet är {about}: rätta orden och kontrollera att texten inte är kopierad från en annan persons beslut."
            ),
            format!(
                "Sökanden {} har kön ”{}” i ärendet; ingen annan person som orden kan syfta på nämns i samma eller föregående mening.",
                self.case.sokande.namn,
                kon_word(kon)
            ),
            self.evidence("pronoun", Some(matched.join(", ")), spans),
        ));
    }

    fn placeholders(&self, out: &mut Vec<Finding>) {
        let mut found: Vec<Range<usize>> = Vec::new();
        for re in PLACEHOLDERS.iter() {
            for m in re.find_iter(self.text) {
                let r = m.range();
                if !found.iter().any(|f| f.start < r.end && r.start < f.end) {
                    found.push(r);
                }
            }
        }
        found.retain(|r| !self.in_standard(r));
        found.sort_by_key(|r| r.start);
        let mut by_text: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
        for r in found {
            by_text.entry(&self.text[r.clone()]).or_default().push(r);
        }
        let mut groups: Vec<_> = by_text.into_iter().collect();
        groups.sort_by_key(|(_, s)| s[0].start);
        for (ph, spans) in groups {
            out.push(finding(
                self,
                "kopia.platshallare",
                Severity::Error,
                Some(LAGRUM_FL),
                format!(
                    "Texten innehåller platshållaren ”{ph}” från en mall: skriv in det som gäller i det här ärendet."
                ),
                format!(
                    "”{ph}” står {} gång{} i texten; en mall har använts och inte fyllts i.",
                    spans.len(),
                    if spans.len() == 1 { "" } else { "er" }
                ),
                self.evidence("placeholder", Some(ph.to_string()), spans),
            ));
        }
    }

    fn wrong_insats(&self, out: &mut Vec<Finding>) {
        let mut by: BTreeMap<Insats, Vec<Range<usize>>> = BTreeMap::new();
        for (ins, r) in insats_mentions(self.text) {
            if !self.facts.known_insatser.contains(&ins) && !self.in_standard(&r) {
                by.entry(ins).or_default().push(r);
            }
        }
        let decided: Vec<&str> = self
            .case
            .beslut
            .iter()
            .map(|b| insats_name(b.insats))
            .collect();
        for (ins, spans) in by {
            let shown = self.text[spans[0].clone()].to_string();
            out.push(finding(
                self,
                "kopia.fel_insats",
                Severity::Warning,
                Some(LAGRUM_FL),
                format!(
                    "Texten nämner ”{shown}”, men ärendet gäller {}: kontrollera att texten inte är kopierad från ett beslut om en annan insats.",
                    list(&decided)
                ),
                format!(
                    "{} finns varken i ansökan, bland besluten eller i utredningens övriga texter.",
                    capitalise(insats_name(ins))
                ),
                self.evidence("wrong_insats", Some(shown.clone()), spans),
            ));
        }
    }

    fn wrong_law(&self, out: &mut Vec<Finding>) {
        let own = self.facts.lag.as_str();
        let mut by: BTreeMap<&'static str, Vec<Range<usize>>> = BTreeMap::new();
        for (law, r, standard_of_law) in law_mentions_detailed(self.text) {
            if law == own || self.in_standard(&r) {
                continue;
            }
            // A mention is fine when the investigation names that law. (The other law's
            // standard, "skälig levnadsnivå" in an LSS decision, is a rule in the rule
            // files, `lss.allmant.skalig_levnadsniva_i_lss`, not a copy signal.)
            if !standard_of_law && self.facts.laws_mentioned.contains(law) {
                continue;
            }
            by.entry(law).or_default().push(r);
        }
        for (law, spans) in by {
            let shown = self.text[spans[0].clone()].to_string();
            out.push(finding(
                self,
                "kopia.fel_lag",
                Severity::Warning,
                Some(LAGRUM_FL),
                format!(
                    "Texten hänvisar till {law} (”{shown}”), men ärendet prövas enligt {own}: rätta hänvisningen och kontrollera att texten inte är kopierad från ett beslut enligt en annan lag."
                ),
                format!("Ärendet har lag {own}; utredningens övriga texter nämner inte {law}."),
                self.evidence("wrong_law", Some(shown.clone()), spans),
            ));
        }
    }

    fn wrong_kommun(&self, out: &mut Vec<Finding>) {
        let Some(kommun) = self.facts.kommun else {
            return;
        };
        let own = kommun.to_lowercase();
        let lex = lexicon();
        let mut by: BTreeMap<String, Vec<Range<usize>>> = BTreeMap::new();
        // Every match ends in "kommun"; most texts have none.
        let captures = self
            .text
            .contains(" kommun")
            .then(|| KOMMUN.captures_iter(self.text))
            .into_iter()
            .flatten();
        for c in captures {
            let (Some(name), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            let n = name.as_str();
            if own.contains(&n.to_lowercase()) || lex.is_general(&n.to_lowercase()) {
                continue;
            }
            // A sentence-initial word ("Denna kommun") is not a place name.
            let at_start = self
                .words
                .iter()
                .any(|w| w.span.start == name.start() && w.sentence_start);
            if at_start && NOT_PLACES.contains(&n.to_lowercase().as_str()) {
                continue;
            }
            if NOT_PLACES.contains(&n.to_lowercase().as_str()) || self.in_standard(&whole.range()) {
                continue;
            }
            // A kommun the investigation itself tells of (where the person lives, a
            // region's decision naming the home kommun) is a fact of this case.
            if self.told_of(&n.to_lowercase()) {
                continue;
            }
            by.entry(whole.as_str().to_string())
                .or_default()
                .push(whole.range());
        }
        for (shown, spans) in by {
            out.push(finding(
                self,
                "kopia.fel_kommun",
                Severity::Warning,
                Some(LAGRUM_FL),
                format!(
                    "Texten nämner ”{shown}”, men ärendet handläggs av {kommun}: kontrollera att texten inte är kopierad från en annan kommuns beslut."
                ),
                format!("Ärendets kommun är {kommun}."),
                self.evidence("wrong_kommun", Some(shown.clone()), spans),
            ));
        }
    }

    fn ages(&self, out: &mut Vec<Finding>) {
        let f = self.facts;
        // Any age the applicant had between the application and the decision is right.
        let lo = age_on(f.birth, self.case.ansokan.datum.min(self.on));
        let hi = age_on(f.birth, self.on);
        let mut spans = Vec::new();
        let mut stated = BTreeSet::new();
        // The cheap test first: every match holds "år" (in any case), most texts none.
        let t = self.text;
        let captures = ["år", "ÅR", "År", "åR"]
            .iter()
            .any(|y| t.contains(y))
            .then(|| AGE.captures_iter(t))
            .into_iter()
            .flatten();
        for c in captures {
            let (Some(whole), Some(n)) =
                (c.get(0), c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)))
            else {
                continue;
            };
            let Ok(age) = n.as_str().parse::<i32>() else {
                continue;
            };
            let future = c.get(3).is_some() && whole.as_str().to_lowercase().contains("fyller")
                || whole.as_str().to_lowercase().starts_with("blir");
            let ok = (lo..=hi + i32::from(future)).contains(&age);
            if ok || self.in_standard(&whole.range()) {
                continue;
            }
            // "är 15 år" only counts when the sentence is about the applicant and names
            // nobody else whose age it could be.
            let sentence = self
                .words
                .iter()
                .find(|w| w.span.start <= whole.start() && whole.start() < w.span.end + 1)
                .map(|w| w.sentence);
            if let Some(s) = sentence {
                if self.sentence_names_other(s) {
                    continue;
                }
                if c.get(3).is_some() && !self.sentence_is_about_applicant(s, whole.start()) {
                    continue;
                }
            }
            stated.insert(age);
            spans.push(whole.range());
        }
        if spans.is_empty() {
            return;
        }
        let ages = stated.iter().map(|a| format!("{a} år")).collect::<Vec<_>>();
        let right = if lo == hi {
            format!("{hi} år")
        } else {
            format!("{lo}–{hi} år")
        };
        out.push(finding(
            self,
            "kopia.alder",
            Severity::Warning,
            Some(LAGRUM_FL),
            format!(
                "Texten anger åldern {}, men sökanden är {right}: rätta åldern och kontrollera att texten inte är kopierad från en annan persons beslut.",
                list(&ages)
            ),
            format!(
                "Sökanden är född {} och beslutet fattas {}.",
                f.birth, self.on
            ),
            self.evidence("age", Some(list(&ages)), spans),
        ));
    }

    fn sentence_names_other(&self, s: usize) -> bool {
        let lower_words = self
            .words
            .iter()
            .filter(|w| w.sentence == s)
            .map(|w| w.text.to_lowercase());
        for w in lower_words {
            if MALE_REFERENTS.contains(&w.as_str())
                || FEMALE_REFERENTS.contains(&w.as_str())
                || NEUTRAL_REFERENTS.contains(&w.as_str())
                || names::STAFF_ROLES.contains(&w.as_str())
                || SIBLING_WORDS.contains(&w.as_str())
            {
                return true;
            }
        }
        false
    }

    fn sentence_is_about_applicant(&self, s: usize, before: usize) -> bool {
        self.words
            .iter()
            .filter(|w| w.sentence == s && w.span.end <= before)
            .any(|w| {
                let l = w.text.to_lowercase();
                APPLICANT_WORDS.contains(&l.as_str())
                    || self.facts.applicant_names.contains(&l)
                    || self
                        .facts
                        .applicant_names
                        .contains(l.strip_suffix('s').unwrap_or(&l))
            })
    }

    fn dates(&self, out: &mut Vec<Finding>) {
        let f = self.facts;
        let Some((first, last)) = f.window else {
            return;
        };
        let mut spans = Vec::new();
        let mut shown = Vec::new();
        for d in text::dates(self.text) {
            if d.date == f.birth || f.dates.contains(&d.date) || self.in_standard(&d.span) {
                continue;
            }
            let before = self.text[..d.span.start].trim_end().to_lowercase();
            if before.ends_with("född")
                || before.ends_with("född den")
                || before.ends_with("födelsedatum")
            {
                continue; // the personnummer signal judges birth dates
            }
            if d.date < first || d.date > last {
                shown.push(self.text[d.span.clone()].to_string());
                spans.push(d.span);
            }
        }
        if spans.is_empty() {
            return;
        }
        out.push(finding(
            self,
            "kopia.datum",
            Severity::Warning,
            Some(LAGRUM_FL),
            format!(
                "Texten nämner {} utanför ärendets tidslinje: kontrollera att uppgiften hör till det här ärendet och inte kommer från ett annat beslut.",
                if spans.len() == 1 {
                    format!("datumet ”{}”", shown[0])
                } else {
                    format!("datumen {}", list(&shown.iter().map(|s| format!("”{s}”")).collect::<Vec<_>>()))
                }
            ),
            format!(
                "Ärendets datum (ansökan, underlag, utredning, beslut) ligger mellan {first} och {last}."
            ),
            self.evidence("date", Some(shown.join(", ")), spans),
        ));
    }

    fn generic(&self, stock: &StockPhrases, out: &mut Vec<Finding>) {
        let f = self.facts;
        let body = self.words.iter().any(|w| !self.in_standard(&w.span));
        if !body {
            return;
        }
        let investigation = f
            .investigation
            .get_or_init(|| Investigation::new(&f.facts_text, &f.not_facts));
        if investigation.is_empty() {
            let mut fi = Finding::new(
                "kopia.generisk_motivering",
                Category::Copy,
                Severity::Info,
                self.path.clone(),
                "Det gick inte att pröva om motiveringen är individuell: utredningen har inga texter om sökandens behov, önskemål eller bakgrund att jämföra med.",
            );
            fi.insats = self.insats.clone();
            fi.lagrum = Some(LAGRUM_FL.into());
            fi.missing = vec![
                "utredning.texter.behov".into(),
                "utredning.texter.bakgrund".into(),
                "ansokan.onskemal".into(),
            ];
            out.push(fi);
            return;
        }
        let mut skip: Vec<Range<usize>> = stock.find(self.text);
        skip.extend(self.standard.iter().cloned());
        let a = individuell::assess(self.text, investigation, &f.not_facts, &skip);
        if !a.is_generic() {
            return;
        }
        let examples = investigation.examples(6);
        let named: Vec<String> = a.facts.iter().map(|x| format!("”{}”", x.text)).collect();
        let why = if named.is_empty() {
            "Motiveringen nämner ingen av utredningens uppgifter om sökanden; det som står är lagtext, standardfraser, namn och själva beslutet.".to_string()
        } else {
            format!(
                "Motiveringen nämner bara {} ur utredningen (mått {:.1}, gränsen är {:.1}){}; den säger inte vilka omständigheter som avgjorde.",
                list(&named),
                a.score,
                individuell::THRESHOLD,
                if a.facts.iter().any(|x| x.in_decision) {
                    ", en del bara i själva beslutsmeningen"
                } else {
                    ""
                }
            )
        };
        let spans = if a.bare_sentences.is_empty() {
            text::sentences(self.text)
        } else {
            a.bare_sentences.clone()
        };
        out.push(finding(
            self,
            "kopia.generisk_motivering",
            Severity::Warning,
            Some(LAGRUM_FL),
            "Motiveringen säger inget som är särskilt för den här personen: skriv vilka behov, önskemål och omständigheter i utredningen som avgör beslutet.".into(),
            format!(
                "{why} Utredningen tar bland annat upp: {}.",
                list(&examples)
            ),
            self.evidence("generic", (!named.is_empty()).then(|| named.join(", ")), spans),
        ));
    }
}

fn kon_word(k: Kon) -> &'static str {
    match k {
        Kon::Flicka => "flicka",
        Kon::Pojke => "pojke",
        Kon::Kvinna => "kvinna",
        Kon::Man => "man",
        Kon::Annat => "annat",
        Kon::Okant => "okänt",
    }
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} och {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const MALE_WORDS_CHILD: &[&str] = &["han", "honom", "hans", "pojken", "sonen"];
const MALE_WORDS_ADULT: &[&str] = &["han", "honom", "hans", "mannen"];
const FEMALE_WORDS_CHILD: &[&str] = &["hon", "henne", "hennes", "flickan", "dottern"];
const FEMALE_WORDS_ADULT: &[&str] = &["hon", "henne", "hennes", "kvinnan"];
const MALE_REFERENTS: &[&str] = &[
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
const FEMALE_REFERENTS: &[&str] = &[
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
const NEUTRAL_REFERENTS: &[&str] = &[
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
const SIBLING_WORDS: &[&str] = &["syskon", "syskonen", "syskonet", "föräldrarna", "föräldern"];
const APPLICANT_WORDS: &[&str] = &[
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
const NOT_PLACES: &[&str] = &[
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

    fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> + use<'_, 't> {
        self.needles
            .iter()
            .any(|n| text.contains(n))
            .then(|| self.regex().find_iter(text))
            .into_iter()
            .flatten()
    }
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

static KOMMUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu}[\p{L}-]+?)s? kommuns?\b").expect("static regex"));

// Groups: 1 = "15-årig…", 2 = "15 år gammal", 3 = "är|blir|fyller 15 år".
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})-år(?:ig|ige|iga|igt|ing|ingen|ingar)\b|\b(\d{1,2}) år gammal\b|\b(?:är|blir|fyller) (\d{1,2}) år\b",
    )
    .expect("static regex")
});

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
fn related_insatser(i: Insats) -> Vec<Insats> {
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

fn insats_name(i: Insats) -> &'static str {
    i.namn()
}

/// Insatser named in `text`, with the span of the name (inflected forms included).
///
/// One pass over the word starts of the lower-cased text; at each, the terms are tried
/// in the order of [`INSATS_TERMS`] and the first that matches wins (no term starts
/// inside another at a word start, so this is the same as searching term by term).
pub(crate) fn insats_mentions(text: &str) -> Vec<(Insats, Range<usize>)> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets for Swedish text (å/ä/ö stay two bytes); if some
    // character changes length the offsets would lie, so give up on such texts.
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut out: Vec<(Insats, Range<usize>)> = Vec::new();
    let mut prev_alnum = false;
    let mut skip_to = 0;
    for (start, c) in lower.char_indices() {
        let word_start = !prev_alnum;
        prev_alnum = c.is_alphanumeric();
        if !word_start || start < skip_to || !prev_alnum {
            continue;
        }
        let rest = &lower[start..];
        let Some((term, ins)) = INSATS_TERMS
            .iter()
            .find(|(term, _)| rest.as_bytes()[0] == term.as_bytes()[0] && rest.starts_with(term))
        else {
            continue;
        };
        let from = start + term.len();
        let end = from + word_tail(&lower[from..]);
        out.push((*ins, start..end));
        skip_to = end;
    }
    out
}

fn word_tail(s: &str) -> usize {
    s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len())
}

/// The case-insensitive patterns have no literal every match must hold, so their
/// needle is the empty string, which every text contains.
static LAW_PATTERNS: [(&str, bool, Gated); 4] = [
    ("LSS", false, Gated::new(&["LSS"], r"\bLSS\b")),
    (
        "LSS",
        false,
        Gated::new(&[""], r"(?i)lagen \(1993:387\)|lagen om stöd och service"),
    ),
    ("SoL", false, Gated::new(&["SoL"], r"\bSoL\b")),
    (
        "SoL",
        false,
        Gated::new(&[""], r"(?i)\bsocialtjänstlagen|\((?:2001:453|2025:400)\)"),
    ),
];

/// Laws named in `text`: `(law, span, is the law's standard phrase)`.
fn law_mentions_detailed(text: &str) -> Vec<(&'static str, Range<usize>, bool)> {
    let mut out = Vec::new();
    for (law, std, re) in LAW_PATTERNS.iter() {
        for m in re.find_iter(text) {
            out.push((*law, m.range(), *std));
        }
    }
    out.sort_by_key(|(_, r, _)| r.start);
    out
}

fn law_mentions(text: &str) -> Vec<(&'static str, Range<usize>)> {
    law_mentions_detailed(text)
        .into_iter()
        .filter(|(_, _, std)| !std)
        .map(|(l, r, _)| (l, r))
        .collect()
}

/// The standard paragraphs, folded as [`standard_ranges_in`] compares them.
fn folded_paragraphs(cfg: &CopyConfig) -> Vec<String> {
    cfg.standard_paragraphs.iter().map(|p| fold(p)).collect()
}

/// Byte ranges of `text` that are one of the standard paragraphs, sentence by sentence:
/// a sentence counts as standard when it occurs in a standard paragraph (compared in
/// lower case with whitespace collapsed). `paragraphs` come from [`folded_paragraphs`].
fn standard_ranges_in(text: &str, paragraphs: &[String]) -> Vec<Range<usize>> {
    if paragraphs.is_empty() {
        return Vec::new();
    }
    text::sentences(text)
        .into_iter()
        .filter(|r| {
            let s = fold(&text[r.clone()]);
            s.len() >= 12 && paragraphs.iter().any(|p| p.contains(&s))
        })
        .collect()
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

    /// The literal test before a regex never hides a match: on texts that hold every
    /// kind of placeholder and law name, the gated search finds what the regex finds.
    #[test]
    fn gated_regexes_find_what_the_regexes_find() {
        let texts = [
            "Född ÅÅÅÅ-MM-DD-XXXX, ÅÅMMDD-NNNN eller XXXXXX-XXXX.",
            "Förnamn Efternamn och Efternamn, [namn], <ort>, {{datum}}, {x}.",
            "XX dygn, NNN timmar, xxx, X timmar per vecka, ____ och ... samt …",
            "Beslut enligt 9 § 6 LSS och lagen (1993:387) om stöd och service.",
            "Enligt SoL, SOCIALTJÄNSTLAGEN (2001:453) och (2025:400).",
            "Lisa behöver stöd fyra dygn per månad.",
            "",
        ];
        let gated = PLACEHOLDERS
            .iter()
            .chain(LAW_PATTERNS.iter().map(|(_, _, g)| g));
        for g in gated {
            for t in texts {
                let with: Vec<_> = g.find_iter(t).map(|m| m.range()).collect();
                let without: Vec<_> = g.regex().find_iter(t).map(|m| m.range()).collect();
                assert_eq!(with, without, "{} on {t:?}", g.pattern);
            }
            assert!(
                texts.iter().any(|t| g.find_iter(t).next().is_some()),
                "no sample text matches {}",
                g.pattern
            );
        }
    }
}
