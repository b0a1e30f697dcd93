//! End to end in a real headless Chromium: the form page and training mode, as a
//! handläggare and a trainee would use them. Fill the form from nothing for a child's
//! korttidsvistelse and see the findings and the checklist appear without a click;
//! follow a finding to its field with the keyboard; save as YAML; read in a Word draft
//! and see how it was read; see bad documents refused clearly; load and save every
//! example through the form and get the same case back; read the page at 640 and 1920
//! px; run a training round. Screenshots go to `target/artefakter/`.
//!
//! Needs Debian's `chromium` and `chromium-driver`, as `webbsida.rs` does.

#[path = "support/dokument.rs"]
mod dokument;
#[path = "support/webdriver.rs"]
mod webdriver;

use beslutskoll::case::{read_case, Case};
use serde_json::{json, Value};
use webdriver::{artefact_dir, browser, ChromeDriver, Server, Session, TempDir};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
const TRAINING: &str = "korttidsvistelse_barn_utan_barnperspektiv";
const DRAFT: &str = "lss_korttidstillsyn_avslag_kostnad";

fn example_case(name: &str) -> Case {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/{name}.yaml")).unwrap();
    read_case("x.yaml", &text).unwrap().case
}

/// Set a field as the browser's own date picker would, and say it changed.
fn set(wd: &Session, css: &str, value: &str) {
    wd.script(
        "const e = document.querySelector(arguments[0]);
         e.value = arguments[1];
         e.dispatchEvent(new Event('change', { bubbles: true }));",
        json!([css, value]),
    );
}

fn choose(wd: &Session, select: &str, value: &str) {
    wd.click(&wd.find(&format!("{select} option[value='{value}']")));
}

fn visible(wd: &Session, css: &str) -> bool {
    wd.script(
        "const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]');",
        json!([css]),
    ) == json!(true)
}

