//! Saying serde's and the parsers' errors again in Swedish, as [`CaseError`]s.
//!
//! serde's data errors are English strings with the offending text in backticks
//! (`unknown field `x`, expected one of ...`, `missing field`, `invalid type: ...,
//! expected ...`); libyaml's and serde_json's syntax errors are fixed phrases. Each is
//! taken apart here and said again as what is wrong, what was expected, a label for
//! the caret and, where there is something specific to do, a help line. Our own
//! deserializers (`de.rs`) already speak Swedish; they are recognised by their prefixes.
//!
//! Where the parser's position is vague, `locate.rs` finds the place again: the key of
//! an unknown field, the second of two equal keys, a JSON value from its path.

use std::ops::Range;
use std::sync::Arc;

use super::de::{self, parse_date, shown};
use super::locate::{self, Seg};
use super::read::{dotted, within, CaseError, CaseErrorKind, Format};
use crate::diag::{did_you_mean, Source};

/// The text between the first backtick after `prefix` and the backtick before `end`.
fn quoted_between<'a>(msg: &'a str, prefix: &str, end: &[&str]) -> Option<(&'a str, &'a str)> {
    let rest = msg.strip_prefix(prefix)?;
    end.iter().find_map(|e| {
        let i = rest.rfind(e)?;
        Some((&rest[..i], &rest[i + e.len()..]))
    })
}

/// The backticked words of a serde "expected" list (`` `a`, `b` or `c` ``).
fn backticked(list: &str) -> Vec<String> {
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn list_words(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.as_slice() {
        [] => "inget".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} eller {last}", init.join(", ")),
    }
}

/// A likely intended word: same word in other case first, then a close typo.
pub(super) fn suggestion<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    let folded = fold_swedish(word);
    candidates
        .iter()
        .find(|c| c.eq_ignore_ascii_case(word) || **c == folded)
        .map(String::as_str)
        .or_else(|| did_you_mean(word, candidates.iter().map(String::as_str)))
        .or_else(|| {
            // `overklagande` for `overklagandehanvisning`: a clear start of one key.
            let mut starts = candidates
                .iter()
                .filter(|c| folded.chars().count() >= 5 && c.starts_with(folded.as_str()));
            match (starts.next(), starts.next()) {
                (Some(only), None) => Some(only.as_str()),
                _ => None,
            }
        })
}

