// Training mode. The trainer picks an example; the trainee reads the case (no
// findings shown), marks the sections where something is wrong, and hands in; then
// the page shows the check's findings beside the marks (found, missed, extra) and the
// example's training note. Nothing is stored: the marks live in this page only.
"use strict";

let ovningar = [];
let valt = null;
let arendet = null;

function status(text) {
  $("status").textContent = text;
}

const AVSNITT = () => SEKTIONER.filter((s) => s.ovning !== false);

// Under each section of the case: "something is wrong here", and what (optional).
function markering(s) {
  const id = `m-${s.id}`;
  return el(
    "fieldset",
    { class: "markering" },
    el("legend", {}, `Din bedömning: ${s.rubrik}`),
    el(
      "span",
      { class: "kryss" },
      el("input", { type: "checkbox", id, "data-sektion": s.id }),
      el("label", { for: id }, `Något är fel eller saknas i ${s.rubrik.toLowerCase()}`),
    ),
    el("label", { for: `${id}-vad`, class: "svag-etikett" }, "Vad? (valfritt)"),
    el("input", { type: "text", id: `${id}-vad`, class: "bred-text" }),
  );
}

async function starta() {
  valt = ovningar.find((x) => x.name === $("exempel").value);
  $("fel").replaceChildren();
  if (!valt) {
    status("Välj först ett övningsärende i listan.");
    $("exempel").focus();
    return;
  }
  let svar;
  try {
    svar = await skicka("/v1/case/read", "application/yaml", valt.text);
  } catch (e) {
    svar = { ok: false, kropp: { message: "Tjänsten svarade inte. Försök igen om en stund." } };
  }
  if (!svar.ok) {
    $("fel").replaceChildren(felruta("Övningsärendet kunde inte läsas", svar.kropp));
    return;
  }
  arendet = svar.kropp.case;
  // The example's title would give the answer away; the trainee sees the case only.
  $("arende-titel").textContent = `Ärende ${arendet.arende.id}`;
  $("arendet").replaceChildren(...lasvy(arendet, markering));
  $("facit").hidden = true;
  $("markeringar").hidden = false;
  status("Ärendet visas. Markera det du tror är fel och lämna in.");
  $("arende-rubrik").focus();
}

// The check's findings that count in training: errors and warnings not acknowledged.
function raknas(f) {
  return !f.acknowledged && f.severity !== "info";
}

async function lamnaIn(h) {
  h.preventDefault();
  let svar;
  try {
    svar = await skicka("/v1/check", "application/yaml", valt.text);
  } catch (e) {
    svar = { ok: false, kropp: { message: "Tjänsten svarade inte. Försök igen om en stund." } };
  }
  if (!svar.ok) {
    $("fel").replaceChildren(felruta("Övningsärendet kunde inte granskas", svar.kropp));
    return;
  }
  visaFacit(svar.kropp);
}

function visaFacit(r) {
  const perAvsnitt = new Map(AVSNITT().map((s) => [s.id, []]));
  for (const f of r.findings.filter(raknas)) {
    const s = sektionFor(f.path);
    if (perAvsnitt.has(s.id)) perAvsnitt.get(s.id).push(f);
  }
  const tabell = el(
    "table",
    { class: "facit-tabell" },
    el("caption", {}, "Dina markeringar bredvid granskningens anmärkningar, avsnitt för avsnitt"),
    el(
      "thead",
      {},
      el("tr", {}, ...["Avsnitt", "Din markering", "Granskningen", "Resultat"].map((t) => el("th", { scope: "col" }, t))),
    ),
  );
  const kropp = el("tbody");
  const summa = { hittat: 0, missat: 0, extra: 0 };
  for (const s of AVSNITT()) {
    const markerat = $(`m-${s.id}`).checked;
    const vad = $(`m-${s.id}-vad`).value.trim();
    const fynd = perAvsnitt.get(s.id);
    let utfall, klass;
    if (markerat && fynd.length) [utfall, klass] = ["Hittat", "hittat"];
    else if (fynd.length) [utfall, klass] = ["Missat", "missat"];
    else if (markerat) [utfall, klass] = ["Extra", "extra"];
    else [utfall, klass] = ["Inget att hitta", "inget"];
    if (klass in summa) summa[klass] += 1;
    const granskning = fynd.length
      ? el("ul", {}, ...fynd.map((f) => el("li", {}, `${ALLVAR[f.severity]}: ${f.message}`)))
      : "Inga fel eller varningar";
    kropp.append(
      el(
        "tr",
        { class: `utfall-${klass}`, "data-sektion": s.id, "data-utfall": klass },
        el("th", { scope: "row" }, s.rubrik),
        el("td", {}, markerat ? `Markerat${vad ? `: ${vad}` : ""}` : "Inte markerat"),
        el("td", {}, granskning),
        el("td", {}, el("strong", {}, utfall)),
      ),
    );
  }
  tabell.append(kropp);
  const delar = [
    el(
      "p",
      { class: "omdome" },
      `Hittat: ${summa.hittat}. Missat: ${summa.missat}. Extra: ${summa.extra}.`,
    ),
    el("p", { class: "hjalp" }, "Ett avsnitt räknas som hittat när du markerat det och granskningen har minst ett fel eller en varning där. Upplysningar räknas inte."),
    el("div", { class: "tabell-omslag" }, tabell),
    el("h3", {}, "Granskningens anmärkningar"),
    el("p", {}, sammanfattning(r.summary)),
    ...anmarkningsgrupper(r.findings),
  ];
  if (valt.note) {
    delar.push(el("section", { class: "anteckning", "aria-labelledby": "anteckning-rubrik" }, el("h3", { id: "anteckning-rubrik" }, "Utbildningsanteckning"), ...markdown(valt.note)));
  }
  $("facit-innehall").replaceChildren(...delar);
  $("facit").hidden = false;
  for (const i of $("markeringar").querySelectorAll("input")) i.disabled = true;
  $("lamna-in").hidden = true;
  status(`Facit visas: hittat ${summa.hittat}, missat ${summa.missat}, extra ${summa.extra}.`);
  $("facit-rubrik").focus();
  $("facit-rubrik").scrollIntoView({ block: "start" });
}

