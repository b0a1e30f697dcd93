//! The investigation checklist for a case: what a good investigation of the insatser in
//! the case contains (`shared/domain/investigation-checklists.md`, parts A.4 and B),
//! each item with its state in this case: done, missing or not needed.
//!
//! An item names the case fields that show it was done. It is *missing* when one of
//! them is empty or when a finding of the report (an error or a warning that is not
//! acknowledged) points at one of them; *done* when all are filled and no finding
//! points there; *not needed* when the item does not apply to this case (the child's
//! view for an adult, kommunicering before a decision that grants all that was asked).
//! The checklist adds no judgement of its own: what is wrong in a filled field is for
//! the rules to say, and their findings are what turn a filled item into a missing one.
//!
//! Shared by the service (`POST /v1/checklist`, the form page) and anything else that
//! shows a checklist; it depends on the case model and the report only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::case::{Case, Insats, Lag, Utfall};
use crate::report::{Report, Severity};

/// One item's state in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// The fields are filled and no finding points at them.
    Klar,
    /// A field is empty, or a finding points at one.
    Saknas,
    /// The item does not apply to this case.
    BehovsInte,
}

/// One item of the checklist, with its state in the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChecklistItem {
    /// The item's mark in the checklists (`G4`, `B.7`).
    pub id: String,
    /// What a good investigation contains, in Swedish.
    pub text: String,
    /// What the item rests on (provision or practice).
    pub grund: String,
    /// Case paths that show the item was done (`beslut[].mal`: every decision's goal).
    pub falt: Vec<String>,
    /// `klar`, `saknas` or `behovs_inte`.
    pub state: ItemState,
    /// Why the item has its state, in Swedish.
    pub skal: String,
    /// Rules whose findings point at the item's fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regler: Vec<String>,
}

/// The checklist of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Checklist {
    /// The insatser the checklist covers (applied for or decided), by id.
    pub insatser: Vec<String>,
    /// Whether the applicant was a child (under 18) on the day of the application.
    pub barn: bool,
    pub items: Vec<ChecklistItem>,
}

/// When an item applies.
#[derive(Clone, Copy)]
enum Applies {
    Always,
    Lss,
    Child,
    /// At least one decision grants something (or has no outcome yet).
    Granting,
    /// At least one decision refuses all or part of what was asked.
    Adverse,
}

struct Def {
    id: &'static str,
    text: &'static str,
    grund: &'static str,
    fields: &'static [&'static str],
    applies: Applies,
    /// Only for cases with one of these insatser; empty: every case.
    insatser: &'static [Insats],
}

const fn def(
    id: &'static str,
    text: &'static str,
    grund: &'static str,
    fields: &'static [&'static str],
    applies: Applies,
) -> Def {
    Def {
        id,
        text,
        grund,
        fields,
        applies,
        insatser: &[],
    }
}

const fn for_insats(
    id: &'static str,
    insatser: &'static [Insats],
    text: &'static str,
    grund: &'static str,
    fields: &'static [&'static str],
) -> Def {
    Def {
        id,
        text,
        grund,
        fields,
        applies: Applies::Always,
        insatser,
    }
}