fn fold_swedish(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'Å' | 'Ä' => 'A',
            'Ö' => 'O',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

pub(super) fn data_error(
    src: &Arc<Source>,
    format: Format,
    msg: &str,
    offset: usize,
    path: &[Seg],
) -> CaseError {
    let text = src.text.as_str();
    let at = |span: Option<Range<usize>>| span.unwrap_or_else(|| locate::char_span(text, offset));
    // The span of the value at `path`, found again in the text.
    let value_span = |value: &str| match format {
        Format::Yaml => locate::scalar_span(text, offset, value),
        Format::Json => at(locate::json_value(text, path)),
    };

    if let Some((name, expected)) = quoted_between(
        msg,
        "unknown field `",
        &["`, expected ", "`, there are no fields"],
    ) {
        let container = match path.last() {
            Some(Seg::Key(k)) if k == name => &path[..path.len() - 1],
            _ => path,
        };
        let span = match format {
            Format::Yaml => locate::scalar_span(text, offset, name),
            Format::Json => at(locate::json_place(text, path)
                .filter(|_| container.len() < path.len())
                .and_then(|p| p.key)),
        };
        let expected = backticked(expected);
        let help = match suggestion(name, &expected) {
            Some(s) => format!("menade du `{s}`?"),
            None => "uppgifter som formatet inte känner kan läggas under `extra:`".to_string(),
        };
        let mut full = container.to_vec();
        full.push(Seg::Key(name.to_string()));
        return CaseError::new(
            CaseErrorKind::UnknownKey,
            src,
            span,
            format!(
                "okänd nyckel `{}` {}: förväntade {}",
                shown(name),
                within(container),
                list_words(&expected)
            ),
        )
        .with_label("okänd nyckel")
        .with_help(help)
        .at_path(&full);
    }

    if let Some((name, _)) = quoted_between(msg, "missing field `", &["`"]) {
        let span = match format {
            Format::Yaml => locate::char_span(text, offset),
            Format::Json => {
                at(locate::json_place(text, path).map(|p| p.value_start..p.value_start + 1))
            }
        };
        let (message, label) = if path.is_empty() {
            (
                format!("ärendet saknar avsnittet `{name}`, som måste finnas"),
                "ärendet börjar här".to_string(),
            )
        } else {
            (
                format!(
                    "`{}` saknar nyckeln `{name}`, som måste finnas",
                    dotted(path)
                ),
                format!("`{}` börjar här", dotted(path)),
            )
        };
        let mut full = path.to_vec();
        full.push(Seg::Key(name.to_string()));
        return CaseError::new(CaseErrorKind::MissingKey, src, span, message)
            .with_label(label)
            .with_help(missing_help(format, path, name))
            .at_path(&full);
    }

    if let Some((name, _)) = quoted_between(msg, "duplicate field `", &["`"]) {
        let second = match format {
            Format::Yaml => locate::yaml_block_key(text, offset, name, 2),
            Format::Json => locate::json_member(text, path, name, 2),
        };
        let label = if second.is_some() {
            "andra gången"
        } else {
            "i den här mappningen"
        };
        return CaseError::new(
            CaseErrorKind::DuplicateKey,
            src,
            at(second),
            format!(
                "nyckeln `{}` står två gånger {}: förväntade varje nyckel en gång",
                shown(name),
                within(path)
            ),
        )
        .with_label(label)
        .with_help("ta bort den ena, eller slå ihop dem")
        .at_path(path);
    }

    if let Some((name, expected)) = quoted_between(
        msg,
        "unknown variant `",
        &[
            "`, expected one of ",
            "`, expected ",
            "`, there are no variants",
        ],
    ) {
        let expected = backticked(expected);
        let span = value_span(name);
        let err = if name.trim().is_empty() {
            CaseError::new(
                CaseErrorKind::WrongType,
                src,
                span,
                format!(
                    "`{}` saknar värde: förväntade {}",
                    dotted(path),
                    list_words(&expected)
                ),
            )
            .with_label("värde saknas")
        } else {
            let err = CaseError::new(
                CaseErrorKind::InvalidValue,
                src,
                span,
                format!(
                    "okänt värde `{}` för `{}`: förväntade {}",
                    shown(name),
                    dotted(path),
                    list_words(&expected)
                ),
            )
            .with_label("okänt värde");
            match suggestion(name, &expected) {
                Some(s) => err.with_help(format!("menade du `{s}`?")),
                None => err,
            }
        };
        return err.at_path(path);
    }

    if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
    {
        let is_type = msg.starts_with("invalid type");
        let (unexpected, expected) = match rest.rfind(", expected ") {
            Some(i) => (&rest[..i], &rest[i + ", expected ".len()..]),
            None => (rest, ""),
        };
        let found = Found::parse(unexpected);
        let span = value_span(found.value().unwrap_or(""));
        let wanted = expected_sv(expected);
        let (kind, message, label) = match &found {
            Found::Empty => (
                CaseErrorKind::WrongType,
                format!("`{}` saknar värde: förväntade {wanted}", dotted(path)),
                "värde saknas".to_string(),
            ),
            _ if is_type => (
                CaseErrorKind::WrongType,
                format!(
                    "fel sorts värde för `{}`: förväntade {wanted}, fann {}",
                    dotted(path),
                    found.describe()
                ),
                format!("förväntade {wanted}"),
            ),
            _ => (
                CaseErrorKind::InvalidValue,
                format!(
                    "ogiltigt värde för `{}`: förväntade {wanted}, fann {}",
                    dotted(path),
                    found.describe()
                ),
                "ogiltigt värde".to_string(),
            ),
        };
        let mut err = CaseError::new(kind, src, span, message)
            .with_label(label)
            .at_path(path);
        if let Some(h) = type_help(format, expected, &found) {
            err = err.with_help(h);
        }
        return err;
    }

    if let Some((value, _)) = quoted_between(msg, de::DATE_PREFIX, &["`: "]) {
        let shape_ok =
            value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
        let label = if shape_ok {
            "inget sådant datum"
        } else {
            "inte på formen ÅÅÅÅ-MM-DD"
        };
        let err = CaseError::new(
            CaseErrorKind::InvalidValue,
            src,
            value_span(value),
            format!(
                "ogiltigt datum `{value}` {}: förväntade {}",
                within(path),
                de::DATE_EXPECTED
            ),
        )
        .with_label(label)
        .at_path(path);
        return match reordered_date(value) {
            Some(d) => err.with_help(format!("menade du `{d}`?")),
            None => err,
        };
    }

    if let Some((value, rest)) = quoted_between(msg, de::KRETS_PREFIX, &["`: "]) {
        return CaseError::new(
            CaseErrorKind::InvalidValue,
            src,
            value_span(value),
            format!("ogiltig personkrets `{value}` {}: {rest}", within(path)),
        )
        .with_label("ingen sådan personkrets")
        .at_path(path);
    }

    if let Some((value, _)) = quoted_between(msg, de::FORMAT_PREFIX, &["` "]) {
        return CaseError::new(CaseErrorKind::UnsupportedFormat, src, value_span(value), msg.to_string())
            .with_label("okänd formatversion")
            .with_help("den här versionen av beslutskoll läser `format: 1`; skriv filen i format 1 eller använd en nyare version")
            .at_path(path);
    }

    if msg.starts_with(de::DEPTH_PREFIX) || msg.starts_with("recursion limit exceeded") {
        let message = if msg.starts_with(de::DEPTH_PREFIX) {
            msg.to_string()
        } else {
            format!(
                "{}: förväntade ett ärende med några få nivåer",
                de::DEPTH_PREFIX
            )
        };
        return CaseError::new(
            CaseErrorKind::TooDeep,
            src,
            locate::char_span(text, offset),
            message,
        )
        .with_label(format!("mer än {} nivåer här", de::MAX_DEPTH));
    }

    if msg.starts_with(de::SIZE_PREFIX) || msg.starts_with("repetition limit exceeded") {
        let message = if msg.starts_with(de::SIZE_PREFIX) {
            msg.to_string()
        } else {
            format!(
                "{} när YAML-alias (`*namn`) expanderas: förväntade ett ärende som inte \
                 upprepar stora delar många gånger",
                de::SIZE_PREFIX
            )
        };
        return CaseError::new(
            CaseErrorKind::TooLarge,
            src,
            locate::char_span(text, offset),
            message,
        )
        .with_label("gränsen nåddes här")
        .with_help("skriv ut delarna i stället för att upprepa dem med alias");
    }

    if msg.starts_with(de::EMPTY_PREFIX) {
        // The parser points at the end of the (blank or commented) file; the whole
        // file is meant, so point at its start.
        return CaseError::new(
            CaseErrorKind::Empty,
            src,
            locate::char_span(text, 0),
            msg.to_string(),
        )
        .with_label("inget ärende")
        .with_help("se exemplet i formatbeskrivningen (case-format.md)");
    }

    if msg.starts_with(de::ROOT_PREFIX) {
        return CaseError::new(
            CaseErrorKind::NotAMapping,
            src,
            locate::char_span(text, offset),
            msg.to_string(),
        )
        .with_label("förväntade `nyckel: värde`")
        .with_help(if msg.ends_with("en lista") {
            "ett ärende börjar med `arende:` på en egen rad, utan `-` före"
        } else {
            "ett ärende börjar med `arende:` på en egen rad"
        });
    }

    if msg.starts_with("unknown anchor") {
        let name: String = text[offset..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
            .collect();
        let anchor = name.strip_prefix('*').unwrap_or(&name);
        return CaseError::new(
            CaseErrorKind::Syntax,
            src,
            locate::scalar_span(text, offset, &name),
            format!(
                "okänt alias `*{}`: förväntade att ankaret `&{}` står tidigare i filen",
                shown(anchor),
                shown(anchor)
            ),
        )
        .with_label("okänt alias")
        .with_help("en text som börjar med `*` behöver citattecken");
    }

    if msg.starts_with("deserializing from YAML containing more than one document") {
        if let Some(start) = locate::yaml_second_document(text) {
            return CaseError::new(
                CaseErrorKind::MultipleDocuments,
                src,
                locate::scalar_span(text, start, "---"),
                "filen innehåller mer än ett YAML-dokument: förväntade ett ärende per fil"
                    .to_string(),
            )
            .with_label("nästa dokument börjar här")
            .with_help("ta bort raden `---` och det som följer, eller dela upp filen");
        }
        if let Some(start) = locate::yaml_outdented_line(text) {
            return CaseError::new(
                CaseErrorKind::Syntax,
                src,
                locate::char_span(text, start),
                "YAML-syntaxfel: raden har mindre indrag än ärendets första rad; förväntade \
                 samma indrag för alla nycklar på översta nivån"
                    .to_string(),
            )
            .with_label("mindre indrag än första raden")
            .with_help("ta bort mellanslagen före nycklarna på översta nivån");
        }
        return CaseError::new(
            CaseErrorKind::MultipleDocuments,
            src,
            locate::char_span(text, 0),
            "filen innehåller mer än ett YAML-dokument: förväntade ett ärende per fil".to_string(),
        )
        .with_label("i den här filen");
    }

    // Left: rare serde messages (`invalid length`) and YAML merge errors.
    CaseError::new(
        CaseErrorKind::InvalidValue,
        src,
        locate::char_span(text, offset),
        format!("kan inte läsa `{}`: {msg}", dotted(path)),
    )
    .with_label("här")
    .at_path(path)
}

/// What serde says it found (`serde::de::Unexpected` as displayed).
enum Found<'a> {
    Text(&'a str),
    Number(&'a str),
    Bool(&'a str),
    List,
    Map,
    Empty,
    Tagged,
    Other(&'a str),
}

impl<'a> Found<'a> {
    fn parse(s: &'a str) -> Self {
        let ticked = |p: &str| {
            s.strip_prefix(p)
                .and_then(|r| r.strip_prefix('`'))
                .and_then(|r| r.strip_suffix('`'))
        };
        if let Some(v) = s
            .strip_prefix("string \"")
            .and_then(|r| r.strip_suffix('"'))
        {
            Found::Text(v)
        } else if let Some(v) = ticked("integer ").or_else(|| ticked("floating point ")) {
            Found::Number(v)
        } else if let Some(v) = ticked("boolean ") {
            Found::Bool(v)
        } else {
            match s {
                "sequence" => Found::List,
                "map" => Found::Map,
                "unit value" | "null" | "Option value" => Found::Empty,
                "enum" => Found::Tagged,
                _ => Found::Other(s),
            }
        }
    }

    /// The text of the value as written, for finding its span.
    fn value(&self) -> Option<&'a str> {
        match self {
            Found::Text(v) | Found::Number(v) | Found::Bool(v) => Some(v),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            Found::Text(v) => format!("texten `{}`", shown(v)),
            Found::Number(v) => format!("talet `{v}`"),
            Found::Bool(v) => format!("`{v}`"),
            Found::List => "en lista".to_string(),
            Found::Map => "nycklar med värden".to_string(),
            Found::Empty => "ett tomt värde".to_string(),
            Found::Tagged => "ett värde med YAML-tagg (`!…`)".to_string(),
            Found::Other(s) => format!("`{s}`"),
        }
    }
}

/// serde's "expected" text (`a string`, `struct Arende`, `u32`, ours in Swedish) said
/// in Swedish.
fn expected_sv(expected: &str) -> String {
    match expected {
        "a string" | "a borrowed string" | "string" => "text".to_string(),
        "a sequence" => "en lista".to_string(),
        "a boolean" => "`true` eller `false`".to_string(),
        "f64" | "f32" => "ett tal".to_string(),
        "any valid JSON value" | "any value" => "ett värde".to_string(),
        e if e.starts_with("struct ") || e == "a map" => "nycklar med värden".to_string(),
        e if e.starts_with("enum ") || e == "variant identifier" || e.starts_with("a YAML tag") => {
            "ett av de tillåtna orden".to_string()
        }
        e if is_int_type(e) => "ett heltal".to_string(),
        // Ours are Swedish already.
        e => e.to_string(),
    }
}

fn is_int_type(e: &str) -> bool {
    matches!(
        e,
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "isize"
    )
}

fn type_help(format: Format, expected: &str, found: &Found) -> Option<String> {
    match expected {
        "a string" => match (format, found) {
            (Format::Yaml, Found::Number(v) | Found::Bool(v)) => {
                Some(format!("skriv texten inom citattecken: `\"{v}\"`"))
            }
            _ => None,
        },
        "a boolean" => Some("skriv `true` (ja) eller `false` (nej)".to_string()),
        "a sequence" => Some(match format {
            Format::Yaml => {
                "en lista skrivs med en punkt per rad som börjar med `- `, eller som `[a, b]`"
                    .to_string()
            }
            Format::Json => "en lista skrivs `[ … ]`".to_string(),
        }),
        "f64" | "f32" => match found {
            Found::Text(v) if v.contains(',') => Some(format!(
                "skriv decimaltal med punkt: `{}`",
                v.replace(',', ".")
            )),
            _ => None,
        },
        e if e.starts_with("struct ") => Some(match format {
            Format::Yaml => "skriv nycklarna på egna rader, indragna under nyckeln".to_string(),
            Format::Json => "ett objekt skrivs `{ \"nyckel\": … }`".to_string(),
        }),
        _ => None,
    }
}

/// `20-08-2026`, `20/08/2026`, `2026/08/20` and `20260820` as `2026-08-20`, if that
/// is a real date.
fn reordered_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split(['-', '/', '.']).collect();
    let candidate = match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        [y, m, d] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        [compact] if compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &compact[..4], &compact[4..6], &compact[6..])
        }
        _ => return None,
    };
    (candidate != value && parse_date(&candidate).is_some()).then_some(candidate)
}

