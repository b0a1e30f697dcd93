// The form page: start from nothing, an example, a draft (.docx, .txt, .md) or a case
// file (YAML, JSON); see the findings and the investigation checklist update as the
// case is typed (400 ms after the last change, no reload); save the case as YAML or
// JSON. Reading and writing YAML and reading drafts is done by the service
// (POST /v1/case/read, /v1/case/write), checking by POST /v1/check and /v1/checklist.
"use strict";

const VANTA_MS = 400;
const TILLSTAND = { klar: "Klart", saknas: "Saknas", behovs_inte: "Behövs inte" };

let formular;
let exempellista = [];
let timer = null;
let granskningNr = 0;
let senastSagt = "";

const MEDIATYP = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json",
  yaml: "application/yaml",
  yml: "application/yaml",
};

function laddaStatus(text) {
  $("ladda-status").textContent = text;
}

// A link that takes the user to the field of a report path (and focuses it).
function lankTill(vag, insats, text) {
  const kontroll = formular.kontrollFor(vag, insats);
  if (!kontroll) return null;
  const a = el("a", { href: `#${kontroll.id}`, class: "till-falt" }, text || "Gå till fältet");
  a.addEventListener("click", (h) => {
    h.preventDefault();
    const mal = formular.kontrollFor(vag, insats);
    if (!mal) return;
    const sektion = mal.closest("details");
    if (sektion) sektion.open = true;
    mal.scrollIntoView({ block: "center" });
    mal.focus();
  });
  return a;
}

// --- Loading --------------------------------------------------------------------

function visaLaddfel(rubrik, fel) {
  const ruta = felruta(rubrik, fel);
  ruta.tabIndex = -1;
  $("ladda-fel").replaceChildren(ruta);
  ruta.focus();
  laddaStatus("");
}

async function lasIn(typ, kropp, namn) {
  $("ladda-fel").replaceChildren();
  laddaStatus(`Läser ${namn} …`);
  let svar;
  try {
    svar = await skicka("/v1/case/read", typ, kropp);
  } catch (e) {
    visaLaddfel(`${namn} kunde inte läsas`, { message: "Tjänsten svarade inte. Försök igen om en stund." });
    return false;
  }
  if (!svar.ok) {
    visaLaddfel(`${namn} kunde inte läsas`, typeof svar.kropp === "object" ? svar.kropp : { message: String(svar.kropp) });
    return false;
  }
  formular.las(svar.kropp.case);
  visaKalla(svar.kropp.source, svar.kropp.warnings);
  laddaStatus(`${namn} är inläst i formuläret.`);
  planeraGranskning(0);
  return true;
}

// How a draft was read: which heading became which field, each with a link to it.
function visaKalla(kalla, varningar) {
  const delar = [];
  if (kalla && kalla.length) {
    delar.push(el("p", {}, "Så lästes utkastet: varje rubrik eller etikett och fältet den blev."));
    const tabell = el("table", { class: "kalla-tabell" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "I utkastet"), el("th", { scope: "col" }, "Fält i formuläret"))));
    const kropp = el("tbody");
    for (const k of kalla) {
      const td = el("td", {}, el("code", {}, k.falt));
      const l = lankTill(k.falt, null, "visa");
      if (l) td.append(" ", l);
      kropp.append(el("tr", {}, el("td", {}, k.rubrik), td));
    }
    tabell.append(kropp);
    delar.push(tabell);
  }
  for (const v of varningar || []) delar.push(el("p", { class: "varningstext" }, `${v.path}: ${v.message}`));
  $("kalla").replaceChildren(...delar);
  $("kalla-ruta").hidden = delar.length === 0;
  if (delar.length) $("kalla-ruta").open = true;
}

