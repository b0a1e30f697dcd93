//! The case format as JSON Schema (draft 2020-12), generated from the model's types.
//!
//! The shape comes from `#[derive(ToSchema)]` on the types in `case.rs` (utoipa, the
//! same crate that writes the OpenAPI document), so a field added to the model is in
//! the schema without anyone remembering to. What serde attributes cannot tell utoipa
//! is said here, once: the fields read by hand in `de.rs` (`format`, `personkrets`,
//! `extra`, `underlag[].typ`) get a schema of what `de.rs` accepts, and every field
//! gets its Swedish description from the rule language's view of the case
//! ([`crate::schema::ROOT`]), which already documents each field for `explain`.
//!
//! `tests/kontrakt.rs` holds the schema to the reader: a file the reader accepts is
//! schema-valid and the reverse, over the examples and generated variants of them,
//! in YAML and in JSON. (For that the reader takes text as YAML's data says it: a
//! plain `12345` in a text field is a number, an error that says to quote it.)
//!
//! Where the two cannot agree, by the nature of JSON Schema: a number written with a
//! decimal point (`format: 1.0`, `personkrets: [2.0]`) is the integer to a schema and
//! an error to the reader; a key given twice, nesting deeper than 64 levels and YAML
//! aliases that expand to a huge file are errors the reader finds and a schema cannot
//! say.

use std::collections::BTreeMap;

use utoipa::openapi::schema::{
    AnyOfBuilder, ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use super::{Case, KNOWN_DOCUMENT_TYPES};
use crate::schema::{FieldTy, Record, ROOT};

/// Where the committed copy of the schema lives, relative to the repository root; the
/// examples name it in their `# yaml-language-server: $schema=` line.
pub const CASE_SCHEMA_PATH: &str = "schema/arende.schema.json";

/// The `$id` of the case schema: the path the service serves it at.
pub const CASE_SCHEMA_ID: &str = "/v1/schema/case.json";

/// What a date looks like, for validators that treat `format: date` as a note only.
/// Whether the date is in the calendar is what `format: date` itself says.
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// `format`: missing, empty or 1. `de::format_version` also reads the text `"1"`.
pub(crate) fn format() -> Schema {
    AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .enum_values(Some([1])),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*1\s*$")),
        )
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .into()
}

/// `sokande.personkrets`: 1, 2 or 3, as a number or as text (`de::personkrets`).
pub(crate) fn personkrets() -> Schema {
    let krets = AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .enum_values(Some([1, 2, 3])),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*[123]\s*$")),
        );
    ArrayBuilder::new()
        .schema_type(SchemaType::Array(vec![Type::Array, Type::Null]))
        .items(krets)
        .into()
}

/// `extra`: anything at all, kept and never interpreted.
pub(crate) fn extra() -> Schema {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .into()
}

/// `underlag[].typ`: any text; the known types are offered first, so that an editor
/// can complete them, and an unknown type is a warning of the reader, not an error.
pub(crate) fn underlagstyp() -> Schema {
    AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(KNOWN_DOCUMENT_TYPES.iter().copied())),
        )
        .item(ObjectBuilder::new().schema_type(Type::String))
        .into()
}

/// Swedish descriptions of the model's types, by component name. The fields get
/// theirs from [`ROOT`].
const TYPE_DOCS: &[(&str, &str)] = &[
    ("Case", "Ett ärende: en ansökan enligt LSS eller SoL, utredningen och utkasten till beslut (ärendeformat 1)."),
    ("Arende", "Uppgifter om ärendet."),
    ("Sokande", "Den person som ansökan gäller."),
    ("Person", "En person, t.ex. en vårdnadshavare."),
    ("Ombud", "Sökandens ombud."),
    ("Ansokan", "Ansökan."),
    ("SoktInsats", "En sökt insats."),
    ("Underlag", "Ett underlag i akten. För ett tidigare beslut (`tidigare_beslut`, `fk_beslut`) kan vad det beslutade anges (tillägg till format 1)."),
    ("Utredning", "Utredningen."),
    ("Kontakt", "Ett möte eller samtal under utredningen."),
    ("Texter", "Utredningens fria texter; vilken som helst får saknas eller vara tom."),
    ("Behov", "Ett behov inom ett livsområde (IBIC)."),
    ("Kommunicering", "Kommunicering före ett beslut som går den enskilde emot (25 § FL)."),
    ("Beslut", "Ett utkast till beslut, ett per insats."),
    ("Kvittering", "En anmärkning som handläggaren har vägt och besvarar med ett skäl. Anmärkningen står kvar i rapporten, markerad som kvitterad."),
    ("Lag", "Lagen ärendet gäller."),
    ("Kon", "Kön."),
    ("Sysselsattning", "Sökandens sysselsättning."),
    ("SoktAv", "Vem som har ansökt."),
    ("Insats", "Insatsens id i format 1. Vilken lag ett id hör till prövar reglerna: `kontaktperson` finns i båda."),
    ("KontaktForm", "Hur kontakten togs."),
    ("Omrade", "Livsområde enligt IBIC."),
    ("Utfall", "Vad beslutet blir."),
];

/// More to say about some fields than [`ROOT`]'s one line, by dotted path.
const FIELD_NOTES: &[(&str, &str)] = &[
    ("format", "Saknas det gäller format 1; andra versioner stöds inte."),
    ("sokande.personkrets", "Endast LSS: de kretsar som är utredda eller påstådda."),
    ("sokande.vardnadshavare", "För ett barn."),
    ("sokande.ombud", "Om sökanden har ombud."),
    ("sokande.intressen", "Används när en insats ska passa personen."),
    ("sokande.personnummer", "Används av kopiekontrollen för att skilja en förlängning från en kopia av någon annans beslut."),
    ("ansokan.insatser", "En eller flera."),
    ("ansokan.insatser.form", "T.ex. `korttidshem`, `stodfamilj`, `lager` eller `annat` för korttidsvistelse."),
    ("underlag.typ", "Kända typer ges som förslag; en okänd typ tas emot med en varning, eftersom regler bara känner igen kända typer."),
    ("beslut", "Ett per insats."),
    ("kvitteringar", "Anmärkningar som handläggaren har vägt och besvarar med ett skäl."),
];