fn missing_help(format: Format, path: &[Seg], name: &str) -> String {
    let kv = |k: &str, v: &str| match format {
        Format::Yaml => format!("`{k}: {v}`"),
        Format::Json => format!("`\"{k}\": \"{v}\"`"),
    };
    let example = match name {
        "lag" => format!("{} eller {}", kv("lag", "LSS"), kv("lag", "SoL")),
        "fodelsedatum" | "datum" => kv(name, "ÅÅÅÅ-MM-DD"),
        "insats" => format!("{} med insatsens id", kv("insats", "korttidsvistelse")),
        "arende" if path.is_empty() => format!(
            "`arende` med minst {} och {}",
            kv("id", "…"),
            kv("lag", "LSS")
        ),
        "sokande" if path.is_empty() => format!(
            "`sokande` med minst {} och {}",
            kv("namn", "…"),
            kv("fodelsedatum", "ÅÅÅÅ-MM-DD")
        ),
        "ansokan" if path.is_empty() => {
            format!("`ansokan` med minst {}", kv("datum", "ÅÅÅÅ-MM-DD"))
        }
        _ => kv(name, "…"),
    };
    if path.is_empty() {
        format!("lägg till {example}")
    } else {
        format!("lägg till {example} i `{}`", dotted(path))
    }
}