/// The generic content (A.4), the decision (B rows) and the insats-specific steps, in
/// the order a handläggare meets them.
const ITEMS: &[Def] = &[
    def(
        "G1",
        "Vad som söks, av vem och när",
        "23 § förvaltningslagen",
        &["ansokan.datum", "ansokan.sokt_av", "ansokan.insatser"],
        Applies::Always,
    ),
    def(
        "G2",
        "Personkrets och underlaget för den",
        "1 § LSS",
        &["sokande.personkrets", "underlag"],
        Applies::Lss,
    ),
    def(
        "G3",
        "Nuvarande situation: boende, familj, skola eller arbete, hälsa",
        "23 § förvaltningslagen",
        &["utredning.texter.bakgrund"],
        Applies::Always,
    ),
    def(
        "G3b",
        "Annat stöd: Försäkringskassan, vården, skolan, andra insatser",
        "behovet tillgodoses inte på annat sätt (7 § LSS; socialtjänstlagen)",
        &["utredning.texter.ovrigt_stod"],
        Applies::Always,
    ),
    def(
        "G4",
        "Den enskildes egen inställning och önskemål",
        "8 § LSS; god praxis (IBIC)",
        &["utredning.texter.egen_installning"],
        Applies::Always,
    ),
    def(
        "G5",
        "Behoven, område för område, med resurser och begränsningar",
        "23 § förvaltningslagen; god praxis (IBIC)",
        &["utredning.texter.behov"],
        Applies::Always,
    ),
    def(
        "G6",
        "Barnets egen inställning, eller varför den inte kunde fås",
        "8 § andra stycket LSS; barnets rätt att komma till tals (socialtjänstlagen)",
        &["utredning.texter.barnets_installning"],
        Applies::Child,
    ),
    def(
        "G6b",
        "Analys av barnets bästa",
        "6 a § LSS; 1 kap. 2 § socialtjänstlagen (2001:453)",
        &["utredning.texter.barnets_basta"],
        Applies::Child,
    ),
    def(
        "G6c",
        "Ett samtal eller möte där barnet själv deltog",
        "god praxis (JO 1639-2016)",
        &["utredning.kontakter"],
        Applies::Child,
    ),
    def(
        "G7",
        "Underlag från andra (läkare, skola, arbetsterapeut)",
        "23 § förvaltningslagen; god praxis",
        &["underlag"],
        Applies::Always,
    ),
    def(
        "G8",
        "Bedömning av varje villkor med omständigheterna i ärendet",
        "32 § förvaltningslagen",
        &["utredning.texter.bedomning"],
        Applies::Always,
    ),
    def(
        "G10",
        "Kommunicering före ett beslut som går emot den sökande",
        "25 § förvaltningslagen",
        &["utredning.kommunicering.skickad"],
        Applies::Adverse,
    ),
    def(
        "G11",
        "Datum: utredningen påbörjad och avslutad, kontakter",
        "9 och 11 §§ förvaltningslagen",
        &[
            "utredning.paborjad",
            "utredning.avslutad",
            "utredning.kontakter",
        ],
        Applies::Always,
    ),
    for_insats(
        "B.2",
        &[Insats::PersonligAssistans],
        "Tid per grundläggande behov och per andra personliga behov",
        "9 a § LSS",
        &["utredning.behov"],
    ),
    for_insats(
        "B.3",
        &[
            Insats::Ledsagarservice,
            Insats::Kontaktperson,
            Insats::Ledsagning,
            Insats::Kontaktfamilj,
        ],
        "Intressen, och vilka aktiviteter det gäller",
        "god praxis (9 § 3 och 4 LSS)",
        &["sokande.intressen"],
    ),
    for_insats(
        "B.6",
        &[
            Insats::Korttidsvistelse,
            Insats::Avlosarservice,
            Insats::Avlosning,
        ],
        "Syftet för den enskilde själv, och önskad form och tid",
        "god praxis (9 § 5 och 6 LSS)",
        &["ansokan.onskemal"],
    ),
    for_insats(
        "B.7",
        &[Insats::Korttidstillsyn],
        "Skolgång, och barnets ålder under hela perioden (över 12 år)",
        "9 § 7 LSS",
        &["sokande.sysselsattning", "sokande.fodelsedatum"],
    ),
    for_insats(
        "B.8",
        &[
            Insats::BoendeBarn,
            Insats::BostadVuxna,
            Insats::SarskiltBoende,
        ],
        "Sökt boendeform och plats, och varför nuvarande boende inte räcker",
        "god praxis (HFD 2011 ref. 48)",
        &["ansokan.onskemal"],
    ),
    for_insats(
        "B.10",
        &[Insats::DagligVerksamhet],
        "Sysselsättning: inget förvärvsarbete och ingen utbildning",
        "9 § 10 LSS",
        &["sokande.sysselsattning"],
    ),
    def(
        "G9",
        "Mål för insatsen, så konkret att det kan följas upp",
        "god praxis (IBIC)",
        &["beslut[].mal"],
        Applies::Granting,
    ),
    def(
        "B1",
        "Beslutets omfattning och från när det gäller",
        "32 § förvaltningslagen",
        &["beslut[].omfattning", "beslut[].giltig_fran"],
        Applies::Granting,
    ),
    def(
        "B2",
        "Motivering med omständigheterna i ärendet",
        "32 § förvaltningslagen",
        &["beslut[].motivering"],
        Applies::Always,
    ),
    def(
        "B3",
        "Lagrum",
        "32 § förvaltningslagen",
        &["beslut[].lagrum"],
        Applies::Always,
    ),
    def(
        "B4",
        "Datum för uppföljning",
        "god praxis (JO 589-2016)",
        &["beslut[].uppfoljning"],
        Applies::Granting,
    ),
    def(
        "B5",
        "Hur man överklagar",
        "33 § förvaltningslagen",
        &["beslut[].overklagandehanvisning"],
        Applies::Adverse,
    ),
];

