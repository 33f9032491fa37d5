//! Judging a plan's cut: what crosses it (each name defined in one piece and used in others,
//! with the import or visibility change it needs) and how confident the plan is.

use std::collections::{BTreeMap, BTreeSet};

use super::super::Parsed;
use crate::patterns::depgraph::{DepGraph, How, Use, CALL, FIELD, IMPL, REF};
use crate::patterns::items::{FileItems, Item, ItemKind, Vis};
use crate::patterns::patch::Assignment;
use crate::patterns::types::CutEntry;

/// Separates an entry's kind from its action in the grouping key.
const SEP: char = '\u{1f}';

/// What crosses the cut: each name defined in one piece and used in others, and what that
/// needs (an import, and a raised visibility where the name is private).
pub fn cut(f: &FileItems, dg: &DepGraph, asg: &Assignment, parsed: &Parsed) -> Vec<CutEntry> {
    let rust = matches!(parsed, Parsed::Rust(_));
    let mut map: BTreeMap<(usize, String, String), BTreeSet<usize>> = BTreeMap::new();
    for u in &dg.uses {
        let (pu, po) = (asg.logical(u.user), asg.logical(u.owner));
        if pu == po {
            continue;
        }
        let Some(owner) = f.items.get(u.owner) else {
            continue;
        };
        let Some((kind, action)) = crossing(owner, u.how, po != asg.stay, rust) else {
            continue;
        };
        let key = (
            u.owner,
            crossing_name(f, u, owner),
            format!("{kind}{SEP}{action}"),
        );
        map.entry(key).or_default().insert(pu);
    }
    map.into_iter()
        .map(|((owner, name, ka), users)| {
            let (kind, action) = ka.split_once(SEP).unwrap_or(("", ""));
            CutEntry {
                name,
                kind: kind.to_string(),
                from: asg
                    .names
                    .get(asg.logical(owner))
                    .cloned()
                    .unwrap_or_default(),
                to: users
                    .into_iter()
                    .filter_map(|p| asg.names.get(p).cloned())
                    .collect(),
                action: action.to_string(),
            }
        })
        .collect()
}

/// The kind and action of a use crossing the cut to `owner`; `None` when it needs nothing.
/// `owner_moves`: the owner leaves the original file.
fn crossing(
    owner: &Item,
    how: How,
    owner_moves: bool,
    rust: bool,
) -> Option<(String, &'static str)> {
    match how {
        How::Name | How::SelfType => {
            let private = owner.vis == Vis::Private && rust;
            let action = if private && owner_moves && owner.kind != ItemKind::Macro {
                "raise_visibility"
            } else {
                "import"
            };
            Some((owner.kind.as_str().to_string(), action))
        }
        How::Method => (owner_moves && rust).then(|| ("method".to_string(), "method")),
        How::Field => (owner_moves && rust).then(|| ("field".to_string(), "field")),
    }
}

/// The name a crossing use goes by: the owner's own name for an impl's self type.
fn crossing_name(f: &FileItems, u: &Use, owner: &Item) -> String {
    if u.how == How::SelfType {
        owner.name.clone()
    } else {
        f.syms.name(u.name).to_string()
    }
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
    let separation = separation(dg, asg);
    let evidence = evidence(f, dg, asg);
    let margin = if predicted.iter().all(|&l| l < watch) {
        1.0
    } else {
        0.5
    };
    (separation * (0.5 + 0.5 * evidence) * margin).clamp(0.0, 1.0)
}

/// The share of structural dependency weight kept inside pieces (0.5 without any).
fn separation(dg: &DepGraph, asg: &Assignment) -> f64 {
    let (mut inside, mut across) = (0.0, 0.0);
    for u in &dg.uses {
        let w = weight(u.how);
        if asg.logical(u.user) == asg.logical(u.owner) {
            inside += w;
        } else {
            across += w;
        }
    }
    if inside + across > 0.0 {
        inside / (inside + across)
    } else {
        0.5
    }
}

/// The untuned structural weight of a use.
fn weight(how: How) -> f64 {
    match how {
        How::Name => REF,
        How::SelfType => IMPL,
        How::Method => CALL,
        How::Field => FIELD,
    }
}

/// The share of moved lines in items with any structural edge (0 when nothing moves).
fn evidence(f: &FileItems, dg: &DepGraph, asg: &Assignment) -> f64 {
    let (mut moved, mut evidenced) = (0u32, 0u32);
    for (pos, &i) in dg.nodes.iter().enumerate() {
        if asg.logical(i) == asg.stay {
            continue;
        }
        let lines = f.items.get(i).map(|it| it.lines()).unwrap_or(0);
        moved += lines;
        if dg.structural.get(pos).copied().unwrap_or(0.0) > 0.0 {
            evidenced += lines;
        }
    }
    if moved > 0 {
        f64::from(evidenced) / f64::from(moved)
    } else {
        0.0
    }
}
