// The form's fields, described once: one entry per key of the case format
// (shared/spec/case-format.md, docs/arendeformat.md), in the order of the format. The
// form (formular.js), the required-field check and the training page's read-only view
// are all built from this list, so a key is shown, edited and saved the same way
// everywhere. Keys not listed here (`extra`, keys of later formats) are never touched:
// the form edits the case object in place and saves it whole.
//
// A field: sokvag (path; relative inside a list or a group), etikett (label), typ, and
// optionally krav (required by the format), hjalp (help text), val (options), visa (when
// it is shown; a field with a value is always shown), platt (a group that is its whole
// section, shown without a heading of its own).
"use strict";

const INSATSER = [
  ["rad_och_stod", "Råd och stöd (LSS 9 § 1)", "LSS"],
  ["personlig_assistans", "Personlig assistans (LSS 9 § 2)", "LSS"],
  ["ledsagarservice", "Ledsagarservice (LSS 9 § 3)", "LSS"],
  ["kontaktperson", "Kontaktperson (LSS 9 § 4 eller SoL)", "LSS SoL"],
  ["avlosarservice", "Avlösarservice i hemmet (LSS 9 § 5)", "LSS"],
  ["korttidsvistelse", "Korttidsvistelse (LSS 9 § 6)", "LSS"],
  ["korttidstillsyn", "Korttidstillsyn för skolungdom över 12 år (LSS 9 § 7)", "LSS"],
  ["boende_barn", "Boende för barn och ungdomar (LSS 9 § 8)", "LSS"],
  ["bostad_vuxna", "Bostad med särskild service för vuxna (LSS 9 § 9)", "LSS"],
  ["daglig_verksamhet", "Daglig verksamhet (LSS 9 § 10)", "LSS"],
  ["kontaktfamilj", "Kontaktfamilj (SoL)", "SoL"],
  ["ekonomiskt_bistand", "Ekonomiskt bistånd (SoL)", "SoL"],
  ["hemtjanst", "Hemtjänst (SoL)", "SoL"],
  ["ledsagning", "Ledsagning (SoL)", "SoL"],
  ["avlosning", "Avlösning (SoL)", "SoL"],
  ["sarskilt_boende", "Särskilt boende (SoL)", "SoL"],
].map(([v, t]) => [v, t]);

const UNDERLAGSTYPER = [
  ["ansokan", "Ansökan"],
  ["lakarintyg", "Läkarintyg"],
  ["psykologutlatande", "Psykologutlåtande"],
  ["arbetsterapeututlatande", "Arbetsterapeututlåtande"],
  ["skolutlatande", "Skolutlåtande"],
  ["fullmakt", "Fullmakt"],
  ["fk_beslut", "Beslut från Försäkringskassan"],
  ["tidigare_beslut", "Tidigare beslut"],
  ["genomforandeplan", "Genomförandeplan"],
  ["individuell_plan", "Individuell plan"],
  ["egenvardsbedomning", "Egenvårdsbedömning"],
  ["kontoutdrag", "Kontoutdrag"],
  ["hyresavtal", "Hyresavtal"],
  ["underrattelse_fk", "Underrättelse till Försäkringskassan"],
  ["annat", "Annat"],
];

const UTFALL = [
  ["bifall", "Bifall"],
  ["delvis_bifall", "Delvis bifall"],
  ["avslag", "Avslag"],
];

