//! Unified diffs that `git apply` accepts: line edits on an existing file become hunks with
//! three lines of context; a new file is one hunk against `/dev/null`. A missing final newline
//! is marked as git marks it.

use std::fmt::Write as _;

/// Replace old lines `start..end` (0-based, end exclusive; `start == end` inserts before
/// `start`) with `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub lines: Vec<String>,
}

const CONTEXT: usize = 3;

/// Splits text into lines (without terminators) and whether it ends with a newline.
pub fn split(text: &str) -> (Vec<&str>, bool) {
    let nl = text.ends_with('\n') || text.is_empty();
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return (Vec::new(), true);
    }
    (body.split('\n').collect(), nl)
}

/// Applies sorted, non-overlapping edits to `old`, giving the new lines.
pub fn apply(old: &[&str], edits: &[Edit]) -> Vec<String> {
    let mut out = Vec::with_capacity(old.len());
    let mut at = 0;
    for e in edits {
        let start = e.start.min(old.len()).max(at);
        out.extend(
            old.get(at..start)
                .unwrap_or_default()
                .iter()
                .map(|s| s.to_string()),
        );
        out.extend(e.lines.iter().cloned());
        at = e.end.min(old.len()).max(start);
    }
    out.extend(
        old.get(at..)
            .unwrap_or_default()
            .iter()
            .map(|s| s.to_string()),
    );
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Keep,
    Del,
    Add,
}

/// One line of the full comparison: what happens to it, its index in the old and the new text.
type Row = (Op, usize, usize, String);

/// The diff of an existing file under `edits` (sorted, non-overlapping); empty when nothing
/// changes.
pub fn modified(path: &str, old_text: &str, edits: &[Edit]) -> String {
    let (old, old_nl) = split(old_text);
    let (ops, new_len) = rows(&old, edits);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| o.0 != Op::Keep)
        .map(|(i, _)| i)
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    let mut out = format!("diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n");
    for (first, last) in clusters(&changed) {
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(ops.len());
        hunk(
            &mut out,
            ops.get(from..to).unwrap_or_default(),
            (old.len(), old_nl),
            (new_len, old_nl),
        );
    }
    out
}

/// Every line of the old text kept, deleted or added under `edits`, and the new line count.
fn rows(old: &[&str], edits: &[Edit]) -> (Vec<Row>, usize) {
    let mut ops: Vec<Row> = Vec::new();
    let (mut oi, mut ni) = (0usize, 0usize);
    let line = |i: usize| old.get(i).copied().unwrap_or("").to_string();
    for e in edits {
        let start = e.start.min(old.len()).max(oi);
        while oi < start {
            ops.push((Op::Keep, oi, ni, line(oi)));
            oi += 1;
            ni += 1;
        }
        let end = e.end.min(old.len()).max(start);
        while oi < end {
            ops.push((Op::Del, oi, ni, line(oi)));
            oi += 1;
        }
        for l in &e.lines {
            ops.push((Op::Add, oi, ni, l.clone()));
            ni += 1;
        }
    }
    while oi < old.len() {
        ops.push((Op::Keep, oi, ni, line(oi)));
        oi += 1;
        ni += 1;
    }
    (ops, ni)
}

/// Changed row indices grouped into hunks: (first, last) of each run whose gaps are at most
/// twice the context.
fn clusters(changed: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &c in changed {
        match out.last_mut() {
            Some((_, last)) if c - *last <= 2 * CONTEXT => *last = c,
            _ => out.push((c, c)),
        }
    }
    out
}

fn hunk(out: &mut String, ops: &[Row], old: (usize, bool), new: (usize, bool)) {
    let old_count = ops.iter().filter(|o| o.0 != Op::Add).count();
    let new_count = ops.iter().filter(|o| o.0 != Op::Del).count();
    let old_start = ops.first().map(|o| o.1 + 1).unwrap_or(1);
    let new_start = ops.first().map(|o| o.2 + 1).unwrap_or(1);
    let range = |start: usize, count: usize| match count {
        0 => format!("{},0", start.saturating_sub(1)),
        1 => format!("{start}"),
        _ => format!("{start},{count}"),
    };
    out.push_str(&format!(
        "@@ -{} +{} @@\n",
        range(old_start, old_count),
        range(new_start, new_count)
    ));
    for (op, oi, ni, text) in ops {
        let old_last = *op != Op::Add && oi + 1 == old.0 && !old.1;
        let new_last = *op != Op::Del && ni + 1 == new.0 && !new.1;
        match op {
            // The last line gains or loses its newline: it changes although its text does not.
            Op::Keep if old_last != new_last => {
                diff_line(out, '-', text, old_last);
                diff_line(out, '+', text, new_last);
            }
            Op::Keep => diff_line(out, ' ', text, old_last),
            Op::Del => diff_line(out, '-', text, old_last),
            Op::Add => diff_line(out, '+', text, new_last),
        }
    }
}

/// One line of a hunk, with git's marker when the line has no newline at the end of its file.
fn diff_line(out: &mut String, sign: char, text: &str, no_newline: bool) {
    out.push(sign);
    out.push_str(text);
    out.push('\n');
    if no_newline {
        out.push_str("\\ No newline at end of file\n");
    }
}

/// The diff creating `path` with `text`.
pub fn created(path: &str, text: &str) -> String {
    let (lines, nl) = split(text);
    let mut out = format!(
        "diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1{} @@\n",
        if lines.len() == 1 { String::new() } else { format!(",{}", lines.len()) }
    );
    for (i, l) in lines.iter().enumerate() {
        let _ = writeln!(out, "+{l}");
        if i + 1 == lines.len() && !nl {
            out.push_str("\\ No newline at end of file\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_have_context_and_counts() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let edits = vec![
            Edit {
                start: 1,
                end: 2,
                lines: vec!["B".into()],
            },
            Edit {
                start: 9,
                end: 9,
                lines: vec!["x".into(), "y".into()],
            },
        ];
        let d = modified("f.txt", old, &edits);
        let expected = "diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n\
@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n\
@@ -7,4 +7,6 @@\n g\n h\n i\n+x\n+y\n j\n";
        assert_eq!(d, expected);
        assert_eq!(
            apply(&split(old).0, &edits).join(","),
            "a,B,c,d,e,f,g,h,i,x,y,j"
        );
    }

    #[test]
    fn new_files_and_missing_newlines() {
        assert_eq!(
            created("n.rs", "x\ny\n"),
            "diff --git a/n.rs b/n.rs\nnew file mode 100644\n--- /dev/null\n+++ b/n.rs\n@@ -0,0 +1,2 @@\n+x\n+y\n"
        );
        let d = modified(
            "f",
            "a\nb",
            &[Edit {
                start: 0,
                end: 1,
                lines: vec![],
            }],
        );
        assert_eq!(d, "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-a\n b\n\\ No newline at end of file\n");
    }
}