// ------------------------------------------------------------------ syntax errors

/// The parts of a libyaml error as `yaml_serde` displays it:
/// `PROBLEM at line L column C, CONTEXT at line L2 column C2`.
struct LibyamlMessage<'a> {
    problem: &'a str,
    offset: Option<usize>,
    context: Option<&'a str>,
    context_at: Option<(usize, usize)>,
}

fn parse_libyaml(full: &str) -> LibyamlMessage<'_> {
    let (head, context) = match full.find(", while ") {
        Some(i) => (&full[..i], Some(&full[i + 2..])),
        None => (full, None),
    };
    let (problem, offset) = if let Some(i) = head.find(" at position ") {
        (
            &head[..i],
            head[i + " at position ".len()..].trim().parse().ok(),
        )
    } else if let Some(i) = head.find(" at line ") {
        (&head[..i], None)
    } else {
        (head, None)
    };
    let (context, context_at) = match context {
        Some(c) => match c.find(" at line ") {
            Some(i) => {
                let pos = &c[i + " at line ".len()..];
                let mut nums = pos
                    .split(" column ")
                    .map(|n| n.trim().parse::<usize>().ok());
                let at = match (nums.next().flatten(), nums.next().flatten()) {
                    (Some(l), Some(col)) => Some((l, col)),
                    _ => None,
                };
                (Some(&c[..i]), at)
            }
            None => (Some(c), None),
        },
        None => (None, None),
    };
    LibyamlMessage {
        problem,
        offset,
        context,
        context_at,
    }
}

