//! The check of a decision's `lagrum` (and the law named in its reasons) against
//! its decision date and `arende.lag`, and of a rule file's `lagrum` text.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

use crate::case::{Case, Lag};
use crate::report::{Category, Finding, Severity};

use super::*;

// ------------------------------------------------------------------ checking a case

/// Rule ids of the findings this module makes.
pub const FINNS_INTE: &str = "lagrum.finns_inte";
pub const UPPHAVD_LAG: &str = "lagrum.upphavd_lag";
pub const NY_BETYDELSE: &str = "lagrum.ny_betydelse";
pub const FEL_LAG: &str = "lagrum.fel_lag";

/// Findings about the `lagrum` of every decision of a case, against its date and law,
/// and about a repealed or not yet valid law named in the decision's reasons
/// (`motivering`, and the investigation's `bedomning`).
pub fn check_citations(case: &Case) -> Vec<Finding> {
    let reg = register();
    let mut out = Vec::new();
    for (i, b) in case.beslut.iter().enumerate() {
        let mut field = Vec::new();
        if let Some(text) = b.lagrum.as_deref() {
            let ctx = Ctx {
                reg,
                date: b.datum,
                insats: b.insats.id(),
                path: format!("beslut.{i}.lagrum"),
                text,
            };
            let cites = reg.parse(text);
            for c in &cites {
                if let Some(f) = ctx.check(c) {
                    if !field
                        .iter()
                        .any(|o: &Finding| o.path == f.path && o.message == f.message)
                    {
                        field.push(f);
                    }
                }
            }
            if let Some(f) = ctx.wrong_law(&cites, case.arende.lag) {
                field.push(f);
            }
        }
        // The same law in the reasons: the text shows which law the decision rests on.
        let texts = [
            (format!("beslut.{i}.motivering"), b.motivering.as_deref()),
            (
                "utredning.texter.bedomning".to_string(),
                case.utredning.texter.bedomning.as_deref(),
            ),
        ];
        let mut in_text: Vec<Finding> = Vec::new();
        for (path, text) in texts {
            let Some(text) = text else { continue };
            let ctx = Ctx {
                reg,
                date: b.datum,
                insats: b.insats.id(),
                path,
                text,
            };
            for c in reg.parse(text) {
                // Only a law named by version (SFS number or name): a bare number in
                // running text is too often a quotation to be read as a citation.
                let Some(LawRef::Version(law)) = c.law.clone() else {
                    continue;
                };
                if reg.laws[law].valid_on(b.datum) {
                    continue;
                }
                // The field already says the decision rests on this law.
                let field_names_it = field
                    .iter()
                    .any(|f| f.rule == UPPHAVD_LAG || f.rule == FINNS_INTE)
                    && b.lagrum.as_deref().is_some_and(|t| {
                        reg.parse(t)
                            .iter()
                            .any(|fc| matches!(fc.law, Some(LawRef::Version(l)) if l == law))
                    });
                if field_names_it {
                    continue;
                }
                let Some(mut f) = ctx.check(&c) else { continue };
                // A right `lagrum` field: the text is a slip, not the ground (warning).
                // No field, or a field that is itself wrong or ambiguous: the text is
                // the decision's citation and keeps the severity of the law's status.
                let field_right = b.lagrum.is_some() && field.is_empty();
                if field_right {
                    f.severity = Severity::Warning;
                    f.explanation = Some(format!(
                        "{} Beslutets fält `lagrum` är rätt; hänvisningen i texten bör rättas så att beslutet inte ser ut att vila på en lag som inte gäller.",
                        f.explanation.unwrap_or_default()
                    ));
                }
                if !in_text
                    .iter()
                    .chain(out.iter())
                    .any(|o: &Finding| o.path == f.path && o.message == f.message)
                {
                    in_text.push(f);
                }
            }
        }
        out.extend(field);
        out.extend(in_text);
    }
    out
}

