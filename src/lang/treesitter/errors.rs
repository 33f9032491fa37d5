//! Locates the first syntax error of a tree (in document order) and words it briefly.

use tree_sitter::Node;

use super::nodes::text;
use crate::model::facts::ParseIssue;

/// Longest excerpt of the offending text quoted in a message.
const EXCERPT: usize = 24;

/// The first ERROR or MISSING node, when the tree has any. Descends only into children that
/// contain an error, one level per step (no recursion).
pub fn first_error(root: Node, src: &str) -> Option<ParseIssue> {
    if !root.has_error() {
        return None;
    }
    let mut node = root;
    loop {
        if node.is_error() || node.is_missing() {
            break;
        }
        let mut cursor = node.walk();
        let next = node.children(&mut cursor).find(|c| c.has_error());
        match next {
            Some(child) => node = child,
            None => break,
        }
    }
    let line = (node.start_position().row as u32).saturating_add(1);
    let message = if node.is_missing() {
        format!("syntax error: missing `{}`", printable(node.kind()))
    } else {
        let excerpt = printable(text(node, src).lines().next().unwrap_or("").trim());
        if excerpt.is_empty() {
            "syntax error".to_string()
        } else {
            format!("syntax error: unexpected `{excerpt}`")
        }
    };
    Some(ParseIssue { line, message })
}

/// At most [`EXCERPT`] characters, control characters replaced.
fn printable(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(EXCERPT)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(EXCERPT).is_some() {
        out.push('…');
    }
    out
}
