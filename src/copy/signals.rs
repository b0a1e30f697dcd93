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
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::NaiveDate;

use super::individuell::{self, StockPhrases};
use super::names::{self, find_names_in, lexicon};
use super::text::{self, age_on, Tokens};
use super::{draft_texts, insats_of, CopyConfig, DraftText};
use crate::case::{Case, Insats, Kon};
use crate::report::{Category, Evidence, Finding, Severity, Span};

mod config;
mod facts;
mod mentions;
mod words;

use config::{prepared_config, StandardParagraphs};
pub use facts::fact_texts;
use facts::Facts;
use mentions::{
    age_mentions, insats_mentions, insats_name, kommun_mentions, law_mentions_detailed,
    placeholder_matches,
};
use words::{
    word_class, APPLICANT, FEMALE, FEMALE_WORDS_ADULT, FEMALE_WORDS_CHILD, MALE, MALE_WORDS_ADULT,
    MALE_WORDS_CHILD, NEUTRAL, NOT_PLACES, SIBLING, STAFF,
};

pub const LAGRUM_FL: &str = "32 § förvaltningslagen";
pub const LAGRUM_OSL: &str = "26 kap. offentlighets- och sekretesslagen (2009:400)";

/// A set of lower-case words looked up for every word of a text.
type FastSet = text::FastSet<String>;

/// All in-case copy findings for `case`, in the order of the draft's texts.
pub fn signals(case: &Case, cfg: &CopyConfig) -> Vec<Finding> {
    let prepared = prepared_config(cfg);
    let facts = Facts::of(case);
    let mut out = Vec::new();
    for t in draft_texts(case) {
        // The assessment is also a fact text: it was tokenised with the others.
        let own;
        let tok = match facts.tokens_of(t.text) {
            Some(tok) => tok,
            None => {
                own = Tokens::new(t.text);
                &own
            }
        };
        let ctx = TextCtx::new(case, &facts, &t, tok, &prepared.standard);
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
            ctx.generic(&prepared.stock, &mut out);
        }
    }
    out
}

/// One draft text with what every signal needs from it.
struct TextCtx<'a, 'c> {
    case: &'c Case,
    facts: &'a Facts<'c>,
    path: String,
    text: &'a str,
    tok: &'a Tokens<'a>,
    insats: Option<String>,
    /// The date the text speaks from: its decision's, or the latest decision's.
    on: NaiveDate,
    /// Byte ranges of standard paragraphs in the text; no signal looks inside them.
    standard: Vec<Range<usize>>,
    /// The person names in the text, found once for every signal that reads them.
    names: OnceCell<Vec<names::NameMention>>,
    /// The dates in the text, found once for the two signals that read them.
    dates: OnceCell<Vec<text::DateMention>>,
}

impl TextCtx<'_, '_> {
    fn date_mentions(&self) -> impl Iterator<Item = &text::DateMention> + '_ {
        self.dates.get_or_init(|| text::dates(self.text)).iter()
    }

    /// Does the text say `född`, `född den` or `födelsedatum` (any case) right before
    /// `at`?
    fn after_birth_word(&self, at: usize) -> bool {
        ends_with_birth_word(&self.text[..at])
    }
}

