// What every page shares: small DOM helpers, the request to the service (with the
// token when the service has one), and how a finding and an error are shown. Plain
// JavaScript, no build step. Every text from a case or a report is set with
// textContent, never as HTML.
"use strict";

// Same order and headings as the report in the terminal (report.rs, Category::rubrik).
const KATEGORIER = [
  ["eligibility", "Rätt till insatsen"],
  ["investigation", "Utredningen"],
  ["documentation", "Underlag"],
  ["decision", "Beslutets form"],
  ["copy", "Kopierad eller mallartad text"],
];
const ALLVAR = { error: "Fel", warning: "Varning", info: "Upplysning" };
const ORDNING = { error: 0, warning: 1, info: 2 };

function el(tag, attrs, ...barn) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "for" || k === "role") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const b of barn) {
    if (b === null || b === undefined || b === false) continue;
    e.append(typeof b === "string" ? document.createTextNode(b) : b);
  }
  return e;
}

function $(id) {
  return document.getElementById(id);
}

function antal(n, en, flera) {
  return `${n} ${n === 1 ? en : flera}`;
}

// The token field is shown only when the service asks for one.
function visaNyckelfalt() {
  if (document.body.dataset.nyckel === "ja" && $("nyckel-falt")) {
    $("nyckel-falt").hidden = false;
    const d = $("nyckel-falt").closest("details");
    if (d) d.open = true;
  }
}

function nyckelHuvud(headers) {
  const f = $("nyckel");
  const nyckel = f ? f.value.trim() : "";
  if (nyckel) headers.Authorization = `Bearer ${nyckel}`;
  return headers;
}

// POST a body to the service; the answer as { ok, status, kropp } where kropp is the
// parsed JSON (or the text when the answer is not JSON). Throws only when the service
// did not answer at all.
async function skicka(url, typ, kropp, accept) {
  const headers = nyckelHuvud({ "Content-Type": typ });
  if (accept) headers.Accept = accept;
  const svar = await fetch(url, { method: "POST", headers, body: kropp });
  const text = await svar.text();
  let varde = text;
  if ((svar.headers.get("Content-Type") || "").includes("json")) {
    try {
      varde = JSON.parse(text);
    } catch (e) {
      varde = { message: "Tjänsten gav ett svar som inte gick att läsa." };
    }
  }
  return { ok: svar.ok, status: svar.status, kropp: varde };
}

async function hamtaExempelLista() {
  const svar = await fetch("/v1/examples");
  if (!svar.ok) throw new Error(String(svar.status));
  return svar.json();
}

function fyllExempelval(val, lista) {
  val.replaceChildren(el("option", { value: "" }, "Välj ett övningsärende"));
  for (const x of lista) val.append(el("option", { value: x.name }, x.title));
}

// An error answer of the service as a block the page can show (role=alert).
function felruta(rubrik, fel) {
  const delar = [el("h3", {}, rubrik)];
  const plats = fel.line ? `Rad ${fel.line}, kolumn ${fel.column}: ` : "";
  delar.push(el("p", { class: "felmeddelande" }, plats + (fel.message || "Okänt fel.")));
  if (fel.help) delar.push(el("p", {}, `Hjälp: ${fel.help}`));
  if (fel.detail) delar.push(el("pre", { class: "detalj" }, fel.detail));
  return el("div", { class: "fel", role: "alert" }, ...delar);
}

function rad(dl, namn, varde) {
  if (varde === null || varde === undefined || varde === "") return;
  dl.append(el("dt", {}, namn), el("dd", {}, varde));
}

// One finding. `lank(f)`, when given, returns an element that takes the user to the
// field the finding is about (the form), shown beside the path.
function anmarkning(f, lank) {
  const kvitterad = !!f.acknowledged;
  const li = el("li", {
    class: `anmarkning allvar-${f.severity}${kvitterad ? " kvitterad" : ""}`,
    "data-regel": f.rule,
  });
  const etikett = kvitterad ? `${ALLVAR[f.severity]}, kvitterad` : ALLVAR[f.severity];
  li.append(el("p", { class: "meddelande" }, el("span", { class: "etikett" }, etikett), " ", f.message));
  const dl = el("dl");
  let lagrum = f.lagrum;
  if (lagrum && f.basis === "praxis") lagrum += " (god praxis, inte lagkrav)";
  if (lagrum && f.basis === "riktlinje") lagrum += " (kommunal riktlinje)";
  rad(dl, "Lagrum", lagrum);
  if (f.path) {
    const var_ = el("dd", {}, el("code", {}, f.path));
    if (f.insats) var_.append(` (beslutet om ${f.insats.replaceAll("_", " ")})`);
    const l = lank ? lank(f) : null;
    if (l) var_.append(" ", l);
    dl.append(el("dt", {}, "Var i ärendet"), var_);
  }
  rad(dl, "Fakta", f.explanation && f.explanation.trim());
  if (f.missing && f.missing.length) rad(dl, "Uppgifter som saknas", f.missing.join(", "));
  if (f.evidence) {
    rad(dl, "Träff", f.evidence.matched);
    if (f.evidence.other_case && typeof f.evidence.similarity === "number") {
      rad(dl, "Likhet", `${Math.round(f.evidence.similarity * 100)} % med ${f.evidence.other_case}`);
    }
  }
  rad(dl, "Justerad", f.adjusted);
  if (kvitterad) {
    const a = f.acknowledged;
    const vem = [a.by, a.date].filter(Boolean).join(", ");
    rad(dl, "Kvitterad", a.reason.trim() + (vem ? ` (${vem})` : ""));
  }
  dl.append(el("dt", {}, "Regel"), el("dd", {}, el("code", {}, f.rule)));
  li.append(dl);
  return li;
}

// Findings grouped by category, worst first within a group, as the report orders them.
function anmarkningsgrupper(findings, lank) {
  const delar = [];
  for (const [kategori, rubrik] of KATEGORIER) {
    const grupp = findings
      .filter((f) => f.category === kategori)
      .sort((a, b) => !!a.acknowledged - !!b.acknowledged || ORDNING[a.severity] - ORDNING[b.severity]);
    if (grupp.length === 0) continue;
    delar.push(el("h3", {}, `${rubrik} (${grupp.length})`));
    delar.push(el("ul", { class: "anmarkningar" }, ...grupp.map((f) => anmarkning(f, lank))));
  }
  return delar;
}

function omdome(s) {
  if (s.error > 0) return ["omdome fel", "Rätta felen innan beslutet fattas."];
  if (s.warning > 0) return ["omdome varning", "Inga fel. Gå igenom varningarna innan beslutet fattas."];
  return ["omdome bra", "Inga fel eller varningar."];
}

function sammanfattning(s) {
  return (
    `${antal(s.error, "fel", "fel")}, ${antal(s.warning, "varning", "varningar")}, ` +
    `${antal(s.info, "upplysning", "upplysningar")}` +
    (s.acknowledged ? `; ${antal(s.acknowledged, "kvitterad anmärkning", "kvitterade anmärkningar")} räknas inte` : "") +
    "."
  );
}