pub(super) fn yaml_syntax_error(src: &Arc<Source>, full: &str, offset: Option<usize>) -> CaseError {
    let text = src.text.as_str();
    let parsed = parse_libyaml(full);
    let at = parsed.offset.or(offset).unwrap_or(0);
    let here = text[locate::floor_boundary(text, at)..].chars().next();
    let (what, expected, help): (&str, &str, Option<String>) = match parsed.problem {
        "did not find expected key" => (
            "en rad som inte passar in här",
            "en ny nyckel (`nyckel: värde`) på samma indrag som de andra",
            Some("kontrollera indraget på raden".to_string()),
        ),
        "mapping values are not allowed in this context" => (
            "ett kolon där ingen ny nyckel kan börja",
            "ett värde utan `: ` eller en nyckel på en egen rad",
            Some(
                "sätt texten inom citattecken om den innehåller `: `, eller rätta indraget"
                    .to_string(),
            ),
        ),
        "found character that cannot start any token" => (
            "ett tecken som inte kan inleda ett värde",
            "en nyckel eller ett värde",
            Some(if here == Some('\t') {
                "använd mellanslag för indrag, inte tabb".to_string()
            } else {
                "sätt texten inom citattecken".to_string()
            }),
        ),
        "found a tab character that violates indentation"
        | "found a tab character where an indentation space is expected" => (
            "en tabb i indraget",
            "mellanslag",
            Some("använd mellanslag för indrag, inte tabb".to_string()),
        ),
        "found unexpected end of stream" => (
            "filen tar slut mitt i ett värde",
            match parsed.context {
                Some("while scanning a quoted scalar") => "ett avslutande citattecken",
                _ => "resten av värdet",
            },
            None,
        ),
        "did not find expected node content" => {
            ("inget värde där ett värde ska stå", "ett värde", None)
        }
        "could not find expected ':'" => (
            "en nyckel utan kolon",
            "`:` efter nyckeln",
            Some("en text som går över flera rader behöver citattecken eller `|`".to_string()),
        ),
        "did not find expected '-' indicator" => (
            "en rad som inte passar in i listan",
            "en ny punkt (`- `) på samma indrag som de andra",
            Some("kontrollera indraget på raden".to_string()),
        ),
        "did not find expected ',' or ']'" => ("en lista som inte stängs", "`,` eller `]`", None),
        "did not find expected ',' or '}'" => {
            ("en mappning som inte stängs", "`,` eller `}`", None)
        }
        "found unknown escape character" => (
            "en okänd escape-sekvens efter `\\` i text inom dubbla citattecken",
            "`\\\\`, `\\\"`, `\\n` eller `\\t`",
            Some("använd enkla citattecken (`'…'`) om texten innehåller `\\`".to_string()),
        ),
        "found unexpected document indicator" => (
            "`---` eller `...` mitt i ett värde",
            "att värdet slutar först",
            None,
        ),
        "block sequence entries are not allowed in this context" => (
            "en listpunkt (`- `) där den inte kan stå",
            "en listpunkt på en egen rad, under en nyckel",
            Some("kontrollera indraget på raden".to_string()),
        ),
        "did not find expected alphabetic or numeric character" => (
            "`&`, `*` eller `!` utan namn efter",
            "ett namn efter tecknet",
            Some(
                "sätt texten inom citattecken om den börjar med `&`, `*`, `!`, `@` eller `%`"
                    .to_string(),
            ),
        ),
        "did not find expected comment or line break" => (
            "mer text efter värdet på samma rad",
            "radslut eller en kommentar (`#`)",
            Some("sätt hela värdet inom citattecken".to_string()),
        ),
        "found unexpected ':'" => (
            "ett kolon som inte kan stå här",
            "ett värde",
            Some("sätt texten inom citattecken om den innehåller `:`".to_string()),
        ),
        "did not find expected hexadecimal number" => (
            "en ogiltig `\\x`-, `\\u`- eller `\\U`-sekvens i text inom dubbla citattecken",
            "hexadecimala siffror efter den",
            Some("använd enkla citattecken (`'…'`) om texten innehåller `\\`".to_string()),
        ),
        "did not find expected whitespace or line break" => (
            "en YAML-tagg eller ett direktiv (`!` eller `%`) utan mellanrum efter",
            "mellanslag eller radslut efter det",
            Some("sätt texten inom citattecken om den börjar med `!` eller `%`".to_string()),
        ),
        "found undefined tag handle"
        | "did not find expected tag URI"
        | "did not find the expected '>'"
        | "did not find expected '!'"
        | "did not find URI escaped octet" => (
            "en ogiltig YAML-tagg (`!…`)",
            "ett värde utan tagg",
            Some("sätt texten inom citattecken om den börjar med `!`".to_string()),
        ),
        "could not find expected directive name"
        | "found unknown directive name"
        | "found unexpected non-alphabetical character"
        | "did not find expected digit or '.' character"
        | "did not find expected version number"
        | "found extremely long version number"
        | "found incompatible YAML document"
        | "found duplicate %YAML directive"
        | "found duplicate %TAG directive" => (
            "en rad som börjar med `%` (ett YAML-direktiv)",
            "en nyckel; `%` inleder bara direktiv före `---`",
            Some("ta bort `%`, eller sätt texten inom citattecken".to_string()),
        ),
        "found an indentation indicator equal to 0" => (
            "indragsangivelsen 0 efter `|` eller `>`",
            "en siffra 1–9 eller ingen alls",
            None,
        ),
        "did not find expected <document start>" => (
            "innehåll efter dokumentets slut (`...`)",
            "`---` före ett nytt dokument, eller inget alls",
            Some("ta bort raden `...`".to_string()),
        ),
        "control characters are not allowed" => (
            "ett styrtecken",
            "vanlig text",
            Some("ta bort tecknet; det syns ofta inte i en textredigerare".to_string()),
        ),
        _ => ("", "", None),
    };
    let message = if what.is_empty() {
        format!(
            "YAML-syntaxfel: {} (YAML-läsarens meddelande)",
            parsed.problem
        )
    } else {
        format!("YAML-syntaxfel: {what}; förväntade {expected}")
    };
    // libyaml counts `\r` and U+2028 as line breaks too; only use its line numbers
    // where they are ours.
    let plain_breaks = !text.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']);
    let context_at = parsed.context_at.filter(|_| plain_breaks);
    let unfinished = parsed.problem == "found unexpected end of stream";
    if let (true, Some((line, col)), Some(context)) = (unfinished, context_at, parsed.context) {
        // The end of the file is not where to fix it: the start of what never ended is.
        let start = src.offset_of(line, col);
        let what = context_sv(context).unwrap_or("i värdet");
        let mut err = CaseError::new(
            CaseErrorKind::Syntax,
            src,
            locate::char_span(text, start),
            message,
        )
        .with_label("börjar här men tar aldrig slut");
        let (end_line, _) = src.line_col(text.len());
        err = err.with_note(format!(
            "filen tar slut på rad {end_line}, fortfarande {what}"
        ));
        return match help {
            Some(h) => err.with_help(h),
            None => err,
        };
    }
    let mut err = CaseError::new(
        CaseErrorKind::Syntax,
        src,
        locate::char_span(text, at),
        message,
    )
    .with_label("här");
    if let Some(h) = help {
        err = err.with_help(h);
    }
    if let (Some(context), Some((line, col))) = (parsed.context, context_at) {
        if let Some(what) = context_sv(context).filter(|_| line != err.line()) {
            err = err.with_note(format!("{what} som börjar på rad {line}, kolumn {col}"));
        }
    }
    err
}