/// The checklist of `case`, its states taken from the case and from `report` (the
/// report of the same case).
pub fn checklist(case: &Case, report: &Report) -> Checklist {
    let value = serde_json::to_value(case).unwrap_or(Value::Null);
    let mut insatser: Vec<Insats> = case
        .ansokan
        .insatser
        .iter()
        .map(|s| s.insats)
        .chain(case.beslut.iter().map(|b| b.insats))
        .collect();
    insatser.sort();
    insatser.dedup();
    let child = is_child(case);
    let items = ITEMS
        .iter()
        .filter(|d| d.insatser.is_empty() || d.insatser.iter().any(|i| insatser.contains(i)))
        .map(|d| item(d, case, &value, report, child))
        .collect();
    Checklist {
        insatser: insatser.iter().map(|i| i.id().to_string()).collect(),
        barn: child,
        items,
    }
}

fn item(d: &Def, case: &Case, value: &Value, report: &Report, child: bool) -> ChecklistItem {
    let falt: Vec<String> = d.fields.iter().map(|f| f.to_string()).collect();
    let make = |state, skal: String, regler| ChecklistItem {
        id: d.id.into(),
        text: d.text.into(),
        grund: d.grund.into(),
        falt: falt.clone(),
        state,
        skal,
        regler,
    };
    if let Some(why) = not_needed(d.applies, case, child) {
        return make(ItemState::BehovsInte, why.into(), Vec::new());
    }
    let mut regler: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none() && f.severity != Severity::Info)
        .filter(|f| d.fields.iter().any(|field| points_at(&f.path, field)))
        .map(|f| f.rule.clone())
        .collect();
    regler.dedup();
    let empty: Vec<&str> = d
        .fields
        .iter()
        .copied()
        .filter(|f| !filled(value, f))
        .collect();
    if !empty.is_empty() {
        let skal = format!("Inte ifyllt: {}.", empty.join(", "));
        return make(ItemState::Saknas, skal, regler);
    }
    if !regler.is_empty() {
        let skal = format!(
            "Ifyllt, men {} pekar hit.",
            if regler.len() == 1 {
                "en anmärkning".to_string()
            } else {
                format!("{} anmärkningar", regler.len())
            }
        );
        return make(ItemState::Saknas, skal, regler);
    }
    make(
        ItemState::Klar,
        "Ifyllt, och ingen anmärkning pekar hit.".into(),
        regler,
    )
}

fn not_needed(applies: Applies, case: &Case, child: bool) -> Option<&'static str> {
    let granting = |b: &crate::case::Beslut| b.utfall != Some(Utfall::Avslag);
    let adverse = |b: &crate::case::Beslut| {
        matches!(b.utfall, Some(Utfall::Avslag) | Some(Utfall::DelvisBifall))
    };
    match applies {
        Applies::Always => None,
        Applies::Lss if case.arende.lag != Lag::Lss => Some("Gäller bara ärenden enligt LSS."),
        Applies::Child if !child => Some("Gäller bara när den sökande är ett barn."),
        Applies::Granting if !case.beslut.is_empty() && !case.beslut.iter().any(granting) => {
            Some("Gäller bara beslut som beviljar en insats.")
        }
        Applies::Adverse if !case.beslut.iter().any(adverse) => {
            Some("Gäller bara beslut som helt eller delvis går emot den sökande.")
        }
        _ => None,
    }
}

/// Under 18 on the day of the application.
fn is_child(case: &Case) -> bool {
    age(case.sokande.fodelsedatum, case.ansokan.datum) < 18
}

fn age(born: NaiveDate, on: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

/// Whether a finding's path (`beslut[0].motivering`) lies at or under a checklist
/// field (`beslut[].motivering`).
fn points_at(path: &str, field: &str) -> bool {
    let path = without_indices(path);
    let field = field.replace("[]", "");
    path == field
        || path
            .strip_prefix(field.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
}

/// `beslut[0].motivering` and `beslut.0.motivering` (both occur) as `beslut.motivering`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            c if !in_index => out.push(c),
            _ => {}
        }
    }
    out.split('.')
        .filter(|seg| seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(".")
}