const BESLUTSFALT = [
  { sokvag: "insats", etikett: "Insats", typ: "val", val: INSATSER, krav: true },
  { sokvag: "datum", etikett: "Beslutsdatum", typ: "datum", krav: true },
  { sokvag: "utfall", etikett: "Utfall", typ: "val", val: UTFALL },
  { sokvag: "omfattning", etikett: "Omfattning", typ: "text", hjalp: "Till exempel ”4 dygn per månad”." },
  { sokvag: "lagrum", etikett: "Lagrum", typ: "text", hjalp: "Till exempel ”9 § 6 LSS”." },
  { sokvag: "giltig_fran", etikett: "Gäller från", typ: "datum" },
  { sokvag: "giltig_till", etikett: "Gäller till", typ: "datum" },
  { sokvag: "uppfoljning", etikett: "Uppföljning", typ: "datum" },
  { sokvag: "mal", etikett: "Mål med insatsen", typ: "lang" },
  { sokvag: "motivering", etikett: "Motivering", typ: "lang" },
  { sokvag: "overklagandehanvisning", etikett: "Överklagandehänvisning bifogas", typ: "janej" },
  { sokvag: "beslutsfattare", etikett: "Beslutsfattare", typ: "text" },
];

const SEKTIONER = [
  {
    id: "arende",
    rubrik: "Ärendet",
    prefix: ["arende"],
    falt: [
      { sokvag: "arende.id", etikett: "Ärendenummer (dnr)", typ: "text", krav: true },
      { sokvag: "arende.lag", etikett: "Lag", typ: "val", krav: true, val: [["LSS", "LSS"], ["SoL", "SoL"]] },
      { sokvag: "arende.kommun", etikett: "Kommun", typ: "text" },
      { sokvag: "arende.handlaggare", etikett: "Handläggare", typ: "text" },
    ],
  },
  {
    id: "sokande",
    rubrik: "Personen",
    prefix: ["sokande"],
    falt: [
      { sokvag: "sokande.namn", etikett: "Namn", typ: "text", krav: true },
      { sokvag: "sokande.fodelsedatum", etikett: "Födelsedatum", typ: "datum", krav: true },
      { sokvag: "sokande.personnummer", etikett: "Personnummer", typ: "text", hjalp: "Valfritt. Används bara för att känna igen ett tidigare beslut om samma person." },
      {
        sokvag: "sokande.kon", etikett: "Kön", typ: "val",
        val: [["flicka", "Flicka"], ["pojke", "Pojke"], ["kvinna", "Kvinna"], ["man", "Man"], ["annat", "Annat"], ["okant", "Okänt"]],
      },
      { sokvag: "sokande.personkrets", etikett: "Personkrets (1 § LSS)", typ: "personkrets", visa: "lss" },
      {
        sokvag: "sokande.sysselsattning", etikett: "Sysselsättning", typ: "val",
        val: [["skola", "Skola"], ["studier", "Studier"], ["arbete", "Arbete"], ["ingen", "Ingen"]],
      },
      { sokvag: "sokande.intressen", etikett: "Intressen", typ: "text" },
      {
        sokvag: "sokande.vardnadshavare", etikett: "Vårdnadshavare", typ: "lista", post: "Vårdnadshavare",
        visa: "barn", falt: [{ sokvag: "namn", etikett: "Namn", typ: "text", krav: true }],
      },
      {
        sokvag: "sokande.ombud", etikett: "Ombud", typ: "grupp",
        falt: [
          { sokvag: "namn", etikett: "Ombudets namn", typ: "text", krav: true },
          { sokvag: "fullmakt", etikett: "Fullmakt finns", typ: "janej" },
        ],
      },
    ],
  },
  {
    id: "ansokan",
    rubrik: "Ansökan",
    prefix: ["ansokan"],
    falt: [
      { sokvag: "ansokan.datum", etikett: "Ansökningsdatum", typ: "datum", krav: true },
      {
        sokvag: "ansokan.sokt_av", etikett: "Sökt av", typ: "val",
        val: [["sokande", "Den sökande själv"], ["vardnadshavare", "Vårdnadshavare"], ["ombud", "Ombud"], ["god_man", "God man"], ["forvaltare", "Förvaltare"]],
      },
      {
        sokvag: "ansokan.insatser", etikett: "Sökta insatser", typ: "lista", post: "Sökt insats",
        falt: [
          { sokvag: "insats", etikett: "Insats", typ: "val", val: INSATSER, krav: true },
          { sokvag: "omfattning", etikett: "Sökt omfattning", typ: "text" },
          { sokvag: "form", etikett: "Sökt form", typ: "text", hjalp: "Till exempel korttidshem eller stödfamilj." },
        ],
      },
      { sokvag: "ansokan.onskemal", etikett: "Önskemål", typ: "lang" },
    ],
  },
  {
    id: "underlag",
    rubrik: "Underlag",
    prefix: ["underlag"],
    falt: [
      {
        sokvag: "underlag", etikett: "Underlag i ärendet", typ: "lista", post: "Underlag",
        falt: [
          { sokvag: "typ", etikett: "Typ", typ: "val", val: UNDERLAGSTYPER, krav: true },
          { sokvag: "datum", etikett: "Datum", typ: "datum" },
          { sokvag: "utfardare", etikett: "Utfärdare", typ: "text" },
          { sokvag: "insats", etikett: "Det tidigare beslutets insats", typ: "val", val: INSATSER, visa: "tidigare" },
          { sokvag: "utfall", etikett: "Det tidigare beslutets utfall", typ: "val", val: UTFALL, visa: "tidigare" },
          { sokvag: "omfattning", etikett: "Det tidigare beslutets omfattning", typ: "text", visa: "tidigare" },
          { sokvag: "giltig_fran", etikett: "Det tidigare beslutet gäller från", typ: "datum", visa: "tidigare" },
          { sokvag: "giltig_till", etikett: "Det tidigare beslutet gäller till", typ: "datum", visa: "tidigare" },
        ],
      },
    ],
  },
  {
    id: "utredning",
    rubrik: "Utredningen",
    prefix: ["utredning"],
    falt: [
      { sokvag: "utredning.paborjad", etikett: "Utredningen påbörjad", typ: "datum" },
      { sokvag: "utredning.avslutad", etikett: "Utredningen avslutad", typ: "datum" },
      { sokvag: "utredning.texter.bakgrund", etikett: "Bakgrund", typ: "lang" },
      { sokvag: "utredning.texter.behov", etikett: "Behov och förutsättningar", typ: "lang" },
      { sokvag: "utredning.texter.egen_installning", etikett: "Den enskildes inställning", typ: "lang" },
      {
        sokvag: "utredning.texter.barnets_installning", etikett: "Barnets inställning", typ: "lang", visa: "barn",
        hjalp: "Vad barnet själv säger, eller varför barnets inställning inte kunde fås och hur den klarlades på annat sätt.",
      },
      { sokvag: "utredning.texter.barnets_basta", etikett: "Barnets bästa", typ: "lang", visa: "barn", hjalp: "Analysen av vad som är bäst för just det här barnet." },
      { sokvag: "utredning.texter.ovrigt_stod", etikett: "Övrigt stöd", typ: "lang" },
      { sokvag: "utredning.texter.bedomning", etikett: "Bedömning", typ: "lang" },
      {
        sokvag: "utredning.behov", etikett: "Behov med tid", typ: "lista", post: "Behov", visa: "pa",
        falt: [
          {
            sokvag: "omrade", etikett: "Område", typ: "val", krav: true,
            val: [
              ["larande", "Lärande"], ["allmanna_uppgifter", "Allmänna uppgifter"], ["kommunikation", "Kommunikation"],
              ["forflyttning", "Förflyttning"], ["personlig_vard", "Personlig vård"], ["hemliv", "Hemliv"],
              ["relationer", "Relationer"], ["samhallsgemenskap", "Samhällsgemenskap"], ["halsa", "Hälsa"],
              ["andning", "Andning"], ["maltider", "Måltider"], ["overvakning", "Övervakning"],
            ],
          },
          { sokvag: "beskrivning", etikett: "Beskrivning", typ: "text" },
          { sokvag: "timmar_per_vecka", etikett: "Timmar per vecka", typ: "tal" },
          { sokvag: "grundlaggande", etikett: "Grundläggande behov", typ: "janej" },
        ],
      },
    ],
  },
  {
    id: "kontakter",
    rubrik: "Kontakter",
    prefix: ["utredning.kontakter"],
    falt: [
      {
        sokvag: "utredning.kontakter", etikett: "Kontakter under utredningen", typ: "lista", post: "Kontakt",
        falt: [
          { sokvag: "datum", etikett: "Datum", typ: "datum", krav: true },
          {
            sokvag: "form", etikett: "Form", typ: "val",
            val: [["hembesok", "Hembesök"], ["besok", "Besök"], ["telefon", "Telefon"], ["digitalt", "Digitalt"], ["brev", "Brev"]],
          },
          { sokvag: "med", etikett: "Med vem", typ: "ordlista", hjalp: "Skilj med kommatecken, t.ex. ”sokande, vardnadshavare”." },
        ],
      },
    ],
  },
  {
    id: "kommunicering",
    rubrik: "Kommunicering",
    prefix: ["utredning.kommunicering"],
    falt: [
      {
        sokvag: "utredning.kommunicering", etikett: "Kommunicering", typ: "grupp", platt: true,
        falt: [
          { sokvag: "skickad", etikett: "Skickad", typ: "datum" },
          { sokvag: "svar_senast", etikett: "Svar senast", typ: "datum" },
          { sokvag: "svar", etikett: "Svar", typ: "lang" },
        ],
      },
    ],
  },
  {
    id: "beslut",
    rubrik: "Beslut",
    prefix: ["beslut"],
    falt: [{ sokvag: "beslut", etikett: "Beslut", typ: "lista", post: "Beslut", falt: BESLUTSFALT }],
  },
  {
    id: "kvitteringar",
    rubrik: "Kvitteringar",
    prefix: ["kvitteringar"],
    ovning: false,
    falt: [
      {
        sokvag: "kvitteringar", etikett: "Kvitterade anmärkningar", typ: "lista", post: "Kvittering",
        hjalp: "En anmärkning som handläggaren har prövat och står fast vid, med skäl.",
        falt: [
          { sokvag: "regel", etikett: "Regel", typ: "text", krav: true },
          { sokvag: "skal", etikett: "Skäl", typ: "lang", krav: true },
          { sokvag: "av", etikett: "Av", typ: "text" },
          { sokvag: "datum", etikett: "Datum", typ: "datum" },
        ],
      },
    ],
  },
];

