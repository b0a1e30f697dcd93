//! A tolerant reader of Swedish legal citations in free text (`4 kap. 1 § SoL`,
//! `9 § 3 och 8 LSS`, `2025:400`), with the register's law names.

use std::borrow::Cow;
use std::ops::Range;

use super::*;

// ------------------------------------------------------------------ reading citations

/// Which law a citation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LawRef {
    /// A bare name (`SoL`, `förvaltningslagen`): the version in force on the date.
    Family(String),
    /// A version, by SFS number or a version-specific name: index into the laws.
    Version(usize),
    /// An SFS number the register does not know (`SOSFS 2014:5`, another statute).
    Unknown(String),
}

/// One provision cited in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// `None` when the text names no law for it.
    pub law: Option<LawRef>,
    pub kapitel: Option<u32>,
    /// `None` for a citation of a whole law or chapter.
    pub paragraf: Option<Par>,
    pub punkt: Option<u32>,
    pub stycke: Option<u32>,
    /// The law as written (`SoL`, `socialtjänstlagen (2001:453)`).
    pub law_text: String,
    /// Byte range of the provision and its law in the text read.
    pub span: Range<usize>,
}

impl Citation {
    /// The citation as Swedish lawyers write it, with the law as written.
    pub fn render(&self) -> String {
        let mut parts = Vec::new();
        if let Some(k) = self.kapitel {
            parts.push(format!("{k} kap."));
        }
        if let Some(p) = self.paragraf {
            parts.push(format!("{p} §"));
        }
        if let Some(p) = self.punkt {
            parts.push(p.to_string());
        }
        if let Some(s) = self.stycke {
            parts.push(format!("{} stycket", ordinal(s)));
        }
        if !self.law_text.is_empty() {
            // A law name broken over lines in running text is shown on one line.
            parts.push(
                self.law_text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        parts.join(" ")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok<'a> {
    Num(u32),
    /// A word in lower case (borrowed from the text when it has no capital).
    Word(Cow<'a, str>),
    Para,
    Kap,
    Sep,
    Dash,
    Sfs(String),
    Punkt,
    St,
    Ordinal(u32),
    Break,
}

pub(super) fn lex(text: &str) -> Vec<(Tok<'_>, Range<usize>)> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut j = 0;
    while let Some((c, after)) = char_after(text, j) {
        let start = j;
        if c.is_whitespace() || c == '(' || c == ')' || c == '.' {
            j = after;
        } else if c.is_ascii_digit() {
            let k = run(text, j, |c| c.is_ascii_digit());
            let digits = &text[start..k];
            // `2001:453`: an SFS number.
            if digits.len() == 4
                && text[k..].starts_with(':')
                && text[k + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                let m = run(text, k + 1, |c| c.is_ascii_digit());
                out.push((Tok::Sfs(text[start..m].to_string()), start..m));
                j = m;
            } else {
                match digits.parse() {
                    Ok(n) => out.push((Tok::Num(n), start..k)),
                    Err(_) => out.push((Tok::Break, start..k)),
                }
                j = k;
            }
        } else if crate::letters::is_alphabetic(c) {
            let k = run(text, j, crate::letters::is_alphabetic);
            let word = crate::copy::text::lower(&text[start..k]);
            let dot = text[k..].starts_with('.');
            let tok = match &*word {
                "kap" | "kapitlet" => Tok::Kap,
                "och" | "samt" => Tok::Sep,
                "p" if dot => Tok::Punkt,
                "punkt" | "punkten" | "punkterna" => Tok::Punkt,
                "st" if dot => Tok::St,
                "st" | "stycket" | "styckena" => Tok::St,
                "första" => Tok::Ordinal(1),
                "andra" => Tok::Ordinal(2),
                "tredje" => Tok::Ordinal(3),
                "fjärde" => Tok::Ordinal(4),
                "femte" => Tok::Ordinal(5),
                "sjätte" => Tok::Ordinal(6),
                _ => Tok::Word(word),
            };
            out.push((tok, start..k));
            j = k;
        } else if c == '§' {
            let k = run(text, j, |c| c == '§');
            out.push((Tok::Para, start..k));
            j = k;
        } else if c == ',' {
            out.push((Tok::Sep, start..after));
            j = after;
        } else if matches!(c, '-' | '–' | '—') {
            out.push((Tok::Dash, start..after));
            j = after;
        } else {
            out.push((Tok::Break, start..after));
            j = after;
        }
    }
    out
}

/// The character at byte `i` of `text` (a character boundary) and the byte after it.
#[inline]
fn char_after(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), i + 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, i + c.len_utf8()))
}

/// The end of the run of characters from byte `i` that `keep` accepts.
#[inline]
fn run(text: &str, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some((c, next)) = char_after(text, i) {
        if !keep(c) {
            break;
        }
        i = next;
    }
    i
}

/// A provision before its law is known.
pub(super) struct Pending {
    pub(super) kapitel: Option<u32>,
    pub(super) paragraf: Option<Par>,
    pub(super) punkt: Option<u32>,
    pub(super) stycke: Option<u32>,
    pub(super) start: usize,
}

/// Read every citation in a text with the embedded register's law names.
pub fn parse(text: &str) -> Vec<Citation> {
    register().parse(text)
}

impl Register {
    /// Read every citation in a text. Tolerant: anything that is not a citation is
    /// skipped; a provision followed by no law name gets `law: None` (or the last law
    /// named before it, as in "SoL 4 kap. 1 §").
    pub fn parse(&self, text: &str) -> Vec<Citation> {
        let toks = lex(text);
        let mut out: Vec<Citation> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        let mut last_law: Option<(LawRef, String)> = None;
        // The law-only citation made for `last_law`, dropped if provisions follow it.
        let mut law_only: Option<usize> = None;
        let mut i = 0;
        while i < toks.len() {
            if let Some((law, used)) = self.law_at(&toks, i) {
                let mut law_span = toks[i].1.start..toks[i + used - 1].1.end;
                if text[law_span.end..].starts_with(')') && text[law_span.clone()].contains('(') {
                    law_span.end += 1;
                }
                let law_text = text[law_span.clone()].to_string();
                law_only = None;
                if pending.is_empty() {
                    law_only = Some(out.len());
                    out.push(Citation {
                        law: Some(law.clone()),
                        kapitel: None,
                        paragraf: None,
                        punkt: None,
                        stycke: None,
                        law_text: law_text.clone(),
                        span: law_span.clone(),
                    });
                }
                for p in pending.drain(..) {
                    out.push(Citation {
                        law: Some(law.clone()),
                        kapitel: p.kapitel,
                        paragraf: p.paragraf,
                        punkt: p.punkt,
                        stycke: p.stycke,
                        law_text: law_text.clone(),
                        span: p.start..law_span.end,
                    });
                }
                last_law = Some((law, law_text));
                i += used;
                continue;
            }
            match self.provisions_at(&toks, i) {
                Some((mut found, used)) => {
                    pending.append(&mut found);
                    i += used;
                }
                None => i += 1,
            }
        }
        if let (false, Some(idx)) = (pending.is_empty(), law_only) {
            out.remove(idx);
        }
        for p in pending {
            let (law, law_text) = match &last_law {
                Some((l, t)) => (Some(l.clone()), t.clone()),
                None => (None, String::new()),
            };
            out.push(Citation {
                law,
                kapitel: p.kapitel,
                paragraf: p.paragraf,
                punkt: p.punkt,
                stycke: p.stycke,
                law_text,
                span: p.start..text.len(),
            });
        }
        out
    }

