//! The case as the rule language sees it: a static description of every field a rule
//! may name ([`ROOT`]), and the [`Node`] tree a [`Case`] becomes for evaluation.
//!
//! The checker resolves a path such as `sokande.fodelsedatum` against [`ROOT`] at
//! load time into field indices, so a misspelt field is a load error and evaluation
//! never looks a name up. [`tree`] builds the matching [`Node`] tree, fields in
//! schema order; `// INVARIANT:` the two must list the same fields in the same order
//! (a test walks both).

use chrono::NaiveDate;

use crate::case::{Beslut, Case, Insats, Kon, Omrade, SoktAv, Sysselsattning, Utfall};

/// The type of a case field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldTy {
    Bool,
    Num,
    Text,
    Date,
    /// Text restricted to the listed values.
    Enum(&'static [&'static str]),
    List(&'static FieldTy),
    Record(&'static Record),
}

/// A record type: its name (for messages) and its fields in tree order.
#[derive(Debug, PartialEq)]
pub struct Record {
    pub name: &'static str,
    pub fields: &'static [Field],
}

#[derive(Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldTy,
    /// One Swedish line for `explain` and error help.
    pub doc: &'static str,
}

impl Record {
    pub fn field(&self, name: &str) -> Option<(usize, &'static Field)> {
        self.fields.iter().enumerate().find(|(_, f)| f.name == name)
    }
}

pub const LAG: &[&str] = &["LSS", "SoL"];
pub const KON: &[&str] = &["flicka", "pojke", "kvinna", "man", "annat", "okant"];
pub const SYSSELSATTNING: &[&str] = &["skola", "studier", "arbete", "ingen"];
pub const SOKT_AV: &[&str] = &[
    "sokande",
    "vardnadshavare",
    "ombud",
    "god_man",
    "forvaltare",
];
pub const UTFALL: &[&str] = &["bifall", "delvis_bifall", "avslag"];
pub const KONTAKT_FORM: &[&str] = &["hembesok", "besok", "telefon", "digitalt", "brev"];
pub const INSATS: &[&str] = &[
    "rad_och_stod",
    "personlig_assistans",
    "ledsagarservice",
    "kontaktperson",
    "avlosarservice",
    "korttidsvistelse",
    "korttidstillsyn",
    "boende_barn",
    "bostad_vuxna",
    "daglig_verksamhet",
    "kontaktfamilj",
    "ekonomiskt_bistand",
    "hemtjanst",
    "ledsagning",
    "avlosning",
    "sarskilt_boende",
];
pub const OMRADE: &[&str] = &[
    "larande",
    "allmanna_uppgifter",
    "kommunikation",
    "forflyttning",
    "personlig_vard",
    "hemliv",
    "relationer",
    "samhallsgemenskap",
    "halsa",
    "andning",
    "maltider",
    "overvakning",
];

const fn f(name: &'static str, ty: FieldTy, doc: &'static str) -> Field {
    Field { name, ty, doc }
}

use FieldTy::{Bool, Date, Num, Text};

pub static ARENDE: Record = Record {
    name: "arende",
    fields: &[
        f("id", Text, "ärendets id"),
        f(
            "lag",
            FieldTy::Enum(LAG),
            "lagen ärendet gäller: LSS eller SoL",
        ),
        f("kommun", Text, "kommunen"),
        f("handlaggare", Text, "handläggarens namn"),
    ],
};

pub static PERSON: Record = Record {
    name: "person",
    fields: &[f("namn", Text, "namn")],
};

pub static OMBUD: Record = Record {
    name: "ombud",
    fields: &[
        f("namn", Text, "ombudets namn"),
        f("fullmakt", Bool, "om fullmakt finns"),
    ],
};