function igen() {
  $("markeringar").hidden = true;
  $("facit").hidden = true;
  $("lamna-in").hidden = false;
  $("arendet").replaceChildren();
  status("");
  $("exempel").focus();
}

// --- The training note: the little Markdown the notes use, as text nodes ---------

function inline(text) {
  const delar = [];
  for (const bit of text.split(/(`[^`]+`|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\))/)) {
    if (!bit) continue;
    if (bit.startsWith("`") && bit.endsWith("`") && bit.length > 1) delar.push(el("code", {}, bit.slice(1, -1)));
    else if (bit.startsWith("**")) delar.push(el("strong", {}, bit.slice(2, -2)));
    else if (bit.startsWith("[")) delar.push(bit.slice(1, bit.indexOf("]")));
    else delar.push(bit);
  }
  return delar;
}

function markdown(text) {
  const ut = [];
  let stycke = [];
  let lista = null;
  let tabell = null;
  const slutStycke = () => {
    if (stycke.length) ut.push(el("p", {}, ...inline(stycke.join(" "))));
    stycke = [];
  };
  const slutAllt = () => {
    slutStycke();
    lista = null;
    tabell = null;
  };
  for (const rad of text.split("\n")) {
    const t = rad.trim();
    const rubrik = t.match(/^(#{1,6})\s+(.*)$/);
    if (!t) {
      slutAllt();
    } else if (rubrik) {
      slutAllt();
      // The note's own title is the example's title; its sections become h4.
      if (rubrik[1].length > 1) ut.push(el("h4", {}, ...inline(rubrik[2])));
    } else if (t.startsWith("|")) {
      slutStycke();
      lista = null;
      const celler = t.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      if (celler.every((c) => /^:?-+:?$/.test(c))) continue;
      if (!tabell) {
        tabell = el("tbody");
        ut.push(el("div", { class: "tabell-omslag" }, el("table", {}, el("thead", {}, el("tr", {}, ...celler.map((c) => el("th", { scope: "col" }, ...inline(c))))), tabell)));
      } else {
        tabell.append(el("tr", {}, ...celler.map((c) => el("td", {}, ...inline(c)))));
      }
    } else if (/^[-*]\s+/.test(t)) {
      slutStycke();
      tabell = null;
      if (!lista) {
        lista = el("ul");
        ut.push(lista);
      }
      lista.append(el("li", {}, ...inline(t.replace(/^[-*]\s+/, ""))));
    } else {
      tabell = null;
      if (lista && rad.startsWith("  ")) {
        lista.lastChild.append(" ", ...inline(t));
      } else {
        lista = null;
        stycke.push(t);
      }
    }
  }
  slutAllt();
  return ut;
}

document.addEventListener("DOMContentLoaded", async () => {
  visaNyckelfalt();
  $("starta").addEventListener("click", starta);
  $("markeringar").addEventListener("submit", lamnaIn);
  $("igen").addEventListener("click", igen);
  try {
    ovningar = await hamtaExempelLista();
    fyllExempelval($("exempel"), ovningar);
  } catch (e) {
    $("exempel").replaceChildren(el("option", { value: "" }, "Exemplen kunde inte hämtas"));
  }
});