/// Read in one script call, so a form rebuilt meanwhile is no stale element.
fn value(wd: &Session, css: &str) -> String {
    wd.script(
        "const e = document.querySelector(arguments[0]); return e ? e.value : '';",
        json!([css]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

fn no_sideways_scroll(wd: &Session) {
    let overflow = wd.script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        json!([]),
    );
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "sideways scroll of {overflow}px"
    );
}

#[test]
fn the_form_and_training_in_a_real_browser() {
    let Some((driver, chromium)) = browser() else {
        return;
    };
    let server = Server::start();
    let artefacts = artefact_dir();
    let profile = TempDir::new("chromium-profil-formular");
    let files = TempDir::new("formular-filer");
    let chromedriver = ChromeDriver::start(&driver);
    let wd = Session::new(&chromedriver.url, &chromium, &profile.0);

    // 1. From nothing: a child's korttidsvistelse. Until the required fields are
    // there, the page says what to fill in; then the findings come by themselves.
    wd.go(&format!("{}formular", server.url));
    wd.wait_for("#f-arende-id");
    assert!(!visible(&wd, "#f-utredning-texter-barnets_basta"));
    wd.wait_for(".saknas-lista a");
    wd.send_keys(&wd.find("#f-arende-id"), "LSS-2026-0900");
    wd.send_keys(&wd.find("#f-sokande-namn"), "Elsa Berg");
    set(&wd, "#f-sokande-fodelsedatum", "2017-04-12");
    choose(&wd, "#f-sokande-kon", "flicka");
    wd.click(&wd.find("#f-sokande-personkrets-1"));
    set(&wd, "#f-ansokan-datum", "2026-03-02");
    // A child: the child's fields appear.
    assert!(visible(&wd, "#f-utredning-texter-barnets_basta"));
    assert!(visible(&wd, "#f-utredning-texter-barnets_installning"));
    choose(&wd, "#f-ansokan-sokt_av", "vardnadshavare");
    choose(&wd, "#f-ansokan-insatser-0-insats", "korttidsvistelse");
    wd.send_keys(
        &wd.find("#f-utredning-texter-bakgrund"),
        "Elsa är 8 år och bor med sin pappa. Hon har en intellektuell funktionsnedsättning.",
    );
    choose(&wd, "#f-beslut-0-insats", "korttidsvistelse");
    set(&wd, "#f-beslut-0-datum", "2026-04-20");
    choose(&wd, "#f-beslut-0-utfall", "bifall");
    wd.send_keys(&wd.find("#f-beslut-0-lagrum"), "9 § 6 LSS");
    // No click: the findings and the checklist come as the case is typed.
    let finding = wd.wait_for("li[data-regel='lss.barn.barnets_basta']");
    assert!(wd.text(&finding).contains("Var i ärendet"));
    wd.wait_for("li[data-punkt='G6b'][data-state='saknas']");
    wd.wait_for("li[data-punkt='B.6']");
    let said = wd.text(&wd.find("#granskning-status"));
    assert!(said.starts_with("Granskat:"), "{said}");
    wd.screenshot(&artefacts.join("formular.png"));

    // Each finding leads to its field, with the keyboard too.
    let link = wd.find("li[data-regel='lss.barn.barnets_basta'] a.till-falt");
    wd.script(
        "arguments[0].focus()",
        json!([{ "element-6066-11e4-a52e-4f735466cecf": link }]),
    );
    wd.send_keys(&link, "\u{E007}");
    assert_eq!(
        wd.script("return document.activeElement.id", json!([])),
        "f-utredning-texter-barnets_basta"
    );
    // Writing the analysis takes the finding away, again without a click.
    wd.send_keys(
        &wd.find("#f-utredning-texter-barnets_basta"),
        "Elsa säger själv att hon vill sova över på korttidshemmet där hennes kompis bor. \
         Det är bäst för Elsa att vistelsen är på helger så att skolan inte störs.",
    );
    wd.wait_until("the barnets bästa finding to go", || {
        wd.try_find("li[data-regel='lss.barn.barnets_basta']")
            .is_none()
    });

    // 2. Save as YAML: the file is the case typed in.
    wd.click(&wd.find("#spara-yaml"));
    wd.wait_until("the saved file", || {
        value(&wd, "#sparad").contains("LSS-2026-0900")
    });
    let saved = read_case("sparad.yaml", &value(&wd, "#sparad"))
        .unwrap_or_else(|e| panic!("the saved YAML does not read: {}", e.message()))
        .case;
    assert_eq!(saved.sokande.namn, "Elsa Berg");
    assert_eq!(saved.sokande.personkrets, [1]);
    assert_eq!(saved.beslut[0].insats.id(), "korttidsvistelse");
    assert!(saved
        .utredning
        .texter
        .barnets_basta
        .unwrap()
        .contains("Elsa säger"));

    // 3. Every control has a label.
    let unlabelled = wd.script(
        "return [...document.querySelectorAll('input, select, textarea, button')]
            .filter(e => e.type !== 'hidden' && e.labels !== null && e.labels.length === 0
                         && !(e.tagName === 'BUTTON' && e.textContent.trim()))
            .map(e => e.id || e.outerHTML)",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]), "controls without a label");

    // 4. A Word draft fills the form, and the page says how it was read.
    let draft = example_case(DRAFT);
    let docx = files.0.join("utkast.docx");
    std::fs::write(
        &docx,
        dokument::to_docx(&dokument::paragraphs(&draft).unwrap()),
    )
    .unwrap();
    wd.send_keys(&wd.find("#fil"), docx.to_str().unwrap());
    wd.wait_until("the draft in the form", || {
        value(&wd, "#f-arende-id") == draft.arende.id
    });
    assert!(visible(&wd, "#kalla-ruta"));
    let source = wd.text(&wd.find("#kalla"));
    assert!(source.contains("utredning.texter.bakgrund"), "{source}");
    assert_eq!(value(&wd, "#f-sokande-namn"), draft.sokande.namn);
    wd.wait_for("#anmarkningar li.anmarkning");

    // A text draft dropped on the page fills the form the same way.
    let dropped = example_case(TRAINING);
    let text = dokument::to_text(&dokument::paragraphs(&dropped).unwrap());
    wd.script(
        "const t = new DataTransfer();
         t.items.add(new File([arguments[0]], 'utkast.txt', { type: 'text/plain' }));
         document.getElementById('slapp')
           .dispatchEvent(new DragEvent('drop', { dataTransfer: t, bubbles: true, cancelable: true }));",
        json!([text]),
    );
    wd.wait_until("the dropped draft in the form", || {
        value(&wd, "#f-arende-id") == dropped.arende.id
    });
    wd.wait_for("li[data-regel='lss.barn.barnets_basta']");

    // Bad documents: a clear error on the page, and the page and service go on.
    for (name, bytes, wants) in [
        ("trasig.docx", b"%PDF-1.7\n".to_vec(), "PDF"),
        ("tom.docx", Vec::new(), "tom"),
    ] {
        let path = files.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        wd.send_keys(&wd.find("#fil"), path.to_str().unwrap());
        // The alert of the previous file is replaced, not edited: read its text by
        // script each time instead of holding an element that goes stale.
        let mut said = String::new();
        wd.wait_until(&format!("the error for {name}"), || {
            said = wd
                .script(
                    "const e = document.querySelector(\"#ladda-fel .fel[role='alert']\");
                     return e ? e.textContent : '';",
                    json!([]),
                )
                .as_str()
                .unwrap_or("")
                .to_string();
            said.contains(&format!("Filen {name} kunde inte läsas"))
        });
        assert!(said.contains(wants), "{said}");
        wd.screenshot(&artefacts.join("formular-fel.png"));
        wd.script("document.getElementById('fil').value = ''", json!([]));
    }

    // 5. Every example through the form and back: the same case.
    let names: Vec<String> = {
        let mut n: Vec<String> = std::fs::read_dir(EXAMPLES)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    wd.wait_for(&format!("#exempel option[value='{TRAINING}']"));
    for name in &names {
        let want = example_case(name);
        wd.script("document.getElementById('sparad').value = ''", json!([]));
        choose(&wd, "#exempel", name);
        wd.click(&wd.find("#anvand-exempel"));
        wd.wait_until(&format!("{name} in the form"), || {
            value(&wd, "#f-arende-id") == want.arende.id
                && wd
                    .script(
                        "return document.getElementById('ladda-status').textContent",
                        json!([]),
                    )
                    .as_str()
                    .is_some_and(|t| t.contains("inläst"))
        });
        wd.click(&wd.find("#spara-yaml"));
        wd.wait_until(&format!("{name} saved"), || {
            !value(&wd, "#sparad").is_empty()
        });
        let got = read_case("sparad.yaml", &value(&wd, "#sparad"))
            .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
            .case;
        assert_eq!(got, want, "{name} changed on its way through the form");
    }

    // 6. Readable on a 1920 px screen (findings beside the form) and at 640 px.
    wd.window_size(1920, 1200);
    wd.go(&format!("{}formular", server.url));
    wd.wait_for(&format!("#exempel option[value='{TRAINING}']"));
    choose(&wd, "#exempel", TRAINING);
    wd.click(&wd.find("#anvand-exempel"));
    wd.wait_for("li[data-regel='lss.barn.barnets_basta']");
    let beside = wd.script(
        "const f = document.querySelector('main').getBoundingClientRect();
         const g = document.getElementById('granskning').getBoundingClientRect();
         return g.left >= f.right;",
        json!([]),
    );
    assert_eq!(
        beside,
        json!(true),
        "the findings are beside the form at 1920 px"
    );
    no_sideways_scroll(&wd);
    wd.screenshot(&artefacts.join("formular-1920.png"));
    wd.window_size(640, 900);
    no_sideways_scroll(&wd);
    wd.screenshot(&artefacts.join("formular-640.png"));

    // 7. A training round: no findings until the marks are handed in.
    wd.window_size(1280, 1400);
    wd.go(&format!("{}ovning", server.url));
    wd.wait_for(&format!("#exempel option[value='{TRAINING}']"));
    choose(&wd, "#exempel", TRAINING);
    wd.click(&wd.find("#starta"));
    wd.wait_for("#m-utredning");
    let shown = wd.text(&wd.find("#arendet"));
    assert!(shown.contains("Noah Saarinen"), "{shown}");
    assert!(
        wd.try_find("li.anmarkning").is_none(),
        "findings shown too early"
    );
    wd.click(&wd.find("#m-utredning"));
    wd.send_keys(&wd.find("#m-utredning-vad"), "barnets bästa saknas");
    wd.click(&wd.find("#m-ansokan"));
    wd.screenshot(&artefacts.join("ovning.png"));
    wd.click(&wd.find("#lamna-in"));
    wd.wait_for("#facit:not([hidden]) tr[data-sektion='utredning']");
    let outcome = |s: &str| -> Value {
        wd.script(
            "const r = document.querySelector(`tr[data-sektion='${arguments[0]}']`);
             return r && r.dataset.utfall;",
            json!([s]),
        )
    };
    assert_eq!(outcome("utredning"), "hittat");
    assert_eq!(outcome("ansokan"), "extra");
    assert_eq!(outcome("beslut"), "missat");
    assert_eq!(outcome("arende"), "inget");
    let facit = wd.text(&wd.find("#facit"));
    assert!(facit.contains("Utbildningsanteckning"), "{facit}");
    assert!(facit.contains("Så kan en bra text se ut"), "{facit}");
    assert!(wd
        .try_find("#facit li[data-regel='lss.barn.barnets_basta']")
        .is_some());
    assert_eq!(
        wd.script("return document.activeElement.id", json!([])),
        "facit-rubrik"
    );
    wd.screenshot(&artefacts.join("ovning-facit.png"));
    wd.window_size(640, 900);
    no_sideways_scroll(&wd);

    drop(wd);
    let log = server.stop();
    assert!(!log.contains("panik"), "the service panicked:\n{log}");
    for name in ["Noah", "Elsa", &draft.sokande.namn] {
        assert!(!log.contains(name), "the log names a person:\n{log}");
    }
}
