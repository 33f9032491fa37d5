//! Parallel files with the same role: files of one directory sharing a role suffix
//! (`user_manager`, `order_manager`…) whose function names overlap. What they define in common
//! is proposed as one shared base module; each file keeps what differs.

use std::collections::{BTreeMap, BTreeSet};

use super::{file_stem, DirTarget};
use crate::bands::Metric;
use crate::patterns::library::Pattern;
use crate::patterns::planners::plan_skeleton;
use crate::patterns::types::{Piece, Plan, PlanItem};

/// One plan per role suffix shared by at least `min_items` (and two) files.
pub fn plans(t: &DirTarget<'_>, p: &Pattern) -> Vec<Plan> {
    let mut roles: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in t.files.iter().enumerate() {
        if let Some(role) = role(file_stem(&f.name)) {
            roles.entry(role).or_default().push(i);
        }
    }
    let min = usize::try_from(p.trigger.min_items.max(2)).unwrap_or(2);
    roles
        .into_iter()
        .filter(|(_, v)| v.len() >= min)
        .filter_map(|(role, files)| build(t, p, role, &files))
        .collect()
}

/// The role suffix of a stem: its last `_` word, when it is a word (`user_manager` → `manager`).
pub fn role(stem: &str) -> Option<&str> {
    let (head, tail) = stem.rsplit_once('_')?;
    let word = tail.len() >= 3 && tail.chars().all(|c| c.is_ascii_alphabetic());
    (word && !head.is_empty()).then_some(tail)
}

/// Names of the functions and methods a source defines (`def`, `fn`, `function`).
pub fn function_names(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in src.lines() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            if matches!(pair[0], "def" | "fn" | "function") {
                out.insert(pair[1].to_string());
            }
        }
    }
    out
}

/// The plan for one role: the functions every file defines go to a base module.
fn build(t: &DirTarget<'_>, p: &Pattern, role: &str, files: &[usize]) -> Option<Plan> {
    let names: Vec<BTreeSet<String>> = files
        .iter()
        .map(|&f| function_names(&t.files[f].src))
        .collect();
    let mut common = names.first()?.clone();
    for n in &names[1..] {
        common = common.intersection(n).cloned().collect();
    }
    let union: BTreeSet<&String> = names.iter().flatten().collect();
    let similarity = common.len() as f64 / union.len().max(1) as f64;
    if common.is_empty() {
        return None;
    }
    let ext = t.files[files[0]]
        .name
        .get(file_stem(&t.files[files[0]].name).len()..)
        .unwrap_or("");
    let base = format!("base_{role}{ext}");
    let limit = t.limits.get(Metric::FileLines);
    let item = |name: String, kind: &str, path: Option<String>| PlanItem {
        name,
        kind: kind.into(),
        path,
        start_line: 0,
        end_line: 0,
        pinned: None,
    };
    let shared = Piece {
        name: base.clone(),
        stays: false,
        file: Some(t.join(&base)),
        items: common
            .iter()
            .map(|n| item(n.clone(), "function", None))
            .collect(),
        metric: Metric::FileLines,
        predicted_lines: 0,
        predicted_band: t.levels.band(0, limit),
    };
    let stay = Piece {
        name: t.name(),
        stays: true,
        file: Some(t.path.clone()),
        items: files
            .iter()
            .map(|&f| {
                item(
                    t.files[f].name.clone(),
                    "file",
                    Some(t.files[f].path.clone()),
                )
            })
            .collect(),
        metric: Metric::FileLines,
        predicted_lines: 0,
        predicted_band: t.levels.band(0, limit),
    };
    let title = format!(
        "Move what the {} `{role}` files share ({} functions) into {base}",
        files.len(),
        common.len()
    );
    let mut plan = plan_skeleton(p, t.path.clone(), title, None);
    plan.confidence = similarity;
    plan.gain = similarity * files.len() as f64 / 2.0;
    plan.pieces = vec![stay, shared];
    Some(plan)
}
