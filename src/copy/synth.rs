//! Generated decision texts with known near-copies, for the accuracy harness, the
//! benchmark and tests. Deterministic: the same seed gives the same texts on every
//! platform (its own splitmix64 generator, no external RNG).
//!
//! A text is a plan (one phrasing chosen per paragraph slot of its insats) rendered for
//! one invented person: name, kön, age, family, interests, needs, hours and dates. Two
//! independent texts on the same insats share only the phrasings they happen to pick.
//! A copy keeps the plan of its source and is rendered for another person (the renamed
//! copy a new handläggare makes), and then gets `edits` changes: a paragraph rephrased,
//! dropped or added. Edits spread copies over the whole range of Jaccard similarity,
//! so the harness measures the cut at 0.8 where it is hard.

use std::ops::Range;

use chrono::{Duration, NaiveDate};

use super::index::PersonKey;
use super::names::lexicon;

/// splitmix64: small, fast and fully specified.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The invented person a text is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub given: String,
    pub surname: String,
    pub girl: bool,
    pub birth: NaiveDate,
    pub decided: NaiveDate,
    pub mother: String,
    pub father: String,
    pub interest: [&'static str; 2],
    pub diagnosis: &'static str,
    pub school: &'static str,
    pub hours: u32,
    pub days: u32,
    pub kommun: &'static str,
}

impl Person {
    pub fn age(&self) -> i32 {
        super::text::age_on(self.birth, self.decided)
    }

    pub fn key(&self) -> PersonKey {
        PersonKey::new(
            None,
            Some(&format!("{} {}", self.given, self.surname)),
            Some(self.birth),
        )
    }

    /// Lower-case name words of the person and the parents.
    pub fn names(&self) -> Vec<String> {
        [&self.given, &self.surname, &self.mother, &self.father]
            .iter()
            .flat_map(|n| n.split_whitespace().map(str::to_lowercase))
            .collect()
    }
}

const INTERESTS: &[&str] = &[
    "simning",
    "ridning",
    "musik",
    "fotboll",
    "bild och form",
    "djur",
    "dans",
    "friluftsliv",
    "datorspel",
    "bakning",
    "teater",
    "cykling",
    "innebandy",
    "sång",
    "klättring",
    "pussel",
];
const DIAGNOSES: &[&str] = &[
    "autism",
    "intellektuell funktionsnedsättning",
    "cerebral pares",
    "Downs syndrom",
    "ADHD och autism",
    "epilepsi och intellektuell funktionsnedsättning",
    "en språkstörning och autism",
];
const SCHOOLS: &[&str] = &[
    "anpassad grundskola",
    "grundskola med stöd av elevassistent",
    "en särskild undervisningsgrupp",
    "anpassad gymnasieskola",
];
const KOMMUNER: &[&str] = &[
    "Exempelkommun",
    "Sjöstads kommun",
    "Norrby kommun",
    "Ådala kommun",
];

/// Given names (and below, surnames) chosen to be absent from the shipped lists, to
/// test recognition of names the lists lack.
pub const UNLISTED_GIVEN: &[&str] = &[
    "Elvina",
    "Zeynep",
    "Abdirahman",
    "Jovana",
    "Majvor",
    "Tindra",
    "Ilyas",
    "Nikolina",
    "Sixtena",
    "Edvardo",
    "Lejla",
    "Aurora-Li",
    "Kasimir",
    "Yrsa",
    "Folkvar",
];
pub const UNLISTED_SURNAMES: &[&str] = &[
    "Wahlgård",
    "Kaya",
    "Okonkwo",
    "Strandqvist",
    "Björkebo",
    "Mäkinen",
    "Lindwall",
];

fn date_between(rng: &mut Rng, from: NaiveDate, days: i64) -> NaiveDate {
    from + Duration::days(rng.below(days.max(1) as usize) as i64)
}

