//! Deserializers for the fields serde cannot check by type alone (dates, personkrets,
//! the format version, `null` for a section), and the guard pass that walks a document
//! once before it is read into the model.
//!
//! Their error messages are Swedish from the start, and each starts with one of the
//! `*_PREFIX` constants below so that `read.rs` can tell them from serde's own English
//! messages and give them the right kind, label and help.
//!
//! Why a guard pass: YAML aliases let a small file stand for a huge value
//! (`a: &a [x, x]`, `b: &b [*a, *a]`, ...). `yaml_serde` stops after
//! `100 × events` alias jumps, but every jump may copy a whole anchored subtree, so
//! a 1 MB file can still expand to billions of values (quadratic, not exponential,
//! blow-up). The guard counts values and scalar bytes *as expanded* and stops at a
//! budget that an alias-free file can never reach, so reading memory stays
//! proportional to the file. It also caps nesting depth below the parsers' own
//! limits (128 in both), which keeps the recursive serde visitors far from the
//! end of a 2 MiB thread stack, and it checks `format` before anything else so that a
//! `format: 2` file is told about its version, not about its new keys.

use std::cell::Cell;
use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

pub(super) const DATE_PREFIX: &str = "ogiltigt datum `";
pub(super) const KRETS_PREFIX: &str = "ogiltig personkrets `";
pub(super) const FORMAT_PREFIX: &str = "formatversion `";
pub(super) const DEPTH_PREFIX: &str = "filen är för djupt nästlad";
pub(super) const SIZE_PREFIX: &str = "filen blir för stor";
pub(super) const EMPTY_PREFIX: &str = "filen är tom";
pub(super) const ROOT_PREFIX: &str = "ärendet ska bestå av nycklar med värden";

/// What a date field expects, as the end of a sentence.
pub(super) const DATE_EXPECTED: &str = "ett datum ÅÅÅÅ-MM-DD som finns i kalendern";

/// Deepest nesting of lists and mappings accepted. A case needs about six levels
/// (`utredning.behov.0.extra` and whatever is under `extra`).
pub(super) const MAX_DEPTH: usize = 64;

/// Values and scalar bytes a document may expand to beyond its own length. A file
/// without aliases has at most one value per byte and at most its own length in
/// scalar text, so it never reaches these; only alias expansion can.
const EXTRA_NODES: usize = 10_000;
const EXTRA_BYTES: usize = 1 << 20;

/// Shows a value from the file inside backticks: one line, at most 40 characters.
pub(super) fn shown(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A date of exactly the form `ÅÅÅÅ-MM-DD` that exists in the calendar.
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

fn bad_date(value: &str) -> String {
    format!("{DATE_PREFIX}{}`: förväntade {DATE_EXPECTED}", shown(value))
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett datum ÅÅÅÅ-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v).ok_or_else(|| E::custom(bad_date(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NaiveDate, E> {
        Err(E::custom(bad_date(&v.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NaiveDate, E> {
        Err(E::custom(bad_date(&v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NaiveDate, E> {
        Err(E::custom(bad_date(&v.to_string())))
    }
}

/// A required date. `deserialize_any`, because YAML hands `2026-08-20` over as a plain
/// string and `20260820` as a number, and both must end in the same message.
pub(super) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}

struct OptDateVisitor;

impl<'de> Visitor<'de> for OptDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett datum ÅÅÅÅ-MM-DD")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        date(d).map(Some)
    }
}

/// An optional date: missing, empty or `null` is `None`.
pub(super) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(OptDateVisitor)
}

/// A record read from a mapping only. serde's derived structs also take a sequence of
/// their fields in order, and `serde_json` offers one for `[…]`; the format has no such
/// form (YAML never offers it), so a list where a record belongs is an error in JSON
/// too, as the JSON Schema of the format says.
pub(super) struct MapOnly<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MapOnlyVisitor(std::marker::PhantomData))
            .map(MapOnly)
    }
}

struct MapOnlyVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for MapOnlyVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // serde's own words for a struct, which `explain.rs` says in Swedish.
        let name = std::any::type_name::<T>();
        write!(f, "struct {}", name.rsplit("::").next().unwrap_or(name))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// A required record.
pub(super) fn record<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    MapOnly::<T>::deserialize(d).map(|m| m.0)
}

/// An optional record: missing or `null` is `None`.
pub(super) fn opt_record<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<MapOnly<T>>::deserialize(d)?.map(|m| m.0))
}

/// A record section written with an empty value (`utredning:` and nothing under it,
/// as a filled-in template leaves it) reads as empty, like a missing one.
pub(super) fn null_default_record<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<MapOnly<T>>::deserialize(d)?.map_or_else(T::default, |m| m.0))
}

