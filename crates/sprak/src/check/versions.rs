//! Versions and layering: overlapping or gapped validity periods of a rule set,
//! and municipal adjustments applied over the national rules.

use chrono::Days;

use crate::ast::{HeaderAttr, Item};
use crate::diag::did_you_mean;
use crate::report::Severity;

use super::rules::SEVERITIES;
use super::*;

impl Checker {
    pub(super) fn check_versions(&mut self, sets: &[RuleSet], inputs: &[Input]) {
        let src_of = |name: &str| {
            inputs
                .iter()
                .find(|i| i.source.name == name)
                .map(|i| Arc::clone(&i.source))
        };
        let mut by_id: HashMap<&str, Vec<&RuleSet>> = HashMap::new();
        for s in sets {
            by_id.entry(&s.id).or_default().push(s);
        }
        let mut ids: Vec<&&str> = by_id.keys().collect();
        ids.sort();
        for id in ids {
            let mut versions = by_id[*id].clone();
            versions.sort_by_key(|s| s.valid_from);
            for w in versions.windows(2) {
                let (a, b) = (w[0], w[1]);
                let Some(src) = src_of(&b.source) else {
                    continue;
                };
                let span = header_span(inputs, &b.source);
                self.current = Some(src);
                match a.valid_to {
                    None => {
                        self.error(span, format!("två versioner av `{id}` gäller samtidigt"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!(
                                "{} gäller från {} utan slutdatum",
                                a.source, a.valid_from
                            ));
                    }
                    Some(to) if to >= b.valid_from => {
                        self.error(span, format!("två versioner av `{id}` gäller samtidigt"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!("{} gäller till {to}", a.source));
                    }
                    Some(to) if to.checked_add_days(Days::new(1)) != Some(b.valid_from) => {
                        self.warning(span, format!("lucka mellan versionerna av `{id}`"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!(
                                "{} gäller bara till {to}; beslut däremellan kontrolleras inte",
                                a.source
                            ));
                    }
                    Some(_) => {}
                }
            }
        }
    }

    pub(super) fn apply_adjustments(&mut self, sets: &mut [RuleSet], inputs: &[Input]) {
        for input in inputs.iter().filter(|i| i.local) {
            self.current = Some(Arc::clone(&input.source));
            let guideline = input.file.header.attrs.iter().find_map(|a| match a {
                HeaderAttr::Titel(s) => Some(s.value.clone()),
                _ => None,
            });
            let has_adjustments = input
                .file
                .items
                .iter()
                .any(|i| matches!(i, Item::Justering(_)));
            if has_adjustments && !guideline.as_deref().is_some_and(has_date) {
                self.warning(
                    input.file.header.id.span.clone(),
                    "riktlinjens titel anger inget datum",
                )
                .with_label("justeringarna i filen citerar riktlinjen med titeln")
                .help = Some("skriv riktlinjens namn och datum, t.ex. `titel \"Riktlinjer för LSS, Exempelkommun, 2026-01-15\"`".into());
            }
            for item in &input.file.items {
                let Item::Justering(j) = item else { continue };
                let mut severity = None;
                let mut off = false;
                let mut reason = None;
                for a in &j.attrs {
                    match a {
                        ast::JusteringAttr::Allvarlighet(i) => {
                            severity = self.pick(i, &SEVERITIES, "allvarlighet")
                        }
                        ast::JusteringAttr::StangAv(_) => off = true,
                        ast::JusteringAttr::Skal(s) => reason = Some(s.value.clone()),
                    }
                }
                let mut found = false;
                for set in sets.iter_mut().filter(|s| !s.local) {
                    for rule in set.rules.iter_mut().filter(|r| r.id == j.rule.name) {
                        found = true;
                        if severity == Some(Severity::Error) && rule.basis != Basis::Lag {
                            self.error(
                                j.rule.span.clone(),
                                format!(
                                    "regeln `{}` vilar på {} och kan inte få allvarlighet `fel`",
                                    j.rule.name,
                                    rule.basis.as_str()
                                ),
                            )
                            .with_label("höjs till `fel` här")
                            .help = Some("bara lag kan ge `fel`; en riktlinje kan höja en sådan regel till högst `varning`".into());
                            continue;
                        }
                        let weakens = off || severity.is_some_and(|s| s > rule.severity);
                        if weakens && rule.basis == Basis::Lag && reason.is_none() {
                            self.error(j.rule.span.clone(), format!("regeln `{}` vilar på lag och kan inte mildras eller stängas av utan skäl", j.rule.name))
                                .with_label("skäl saknas")
                                .help = Some("ange varför med `skäl \"...\"`; skälet visas i varje rapport".into());
                            continue;
                        }
                        if let Some(s) = severity {
                            rule.severity = s;
                        }
                        rule.disabled = off;
                        let by = guideline
                            .clone()
                            .unwrap_or_else(|| input.source.name.clone());
                        rule.adjusted = Some(match &reason {
                            Some(r) => format!("{by}: {r}"),
                            None => by,
                        });
                    }
                }
                if !found {
                    let ids: Vec<&str> = sets
                        .iter()
                        .flat_map(|s| s.rules.iter().map(|r| r.id.as_str()))
                        .collect();
                    let hint = did_you_mean(&j.rule.name, ids.iter().copied()).map(str::to_string);
                    let d = self
                        .error(
                            j.rule.span.clone(),
                            format!("okänd regel `{}`", j.rule.name),
                        )
                        .with_label("ingen sådan regel i det nationella regelverket");
                    if let Some(h) = hint {
                        d.help = Some(format!("menade du `{h}`?"));
                    }
                }
            }
        }
    }
}

/// Does the text cite a date `ÅÅÅÅ-MM-DD`?
pub(super) fn has_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    })
}

fn header_span(inputs: &[Input], source: &str) -> Span {
    inputs
        .iter()
        .find(|i| i.source.name == source)
        .map_or(0..0, |i| i.file.header.id.span.clone())
}
