//! Turns a partition into a plan: which part stays, the names of the new modules, the pieces
//! with their items and predicted lines, the cut, and the confidence.

use std::collections::{BTreeMap, BTreeSet};

use super::super::{FileTarget, Parsed};
use crate::bands::Metric;
use crate::patterns::depgraph::{DepGraph, How, CALL, FIELD, IMPL, REF};
use crate::patterns::items::{FileItems, ItemKind, Vis};
use crate::patterns::naming;
use crate::patterns::patch::{self, Assignment, Patch};
use crate::patterns::types::{CutEntry, Piece, PlanItem};
use crate::scan::file::measure_text;

/// Lines that stay whatever moves: everything but the movable items.
pub fn fixed_lines(f: &FileItems) -> f64 {
    let movable: u32 = f.movable().map(|(_, it)| it.lines() + 1).sum();
    f64::from(f.total_lines.saturating_sub(movable))
}

/// Chooses the staying part (the largest that fits with the fixed lines), numbers the pieces
/// and names them.
pub fn assignment(
    t: &FileTarget<'_>,
    parsed: &Parsed,
    dg: &DepGraph,
    parts: &[Vec<usize>],
    fixed: f64,
    budget: f64,
) -> Option<Assignment> {
    let f = parsed.items();
    let stay_part = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| dg.graph.size_of(p) + fixed < budget)
        .max_by(|a, b| {
            dg.graph
                .size_of(a.1)
                .total_cmp(&dg.graph.size_of(b.1))
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i);
    let stay = stay_part.unwrap_or(parts.len());
    let mut pieces = parts.len() + usize::from(stay_part.is_none());
    let mut piece_of = vec![stay; f.items.len()];
    let mut detached = vec![false; pieces];
    // Inline modules that keep the staying file over budget go to files of their own.
    let mut stay_size = fixed
        + stay_part
            .and_then(|p| parts.get(p))
            .map(|p| dg.graph.size_of(p))
            .unwrap_or(0.0);
    let mut inline: Vec<usize> = (0..f.items.len())
        .filter(|&i| f.items.get(i).is_some_and(|it| it.detachable))
        .collect();
    inline.sort_by_key(|&i| std::cmp::Reverse(f.items.get(i).map(|it| it.lines()).unwrap_or(0)));
    let mut detached_names: Vec<(usize, String)> = Vec::new();
    for i in inline {
        if stay_size < budget {
            break;
        }
        let Some(it) = f.items.get(i) else { continue };
        stay_size -= f64::from(it.lines()) + 1.0;
        if let Some(slot) = piece_of.get_mut(i) {
            *slot = pieces;
        }
        detached.push(true);
        detached_names.push((pieces, it.name.clone()));
        pieces += 1;
    }
    for (pi, part) in parts.iter().enumerate() {
        for &node in part {
            if let Some(&item) = dg.nodes.get(node) {
                if let Some(slot) = piece_of.get_mut(item) {
                    *slot = pi;
                }
            }
        }
    }
    let stem = stem(t.path);
    let mut bags = Vec::new();
    let mut bag_piece = Vec::new();
    for p in (0..pieces).filter(|&p| p != stay && !detached.get(p).copied().unwrap_or(false)) {
        let mut words: Vec<(&str, f64)> = Vec::new();
        for (i, it) in f.items.iter().enumerate() {
            if piece_of.get(i) != Some(&p) {
                continue;
            }
            for &d in &it.defines {
                words.push((f.syms.name(d), 3.0));
            }
            if let Some(s) = it.self_type {
                words.push((f.syms.name(s), 3.0));
            }
            for &m in &it.methods {
                words.push((f.syms.name(m), 1.0));
            }
            for &r in &it.refs {
                words.push((f.syms.name(r), 0.5));
            }
        }
        bags.push(naming::bag(words));
        bag_piece.push(p);
    }
    let dir = piece_dir(t.path, parsed);
    let ext = extension(t.path);
    let exists = t.exists;
    let taken = |n: &str| {
        n == stem
            || detached_names.iter().any(|(_, d)| d == n)
            || f.items
                .iter()
                .any(|it| it.kind == ItemKind::Module && it.name == n)
            || exists(&patch::join(&dir, &format!("{n}.{ext}")))
            || exists(&patch::join(&dir, n))
    };
    let chosen = naming::choose(&bags, &taken, "part");
    let mut names = vec![String::new(); pieces];
    if let Some(s) = names.get_mut(stay) {
        *s = stem.to_string();
    }
    for (p, n) in bag_piece.into_iter().zip(chosen) {
        if let Some(slot) = names.get_mut(p) {
            *slot = n;
        }
    }
    for (p, n) in detached_names {
        if let Some(slot) = names.get_mut(p) {
            *slot = n;
        }
    }
    Some(Assignment {
        piece_of,
        names,
        stay,
        detached,
    })
}