/// Whether the field at `path` holds something: not missing, not null, not blank
/// text, not an empty list, not `false`. `a[].b`: every element of the list `a` has
/// `b` filled, and the list is not empty.
fn filled(value: &Value, path: &str) -> bool {
    match path.split_once('.') {
        Some((head, rest)) => match head.strip_suffix("[]") {
            Some(list) => match value.get(list) {
                Some(Value::Array(items)) if !items.is_empty() => {
                    items.iter().all(|i| filled(i, rest))
                }
                _ => false,
            },
            None => value.get(head).is_some_and(|v| filled(v, rest)),
        },
        None => match value.get(path.trim_end_matches("[]")) {
            None | Some(Value::Null) | Some(Value::Bool(false)) => false,
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::Object(o)) => !o.is_empty(),
            Some(_) => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Category, Finding};

    fn case(text: &str) -> Case {
        crate::case::read_case("t.yaml", text).unwrap().case
    }

    const CHILD: &str = "
arende: {id: X, lag: LSS}
sokande: {namn: Noah, fodelsedatum: 2016-02-03, personkrets: [1]}
ansokan:
  datum: 2026-05-04
  sokt_av: vardnadshavare
  insatser: [{insats: korttidsvistelse}]
utredning:
  texter:
    bakgrund: Noah bor med sin mamma.
beslut:
  - insats: korttidsvistelse
    datum: 2026-06-22
    utfall: bifall
    mal: Miljöombyte.
";

    fn state(list: &Checklist, id: &str) -> ItemState {
        list.items.iter().find(|i| i.id == id).unwrap().state
    }

    fn report(findings: Vec<Finding>) -> Report {
        Report {
            case: "X".into(),
            rulesets: Vec::new(),
            findings,
            summary: Default::default(),
            source: None,
        }
    }

    #[test]
    fn a_child_gets_the_child_items_and_the_insats_items() {
        let c = case(CHILD);
        let list = checklist(&c, &report(Vec::new()));
        assert!(list.barn);
        assert_eq!(list.insatser, ["korttidsvistelse"]);
        assert_eq!(state(&list, "G3"), ItemState::Klar);
        assert_eq!(state(&list, "G6b"), ItemState::Saknas);
        assert_eq!(state(&list, "G9"), ItemState::Klar);
        assert_eq!(state(&list, "B.6"), ItemState::Saknas);
        // A decision that grants what was asked needs no kommunicering.
        assert_eq!(state(&list, "G10"), ItemState::BehovsInte);
        assert!(list.items.iter().all(|i| i.id != "B.7"));
    }

    #[test]
    fn an_adult_needs_no_child_items() {
        let c = case(&CHILD.replace("2016-02-03", "1990-01-01"));
        let list = checklist(&c, &report(Vec::new()));
        assert!(!list.barn);
        assert_eq!(state(&list, "G6"), ItemState::BehovsInte);
        assert_eq!(state(&list, "G6b"), ItemState::BehovsInte);
    }

    #[test]
    fn a_finding_on_a_filled_field_makes_it_missing() {
        let c = case(CHILD);
        let f = Finding::new(
            "x.y",
            Category::Investigation,
            Severity::Warning,
            "utredning.texter.bakgrund",
            "Bakgrunden är en mall.",
        );
        let list = checklist(&c, &report(vec![f]));
        let g3 = list.items.iter().find(|i| i.id == "G3").unwrap();
        assert_eq!(g3.state, ItemState::Saknas);
        assert_eq!(g3.regler, ["x.y"]);
    }

    #[test]
    fn paths_match_by_field_not_by_prefix_of_a_word() {
        assert!(points_at("beslut[0].motivering", "beslut[].motivering"));
        assert!(points_at("beslut.0.motivering", "beslut[].motivering"));
        assert!(points_at(
            "utredning.kontakter[2].med",
            "utredning.kontakter"
        ));
        assert!(!points_at("utredning.texter.behov", "utredning.behov"));
        assert!(!points_at("beslut[0]", "beslut[].mal"));
    }

    #[test]
    fn filled_means_something_is_there() {
        let v = serde_json::json!({"a": [{"b": "x"}, {"b": " "}], "c": false, "d": []});
        assert!(!filled(&v, "a[].b"));
        assert!(filled(&serde_json::json!({"a": [{"b": "x"}]}), "a[].b"));
        assert!(!filled(&v, "c"));
        assert!(!filled(&v, "d"));
        assert!(!filled(&v, "e.f"));
    }
}