impl Person {
    pub fn random(rng: &mut Rng) -> Person {
        let lex = lexicon();
        let unlisted = rng.chance(0.15);
        let girl = rng.chance(0.5);
        let given = if unlisted {
            (*rng.pick(UNLISTED_GIVEN)).to_string()
        } else {
            lex.random_given(rng)
        };
        let surname = if unlisted && rng.chance(0.5) {
            (*rng.pick(UNLISTED_SURNAMES)).to_string()
        } else {
            lex.random_surname(rng)
        };
        let decided = date_between(
            rng,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            3 * 365,
        );
        let age_days = 365 * (4 + rng.below(14)) as i64 + rng.below(365) as i64;
        Person {
            given,
            mother: lex.random_given(rng),
            father: lex.random_given(rng),
            surname,
            girl,
            birth: decided - Duration::days(age_days),
            decided,
            interest: [*rng.pick(INTERESTS), *rng.pick(INTERESTS)],
            diagnosis: DIAGNOSES[rng.below(DIAGNOSES.len())],
            school: SCHOOLS[rng.below(SCHOOLS.len())],
            hours: 2 + rng.below(30) as u32,
            days: 2 + rng.below(8) as u32,
            kommun: KOMMUNER[rng.below(KOMMUNER.len())],
        }
    }
}

impl super::names::Lexicon {
    fn random_given(&self, rng: &mut Rng) -> String {
        let all = self.given_sorted();
        all[rng.below(all.len())].to_string()
    }

    fn random_surname(&self, rng: &mut Rng) -> String {
        let all = self.surnames_sorted();
        all[rng.below(all.len())].to_string()
    }
}

/// Insatser the generator writes about, with how the text names them.
pub const INSATSER: &[(&str, &str)] = &[
    ("korttidsvistelse", "korttidsvistelse"),
    ("ledsagarservice", "ledsagarservice"),
    ("kontaktperson", "kontaktperson"),
    ("avlosarservice", "avlösarservice"),
    ("personlig_assistans", "personlig assistans"),
    ("daglig_verksamhet", "daglig verksamhet"),
];

