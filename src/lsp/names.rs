//! What is under the cursor, read from the text around it rather than from the
//! syntax tree: while an author types, the file often does not parse (`sokande.` is
//! not an expression yet), and hover and completion must still work. Case paths are
//! resolved against [`schema::ROOT`] the way the checker resolves them: `beslut` and
//! `sokt` are the decision and the applied-for insats in a rule set that runs per
//! decision, a quantifier's variable is an element of its list, and a field read
//! through a list is a list of that field.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::schema::{self, FieldTy, Record};

/// A dotted name in the text and the segment the cursor is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub span: Range<usize>,
    pub text: String,
    /// Index of the segment under the cursor.
    pub segment: usize,
}

impl Word {
    pub fn segments(&self) -> Vec<&str> {
        self.text.split('.').collect()
    }

    /// The name up to and including the segment under the cursor.
    pub fn upto_cursor(&self) -> Vec<&str> {
        self.segments().into_iter().take(self.segment + 1).collect()
    }
}

pub fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The dotted name around a byte offset, if the offset touches one.
pub fn word_at(text: &str, offset: usize) -> Option<Word> {
    let offset = floor(text, offset);
    let is = |c: char| ident_char(c) || c == '.';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is(c))
        .map_or(text.len(), |(i, _)| offset + i);
    let raw = &text[start..end];
    let trimmed = raw.trim_matches('.');
    if trimmed.is_empty()
        || !trimmed
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
    {
        return None;
    }
    let lead = raw.len() - raw.trim_start_matches('.').len();
    let start = start + lead;
    let segment = text[start..offset.max(start)].matches('.').count();
    Some(Word {
        span: start..start + trimmed.len(),
        text: trimmed.to_string(),
        segment: segment.min(trimmed.matches('.').count()),
    })
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line around an offset: its start and its text.
pub fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let offset = floor(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (start, &text[start..end])
}

/// Is the offset inside a comment (after a `#` that is not in a string)?
pub fn in_comment(text: &str, offset: usize) -> bool {
    let (start, line) = line_at(text, offset);
    let mut in_str = false;
    for (i, c) in line.char_indices() {
        if start + i >= offset {
            return false;
        }
        match c {
            '"' => in_str = !in_str,
            '#' if !in_str => return true,
            _ => {}
        }
    }
    false
}

/// Is the offset inside string text (a `"…"` on its line or a `"""…"""` block), and
/// not in a `{…}` hole of a message, where expressions are written?
pub fn in_string(text: &str, offset: usize) -> bool {
    let offset = floor(text, offset);
    if text[..offset].matches("\"\"\"").count() % 2 == 1 {
        return true;
    }
    let (start, line) = line_at(text, offset);
    let (mut in_str, mut hole, mut escaped) = (false, 0usize, false);
    for (i, c) in line.char_indices() {
        if start + i >= offset {
            break;
        }
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' if hole == 0 => in_str = !in_str,
            '{' if in_str => hole += 1,
            '}' if in_str && hole > 0 => hole -= 1,
            '#' if !in_str => return false,
            _ => {}
        }
    }
    in_str && hole == 0
}

/// Does the rule set of this text run per decision (so `beslut` is one decision)?
/// Only `gäller ärendet` runs once per case; a library's definitions are used by
/// rules that run per decision.
pub fn per_decision(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?m)^\s*gäller\s+ärendet\b").expect("regex"));
    !re.is_match(text)
}

/// The rule-set id in a rule file's header.
pub fn set_id(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?m)^\s*regelverk\s+([\w.]+)").expect("regex"));
    re.captures(text).map(|c| c[1].to_string())
}

/// Where the item around an offset starts: the last line before it that opens an
/// item (`regel`, `definition`, ...).
pub fn item_start(text: &str, offset: usize) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(regel|definition|tabell|lista|justera|regelverk|bibliotek)\b")
            .expect("regex")
    });
    let offset = floor(text, offset);
    re.find_iter(&text[..offset])
        .last()
        .map_or(0, |m| m.start())
}

/// Quantifier variables bound before the offset in its item, innermost last:
/// `något d i underlag` binds `d` to `underlag`.
pub fn bindings(text: &str, offset: usize) -> Vec<(String, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\b(?:något|varje|antal|för)\s+(\w+)\s+i\s+([\w.]+)").expect("regex")
    });
    let offset = floor(text, offset);
    let start = item_start(text, offset);
    re.captures_iter(&text[start..offset])
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

/// A resolved case path: its type, whether it was read through a list (and so is a
/// list of that type), and the field's Swedish doc.
#[derive(Debug, Clone, Copy)]
pub struct Resolved {
    pub ty: FieldTy,
    pub through_list: bool,
    pub doc: &'static str,
}

impl Resolved {
    /// The record whose fields may follow a dot.
    pub fn record(&self) -> Option<&'static Record> {
        match self.ty {
            FieldTy::Record(r) => Some(r),
            FieldTy::List(FieldTy::Record(r)) => Some(r),
            _ => None,
        }
    }

    /// The type of one element, when this is a list.
    fn element(&self) -> Option<FieldTy> {
        match self.ty {
            FieldTy::List(inner) => Some(*inner),
            t if self.through_list => Some(t),
            _ => None,
        }
    }

    /// The type in Swedish: `datum`, `lista av text`, `post sokande`.
    pub fn type_name(&self) -> String {
        if self.through_list && !matches!(self.ty, FieldTy::List(_)) {
            format!("lista av {}", type_name(self.ty))
        } else {
            type_name(self.ty)
        }
    }
}