fn stem(path: &str) -> &str {
    let name = patch::file_name(path);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

fn extension(path: &str) -> &str {
    patch::file_name(path)
        .rsplit_once('.')
        .map(|(_, e)| e)
        .unwrap_or("")
}

/// Where new modules go.
fn piece_dir(path: &str, parsed: &Parsed) -> String {
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
    let mut out = vec![0u32; asg.names.len()];
    if let Some(p) = patch {
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
        return out;
    }
    let moved_lines: u32 = f
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| asg.piece_of.get(*i) != Some(&asg.stay))
        .map(|(_, it)| it.lines() + 1)
        .sum();
    for (p, slot) in out.iter_mut().enumerate() {
        if p == asg.stay {
            *slot = f.total_lines.saturating_sub(moved_lines) + 2 * (asg.names.len() as u32);
        } else {
            let lines: u32 = asg
                .items_of(p)
                .iter()
                .filter_map(|&i| f.items.get(i))
                .map(|it| it.lines() + 1)
                .sum();
            let imports = f.imports.len().min(10) as u32;
            *slot = lines + 3 + imports;
        }
    }
    out
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

/// What crosses the cut: each name defined in one piece and used in others, and what that
/// needs (an import, and a raised visibility where the name is private).
pub fn cut(f: &FileItems, dg: &DepGraph, asg: &Assignment, parsed: &Parsed) -> Vec<CutEntry> {
    let piece = |i: usize| asg.logical(i);
    let mut map: BTreeMap<(usize, String, String), BTreeSet<usize>> = BTreeMap::new();
    for u in &dg.uses {
        let (pu, po) = (piece(u.user), piece(u.owner));
        if pu == po {
            continue;
        }
        let Some(owner) = f.items.get(u.owner) else {
            continue;
        };
        let (kind, action) = match u.how {
            How::Name | How::SelfType => {
                let private = owner.vis == Vis::Private && matches!(parsed, Parsed::Rust(_));
                let action = if private && po != asg.stay && owner.kind != ItemKind::Macro {
                    "raise_visibility"
                } else {
                    "import"
                };
                (owner.kind.as_str().to_string(), action)
            }
            How::Method => (
                "method".to_string(),
                if po != asg.stay && matches!(parsed, Parsed::Rust(_)) {
                    "method"
                } else {
                    "none"
                },
            ),
            How::Field => (
                "field".to_string(),
                if po != asg.stay && matches!(parsed, Parsed::Rust(_)) {
                    "field"
                } else {
                    "none"
                },
            ),
        };
        if action == "none" {
            continue;
        }
        let name = if u.how == How::SelfType {
            owner.name.clone()
        } else {
            f.syms.name(u.name).to_string()
        };
        let key = (u.owner, name, format!("{kind}\u{1f}{action}"));
        map.entry(key).or_default().insert(pu);
    }
    map.into_iter()
        .map(|((owner, name, ka), users)| {
            let (kind, action) = ka.split_once('\u{1f}').unwrap_or(("", ""));
            CutEntry {
                name,
                kind: kind.to_string(),
                from: asg.names.get(piece(owner)).cloned().unwrap_or_default(),
                to: users
                    .into_iter()
                    .filter_map(|p| asg.names.get(p).cloned())
                    .collect(),
                action: action.to_string(),
            }
        })
        .collect()
}

/// Confidence in [0, 1]: separation × (0.5 + 0.5 × evidence) × margin, where separation is the
/// share of structural dependency weight kept inside pieces, evidence the share of moved lines
/// in items with any structural edge (not placed by weak signals alone), and margin 1 when every
/// piece is predicted below the watch band, 0.5 otherwise.
pub fn confidence(
    f: &FileItems,
    dg: &DepGraph,
    asg: &Assignment,
    predicted: &[u32],
    watch: u32,
) -> f64 {
    let piece = |i: usize| asg.logical(i);
    let (mut inside, mut across) = (0.0, 0.0);
    for u in &dg.uses {
        let w = match u.how {
            How::Name => REF,
            How::SelfType => IMPL,
            How::Method => CALL,
            How::Field => FIELD,
        };
        if piece(u.user) == piece(u.owner) {
            inside += w;
        } else {
            across += w;
        }
    }
    let separation = if inside + across > 0.0 {
        inside / (inside + across)
    } else {
        0.5
    };
    let (mut moved, mut evidenced) = (0u32, 0u32);
    for (pos, &i) in dg.nodes.iter().enumerate() {
        if piece(i) == asg.stay {
            continue;
        }
        let lines = f.items.get(i).map(|it| it.lines()).unwrap_or(0);
        moved += lines;
        if dg.structural.get(pos).copied().unwrap_or(0.0) > 0.0 {
            evidenced += lines;
        }
    }
    let evidence = if moved > 0 {
        f64::from(evidenced) / f64::from(moved)
    } else {
        0.0
    };
    let margin = if predicted.iter().all(|&l| l < watch) {
        1.0
    } else {
        0.5
    };
    (separation * (0.5 + 0.5 * evidence) * margin).clamp(0.0, 1.0)
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