/// Paragraph slots: each a list of phrasings. `{...}` are filled from the person.
const SLOTS: &[&[&str]] = &[
    // 0 opening
    &[
        "{Namn} {Efternamn} ansöker genom sina vårdnadshavare om {insats} enligt LSS.",
        "Vårdnadshavarna {mamma} och {pappa} {Efternamn} har ansökt om {insats} för {namn}.",
        "Ansökan gäller {insats} för {namn}, som är {ålder} år och bor med sina föräldrar i {kommun}.",
        "{mamma} {Efternamn} har den {datum1} lämnat in en ansökan om {insats} för sin {barn} {namn}.",
        "Nämnden har tagit emot en ansökan om {insats} för {namn} {Efternamn}, {ålder} år.",
    ],
    // 1 diagnosis and personkrets
    &[
        "{Namn} har diagnosen {diagnos} och tillhör personkretsen enligt 1 § 1 LSS.",
        "Av läkarintyget framgår att {namn} har {diagnos}, vilket innebär att {hon} ingår i personkretsen.",
        "{Hon} har {diagnos} och har sedan tidigare bedömts tillhöra personkrets 1 enligt LSS.",
        "Utredningen visar att {namn} har {diagnos} och att funktionsnedsättningen är varaktig och omfattande.",
        "{Namnets} diagnos {diagnos} är styrkt genom utlåtande från habiliteringen.",
    ],
    // 2 school and everyday life
    &[
        "{Hon} går i {skola} och behöver stöd i de flesta av dagens aktiviteter.",
        "{Namn} går i {skola} och har svårt att klara övergångar mellan aktiviteter.",
        "Under skoldagen går {namn} i {skola} där {hon} har en vuxen nära sig hela tiden.",
        "{Hon} går i {skola}; föräldrarna beskriver att eftermiddagarna är den svåraste tiden.",
        "Enligt skolan fungerar {namn} bäst i små grupper med tydlig struktur.",
    ],
    // 3 needs
    &[
        "{Namn} behöver hjälp med av- och påklädning, måltider och personlig hygien och kan inte lämnas ensam.",
        "{Hon} behöver tillsyn dygnet runt eftersom {hon} saknar förståelse för faror i trafiken.",
        "Föräldrarna uppger att {namn} sover oroligt och ofta vaknar flera gånger per natt.",
        "{Namn} kommunicerar med bildstöd och enstaka ord och behöver en van vuxen för att bli förstådd.",
        "{Hon} har svårt att reglera sina känslor och behöver stöd för att hantera förändringar.",
    ],
    // 4 family situation
    &[
        "Familjen består av {namn}, {mamma}, {pappa} och två yngre syskon.",
        "{mamma} arbetar heltid och {pappa} arbetar skift, vilket gör att vardagen är pressad.",
        "Föräldrarna beskriver att de behöver avlastning för att orka och för att kunna ge syskonen tid.",
        "{pappa} har varit sjukskriven en period och familjen har begränsat nätverk i {kommun}.",
        "Familjen har inget nätverk som kan ge avlastning, och far- och morföräldrar bor långt bort.",
    ],
    // 5 interests and wishes
    &[
        "{Namn} tycker om {intresse1} och {intresse2} och vill gärna göra det tillsammans med andra.",
        "{Hon} önskar att få ägna sig åt {intresse1} på fritiden utan sina föräldrar.",
        "Vid hembesöket den {datum2} berättade {namn} med bildstöd att {hon} tycker om {intresse1}.",
        "{Namnets} stora intresse är {intresse1}, och {hon} har också börjat intressera sig för {intresse2}.",
        "{Namn} vill enligt vårdnadshavarna träffa jämnåriga och prova på {intresse2}.",
    ],
    // 6 the child's view
    &[
        "{Namn} har fått information om ansökan anpassad efter {hennes} ålder och mognad.",
        "Handläggaren har träffat {namn} vid två tillfällen för att ta reda på {hennes} egen inställning.",
        "{Namn} har inte kunnat uttrycka en egen åsikt om insatsen, men {hennes} reaktioner har beskrivits av föräldrarna.",
        "{Hon} har uttryckt att {hon} vill vara med och bestämma vad {hon} ska göra under insatsen.",
        "Barnets inställning har inhämtats genom samtal med bildstöd den {datum2}.",
    ],
    // 7 insats-specific need
    &[
        "Behovet av {insats} motiveras av att {namn} behöver stimulans och miljöombyte utanför familjen.",
        "{insatsen} skulle ge {namn} möjlighet att utvecklas och bli mer självständig.",
        "Föräldrarna bedömer att {insats} omfattande {timmar} timmar per månad skulle räcka.",
        "Ansökan avser {insats} {dygn} dygn per månad, vilket familjen bedömer som nödvändigt.",
        "Utan {insats} riskerar {namn} att bli isolerad eftersom {hon} inte kan delta i aktiviteter på egen hand.",
    ],
    // 8 other support
    &[
        "{Namn} har sedan tidigare kontakt med habiliteringen och får stöd i skolan.",
        "Familjen har omvårdnadsbidrag från Försäkringskassan.",
        "Annat stöd som har övervägts är råd och stöd från habiliteringen, som inte bedöms tillgodose behovet.",
        "{Namn} har inga andra insatser enligt LSS i dag.",
        "Skolan har anpassat undervisningen men kan inte ge stöd på fritiden.",
    ],
    // 9 assessment
    &[
        "Nämnden bedömer att {namn} har behov av {insats} för att tillförsäkras goda levnadsvillkor.",
        "Sammantaget bedöms {namnets} behov inte kunna tillgodoses på annat sätt än genom {insats}.",
        "Mot bakgrund av {hennes} omfattande behov av stöd bedöms {insats} vara en lämplig insats.",
        "Nämnden gör bedömningen att behovet delvis kan tillgodoses genom {insats} i den omfattning som anges nedan.",
        "Utifrån utredningen bedöms {namn} ha rätt till {insats} enligt 9 § LSS.",
    ],
    // 10 best interests of the child
    &[
        "Beslutet bedöms vara förenligt med barnets bästa eftersom {namn} får möjlighet till {intresse1} och nya kontakter.",
        "Vid bedömningen av barnets bästa har nämnden vägt {hennes} önskan om {intresse2} mot behovet av trygghet.",
        "Barnets bästa har beaktats genom att insatsen utformas så att {namn} får samma personal vid varje tillfälle.",
        "Nämnden bedömer att insatsen ger {namn} en meningsfull fritid och därmed är till {hennes} bästa.",
        "En analys av barnets bästa visar att insatsen stärker {hennes} självständighet.",
    ],
    // 11 scope and time
    &[
        "Insatsen beviljas från den {datum3} och omfattar {timmar} timmar per månad.",
        "Beslutet gäller till och med den {datum4} och följs upp senast i {månad}.",
        "{insatsen} beviljas {dygn} dygn per månad och följs upp efter sex månader.",
        "Beslutet är tidsbegränsat till den {datum4} eftersom {hennes} behov kan förändras när {hon} byter skola.",
        "Omfattningen {timmar} timmar per månad bedöms tillgodose behovet tills vidare.",
    ],
    // 12 goal
    &[
        "Målet med insatsen är att {namn} ska få en aktiv fritid och att föräldrarna ska få avlösning.",
        "Målet är att {namn} på sikt ska kunna delta i {intresse1} med mindre stöd.",
        "Insatsen syftar till att ge {namn} miljöombyte och nya sociala kontakter.",
        "Syftet är att {namn} ska få möjlighet att utveckla sin självständighet utanför familjen.",
        "Målet följs upp tillsammans med {namn} och vårdnadshavarna i {månad}.",
    ],
    // 13 closing
    &[
        "Nämnden har vid sin bedömning tagit hänsyn till vad {namn} och vårdnadshavarna har framfört.",
        "Beslutet har föregåtts av kommunicering med vårdnadshavarna den {datum2}.",
        "Vårdnadshavarna har tagit del av utredningen och har inte haft något att tillägga.",
        "Uppföljning sker genom samtal med {namn} och {hennes} vårdnadshavare.",
        "Beslutet kan ändras om {namnets} behov förändras.",
    ],
];

