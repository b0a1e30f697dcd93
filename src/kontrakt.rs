//! The machine-readable contract: the case format and the report as JSON Schema,
//! generated from the Rust types, and the same schemas in the OpenAPI document.
//!
//! The case schema is built in [`crate::case::schema_json`]; the report's comes from
//! the `ToSchema` derives in [`crate::report`]. Both are OpenAPI components first (so
//! the service's document and the stand-alone files cannot drift apart) and become a
//! JSON Schema document here by moving the components under `$defs`.
//!
//! `beslutskoll schema case|report` writes them ([`run`]); the service serves them at
//! `GET /v1/schema/case.json` and `GET /v1/schema/report.json`. The committed copy
//! `schema/arende.schema.json`, which the examples name for editors, is kept equal to
//! the generated one by a test.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{json, Value};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::case::schema_json;
use crate::report::Report;

/// Which schema `beslutskoll schema` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Vad {
    /// Ärendeformatet (YAML och JSON), format 1 med tillägg.
    Case,
    /// Rapporten, version 1.
    Report,
}

/// The JSON Schema of the case format.
pub fn case_schema() -> Value {
    schema_json::case_schema()
}

/// The report's types as OpenAPI components.
pub fn report_components() -> BTreeMap<String, RefOr<Schema>> {
    let mut list = vec![(Report::name().into_owned(), Report::schema())];
    Report::schemas(&mut list);
    list.into_iter().collect()
}

/// The JSON Schema of the report (`report-format.md`, version 1, with its added keys).
/// Objects allow keys they do not list: the report may gain keys, never lose them.
pub fn report_schema() -> Value {
    json_schema(
        &Report::name(),
        &report_components(),
        "/v1/schema/report.json",
        "Rapport (beslutskoll, rapportformat 1)",
    )
}

/// The schema as the service serves it and the CLI writes it: pretty JSON, ending in a
/// newline.
pub fn text(schema: &Value) -> String {
    let mut out = serde_json::to_string_pretty(schema).unwrap_or_default();
    out.push('\n');
    out
}

/// A JSON Schema (2020-12) document of the component `root`, its references moved from
/// `#/components/schemas/` to `#/$defs/`.
pub fn json_schema(
    root: &str,
    components: &BTreeMap<String, RefOr<Schema>>,
    id: &str,
    title: &str,
) -> Value {
    let mut defs = serde_json::Map::new();
    let mut top = Value::Null;
    for (name, schema) in components {
        let mut v = serde_json::to_value(schema).unwrap_or(Value::Null);
        rewrite_refs(&mut v);
        if name == root {
            top = v;
        } else {
            defs.insert(name.clone(), v);
        }
    }
    let mut doc = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": format!(
            "Genererad av `beslutskoll schema`; tjänsten visar den på {id}. Ändra inte för hand."
        ),
        "title": title,
    });
    if let (Value::Object(doc), Value::Object(top)) = (&mut doc, top) {
        doc.extend(top);
        if !defs.is_empty() {
            doc.insert("$defs".into(), Value::Object(defs));
        }
    }
    doc
}

fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "$ref" {
                    if let Value::String(s) = v {
                        if let Some(name) = s.strip_prefix("#/components/schemas/") {
                            *s = format!("#/$defs/{name}");
                        }
                    }
                } else {
                    rewrite_refs(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Puts the case components with their Swedish descriptions into an OpenAPI document
/// whose operations refer to them (utoipa collects them with their Rust doc comments).
pub fn patch_openapi(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in schema_json::components() {
        components.schemas.insert(name, schema);
    }
    // A Word draft is bytes, not the list of numbers utoipa makes of `Vec<u8>`.
    let bodies = doc
        .paths
        .paths
        .values_mut()
        .filter_map(|item| item.post.as_mut()?.request_body.as_mut());
    for body in bodies {
        if let Some(content) = body.content.get_mut(WORD) {
            content.schema = Some(RefOr::T(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                    .content_media_type(WORD)
                    .into(),
            ));
        }
    }
}

const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The OpenAPI document as served: pretty JSON, with the keys of Link objects spelt as
/// the specification spells them (utoipa 5.5 writes `operation_id`, where OpenAPI and
/// the tools that follow links read `operationId`).
pub fn openapi_text(doc: &utoipa::openapi::OpenApi) -> String {
    let mut v = serde_json::to_value(doc).unwrap_or(Value::Null);
    if let Some(paths) = v.get_mut("paths").and_then(Value::as_object_mut) {
        for link in paths
            .values_mut()
            .filter_map(Value::as_object_mut)
            .flat_map(|ops| ops.values_mut())
            .filter_map(|op| op.get_mut("responses")?.as_object_mut())
            .flat_map(|rs| rs.values_mut())
            .filter_map(|r| r.get_mut("links")?.as_object_mut())
            .flat_map(|ls| ls.values_mut())
            .filter_map(Value::as_object_mut)
        {
            for (snake, camel) in [
                ("operation_id", "operationId"),
                ("operation_ref", "operationRef"),
                ("request_body", "requestBody"),
            ] {
                if let Some(x) = link.remove(snake) {
                    link.insert(camel.to_string(), x);
                }
            }
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// `beslutskoll schema case|report [--out FIL]`.
pub fn run(vad: Vad, out: Option<&Path>) -> ExitCode {
    let schema = match vad {
        Vad::Case => case_schema(),
        Vad::Report => report_schema(),
    };
    let text = text(&schema);
    match out {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("fel: kan inte skriva `{}`: {e}", path.display());
                ExitCode::from(2)
            }
        },
    }
}
