//! beslutskoll checks a draft decision on an LSS or SoL application before it is made.
//!
//! The pipeline: rule files (text) → [`parse`] → syntax tree → [`check`] (names and
//! types resolved against the case [`schema`], every error collected) → checked rule
//! base → [`eval`] against one [`case::Case`] → [`report::Report`].

pub mod case;
pub mod copy;
pub mod diag;
pub mod report;
