//! Subdirectory organisation: groups a crowded directory's files by shared name stems, then
//! attaches the other files to the group they import, are imported by or change with most.
//! Each group of two or more files becomes a proposed subdirectory named after its stem.

use std::collections::{BTreeMap, BTreeSet};

use super::imports::sibling_imports;
use super::{file_stem, DirTarget};
use crate::bands::Metric;
use crate::patterns::library::Pattern;
use crate::patterns::planners::plan_skeleton;
use crate::patterns::types::{Before, Piece, Plan, PlanItem};

/// The split-directory plan, when the files fall into at least one group.
pub fn plan(t: &DirTarget<'_>, p: &Pattern) -> Option<Plan> {
    if t.entries() < p.trigger.min_items.max(2) {
        return None;
    }
    let stems: Vec<String> = t
        .files
        .iter()
        .map(|f| file_stem(&f.name).to_string())
        .collect();
    let mut group = initial_groups(&stems);
    attach_by_edges(t, &stems, &mut group);
    let groups = collect(&group);
    if groups.is_empty() {
        return None;
    }
    Some(build(t, p, &groups))
}

/// The name stem of a file stem: the part before its last `_`/`-` word when that part is a
/// word (`watch_tree` → `watch`, `geometry_01` → `geometry`); `None` for one-word stems.
pub fn name_stem(stem: &str) -> Option<&str> {
    let i = stem.find(['_', '-'])?;
    let head = stem.get(..i)?;
    (head.len() >= 2 && !head.starts_with("__")).then_some(head)
}

/// Group per file: its name stem when two or more files share it.
fn initial_groups(stems: &[String]) -> Vec<Option<String>> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in stems.iter().filter_map(|s| name_stem(s)) {
        *counts.entry(s).or_default() += 1;
    }
    stems
        .iter()
        .map(|s| {
            name_stem(s)
                .filter(|h| counts.get(h).copied().unwrap_or(0) >= 2)
                .map(str::to_string)
        })
        .collect()
}

/// Files without a group join the group they have the most import and coupling weight with.
fn attach_by_edges(t: &DirTarget<'_>, stems: &[String], group: &mut [Option<String>]) {
    let w = weights(t, stems);
    for i in 0..stems.len() {
        if group[i].is_some() || stems[i] == "__init__" || stems[i] == "mod" {
            continue;
        }
        let mut score: BTreeMap<String, f64> = BTreeMap::new();
        for (j, g) in group.iter().enumerate() {
            if let (Some(g), Some(x)) = (g, w.get(&(i.min(j), i.max(j)))) {
                *score.entry(g.clone()).or_default() += x;
            }
        }
        let best = score.into_iter().max_by(|a, b| a.1.total_cmp(&b.1));
        group[i] = best.filter(|(_, s)| *s > 0.0).map(|(g, _)| g);
    }
}

/// Edge weights between files (by index pair, low first): 1 per import, plus coupling.
fn weights(t: &DirTarget<'_>, stems: &[String]) -> BTreeMap<(usize, usize), f64> {
    let set: BTreeSet<String> = stems.iter().cloned().collect();
    let index: BTreeMap<&str, usize> = stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut w = BTreeMap::new();
    for (i, f) in t.files.iter().enumerate() {
        for dep in sibling_imports(&f.src, &stems[i], &set) {
            if let Some(&j) = index.get(dep.as_str()) {
                *w.entry((i.min(j), i.max(j))).or_insert(0.0) += 1.0;
            }
        }
    }
    for (a, b, d) in t.coupling {
        let pos = |p: &str| t.files.iter().position(|f| f.path == p);
        if let (Some(i), Some(j)) = (pos(a), pos(b)) {
            *w.entry((i.min(j), i.max(j))).or_insert(0.0) += d;
        }
    }
    w
}

/// Groups of two or more files: group name → file indices.
fn collect(group: &[Option<String>]) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, g) in group.iter().enumerate() {
        if let Some(g) = g {
            out.entry(g.clone()).or_default().push(i);
        }
    }
    out.retain(|_, v| v.len() >= 2);
    out
}

/// The plan: one piece per new subdirectory and the piece that stays.
fn build(t: &DirTarget<'_>, p: &Pattern, groups: &BTreeMap<String, Vec<usize>>) -> Plan {
    let limit = t.limits.get(Metric::DirEntries);
    let band = |v: u32| t.levels.band(v, limit);
    let file_item = |i: usize| PlanItem {
        name: t.files[i].name.clone(),
        kind: "file".into(),
        path: Some(t.files[i].path.clone()),
        start_line: 0,
        end_line: 0,
        pinned: None,
    };
    let mut pieces = Vec::new();
    let mut moved = BTreeSet::new();
    for (name, members) in groups {
        let dir_name = free_name(t, name);
        let n = u32::try_from(members.len()).unwrap_or(u32::MAX);
        moved.extend(members.iter().copied());
        pieces.push(Piece {
            name: dir_name.clone(),
            stays: false,
            file: Some(t.join(&dir_name)),
            items: members.iter().map(|&i| file_item(i)).collect(),
            metric: Metric::DirEntries,
            predicted_lines: n,
            predicted_band: band(n),
        });
    }
    let mut stay: Vec<PlanItem> = (0..t.files.len())
        .filter(|i| !moved.contains(i))
        .map(file_item)
        .collect();
    stay.extend(t.subdirs.iter().map(|d| PlanItem {
        name: d.clone(),
        kind: "directory".into(),
        path: Some(t.join(d)),
        start_line: 0,
        end_line: 0,
        pinned: None,
    }));
    let after = u32::try_from(stay.len() + groups.len()).unwrap_or(u32::MAX);
    let name = t.name();
    pieces.insert(
        0,
        Piece {
            name,
            stays: true,
            file: Some(t.path.clone()),
            items: stay,
            metric: Metric::DirEntries,
            predicted_lines: after,
            predicted_band: band(after),
        },
    );
    let before = Before {
        metric: Metric::DirEntries,
        value: t.entries(),
        limit,
        band: band(t.entries()),
    };
    let title = format!(
        "Group {} into {} subdirectories",
        display(&t.path),
        groups.len()
    );
    let mut plan = plan_skeleton(p, t.path.clone(), title, Some(before));
    plan.pieces = pieces;
    plan.details.entries_after = Some(after);
    plan.confidence = moved.len() as f64 / t.files.len().max(1) as f64;
    plan
}

/// The group's name, or `<name>_pkg` when a file or directory of that name exists already.
fn free_name(t: &DirTarget<'_>, name: &str) -> String {
    let taken = t.subdirs.iter().any(|d| d == name) || t.files.iter().any(|f| f.name == name);
    if taken {
        format!("{name}_pkg")
    } else {
        name.to_string()
    }
}

fn display(path: &str) -> &str {
    if path.is_empty() {
        "."
    } else {
        path
    }
}
