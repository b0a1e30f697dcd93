//! Syntax trees → checked rule model. Resolves every name (case fields against
//! [`schema::ROOT`](crate::schema::ROOT), definitions, tables, lists, functions,
//! insats ids), types every expression, validates headers and rule attributes and the
//! validity periods of versions, and applies municipal adjustments. It collects *all*
//! errors of all files before giving up, each a [`Diagnostic`] with a caret under its
//! cause.
//!
//! Definitions are global to a rule folder and are inlined where they are used, so a
//! definition such as `barn` that reads `beslut.datum` works in every rule that runs
//! per decision, and using it in a rule set that runs once per case is an error.

mod calls;
mod expr;
mod globals;
mod operators;
mod phrases;
mod rules;
mod ty;
mod versions;

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::{self, Span};
use crate::diag::{Diagnostic, Source};
use crate::model::*;

use phrases::prepare_phrases;
use ty::Ty;

/// One parsed rule file and where it came from.
pub struct Input {
    pub source: Arc<Source>,
    pub file: ast::File,
    /// True for a municipal guideline folder layered over the national rules.
    pub local: bool,
}

/// The checked rule base and the warnings found on the way, or every error.
pub fn check(inputs: &[Input]) -> Result<(RuleBase, Vec<Diagnostic>), Vec<Diagnostic>> {
    let outcome = check_all(inputs);
    match outcome.rules {
        Some(rules) => Ok((rules, outcome.warnings)),
        None => Err(outcome.errors),
    }
}

/// Everything the checker found: the rule base if there were no errors, and the
/// errors and warnings both (`rules check` shows warnings also when there are errors).
pub struct Outcome {
    pub rules: Option<RuleBase>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Check rule files and keep every error and every warning.
pub fn check_all(inputs: &[Input]) -> Outcome {
    let mut cx = Checker::default();
    cx.collect_globals(inputs);
    let mut sets = Vec::new();
    for input in inputs {
        if let Some(set) = cx.rule_set(input) {
            sets.push(set);
        }
    }
    cx.check_versions(&sets, inputs);
    cx.apply_adjustments(&mut sets, inputs);
    let rules = cx.errors.is_empty().then(|| {
        sets.sort_by(|a, b| a.id.cmp(&b.id).then(a.valid_from.cmp(&b.valid_from)));
        let mut lists = cx.lists;
        prepare_phrases(&mut sets, &mut lists);
        RuleBase {
            sets,
            tables: cx.tables,
            lists,
        }
    });
    Outcome {
        rules,
        errors: cx.errors,
        warnings: cx.warnings,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ScopeKind {
    /// Per decision: `beslut` is the decision, `sokt` the applied-for item.
    Beslut,
    /// Once per case: `beslut` is the list of decisions.
    Arende,
}

struct Var {
    name: String,
    ty: Ty,
}

struct Env {
    scope: ScopeKind,
    vars: Vec<Var>,
    /// Definitions being inlined, to stop cycles.
    defs: Vec<String>,
}

struct Global<T> {
    item: T,
    source: Arc<Source>,
}

#[derive(Default)]
struct Checker {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    defs: HashMap<String, Global<ast::Definition>>,
    table_index: HashMap<String, (usize, Ty)>,
    tables: Vec<Table>,
    list_index: HashMap<String, usize>,
    lists: Vec<NamedList>,
    /// Definitions that failed their own check; their uses are not reported again.
    broken_defs: Vec<String>,
    /// Which source is being checked (for diagnostics).
    current: Option<Arc<Source>>,
}

impl Checker {
    fn src(&self) -> &Arc<Source> {
        self.current.as_ref().expect("checker: a source is set")
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.src(), span, message);
        self.errors.push(d);
        self.errors.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.src(), span, message);
        self.warnings.push(d);
        self.warnings.last_mut().expect("just pushed")
    }
}
