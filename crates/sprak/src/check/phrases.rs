//! Text conditions prepared once, at load time: the phrases of named lists and of
//! literal phrase lists.

use super::*;

/// Prepare the phrases of text conditions once, at load time: every named list, and
/// every literal list of texts given as a phrase list to `nämner`, `tar_upp` or
/// `nämner_nära`.
pub(super) fn prepare_phrases(sets: &mut [RuleSet], lists: &mut [NamedList]) {
    use crate::textmatch::Pattern;
    for l in lists.iter_mut() {
        l.patterns = l.items.iter().map(|s| Pattern::new(s)).collect();
    }
    fn walk(e: &mut CExpr) {
        match e {
            CExpr::Call(f, args) => {
                let phrase_args = match f {
                    Func::Namner | Func::TarUpp => 1..2,
                    Func::NamnerNara => 1..3,
                    _ => 0..0,
                };
                for (i, a) in args.iter_mut().enumerate() {
                    if phrase_args.contains(&i) {
                        if let CExpr::List(items) = a {
                            let texts: Option<Vec<String>> = items
                                .iter()
                                .map(|c| match c {
                                    CExpr::Const(Const::Text(t)) => Some(t.clone()),
                                    _ => None,
                                })
                                .collect();
                            if let Some(texts) = texts.filter(|t| !t.is_empty()) {
                                let patterns = texts.iter().map(|t| Pattern::new(t)).collect();
                                *a = CExpr::Phrases(std::sync::Arc::new(PhraseConst {
                                    items: texts,
                                    patterns,
                                }));
                                continue;
                            }
                        }
                    }
                    walk(a);
                }
            }
            CExpr::List(items) => items.iter_mut().for_each(walk),
            CExpr::Not(x) => walk(x),
            CExpr::And(a, b) | CExpr::Or(a, b) | CExpr::Cmp(_, a, b) => {
                walk(a);
                walk(b);
            }
            CExpr::In { elem, list, .. } => {
                walk(elem);
                walk(list);
            }
            CExpr::DateShift { date, dur, .. } => {
                walk(date);
                walk(dur);
            }
            CExpr::Arith { lhs, rhs, .. } => {
                walk(lhs);
                walk(rhs);
            }
            CExpr::Table(_, x) => walk(x),
            CExpr::Quant { list, cond, .. } => {
                walk(list);
                if let Some(c) = cond {
                    walk(c);
                }
            }
            CExpr::Summa {
                term, list, cond, ..
            } => {
                walk(term);
                walk(list);
                if let Some(c) = cond {
                    walk(c);
                }
            }
            CExpr::Const(_) | CExpr::Path { .. } | CExpr::NamedList(_) | CExpr::Phrases(_) => {}
        }
    }
    for set in sets {
        for r in &mut set.rules {
            if let Some(g) = &mut r.guard {
                walk(g);
            }
            walk(&mut r.require);
            for t in [Some(&mut r.message), r.explanation.as_mut()]
                .into_iter()
                .flatten()
            {
                for p in &mut t.parts {
                    if let CPart::Hole(e) = p {
                        walk(e);
                    }
                }
            }
        }
    }
}
