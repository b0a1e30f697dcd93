//! Batch audit: what a folder of decisions has in common.
//!
//! The CLI checks each case (on all cores, with rayon) and feeds every report's findings
//! to one [`AuditSummary`]; [`batch_pairs`] adds near-copies among the checked drafts
//! themselves. At the end the summary counts how many decisions have each kind of
//! finding and groups decisions that share one text into clusters (union-find over the
//! near-copy pairs).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use super::corpus::CorpusEntry;
use super::{CopyConfig, CorpusIndex, QueryOptions};
use crate::case::Case;
use crate::report::Finding;

/// Counts and clusters over a batch of checked decisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AuditSummary {
    /// Decisions checked.
    pub cases: usize,
    /// Per rule id: how many decisions have at least one such finding.
    pub rules: BTreeMap<String, usize>,
    /// Per category (`copy`, `decision`, ...): how many decisions have at least one.
    pub categories: BTreeMap<String, usize>,
    /// Groups of decisions that share one text, largest first; each sorted by id.
    /// Filled by [`Self::finish`].
    pub clusters: Vec<Vec<String>>,
    #[serde(skip)]
    edges: BTreeSet<(String, String)>,
}

impl AuditSummary {
    pub fn new() -> Self {
        Self::default()
    }

    /// Count one checked decision and remember whom it nearly copies.
    pub fn add(&mut self, case_id: &str, findings: &[Finding]) {
        self.cases += 1;
        let rules: BTreeSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        for r in rules {
            *self.rules.entry(r.to_string()).or_default() += 1;
        }
        let cats: BTreeSet<&str> = findings.iter().map(|f| f.category.as_str()).collect();
        for c in cats {
            *self.categories.entry(c.to_string()).or_default() += 1;
        }
        for f in findings {
            if let Some(e) = &f.evidence {
                if e.kind == "near_copy" {
                    if let Some(other) = &e.other_case {
                        self.add_pair(case_id, other);
                    }
                }
            }
        }
    }

    /// Record that two decisions share a text.
    pub fn add_pair(&mut self, a: &str, b: &str) {
        if a != b {
            let (x, y) = if a < b { (a, b) } else { (b, a) };
            self.edges.insert((x.to_string(), y.to_string()));
        }
    }

    /// Group the recorded pairs into [`Self::clusters`]; call once, after the last
    /// [`Self::add`], before printing.
    pub fn finish(&mut self) {
        let pairs: Vec<(String, String)> = self.edges.iter().cloned().collect();
        self.clusters = clusters(&pairs);
    }
}

impl fmt::Display for AuditSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Sammanställning: {} beslut granskade", self.cases)?;
        if self.rules.is_empty() {
            writeln!(f, "Inga anmärkningar.")?;
        } else {
            let width = self
                .rules
                .keys()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0)
                .max(10);
            writeln!(f, "{:<width$}  {:>6}", "anmärkning", "beslut")?;
            for (rule, n) in &self.rules {
                writeln!(f, "{rule:<width$}  {n:>6}")?;
            }
        }
        if self.clusters.is_empty() {
            writeln!(f, "Inga grupper av beslut med samma text.")?;
        } else {
            writeln!(f, "Grupper av beslut med samma text:")?;
            for (i, c) in self.clusters.iter().enumerate() {
                writeln!(f, "{:>3}. {} ({} beslut)", i + 1, c.join(", "), c.len())?;
            }
        }
        Ok(())
    }
}

/// Connected groups of ids in `pairs` (union-find), each sorted, largest group first.
pub fn clusters(pairs: &[(String, String)]) -> Vec<Vec<String>> {
    let mut ix: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, b) in pairs {
        let mut ids = [0usize; 2];
        for (slot, s) in ids.iter_mut().zip([a.as_str(), b.as_str()]) {
            *slot = *ix.entry(s).or_insert_with(|| {
                names.push(s);
                parent.push(parent.len());
                parent.len() - 1
            });
        }
        let [x, y] = ids;
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(name.to_string());
    }
    let mut out: Vec<Vec<String>> = groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out
}

/// Pairs of drafts in one batch that nearly copy each other (another person's text),
/// found by indexing the batch itself: `(id, id, similarity)`, each pair once.
pub fn batch_pairs(cases: &[Case], cfg: &CopyConfig) -> Vec<(String, String, f64)> {
    let entries: Vec<CorpusEntry> = cases.iter().map(CorpusEntry::from_case).collect();
    let index = CorpusIndex::build(&entries, cfg);
    let mut out = BTreeMap::new();
    for c in cases {
        // The index was built in memory just now: every block matches its sum.
        let found =
            super::corpus::near_copy_findings_with(c, &index, cfg, &QueryOptions::default())
                .expect("an index built in memory is whole");
        for f in found {
            if let Some(e) = f.evidence.filter(|e| e.kind == "near_copy") {
                if let (Some(other), Some(sim)) = (e.other_case, e.similarity) {
                    let a = c.arende.id.clone();
                    let key = if a < other { (a, other) } else { (other, a) };
                    let v: &mut f64 = out.entry(key).or_insert(0.0);
                    *v = v.max(sim);
                }
            }
        }
    }
    out.into_iter().map(|((a, b), s)| (a, b, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_groups() {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        let c = clusters(&[
            p("a", "b"),
            p("c", "d"),
            p("b", "e"),
            p("x", "y"),
            p("d", "c"),
        ]);
        assert_eq!(
            c,
            vec![
                vec!["a".to_string(), "b".into(), "e".into()],
                vec!["c".to_string(), "d".into()],
                vec!["x".to_string(), "y".into()],
            ]
        );
    }
}
