//! Whatever the bytes, reading a case never panics: it gives a case or an error that
//! points at a real line and renders.

use beslutskoll::case::{read_case, read_case_bytes, CaseError};
use proptest::prelude::*;

const SPEC_YAML: &str = include_str!("fixtures/cases/spec_example.yaml");
const SPEC_JSON: &str = include_str!("fixtures/cases/spec_example.json");

fn check_error(e: &CaseError) -> Result<(), TestCaseError> {
    prop_assert!(e.line() >= 1 && e.column() >= 1, "{e}");
    let diag = e.to_diagnostic();
    prop_assert_eq!(diag.line_col(), (e.line(), e.column()));
    let shown = diag.to_string();
    let location = format!(":{}:{}", e.line(), e.column());
    prop_assert!(shown.contains(&location), "{}", shown);
    prop_assert!(!e.message().is_empty());
    Ok(())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    match read_case("fuzz.yaml", text) {
        Ok(_) => Ok(()),
        Err(e) => check_error(&e),
    }
}

/// One edit of a valid case: the kinds of damage hand editing does.
#[derive(Debug, Clone)]
enum Edit {
    DeleteChar(usize),
    InsertChar(usize, char),
    SwapLines(usize, usize),
    DuplicateLine(usize),
    Truncate(usize),
}

fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if chars.is_empty() {
        return match *edit {
            Edit::InsertChar(_, c) => c.to_string(),
            _ => String::new(),
        };
    }
    match *edit {
        Edit::DeleteChar(i) => {
            let i = i % chars.len();
            chars[..i].iter().chain(&chars[i + 1..]).collect()
        }
        Edit::InsertChar(i, c) => {
            let i = i % (chars.len() + 1);
            let mut out: String = chars[..i].iter().collect();
            out.push(c);
            out.extend(&chars[i..]);
            out
        }
        Edit::SwapLines(a, b) => {
            let mut lines = lines.clone();
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.concat()
        }
        Edit::DuplicateLine(i) => {
            let mut lines = lines.clone();
            let i = i % lines.len();
            lines.insert(i, lines[i]);
            lines.concat()
        }
        Edit::Truncate(i) => chars[..i % (chars.len() + 1)].iter().collect(),
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let significant = prop::sample::select(vec![
        ' ', '\t', '\n', '\r', ':', '-', '[', ']', '{', '}', ',', '"', '\'', '#', '&', '*', '!',
        '|', '>', '%', '@', '`', '\\', 'ä', '\u{2028}', '\u{0}',
    ]);
    prop_oneof![
        any::<usize>().prop_map(Edit::DeleteChar),
        (any::<usize>(), significant).prop_map(|(i, c)| Edit::InsertChar(i, c)),
        (any::<usize>(), any::<char>()).prop_map(|(i, c)| Edit::InsertChar(i, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Err(e) = read_case_bytes("fuzz.bin", &bytes) {
            check_error(&e)?;
        }
    }

    #[test]
    fn random_yaml_like_text_never_panics(
        text in "[a-zé0-9 \t\n:,\\-\\[\\]{}\"'#&*!|>%@?~.]{0,200}"
    ) {
        check_text(&text)?;
        check_text(&format!("{{{text}"))?;
    }

    #[test]
    fn edited_yaml_cases_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let text = edits.iter().fold(SPEC_YAML.to_string(), |t, e| apply(&t, e));
        check_text(&text)?;
    }

    #[test]
    fn edited_json_cases_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let text = edits.iter().fold(SPEC_JSON.to_string(), |t, e| apply(&t, e));
        check_text(&text)?;
    }
}