async function lasFil(fil) {
  if (!fil) return;
  const andelse = (fil.name.split(".").pop() || "").toLowerCase();
  const typ = MEDIATYP[andelse];
  if (!typ) {
    visaLaddfel(`${fil.name} kunde inte läsas`, {
      message: "Filtypen känns inte igen. Välj ett Word-dokument (.docx), en textfil (.txt, .md) eller en ärendefil (.yaml, .json).",
    });
    return;
  }
  let kropp;
  try {
    kropp = andelse === "docx" ? await fil.arrayBuffer() : await fil.text();
  } catch (e) {
    visaLaddfel(`${fil.name} kunde inte läsas`, { message: "Filen gick inte att öppna i webbläsaren." });
    return;
  }
  await lasIn(typ, kropp, `Filen ${fil.name}`);
}

async function anvandExempel() {
  const x = exempellista.find((e) => e.name === $("exempel").value);
  if (!x) {
    laddaStatus("Välj först ett övningsärende i listan.");
    $("exempel").focus();
    return;
  }
  await lasIn("application/yaml", x.text, `Övningsärendet ”${x.title}”`);
}

function nyttTomt() {
  formular.las(nyttArende());
  visaKalla(null, null);
  laddaStatus("Ett nytt, tomt ärende. Börja med ärendenumret.");
  planeraGranskning(0);
  $(faltId("arende.id")).focus();
}

// --- Checking as the case is typed ---------------------------------------------------

function planeraGranskning(ms) {
  clearTimeout(timer);
  timer = setTimeout(granska, ms === undefined ? VANTA_MS : ms);
}

function saga(text) {
  if (text === senastSagt) return;
  senastSagt = text;
  $("granskning-status").textContent = text;
}

async function granska() {
  const nr = ++granskningNr;
  const saknas = saknadeKrav(formular.arende);
  if (saknas.length) {
    saga(`Fyll i ${antal(saknas.length, "uppgift", "uppgifter")} till för att se anmärkningarna.`);
    const lista = el("ul", { class: "saknas-lista" });
    for (const s of saknas) {
      const l = lankTill(s.vag, null, s.etikett);
      lista.append(el("li", {}, l || s.etikett));
    }
    $("anmarkningar").replaceChildren(el("p", {}, "Formatet kräver de här uppgifterna innan ärendet kan granskas:"), lista);
    $("checklista").replaceChildren(el("p", { class: "hjalp" }, "Checklistan visas när de obligatoriska uppgifterna är ifyllda."));
    return;
  }
  const kropp = JSON.stringify(formular.arende);
  $("granskning").setAttribute("aria-busy", "true");
  let rapport, lista;
  try {
    [rapport, lista] = await Promise.all([
      skicka("/v1/check", "application/json", kropp),
      skicka("/v1/checklist", "application/json", kropp),
    ]);
  } catch (e) {
    if (nr === granskningNr) saga("Tjänsten svarade inte. Granskningen försöks igen vid nästa ändring.");
    return;
  } finally {
    if (nr === granskningNr) $("granskning").removeAttribute("aria-busy");
  }
  // A later change has already asked again: this answer is out of date.
  if (nr !== granskningNr) return;
  if (!rapport.ok) {
    saga("Ärendet kunde inte granskas.");
    $("anmarkningar").replaceChildren(felruta("Ärendet kunde inte granskas", rapport.kropp));
    return;
  }
  visaAnmarkningar(rapport.kropp);
  if (lista.ok) visaChecklista(lista.kropp);
}

function visaAnmarkningar(r) {
  const s = r.summary;
  saga(`Granskat: ${antal(s.error, "fel", "fel")}, ${antal(s.warning, "varning", "varningar")}, ${antal(s.info, "upplysning", "upplysningar")}.`);
  const [klass, text] = omdome(s);
  const delar = [el("p", { class: klass }, text)];
  if (s.acknowledged) delar.push(el("p", {}, sammanfattning(s)));
  if (r.findings.length === 0) delar.push(el("p", {}, "Inga anmärkningar. Alla regler som gäller ärendet är uppfyllda."));
  delar.push(...anmarkningsgrupper(r.findings, (f) => lankTill(f.path, f.insats)));
  $("anmarkningar").replaceChildren(...delar);
}

