// The page's behaviour: fill the case field (example, file or paste), send it to
// POST /v1/check and show the report. Plain JavaScript, no build step, no network but
// this service. Every text from the case or the report is set with textContent, never
// as HTML.
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

let exempel = [];

function el(tag, attrs, ...barn) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const b of barn) {
    if (b === null || b === undefined) continue;
    e.append(typeof b === "string" ? document.createTextNode(b) : b);
  }
  return e;
}

function $(id) {
  return document.getElementById(id);
}

function status(text) {
  $("status").textContent = text;
}

function antal(n, en, flera) {
  return `${n} ${n === 1 ? en : flera}`;
}

async function hamtaExempel() {
  const val = $("exempel");
  try {
    const svar = await fetch("/v1/examples");
    if (!svar.ok) throw new Error(String(svar.status));
    exempel = await svar.json();
    val.replaceChildren(el("option", { value: "" }, "Välj ett övningsärende"));
    for (const x of exempel) val.append(el("option", { value: x.name }, x.title));
  } catch (e) {
    val.replaceChildren(el("option", { value: "" }, "Exemplen kunde inte hämtas"));
  }
}

function valtExempel() {
  return exempel.find((x) => x.name === $("exempel").value);
}

function visaBeskrivning() {
  const x = valtExempel();
  $("exempel-beskrivning").textContent = x ? x.description : "";
}

function anvandExempel() {
  const x = valtExempel();
  if (!x) {
    status("Välj först ett övningsärende i listan.");
    $("exempel").focus();
    return;
  }
  $("arende").value = x.text;
  status(`Övningsärendet ”${x.title}” är inläst. Tryck på Granska ärendet.`);
}

async function lasFil() {
  const fil = $("fil").files[0];
  if (!fil) return;
  try {
    $("arende").value = await fil.text();
    status(`Filen ${fil.name} är inläst. Tryck på Granska ärendet.`);
  } catch (e) {
    status(`Filen ${fil.name} kunde inte läsas.`);
  }
}

async function granska(handelse) {
  handelse.preventDefault();
  const text = $("arende").value;
  if (text.trim() === "") {
    status("Fältet Ärendet är tomt. Välj ett exempel, ladda upp en fil eller klistra in ett ärende.");
    $("arende").focus();
    return;
  }
  const json = text.trimStart().startsWith("{");
  const headers = { "Content-Type": json ? "application/json" : "application/yaml" };
  const nyckel = $("nyckel").value.trim();
  if (nyckel) headers.Authorization = `Bearer ${nyckel}`;
  const datum = $("regeldatum").value;
  const url = datum ? `/v1/check?regeldatum=${encodeURIComponent(datum)}` : "/v1/check";
  status("Granskar …");
  $("formular").setAttribute("aria-busy", "true");
  let svar, kropp;
  try {
    svar = await fetch(url, { method: "POST", headers, body: text });
    kropp = await svar.json();
  } catch (e) {
    visaFel({ message: "Tjänsten svarade inte. Försök igen om en stund." });
    return;
  } finally {
    $("formular").removeAttribute("aria-busy");
  }
  if (svar.ok) visaRapport(kropp);
  else visaFel(kropp);
}

function visaResultat(...innehall) {
  $("resultat-innehall").replaceChildren(...innehall);
  $("resultat").hidden = false;
  $("resultat-rubrik").focus();
}

function visaFel(fel) {
  status("Ärendet kunde inte granskas.");
  const delar = [el("h3", {}, "Ärendet kunde inte granskas")];
  const plats = fel.line ? `Rad ${fel.line}, kolumn ${fel.column}: ` : "";
  delar.push(el("p", { class: "felmeddelande" }, plats + (fel.message || "Okänt fel.")));
  if (fel.help) delar.push(el("p", {}, `Hjälp: ${fel.help}`));
  if (fel.detail) delar.push(el("pre", { class: "detalj" }, fel.detail));
  if (fel.line) {
    const knapp = el("button", { type: "button" }, `Gå till rad ${fel.line} i ärendet`);
    knapp.addEventListener("click", () => gaTillRad(fel.line));
    delar.push(knapp);
  }
  visaResultat(el("div", { class: "fel", role: "alert" }, ...delar));
}

function gaTillRad(rad) {
  const falt = $("arende");
  const rader = falt.value.split("\n");
  const start = rader.slice(0, rad - 1).reduce((s, r) => s + r.length + 1, 0);
  const slut = start + (rader[rad - 1] || "").length;
  falt.focus();
  falt.setSelectionRange(start, slut);
  const hojd = parseFloat(getComputedStyle(falt).lineHeight) || 20;
  falt.scrollTop = Math.max(0, (rad - 3) * hojd);
}

function omdome(s) {
  if (s.error > 0) return ["omdome fel", "Rätta felen innan beslutet fattas."];
  if (s.warning > 0) return ["omdome varning", "Inga fel. Gå igenom varningarna innan beslutet fattas."];
  return ["omdome bra", "Inga fel eller varningar."];
}

function visaRapport(r) {
  const s = r.summary;
  status(`Granskat: ${antal(s.error, "fel", "fel")}, ${antal(s.warning, "varning", "varningar")}.`);
  const [klass, text] = omdome(s);
  const delar = [
    el("p", { class: "arende-id" }, `Ärende ${r.case}`),
    el("p", { class: klass }, text),
    el(
      "p",
      {},
      `${antal(s.error, "fel", "fel")}, ${antal(s.warning, "varning", "varningar")}, ` +
        `${antal(s.info, "upplysning", "upplysningar")}` +
        (s.acknowledged ? `; ${antal(s.acknowledged, "kvitterad anmärkning", "kvitterade anmärkningar")} räknas inte` : "") +
        ".",
    ),
  ];
  if (r.findings.length === 0) {
    delar.push(el("p", {}, "Inga anmärkningar. Alla regler som gäller ärendet är uppfyllda."));
  }
  for (const [kategori, rubrik] of KATEGORIER) {
    const grupp = r.findings
      .filter((f) => f.category === kategori)
      .sort((a, b) => !!a.acknowledged - !!b.acknowledged || ORDNING[a.severity] - ORDNING[b.severity]);
    if (grupp.length === 0) continue;
    delar.push(el("h3", {}, `${rubrik} (${grupp.length})`));
    delar.push(el("ul", { class: "anmarkningar" }, ...grupp.map(anmarkning)));
  }
  if (r.rulesets.length > 0) {
    delar.push(el("h3", {}, "Kontrollerat mot"));
    delar.push(
      el(
        "ul",
        { class: "regelverk" },
        ...r.rulesets.map((v) =>
          el(
            "li",
            {},
            `${v.id} ${v.version}, gäller från ${v.valid_from}${v.valid_to ? ` till ${v.valid_to}` : ""} `,
            el("span", { class: "kalla" }, `(${v.source}, ${v.hash.slice(0, 15)})`),
          ),
        ),
      ),
    );
  }
  visaResultat(...delar);
}

function rad(dl, namn, varde) {
  if (varde === null || varde === undefined || varde === "") return;
  dl.append(el("dt", {}, namn), el("dd", {}, varde));
}

function anmarkning(f) {
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

document.addEventListener("DOMContentLoaded", () => {
  if (document.body.dataset.nyckel === "ja") {
    $("nyckel-falt").hidden = false;
    $("nyckel-falt").closest("details").open = true;
  }
  $("exempel").addEventListener("change", visaBeskrivning);
  $("anvand-exempel").addEventListener("click", anvandExempel);
  $("fil").addEventListener("change", lasFil);
  $("formular").addEventListener("submit", granska);
  hamtaExempel();
});
