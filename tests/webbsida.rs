//! End to end: the real binary on a free loopback port, the page driven in a real
//! headless Chromium through ChromeDriver, as a handläggare would use it. Pick an
//! example, submit, see the expected finding; upload a file; paste a broken case and
//! see its line; check labels, focus, and the page at 200 % zoom. Screenshots go to
//! `target/artefakter/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`scripts/ci-browser-deps.sh`).
//! Without them the test fails when `CI=true` and is skipped with a notice otherwise.
//!
//! The WebDriver client is the few calls this test needs (`support/webdriver.rs`). The
//! form and training pages are driven in `webbsida_formular.rs`.

#[path = "support/webdriver.rs"]
mod webdriver;

use std::path::Path;

use serde_json::json;
use webdriver::{artefact_dir, browser, ChromeDriver, Server, Session, TempDir};

const EXAMPLE: &str = "korttidsvistelse_barn_utan_barnperspektiv";
const EXPECTED_RULE: &str = "lss.barn.barnets_basta";
const UPLOADED: &str = "personlig_assistans_avslag_utan_kommunicering";
const UPLOADED_RULE: &str = "fl.beslut.overklagandehanvisning_saknas";

#[test]
fn the_page_in_a_real_browser() {
    let Some((driver, chromium)) = browser() else {
        return;
    };
    let server = Server::start();
    let artefacts = artefact_dir();
    let profile = TempDir::new("chromium-profil");
    let chromedriver = ChromeDriver::start(&driver);
    let wd = Session::new(&chromedriver.url, &chromium, &profile.0);

    // 1. Pick an example, submit, see the finding.
    wd.go(&server.url);
    wd.wait_for(&format!("#exempel option[value='{EXAMPLE}']"));
    wd.click(&wd.find(&format!("#exempel option[value='{EXAMPLE}']")));
    wd.click(&wd.find("#anvand-exempel"));
    let case = wd.property(&wd.find("#arende"), "value");
    assert!(case.as_str().unwrap().contains("LSS-2026-0217"), "{case}");
    wd.click(&wd.find("#granska"));
    let finding = wd.wait_for(&format!("li[data-regel='{EXPECTED_RULE}']"));
    let text = wd.text(&finding);
    for expected in [
        "Utredningen saknar en analys av barnets bästa.",
        "6 a § LSS",
        "utredning.texter.barnets_basta",
        "FEL",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` not in the finding:\n{text}"
        );
    }
    let results = wd.text(&wd.find("#resultat"));
    assert!(results.contains("Utredningen ("), "{results}");
    assert!(
        results.contains("Rätta felen innan beslutet fattas."),
        "{results}"
    );
    // Focus moves to the results, so a keyboard or screen-reader user is taken there.
    assert_eq!(
        wd.script("return document.activeElement.id", json!([])),
        "resultat-rubrik"
    );
    wd.screenshot(&artefacts.join("webbsida.png"));

    // 2. Every control has a label.
    let unlabelled = wd.script(
        "return [...document.querySelectorAll('input, select, textarea, button')]
            .filter(e => e.type !== 'hidden' && e.labels !== null && e.labels.length === 0
                         && !(e.tagName === 'BUTTON' && e.textContent.trim()))
            .map(e => e.id || e.outerHTML)",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]), "controls without a label");

    // 3. Upload a file.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{UPLOADED}.yaml"));
    wd.send_keys(&wd.find("#fil"), path.to_str().unwrap());
    wd.wait_until("the uploaded file in the text field", || {
        wd.property(&wd.find("#arende"), "value")
            .as_str()
            .is_some_and(|v| v.contains("LSS-2026-0388"))
    });
    wd.click(&wd.find("#granska"));
    wd.wait_for(&format!("li[data-regel='{UPLOADED_RULE}']"));

    // 4. A broken case: the message names its line.
    let field = wd.find("#arende");
    wd.clear(&field);
    wd.send_keys(
        &field,
        "format: 1\narende:\n  id: \"X\"\n  lag: LSS\nsokande: [\n",
    );
    wd.click(&wd.find("#granska"));
    let alert = wd.wait_for(".fel[role='alert']");
    let said = wd.text(&alert);
    assert!(said.contains("Ärendet kunde inte granskas"), "{said}");
    assert!(said.contains("Rad "), "{said}");
    wd.screenshot(&artefacts.join("webbsida-fel.png"));

    // 5. At 200 % zoom (half the CSS width) nothing needs sideways scrolling.
    wd.window_size(640, 900);
    wd.go(&server.url);
    wd.wait_for(&format!("#exempel option[value='{EXAMPLE}']"));
    wd.click(&wd.find(&format!("#exempel option[value='{EXAMPLE}']")));
    wd.click(&wd.find("#anvand-exempel"));
    wd.click(&wd.find("#granska"));
    wd.wait_for(&format!("li[data-regel='{EXPECTED_RULE}']"));
    let overflow = wd.script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        json!([]),
    );
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "sideways scroll of {overflow}px"
    );
    wd.screenshot(&artefacts.join("webbsida-smal.png"));

    drop(wd);
    let log = server.stop();
    assert!(!log.contains("panik"), "the service panicked:\n{log}");
    assert!(!log.contains("Noah"), "the log names the applicant:\n{log}");
}