    /// A law name at `i`: a version alias, a family name (optionally followed by an
    /// SFS number that picks the version), or an SFS number alone.
    pub(super) fn law_at(
        &self,
        toks: &[(Tok<'_>, Range<usize>)],
        i: usize,
    ) -> Option<(LawRef, usize)> {
        if let Tok::Word(w) = &toks[i].0 {
            if !self.law_starts.contains(&**w) {
                return None;
            }
        }
        // Version-specific aliases, longest first ("den nya socialtjänstlagen").
        let mut best: Option<(usize, usize)> = None;
        if matches!(toks[i].0, Tok::Word(_) | Tok::Num(_)) {
            for (li, words) in &self.aliases {
                if words_match(toks, i, words) && best.is_none_or(|(_, n)| words.len() > n) {
                    best = Some((*li, words.len()));
                }
            }
        }
        if let Some((li, n)) = best {
            return Some((LawRef::Version(li), n));
        }
        if let Tok::Word(w) = &toks[i].0 {
            if let Some((fam, _)) = self
                .families
                .iter()
                .find(|(_, al)| al.iter().any(|a| *a == **w))
            {
                if let Some((Tok::Sfs(s), _)) = toks.get(i + 1) {
                    if let Some(li) = self.laws.iter().position(|l| &l.sfs == s) {
                        return Some((LawRef::Version(li), 2));
                    }
                }
                return Some((LawRef::Family(fam.clone()), 1));
            }
        }
        if let Tok::Sfs(s) = &toks[i].0 {
            return Some(match self.laws.iter().position(|l| &l.sfs == s) {
                Some(li) => (LawRef::Version(li), 1),
                None => (LawRef::Unknown(s.clone()), 1),
            });
        }
        None
    }

    /// Provisions at `i`: `[N kap.] P [och P ...] §[§] [punkt] [stycke]`, or a chapter
    /// alone (`16 kap.`).
    pub(super) fn provisions_at(
        &self,
        toks: &[(Tok<'_>, Range<usize>)],
        i: usize,
    ) -> Option<(Vec<Pending>, usize)> {
        let start = toks[i].1.start;
        let mut j = i;
        let mut kapitel = None;
        if let (Some((Tok::Num(k), _)), Some((Tok::Kap, _))) = (toks.get(j), toks.get(j + 1)) {
            kapitel = Some(*k);
            j += 2;
        }
        // The paragraph list.
        let mut pars: Vec<Par> = Vec::new();
        let mut k = j;
        let mut range_from: Option<Par> = None;
        while let Some((Tok::Num(n), _)) = toks.get(k) {
            let mut par = Par {
                num: *n,
                letter: None,
            };
            k += 1;
            if let Some((Tok::Word(w), _)) = toks.get(k) {
                let mut cs = w.chars();
                if let (Some(l), None) = (cs.next(), cs.next()) {
                    if l.is_ascii_lowercase()
                        && matches!(toks.get(k + 1), Some((Tok::Para | Tok::Sep | Tok::Dash, _)))
                    {
                        par.letter = Some(l);
                        k += 1;
                    }
                }
            }
            match range_from.take() {
                Some(from)
                    if from.letter.is_none()
                        && par.letter.is_none()
                        && from.num < par.num
                        && par.num - from.num <= 50 =>
                {
                    pars.extend((from.num + 1..=par.num).map(|num| Par { num, letter: None }));
                }
                _ => pars.push(par),
            }
            match toks.get(k) {
                Some((Tok::Sep, _)) if matches!(toks.get(k + 1), Some((Tok::Num(_), _))) => k += 1,
                Some((Tok::Dash, _)) if matches!(toks.get(k + 1), Some((Tok::Num(_), _))) => {
                    range_from = pars.last().copied();
                    k += 1;
                }
                _ => break,
            }
        }
        if pars.is_empty() || !matches!(toks.get(k), Some((Tok::Para, _))) {
            // A chapter alone: `16 kap. SoL`.
            if kapitel.is_some() {
                return Some((
                    vec![Pending {
                        kapitel,
                        paragraf: None,
                        punkt: None,
                        stycke: None,
                        start,
                    }],
                    j - i,
                ));
            }
            return None;
        }
        k += 1; // §
        let mut punkter: Vec<u32> = Vec::new();
        let mut stycke = None;
        loop {
            match (toks.get(k), toks.get(k + 1)) {
                (Some((Tok::Punkt, _)), Some((Tok::Num(n), _))) => {
                    punkter.push(*n);
                    k += 2;
                }
                (Some((Tok::Num(n), _)), Some((Tok::Punkt, _))) => {
                    punkter.push(*n);
                    k += 2;
                }
                (Some((Tok::Num(n), _)), Some((Tok::St, _))) => {
                    stycke = Some(*n);
                    k += 2;
                }
                (Some((Tok::Ordinal(n), _)), Some((Tok::St, _))) => {
                    stycke = Some(*n);
                    k += 2;
                }
                (Some((Tok::Num(n), _)), next)
                    if !starts_provision(toks, k)
                        && !matches!(next, Some((Tok::Word(w), _)) if is_letter(w)) =>
                {
                    punkter.push(*n);
                    k += 1;
                }
                (Some((Tok::Sep, _)), Some((Tok::Num(_), _)))
                    if !punkter.is_empty() && !starts_provision(toks, k + 1) =>
                {
                    k += 1;
                }
                _ => break,
            }
        }
        let mut out = Vec::new();
        for p in &pars {
            if punkter.is_empty() {
                out.push(Pending {
                    kapitel,
                    paragraf: Some(*p),
                    punkt: None,
                    stycke,
                    start,
                });
            }
            for n in &punkter {
                out.push(Pending {
                    kapitel,
                    paragraf: Some(*p),
                    punkt: Some(*n),
                    stycke,
                    start,
                });
            }
        }
        Some((out, k - i))
    }
}

pub(super) fn is_letter(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_ascii_lowercase())
}

/// True if a new provision starts at `k` (`N kap.`, `N §`, `N a §`, `N och M §`).
pub(super) fn starts_provision(toks: &[(Tok<'_>, Range<usize>)], k: usize) -> bool {
    let mut j = k;
    loop {
        match toks.get(j) {
            Some((Tok::Num(_), _)) => j += 1,
            _ => return false,
        }
        match toks.get(j) {
            Some((Tok::Kap | Tok::Para, _)) => return true,
            Some((Tok::Word(w), _)) if is_letter(w) => {
                return matches!(toks.get(j + 1), Some((Tok::Para, _)))
            }
            Some((Tok::Sep | Tok::Dash, _)) => j += 1,
            _ => return false,
        }
    }
}

pub(super) fn words_match(toks: &[(Tok<'_>, Range<usize>)], i: usize, words: &[AliasWord]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .enumerate()
            .all(|(n, w)| match toks.get(i + n) {
                Some((Tok::Word(t), _)) => **t == *w.word,
                Some((Tok::Num(x), _)) => w.num == Some(*x),
                _ => false,
            })
}
