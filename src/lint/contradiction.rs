//! Contradictions inside one chain of `och` (and tautologies inside one chain of
//! `eller`): constraints on the same written expression that leave no value.

use super::fold::{order, V};

/// A constraint on the value of one written expression.
#[derive(Debug, Clone)]
pub(super) enum C {
    OneOf(Vec<V>),
    NoneOf(Vec<V>),
    /// Lower bound, inclusive or not.
    Lo(V, bool),
    Hi(V, bool),
}

#[derive(Debug, Clone)]
pub(super) struct Atom {
    pub(super) subject: String,
    pub(super) c: C,
    /// How the author wrote it, for the label.
    pub(super) text: String,
}

impl Atom {
    pub(super) fn negate(&mut self) {
        self.c = match std::mem::replace(&mut self.c, C::OneOf(Vec::new())) {
            C::OneOf(v) if v == [V::Bool(true)] => C::OneOf(vec![V::Bool(false)]),
            C::OneOf(v) if v == [V::Bool(false)] => C::OneOf(vec![V::Bool(true)]),
            C::OneOf(v) => C::NoneOf(v),
            C::NoneOf(v) => C::OneOf(v),
            C::Lo(v, inc) => C::Hi(v, !inc),
            C::Hi(v, inc) => C::Lo(v, !inc),
        };
    }
}

/// The written conditions that cannot all hold, if some subject has such a set.
pub(super) fn contradiction(atoms: &[Atom]) -> Option<Vec<String>> {
    let mut subjects: Vec<&str> = atoms.iter().map(|a| a.subject.as_str()).collect();
    subjects.sort();
    subjects.dedup();
    for s in subjects {
        let mine: Vec<&Atom> = atoms.iter().filter(|a| a.subject == s).collect();
        if mine.len() < 2 {
            continue;
        }
        if empty(&mine) {
            let mut texts: Vec<String> = Vec::new();
            for a in mine {
                if !texts.contains(&a.text) {
                    texts.push(a.text.clone());
                }
            }
            return Some(texts);
        }
    }
    None
}

/// Do the constraints leave no value at all?
fn empty(atoms: &[&Atom]) -> bool {
    let mut allowed: Option<Vec<V>> = None;
    let mut excluded: Vec<V> = Vec::new();
    let mut lo: Option<(V, bool)> = None;
    let mut hi: Option<(V, bool)> = None;
    for a in atoms {
        match &a.c {
            C::OneOf(vs) => {
                allowed = Some(match allowed {
                    None => vs.clone(),
                    Some(cur) => cur.into_iter().filter(|v| vs.contains(v)).collect(),
                })
            }
            C::NoneOf(vs) => excluded.extend(vs.iter().cloned()),
            C::Lo(v, inc) => {
                let tighter = match &lo {
                    None => true,
                    Some((cur, cinc)) => match order(v, cur) {
                        Some(std::cmp::Ordering::Greater) => true,
                        Some(std::cmp::Ordering::Equal) => !inc && *cinc,
                        _ => false,
                    },
                };
                if tighter {
                    lo = Some((v.clone(), *inc));
                }
            }
            C::Hi(v, inc) => {
                let tighter = match &hi {
                    None => true,
                    Some((cur, cinc)) => match order(v, cur) {
                        Some(std::cmp::Ordering::Less) => true,
                        Some(std::cmp::Ordering::Equal) => !inc && *cinc,
                        _ => false,
                    },
                };
                if tighter {
                    hi = Some((v.clone(), *inc));
                }
            }
        }
    }
    let in_bounds = |v: &V| {
        let above = lo.as_ref().is_none_or(|(l, inc)| match order(v, l) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Equal) => *inc,
            Some(_) => false,
            None => true,
        });
        let below = hi.as_ref().is_none_or(|(h, inc)| match order(v, h) {
            Some(std::cmp::Ordering::Less) => true,
            Some(std::cmp::Ordering::Equal) => *inc,
            Some(_) => false,
            None => true,
        });
        above && below
    };
    if let Some(vals) = &allowed {
        return !vals.iter().any(|v| !excluded.contains(v) && in_bounds(v));
    }
    match (&lo, &hi) {
        (Some((l, linc)), Some((h, hinc))) => match order(l, h) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Equal) => !(*linc && *hinc) || excluded.contains(l),
            _ => false,
        },
        _ => false,
    }
}
