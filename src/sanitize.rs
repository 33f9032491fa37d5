//! Makes text from a scanned repository safe to print: control characters and escape sequences
//! in file names, identifiers or commit messages never reach the terminal as such.

use std::borrow::Cow;

/// Replaces every control character (C0, DEL, C1) with a visible escape (`\x1b` → `\u{1b}`), and
/// Unicode bidirectional overrides, which can reorder what a terminal shows, likewise.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if needs_escape(ch) {
            out.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escapes_control_sequences() {
        assert_eq!(sanitize("plain/path.rs"), "plain/path.rs");
        assert_eq!(sanitize("evil\x1b[31m.rs"), "evil\\u{1b}[31m.rs");
        assert_eq!(sanitize("a\nb\tc\u{9b}"), "a\\u{a}b\\u{9}c\\u{9b}");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
    }
}