pub static SOKANDE: Record = Record {
    name: "sokande",
    fields: &[
        f("namn", Text, "sökandens namn"),
        f("fodelsedatum", Date, "sökandens födelsedatum"),
        f(
            "kon",
            FieldTy::Enum(KON),
            "kön: flicka, pojke, kvinna, man, annat, okant",
        ),
        f(
            "personkrets",
            FieldTy::List(&Num),
            "personkretsar enligt 1 § LSS (1, 2, 3)",
        ),
        f(
            "vardnadshavare",
            FieldTy::List(&FieldTy::Record(&PERSON)),
            "vårdnadshavare",
        ),
        f("ombud", FieldTy::Record(&OMBUD), "ombud"),
        f("intressen", Text, "intressen"),
        f(
            "sysselsattning",
            FieldTy::Enum(SYSSELSATTNING),
            "skola, studier, arbete eller ingen",
        ),
        f("personnummer", Text, "personnummer (tillägg till format 1)"),
    ],
};

pub static SOKT_INSATS: Record = Record {
    name: "ansokan.insatser",
    fields: &[
        f("insats", FieldTy::Enum(INSATS), "sökt insats"),
        f("omfattning", Text, "sökt omfattning"),
        f("form", Text, "sökt form"),
    ],
};

pub static ANSOKAN: Record = Record {
    name: "ansokan",
    fields: &[
        f("datum", Date, "ansökans datum"),
        f("sokt_av", FieldTy::Enum(SOKT_AV), "vem som ansökt"),
        f(
            "insatser",
            FieldTy::List(&FieldTy::Record(&SOKT_INSATS)),
            "sökta insatser",
        ),
        f("onskemal", Text, "sökandens önskemål"),
    ],
};

pub static UNDERLAG: Record = Record {
    name: "underlag",
    fields: &[
        f("typ", Text, "typ av underlag, t.ex. lakarintyg"),
        f(
            "datum",
            Date,
            "underlagets datum (för ett beslut beslutsdagen, för underrattelse_fk dagen den skickades)",
        ),
        f("utfardare", Text, "vem som utfärdat underlaget"),
        f(
            "insats",
            FieldTy::Enum(INSATS),
            "insatsen ett tidigare beslut gällde (tillägg till format 1)",
        ),
        f(
            "utfall",
            FieldTy::Enum(UTFALL),
            "ett tidigare besluts utfall: bifall, delvis_bifall eller avslag (tillägg till format 1)",
        ),
        f(
            "omfattning",
            Text,
            "ett tidigare besluts omfattning (tillägg till format 1)",
        ),
        f(
            "giltig_fran",
            Date,
            "ett tidigare beslut gällde från (tillägg till format 1)",
        ),
        f(
            "giltig_till",
            Date,
            "ett tidigare beslut gällde till; saknas: utan slutdatum (tillägg till format 1)",
        ),
    ],
};

pub static KONTAKT: Record = Record {
    name: "utredning.kontakter",
    fields: &[
        f("datum", Date, "kontaktens datum"),
        f(
            "form",
            FieldTy::Enum(KONTAKT_FORM),
            "hembesok, besok, telefon, digitalt, brev",
        ),
        f("med", FieldTy::List(&Text), "vilka som deltog"),
    ],
};

pub static TEXTER: Record = Record {
    name: "utredning.texter",
    fields: &[
        f("bakgrund", Text, "bakgrund"),
        f("behov", Text, "behov"),
        f("egen_installning", Text, "den enskildes egen inställning"),
        f("barnets_installning", Text, "barnets egen inställning"),
        f("barnets_basta", Text, "analys av barnets bästa"),
        f("ovrigt_stod", Text, "övrigt stöd som prövats"),
        f("bedomning", Text, "handläggarens bedömning"),
    ],
};

pub static BEHOV: Record = Record {
    name: "utredning.behov",
    fields: &[
        f("omrade", FieldTy::Enum(OMRADE), "livsområde (IBIC)"),
        f("beskrivning", Text, "beskrivning av behovet"),
        f("timmar_per_vecka", Num, "timmar per vecka"),
        f(
            "grundlaggande",
            Bool,
            "grundläggande behov enligt 9 a § LSS",
        ),
    ],
};

pub static KOMMUNICERING: Record = Record {
    name: "utredning.kommunicering",
    fields: &[
        f("skickad", Date, "när utredningen kommunicerades"),
        f("svar_senast", Date, "sista dag för svar"),
        f("svar", Text, "den enskildes svar"),
    ],
};