fn context_sv(context: &str) -> Option<&'static str> {
    Some(match context {
        "while parsing a block mapping" => "i mappningen",
        "while parsing a block collection" => "i listan",
        "while scanning a quoted scalar" | "while parsing a quoted scalar" => {
            "i texten inom citattecken"
        }
        "while scanning a simple key" => "i nyckeln",
        "while parsing a flow mapping" => "i `{ … }`",
        "while parsing a flow sequence" => "i `[ … ]`",
        "while scanning a block scalar" => "i textblocket (`|` eller `>`)",
        "while scanning a plain scalar" => "i texten",
        "while parsing a block node" | "while parsing a node" | "while parsing a flow node" => {
            "i värdet"
        }
        _ => return None,
    })
}

pub(super) fn json_syntax_error(src: &Arc<Source>, msg: &str, offset: usize) -> CaseError {
    let text = src.text.as_str();
    let (what, help): (&str, Option<&str>) = match msg {
        "EOF while parsing a list" => ("filen tar slut innan listan stängs; förväntade `]`", None),
        "EOF while parsing an object" => ("filen tar slut innan objektet stängs; förväntade `}`", None),
        "EOF while parsing a string" => (
            "filen tar slut mitt i en text; förväntade ett avslutande `\"`",
            None,
        ),
        "EOF while parsing a value" => ("filen tar slut; förväntade ett värde", None),
        "expected `:`" => ("förväntade `:` efter nyckeln", None),
        "expected `,` or `]`" => (
            "förväntade `,` eller `]` efter värdet i listan",
            Some("kanske saknas ett kommatecken före"),
        ),
        "expected `,` or `}`" => (
            "förväntade `,` eller `}` efter värdet",
            Some("kanske saknas ett kommatecken före"),
        ),
        "expected ident" => ("okänt ord; förväntade `true`, `false` eller `null`", None),
        "expected value" => (
            "förväntade ett värde: text inom `\"`, ett tal, `[ … ]`, `{ … }`, `true`, `false` eller `null`",
            None,
        ),
        "key must be a string" => (
            "en nyckel utan dubbla citattecken; förväntade `\"nyckel\"`",
            Some("i JSON står nycklar och texter inom dubbla citattecken; en fil som inte börjar med `{` läses som YAML"),
        ),
        "trailing comma" => (
            "kommatecken efter sista värdet; förväntade ett värde till eller inget kommatecken",
            Some("ta bort kommatecknet"),
        ),
        "trailing characters" => ("mer text efter ärendets sista `}`; förväntade filens slut", None),
        "invalid escape" => (
            "okänd escape-sekvens efter `\\`; förväntade `\\\\`, `\\\"`, `\\n`, `\\t` eller `\\uXXXX`",
            None,
        ),
        "invalid number" | "number out of range" => ("ogiltigt tal; förväntade ett tal som `3.5`", None),
        "control character (\\u0000-\\u001F) found while parsing a string" => (
            "radbrytning eller styrtecken inuti en text; förväntade `\\n` i stället",
            None,
        ),
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => ("ogiltig `\\u`-sekvens; förväntade `\\uXXXX`", None),
        _ => ("", None),
    };
    let message = if what.is_empty() {
        format!("JSON-syntaxfel: {msg} (JSON-läsarens meddelande)")
    } else {
        format!("JSON-syntaxfel: {what}")
    };
    let err = CaseError::new(
        CaseErrorKind::Syntax,
        src,
        locate::char_span(text, offset),
        message,
    )
    .with_label("här");
    match help {
        Some(h) => err.with_help(h),
        None => err,
    }
}
