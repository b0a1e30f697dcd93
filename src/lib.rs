//! beslutskoll checks a draft decision on an LSS or SoL application before it is made.
//!
//! The pipeline: rule files (text) → [`parse`] → syntax tree → [`check`] (names and
//! types resolved against the case [`schema`], every error collected) → checked rule
//! base → [`eval`] against one [`case::Case`] → [`report::Report`].

pub mod ast;
pub mod case;
pub mod check;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod eval;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod ruletest;
pub mod schema;
pub mod server;
