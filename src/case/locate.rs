//! Finding the exact place in a case text that an error is about, where the parser
//! does not say it well enough itself.
//!
//! `yaml_serde` reports the start of the offending node, which is right except for a
//! duplicate key (it points at the start of the mapping). `serde_json` reports where
//! it *stopped* reading (after a key's colon, after a value, at a closing brace), so
//! JSON positions are found again from the error's path by walking the text.
//!
//! INVARIANT: every function here either finds the place by reading the text
//! structurally or returns `None`; callers then fall back to the parser's own
//! position. A wrong line is worse than an imprecise one.

use std::ops::Range;

/// One step of a path into the case: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// Byte offset of a 1-based line and 1-based *byte* column (as `serde_json` counts),
/// clamped to the text and to a character boundary.
pub(super) fn offset_of_byte_col(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    floor_boundary(text, (start + col.saturating_sub(1)).min(line_end))
}

pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The span of one character at `at` (empty at the end of the text).
pub(super) fn char_span(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    at..at + len
}

// ---------------------------------------------------------------- JSON

struct Scan<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn at(text: &'a str, i: usize) -> Self {
        Scan {
            text,
            b: text.as_bytes(),
            i,
        }
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.i;
        self.eat(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(start..self.i);
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips one value without recursion (nesting is only counted).
    fn value(&mut self) -> Option<Range<usize>> {
        let start = self.i;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
            }
        }
        Some(start..self.i)
    }

    fn key(&self, r: Range<usize>) -> Option<String> {
        serde_json::from_str(self.text.get(r)?).ok()
    }

    /// Moves to the value of member `key` (the `nth`, 1-based) of the object here;
    /// returns the key's span.
    fn member(&mut self, key: &str, nth: usize) -> Option<Range<usize>> {
        self.eat(b'{')?;
        let mut seen = 0;
        loop {
            self.ws();
            let k = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            if self.key(k.clone()).as_deref() == Some(key) {
                seen += 1;
                if seen == nth {
                    return Some(k);
                }
            }
            self.value()?;
            self.ws();
            self.eat(b',')?;
        }
    }

    fn element(&mut self, index: usize) -> Option<()> {
        self.eat(b'[')?;
        for _ in 0..index {
            self.ws();
            self.value()?;
            self.ws();
            self.eat(b',')?;
        }
        self.ws();
        Some(())
    }
}

/// Where `path` is in a JSON text: the span of its key (if the last step is a key)
/// and the offset where its value starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub key: Option<Range<usize>>,
    pub value_start: usize,
}

pub(super) fn json_place(text: &str, path: &[Seg]) -> Option<Place> {
    let mut s = Scan::at(text, 0);
    s.ws();
    let mut key = None;
    for seg in path {
        match seg {
            Seg::Key(k) => key = Some(s.member(k, 1)?),
            Seg::Index(i) => {
                s.element(*i)?;
                key = None;
            }
        }
    }
    Some(Place {
        key,
        value_start: s.i,
    })
}

/// The span of the value at `path`.
pub(super) fn json_value(text: &str, path: &[Seg]) -> Option<Range<usize>> {
    let place = json_place(text, path)?;
    Scan::at(text, place.value_start).value()
}

/// The key span of the `nth` (1-based) member named `key` of the object at `path`.
pub(super) fn json_member(text: &str, path: &[Seg], key: &str, nth: usize) -> Option<Range<usize>> {
    let place = json_place(text, path)?;
    Scan::at(text, place.value_start).member(key, nth)
}

// ---------------------------------------------------------------- YAML

/// The span of the `nth` (1-based) key `key` of the block mapping whose first key
/// starts at `map_start` (where `yaml_serde` puts a mapping's mark).
///
/// Keys of a block mapping all start in the same column, and everything that belongs
/// to their values (block scalars, continuation lines, nested mappings) is indented
/// further, so a line indented exactly as far that starts with `key:` is that key.
/// The mapping ends at the first line indented less.
pub(super) fn yaml_block_key(
    text: &str,
    map_start: usize,
    key: &str,
    nth: usize,
) -> Option<Range<usize>> {
    let map_start = floor_boundary(text, map_start);
    let line_start = text[..map_start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..map_start];
    // Only spaces and sequence dashes may stand before a block mapping's first key.
    if !lead.bytes().all(|c| c == b' ' || c == b'-') {
        return None;
    }
    let col = lead.len();
    let mut seen = 0;
    let mut pos = line_start;
    let mut first = true;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        let blank = rest.is_empty() || rest.starts_with('#');
        let ends_mapping =
            indent < col || (indent == 0 && (rest.starts_with("---") || rest == "..."));
        if !first && !blank && ends_mapping {
            return None;
        }
        if first || (!blank && indent == col) {
            let key_at = if first { map_start } else { pos + col };
            if let Some(len) = key_len_at(&text[key_at..end], key) {
                seen += 1;
                if seen == nth {
                    return Some(key_at..key_at + len);
                }
            }
        }
        first = false;
        pos = end + 1;
    }
    None
}

