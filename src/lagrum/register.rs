//! The lagrum register: laws, their versions and aliases, and the provisions the
//! domain notes state, read from `rules/lagrum.yaml`.

use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::*;

/// A paragraph number: `6` or `6 a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Par {
    pub num: u32,
    pub letter: Option<char>,
}

impl fmt::Display for Par {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.letter {
            Some(l) => write!(f, "{} {l}", self.num),
            None => write!(f, "{}", self.num),
        }
    }
}

impl Par {
    pub(super) fn parse(s: &str) -> Option<Par> {
        let mut parts = s.split_whitespace();
        let num = parts.next()?.parse().ok()?;
        let letter = match parts.next() {
            Some(l) if l.chars().count() == 1 => l.chars().next(),
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Par { num, letter })
    }
}

/// One provision in the register.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into [`Register::laws`].
    pub law: usize,
    pub kapitel: Option<u32>,
    /// `None` for an entry about a whole chapter.
    pub paragraf: Option<Par>,
    pub punkt: Option<u32>,
    pub stycke: Option<u32>,
    /// How many points the paragraph has, when the notes say.
    pub punkter: Option<u32>,
    /// What it is about, in Swedish.
    pub om: String,
    pub giltig_fran: Option<NaiveDate>,
    pub giltig_till: Option<NaiveDate>,
    /// Provisions of the new law with the same content, as citations.
    pub ersatts_av: Vec<Citation>,
    /// Insats ids this provision is the legal ground for.
    pub insatser: Vec<String>,
    pub status: Status,
    pub kalla: Option<String>,
}

/// The lagrum register.
#[derive(Debug, Clone)]
pub struct Register {
    pub laws: Vec<Law>,
    /// Family name and the words in running text that name it.
    pub(super) families: Vec<(String, Vec<String>)>,
    pub entries: Vec<Entry>,
    /// Every law's version aliases split into words once, in register order: (law, words).
    pub(super) aliases: Vec<(usize, Vec<AliasWord>)>,
    /// Every word a law name can start with: the first word of each version alias and
    /// each family's words. A word of a text outside this set starts no law name, so
    /// the reader does not compare it with every alias.
    pub(super) law_starts: crate::copy::text::FastSet<String>,
}

/// One word of a version alias as the lexer's tokens compare with it.
#[derive(Debug, Clone)]
pub(super) struct AliasWord {
    pub(super) word: String,
    /// The number a `Tok::Num` must hold to match, when the word is one as written.
    pub(super) num: Option<u32>,
}

/// The register embedded in the binary.
pub fn register() -> &'static Register {
    static REG: OnceLock<Register> = OnceLock::new();
    // INVARIANT: the embedded register is read by a unit test, so it always loads.
    REG.get_or_init(|| {
        postcard::from_bytes::<RawRegister>(REGISTER_POSTCARD)
            .ok()
            .and_then(|raw| Register::from_raw(raw).ok())
            .unwrap_or_else(|| {
                Register::from_yaml(REGISTER_YAML).expect("rules/lagrum.yaml is valid")
            })
    })
}

impl Register {
    /// Read a register; every problem is listed, one per line.
    pub fn from_yaml(text: &str) -> Result<Register, String> {
        let raw: RawRegister =
            serde_yaml::from_str(text).map_err(|e| format!("lagrum.yaml: {e}"))?;
        Register::from_raw(raw)
    }

