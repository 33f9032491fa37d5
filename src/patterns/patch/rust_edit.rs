//! Edits inside lines, at syn positions (1-based line, column in chars): insert a visibility,
//! replace one, turn `self::` into `super::` or prefix `super::` with another `super::`.

/// One in-line edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosEdit {
    pub line: u32,
    pub col: u32,
    /// Replace up to this (line, col); `None` inserts.
    pub end: Option<(u32, u32)>,
    pub text: String,
}

fn byte_at(line: &str, col: u32) -> usize {
    line.char_indices()
        .nth(col as usize)
        .map(|(i, _)| i)
        .unwrap_or(line.len())
}

/// Applies edits to `lines`, whose first element is source line `first`. Edits are applied from
/// the last position to the first so that earlier positions stay valid. Returns false when an
/// edit spans several lines (not supported; the caller reports it).
pub fn apply(lines: &mut [String], first: u32, mut edits: Vec<PosEdit>) -> bool {
    edits.sort_by_key(|e| std::cmp::Reverse((e.line, e.col)));
    edits.dedup();
    let mut ok = true;
    for e in edits {
        let Some(idx) = e.line.checked_sub(first) else {
            continue;
        };
        let Some(line) = lines.get_mut(idx as usize) else {
            continue;
        };
        let from = byte_at(line, e.col);
        let to = match e.end {
            None => from,
            Some((l, c)) if l == e.line => byte_at(line, c).max(from),
            Some(_) => {
                ok = false;
                continue;
            }
        };
        if line.is_char_boundary(from) && line.is_char_boundary(to) {
            line.replace_range(from..to, &e.text);
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_right_to_left() {
        let mut lines = vec![
            "fn a() { self::b(); super::c(); }".to_string(),
            "struct S { x: u8 }".to_string(),
        ];
        let edits = vec![
            PosEdit {
                line: 10,
                col: 0,
                end: None,
                text: "pub(super) ".into(),
            },
            PosEdit {
                line: 10,
                col: 9,
                end: Some((10, 13)),
                text: "super".into(),
            },
            PosEdit {
                line: 10,
                col: 20,
                end: None,
                text: "super::".into(),
            },
            PosEdit {
                line: 11,
                col: 11,
                end: None,
                text: "pub(super) ".into(),
            },
        ];
        assert!(apply(&mut lines, 10, edits));
        assert_eq!(
            lines[0],
            "pub(super) fn a() { super::b(); super::super::c(); }"
        );
        assert_eq!(lines[1], "struct S { pub(super) x: u8 }");
    }
}
