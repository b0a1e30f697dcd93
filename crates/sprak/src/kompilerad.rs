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
const MAGIC: &[u8; 8] = b"bkregl01";

/// A checked rule base and what the program still checks itself at load.
#[derive(Debug, Serialize, Deserialize)]
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
#[derive(Debug, Serialize, Deserialize)]
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

impl Compiled {
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let mut out = MAGIC.to_vec();
        out.extend(postcard::to_allocvec(self).map_err(|e| e.to_string())?);
        Ok(out)
    }

    /// `None` for bytes that are empty (the build fell back to run-time parsing),
    /// of another format or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<Compiled> {
        let body = bytes.strip_prefix(MAGIC.as_slice())?;
        postcard::from_bytes(body).ok()
    }
}