pub static UTREDNING: Record = Record {
    name: "utredning",
    fields: &[
        f("paborjad", Date, "när utredningen påbörjades"),
        f("avslutad", Date, "när utredningen avslutades"),
        f(
            "kontakter",
            FieldTy::List(&FieldTy::Record(&KONTAKT)),
            "kontakter under utredningen",
        ),
        f("texter", FieldTy::Record(&TEXTER), "utredningens texter"),
        f(
            "behov",
            FieldTy::List(&FieldTy::Record(&BEHOV)),
            "strukturerade behov",
        ),
        f(
            "kommunicering",
            FieldTy::Record(&KOMMUNICERING),
            "kommunicering före beslut",
        ),
    ],
};

pub static BESLUT: Record = Record {
    name: "beslut",
    fields: &[
        f("insats", FieldTy::Enum(INSATS), "beslutad insats"),
        f("datum", Date, "beslutsdatum"),
        f(
            "utfall",
            FieldTy::Enum(UTFALL),
            "bifall, delvis_bifall eller avslag",
        ),
        f("omfattning", Text, "beviljad omfattning"),
        f("lagrum", Text, "lagrum som beslutet anger"),
        f("giltig_fran", Date, "beslutet gäller från"),
        f("giltig_till", Date, "beslutet gäller till"),
        f("uppfoljning", Date, "datum för uppföljning"),
        f("mal", Text, "insatsens mål"),
        f("motivering", Text, "beslutets motivering"),
        f(
            "overklagandehanvisning",
            Bool,
            "om överklagandehänvisning bifogas",
        ),
        f("beslutsfattare", Text, "vem som fattar beslutet"),
    ],
};

pub static KVITTERING: Record = Record {
    name: "kvitteringar",
    fields: &[
        f("regel", Text, "regelns id"),
        f("skal", Text, "skälet"),
        f("av", Text, "vem som kvitterat"),
        f("datum", Date, "när"),
    ],
};

/// The root record: the whole case file.
pub static ROOT: Record = Record {
    name: "ärendet",
    fields: &[
        f("format", Num, "formatversion"),
        f("arende", FieldTy::Record(&ARENDE), "ärendet"),
        f("sokande", FieldTy::Record(&SOKANDE), "sökanden"),
        f("ansokan", FieldTy::Record(&ANSOKAN), "ansökan"),
        f(
            "underlag",
            FieldTy::List(&FieldTy::Record(&UNDERLAG)),
            "underlag i akten",
        ),
        f("utredning", FieldTy::Record(&UTREDNING), "utredningen"),
        f(
            "beslut",
            FieldTy::List(&FieldTy::Record(&BESLUT)),
            "beslutsutkast",
        ),
        f(
            "kvitteringar",
            FieldTy::List(&FieldTy::Record(&KVITTERING)),
            "kvitteringar",
        ),
    ],
};

/// Index of `beslut` in [`ROOT`].
pub const ROOT_BESLUT: usize = 6;
/// Index of `ansokan` in [`ROOT`] and of `insatser` in [`ANSOKAN`].
pub const ROOT_ANSOKAN: usize = 3;
pub const ANSOKAN_INSATSER: usize = 2;

/// A case value as the evaluator sees it. Text borrows from the [`Case`].
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// An optional field the case does not have.
    Missing,
    Bool(bool),
    Num(f64),
    Text(&'a str),
    Date(NaiveDate),
    List(Vec<Node<'a>>),
    /// Fields in schema order.
    Record(Vec<Node<'a>>),
}

fn text(s: &Option<String>) -> Node<'_> {
    s.as_deref().map_or(Node::Missing, Node::Text)
}

fn date(d: Option<NaiveDate>) -> Node<'static> {
    d.map_or(Node::Missing, Node::Date)
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Node<'static>) -> Node<'static> {
    v.map_or(Node::Missing, f)
}

fn kon(k: Kon) -> Node<'static> {
    Node::Text(KON[k as usize])
}

fn sys(s: Sysselsattning) -> Node<'static> {
    Node::Text(SYSSELSATTNING[s as usize])
}

fn sokt_av(s: SoktAv) -> Node<'static> {
    Node::Text(SOKT_AV[s as usize])
}

fn utfall(u: Utfall) -> Node<'static> {
    Node::Text(UTFALL[u as usize])
}

fn omrade(o: Omrade) -> Node<'static> {
    Node::Text(OMRADE[o as usize])
}