/// A list of records; written empty (`underlag:` and nothing under it) it reads as
/// empty, like a missing one.
pub(super) fn records<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let list: Option<Vec<MapOnly<T>>> = Option::deserialize(d)?;
    Ok(list.unwrap_or_default().into_iter().map(|m| m.0).collect())
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

struct RequiredTextVisitor;

impl<'de> Visitor<'de> for RequiredTextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Required text. YAML reads `namn:` with nothing after it as an empty string when a
/// string is asked for; a blank required field is a missing value, as in JSON
/// (`"namn": null`), not a name.
///
/// Text is text as YAML's data says it: `deserialize_any`, because `yaml_serde` hands
/// a plain `12345` or `false` over as a string when a string is asked for, and then the
/// file would mean something else to the tool than to the JSON Schema of the format,
/// to an editor and to the same case in JSON. A number or `true` where text belongs is
/// an error that says to quote it.
pub(super) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_option(RequiredTextVisitor)
}

struct OptTextVisitor;

impl<'de> Visitor<'de> for OptTextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor).map(Some)
    }
}

/// Optional text: missing or `null` is `None`; otherwise text as for [`text`].
pub(super) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptTextVisitor)
}

struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

/// A list of texts; written empty it reads as empty, like a missing one.
pub(super) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list: Option<Vec<Text>> = Option::deserialize(d)?;
    Ok(list.unwrap_or_default().into_iter().map(|t| t.0).collect())
}

struct Krets(u8);

struct KretsVisitor;

fn bad_krets<E: de::Error>(value: &str) -> E {
    E::custom(format!(
        "{KRETS_PREFIX}{}`: förväntade 1, 2 eller 3 (personkretsarna i 1 § LSS)",
        shown(value)
    ))
}

