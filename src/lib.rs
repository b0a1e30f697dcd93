//! beslutskoll checks a draft decision on an LSS or SoL application before it is made.
//!
//! The pipeline: rule files (text) → [`parse`] → syntax tree → [`check`] (names and
//! types resolved against the case [`schema`], every error collected) → checked rule
//! base → [`eval`] against one [`case::Case`] → [`report::Report`].
//!
//! For the people who write the rules: [`fmt`] prints a syntax tree in the one
//! canonical layout, [`lint`] adds static warnings to the checker's diagnostics
//! (`rules check`), and [`diff`] compares two rule folders for review (`rules diff`).
//! A municipality's guideline folder is layered over the national rules by the same
//! checker (`--local`; see `riktlinjer/exempelkommun/README.md`).

pub use beslutskoll_sprak::{ast, check, diag, kompilerad, letters, model, parse, textmatch};

pub mod case;
pub mod checklist;
pub mod cli;
pub mod copy;
pub mod diff;
pub mod engine;
pub mod eval;
pub mod fmt;
pub mod inbyggda;
pub mod kontrakt;
pub mod lagrum;
pub mod lint;
pub mod lsp;
pub mod omfattning;
pub mod panik;
pub mod render;
pub mod report;
pub mod rule_page;
pub mod ruletest;
pub mod schema;
pub mod server;