function visaChecklista(c) {
  const namn = c.insatser.map((i) => (INSATSER.find(([k]) => k === i) || [i, i])[1]);
  const delar = [el("p", { class: "hjalp" }, `För ${namn.join(", ") || "ärendet"}${c.barn ? ", för ett barn" : ""}.`)];
  const ul = el("ul", { class: "checklista" });
  for (const p of c.items) {
    const li = el("li", { class: `punkt punkt-${p.state}`, "data-punkt": p.id, "data-state": p.state });
    li.append(el("p", { class: "punkt-rad" }, el("span", { class: "tillstand" }, TILLSTAND[p.state]), " ", p.text));
    const mer = el("p", { class: "hjalp" }, `${p.skal} Grund: ${p.grund}.`);
    if (p.state === "saknas" && p.falt.length) {
      const l = lankTill(p.falt[0].replaceAll("[]", "[0]"), null);
      if (l) mer.append(" ", l);
    }
    li.append(mer);
    ul.append(li);
  }
  delar.push(ul);
  $("checklista").replaceChildren(...delar);
}

// --- Saving ---------------------------------------------------------------------

async function spara(json) {
  $("spara-fel").replaceChildren();
  const saknas = saknadeKrav(formular.arende);
  if (saknas.length) {
    const ruta = felruta("Ärendet kan inte sparas än", {
      message: `Fyll i: ${saknas.map((s) => s.etikett).join(", ")}.`,
    });
    $("spara-fel").replaceChildren(ruta);
    const l = lankTill(saknas[0].vag, null, "Gå till det första fältet");
    if (l) ruta.append(l);
    return;
  }
  let svar;
  try {
    svar = await skicka("/v1/case/write", "application/json", JSON.stringify(formular.arende), json ? "application/json" : "application/yaml");
  } catch (e) {
    $("spara-fel").replaceChildren(felruta("Ärendet kunde inte sparas", { message: "Tjänsten svarade inte." }));
    return;
  }
  if (!svar.ok) {
    $("spara-fel").replaceChildren(felruta("Ärendet kunde inte sparas", svar.kropp));
    return;
  }
  const text = typeof svar.kropp === "string" ? svar.kropp : JSON.stringify(svar.kropp, null, 2) + "\n";
  $("sparad").value = text;
  $("sparad-ruta").hidden = false;
  $("sparad-ruta").open = true;
  const id = ((formular.arende.arende || {}).id || "arende").replace(/[^\p{L}\p{N}_-]+/gu, "_");
  const a = el("a", {
    href: URL.createObjectURL(new Blob([text], { type: json ? "application/json" : "application/yaml" })),
    download: `${id}.${json ? "json" : "yaml"}`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  $("spara-status").textContent = `Ärendet är sparat som ${id}.${json ? "json" : "yaml"}.`;
}

document.addEventListener("DOMContentLoaded", async () => {
  visaNyckelfalt();
  formular = new Formular($("falten"), () => planeraGranskning());
  formular.las(nyttArende());
  $("anvand-exempel").addEventListener("click", anvandExempel);
  $("nytt").addEventListener("click", nyttTomt);
  $("fil").addEventListener("change", () => lasFil($("fil").files[0]));
  $("spara-yaml").addEventListener("click", () => spara(false));
  $("spara-json").addEventListener("click", () => spara(true));
  $("formular").addEventListener("submit", (h) => {
    h.preventDefault();
    planeraGranskning(0);
  });
  const slapp = $("slapp");
  for (const typ of ["dragenter", "dragover"]) {
    slapp.addEventListener(typ, (h) => {
      h.preventDefault();
      slapp.classList.add("over");
    });
  }
  slapp.addEventListener("dragleave", () => slapp.classList.remove("over"));
  slapp.addEventListener("drop", (h) => {
    h.preventDefault();
    slapp.classList.remove("over");
    lasFil(h.dataTransfer.files[0]);
  });
  planeraGranskning(0);
  try {
    exempellista = await hamtaExempelLista();
    fyllExempelval($("exempel"), exempellista);
  } catch (e) {
    $("exempel").replaceChildren(el("option", { value: "" }, "Exemplen kunde inte hämtas"));
  }
});