impl Visitor<'_> for KretsVisitor {
    type Value = Krets;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("personkrets 1, 2 eller 3")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Krets, E> {
        match v {
            1..=3 => Ok(Krets(v as u8)),
            _ => Err(bad_krets(&v.to_string())),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Krets, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(bad_krets(&v.to_string())),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Krets, E> {
        Err(bad_krets(&v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Krets, E> {
        match v.trim() {
            "1" => Ok(Krets(1)),
            "2" => Ok(Krets(2)),
            "3" => Ok(Krets(3)),
            _ => Err(bad_krets(v)),
        }
    }
}

impl<'de> Deserialize<'de> for Krets {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KretsVisitor)
    }
}

/// `sokande.personkrets`: a list of 1, 2 and 3. Each item is checked as it is read,
/// so an error points at the item, not at the list.
pub(super) fn personkrets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let list: Option<Vec<Krets>> = Option::deserialize(d)?;
    Ok(list.unwrap_or_default().into_iter().map(|k| k.0).collect())
}

struct FormatVisitor;

fn bad_format<E: de::Error>(value: &str) -> E {
    E::custom(format!(
        "{FORMAT_PREFIX}{}` stöds inte: bara format 1 är känt",
        shown(value)
    ))
}

impl Visitor<'_> for FormatVisitor {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("formatversion 1")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        match v {
            1 => Ok(1),
            _ => Err(bad_format(&v.to_string())),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        Err(bad_format(&v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        Err(bad_format(&v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<u32, E> {
        Err(bad_format(&v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        match v.trim() {
            "1" => Ok(1),
            _ => Err(bad_format(v)),
        }
    }
}

struct OptFormatVisitor;

impl<'de> Visitor<'de> for OptFormatVisitor {
    type Value = Option<u32>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("formatversion 1")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(FormatVisitor).map(Some)
    }
}

/// `format`: missing or empty means 1; anything but 1 is an error.
pub(super) fn format_version<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    d.deserialize_option(OptFormatVisitor)
}

/// `extra:` holds anything. `serde_json::Value` alone would refuse two things YAML
/// can say: a tagged value (`!ref x`, kept as `{"!ref": "x"}` like `serde_yaml`
/// writes tags) and a key that is not text (`[1, 2]: x`, kept as the key's JSON text).
pub(super) fn extra<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<serde_json::Value>, D::Error> {
    match d.deserialize_any(AnyValue)? {
        serde_json::Value::Null => Ok(None),
        v => Ok(Some(v)),
    }
}

struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(v.to_string().into())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(v.to_string().into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // JSON has no NaN or infinity; YAML's `.nan` and `.inf` are kept as text.
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string().into(), Into::into))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(String::from_utf8_lossy(v).into_owned().into())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(AnyValue)? {
            items.push(v);
        }
        Ok(items.into())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key_seed(AnyValue)? {
            let key = match key {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            let value = map.next_value_seed(AnyValue)?;
            out.insert(key, value);
        }
        Ok(out.into())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        use de::VariantAccess;
        let (tag, variant) = data.variant::<String>()?;
        let value = variant.newtype_variant_seed(AnyValue)?;
        let mut out = serde_json::Map::new();
        out.insert(format!("!{}", tag.trim_start_matches('!')), value);
        Ok(out.into())
    }
}

/// Walks a whole document once, expanding aliases as the real read will, and fails
/// on too deep nesting, too large an expansion, a root that is not a mapping and an
/// unknown `format`. Accepts everything else.
pub(super) fn guard<'de, D: Deserializer<'de>>(d: D, text_len: usize) -> Result<(), D::Error> {
    let budget = Budget::for_text(text_len);
    Guard {
        budget: &budget,
        depth: 0,
    }
    .deserialize(d)
    .map(|_| ())
}

/// What is left of the values and scalar bytes a document may expand to.
pub(super) struct Budget {
    nodes: Cell<usize>,
    bytes: Cell<usize>,
}

impl Budget {
    /// The budget of a text of `text_len` bytes.
    pub(super) fn for_text(text_len: usize) -> Budget {
        Budget {
            nodes: Cell::new(text_len.saturating_add(EXTRA_NODES)),
            bytes: Cell::new(text_len.saturating_add(EXTRA_BYTES)),
        }
    }

    /// Takes one value of `bytes` scalar bytes; false (and nothing taken) when the
    /// budget has not got that much left.
    pub(super) fn take(&self, bytes: usize) -> bool {
        let nodes = self.nodes.get();
        let left = self.bytes.get();
        if nodes == 0 || left < bytes {
            return false;
        }
        self.nodes.set(nodes - 1);
        self.bytes.set(left - bytes);
        true
    }
}

#[derive(Clone, Copy)]
struct Guard<'a> {
    budget: &'a Budget,
    /// 0 for the root value.
    depth: usize,
}

impl Guard<'_> {
    fn count<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        if !self.budget.take(bytes) {
            return Err(E::custom(format!(
                "{SIZE_PREFIX} när YAML-alias (`*namn`) expanderas: förväntade ett ärende \
                 som inte upprepar stora delar många gånger"
            )));
        }
        Ok(())
    }

    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!(
                "{DEPTH_PREFIX}: mer än {MAX_DEPTH} nivåer av listor och mappningar; \
                 förväntade ett ärende med några få nivåer"
            )));
        }
        Ok(Guard {
            depth: self.depth + 1,
            ..self
        })
    }

    fn not_a_mapping<E: de::Error>(self, what: &str) -> Result<bool, E> {
        if self.depth == 0 {
            Err(E::custom(format!(
                "{ROOT_PREFIX} (`arende:`, `sokande:`, `ansokan:` …), men filen är {what}"
            )))
        } else {
            Ok(false)
        }
    }
}

impl<'de> DeserializeSeed<'de> for Guard<'_> {
    /// Whether the value was the string `format` (so that a root key can be told).
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Guard<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett värde")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett sanningsvärde")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett tal")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett tal")
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett tal")
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett tal")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        self.count(0)?;
        self.not_a_mapping("ett tal")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.count(v.len())?;
        self.not_a_mapping("en enda text")?;
        Ok(v == "format")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<bool, E> {
        self.count(v.len())?;
        self.not_a_mapping("en enda text")
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.count(0)?;
        if self.depth == 0 {
            return Err(E::custom(format!(
                "{EMPTY_PREFIX}: förväntade ett ärende med nycklarna `arende`, `sokande` \
                 och `ansokan`"
            )));
        }
        Ok(false)
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        self.count(0)?;
        self.not_a_mapping("en lista")?;
        let inner = self.nested()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        self.count(0)?;
        let inner = self.nested()?;
        while let Some(is_format) = map.next_key_seed(inner)? {
            if self.depth == 0 && is_format {
                map.next_value_seed(FormatSeed)?;
            } else {
                map.next_value_seed(inner)?;
            }
        }
        Ok(false)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<bool, A::Error> {
        // A YAML value with a tag (`!tagg värde`); serde_json never gets here.
        use de::VariantAccess;
        self.count(0)?;
        self.not_a_mapping("ett värde med YAML-tagg")?;
        let inner = self.nested()?;
        let (_, variant) = data.variant_seed(inner)?;
        variant.newtype_variant_seed(inner)
    }
}

struct FormatSeed;

impl<'de> DeserializeSeed<'de> for FormatSeed {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        format_version(d).map(|_| false)
    }
}
