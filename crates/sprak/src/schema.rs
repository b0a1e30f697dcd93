//! The case as the rule language sees it: a static description of every field a rule
//! may name ([`ROOT`]).
//!
//! The checker resolves a path such as `sokande.fodelsedatum` against [`ROOT`] at
//! load time into field indices, so a misspelt field is a load error and evaluation
//! never looks a name up. The main crate's `schema::tree` builds the matching value
//! tree of a case, fields in schema order; `// INVARIANT:` the two must list the same
//! fields in the same order (a test there walks both).

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
