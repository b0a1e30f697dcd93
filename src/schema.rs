//! The case as the rule language sees it: the static description of every field a
//! rule may name ([`ROOT`], from the rule-language crate) and the [`Node`] tree a
//! [`Case`] becomes for evaluation.
//!
//! [`tree`] builds the matching [`Node`] tree, fields in schema order; `// INVARIANT:`
//! the two must list the same fields in the same order (a test walks both).

use chrono::NaiveDate;

pub use beslutskoll_sprak::schema::*;

use crate::case::{Beslut, Case, Insats, Kon, Omrade, SoktAv, Sysselsattning, Utfall};

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