/// If `line` starts with `key:` (plain, single- or double-quoted key), the length of
/// the key as written.
fn key_len_at(line: &str, key: &str) -> Option<usize> {
    let written = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    written.iter().find_map(|w| {
        let after = line.strip_prefix(w.as_str())?.trim_start_matches(' ');
        let after = after.strip_prefix(':')?;
        (after.is_empty() || after.starts_with([' ', '\t', '\r'])).then_some(w.len())
    })
}

/// The span of a scalar that starts at `at` and is known to read `value`: the value as
/// written, with its quotes if quoted, or one character if the text does not match.
pub(super) fn scalar_span(text: &str, at: usize, value: &str) -> Range<usize> {
    let at = floor_boundary(text, at);
    let rest = &text[at..];
    if !value.is_empty() {
        if rest.starts_with(value) {
            return at..at + value.len();
        }
        for q in ['"', '\''] {
            let quoted = format!("{q}{value}{q}");
            if rest.starts_with(&quoted) {
                return at..at + quoted.len();
            }
        }
    }
    char_span(text, at)
}

/// Where the second YAML document of a text starts: its `---` line.
pub(super) fn yaml_second_document(text: &str) -> Option<usize> {
    let mut markers = Vec::new();
    let mut content_before_first = false;
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        let is_marker = line == "---" || line.starts_with("--- ") || line.starts_with("---\t");
        if is_marker {
            markers.push(pos);
        } else if markers.is_empty() {
            let t = line.trim_start();
            if !(t.is_empty() || t.starts_with('#') || line.starts_with('%')) {
                content_before_first = true;
            }
        }
        pos = end + 1;
    }
    let index = if content_before_first { 0 } else { 1 };
    markers.get(index).copied()
}

/// Where a line starts that is indented less than the first line of the document,
/// e.g. `arende:` after ` format: 1`. libyaml then ends the first document and
/// starts a second one without a `---`.
pub(super) fn yaml_outdented_line(text: &str) -> Option<usize> {
    let mut first_indent = None;
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let content = !(rest.is_empty()
            || rest.starts_with('#')
            || line.starts_with('%')
            || line.starts_with("---"));
        if content {
            match first_indent {
                None => first_indent = Some(indent),
                Some(first) if indent < first => return Some(pos + indent),
                Some(_) => {}
            }
        }
        pos = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }

    #[test]
    fn json_paths_find_keys_and_values() {
        let t = r#"{"a": {"b": [1, {"c": "x,]}"}, 3]}, "d\u0065": true}"#;
        let c = json_place(t, &[key("a"), key("b"), Seg::Index(1), key("c")]).unwrap();
        assert_eq!(&t[c.key.unwrap()], r#""c""#);
        let v = json_value(t, &[key("a"), key("b"), Seg::Index(2)]).unwrap();
        assert_eq!(&t[v], "3");
        let k = json_member(t, &[], "de", 1).unwrap();
        assert_eq!(&t[k], r#""d\u0065""#);
        assert_eq!(json_place(t, &[key("zz")]), None);
    }

    #[test]
    fn yaml_block_keys_are_found_by_column() {
        let t = "a:\n  id: 1\n  b: |\n    id: no\n  # id: no\n  - id: no\n  id: 2\nid: no\n";
        let start = t.find("id").unwrap();
        let second = yaml_block_key(t, start, "id", 2).unwrap();
        assert_eq!(second.start, t.find("  id: 2").unwrap() + 2);
        assert_eq!(yaml_block_key(t, start, "id", 3), None);
        let item = "l:\n  - x: 1\n    'x': 2\n  - x: 3\n";
        let first = item.find("x:").unwrap();
        let found = yaml_block_key(item, first, "x", 2).unwrap();
        assert_eq!(&item[found], "'x'");
        assert_eq!(yaml_block_key(item, first, "x", 3), None);
    }

    #[test]
    fn second_document_is_found() {
        assert_eq!(yaml_second_document("a: 1\n---\nb: 2\n"), Some(5));
        assert_eq!(
            yaml_second_document("# c\n---\na: 1\n--- \nb: 2\n"),
            Some(13)
        );
        assert_eq!(yaml_second_document("---\na: 1\n"), None);
        assert_eq!(yaml_outdented_line("# c\n format: 1\narende:\n"), Some(15));
        assert_eq!(yaml_outdented_line("a:\n  b: 1\nc: 2\n"), None);
    }

    #[test]
    fn byte_columns_become_offsets() {
        let t = "{\"å\": 1,\n \"b\": x}";
        assert_eq!(offset_of_byte_col(t, 2, 7), t.find('x').unwrap());
        assert_eq!(offset_of_byte_col(t, 9, 1), t.len());
    }
}