    /// The register from the file's contents as read.
    pub(super) fn from_raw(raw: RawRegister) -> Result<Register, String> {
        let mut reg = Register {
            laws: raw.lagar,
            families: raw
                .familjer
                .into_iter()
                .map(|f| (f.familj, f.alias.iter().map(|a| a.to_lowercase()).collect()))
                .collect(),
            entries: Vec::new(),
            aliases: Vec::new(),
            law_starts: Default::default(),
        };
        reg.aliases = reg
            .laws
            .iter()
            .enumerate()
            .flat_map(|(li, law)| {
                law.alias.iter().map(move |a| {
                    let words = a
                        .split_whitespace()
                        .map(|w| AliasWord {
                            word: w.to_string(),
                            num: w.parse::<u32>().ok().filter(|n| n.to_string() == w),
                        })
                        .collect();
                    (li, words)
                })
            })
            .collect();
        reg.law_starts = reg
            .aliases
            .iter()
            .filter_map(|(_, words)| words.first().map(|w| w.word.clone()))
            .chain(reg.families.iter().flat_map(|(_, al)| al.iter().cloned()))
            .collect();
        let mut errors = Vec::new();
        let mut replacements: Vec<(usize, &Vec<String>)> = Vec::new();
        for (i, e) in raw.bestammelser.iter().enumerate() {
            let Some(law) = reg.laws.iter().position(|l| l.id == e.lag) else {
                errors.push(format!("bestämmelse {i}: okänd lag `{}`", e.lag));
                continue;
            };
            let paragraf = match &e.paragraf {
                Some(p) => match Par::parse(p) {
                    Some(p) => Some(p),
                    None => {
                        errors.push(format!(
                            "bestämmelse {i}: paragrafen `{p}` går inte att läsa"
                        ));
                        continue;
                    }
                },
                None => None,
            };
            replacements.push((reg.entries.len(), &e.ersatts_av));
            reg.entries.push(Entry {
                law,
                kapitel: e.kapitel,
                paragraf,
                punkt: e.punkt,
                stycke: e.stycke,
                punkter: e.punkter,
                om: e.om.clone(),
                giltig_fran: e.giltig_fran,
                giltig_till: e.giltig_till,
                ersatts_av: Vec::new(),
                insatser: e.insatser.clone(),
                status: e.status,
                kalla: e.kalla.clone(),
            });
        }
        // Replacements are citations in the register's own terms; read them with the
        // same reader as a decision's text, now that every law and entry is known.
        for (k, texts) in replacements {
            let mut cites = Vec::new();
            for text in texts {
                match reg.parse(text).as_slice() {
                    [c] if c.law.is_some() && c.paragraf.is_some() => {
                        if reg.lookup_any(c).is_none() {
                            errors.push(format!("`{text}` i `ersatts_av` finns inte i registret"));
                        }
                        cites.push(c.clone());
                    }
                    _ => errors.push(format!(
                        "`{text}` i `ersatts_av` är inte en hänvisning till en paragraf"
                    )),
                }
            }
            reg.entries[k].ersatts_av = cites;
        }
        for l in &reg.laws {
            if !reg.families.iter().any(|(f, _)| *f == l.familj)
                && l.alias.is_empty()
                && !l.sfs.contains(':')
            {
                errors.push(format!("lagen `{}` kan inte pekas ut i löptext", l.id));
            }
            for r in &l.ersatts_av {
                if !reg.laws.iter().any(|x| &x.id == r) {
                    errors.push(format!("lagen `{}` ersätts av okänd lag `{r}`", l.id));
                }
            }
        }
        if errors.is_empty() {
            Ok(reg)
        } else {
            Err(errors.join("\n"))
        }
    }

    pub(super) fn law_index(&self, id: &str) -> Option<usize> {
        self.laws.iter().position(|l| l.id == id)
    }