pub fn type_name(ty: FieldTy) -> String {
    match ty {
        FieldTy::Bool => "sanningsvärde".into(),
        FieldTy::Num => "tal".into(),
        FieldTy::Text => "text".into(),
        FieldTy::Date => "datum".into(),
        FieldTy::Enum(values) => format!("text, ett av: {}", values.join(", ")),
        FieldTy::List(inner) => format!("lista av {}", type_name(*inner)),
        FieldTy::Record(r) => format!("post `{}`", r.name),
    }
}

/// Resolve a dotted case path (`sokande.fodelsedatum`, `d.typ`) to its type.
pub fn resolve(segs: &[&str], per_decision: bool, binds: &[(String, String)]) -> Option<Resolved> {
    resolve_depth(segs, per_decision, binds, 0)
}

fn resolve_depth(
    segs: &[&str],
    per_decision: bool,
    binds: &[(String, String)],
    depth: usize,
) -> Option<Resolved> {
    let (first, rest) = segs.split_first()?;
    let mut cur = if let Some(i) = binds.iter().rposition(|(v, _)| v == first) {
        if depth > 8 {
            return None;
        }
        let list: Vec<&str> = binds[i].1.split('.').collect();
        let of = resolve_depth(&list, per_decision, &binds[..i], depth + 1)?;
        Resolved {
            ty: of.element()?,
            through_list: false,
            doc: "variabel: ett element i listan",
        }
    } else if per_decision && *first == "beslut" {
        Resolved {
            ty: FieldTy::Record(&schema::BESLUT),
            through_list: false,
            doc: "beslutet som granskas (regelverket gäller per beslut)",
        }
    } else if per_decision && *first == "sokt" {
        Resolved {
            ty: FieldTy::Record(&schema::SOKT_INSATS),
            through_list: false,
            doc: "den sökta insats som beslutet gäller",
        }
    } else {
        let (_, f) = schema::ROOT.field(first)?;
        Resolved {
            ty: f.ty,
            through_list: false,
            doc: f.doc,
        }
    };
    for seg in rest {
        let through = cur.through_list || matches!(cur.ty, FieldTy::List(_));
        let (_, f) = cur.record()?.field(seg)?;
        cur = Resolved {
            ty: f.ty,
            through_list: through,
            doc: f.doc,
        };
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_under_the_cursor_and_its_segment() {
        let text = "  kräv finns(sokande.fodelsedatum)";
        let at = text.find("fodelse").unwrap() + 2;
        let w = word_at(text, at).unwrap();
        assert_eq!(w.text, "sokande.fodelsedatum");
        assert_eq!(w.segment, 1);
        assert_eq!(w.upto_cursor(), ["sokande", "fodelsedatum"]);
        let w = word_at(text, text.find("sokande").unwrap()).unwrap();
        assert_eq!(w.segment, 0);
        assert_eq!(word_at(text, 1), None);
    }

    #[test]
    fn paths_resolve_like_the_checker_resolves_them() {
        let r = resolve(&["sokande", "fodelsedatum"], true, &[]).unwrap();
        assert_eq!(r.type_name(), "datum");
        assert_eq!(r.doc, "sökandens födelsedatum");
        assert_eq!(
            resolve(&["sokande", "fodelsedag"], true, &[]).map(|r| r.doc),
            None
        );
        // `underlag.typ` projects over the list.
        let r = resolve(&["underlag", "typ"], true, &[]).unwrap();
        assert!(r.type_name().starts_with("lista av"), "{}", r.type_name());
        // A quantifier's variable is one element.
        let text = "regel x\n  kräv något d i underlag där d.typ = \"x\"";
        let binds = bindings(text, text.len());
        assert_eq!(binds, [("d".to_string(), "underlag".to_string())]);
        let r = resolve(&["d", "typ"], true, &binds).unwrap();
        assert!(!r.type_name().starts_with("lista"), "{}", r.type_name());
        // Per case, `beslut` is the list of decisions.
        assert!(resolve(&["beslut"], false, &[])
            .unwrap()
            .type_name()
            .starts_with("lista"));
        assert!(resolve(&["beslut"], true, &[])
            .unwrap()
            .type_name()
            .starts_with("post"));
    }

    #[test]
    fn string_text_is_told_apart_from_holes_and_code() {
        let text = "  meddelande \"Barnet är {alder_vid_beslut} år\" # x\n  kräv barn\n  dokumentation \"\"\"\n  barn\n  \"\"\"\n";
        assert!(in_string(text, text.find("Barnet").unwrap()));
        assert!(!in_string(text, text.find("alder").unwrap()));
        assert!(in_string(text, text.find(" år").unwrap() + 1));
        assert!(!in_string(text, text.find("# x").unwrap() + 2));
        assert!(!in_string(text, text.find("barn\n").unwrap()));
        assert!(in_string(text, text.rfind("barn").unwrap()));
    }

    #[test]
    fn comments_are_told_apart_from_hashes_in_strings() {
        let text = "  meddelande \"nr #1\" # en kommentar";
        assert!(!in_comment(text, text.find("nr").unwrap()));
        assert!(in_comment(text, text.find("kommentar").unwrap()));
    }
}
