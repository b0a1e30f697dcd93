// Builds the form from the field list in falt.js and keeps the case object in step
// with it. The case object is edited in place: a field writes its key when the user
// changes it and never otherwise, so keys the form does not show (`extra`, keys of
// later formats) and values it does not change survive a load and a save unchanged.
// Also the read-only view of a case that the training page shows.
"use strict";

// Every control gets the id "f-" + its path, so a finding's path leads to its field.
function faltId(vag) {
  return "f-" + vag.replace(/[[\].]+/g, "-").replace(/-$/, "");
}

// The value a control holds, as the case format wants it; undefined for empty.
function kontrollVarde(f, kontroll) {
  switch (f.typ) {
    case "personkrets": {
      const valda = [...kontroll.querySelectorAll("input:checked")].map((i) => Number(i.value));
      return valda.length ? valda : undefined;
    }
    case "janej":
      return kontroll.value === "" ? undefined : kontroll.value === "ja";
    case "tal": {
      if (kontroll.value.trim() === "") return undefined;
      const n = Number(kontroll.value.replace(",", "."));
      return Number.isFinite(n) ? n : kontroll.value;
    }
    case "ordlista": {
      const ord = kontroll.value.split(",").map((s) => s.trim()).filter(Boolean);
      return ord.length ? ord : undefined;
    }
    default:
      return kontroll.value === "" ? undefined : kontroll.value;
  }
}

function visatVarde(f, v) {
  if (v === null || v === undefined) return "";
  if (f.typ === "janej") return v === true ? "ja" : v === false ? "nej" : "";
  if (f.typ === "ordlista") return Array.isArray(v) ? v.join(", ") : String(v);
  return String(v);
}

class Formular {
  // rot: the element the form goes into; vidAndring(vag): called after every change.
  constructor(rot, vidAndring) {
    this.rot = rot;
    this.vidAndring = vidAndring;
    this.arende = nyttArende();
  }

  las(arende) {
    this.arende = arende;
    this.bygg();
  }

  bygg(fokus) {
    const delar = SEKTIONER.map((s) =>
      el(
        "section",
        { class: "sektion", id: `s-${s.id}`, "aria-labelledby": `s-${s.id}-rubrik` },
        el("h2", { id: `s-${s.id}-rubrik` }, s.rubrik),
        ...s.falt.map((f) => this.falt(f, [], this.arende)),
      ),
    );
    this.rot.replaceChildren(...delar);
    this.synlighet();
    if (fokus) {
      const e = document.getElementById(fokus);
      if (e) e.focus();
    }
  }

  // One field (or list, or group) at `bas` + its path; `post` is the list item it is in.
  falt(f, bas, post) {
    const delar = [...bas, ...delaVag(f.sokvag)];
    const vag = vagText(delar);
    if (f.typ === "lista") return this.lista(f, delar);
    if (f.typ === "grupp") {
      const fs = f.platt
        ? el("div", { class: "grupp", "data-vag": vag })
        : el("fieldset", { class: "grupp", "data-vag": vag }, el("legend", {}, f.etikett));
      const obj = hamta(this.arende, delar);
      for (const g of f.falt) fs.append(this.falt(g, delar, obj));
      return fs;
    }
    const id = faltId(vag);
    const varde = hamta(this.arende, delar);
    const hjalpId = f.hjalp ? `${id}-hjalp` : undefined;
    const etikett = f.etikett + (f.krav ? " (obligatoriskt)" : "");
    const omslag = el("div", { class: "falt", "data-vag": vag });
    if (f.visa) omslag.dataset.visa = f.visa;
    let kontroll;
    if (f.typ === "personkrets") {
      kontroll = el(
        "fieldset",
        { class: "val-rad", id, "data-path": vag, tabIndex: -1 },
        el("legend", {}, etikett),
        ...[1, 2, 3].map((n) => {
          const cid = `${id}-${n}`;
          return el(
            "span",
            { class: "kryss" },
            el("input", { type: "checkbox", id: cid, value: String(n), checked: (varde || []).includes(n) }),
            el("label", { for: cid }, `Personkrets ${n}`),
          );
        }),
      );
      kontroll.addEventListener("change", () => this.andra(f, delar, kontroll));
      omslag.append(kontroll);
      return omslag;
    }
    if (f.typ === "val" || f.typ === "janej") {
      const val = f.typ === "janej" ? [["ja", "Ja"], ["nej", "Nej"]] : f.val;
      kontroll = el("select", { id }, el("option", { value: "" }, "(inte angivet)"));
      for (const [v, t] of val) kontroll.append(el("option", { value: v }, t));
      const visat = visatVarde(f, varde);
      // A value the list does not know (a document type of a later format) is kept.
      if (visat && !val.some(([v]) => v === visat)) kontroll.append(el("option", { value: visat }, visat));
      kontroll.value = visat;
    } else if (f.typ === "lang") {
      kontroll = el("textarea", { id, rows: 4, value: visatVarde(f, varde) });
      kontroll.className = "text";
    } else {
      const typ = { datum: "date", tal: "text" }[f.typ] || "text";
      kontroll = el("input", { id, type: typ, value: visatVarde(f, varde) });
      if (f.typ === "tal") kontroll.inputMode = "decimal";
    }
    kontroll.dataset.path = vag;
    if (f.krav) kontroll.setAttribute("aria-required", "true");
    if (hjalpId) kontroll.setAttribute("aria-describedby", hjalpId);
    kontroll.addEventListener(f.typ === "val" || f.typ === "janej" || f.typ === "datum" ? "change" : "input", () =>
      this.andra(f, delar, kontroll),
    );
    omslag.append(el("label", { for: id }, etikett));
    if (f.hjalp) omslag.append(el("p", { class: "hjalp", id: hjalpId }, f.hjalp));
    omslag.append(kontroll);
    return omslag;
  }

