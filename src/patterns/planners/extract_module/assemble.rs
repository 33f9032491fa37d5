//! Turns an assignment into the plan's pieces: the lines that stay whatever moves, where new
//! modules go, each piece's items and predicted lines, and the notes on pinned items.

use std::collections::BTreeMap;

use super::super::{FileTarget, Parsed};
use crate::bands::Metric;
use crate::patterns::items::FileItems;
use crate::patterns::patch::{self, Assignment, Patch};
use crate::patterns::types::{Piece, PlanItem};
use crate::scan::file::measure_text;

/// Lines that stay whatever moves: everything but the movable items.
pub fn fixed_lines(f: &FileItems) -> f64 {
    let movable: u32 = f.movable().map(|(_, it)| it.lines() + 1).sum();
    f64::from(f.total_lines.saturating_sub(movable))
}

pub(super) fn stem(path: &str) -> &str {
    let name = patch::file_name(path);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

pub(super) fn extension(path: &str) -> &str {
    patch::file_name(path)
        .rsplit_once('.')
        .map(|(_, e)| e)
        .unwrap_or("")
}

/// Where new modules go.
pub(super) fn piece_dir(path: &str, parsed: &Parsed) -> String {
    match parsed {
        Parsed::Rust(_) => patch::rust::child_dir(path),
        _ => patch::parent(path).to_string(),
    }
}

/// Predicted lines per piece: the line count of the patched text (analysed as a scan would),
/// else the items' spans plus a header estimate.
pub fn predict(
    t: &FileTarget<'_>,
    f: &FileItems,
    asg: &Assignment,
    patch: Option<&Patch>,
) -> Vec<u32> {
    match patch {
        Some(p) => patched_lines(t, asg, p),
        None => estimated_lines(f, asg),
    }
}

/// Lines per piece measured on the patch's files: the first is the staying file, the rest the
/// moved pieces in order.
fn patched_lines(t: &FileTarget<'_>, asg: &Assignment, p: &Patch) -> Vec<u32> {
    let mut out = vec![0u32; asg.names.len()];
    let moved: Vec<usize> = asg.moved().collect();
    for (k, c) in p.changes.iter().enumerate() {
        let facts = measure_text(t.facts.language, &c.new, true);
        let piece = if k == 0 {
            Some(asg.stay)
        } else {
            moved.get(k - 1).copied()
        };
        if let Some(slot) = piece.and_then(|pc| out.get_mut(pc)) {
            *slot = facts.lines.total;
        }
    }
    out
}

/// Lines per piece estimated from the items' spans: the staying file loses the moved lines and
/// gains a declaration per piece; a new module has its items plus a header and imports.
fn estimated_lines(f: &FileItems, asg: &Assignment) -> Vec<u32> {
    let moved_lines: u32 = f
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| asg.piece_of.get(*i) != Some(&asg.stay))
        .map(|(_, it)| it.lines() + 1)
        .sum();
    let stay_lines = f.total_lines.saturating_sub(moved_lines) + 2 * (asg.names.len() as u32);
    let imports = f.imports.len().min(10) as u32;
    (0..asg.names.len())
        .map(|p| {
            if p == asg.stay {
                return stay_lines;
            }
            let lines: u32 = asg
                .items_of(p)
                .iter()
                .filter_map(|&i| f.items.get(i))
                .map(|it| it.lines() + 1)
                .sum();
            lines + 3 + imports
        })
        .collect()
}

/// The pieces of the plan, the staying one first.
pub fn pieces(
    t: &FileTarget<'_>,
    f: &FileItems,
    asg: &Assignment,
    predicted: &[u32],
    parsed: &Parsed,
) -> Vec<Piece> {
    let limit = t.limits.get(Metric::FileLines);
    let dir = piece_dir(t.path, parsed);
    let ext = extension(t.path);
    let mut order: Vec<usize> = vec![asg.stay];
    order.extend(asg.moved());
    order
        .into_iter()
        .map(|p| {
            let lines = predicted.get(p).copied().unwrap_or(0);
            Piece {
                name: asg.names.get(p).cloned().unwrap_or_default(),
                stays: p == asg.stay,
                file: Some(if p == asg.stay {
                    t.path.to_string()
                } else {
                    patch::join(
                        &dir,
                        &format!(
                            "{}.{ext}",
                            asg.names.get(p).map(String::as_str).unwrap_or("")
                        ),
                    )
                }),
                items: asg
                    .items_of(p)
                    .into_iter()
                    .filter_map(|i| f.items.get(i))
                    .map(|it| PlanItem {
                        name: it.name.clone(),
                        kind: it.kind.as_str().to_string(),
                        path: None,
                        start_line: it.start_line,
                        end_line: it.end_line,
                        pinned: it.pinned.map(str::to_string),
                    })
                    .collect(),
                metric: Metric::FileLines,
                predicted_lines: lines,
                predicted_band: t.levels.band(lines, limit),
            }
        })
        .collect()
}

/// Notes on what stays pinned.
pub fn notes(f: &FileItems, asg: &Assignment) -> Vec<String> {
    let _ = asg;
    let mut pinned: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for it in &f.items {
        if let Some(why) = it.pinned {
            pinned.entry(why).or_default().push(it.name.as_str());
        }
    }
    pinned
        .into_iter()
        .map(|(why, names)| format!("stays in place ({why}): {}", names.join(", ")))
        .collect()
}
