//! Small, panic-free helpers over tree-sitter nodes shared by the walker, the namers and the
//! per-language parameter counters.

use tree_sitter::Node;

/// Longest component name kept; longer ones (macro soup, broken recovery) are cut.
const MAX_NAME: usize = 200;

/// Bounds how far declarator chains are followed (`int *(*(*f))(...)`).
const MAX_CHAIN: usize = 32;

/// The source text of a node; empty if the range is not on character boundaries.
pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    src.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// The text of a node's field, if the field is present.
pub fn field_text<'s>(node: Node, field: &str, src: &'s str) -> Option<&'s str> {
    node.child_by_field_name(field).map(|n| text(n, src))
}

/// Turns raw name text into a component name: quotes stripped (`"foo"` module names, `'bar'`
/// keys), whitespace runs collapsed, length capped. `None` for empty names.
pub fn clean_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = strip_quotes(raw);
    if raw.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(raw.len().min(MAX_NAME));
    if raw.contains(char::is_whitespace) {
        for (i, word) in raw.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    } else {
        out.push_str(raw);
    }
    if out.len() > MAX_NAME {
        let mut cut = MAX_NAME;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    Some(out)
}

fn strip_quotes(s: &str) -> &str {
    for q in ['"', '\'', '`'] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// True for text that can stand as a binding name: no spaces, no patterns (`{a, b}`, `[x]`).
pub fn is_simple_name(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '[' | ']' | '(' | ')' | ','))
}

/// Follows a C/C++ declarator chain (pointer, reference, parenthesized, attributed declarators)
/// down to the first `function_declarator`.
pub fn function_declarator(node: Node) -> Option<Node> {
    let mut cur = node.child_by_field_name("declarator")?;
    for _ in 0..MAX_CHAIN {
        if cur.kind() == "function_declarator" {
            return Some(cur);
        }
        cur = match cur.child_by_field_name("declarator") {
            Some(next) => next,
            // `reference_declarator` keeps its inner declarator in an unnamed position.
            None => cur.named_child(0)?,
        };
    }
    None
}

/// Splits a C++ qualified name at its last `::` outside template arguments:
/// `ns::Foo<a::b>::bar` gives `("ns::Foo<a::b>", "bar")`.
pub fn split_scope(name: &str) -> (Option<&str>, &str) {
    let bytes = name.as_bytes();
    let mut depth = 0usize;
    let mut split = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'<') => depth += 1,
            Some(b'>') => depth = depth.saturating_sub(1),
            Some(b':') if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                split = Some(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    match split {
        Some(at) => {
            let scope = name.get(..at).map(str::trim).filter(|s| !s.is_empty());
            (scope, name.get(at + 2..).unwrap_or("").trim())
        }
        None => (None, name),
    }
}

/// Drops template argument lists from a scope: `Polygon<T>::Iter<U>` gives `Polygon::Iter`.
pub fn strip_template_args(scope: &str) -> String {
    let mut out = String::with_capacity(scope.len());
    let mut depth = 0usize;
    for c in scope.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// 1-based first line of a node.
pub fn start_line(node: Node) -> u32 {
    (node.start_position().row as u32).saturating_add(1)
}

/// 1-based last line of a node; a node ending at column 0 ends on the line before.
pub fn end_line(node: Node) -> u32 {
    let start = node.start_position().row;
    let end = node.end_position();
    let row = if end.column == 0 && end.row > start {
        end.row - 1
    } else {
        end.row
    };
    (row as u32).saturating_add(1)
}
