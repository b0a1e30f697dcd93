//! The built-in rules, parsed and checked when the program is built, in a compact
//! binary form (postcard) that the program reads at start instead of parsing the
//! rule texts (issue 10: parsing the 37 built-in files was two thirds of a `check`).
//!
//! The main crate's build script runs [`compile`] over `rules/` with this crate's
//! parser and checker, the same code `Engine::from_sources` runs, and writes
//! [`Compiled::to_bytes`]; the program embeds the bytes and reads them with
//! [`Compiled::from_bytes`]. Rule folders given with `--rules` and municipal
//! guidelines (`--local`) are still parsed at run time.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::ast::{Item, RegelAttr};
use crate::check::{self, Input};
use crate::model::RuleBase;

/// Written first, so that bytes from another build of the format are not read.
const MAGIC: &[u8; 8] = b"bkregl02";

/// A checked rule base and what the program still checks itself at load.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Compiled {
    pub rules: RuleBase,
    /// The names of the files, in the order they were given to [`compile`].
    pub sources: Vec<String>,
    /// Every rule's `lagrum`, in file and rule order: the lagrum register that
    /// judges them belongs to the main crate, which checks them at load as it does
    /// for rules parsed at run time.
    pub citations: Vec<Citation>,
}

/// One `lagrum` attribute of a rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Citation {
    /// Index of the file in the inputs given to [`compile`].
    pub input: usize,
    pub span: Range<usize>,
    pub value: String,
}

/// Check parsed rule files as `Engine::from_sources` does, or `None` when the
/// checker has anything to say: then the program parses the files at run time,
/// so that every error and warning is shown exactly as before.
pub fn compile(inputs: &[Input]) -> Option<Compiled> {
    let outcome = check::check_all(inputs);
    if !outcome.errors.is_empty() || !outcome.warnings.is_empty() {
        return None;
    }
    let rules = outcome.rules?;
    Some(Compiled {
        rules,
        sources: inputs.iter().map(|i| i.source.name.clone()).collect(),
        citations: citations(inputs),
    })
}

/// Every `lagrum` attribute of every rule, in file and rule order.
pub fn citations(inputs: &[Input]) -> Vec<Citation> {
    let mut out = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        for item in &input.file.items {
            let Item::Regel(r) = item else {
                continue;
            };
            for attr in &r.attrs {
                if let RegelAttr::Lagrum(s) = attr {
                    out.push(Citation {
                        input: i,
                        span: s.span.clone(),
                        value: s.value.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Each rule's text as written and its lint page, in the order of
/// `RuleBase::rules()`. They are most of the bytes (486 of 677 KB for the built-in
/// rules) and only a rule's page shows them, so they are written after the rules and
/// read only when asked for: decoding them was 4 M instructions of every `check`.
type Texts = Vec<(String, Option<String>)>;

impl Compiled {
    /// The rules, then their texts ([`Compiled::fill_texts`] reads them back).
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let mut rules = self.rules.clone();
        let mut texts: Texts = Vec::new();
        for set in &mut rules.sets {
            for r in &mut set.rules {
                texts.push((std::mem::take(&mut r.text), r.doc.take()));
            }
        }
        let lean = Compiled {
            rules,
            sources: self.sources.clone(),
            citations: self.citations.clone(),
        };
        let mut out = MAGIC.to_vec();
        out.extend(postcard::to_allocvec(&lean).map_err(|e| e.to_string())?);
        out.extend(postcard::to_allocvec(&texts).map_err(|e| e.to_string())?);
        Ok(out)
    }

    /// The rules without their texts (each `text` empty, each `doc` `None`) and the
    /// bytes that hold the texts; `None` for bytes that are empty (the build fell back
    /// to run-time parsing), of another format or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<(Compiled, &[u8])> {
        let body = bytes.strip_prefix(MAGIC.as_slice())?;
        postcard::take_from_bytes(body).ok()
    }

    /// Put the texts that [`Compiled::from_bytes`] left in the bytes back into the
    /// rules they were taken from; `false` when they do not fit them.
    pub fn fill_texts(rules: &mut RuleBase, texts: &[u8]) -> bool {
        let Ok(texts) = postcard::from_bytes::<Texts>(texts) else {
            return false;
        };
        if texts.len() != rules.sets.iter().map(|s| s.rules.len()).sum::<usize>() {
            return false;
        }
        let mut texts = texts.into_iter();
        for set in &mut rules.sets {
            for r in &mut set.rules {
                if let Some((text, doc)) = texts.next() {
                    r.text = text;
                    r.doc = doc;
                }
            }
        }
        true
    }
}
