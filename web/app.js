// The text page's behaviour: fill the case field (example, file or paste), send it to
// POST /v1/check and show the report. Plain JavaScript, no build step, no network but
// this service. The helpers and how a finding is shown are in gemensam.js.
"use strict";

let exempel = [];

function status(text) {
  $("status").textContent = text;
}

async function hamtaExempel() {
  const val = $("exempel");
  try {
    exempel = await hamtaExempelLista();
    fyllExempelval(val, exempel);
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
  nyckelHuvud(headers);
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
  const ruta = felruta("Ärendet kunde inte granskas", fel);
  if (fel.line) {
    const knapp = el("button", { type: "button" }, `Gå till rad ${fel.line} i ärendet`);
    knapp.addEventListener("click", () => gaTillRad(fel.line));
    ruta.append(knapp);
  }
  visaResultat(ruta);
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

function visaRapport(r) {
  const s = r.summary;
  status(`Granskat: ${antal(s.error, "fel", "fel")}, ${antal(s.warning, "varning", "varningar")}.`);
  const [klass, text] = omdome(s);
  const delar = [
    el("p", { class: "arende-id" }, `Ärende ${r.case}`),
    el("p", { class: klass }, text),
    el("p", {}, sammanfattning(s)),
  ];
  if (r.findings.length === 0) {
    delar.push(el("p", {}, "Inga anmärkningar. Alla regler som gäller ärendet är uppfyllda."));
  }
  delar.push(...anmarkningsgrupper(r.findings));
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

document.addEventListener("DOMContentLoaded", () => {
  visaNyckelfalt();
  $("exempel").addEventListener("change", visaBeskrivning);
  $("anvand-exempel").addEventListener("click", anvandExempel);
  $("fil").addEventListener("change", lasFil);
  $("formular").addEventListener("submit", granska);
  hamtaExempel();
});