/// `text`, its trailing white space aside, ends with `född`, `född den` or
/// `födelsedatum` in any case. Only the last 16 characters are lower-cased (it was
/// the whole text before each date): the longest word is 12 characters, and
/// lower-casing never makes a text shorter.
fn ends_with_birth_word(text: &str) -> bool {
    let before = text.trim_end();
    let from = before.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let before = before[from..].to_lowercase();
    before.ends_with("född") || before.ends_with("född den") || before.ends_with("födelsedatum")
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
    fn new(
        case: &'c Case,
        facts: &'a Facts<'c>,
        t: &DraftText<'a>,
        tok: &'a Tokens<'a>,
        standard: &StandardParagraphs,
    ) -> Self {
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
            tok,
            insats: insats_of(case, t),
            on,
            standard: standard.ranges_in(tok),
            names: OnceCell::new(),
            dates: OnceCell::new(),
        }
    }

    fn names(&self) -> &[names::NameMention] {
        self.names
            .get_or_init(|| find_names_in(self.tok, &self.facts.known_names))
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
            // A word right before "kommun" names a kommun ("Lunds kommun", after a
            // surname), which `wrong_kommun` judges: it is no person.
            if self.text[m.span.end..].starts_with(" kommun") {
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
                    list(&f.people()),
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
        for d in self.date_mentions() {
            if d.date == f.birth || self.in_standard(&d.span) {
                continue;
            }
            if !self.after_birth_word(d.span.start) {
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
                self.evidence("foreign_personnummer", Some(shown.clone()), vec![d.span.clone()]),
            ));
        }
    }

    /// Does an investigation text other than the one scanned use this (lower-case)
    /// word? Then it names a person or place of this case. The scanned text itself
    /// (the bedömning is both a fact text and scanned) never excuses itself.
    fn told_of(&self, lower: &str) -> bool {
        // Asked for a few words of a few texts: a scan of the shared tokens is cheaper
        // than building a set of every word.
        let f = self.facts;
        f.about
            .iter()
            .map(|&i| &f.tokens[i])
            .filter(|t| !std::ptr::eq(t.text.as_ptr(), self.text.as_ptr()))
            .any(|t| t.lower_words().any(|w| w == lower))
    }

    fn pronouns(&self, out: &mut Vec<Finding>) {
        let Some(kon) = self.facts.kon else { return };
        let (wrong, other_referents, about): (&[&str], u8, &str) = match kon {
            Kon::Flicka => (MALE_WORDS_CHILD, MALE, "en flicka"),
            Kon::Kvinna => (MALE_WORDS_ADULT, MALE, "en kvinna"),
            Kon::Pojke => (FEMALE_WORDS_CHILD, FEMALE, "en pojke"),
            Kon::Man => (FEMALE_WORDS_ADULT, FEMALE, "en man"),
            Kon::Annat | Kon::Okant => return,
        };
        // A sentence (or the one before it) that names someone else of that gender, or
        // a role, may rightly say `han` about them.
        let mut has_referent: BTreeSet<usize> = BTreeSet::new();
        for (w, lower) in self.tok.words.iter().zip(self.tok.lower_words()) {
            if word_class(lower) & (other_referents | NEUTRAL | STAFF) != 0 {
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
        for (w, lower) in self.tok.words.iter().zip(self.tok.lower_words()) {
            if !wrong.contains(&lower) || told_of(lower) {
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
            if !matched.iter().any(|m| m == lower) {
                matched.push(lower.to_string());
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
        for m in placeholder_matches(self.text) {
            let r = m.range();
            if !found.iter().any(|f| f.start < r.end && r.start < f.end) {
                found.push(r);
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
            if !self.in_standard(&r) && !self.facts.knows_insats(ins) {
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
            if !standard_of_law && self.facts.mentioned().1.contains(law) {
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
        for (whole, name) in kommun_mentions(self.text) {
            let n = &self.text[name.clone()];
            if own.contains(&n.to_lowercase()) || lex.is_general(&n.to_lowercase()) {
                continue;
            }
            // A sentence-initial word ("Denna kommun") is not a place name.
            let at_start = self
                .tok
                .words
                .iter()
                .any(|w| w.span.start == name.start && w.sentence_start);
            if at_start && NOT_PLACES.contains(&n.to_lowercase().as_str()) {
                continue;
            }
            if NOT_PLACES.contains(&n.to_lowercase().as_str()) || self.in_standard(&whole) {
                continue;
            }
            // A kommun the investigation itself tells of (where the person lives, a
            // region's decision naming the home kommun) is a fact of this case.
            if self.told_of(&n.to_lowercase()) {
                continue;
            }
            by.entry(self.text[whole.clone()].to_string())
                .or_default()
                .push(whole);
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
        let ages = holds_ar(t).then(|| age_mentions(t)).into_iter().flatten();
        for m in ages {
            let whole = m.whole.clone();
            let Ok(age) = t[m.digits.clone()].parse::<i32>() else {
                continue;
            };
            let said = t[whole.clone()].to_lowercase();
            let future = m.form == 3 && said.contains("fyller") || said.starts_with("blir");
            let ok = (lo..=hi + i32::from(future)).contains(&age);
            if ok || self.in_standard(&whole) {
                continue;
            }
            // "är 15 år" only counts when the sentence is about the applicant and names
            // nobody else whose age it could be.
            let sentence = self
                .tok
                .words
                .iter()
                .find(|w| w.span.start <= whole.start && whole.start < w.span.end + 1)
                .map(|w| w.sentence);
            if let Some(s) = sentence {
                if self.sentence_names_other(s) {
                    continue;
                }
                if m.form == 3 && !self.sentence_is_about_applicant(s, whole.start) {
                    continue;
                }
            }
            stated.insert(age);
            spans.push(whole);
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
        self.tok
            .words
            .iter()
            .zip(self.tok.lower_words())
            .filter(|(w, _)| w.sentence == s)
            .any(|(_, l)| word_class(l) & (MALE | FEMALE | NEUTRAL | STAFF | SIBLING) != 0)
    }

    fn sentence_is_about_applicant(&self, s: usize, before: usize) -> bool {
        self.tok
            .words
            .iter()
            .zip(self.tok.lower_words())
            .filter(|(w, _)| w.sentence == s && w.span.end <= before)
            .any(|(_, l)| {
                word_class(l) & APPLICANT != 0
                    || self.facts.applicant_names.contains(l)
                    || self
                        .facts
                        .applicant_names
                        .contains(l.strip_suffix('s').unwrap_or(l))
            })
    }

    fn dates(&self, out: &mut Vec<Finding>) {
        let f = self.facts;
        let Some((first, last)) = f.window else {
            return;
        };
        let mut spans = Vec::new();
        let mut shown = Vec::new();
        for d in self.date_mentions() {
            if d.date == f.birth || f.dates.contains(&d.date) || self.in_standard(&d.span) {
                continue;
            }
            if self.after_birth_word(d.span.start) {
                continue; // the personnummer signal judges birth dates
            }
            if d.date < first || d.date > last {
                shown.push(self.text[d.span.clone()].to_string());
                spans.push(d.span.clone());
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
        let body = self.tok.words.iter().any(|w| !self.in_standard(&w.span));
        if !body {
            return;
        }
        let investigation = f.investigation();
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
        let a = individuell::assess_tokens(self.tok, investigation, &f.not_facts, &skip);
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
            self.tok.sentences.clone()
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

/// Does `t` hold "år" in any case ("år", "År", "åR", "ÅR")? One pass over the bytes:
/// å is C3 A5 and Å is C3 85 in UTF-8.
fn holds_ar(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| {
        matches!(b.get(i + 1), Some(0xA5 | 0x85)) && matches!(b.get(i + 2), Some(b'r' | b'R'))
    })
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "född",
        "FÖDD",
        "Född den",
        "den",
        "födelsedatum",
        "FÖDELSEDATUM",
        " ",
        "\n",
        "\u{a0}",
        "İ",
        "Σ",
        "ß",
        "ẞ",
        "a",
        "Ö",
        "d",
        "x",
        "12",
    ];

    #[test]
    fn holds_ar_is_contains_in_any_case() {
        for t in [
            "", "år", "ÅR", "År", "åR", "å r", "Är", "året", "4 ÅRS", "å", "åa", "xÅ",
        ] {
            let any = ["år", "ÅR", "År", "åR"].iter().any(|y| t.contains(y));
            assert_eq!(super::holds_ar(t), any, "{t:?}");
        }
    }

    proptest! {
        /// Lower-casing only the end gives what lower-casing the whole text gave.
        #[test]
        fn the_birth_word_is_found_as_in_the_whole_lower_cased_text(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
        ) {
            let text = pieces.concat();
            let whole = text.trim_end().to_lowercase();
            let want = whole.ends_with("född")
                || whole.ends_with("född den")
                || whole.ends_with("födelsedatum");
            prop_assert_eq!(super::ends_with_birth_word(&text), want, "{:?}", text);
        }
    }
}