  lista(f, delar) {
    const vag = vagText(delar);
    const poster = hamta(this.arende, delar) || [];
    const fs = el("fieldset", { class: "lista", "data-vag": vag, id: faltId(vag), tabIndex: -1 }, el("legend", {}, f.etikett));
    if (f.visa) fs.dataset.visa = f.visa;
    if (f.hjalp) fs.append(el("p", { class: "hjalp" }, f.hjalp));
    poster.forEach((post, i) => {
      const pdelar = [...delar, i];
      const namn = `${f.post} ${i + 1}`;
      const pfs = el("fieldset", { class: "post", "data-vag": vagText(pdelar) }, el("legend", {}, namn));
      for (const g of f.falt) pfs.append(this.falt(g, pdelar, post));
      const bort = el("button", { type: "button", class: "liten" }, `Ta bort ${namn.toLowerCase()}`);
      bort.addEventListener("click", () => {
        poster.splice(i, 1);
        if (poster.length === 0) satt(this.arende, delar, undefined);
        this.bygg(`${faltId(vag)}-ny`);
        this.vidAndring(vag);
      });
      pfs.append(bort);
      fs.append(pfs);
    });
    const ny = el("button", { type: "button", id: `${faltId(vag)}-ny`, class: "liten" }, `Lägg till ${f.post.toLowerCase()}`);
    ny.addEventListener("click", () => {
      const lista = hamta(this.arende, delar);
      const post = {};
      if (Array.isArray(lista)) lista.push(post);
      else satt(this.arende, delar, [post]);
      const i = hamta(this.arende, delar).length - 1;
      this.bygg(faltId(vagText([...delar, i, ...delaVag(f.falt[0].sokvag)])));
      this.vidAndring(vag);
    });
    fs.append(ny);
    return fs;
  }

  andra(f, delar, kontroll) {
    satt(this.arende, delar, kontrollVarde(f, kontroll));
    // Who the applicant is and what is sought decide which fields are shown.
    this.synlighet();
    // An underlag's type shows or hides the fields about an earlier decision.
    this.vidAndring(vagText(delar));
  }

  // Show a field with `visa` when it applies to the case, or when it holds a value.
  synlighet() {
    for (const e of this.rot.querySelectorAll("[data-visa]")) {
      const delar = delaVag(e.dataset.vag);
      const postDelar = delar.slice(0, delar.findLastIndex((d) => typeof d === "number") + 1);
      const post = postDelar.length ? hamta(this.arende, postDelar) : null;
      e.hidden = !galler(e.dataset.visa, this.arende, post) && !harVarde(hamta(this.arende, delar));
    }
  }

  // The control a report path leads to: the path itself, or the nearest field above
  // it; a decision's path without index is found by its insats.
  kontrollFor(vag, insats) {
    let delar = delaVag(vag || "") || [];
    if (delar[0] === "beslut" && typeof delar[1] !== "number" && this.arende.beslut) {
      const i = Math.max(0, this.arende.beslut.findIndex((b) => b && b.insats === insats));
      delar = ["beslut", i, ...delar.slice(1)];
    }
    for (let n = delar.length; n > 0; n--) {
      const e = document.getElementById(faltId(vagText(delar.slice(0, n))));
      if (e && !e.closest("[hidden]")) return e;
      const omslag = this.rot.querySelector(`[data-vag="${vagText(delar.slice(0, n))}"]`);
      const forsta = omslag && omslag.querySelector("input, select, textarea");
      if (forsta && !forsta.closest("[hidden]")) return forsta;
    }
    return null;
  }
}

// The case as text, section by section, without controls: what the trainee reads.
function lasvy(arende, medSektion) {
  const rader = (falt, bas, dl) => {
    for (const f of falt) {
      const delar = [...bas, ...delaVag(f.sokvag)];
      const v = hamta(arende, delar);
      if (!harVarde(v)) continue;
      if (f.typ === "lista") {
        v.forEach((post, i) => {
          const inre = el("dl");
          rader(f.falt, [...delar, i], inre);
          dl.append(el("dt", {}, `${f.post} ${i + 1}`), el("dd", {}, inre));
        });
      } else if (f.typ === "grupp" && f.platt) {
        rader(f.falt, delar, dl);
      } else if (f.typ === "grupp") {
        const inre = el("dl");
        rader(f.falt, delar, inre);
        dl.append(el("dt", {}, f.etikett), el("dd", {}, inre));
      } else {
        let text = visatVarde(f, v);
        if (f.typ === "janej") text = v ? "Ja" : "Nej";
        if (f.typ === "personkrets") text = v.join(", ");
        if (f.val) text = (f.val.find(([k]) => k === v) || [v, v])[1];
        dl.append(el("dt", {}, f.etikett), el("dd", { class: f.typ === "lang" ? "lang" : "" }, text));
      }
    }
  };
  return SEKTIONER.filter((s) => s.ovning !== false).map((s) => {
    const dl = el("dl", { class: "lasvy" });
    rader(s.falt, [], dl);
    const delar = [el("h3", { id: `v-${s.id}-rubrik` }, s.rubrik)];
    delar.push(dl.childElementCount ? dl : el("p", { class: "hjalp" }, "Inget ifyllt."));
    if (medSektion) delar.push(medSektion(s));
    return el("section", { class: "sektion", id: `v-${s.id}`, "aria-labelledby": `v-${s.id}-rubrik` }, ...delar);
  });
}