/// Extra sentences an editor may add to a copy.
const EXTRAS: &[&str] = &[
    "Vid uppföljningen ska det särskilt belysas hur {namn} trivs med personalen.",
    "{Hon} har under hösten haft en period med mycket oro och behövt extra stöd på morgnarna.",
    "Föräldrarna har framfört önskemål om att insatsen ska förläggas till helger.",
    "Nämnden noterar att {namn} har svårt med långa resor och att insatsen bör ges nära hemmet.",
    "Det har inte framkommit något som talar emot att insatsen ges i den omfattning som söks.",
    "Skolan har bekräftat att {namn} behöver en vuxen som känner {henne} väl.",
    "{Namn} har tidigare prövat en fritidsverksamhet men avbrutit den efter några veckor.",
    "Vårdnadshavarna har uppgett att {namn} mår bättre när dagarna har en fast rytm.",
];

/// Which phrasing each slot uses (`None`: the slot is left out) and added sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub insats: usize,
    pub slots: Vec<Option<usize>>,
    pub extras: Vec<(usize, usize)>,
}

impl Plan {
    pub fn random(rng: &mut Rng) -> Plan {
        let insats = rng.below(INSATSER.len());
        let slots = SLOTS
            .iter()
            .enumerate()
            .map(|(i, alts)| {
                // Opening, assessment and scope are always there; others mostly.
                let always = matches!(i, 0 | 9 | 11);
                (always || rng.chance(0.85)).then(|| rng.below(alts.len()))
            })
            .collect();
        Plan {
            insats,
            slots,
            extras: Vec::new(),
        }
    }

    /// The plan after `n` edits: a paragraph rephrased, dropped or added.
    pub fn edited(&self, rng: &mut Rng, n: usize) -> Plan {
        let mut p = self.clone();
        for _ in 0..n {
            let slot = rng.below(SLOTS.len());
            match rng.below(3) {
                0 => {
                    let alts = SLOTS[slot].len();
                    let cur = p.slots[slot].unwrap_or(0);
                    p.slots[slot] = Some((cur + 1 + rng.below(alts - 1)) % alts);
                }
                1 if !matches!(slot, 0 | 9 | 11) => p.slots[slot] = None,
                _ => p.extras.push((slot, rng.below(EXTRAS.len()))),
            }
        }
        p
    }