// --- Paths: "beslut[0].motivering" <-> ["beslut", 0, "motivering"] ---------------

function delaVag(vag) {
  const delar = [];
  for (const bit of vag.split(".")) {
    const m = bit.match(/^([^[\]]*)((?:\[\d+\])*)$/);
    if (!m) return null;
    // Some paths number a list item as a segment of its own: "beslut.0.motivering".
    if (/^\d+$/.test(m[1])) delar.push(Number(m[1]));
    else if (m[1]) delar.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) delar.push(Number(i[1]));
  }
  return delar;
}

function vagText(delar) {
  return delar.map((d, i) => (typeof d === "number" ? `[${d}]` : (i ? "." : "") + d)).join("");
}

function hamta(obj, delar) {
  let v = obj;
  for (const d of delar) {
    if (v === null || v === undefined) return undefined;
    v = v[d];
  }
  return v;
}

// Set a value; undefined removes the key (an emptied field is a missing value, as in
// a case file), creating the objects on the way.
function satt(obj, delar, varde) {
  let v = obj;
  for (let i = 0; i < delar.length - 1; i++) {
    if (v[delar[i]] === null || typeof v[delar[i]] !== "object") {
      if (varde === undefined) return;
      v[delar[i]] = typeof delar[i + 1] === "number" ? [] : {};
    }
    v = v[delar[i]];
  }
  const sista = delar[delar.length - 1];
  if (varde !== undefined) {
    v[sista] = varde;
    return;
  }
  delete v[sista];
  // A group the user has emptied goes too: `ombud: {}` would be an ombud without a name.
  for (let n = delar.length - 1; n > 1; n--) {
    const inre = hamta(obj, delar.slice(0, n));
    // A list item stays (it is removed with its own button), and so does the section.
    if (!inre || Array.isArray(inre) || Object.keys(inre).length > 0 || typeof delar[n - 1] === "number") break;
    delete hamta(obj, delar.slice(0, n - 1))[delar[n - 1]];
  }
}

