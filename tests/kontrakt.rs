//! The machine-readable contract (issue 13): the case format's JSON Schema agrees with
//! the case reader, every shipped example is valid under it, the committed schema file
//! is the generated one, and every report the examples give is valid under the
//! report's schema.
//!
//! Agreement is the heart: for the examples and for variants made from them (a key
//! dropped, misspelt or added, a value set to null, to another type, to a wrong enum
//! value or a wrong date), the reader accepts the case, written as JSON and as YAML,
//! exactly when the schema says it is valid.

use std::path::{Path, PathBuf};

#[path = "support/dokument.rs"]
mod dokument;

use beslutskoll::case;
use beslutskoll::engine::Engine;
use beslutskoll::kontrakt;
use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::{json, Value};

fn validator(schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema is not a valid JSON Schema: {e}"))
}

fn case_validator() -> Validator {
    validator(&kontrakt::case_schema())
}

/// Every case file the project ships in its own format.
fn case_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["examples", "examples/corpus"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 20, "too few examples found: {}", out.len());
    out
}

/// A YAML case as JSON data, the way an editor's schema validation sees it.
fn as_value(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(v: &Validator, doc: &Value) -> String {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn committed_schema_is_the_generated_one() {
    let generated = kontrakt::text(&kontrakt::case_schema());
    let path = beslutskoll::case::schema_json::CASE_SCHEMA_PATH;
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is not what `beslutskoll schema case` writes now; run \
         `cargo run -- schema case --out {path}` and commit it"
    );
}

#[test]
fn every_example_is_valid_and_names_the_schema() {
    let v = case_validator();
    for path in case_files() {
        let doc = as_value(&path);
        assert!(v.is_valid(&doc), "{}: {}", path.display(), errors(&v, &doc));
        case::read_case_file(&path).unwrap_or_else(|e| panic!("{}", e.to_diagnostic()));
        if path.parent() == Some(Path::new("examples")) {
            let text = std::fs::read_to_string(&path).unwrap();
            let first = text.lines().next().unwrap_or("");
            assert_eq!(
                first,
                "# yaml-language-server: $schema=../schema/arende.schema.json",
                "{}: the first line tells editors where the schema is",
                path.display()
            );
        }
    }
}

#[test]
fn the_schema_rejects_a_misspelt_key() {
    let v = case_validator();
    let mut doc = as_value(Path::new("examples/korttidsvistelse_bra.yaml"));
    let beslut = doc["beslut"].clone();
    doc.as_object_mut().unwrap().remove("beslut");
    doc["beslutt"] = beslut;
    assert!(!v.is_valid(&doc));
    doc["beslut"] = doc["beslutt"].clone();
    doc.as_object_mut().unwrap().remove("beslutt");
    assert!(v.is_valid(&doc));
    doc["beslut"][0]["motivring"] = json!("text");
    assert!(!v.is_valid(&doc));
    // … but anything goes under `extra`.
    doc["beslut"][0]
        .as_object_mut()
        .unwrap()
        .remove("motivring");
    doc["beslut"][0]["extra"] = json!({"motivring": [1, {"x": null}]});
    assert!(v.is_valid(&doc), "{}", errors(&v, &doc));
}

// ------------------------------------------------------------------ agreement

/// One step along a path into a JSON value.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every place in the case, not going inside `extra` (which takes anything).
fn places(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                at.push(Seg::Key(k.clone()));
                out.push(at.clone());
                if k != "extra" {
                    places(child, at, out);
                }
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                out.push(at.clone());
                places(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match s {
            Seg::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Seg::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// The ways a value is changed, each a likely mistake in a hand-written case.
#[derive(Debug, Clone)]
enum Change {
    Drop,
    Misspell,
    Set(Value),
    /// The value's text with something added: a wrong enum value or a wrong date.
    Append(&'static str),
    /// An unknown key, or `extra`, in the object at the place.
    AddKey(&'static str, Value),
    /// A copy of the list's first item appended, or a null.
    Push(Value),
}

fn changes() -> Vec<Change> {
    use Change::*;
    vec![
        Drop,
        Misspell,
        Set(Value::Null),
        Set(json!(5)),
        Set(json!(1.5)),
        Set(json!(true)),
        Set(json!("text")),
        Set(json!("")),
        Set(json!(" 2 ")),
        Set(json!("1")),
        Set(json!([])),
        Set(json!({})),
        Set(json!(["a"])),
        Set(json!({"namn": "A"})),
        Set(json!("2026-02-30")),
        Set(json!("2026-2-3")),
        Set(json!("2028-02-29")),
        Set(json!(20260203)),
        Set(json!("LSS")),
        Set(json!("bifall")),
        Set(json!("tidigare_beslut")),
        Append("x"),
        Append("T10:00"),
        AddKey("okand", json!(1)),
        AddKey("extra", json!({"beslutt": [1, {"x": null}]})),
        Push(Value::Null),
        Push(json!("copy")),
    ]
}

/// The case with `change` made at `place`, or `None` if it does not apply there.
fn changed(doc: &Value, place: &[Seg], change: &Change) -> Option<Value> {
    let mut out = doc.clone();
    let (last, parent_path) = place.split_last()?;
    match change {
        Change::Drop | Change::Misspell => {
            let Seg::Key(k) = last else { return None };
            let parent = get_mut(&mut out, parent_path)?.as_object_mut()?;
            let v = parent.remove(k)?;
            if matches!(change, Change::Misspell) {
                let mut wrong: Vec<char> = k.chars().collect();
                if wrong.len() > 2 {
                    wrong.swap(1, 2);
                }
                let mut wrong: String = wrong.into_iter().collect();
                if wrong == *k {
                    wrong.push('t');
                }
                parent.insert(wrong, v);
            }
        }
        Change::Set(v) => *get_mut(&mut out, place)? = v.clone(),
        Change::Append(s) => {
            let at = get_mut(&mut out, place)?;
            let text = at.as_str()?.to_string();
            *at = Value::String(text + s);
        }
        Change::AddKey(k, v) => {
            let obj = get_mut(&mut out, place)?.as_object_mut()?;
            if obj.contains_key(*k) {
                return None;
            }
            obj.insert((*k).to_string(), v.clone());
        }
        Change::Push(v) => {
            let list = get_mut(&mut out, place)?.as_array_mut()?;
            let item = if v == &json!("copy") {
                list.first()?.clone()
            } else {
                v.clone()
            };
            list.push(item);
        }
    }
    Some(out)
}

/// Counts of what the agreement check saw, so that a test cannot pass by seeing
/// nothing.
#[derive(Default, Debug)]
struct Seen {
    both_accept: usize,
    both_reject: usize,
}

/// Reader and schema agree on `doc`, written as JSON and as YAML.
fn agree(v: &Validator, doc: &Value, what: &str, seen: &mut Seen) {
    let valid = v.is_valid(doc);
    let json_text = serde_json::to_string(doc).unwrap();
    let json_read = case::read_case("ärende.json", &json_text);
    assert_eq!(
        json_read.is_ok(),
        valid,
        "{what}: the JSON reader {} but the schema {}\n{}\n{}",
        if json_read.is_ok() {
            "accepts"
        } else {
            "rejects"
        },
        if valid { "accepts" } else { "rejects" },
        json_read
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_else(|| errors(v, doc)),
        json_text
    );
    let yaml_text = serde_yaml::to_string(doc).unwrap();
    let yaml_read = case::read_case("ärende.yaml", &yaml_text);
    match (yaml_read.is_ok(), valid) {
        (true, true) => seen.both_accept += 1,
        (false, false) => seen.both_reject += 1,
        (false, true) => panic!(
            "{what}: the schema accepts but the YAML reader rejects: {}\n{yaml_text}",
            yaml_read.unwrap_err()
        ),
        (true, false) => panic!(
            "{what}: the YAML reader accepts but the schema rejects: {}\n{yaml_text}",
            errors(v, doc)
        ),
    }
}

#[test]
fn reader_and_schema_agree_on_examples_and_their_variants() {
    let v = case_validator();
    let mut seen = Seen::default();
    // A change at a place of the same shape (`beslut.#.datum`) is tried once, in the
    // first example that has the place: the sweep stays quick in a debug build, and
    // the property test below combines changes anywhere.
    let mut tried = std::collections::HashSet::new();
    for path in case_files() {
        let doc = as_value(&path);
        agree(&v, &doc, &path.display().to_string(), &mut seen);
        let mut all = Vec::new();
        places(&doc, &mut Vec::new(), &mut all);
        for place in &all {
            let shape: Vec<String> = place
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => k.clone(),
                    Seg::Index(_) => "#".to_string(),
                })
                .collect();
            if !tried.insert(shape) {
                continue;
            }
            for change in changes() {
                if let Some(variant) = changed(&doc, place, &change) {
                    let what = format!("{}: {change:?} at {place:?}", path.display());
                    agree(&v, &variant, &what, &mut seen);
                }
            }
        }
    }
    eprintln!("{seen:?}");
    assert!(
        seen.both_accept > 400 && seen.both_reject > 1000,
        "{seen:?}"
    );
}

fn example_docs() -> Vec<Value> {
    case_files().iter().map(|p| as_value(p)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Several changes at once, anywhere: the reader and the schema still agree.
    #[test]
    fn reader_and_schema_agree_on_combined_changes(
        which in any::<prop::sample::Index>(),
        steps in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..4),
    ) {
        thread_local! {
            static DOCS: Vec<Value> = example_docs();
            static VALIDATOR: Validator = case_validator();
        }
        let mut doc = DOCS.with(|d| which.get(d).clone());
        let all_changes = changes();
        let mut made = Vec::new();
        for (place, change) in steps {
            let mut all = Vec::new();
            places(&doc, &mut Vec::new(), &mut all);
            if all.is_empty() {
                break;
            }
            let place = place.get(&all).clone();
            let change = change.get(&all_changes).clone();
            if let Some(next) = changed(&doc, &place, &change) {
                made.push(format!("{change:?} at {place:?}"));
                doc = next;
            }
        }
        VALIDATOR.with(|v| agree(v, &doc, &made.join(", "), &mut Seen::default()));
    }
}

// ------------------------------------------------------------------ the report

/// The report schema with every object closed, so that a key the report writes but
/// the schema does not list is found. (The served schema leaves objects open: the
/// report may gain keys.)
fn closed(mut schema: Value) -> Value {
    fn close(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.get("type") == Some(&json!("object")) && map.contains_key("properties") {
                    map.entry("additionalProperties").or_insert(json!(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    close(&mut schema);
    schema
}

#[test]
fn every_example_report_is_valid() {
    let open = validator(&kontrakt::report_schema());
    let strict = validator(&closed(kontrakt::report_schema()));
    let engine = Engine::builtin().unwrap();
    let mut checked = 0;
    let mut with_source = 0;
    let mut reports = Vec::new();
    for path in case_files() {
        let case = case::read_case_file(&path).unwrap().case;
        reports.push((path.display().to_string(), engine.check(&case)));
        // The same case as a draft document: its report also says where each fact
        // came from (`source`).
        if let Some(paras) = dokument::paragraphs(&case) {
            let text = dokument::to_text(&paras);
            let d = case::read_text_document("utkast.txt", &text)
                .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()));
            let mut r = engine.check(&d.file.case);
            r.source = Some(d.source);
            with_source += 1;
            reports.push((format!("{} as a draft", path.display()), r));
        }
    }
    for (path, report) in reports {
        let json: Value = serde_json::from_str(&beslutskoll::render::json(&report)).unwrap();
        assert!(strict.is_valid(&json), "{path}: {}", errors(&strict, &json));
        assert!(open.is_valid(&json));
        checked += 1;
    }
    assert!(checked >= 40 && with_source >= 5, "{checked} {with_source}");
}

#[test]
fn the_report_schema_rejects_a_report_without_a_promised_key() {
    let v = validator(&kontrakt::report_schema());
    let engine = Engine::builtin().unwrap();
    let case = case::read_case_file(Path::new(
        "examples/korttidsvistelse_barn_utan_barnperspektiv.yaml",
    ))
    .unwrap()
    .case;
    let json: Value =
        serde_json::from_str(&beslutskoll::render::json(&engine.check(&case))).unwrap();
    assert!(v.is_valid(&json));
    for key in ["case", "rulesets", "findings", "summary"] {
        let mut bad = json.clone();
        bad.as_object_mut().unwrap().remove(key);
        assert!(!v.is_valid(&bad), "without {key}");
    }
    let mut bad = json.clone();
    bad["findings"][0]["severity"] = json!("fatal");
    assert!(!v.is_valid(&bad));
}

#[test]
fn a_number_where_text_belongs_is_a_located_error_saying_to_quote_it() {
    let text = std::fs::read_to_string("examples/korttidsvistelse_bra.yaml")
        .unwrap()
        .replacen("  kommun: \"Exempelkommun\"", "  kommun: 1480", 1);
    let err = case::read_case("ärende.yaml", &text).unwrap_err();
    let line = text.lines().position(|l| l == "  kommun: 1480").unwrap() + 1;
    assert_eq!((err.line(), err.column()), (line, 11), "{err}");
    assert_eq!(err.path(), Some("arende.kommun"));
    assert_eq!(
        err.help(),
        Some("skriv texten inom citattecken: `\"1480\"`")
    );
    assert!(case::read_case(
        "ärende.yaml",
        &text.replace("kommun: 1480", "kommun: \"1480\"")
    )
    .is_ok());
    let v = case_validator();
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    assert!(!v.is_valid(&doc));
}

#[test]
fn the_openapi_document_uses_the_schemas_and_links_findings_to_their_rule() {
    let doc: Value =
        serde_json::from_str(&kontrakt::openapi_text(&beslutskoll::server::openapi())).unwrap();
    let check = &doc["paths"]["/v1/check"]["post"];
    let content = &check["requestBody"]["content"];
    for media in ["application/json", "application/yaml"] {
        assert_eq!(
            content[media]["schema"]["$ref"], "#/components/schemas/Case",
            "{media}"
        );
    }
    for media in [
        "text/plain",
        "text/markdown",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ] {
        assert_eq!(content[media]["schema"]["type"], "string", "{media}");
    }
    assert_eq!(
        check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Report"
    );
    let link = &check["responses"]["200"]["links"]["regel"];
    assert_eq!(link["operationId"], "rule");
    assert_eq!(link["parameters"]["id"], "$response.body#/findings/0/rule");
    assert_eq!(doc["paths"]["/v1/rules/{id}"]["get"]["operationId"], "rule");
    assert_eq!(
        doc["paths"]["/v1/examples/{name}"]["get"]["responses"]["200"]["content"]
            ["application/yaml"]["schema"]["$ref"],
        "#/components/schemas/Case"
    );
    // The components are the schema's definitions, Swedish descriptions and all.
    let schema = kontrakt::case_schema();
    for (name, def) in schema["$defs"].as_object().unwrap() {
        let component = serde_json::to_string(&doc["components"]["schemas"][name])
            .unwrap()
            .replace("#/components/schemas/", "#/$defs/");
        assert_eq!(component, serde_json::to_string(def).unwrap(), "{name}");
    }
    // No English doc comment of the Rust types is left in the case format.
    let text = serde_json::to_string(&schema).unwrap();
    for english in [" the ", " is ", " of "] {
        assert!(!text.contains(english), "{english:?} in the case schema");
    }
}
