//! The labelled motiveringar (`tests/data/motiveringar/*.yaml`): investigation texts, a
//! motivering and a label `individuell` or `generisk` per item, written blind by others.
//! The accuracy harness `motivering-accuracy` and the test `tests/motivering_measure.rs`
//! read them here and measure each item the way a check measures a case
//! ([`super::individuell`]), with the built-in stock phrases.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::individuell::{self, Assessment, Investigation, StockPhrases};
use super::text::words;

/// One labelled item.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub lag: String,
    pub insats: String,
    pub utfall: String,
    /// `bakgrund`, `behov`, `egen_installning`, `bedomning` (any may be missing).
    pub utredning: BTreeMap<String, Option<String>>,
    pub motivering: String,
    /// `individuell` or `generisk`.
    pub etikett: String,
    #[serde(default)]
    pub kommentar: Option<String>,
}

impl Item {
    /// Labelled generic.
    pub fn generic(&self) -> bool {
        self.etikett == "generisk"
    }

    /// The number in the id (`lss-017` → 17); odd ones are for development, even ones
    /// held out.
    pub fn number(&self) -> u32 {
        self.id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// The applicant's name words: the capitalised words that open `bakgrund`
    /// ("Erik Lindqvist är 34 år ...", "Kent Åberg, 49 år, ...").
    pub fn applicant_names(&self) -> HashSet<String> {
        let bakgrund = self
            .utredning
            .get("bakgrund")
            .and_then(|b| b.as_deref())
            .unwrap_or("");
        let mut out = HashSet::new();
        for w in words(bakgrund) {
            if !w.text.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            out.insert(w.text.to_lowercase());
            if bakgrund[w.span.end..].starts_with(',') {
                break;
            }
        }
        out
    }

    /// Measure the motivering against the item's investigation.
    pub fn assess(&self, stock: &StockPhrases) -> Assessment {
        let names = self.applicant_names();
        let texts: Vec<&str> = self
            .utredning
            .values()
            .filter_map(|t| t.as_deref())
            .collect();
        let inv = Investigation::new(&texts, &names);
        let skip = stock.find(&self.motivering);
        individuell::assess(&self.motivering, &inv, &names, &skip)
    }
}

/// Read one labelled file.
pub fn read(path: &Path) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every labelled item under `dir` (`lss.yaml`, `sol.yaml`), in file order.
pub fn read_all(dir: &Path) -> Result<Vec<Item>, String> {
    let mut out = Vec::new();
    for f in ["lss.yaml", "sol.yaml"] {
        out.extend(read(&dir.join(f))?);
    }
    Ok(out)
}