/// Add the citation findings to a report's findings: `lagrum.fel_lag` gives way to a
/// rule file's error on the same field (the rule knows the insats and says as much),
/// and the case's `kvitteringar` apply to `lagrum.*` findings as to any other.
pub fn append_findings(case: &Case, findings: &mut Vec<Finding>) {
    let mut new = check_citations(case);
    // A rule file that already reports an error on the same field says it better.
    new.retain(|f| {
        f.rule != FEL_LAG
            || !findings
                .iter()
                .any(|o| o.path == f.path && o.severity == Severity::Error)
    });
    findings.extend(new);
}

pub(super) struct Ctx<'a> {
    pub(super) reg: &'a Register,
    pub(super) date: NaiveDate,
    pub(super) insats: &'a str,
    pub(super) path: String,
    pub(super) text: &'a str,
}

impl Ctx<'_> {
    pub(super) fn finding(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        explanation: String,
    ) -> Finding {
        let mut f = Finding::new(
            rule,
            Category::Decision,
            severity,
            self.path.clone(),
            message,
        );
        f.insats = Some(self.insats.to_string());
        f.lagrum = Some(self.motivering_lagrum());
        f.basis = Some("lag".into());
        f.explanation = Some(explanation);
        f
    }

    /// The provision on reasons that names the applied provisions, on the date.
    pub(super) fn motivering_lagrum(&self) -> String {
        let fl1986 = self
            .reg
            .law_index("FL 1986")
            .is_some_and(|i| self.reg.laws[i].valid_on(self.date));
        if fl1986 {
            "20 § förvaltningslagen (1986:223)".into()
        } else {
            "32 § förvaltningslagen".into()
        }
    }

    pub(super) fn severity(statuses: &[Status]) -> Severity {
        // INVARIANT: only verified facts make an error.
        if statuses.iter().all(|s| *s == Status::V) {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    pub(super) fn check(&self, c: &Citation) -> Option<Finding> {
        let reg = self.reg;
        let law = match &c.law {
            Some(LawRef::Version(i)) => *i,
            Some(LawRef::Family(f)) => {
                let l = reg.in_force(f, self.date)?;
                return self.check_in(c, l, false);
            }
            _ => return None,
        };
        let l = &reg.laws[law];
        if l.valid_on(self.date) {
            return self.check_in(c, law, true);
        }
        let entry = if c.paragraf.is_some() {
            reg.lookup(law, c)
        } else {
            None
        };
        let cited = c.render();
        if let Some(to) = l.giltig_till.filter(|t| self.date > *t) {
            // A repealed law.
            let ended = to.checked_add_days(Days::new(1)).unwrap_or(to);
            // A replacement is named from the old paragraph only when that paragraph
            // is verified; otherwise the insats' ground in the law now in force.
            let repl: Vec<&Entry> = entry
                .filter(|e| e.status == Status::V)
                .map(|e| {
                    e.ersatts_av
                        .iter()
                        .filter_map(|r| reg.lookup_any(r))
                        .collect()
                })
                .unwrap_or_default();
            let repl = reg.suggestions(repl, Some(self.insats));
            let successor = l
                .ersatts_av
                .iter()
                .filter_map(|id| reg.law_index(id))
                .find(|&i| reg.laws[i].valid_on(self.date));
            let grounds = successor
                .map(|s| reg.grounds(s, self.insats, self.date))
                .unwrap_or_default();
            let instead = if !repl.is_empty() {
                format!("Ange i stället {}.", reg.cite_list(&repl))
            } else if let (Some(s), false) = (successor, grounds.is_empty()) {
                format!(
                    "På beslutsdagen gäller {}; grund för insatsen där är {}.",
                    reg.laws[s].namn,
                    reg.cite_list(&grounds)
                )
            } else if let Some(s) = successor {
                format!("På beslutsdagen gäller {}.", reg.laws[s].namn)
            } else {
                String::new()
            };
            // The severity rests on the law and its repeal only: whether the cited
            // old paragraph was right does not matter once the law no longer applies.
            // The paragraph's status decides only whether a replacement is named.
            let statuses = vec![l.status];
            let mut expl = format!("Beslutet är daterat {}.", self.date);
            if let Some(e) = entry {
                if e.status == Status::V {
                    expl.push_str(&format!(" `{cited}` gällde {}.", e.om));
                } else {
                    expl.push_str(&format!(
                        " `{cited}` gällde enligt domänunderlaget {} (paragrafnumret är inte bekräftat, status {}).",
                        e.om,
                        match e.status {
                            Status::S => "S",
                            _ => "UNVERIFIED",
                        }
                    ));
                }
            }
            if l.familj == "SoL" {
                expl.push_str(" Den gamla lagen gäller fortfarande när ett överklagande av ett beslut fattat före 2025-07-01 prövas och vid återkrav av ekonomiskt bistånd som beviljats före den dagen (övergångsbestämmelserna till socialtjänstlagen (2025:400), punkt 5 och 6); kvittera anmärkningen med skälet om något sådant gäller.");
            }
            return Some(
                self.finding(
                    UPPHAVD_LAG,
                    Self::severity(&statuses),
                    format!(
                        "Lagrummet `{cited}` hänvisar till {}, som upphävdes {ended}. {instead}",
                        l.namn
                    )
                    .trim_end()
                    .to_string(),
                    expl,
                ),
            );
        }
        // A law not yet in force.
        let from = l.giltig_fran?;
        let in_force = reg.in_force(&l.familj, self.date);
        let preds: Vec<&Entry> = match (entry, in_force) {
            (Some(e), Some(old)) => reg.predecessors(old, e),
            _ => Vec::new(),
        };
        let preds = reg.suggestions(preds, Some(self.insats));
        let instead = if !preds.is_empty() {
            format!("Ange i stället {}.", reg.cite_list(&preds))
        } else if let Some(old) = in_force {
            format!("På beslutsdagen gäller {}.", reg.laws[old].namn)
        } else {
            String::new()
        };
        let mut statuses = vec![l.status];
        statuses.extend(preds.iter().map(|e| e.status));
        Some(self.finding(
            FINNS_INTE,
            Self::severity(&statuses),
            format!(
                "Lagrummet `{cited}` hänvisar till {}, som gäller först från {from}; beslutet är daterat {}. {instead}",
                l.namn, self.date
            )
            .trim_end()
            .to_string(),
            match entry {
                Some(e) => format!("`{cited}` gäller {} i den nya lagen.", e.om),
                None => format!("{} gäller från {from}.", l.namn),
            },
        ))
    }

    /// A citation of a law in force on the date; `explicit` when the version was named.
    pub(super) fn check_in(&self, c: &Citation, law: usize, explicit: bool) -> Option<Finding> {
        let reg = self.reg;
        if c.paragraf.is_none() && c.kapitel.is_none() {
            return None;
        }
        let cited = c.render();
        let l = &reg.laws[law];
        let entry = reg.lookup(law, c);
        if let Some(e) = entry {
            if reg.beyond_points(law, c) {
                let n = reg.paragraph(law, c).and_then(|p| p.punkter).unwrap_or(0);
                return Some(self.finding(
                    FINNS_INTE,
                    Self::severity(&[e.status]),
                    format!(
                        "Lagrummet `{cited}` finns inte: {} § {} har {n} punkter.",
                        c.paragraf.map_or(String::new(), |p| p.to_string()),
                        l.namn
                    ),
                    format!(
                        "{} § {} gäller {}.",
                        c.paragraf.map_or(String::new(), |p| p.to_string()),
                        l.namn,
                        e.om
                    ),
                ));
            }
            if !reg.entry_valid_on(e, self.date) {
                let when = match (e.giltig_fran, e.giltig_till) {
                    (Some(f), _) if self.date < f => format!("gäller först från {f}"),
                    (_, Some(t)) => format!("gällde bara till {t}"),
                    _ => "gäller inte".to_string(),
                };
                return Some(self.finding(
                    FINNS_INTE,
                    Self::severity(&[e.status]),
                    format!(
                        "Bestämmelsen `{cited}` {when}; beslutet är daterat {}.",
                        self.date
                    ),
                    format!("`{cited}` gäller {}.", e.om),
                ));
            }
        }
        if explicit {
            return None;
        }
        // A bare number: compare with the other versions of the family.
        for other in reg.family(&l.familj) {
            if other == law {
                continue;
            }
            let o = &reg.laws[other];
            let older = o.giltig_till.is_some_and(|t| t < self.date);
            if older {
                // The old habit: the number meant something else in the repealed law.
                let Some(oe) = reg.lookup(other, c) else {
                    continue;
                };
                let same_number = oe
                    .ersatts_av
                    .iter()
                    .any(|r| r.kapitel == c.kapitel && r.paragraf == c.paragraf);
                // A number that is this insats' ground in the law in force is the
                // right citation, whatever it meant before (`11 kap. 1 § SoL`).
                let is_ground = entry.is_some_and(|e| e.insatser.iter().any(|x| x == self.insats));
                if same_number || is_ground || c.paragraf.is_none() {
                    continue;
                }
                let repl: Vec<&Entry> = oe
                    .ersatts_av
                    .iter()
                    .filter_map(|r| reg.lookup_any(r))
                    .collect();
                let repl = reg.suggestions(repl, Some(self.insats));
                let since = l
                    .giltig_fran
                    .map_or(String::new(), |f| format!("från {f} "));
                let now = entry.or_else(|| reg.chapter(law, c.kapitel)).map(|e| {
                    if e.paragraf.is_none() {
                        format!("hör {since}till kapitlet om {}", e.om)
                    } else {
                        format!("gäller {since}{}", e.om)
                    }
                });
                let first = match now {
                    Some(now) => format!("`{cited}` {now} ({}).", l.namn),
                    None => format!(
                        "`{cited}` är numreringen i {}, som upphävdes; där gällde den {}.",
                        o.namn, oe.om
                    ),
                };
                let then = if repl.is_empty() {
                    format!(
                        "Bestämmelsen om {} har inget bekräftat nytt nummer i registret.",
                        oe.om
                    )
                } else {
                    format!("Om {} avses, ange {}.", oe.om, reg.cite_list(&repl))
                };
                return Some(self.finding(
                    NY_BETYDELSE,
                    Severity::Warning,
                    format!("{first} {then}"),
                    format!(
                        "Beslutet är daterat {}, då {} gäller. Ett nummer utan lagens SFS-nummer kan inte visa vilken lag som avses; i {} gällde `{cited}` {}.",
                        self.date, l.namn, o.namn, oe.om
                    ),
                ));
            } else if o.giltig_fran.is_some_and(|f| f > self.date) && entry.is_none() {
                // Early use of the new numbering, before the new law is in force.
                let Some(ne) = reg.lookup(other, c) else {
                    continue;
                };
                if ne.paragraf.is_none() {
                    continue;
                }
                let preds = reg.suggestions(reg.predecessors(law, ne), Some(self.insats));
                let from = o.giltig_fran.map_or(String::new(), |f| f.to_string());
                let then = if preds.is_empty() {
                    format!(
                        "Bestämmelsen om {} har inget bekräftat nummer i {} i registret.",
                        ne.om, l.namn
                    )
                } else {
                    format!("Ange i stället {}.", reg.cite_list(&preds))
                };
                return Some(self.finding(
                    NY_BETYDELSE,
                    Severity::Warning,
                    format!(
                        "`{cited}` gäller {} först i {}, från {from}; beslutet är daterat {}. {then}",
                        ne.om, o.namn, self.date
                    ),
                    format!(
                        "På beslutsdagen gäller {}; numret kommer från den nya lagen.",
                        l.namn
                    ),
                ));
            }
        }
        None
    }

    /// None of the cited laws is the case's law, and another insats law is cited.
    pub(super) fn wrong_law(&self, cites: &[Citation], lag: Lag) -> Option<Finding> {
        let reg = self.reg;
        let fam_of = |c: &Citation| -> Option<String> {
            match &c.law {
                Some(LawRef::Family(f)) => Some(f.clone()),
                Some(LawRef::Version(i)) => Some(reg.laws[*i].familj.clone()),
                _ => None,
            }
        };
        let fams: BTreeSet<String> = cites.iter().filter_map(fam_of).collect();
        let own = lag.as_str();
        let foreign: Vec<&String> = fams
            .iter()
            .filter(|f| ["LSS", "SoL", "SFB"].contains(&f.as_str()) && f.as_str() != own)
            .collect();
        if fams.contains(own) || foreign.is_empty() {
            return None;
        }
        let names: Vec<String> = foreign
            .iter()
            .map(|f| {
                reg.in_force(f, self.date)
                    .map_or_else(|| (*f).clone(), |i| reg.laws[i].namn.clone())
            })
            .collect();
        let own_law = reg.in_force(own, self.date);
        let grounds = own_law.map_or_else(Vec::new, |l| reg.grounds(l, self.insats, self.date));
        let instead = if grounds.is_empty() {
            String::new()
        } else {
            format!(" Ange i stället {}.", reg.cite_list(&grounds))
        };
        let own_name = own_law.map_or(own.to_string(), |l| reg.laws[l].namn.clone());
        let mut statuses = Vec::new();
        for c in cites {
            if fam_of(c).is_some_and(|f| foreign.contains(&&f)) {
                if let Some(l) = match &c.law {
                    Some(LawRef::Version(i)) => Some(*i),
                    Some(LawRef::Family(f)) => reg.in_force(f, self.date),
                    _ => None,
                } {
                    statuses.push(reg.laws[l].status);
                    if let Some(e) = reg.lookup(l, c) {
                        statuses.push(e.status);
                    }
                }
            }
        }
        Some(self.finding(
            FEL_LAG,
            Self::severity(&statuses),
            format!(
                "Lagrummet `{}` hänvisar till {}, men ärendet prövas enligt {own_name}.{instead}",
                self.text.trim(),
                join_och(&names)
            ),
            format!(
                "Ärendet gäller {own} (`arende.lag`); fel lag ger fel prövning och fel överklagandeväg."
            ),
        ))
    }
}

// ------------------------------------------------------------------ rule files

/// A warning for a rule file's `lagrum` text, or `None` when every provision it cites
/// is in the register (texts that cite no provision, such as a guideline's name, pass).
pub fn check_rule_citation(text: &str) -> Option<String> {
    let reg = register();
    let mut problems = Vec::new();
    for c in reg.parse(text) {
        if !matches!(c.law, Some(LawRef::Family(_) | LawRef::Version(_))) {
            continue;
        }
        if c.paragraf.is_none() && c.kapitel.is_none() {
            continue;
        }
        let laws = reg.candidate_laws(&c);
        let found: Vec<&Entry> = laws
            .iter()
            .filter_map(|&l| reg.lookup(l, &c).filter(|_| !reg.beyond_points(l, &c)))
            .collect();
        let found_chapter =
            c.paragraf.is_some() && laws.iter().any(|&l| reg.chapter(l, c.kapitel).is_some());
        if found.is_empty() && !found_chapter {
            problems.push(format!(
                "`{}` finns inte i lagrumsregistret (rules/lagrum.yaml)",
                c.render()
            ));
        } else if !found.is_empty() && found.iter().all(|e| e.status == Status::Unverified) {
            problems.push(format!(
                "`{}` är inte bekräftad i domänunderlaget (UNVERIFIED) och får inte presenteras som lag",
                c.render()
            ));
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("; "))
    }
}