fn insats(i: Insats) -> Node<'static> {
    Node::Text(i.id())
}

/// One decision as a [`BESLUT`] record.
pub fn beslut_node(b: &Beslut) -> Node<'_> {
    Node::Record(vec![
        insats(b.insats),
        Node::Date(b.datum),
        opt(b.utfall, utfall),
        text(&b.omfattning),
        text(&b.lagrum),
        date(b.giltig_fran),
        date(b.giltig_till),
        date(b.uppfoljning),
        text(&b.mal),
        text(&b.motivering),
        opt(b.overklagandehanvisning, Node::Bool),
        text(&b.beslutsfattare),
    ])
}

/// The whole case as a [`ROOT`] record.
pub fn tree(c: &Case) -> Node<'_> {
    let s = &c.sokande;
    let u = &c.utredning;
    let t = &u.texter;
    Node::Record(vec![
        Node::Num(f64::from(c.format.unwrap_or(1))),
        Node::Record(vec![
            Node::Text(&c.arende.id),
            Node::Text(c.arende.lag.as_str()),
            text(&c.arende.kommun),
            text(&c.arende.handlaggare),
        ]),
        Node::Record(vec![
            Node::Text(&s.namn),
            Node::Date(s.fodelsedatum),
            opt(s.kon, kon),
            Node::List(
                s.personkrets
                    .iter()
                    .map(|&p| Node::Num(f64::from(p)))
                    .collect(),
            ),
            Node::List(
                s.vardnadshavare
                    .iter()
                    .map(|p| Node::Record(vec![Node::Text(&p.namn)]))
                    .collect(),
            ),
            s.ombud.as_ref().map_or(Node::Missing, |o| {
                Node::Record(vec![Node::Text(&o.namn), opt(o.fullmakt, Node::Bool)])
            }),
            text(&s.intressen),
            opt(s.sysselsattning, sys),
            text(&s.personnummer),
        ]),
        Node::Record(vec![
            Node::Date(c.ansokan.datum),
            opt(c.ansokan.sokt_av, sokt_av),
            Node::List(
                c.ansokan
                    .insatser
                    .iter()
                    .map(|i| {
                        Node::Record(vec![insats(i.insats), text(&i.omfattning), text(&i.form)])
                    })
                    .collect(),
            ),
            text(&c.ansokan.onskemal),
        ]),
        Node::List(
            c.underlag
                .iter()
                .map(|d| {
                    Node::Record(vec![
                        Node::Text(&d.typ),
                        date(d.datum),
                        text(&d.utfardare),
                        opt(d.insats, insats),
                        opt(d.utfall, utfall),
                        text(&d.omfattning),
                        date(d.giltig_fran),
                        date(d.giltig_till),
                    ])
                })
                .collect(),
        ),
        Node::Record(vec![
            date(u.paborjad),
            date(u.avslutad),
            Node::List(
                u.kontakter
                    .iter()
                    .map(|k| {
                        Node::Record(vec![
                            Node::Date(k.datum),
                            opt(k.form, |f| Node::Text(KONTAKT_FORM[f as usize])),
                            Node::List(k.med.iter().map(|m| Node::Text(m)).collect()),
                        ])
                    })
                    .collect(),
            ),
            Node::Record(vec![
                text(&t.bakgrund),
                text(&t.behov),
                text(&t.egen_installning),
                text(&t.barnets_installning),
                text(&t.barnets_basta),
                text(&t.ovrigt_stod),
                text(&t.bedomning),
            ]),
            Node::List(
                u.behov
                    .iter()
                    .map(|b| {
                        Node::Record(vec![
                            omrade(b.omrade),
                            text(&b.beskrivning),
                            opt(b.timmar_per_vecka, Node::Num),
                            opt(b.grundlaggande, Node::Bool),
                        ])
                    })
                    .collect(),
            ),
            u.kommunicering.as_ref().map_or(Node::Missing, |k| {
                Node::Record(vec![date(k.skickad), date(k.svar_senast), text(&k.svar)])
            }),
        ]),
        Node::List(c.beslut.iter().map(beslut_node).collect()),
        Node::List(
            c.kvitteringar
                .iter()
                .map(|k| {
                    Node::Record(vec![
                        Node::Text(&k.regel),
                        Node::Text(&k.skal),
                        text(&k.av),
                        date(k.datum),
                    ])
                })
                .collect(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// INVARIANT check: every record node has as many fields as its schema record.
    fn walk(node: &Node<'_>, ty: FieldTy, path: &str) {
        match (node, ty) {
            (Node::Missing, _) => {}
            (Node::Record(fields), FieldTy::Record(r)) => {
                assert_eq!(fields.len(), r.fields.len(), "{path}");
                for (n, f) in fields.iter().zip(r.fields) {
                    walk(n, f.ty, &format!("{path}.{}", f.name));
                }
            }
            (Node::List(items), FieldTy::List(inner)) => {
                for n in items {
                    walk(n, *inner, path);
                }
            }
            (Node::Text(t), FieldTy::Enum(values)) => assert!(values.contains(t), "{path}: {t}"),
            (Node::Text(_), FieldTy::Text)
            | (Node::Num(_), FieldTy::Num)
            | (Node::Bool(_), FieldTy::Bool)
            | (Node::Date(_), FieldTy::Date) => {}
            (n, t) => panic!("{path}: node {n:?} does not match {t:?}"),
        }
    }

    #[test]
    fn enum_tables_follow_the_case_enums() {
        assert_eq!(KON[Kon::Okant as usize], "okant");
        assert_eq!(UTFALL[Utfall::Avslag as usize], "avslag");
        assert_eq!(SOKT_AV[SoktAv::Forvaltare as usize], "forvaltare");
        assert_eq!(OMRADE[Omrade::Overvakning as usize], "overvakning");
        assert_eq!(SYSSELSATTNING[Sysselsattning::Ingen as usize], "ingen");
        for i in Insats::ALL {
            assert!(INSATS.contains(&i.id()));
        }
    }

    #[test]
    fn tree_matches_schema() {
        let yaml = include_str!("../examples/korttidsvistelse_bra.yaml");
        let case: Case = serde_yaml::from_str(yaml).unwrap();
        walk(&tree(&case), FieldTy::Record(&ROOT), "");
        assert_eq!(ROOT.fields[ROOT_BESLUT].name, "beslut");
        assert_eq!(ROOT.fields[ROOT_ANSOKAN].name, "ansokan");
        assert_eq!(ANSOKAN.fields[ANSOKAN_INSATSER].name, "insatser");
    }

    #[test]
    fn earlier_decisions_in_underlag_reach_the_tree() {
        let yaml = format!(
            "{}\n  - typ: tidigare_beslut\n    datum: 2019-03-01\n    insats: personlig_assistans\n    utfall: delvis_bifall\n    omfattning: \"40 timmar per vecka\"\n    giltig_fran: 2019-04-01\n    giltig_till: 2026-12-31\n  - typ: underrattelse_fk\n    datum: 2019-02-01\n",
            "arende: {id: X, lag: LSS}\nsokande: {namn: A, fodelsedatum: 1960-01-01}\nansokan: {datum: 2026-01-01}\nunderlag:"
        );
        let case: Case = serde_yaml::from_str(&yaml).unwrap();
        let root = tree(&case);
        walk(&root, FieldTy::Record(&ROOT), "");
        let (i, _) = ROOT.field("underlag").unwrap();
        let Node::Record(fields) = &root else {
            panic!("root is a record")
        };
        let Node::List(items) = &fields[i] else {
            panic!("underlag is a list")
        };
        let Node::Record(first) = &items[0] else {
            panic!("an underlag item is a record")
        };
        let at = |name: &str| &first[UNDERLAG.field(name).unwrap().0];
        assert_eq!(at("insats"), &Node::Text("personlig_assistans"));
        assert_eq!(at("utfall"), &Node::Text("delvis_bifall"));
        assert_eq!(at("omfattning"), &Node::Text("40 timmar per vecka"));
        assert_eq!(
            at("giltig_till"),
            &Node::Date(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
        );
        let Node::Record(notice) = &items[1] else {
            panic!("an underlag item is a record")
        };
        assert_eq!(notice[UNDERLAG.field("insats").unwrap().0], Node::Missing);
    }
}
