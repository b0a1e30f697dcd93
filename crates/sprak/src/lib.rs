//! The rule language of beslutskoll: rule text → [`parse`] → syntax tree ([`ast`]) →
//! [`check`] (names and types resolved against the case [`schema`], every error
//! collected as a [`diag::Diagnostic`]) → checked rule base ([`model`]).
//!
//! It is a crate of its own so that the main crate's build script can run the same
//! parser and checker over the built-in rules that the program runs at run time.
//! The main crate re-exports every module here under the same name
//! (`beslutskoll::parse`, `beslutskoll::model`, …).

pub mod ast;
pub mod case;
pub mod check;
pub mod diag;
pub mod kompilerad;
pub mod letters;
pub mod model;
pub mod parse;
pub mod report;
pub mod schema;
pub mod textmatch;
