//! The session summary in Markdown, for a pull request description: bands crossed per node
//! (before and after, with the metric that drives each side), items moved between files, files
//! created and removed, and the tree's totals at both ends. Every name from the tree is
//! sanitised and escaped for Markdown tables.

use std::fmt::Write;

use super::nodes::NodeKey;
use super::session::{Delta, FileDelta, NodeDelta, Side, Totals};
use crate::report::check_text::plural;
use crate::sanitize::sanitize;

/// Renders `d`.
pub fn markdown(d: &Delta) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## seamline: refactor session\n");
    headline(&mut s, d);
    crossings(&mut s, d);
    moved(&mut s, d);
    for (title, files) in [("Files created", &d.created), ("Files removed", &d.removed)] {
        file_list(&mut s, title, files);
    }
    totals(&mut s, &d.before, &d.after);
    s
}

/// The one-line overview under the title.
fn headline(s: &mut String, d: &Delta) {
    let _ = writeln!(
        s,
        "{} · {} node{} improved, {} worsened · {} file{} created, {} removed · +{} / −{} lines, \
         {} moved\n",
        duration(d.elapsed.as_secs()),
        d.improved.len(),
        plural(d.improved.len()),
        d.worsened.len(),
        d.created.len(),
        plural(d.created.len()),
        d.removed.len(),
        d.lines_added,
        d.lines_removed,
        d.lines_moved,
    );
}

/// The table of band crossings, worse first (or a line saying there were none).
fn crossings(s: &mut String, d: &Delta) {
    if d.improved.is_empty() && d.worsened.is_empty() {
        let _ = writeln!(s, "No node crossed a band.\n");
        return;
    }
    let _ = writeln!(s, "### Bands crossed\n");
    let _ = writeln!(s, "| node | before | after | change |");
    let _ = writeln!(s, "|---|---|---|---|");
    for n in &d.worsened {
        row(s, n, "worse");
    }
    for n in &d.improved {
        row(s, n, "better");
    }
    s.push('\n');
}

/// The table of items moved between files, when there are any.
fn moved(s: &mut String, d: &Delta) {
    if d.moved.is_empty() {
        return;
    }
    let _ = writeln!(s, "### Moved between files (extraction in progress)\n");
    let _ = writeln!(s, "| item | from | to | lines |");
    let _ = writeln!(s, "|---|---|---|---|");
    for m in &d.moved {
        let nested = if m.nested > 0 {
            format!(" (+{} nested)", m.nested)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "| {} {}{nested} | {} | {} | {} |",
            m.node,
            code(&m.item),
            code(&m.from),
            code(&m.to),
            m.lines
        );
    }
    s.push('\n');
}

/// A list of created or removed files under `title`, when there are any.
fn file_list(s: &mut String, title: &str, files: &[FileDelta]) {
    if files.is_empty() {
        return;
    }
    let _ = writeln!(s, "### {title}\n");
    for f in files {
        let band = if f.band > crate::bands::Band::Ok {
            format!(", {}", f.band)
        } else {
            String::new()
        };
        let _ = writeln!(s, "- {} ({} lines{band})", code(&f.path), f.lines);
    }
    s.push('\n');
}

fn row(s: &mut String, n: &NodeDelta, change: &str) {
    let from = n
        .before
        .as_ref()
        .map_or("(new)".to_string(), |b| b.band.to_string());
    let to = n
        .after
        .as_ref()
        .map_or("(gone)".to_string(), |a| a.band.to_string());
    let _ = writeln!(
        s,
        "| {} | {} | {} | {change}: {from} → {to} |",
        subject(&n.key, n.after.as_ref().or(n.before.as_ref())),
        side(n.before.as_ref()),
        side(n.after.as_ref()),
    );
}

fn subject(k: &NodeKey, s: Option<&Side>) -> String {
    match &k.item {
        Some(item) => format!(
            "{}:{} {} {}",
            code(&k.path),
            s.map_or(0, |s| s.line),
            k.node,
            code(item)
        ),
        None if k.path.is_empty() => "(root)".into(),
        None if k.node == "directory" => code(&format!("{}/", k.path)),
        None => code(&k.path),
    }
}

fn side(s: Option<&Side>) -> String {
    let Some(s) = s else { return "—".into() };
    let band = if s.band >= crate::bands::Band::Emergency {
        format!("**{}**", s.band)
    } else {
        s.band.to_string()
    };
    match s.metric {
        Some(m) => format!("{band} ({} {}/{})", m.key(), s.value, s.limit),
        None => band,
    }
}

fn totals(s: &mut String, b: &Totals, a: &Totals) {
    let _ = writeln!(s, "### Totals\n");
    let _ = writeln!(s, "| | before | after |");
    let _ = writeln!(s, "|---|---:|---:|");
    let rows: [(&str, usize, usize); 7] = [
        ("files", b.files as usize, a.files as usize),
        ("lines", b.lines as usize, a.lines as usize),
        ("components", b.components as usize, a.components as usize),
        ("nodes in freeze", b.freeze, a.freeze),
        ("nodes in emergency", b.emergency, a.emergency),
        ("nodes in review", b.review, a.review),
        ("nodes in watch", b.watch, a.watch),
    ];
    for (label, x, y) in rows {
        let _ = writeln!(s, "| {label} | {x} | {y} |");
    }
}

/// A name as inline code, safe inside a Markdown table.
fn code(text: &str) -> String {
    let clean = sanitize(text).replace('`', "'").replace('|', "\\|");
    format!("`{clean}`")
}

fn duration(secs: u64) -> String {
    match secs {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_tables() {
        assert_eq!(code("a|b`c\u{1b}"), "`a\\|b'c\\u{1b}`");
        assert_eq!(duration(5), "5 s");
        assert_eq!(duration(125), "2 min 5 s");
        assert_eq!(duration(7300), "2 h 1 min");
    }
}
