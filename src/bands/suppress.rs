//! In-code suppressions: `seamline: allow(file_lines, cognitive) reason="generated tables"` in a
//! comment, on the first lines of a file (file-level metrics) or just before an item (the item's
//! metrics). A suppression without a reason does not suppress; it is reported itself.

use serde::{Deserialize, Serialize};

use crate::metrics::lines::LineClass;

/// The marker that starts a suppression.
pub const MARKER: &str = "seamline: allow(";

/// How many lines at the top of a file count as "the first lines" for file-level suppressions
/// (besides any line before the first component).
pub const HEADER_LINES: u32 = 10;

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: u32,
    /// The metric keys inside `allow(...)`, as written.
    pub metrics: Vec<String>,
    /// The reason, when one was given and is not empty.
    pub reason: Option<String>,
    /// The lines an item must start on to be covered: from the first code line after the
    /// comment to the first one that is not an attribute or decorator.
    pub item_lines: (u32, u32),
}

/// Finds the suppressions in `src`, given its line classes.
pub fn find(src: &str, classes: &[LineClass]) -> Vec<Suppression> {
    if !src.contains(MARKER) {
        return Vec::new();
    }
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    for (i, text) in lines.iter().enumerate() {
        let Some(pos) = text.find(MARKER) else {
            continue;
        };
        if !is_directive(&text[..pos], classes.get(i) == Some(&LineClass::Comment)) {
            continue;
        }
        let rest = &text[pos + MARKER.len()..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let metrics = rest[..close]
            .split(',')
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect();
        let reason = parse_reason(&rest[close + 1..]);
        let line = i as u32 + 1;
        // A directive trailing code covers the item on its own line.
        let trailing = classes.get(i) == Some(&LineClass::Code);
        out.push(Suppression {
            line,
            metrics,
            reason,
            item_lines: if trailing {
                (line, line)
            } else {
                item_lines(&lines, classes, i + 1)
            },
        });
    }
    out
}

/// Comment openers a directive may follow.
const OPENERS: [&str; 6] = ["//", "#", "/*", "--", "<!--", ";"];

/// A directive is the first thing in its comment: `before` (the text ahead of the marker) ends
/// with a comment opener. On a line that also holds code, nothing before the opener may be a
/// quote, so that a marker inside a string literal is not taken for a directive.
fn is_directive(before: &str, comment_line: bool) -> bool {
    let head = before.trim_end();
    let Some(opener) = OPENERS.iter().find(|o| head.ends_with(*o)) else {
        return false;
    };
    let code = &head[..head.len() - opener.len()];
    comment_line || !code.contains(['"', '\'', '`'])
}

fn parse_reason(rest: &str) -> Option<String> {
    let after = rest.split_once("reason")?.1.trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &after[1..];
    let end = body.find(quote)?;
    let reason = body[..end].trim();
    (!reason.is_empty()).then(|| reason.to_string())
}

/// From the line after the comment: the first code line, and the first code line that is not
/// an attribute (`#[...]`) or decorator (`@...`).
fn item_lines(lines: &[&str], classes: &[LineClass], from: usize) -> (u32, u32) {
    let mut first = None;
    for (i, text) in lines.iter().enumerate().skip(from) {
        if classes.get(i) != Some(&LineClass::Code) {
            continue;
        }
        let line = i as u32 + 1;
        let first_code = *first.get_or_insert(line);
        let t = text.trim_start();
        if !(t.starts_with("#[") || t.starts_with('@')) {
            return (first_code, line);
        }
    }
    let end = lines.len() as u32 + 1;
    (first.unwrap_or(end), end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::metrics::lines::classify;

    #[test]
    fn finds_reasons_metrics_and_targets() {
        let src = "// @@file_lines) reason=\"generated tables\"\n\
                   use x;\n\
                   \n\
                   /// Docs.\n\
                   // @@cognitive, nesting)\n\
                   #[inline]\n\
                   #[allow(dead_code)]\n\
                   fn f() {}\n\
                   let s = \"// @@params) reason='x'\";\n\
                   /// Docs mention (`@@...)`) but are no directive.\n\
                   fn g() {} // @@params) reason=\"trailing\"\n";
        // `@@` stands for the marker, so that this file holds no directive of its own.
        let src = &src.replace("@@", MARKER);
        let classes = classify(Language::Rust, src);
        let found = find(src, &classes);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[2].line, 11);
        assert_eq!(found[2].reason.as_deref(), Some("trailing"));
        assert_eq!(found[2].item_lines, (11, 11));
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].metrics, vec!["file_lines"]);
        assert_eq!(found[0].reason.as_deref(), Some("generated tables"));
        assert_eq!(found[1].line, 5);
        assert_eq!(found[1].metrics, vec!["cognitive", "nesting"]);
        assert_eq!(found[1].reason, None);
        assert_eq!(found[1].item_lines, (6, 8));
    }

    #[test]
    fn python_hash_comments_and_empty_reasons() {
        let src = "# @@params) reason=\"\"\n@decorator\ndef f(a, b, c, d, e, f, g):\n    pass\n";
        let src = &src.replace("@@", MARKER);
        let classes = classify(Language::Python, src);
        let found = find(src, &classes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reason, None);
        assert_eq!(found[0].item_lines, (2, 3));
    }
}