    /// The text of this plan about `person`, with the byte spans of every name in it.
    pub fn render(&self, person: &Person) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut names = Vec::new();
        for (i, alt) in self.slots.iter().enumerate() {
            if let Some(a) = alt {
                fill(&mut text, &mut names, SLOTS[i][*a], person, self.insats);
            }
            for (_, e) in self.extras.iter().filter(|(s, _)| *s == i) {
                fill(&mut text, &mut names, EXTRAS[*e], person, self.insats);
            }
            if i % 4 == 3 {
                text.push('\n');
            }
        }
        (text.trim_end().to_string(), names)
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn fill(out: &mut String, names: &mut Vec<Range<usize>>, tpl: &str, p: &Person, insats: usize) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push(' ');
    }
    let ins = INSATSER[insats].1;
    let d = |days: i64| {
        (p.decided + Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let start = out.len();
        let (value, is_name) = match key {
            "namn" | "Namn" => (p.given.clone(), true),
            "namnets" | "Namnets" => (format!("{}s", p.given), true),
            "Efternamn" => (p.surname.clone(), true),
            "mamma" => (p.mother.clone(), true),
            "pappa" => (p.father.clone(), true),
            "hon" => ((if p.girl { "hon" } else { "han" }).into(), false),
            "Hon" => ((if p.girl { "Hon" } else { "Han" }).into(), false),
            "henne" => ((if p.girl { "henne" } else { "honom" }).into(), false),
            "hennes" => ((if p.girl { "hennes" } else { "hans" }).into(), false),
            "barn" => ((if p.girl { "dotter" } else { "son" }).into(), false),
            "ålder" => (p.age().to_string(), false),
            "diagnos" => (p.diagnosis.into(), false),
            "skola" => (p.school.into(), false),
            "intresse1" => (p.interest[0].into(), false),
            "intresse2" => (p.interest[1].into(), false),
            "timmar" => (p.hours.to_string(), false),
            "dygn" => (p.days.to_string(), false),
            "kommun" => (p.kommun.into(), false),
            "insats" => (ins.into(), false),
            "insatsen" => (cap(ins), false),
            "datum1" => (d(-75), false),
            "datum2" => (d(-30), false),
            "datum3" => (d(14), false),
            "datum4" => (d(365), false),
            "månad" => (
                super::text::MONTHS[(p
                    .decided
                    .format("%m")
                    .to_string()
                    .parse::<usize>()
                    .unwrap_or(1)
                    + 5)
                    % 12]
                    .into(),
                false,
            ),
            _ => (String::new(), false),
        };
        out.push_str(&value);
        if is_name {
            names.push(start..out.len());
        }
    }
    out.push_str(rest);
}

/// One generated text with what is known about it.
#[derive(Debug, Clone)]
pub struct SynthDoc {
    pub id: String,
    pub text: String,
    pub person: Person,
    pub plan: Plan,
    /// Byte spans of person names in `text` (the gold standard for name recognition).
    pub name_spans: Vec<Range<usize>>,
    /// For a copy: index of its source in the corpus, and the number of edits.
    pub copy_of: Option<(usize, usize)>,
}

/// `n` independent texts, ids `SYN-000000`...
pub fn corpus(seed: u64, n: usize) -> Vec<SynthDoc> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let person = Person::random(&mut rng);
            let plan = Plan::random(&mut rng);
            let (text, name_spans) = plan.render(&person);
            SynthDoc {
                id: format!("SYN-{i:06}"),
                text,
                person,
                plan,
                name_spans,
                copy_of: None,
            }
        })
        .collect()
}

/// Drafts to query `corpus` with: `copies` renamed copies of random corpus texts with
/// 0..=`max_edits` edits each, and `independent` new texts.
pub fn drafts(
    seed: u64,
    corpus: &[SynthDoc],
    copies: usize,
    max_edits: usize,
    independent: usize,
) -> Vec<SynthDoc> {
    let mut rng = Rng::new(seed ^ 0x0d12_af75);
    let mut out = Vec::new();
    for i in 0..copies {
        let src = rng.below(corpus.len());
        let edits = rng.below(max_edits + 1);
        let mut person = Person::random(&mut rng);
        // A lazy copier keeps the earlier child's interests and diagnosis.
        if rng.chance(0.5) {
            person.interest = corpus[src].person.interest;
            person.diagnosis = corpus[src].person.diagnosis;
            person.school = corpus[src].person.school;
        }
        let plan = corpus[src].plan.edited(&mut rng, edits);
        let (text, name_spans) = plan.render(&person);
        out.push(SynthDoc {
            id: format!("KOPIA-{i:05}"),
            text,
            person,
            plan,
            name_spans,
            copy_of: Some((src, edits)),
        });
    }
    for i in 0..independent {
        let person = Person::random(&mut rng);
        let plan = Plan::random(&mut rng);
        let (text, name_spans) = plan.render(&person);
        out.push(SynthDoc {
            id: format!("EGEN-{i:05}"),
            text,
            person,
            plan,
            name_spans,
            copy_of: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_realistic_length() {
        let a = corpus(7, 20);
        let b = corpus(7, 20);
        assert_eq!(a[3].text, b[3].text);
        for d in &a {
            let words = d.text.split_whitespace().count();
            assert!((100..=450).contains(&words), "{words} words: {}", d.text);
            for r in &d.name_spans {
                assert!(d.text[r.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase));
            }
        }
    }
}