    /// Versions of a family, oldest first (a version without start date first).
    pub(super) fn family(&self, fam: &str) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.laws.len())
            .filter(|&i| self.laws[i].familj == fam)
            .collect();
        v.sort_by_key(|&i| self.laws[i].giltig_fran);
        v
    }

    /// The version of a family in force on a date.
    pub(super) fn in_force(&self, fam: &str, d: NaiveDate) -> Option<usize> {
        self.family(fam)
            .into_iter()
            .find(|&i| self.laws[i].valid_on(d))
    }

    pub(super) fn entry_valid_on(&self, e: &Entry, d: NaiveDate) -> bool {
        let law = &self.laws[e.law];
        let from = e.giltig_fran.or(law.giltig_fran);
        let to = e.giltig_till.or(law.giltig_till);
        from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t)
    }

    /// The best entry for a citation in one law version: exact point and paragraph,
    /// then the paragraph as a whole, then any entry of the paragraph; for a citation
    /// of a whole chapter, the chapter entry.
    pub(super) fn lookup(&self, law: usize, c: &Citation) -> Option<&Entry> {
        let same: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.law == law && e.kapitel == c.kapitel && e.paragraf == c.paragraf)
            .collect();
        let pick = |punkt: Option<u32>, stycke: Option<u32>| {
            same.iter()
                .find(|e| e.punkt == punkt && e.stycke == stycke)
                .copied()
        };
        pick(c.punkt, c.stycke)
            .or_else(|| pick(c.punkt, None))
            .or_else(|| {
                if c.punkt.is_some() {
                    None
                } else {
                    pick(None, c.stycke)
                }
            })
            .or_else(|| pick(None, None))
            .or_else(|| {
                if c.punkt.is_none() {
                    same.first().copied()
                } else {
                    None
                }
            })
    }

    /// The entry for a whole chapter.
    pub(super) fn chapter(&self, law: usize, kapitel: Option<u32>) -> Option<&Entry> {
        kapitel?;
        self.entries
            .iter()
            .find(|e| e.law == law && e.kapitel == kapitel && e.paragraf.is_none())
    }

    /// The paragraph-level entry (for its point count).
    pub(super) fn paragraph(&self, law: usize, c: &Citation) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            e.law == law
                && e.kapitel == c.kapitel
                && e.paragraf == c.paragraf
                && e.punkt.is_none()
                && e.stycke.is_none()
        })
    }

    /// Any entry for a citation, in the version it names or any version of its family.
    pub(super) fn lookup_any(&self, c: &Citation) -> Option<&Entry> {
        self.candidate_laws(c)
            .into_iter()
            .find_map(|l| self.lookup(l, c).filter(|_| !self.beyond_points(l, c)))
    }

    /// The entries for a citation, one for each law version it may name (a bare
    /// `SoL` names both); what the language server shows on hover over a `lagrum`.
    pub fn entries_for(&self, c: &Citation) -> Vec<&Entry> {
        self.candidate_laws(c)
            .into_iter()
            .filter_map(|l| self.lookup(l, c).filter(|_| !self.beyond_points(l, c)))
            .collect()
    }

    pub(super) fn candidate_laws(&self, c: &Citation) -> Vec<usize> {
        match &c.law {
            Some(LawRef::Version(i)) => vec![*i],
            Some(LawRef::Family(f)) => self.family(f),
            _ => Vec::new(),
        }
    }

    /// A point the paragraph does not have (`9 § 11 LSS`).
    pub(super) fn beyond_points(&self, law: usize, c: &Citation) -> bool {
        match (c.punkt, self.paragraph(law, c).and_then(|p| p.punkter)) {
            (Some(p), Some(n)) => p == 0 || p > n,
            _ => false,
        }
    }

    /// Entries of `law` whose replacements include the provision `target`.
    pub(super) fn predecessors(&self, law: usize, target: &Entry) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.law == law)
            .filter(|e| {
                e.ersatts_av.iter().any(|c| {
                    self.candidate_laws(c).contains(&target.law)
                        && c.kapitel == target.kapitel
                        && c.paragraf == target.paragraf
                })
            })
            .collect()
    }

    /// How an entry is cited in a message: `11 kap. 1 § socialtjänstlagen (2025:400)`.
    pub fn cite(&self, e: &Entry) -> String {
        let mut s = String::new();
        if let Some(k) = e.kapitel {
            s.push_str(&format!("{k} kap. "));
        }
        if let Some(p) = e.paragraf {
            s.push_str(&format!("{p} § "));
        }
        if let Some(p) = e.punkt {
            s.push_str(&format!("{p} "));
        }
        if let Some(st) = e.stycke {
            s.push_str(&format!("{} stycket ", ordinal(st)));
        }
        s.push_str(&self.laws[e.law].namn);
        s
    }

    /// Names of entries that may be given as "the provision to use": never an
    /// `UNVERIFIED` one. With an insats, those that are its ground win.
    pub(super) fn suggestions<'a>(
        &'a self,
        entries: Vec<&'a Entry>,
        insats: Option<&str>,
    ) -> Vec<&'a Entry> {
        let mut ok: Vec<&Entry> = entries
            .into_iter()
            .filter(|e| e.status != Status::Unverified)
            .collect();
        if let Some(i) = insats {
            if ok.iter().any(|e| e.insatser.iter().any(|x| x == i)) {
                ok.retain(|e| e.insatser.iter().any(|x| x == i));
            }
        }
        ok.dedup_by(|a, b| std::ptr::eq(*a, *b));
        ok
    }

    pub(super) fn cite_list(&self, entries: &[&Entry]) -> String {
        let names: Vec<String> = entries.iter().map(|e| self.cite(e)).collect();
        join_och(&names)
    }

    /// Provisions of a law that are the ground for an insats (for "wrong law").
    pub(super) fn grounds(&self, law: usize, insats: &str, d: NaiveDate) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.law == law && e.status == Status::V && self.entry_valid_on(e, d))
            .filter(|e| e.insatser.iter().any(|x| x == insats))
            .collect()
    }
}

pub(super) fn ordinal(n: u32) -> &'static str {
    match n {
        1 => "första",
        2 => "andra",
        3 => "tredje",
        4 => "fjärde",
        5 => "femte",
        6 => "sjätte",
        _ => "(okänt)",
    }
}

pub(super) fn join_och(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}