const EXTRA_DOC: &str =
    "Fri extra data, tillåten på varje nivå: behålls men tolkas aldrig. Alla andra okända nycklar är fel.";

/// The case's types as OpenAPI components, named as utoipa names them, with Swedish
/// descriptions and a pattern beside every `format: date`.
pub fn components() -> BTreeMap<String, RefOr<Schema>> {
    let mut list = vec![(Case::name().into_owned(), Case::schema())];
    Case::schemas(&mut list);
    let mut out: BTreeMap<String, RefOr<Schema>> = list.into_iter().collect();
    for (name, doc) in TYPE_DOCS {
        if let Some(s) = out.get_mut(*name) {
            set_description(s, doc);
        }
    }
    describe(&mut out, &Case::name(), &ROOT, "");
    for s in out.values_mut() {
        add_date_patterns(s);
    }
    out
}

/// The case schema as a stand-alone JSON Schema document: the `Case` component at the
/// root, the others under `$defs`.
pub fn case_schema() -> serde_json::Value {
    let components = components();
    crate::kontrakt::json_schema(
        &Case::name(),
        &components,
        CASE_SCHEMA_ID,
        "Ärende (beslutskoll, ärendeformat 1)",
    )
}

/// Gives every property of `component` (a [`Record`] of [`ROOT`]) its description and
/// goes on into the records it holds.
fn describe(
    all: &mut BTreeMap<String, RefOr<Schema>>,
    component: &str,
    record: &Record,
    prefix: &str,
) {
    let mut nested = Vec::new();
    {
        let Some(RefOr::T(Schema::Object(obj))) = all.get_mut(component) else {
            return;
        };
        for (name, prop) in obj.properties.iter_mut() {
            if name == "extra" {
                set_description(prop, EXTRA_DOC);
                continue;
            }
            let Some((_, field)) = record.field(name) else {
                continue;
            };
            let path = format!("{prefix}{name}");
            let mut doc = capitalised(field.doc);
            if let Some((_, note)) = FIELD_NOTES.iter().find(|(p, _)| *p == path) {
                doc.push_str(". ");
                doc.push_str(note);
            } else {
                doc.push('.');
            }
            if field.ty == FieldTy::Date {
                doc.push_str(" Datum ÅÅÅÅ-MM-DD.");
            }
            set_description(prop, &doc);
            let inner = match field.ty {
                FieldTy::Record(r) => Some(r),
                FieldTy::List(FieldTy::Record(r)) => Some(*r),
                _ => None,
            };
            if let (Some(r), Some(target)) = (inner, referenced(prop)) {
                nested.push((target, r, format!("{path}.")));
            }
        }
    }
    for (target, r, prefix) in nested {
        describe(all, &target, r, &prefix);
    }
}

/// The component a property refers to, directly, as a list's items or as the
/// non-null alternative of a nullable reference.
fn referenced(prop: &RefOr<Schema>) -> Option<String> {
    match prop {
        RefOr::Ref(r) => r
            .ref_location
            .strip_prefix("#/components/schemas/")
            .map(str::to_string),
        RefOr::T(Schema::Array(a)) => match &a.items {
            utoipa::openapi::schema::ArrayItems::RefOrSchema(item) => referenced(item),
            _ => None,
        },
        RefOr::T(Schema::OneOf(o)) => o.items.iter().find_map(referenced),
        RefOr::T(Schema::AnyOf(o)) => o.items.iter().find_map(referenced),
        _ => None,
    }
}

fn set_description(s: &mut RefOr<Schema>, doc: &str) {
    let text = doc.to_string();
    let doc = Some(doc.to_string());
    match s {
        RefOr::Ref(r) => r.description = text,
        RefOr::T(Schema::Object(o)) => o.description = doc,
        RefOr::T(Schema::Array(a)) => a.description = doc,
        RefOr::T(Schema::OneOf(o)) => {
            // utoipa puts the field's doc comment on the reference inside, too.
            for item in &mut o.items {
                if let RefOr::Ref(r) = item {
                    r.description = String::new();
                }
            }
            o.description = doc;
        }
        RefOr::T(Schema::AnyOf(o)) => o.description = doc,
        RefOr::T(Schema::AllOf(o)) => o.description = doc,
        RefOr::T(_) => {}
    }
}

fn add_date_patterns(s: &mut RefOr<Schema>) {
    let RefOr::T(s) = s else { return };
    match s {
        Schema::Object(o) => {
            if o.format == Some(SchemaFormat::KnownFormat(KnownFormat::Date)) {
                o.pattern = Some(DATE_PATTERN.to_string());
            }
            o.properties.values_mut().for_each(add_date_patterns);
        }
        Schema::Array(a) => {
            if let utoipa::openapi::schema::ArrayItems::RefOrSchema(item) = &mut a.items {
                add_date_patterns(item);
            }
        }
        Schema::OneOf(o) => o.items.iter_mut().for_each(add_date_patterns),
        Schema::AnyOf(o) => o.items.iter_mut().for_each(add_date_patterns),
        Schema::AllOf(o) => o.items.iter_mut().for_each(add_date_patterns),
        _ => {}
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
