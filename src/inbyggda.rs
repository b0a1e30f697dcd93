//! Lint pages for the checks that are written in Rust rather than in the rule files:
//! copy detection (`kopia.*`, `src/copy/`), the citation register (`lagrum.*`,
//! `src/lagrum.rs`) and the engine's own findings (`beslutskoll.*`). `explain` and
//! `GET /v1/rules/{id}` show them like any rule, so every id a report can hold can be
//! looked up.

use crate::report::{Category, Severity};

/// One built-in check as `explain` shows it.
pub struct Inbyggd {
    pub id: &'static str,
    pub category: Category,
    /// The usual severity; where it varies, `doc` says when.
    pub severity: Severity,
    pub lagrum: &'static str,
    /// Where the check is implemented.
    pub source: &'static str,
    pub doc: &'static str,
}

const FL: &str = "32 § förvaltningslagen";
const OSL: &str = "26 kap. offentlighets- och sekretesslagen (2009:400)";
const COPY: &str = "src/copy/signals.rs";
const REG: &str = "src/lagrum.rs, rules/lagrum.yaml";

/// Every built-in check, by id.
pub const INBYGGDA: &[Inbyggd] = &[
    Inbyggd {
        id: "kopia.frammande_namn",
        category: Category::Copy,
        severity: Severity::Error,
        lagrum: OSL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att motiveringen, målet och bedömningen inte nämner en person som inte är någon av ärendets personer (sökanden, vårdnadshavare, ombud, handläggare).\nVarför: ett namn kvar från ett annat ärende röjer en annan persons uppgifter (26 kap. OSL; JO 2437-2006) och visar att texten inte gäller den här personen (32 § FL).\nBegränsningar: namn känns igen från Isofs och Skatteverkets vanligaste namn och ärendets egna personer; ett namn först i en mening som också är ett vanligt ord (Klara, Saga) kan missas.\nUtlöses: \"Lisa behöver ...\" i ett ärende om Alva. Utlöses inte: \"Alva behöver ...\".",
    },
    Inbyggd {
        id: "kopia.personnummer",
        category: Category::Copy,
        severity: Severity::Error,
        lagrum: OSL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att texten inte har ett personnummer eller ett födelsedatum som inte är sökandens.\nVarför: ett annat personnummer röjer en annan persons uppgifter (26 kap. OSL).\nUtlöses: \"född 2012-03-04\" när sökanden är född 2014-05-14. Utlöses inte: sökandens eget födelsedatum.",
    },
    Inbyggd {
        id: "kopia.platshallare",
        category: Category::Copy,
        severity: Severity::Error,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att texten inte har kvar platshållare från en mall (XX, NN, [namn], <...>, ÅÅÅÅ-MM-DD, Förnamn Efternamn).\nVarför: motiveringen ska ange omständigheterna i just detta ärende (32 § FL); en platshållare visar att något inte är ifyllt.\nUtlöses: \"XX dygn per månad\". Utlöses inte: \"4 dygn per månad\".",
    },
    Inbyggd {
        id: "kopia.pronomen",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att pronomen och ord som pojken/flickan om sökanden stämmer med `sokande.kon`.\nVarför: \"han\" om en flicka är ett vanligt spår av ett kopierat beslut.\nBegränsningar: när en annan person nämns i samma eller föregående mening antas pronomenet gälla den personen.\nUtlöses: \"han\" om en sökande med `kon: flicka`. Utlöses inte: \"hon\".",
    },
    Inbyggd {
        id: "kopia.fel_insats",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att texten inte nämner en insats som varken är sökt, beslutad eller nämnd i utredningen.\nVarför: \"ledsagarservice\" i ett beslut om korttidsvistelse tyder på en kopierad text (32 § FL).\nBegränsningar: vardagsordet för samma insats enligt den andra lagen (ledsagning, avlösning, kontaktfamilj) räknas inte.\nUtlöses: \"ledsagarservice\" i ett beslut om korttidsvistelse. Utlöses inte: när ledsagarservice också söks.",
    },
    Inbyggd {
        id: "kopia.fel_lag",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att texten inte hänvisar till den andra lagen (SoL i ett LSS-ärende, LSS i ett SoL-ärende) när utredningen inte gör det.\nVarför: fel lag ger fel prövning (32 § FL; brist D7). Den andra lagens nivå (skälig levnadsnivå i LSS) prövas av regelfilerna.\nUtlöses: \"enligt 9 § 6 LSS\" i ett SoL-ärende. Utlöses inte: \"hemtjänst enligt SoL\" när utredningen beskriver den hemtjänsten.",
    },
    Inbyggd {
        id: "kopia.fel_kommun",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att texten inte nämner en annan kommun än ärendets (\"Norrby kommun\").\nVarför: en annan kommuns namn är ett spår av ett kopierat beslut.\nUtlöses: \"Norrby kommun\" i ett ärende från Exempelkommun. Utlöses inte: ärendets egen kommun.",
    },
    Inbyggd {
        id: "kopia.alder",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att en ålder i texten (\"den 15-årige\", \"är 15 år\") är sökandens ålder mellan ansökan och beslut.\nVarför: fel ålder är ett spår av ett kopierat beslut och kan ge fel bedömning.\nUtlöses: \"är 15 år\" om en 12-åring. Utlöses inte: \"är 12 år\".",
    },
    Inbyggd {
        id: "kopia.datum",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att datum i texten ligger inom ärendets egen tidslinje (från tidigaste datum i ärendet till beslutets giltighet).\nVarför: ett hembesök \"2019-03-01\" i ett ärende från 2026 tyder på en kopierad text.\nBegränsningar: äldre datum som står i `underlag` räknas som ärendets egna; annan historik ger en anmärkning att pröva.\nUtlöses: ett datum år 2019 i ett ärende från 2026. Utlöses inte: ansökans datum.",
    },
    Inbyggd {
        id: "kopia.generisk_motivering",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: COPY,
        doc: "Vad regeln kontrollerar: att motiveringen tillämpar utredningens fakta om just den här personen på beslutet: vad personen klarar och inte klarar, tider, belopp, diagnoser, aktiviteter, platser, personer, datum, egna önskemål och vad som redan tillgodoser behovet. Varje ord förs till sin ordstam (orolig/oro, duschen/dusch) och jämförs med utredningens texter (bakgrund, behov, inställning, önskemål, bedömning); tal jämförs med utredningens tal. En uppgift väger efter hur sällsynt den är i beslut i allmänhet (dokumentfrekvens i data/dokumentfrekvens.txt) och en fjärdedel om den bara står i beslutsmeningen (\"Lena beviljas gruppbostad på Ekgården\"). Lagtext (7 §, 9 §, 9 a § LSS, 4 kap. 1 § SoL), standardfraserna i `schablonfraser`, standardstyckena, beslutets och lagens ordförråd (data/beslutsord.txt), funktionsord, sökandens och handläggarens namn och insatsens namn räknas inte. Under gränsen 2,0 är motiveringen generisk.\nVarför: 32 § FL kräver att motiveringen anger de omständigheter som varit avgörande i detta ärende; lagcitat och standardfraser med namnet insatt är den brist JO oftast kritiserar (brist D1).\nBegränsningar: mäter ord och tal, inte resonemang: en motivering som räknar upp utredningens fakta utan att knyta dem till beslutet godtas, och en som beskriver personen med helt egna ord kan få anmärkning. På de märkta motiveringarna (tests/data/motiveringar, `motivering-accuracy`) är precisionen 1,00 och täckningen 0,97. Info i stället för varning när utredningen saknar texter att jämföra med.\nUtlöses: \"Efter en samlad bedömning bedöms behovet kunna tillgodoses på annat sätt. Ansökan avslås.\", ett citat av 7 § LSS med namnet insatt, eller bara beslutet (\"Du beviljas hemtjänst med dusch en gång per vecka\"). Utlöses inte: en motivering som säger att hjälpbehovet är dusch ca 1,5 timme i veckan och att hemtjänsten redan ger den hjälpen.",
    },
    Inbyggd {
        id: "kopia.nara_kopia",
        category: Category::Copy,
        severity: Severity::Warning,
        lagrum: FL,
        source: "src/copy/corpus.rs",
        doc: "Vad regeln kontrollerar (med --corpus): att motiveringen inte nästan är ett tidigare beslut om en annan person (Jaccard-likhet ≥ 0,8 mellan femordsföljder, efter att namn, tal, datum och pronomen ersatts och standardstyckena tagits bort).\nVarför: en kopierad motivering beskriver en annan persons behov (32 § FL).\nUtlöses: ett tidigare beslut med bytta namn och datum. Utlöses inte: ett självständigt beslut om samma insats.",
    },
    Inbyggd {
        id: "kopia.samma_person",
        category: Category::Copy,
        severity: Severity::Info,
        lagrum: FL,
        source: "src/copy/corpus.rs",
        doc: "Vad regeln kontrollerar (med --corpus): att en text som liknar ett tidigare beslut om samma person (samma personnummer, eller namn och födelsedatum) fortfarande beskriver behoven som de är nu.\nVarför: en förnyelse är ingen kopia av någon annans beslut, men behoven kan ha ändrats.\nUtlöses: ett förnyat beslut nästan lika det förra. Utlöses inte: ett nyskrivet beslut.",
    },
    Inbyggd {
        id: "lagrum.finns_inte",
        category: Category::Decision,
        severity: Severity::Error,
        lagrum: FL,
        source: REG,
        doc: "Vad regeln kontrollerar: att beslutets lagrum finns på beslutsdagen (lagen är i kraft, paragrafen och punkten finns).\nVarför: motiveringen ska ange vilka föreskrifter som tillämpats (32 § FL).\nBegränsningar: bara bestämmelser i lagrumsregistret prövas; overifierade uppgifter ger aldrig fel.\nUtlöses: \"socialtjänstlagen (2025:400)\" i ett beslut från juni 2025, eller \"9 § 11 LSS\". Utlöses inte: \"9 § 6 LSS\".",
    },
    Inbyggd {
        id: "lagrum.upphavd_lag",
        category: Category::Decision,
        severity: Severity::Error,
        lagrum: FL,
        source: REG,
        doc: "Vad regeln kontrollerar: att beslutet inte hänvisar till en upphävd lag, t.ex. socialtjänstlagen (2001:453) i ett beslut från 2025-07-01, i fältet `lagrum` eller med lagens namn eller SFS-nummer i motiveringen eller bedömningen, och säger vilken bestämmelse som gäller i stället.\nVarför: 32 § FL; övergångsbestämmelserna behåller den gamla lagen bara för överklaganden av äldre beslut och återkrav (kvittera då med skälet).\nAllvarlighet: fel när lagen och dess upphävande är verifierade, oavsett om det citerade gamla paragrafnumret är det; paragrafens status avgör bara om en ersättare nämns (annars insatsens grund i den nya lagen). I motiveringen eller bedömningen är det en varning när fältet `lagrum` är rätt, annars fel.\nUtlöses: \"4 kap. 1 § socialtjänstlagen (2001:453)\" eller \"3 kap. 6 b § socialtjänstlagen (2001:453)\" i augusti 2025. Utlöses inte: samma hänvisning i juni 2025.",
    },
    Inbyggd {
        id: "lagrum.ny_betydelse",
        category: Category::Decision,
        severity: Severity::Warning,
        lagrum: FL,
        source: REG,
        doc: "Vad regeln kontrollerar: att ett nummer utan lagens SFS-nummer betyder det som avses på beslutsdagen. \"4 kap. 1 § SoL\" är från 2025-07-01 kommunens yttersta ansvar, inte rätten till bistånd.\nVarför: ett tvetydigt lagrum gör beslutet svårt att förstå och överklaga (32 § FL).\nUtlöses: \"4 kap. 1 § SoL\" i ett hemtjänstbeslut i augusti 2025 (anmärkningen nämner 11 kap. 1 §). Utlöses inte: \"11 kap. 1 § SoL\" för hemtjänst i augusti 2025.",
    },
    Inbyggd {
        id: "lagrum.fel_lag",
        category: Category::Decision,
        severity: Severity::Error,
        lagrum: FL,
        source: REG,
        doc: "Vad regeln kontrollerar: att lagrummet inte bara nämner en annan lag än ärendets (LSS, SoL, socialförsäkringsbalken).\nVarför: 32 § FL. Anmärkningen ges bara när ingen regel i regelfilerna redan har ett fel på samma fält.\nUtlöses: \"51 kap. 3 § socialförsäkringsbalken\" som enda lagrum i ett LSS-beslut om ledsagarservice. Utlöses inte: \"9 § 3 LSS\".",
    },
    Inbyggd {
        id: "beslutskoll.okand_underlagstyp",
        category: Category::Documentation,
        severity: Severity::Warning,
        lagrum: "",
        source: "src/case/read.rs",
        doc: "Vad regeln kontrollerar: att varje `underlag[].typ` är en typ som ärendeformatet känner.\nVarför: regler som letar efter ett visst underlag (läkarintyg, egenvårdsbedömning) kan inte se en okänd typ; formatet tar emot den med en varning.\nUtlöses: `typ: intyg`. Utlöses inte: `typ: lakarintyg`.",
    },
    Inbyggd {
        id: "beslutskoll.kvittering_ej_tillaten",
        category: Category::Decision,
        severity: Severity::Warning,
        lagrum: "",
        source: "src/eval/acknowledge.rs",
        doc: "Vad regeln kontrollerar: att en kvittering inte gäller en regel som inte kan kvitteras (t.ex. avslag utan överklagandehänvisning).\nVarför: sådana brister måste rättas före beslut; kvitteringen tar därför inte bort felet, och försöket visas.\nUtlöses: en kvittering av `fl.beslut.overklagandehanvisning_saknas`. Utlöses inte: en kvittering av en regel som får kvitteras.",
    },
    Inbyggd {
        id: "beslutskoll.kvittering_utan_anmarkning",
        category: Category::Decision,
        severity: Severity::Info,
        lagrum: "",
        source: "src/eval/acknowledge.rs",
        doc: "Vad regeln kontrollerar: att varje kvittering gäller en regel som gav en anmärkning i ärendet.\nVarför: en kvittering utan anmärkning är överflödig eller har ett felstavat regel-id.\nUtlöses: en kvittering av en regel som inte gav någon anmärkning. Utlöses inte: en kvittering av en regel som gav en anmärkning.",
    },
];

/// The built-in check with this id.
pub fn find(id: &str) -> Option<&'static Inbyggd> {
    INBYGGDA.iter().find(|c| c.id == id)
}
