//! Text conditions (`nämner`, `tar_upp`, `nämner_nära`): the texts and phrases a
//! check prepares once and shares between its rules, and the matching itself.

use std::rc::Rc;

use crate::textmatch::{self, Pattern, Prepared};

use super::*;

/// Maps keyed by an address and a length, hashed with two multiplications instead of
/// SipHash: the keys come from the check itself, not from an attacker's choice.
type HashMap<K, V> = crate::copy::text::FastMap<K, V>;

/// A phrase list prepared for matching.
type PhraseList = Rc<[Rc<Pattern>]>;

/// Texts and phrases already prepared for `nämner`, shared by every rule of one
/// check, keyed by address and length. Every key points into the case or the rule
/// base, which both outlive the check, so a key never names two different strings.
#[derive(Default)]
pub(super) struct TextCache {
    texts: std::cell::RefCell<HashMap<(usize, usize), Rc<Prepared>>>,
    phrases: std::cell::RefCell<HashMap<(usize, usize), Rc<Pattern>>>,
    /// Phrase lists read from the case (the rule base's own lists are prepared at
    /// load time), keyed by the address of the first phrase and the list's length.
    lists: std::cell::RefCell<HashMap<(usize, usize), PhraseList>>,
    /// Scopes read from texts (`mätbar_omfattning`, `jämför_omfattning`): several rules
    /// read the same omfattning.
    scopes: std::cell::RefCell<HashMap<(usize, usize), Rc<crate::omfattning::Omfattning>>>,
}

impl TextCache {
    pub(super) fn text(&self, s: &str) -> Rc<Prepared> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(p) = self.texts.borrow().get(&key) {
            return Rc::clone(p);
        }
        let p = Rc::new(Prepared::new(s));
        self.texts.borrow_mut().insert(key, Rc::clone(&p));
        p
    }

    /// The scope `s` states, read once per check.
    pub(super) fn scope(&self, s: &str) -> Rc<crate::omfattning::Omfattning> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(o) = self.scopes.borrow().get(&key) {
            return Rc::clone(o);
        }
        let o = Rc::new(crate::omfattning::tolka(s));
        self.scopes.borrow_mut().insert(key, Rc::clone(&o));
        o
    }

    fn phrase(&self, s: &str) -> Rc<Pattern> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(p) = self.phrases.borrow().get(&key) {
            return Rc::clone(p);
        }
        let p = Rc::new(Pattern::new(s));
        self.phrases.borrow_mut().insert(key, Rc::clone(&p));
        p
    }

    /// The phrases of a list value (texts only).
    fn phrases(&self, list: &[Val<'_>]) -> PhraseList {
        let key = match list.first() {
            Some(Val::Text(first)) => Some((first.as_ptr() as usize, list.len())),
            _ => None,
        };
        if let Some(k) = key {
            if let Some(p) = self.lists.borrow().get(&k) {
                return Rc::clone(p);
            }
        }
        let ps: PhraseList = list
            .iter()
            .filter_map(|v| match v {
                Val::Text(p) => Some(self.phrase(p)),
                _ => None,
            })
            .collect();
        if let Some(k) = key {
            self.lists.borrow_mut().insert(k, Rc::clone(&ps));
        }
        ps
    }

    /// The texts of a `nämner` argument: one text, or the present texts of a list
    /// (a missing text in a list does not mention anything).
    fn texts(&self, v: &Val<'_>) -> Vec<Rc<Prepared>> {
        match v {
            Val::Text(t) => vec![self.text(t)],
            Val::List(items) => items.iter().flat_map(|i| self.texts(i)).collect(),
            _ => Vec::new(),
        }
    }
}

/// `nämner` and `nämner_nära` once the texts are known to be present (a single
/// missing text has already become `Missing`).
pub(super) fn namner<'x>(f: Func, args: &'x [CExpr], vals: &[Val<'x>], ctx: &Ctx<'x>) -> Val<'x> {
    let texts = ctx.words.texts(&vals[0]);
    match (f, vals) {
        (Func::Namner, [_, Val::List(phrases)]) => {
            let ps = Phrases::of(&args[1], phrases, ctx);
            Val::Bool(texts.iter().any(|t| ps.mentions(t)))
        }
        (Func::TarUpp, [_, Val::List(phrases)]) => {
            let ps = Phrases::of(&args[1], phrases, ctx);
            Val::Bool(texts.iter().any(|t| ps.takes_up(t)))
        }
        (Func::NamnerNara, [_, Val::List(a), Val::List(b), within]) => {
            let within = match within {
                Val::Num(n) if *n >= 0.0 => *n as usize,
                Val::Missing(m) => return Val::Missing(m.clone()),
                _ => 0,
            };
            let (a, b) = (Phrases::of(&args[1], a, ctx), Phrases::of(&args[2], b, ctx));
            let refs: Vec<&Prepared> = texts.iter().map(|t| &**t).collect();
            Val::Bool(match (&a, &b) {
                (Phrases::Loaded(a), Phrases::Loaded(b)) => textmatch::near(&refs, a, b, within),
                _ => {
                    let (a, b) = (a.owned(), b.owned());
                    textmatch::near(&refs, &a, &b, within)
                }
            })
        }
        // INVARIANT: the checker only lets through the argument types above.
        _ => Val::Missing(vec!["ett värde av rätt typ".into()]),
    }
}

/// The phrases of a text condition: prepared at load time for named and literal
/// lists, or now (through the check's cache) for phrases read from the case.
enum Phrases<'x> {
    Loaded(&'x [Pattern]),
    Now(PhraseList),
}

impl<'x> Phrases<'x> {
    fn of(arg: &'x CExpr, val: &[Val<'x>], ctx: &Ctx<'x>) -> Phrases<'x> {
        match arg {
            CExpr::NamedList(i) => Phrases::Loaded(&ctx.base.lists[*i].patterns),
            CExpr::Phrases(p) => Phrases::Loaded(&p.patterns),
            _ => Phrases::Now(ctx.words.phrases(val)),
        }
    }

    fn mentions(&self, t: &Prepared) -> bool {
        match self {
            Phrases::Loaded(ps) => t.mentions(ps),
            Phrases::Now(ps) => t.mentions(ps),
        }
    }

    fn takes_up(&self, t: &Prepared) -> bool {
        match self {
            Phrases::Loaded(ps) => t.takes_up(ps),
            Phrases::Now(ps) => t.takes_up(ps),
        }
    }

    fn owned(&self) -> Vec<Pattern> {
        match self {
            Phrases::Loaded(ps) => ps.to_vec(),
            Phrases::Now(ps) => ps.iter().map(|p| (**p).clone()).collect(),
        }
    }
}