function harVarde(v) {
  if (v === null || v === undefined || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.values(v).some(harVarde);
  return true;
}

// --- What the case is: the applicant's age, the insatser --------------------------

function alder(fodd, pa) {
  if (!fodd || !pa) return null;
  const [fa, fm, fd] = fodd.split("-").map(Number);
  const [pa_, pm, pd] = pa.split("-").map(Number);
  let ar = pa_ - fa;
  if (pm < fm || (pm === fm && pd < fd)) ar -= 1;
  return Number.isFinite(ar) ? ar : null;
}

function idag() {
  return new Date().toISOString().slice(0, 10);
}

function arBarn(arende) {
  const s = arende.sokande || {};
  const a = alder(s.fodelsedatum, (arende.ansokan || {}).datum || idag());
  return a !== null && a < 18;
}

function insatserI(arende) {
  const sokta = ((arende.ansokan || {}).insatser || []).map((i) => i && i.insats);
  const beslut = (arende.beslut || []).map((b) => b && b.insats);
  return [...new Set([...sokta, ...beslut].filter(Boolean))];
}

// Whether a field with `visa` applies to this case (or this list item).
function galler(visa, arende, post) {
  switch (visa) {
    case "barn":
      return arBarn(arende);
    case "lss":
      return (arende.arende || {}).lag !== "SoL";
    case "pa":
      return insatserI(arende).includes("personlig_assistans");
    case "tidigare":
      return !!post && ["tidigare_beslut", "fk_beslut"].includes(post.typ);
    default:
      return true;
  }
}

// Required keys that are empty, as [{ vag, etikett }], so the page can say what to fill
// in before the case can be checked. A group (ombud, kommunicering) requires its keys
// only once something in it is filled.
function saknadeKrav(arende) {
  const saknas = [];
  const ga = (falt, bas, obj, inre) => {
    for (const f of falt) {
      const delar = [...bas, ...delaVag(f.sokvag)];
      const v = hamta(arende, delar);
      if (f.typ === "lista") {
        (v || []).forEach((post, i) => ga(f.falt, [...delar, i], post, `${f.post} ${i + 1}`));
      } else if (f.typ === "grupp") {
        if (harVarde(v)) ga(f.falt, delar, v, f.etikett);
      } else if (f.krav && !harVarde(v)) {
        saknas.push({ vag: vagText(delar), etikett: inre ? `${inre}: ${f.etikett}` : f.etikett });
      }
    }
  };
  for (const s of SEKTIONER) ga(s.falt, [], arende, null);
  return saknas;
}

// The section a report path belongs to: the one with the longest matching prefix.
function sektionFor(vag) {
  const ren = (vag || "").replace(/\[\d+\]|\.\d+(?=\.|$)/g, "");
  let basta = SEKTIONER[0];
  let langd = -1;
  for (const s of SEKTIONER) {
    for (const p of s.prefix) {
      if ((ren === p || ren.startsWith(p + ".")) && p.length > langd) {
        basta = s;
        langd = p.length;
      }
    }
  }
  return basta;
}

// A new, empty case: one sought insats and one decision to fill in.
function nyttArende() {
  return {
    format: 1,
    arende: { lag: "LSS" },
    sokande: {},
    ansokan: { insatser: [{}] },
    utredning: { texter: {} },
    beslut: [{}],
  };
}
