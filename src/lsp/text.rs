//! Documents and positions: an LSP position is a line and a column counted in UTF-16
//! code units, the rule language's spans are byte ranges. `å`, `ä`, `ö` and `§` are
//! one unit each but two bytes, so every conversion goes through this module.
//! Also the conversion between `file://` URIs and paths.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Uri};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// Byte offset → LSP position (UTF-16 column), clamped to the text.
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..offset]
        .chars()
        .map(char::len_utf16)
        .sum::<usize>();
    Position::new(line as u32, character as u32)
}

/// Byte range → LSP range.
pub fn range(text: &str, span: &Range<usize>) -> lsp_types::Range {
    lsp_types::Range::new(position(text, span.start), position(text, span.end))
}

/// LSP position → byte offset; a column past the end of its line is the line's end,
/// a line past the end of the text is the text's end.
pub fn offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0usize;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The range that covers a whole text, for replacing it.
pub fn whole(text: &str) -> lsp_types::Range {
    lsp_types::Range::new(Position::new(0, 0), position(text, text.len()))
}

/// Characters kept as they are in a path URI (RFC 3986 unreserved and `/`).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The path a `file://` URI names; `None` for any other scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///home/x` has an empty host; `file://localhost/home/x` names this host.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// A `file://` URI for an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let encoded = utf8_percent_encode(s, PATH).to_string();
    Uri::from_str(&format!("file://{encoded}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_not_bytes() {
        let text = "regel å\n  kräv finns(sokande.x)\n";
        let at = text.find("sokande").unwrap();
        let p = position(text, at);
        assert_eq!((p.line, p.character), (1, 13));
        assert_eq!(offset(text, p), at);
        // A character outside the BMP is two UTF-16 units.
        let text = "a😀b";
        assert_eq!(position(text, text.find('b').unwrap()).character, 3);
        assert_eq!(offset(text, Position::new(0, 3)), text.find('b').unwrap());
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        assert_eq!(offset(text, Position::new(0, 99)), 2);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        assert_eq!(position(text, 99), Position::new(1, 2));
    }

    #[test]
    fn file_uris_round_trip_with_swedish_letters_and_spaces() {
        let path = Path::new("/tmp/regler för kommun/ö.regler");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/regler%20f%C3%B6r%20kommun/%C3%B6.regler"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
