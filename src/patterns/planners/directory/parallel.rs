//! Parallel files with the same role: files of one directory whose names end in the same role
//! word (`user_manager.py`, `order_manager.py`; `UserClient.java`, `OrderClient.java`;
//! `user-service.ts`) and that define functions or methods of the same names. Every copy of
//! what they all define moves into one shared base module; each file keeps what differs. The
//! pieces are measured from the model: the base module's predicted size is one copy of each
//! shared function (the largest), and each file's is its size without its copies.

use std::collections::{BTreeMap, BTreeSet};

use super::{file_stem, DirTarget};
use crate::bands::Metric;
use crate::model::facts::{Component, ComponentKind};
use crate::patterns::library::Pattern;
use crate::patterns::planners::plan_skeleton;
use crate::patterns::types::{Piece, Plan, PlanItem};

/// How a file name spells its words, so that the base module is named the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Snake,
    Kebab,
    Camel,
}

/// One function or method of a file.
struct Func<'a> {
    c: &'a Component,
}

/// One plan per role word shared by at least `min_items` (and two) parsed files.
pub fn plans(t: &DirTarget<'_>, p: &Pattern) -> Vec<Plan> {
    let mut roles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in t.files.iter().enumerate() {
        if f.facts.is_none() {
            continue;
        }
        if let Some((role, _)) = role(file_stem(&f.name)) {
            roles.entry(role).or_default().push(i);
        }
    }
    let min = usize::try_from(p.trigger.min_items.max(2)).unwrap_or(2);
    roles
        .into_iter()
        .filter(|(_, v)| v.len() >= min)
        .filter_map(|(role, files)| build(t, p, &role, &files))
        .collect()
}

/// The words of a file stem: split at `_`, `-` and lower-to-upper case changes.
fn words(stem: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, ch) in stem.char_indices() {
        if ch == '_' || ch == '-' {
            if start < i {
                out.push(&stem[start..i]);
            }
            start = i + ch.len_utf8();
        } else if ch.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
        {
            if start < i {
                out.push(&stem[start..i]);
            }
            start = i;
        }
        prev = Some(ch);
    }
    if start < stem.len() {
        out.push(&stem[start..]);
    }
    out
}

/// The role word of a stem (lower case) and its spelling: its last word, when it is a word of
/// three letters or more after at least one other (`user_manager` → `manager`).
pub fn role(stem: &str) -> Option<(String, Style)> {
    let w = words(stem);
    let (tail, head) = w.split_last()?;
    let word = tail.len() >= 3 && tail.chars().all(|c| c.is_ascii_alphabetic());
    if !word || head.is_empty() {
        return None;
    }
    let style = if stem.contains('_') {
        Style::Snake
    } else if stem.contains('-') {
        Style::Kebab
    } else {
        Style::Camel
    };
    Some((tail.to_ascii_lowercase(), style))
}

/// The base module's file name for a role, spelled like the files (`base_manager.py`,
/// `BaseClient.java`, `base-service.ts`).
pub fn base_name(role: &str, style: Style, ext: &str) -> String {
    match style {
        Style::Snake => format!("base_{role}{ext}"),
        Style::Kebab => format!("base-{role}{ext}"),
        Style::Camel => {
            let mut chars = role.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            format!(
                "Base{}{}{ext}",
                first.map(String::from).unwrap_or_default(),
                chars.as_str()
            )
        }
    }
}

/// The functions and methods of a file (closures and nested functions excluded).
fn functions(components: &[Component]) -> Vec<Func<'_>> {
    let mut out = Vec::new();
    for c in components {
        match c.kind {
            ComponentKind::Function | ComponentKind::Method => out.push(Func { c }),
            ComponentKind::Closure => {}
            _ => out.extend(functions(&c.children)),
        }
    }
    out
}

fn item(f: &Func<'_>, path: Option<String>) -> PlanItem {
    PlanItem {
        name: f.c.qualified_name.clone(),
        kind: f.c.kind.as_str().into(),
        path,
        start_line: f.c.start_line,
        end_line: f.c.end_line,
        pinned: None,
    }
}

/// The plan for one role: the functions every file defines go to a base module.
fn build(t: &DirTarget<'_>, p: &Pattern, role: &str, files: &[usize]) -> Option<Plan> {
    let funcs: Vec<Vec<Func<'_>>> = files
        .iter()
        .map(|&f| {
            t.files[f]
                .facts
                .as_deref()
                .map(|facts| functions(&facts.components))
                .unwrap_or_default()
        })
        .collect();
    let names: Vec<BTreeSet<&str>> = funcs
        .iter()
        .map(|fs| fs.iter().map(|f| f.c.name.as_str()).collect())
        .collect();
    let mut common = names.first()?.clone();
    for n in names.get(1..).unwrap_or(&[]) {
        common = common.intersection(n).copied().collect();
    }
    if common.is_empty() {
        return None;
    }
    let union: BTreeSet<&str> = names.iter().flatten().copied().collect();
    let first = &t.files[*files.first()?];
    let style = role_style(&first.name)?;
    let ext = first.name.get(file_stem(&first.name).len()..).unwrap_or("");
    let base = base_name(role, style, ext);
    let limit = t.limits.get(Metric::FileLines);
    let mut shared_items = Vec::new();
    let mut copy_lines: BTreeMap<&str, u32> = BTreeMap::new();
    let mut stay = Vec::new();
    for (&fi, fs) in files.iter().zip(&funcs) {
        let file = &t.files[fi];
        let mut moved = 0u32;
        let mut kept = Vec::new();
        for f in fs {
            if common.contains(f.c.name.as_str()) {
                let lines = f.c.lines.total;
                moved += lines;
                let best = copy_lines.entry(f.c.name.as_str()).or_default();
                *best = (*best).max(lines);
                shared_items.push(item(f, Some(file.path.clone())));
            } else {
                kept.push(item(f, Some(file.path.clone())));
            }
        }
        let total = file.facts.as_deref().map_or(0, |x| x.lines.total);
        let after = total.saturating_sub(moved);
        stay.push(Piece {
            name: file.name.clone(),
            stays: true,
            file: Some(file.path.clone()),
            items: kept,
            metric: Metric::FileLines,
            predicted_lines: after,
            predicted_band: t.levels.band(after, limit),
        });
    }
    // One copy of each shared function, with a blank line between them.
    let shared_lines: u32 = copy_lines.values().sum::<u32>() + (copy_lines.len() as u32 - 1);
    let shared = Piece {
        name: base.clone(),
        stays: false,
        file: Some(t.join(&base)),
        items: shared_items,
        metric: Metric::FileLines,
        predicted_lines: shared_lines,
        predicted_band: t.levels.band(shared_lines, limit),
    };
    let title = format!(
        "Move the {} functions and methods all {} `{role}` files define ({} lines, one copy) into {base}",
        common.len(),
        files.len(),
        shared_lines
    );
    let mut plan = plan_skeleton(p, t.path.clone(), title, None);
    let similarity = common.len() as f64 / union.len().max(1) as f64;
    plan.confidence = similarity;
    plan.gain = similarity * files.len() as f64 / 2.0;
    stay.push(shared);
    plan.pieces = stay;
    Some(plan)
}

/// The spelling of a file's name.
fn role_style(name: &str) -> Option<Style> {
    role(file_stem(name)).map(|(_, s)| s)
}
