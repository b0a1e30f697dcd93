//! Citations checked against the date: the lagrum register (`rules/lagrum.yaml`),
//! a tolerant reader of Swedish legal citations in free text, and the check of a
//! decision's `lagrum` against its decision date and `arende.lag`.
//!
//! Why this is code and not rules: a rule file can only look for phrases, so it can
//! say "this decision on hemtjänst does not mention 11 kap. 1 §", but not "the number
//! you wrote means something else on this date". That needs to know every provision
//! a decision may cite, in which version of which law, and when each was in force:
//! data, kept in the register beside the rule files and embedded in the binary.
//!
//! The register holds only what the domain notes (`../shared/domain/`) state, with
//! their status marker. Two invariants follow from the notes' rules:
//!
//! - `// INVARIANT:` a finding rests on status `V` entries to be an `error`; any `S`
//!   or `UNVERIFIED` entry involved makes it a `warning` at most.
//! - `// INVARIANT:` an `UNVERIFIED` entry is never named as the provision to use.
//!
//! Findings (`lagrum.*`, category `decision`, lagrum 32 § förvaltningslagen):
//!
//! | id | when |
//! | --- | --- |
//! | `lagrum.upphavd_lag` | the citation names a law (by SFS number or name) that was repealed before the decision date; also read in `motivering` and `bedomning` (a warning there when the `lagrum` field is right). The severity rests on the law's status and repeal, not on the cited old paragraph |
//! | `lagrum.finns_inte` | the named law or provision is not yet or no longer in force, or the point does not exist |
//! | `lagrum.ny_betydelse` | a bare number ("4 kap. 1 § SoL") whose meaning differs between the old and the new law |
//! | `lagrum.fel_lag` | none of the cited laws is the case's law, and another insats law is cited |
//!
//! A bare law name ("SoL", "förvaltningslagen") means the version in force on the
//! decision date. A provision the register does not know gives no finding (the
//! register is not the whole statute book); [`check_rule_citation`] is the load-time
//! side of that coin and warns when a rule file cites a provision it does not know.

mod check;
mod cite;
mod raw;
mod register;
#[cfg(test)]
mod tests;

pub use check::*;
pub use cite::*;
use raw::RawRegister;
pub use raw::{Law, Status};
pub use register::*;

/// The register as shipped.
pub const REGISTER_YAML: &str = include_str!("../rules/lagrum.yaml");

/// The same register read by the build script and written in postcard form (empty
/// when the file does not read; [`register`] then reads the YAML and says why).
const REGISTER_POSTCARD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lagrum.bin"));
