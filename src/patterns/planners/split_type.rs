//! Split type (extract class / split impl). The methods of a type form a graph: two methods are
//! joined when they use the same field through `self`, or one calls the other (`self.m()`,
//! `Self::m()`). Its connected components are the LCOM4 groups: with more than one, each group
//! is an independent responsibility and every group but the largest becomes an impl block (Rust)
//! or a mixin class (Python) in a file of its own. With one group, the method graph is
//! partitioned like a file's items (fewest shared fields and calls cut) until every piece is
//! below the watch band of the method limit. Methods that touch neither fields nor methods
//! (constructors, helpers) join the group that calls them, else the largest.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{plan_skeleton, FileTarget, Parsed};
use crate::bands::{Band, Metric};
use crate::patterns::items::{FileItems, Item, ItemKind, Member, Sym};
use crate::patterns::library::Pattern;
use crate::patterns::naming;
use crate::patterns::partition::{self, Graph, Settings};
use crate::patterns::patch;
use crate::patterns::types::{Before, CutEntry, Piece, Plan, PlanItem};

/// The type to split: its name and the line where its component starts.
pub struct TypeTarget<'a> {
    pub name: &'a str,
    pub qualified: &'a str,
    pub start_line: u32,
    pub end_line: u32,
    pub methods: u32,
}

/// Plans the split; `None` when the type has too few methods or cannot be found.
pub fn plan(t: &FileTarget<'_>, ty: &TypeTarget<'_>, pattern: &Pattern) -> Option<Plan> {
    let limit = t.limits.get(Metric::TypeMethods);
    if limit == 0 {
        return None;
    }
    let parsed = Parsed::of(t.facts.language, t.src)?;
    let f = parsed.items();
    let (members, fields) = members_of(f, ty)?;
    if members.len() < (pattern.trigger.min_items as usize).max(2) {
        return None;
    }
    let groups = lcom4(&members);
    let lcom = groups.len() as u32;
    let watch = t.levels.threshold(Band::Watch, limit).max(2);
    let parts = if lcom >= 2 {
        attach_loose(&members, groups)
    } else {
        let g = method_graph(&members);
        let settings = Settings {
            limit: f64::from(watch),
            overhead: 0.0,
            resolution: 1.0,
            min_side: 2.0,
        };
        partition::partition(&g, &g, &settings)
    };
    if parts.len() < 2 {
        return None;
    }
    let stay = (0..parts.len()).max_by_key(|&p| {
        (
            parts.get(p).map(Vec::len).unwrap_or(0),
            std::cmp::Reverse(p),
        )
    })?;
    let names = piece_names(f, &members, &parts, stay, ty.name);
    let dir = match &parsed {
        Parsed::Rust(_) => patch::rust::child_dir(t.path),
        _ => patch::parent(t.path).to_string(),
    };
    let ext = patch::file_name(t.path)
        .rsplit_once('.')
        .map(|(_, e)| e)
        .unwrap_or("rs");
    let mut plan = plan_skeleton(
        pattern,
        format!("{}:{}", t.path, ty.qualified),
        format!(
            "Split `{}` ({} methods) into {} groups: {}",
            ty.qualified,
            members.len(),
            parts.len(),
            names.join(", ")
        ),
        Some(Before {
            metric: Metric::TypeMethods,
            value: ty.methods,
            limit,
            band: t.levels.band(ty.methods, limit),
        }),
    );
    let mut order: Vec<usize> = vec![stay];
    order.extend((0..parts.len()).filter(|&p| p != stay));
    for p in order {
        let part = parts.get(p).cloned().unwrap_or_default();
        let count = part.len() as u32;
        plan.pieces.push(Piece {
            name: names.get(p).cloned().unwrap_or_default(),
            stays: p == stay,
            file: Some(if p == stay {
                t.path.to_string()
            } else {
                patch::join(
                    &dir,
                    &format!("{}.{ext}", names.get(p).map(String::as_str).unwrap_or("")),
                )
            }),
            items: part
                .iter()
                .filter_map(|&m| members.get(m))
                .map(|m| PlanItem {
                    name: f.syms.name(m.name).to_string(),
                    kind: "method".into(),
                    path: None,
                    start_line: m.start_line,
                    end_line: m.end_line,
                    pinned: None,
                })
                .collect(),
            metric: Metric::TypeMethods,
            predicted_lines: count,
            predicted_band: t.levels.band(count, limit),
        });
    }
    let (cut, shared, only) = cut_and_fields(f, &members, &parts, &names, &fields);
    plan.cut = cut;
    plan.details.lcom4 = Some(lcom);
    plan.details.fields = only;
    if !shared.is_empty() {
        plan.details.notes.push(format!(
            "fields used by several groups (shared state): {}",
            shared.join(", ")
        ));
    }
    let total_links = links(&members, &(0..members.len()).collect::<Vec<_>>()).max(1);
    let inside: usize = parts.iter().map(|p| links(&members, p)).sum();
    plan.confidence = if lcom >= 2 {
        0.9
    } else {
        (inside as f64 / total_links as f64).clamp(0.0, 1.0) * 0.8
    };
    Some(plan)
}

/// The methods of the type (every inherent impl of a Rust struct, or the impl block itself; the
/// class in Python) and its fields.
fn members_of(f: &FileItems, ty: &TypeTarget<'_>) -> Option<(Vec<Member>, Vec<Sym>)> {
    let own: Option<&Item> = f
        .items
        .iter()
        .find(|it| it.start_line <= ty.start_line && ty.start_line <= it.end_line);
    let own = own?;
    match own.kind {
        ItemKind::Impl if own.trait_name.is_none() => {
            let fields = own
                .self_type
                .and_then(|t| {
                    f.items
                        .iter()
                        .find(|it| it.defines.contains(&t) && it.kind.is_type())
                })
                .map(|it| it.fields.clone())
                .unwrap_or_default();
            Some((own.members.clone(), fields))
        }
        ItemKind::Class => Some((own.members.clone(), own.fields.clone())),
        k if k.is_type() => {
            let name = f.syms.get(ty.name)?;
            let members: Vec<Member> = f
                .items
                .iter()
                .filter(|it| {
                    it.kind == ItemKind::Impl
                        && it.trait_name.is_none()
                        && it.self_type == Some(name)
                })
                .flat_map(|it| it.members.iter().cloned())
                .collect();
            Some((members, own.fields.clone()))
        }
        _ => None,
    }
}

/// Edges between methods: shared `self` fields, and calls.
fn edges(members: &[Member]) -> BTreeMap<(usize, usize), f64> {
    let index: HashMap<Sym, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name, i))
        .collect();
    let mut out: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let mut by_field: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for &fld in &m.self_fields {
            by_field.entry(fld).or_default().push(i);
        }
        for c in &m.self_calls {
            if let Some(&j) = index.get(c) {
                if j != i {
                    *out.entry((i.min(j), i.max(j))).or_default() += 1.0;
                }
            }
        }
    }
    for users in by_field.values() {
        let w = 1.0 / (users.len().max(2) - 1) as f64;
        for (x, &a) in users.iter().enumerate() {
            for &b in users.iter().skip(x + 1) {
                *out.entry((a.min(b), a.max(b))).or_default() += w;
            }
        }
    }
    out
}

fn method_graph(members: &[Member]) -> Graph {
    let mut g = Graph::new(vec![1.0; members.len()]);
    for ((a, b), w) in edges(members) {
        g.add(a, b, w);
    }
    g
}

/// Number of edges inside `part`.
fn links(members: &[Member], part: &[usize]) -> usize {
    let set: BTreeSet<usize> = part.iter().copied().collect();
    edges(members)
        .keys()
        .filter(|(a, b)| set.contains(a) && set.contains(b))
        .count()
}

/// Connected components of the method graph (LCOM4), methods touching nothing left out.
fn lcom4(members: &[Member]) -> Vec<Vec<usize>> {
    let n = members.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while let Some(&q) = p.get(r) {
            if q == r {
                break;
            }
            r = q;
        }
        if let Some(slot) = p.get_mut(x) {
            *slot = r;
        }
        r
    }
    for (a, b) in edges(members).keys() {
        let (ra, rb) = (find(&mut parent, *a), find(&mut parent, *b));
        if let Some(slot) = parent.get_mut(ra) {
            *slot = rb;
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        if m.self_fields.is_empty() && m.self_calls.is_empty() && !called(members, m.name) {
            continue;
        }
        groups.entry(find(&mut parent, i)).or_default().push(i);
    }
    groups.into_values().collect()
}

fn called(members: &[Member], name: Sym) -> bool {
    members.iter().any(|m| m.self_calls.contains(&name))
}

/// Puts the loose methods (no field, no call either way) into the largest group.
fn attach_loose(members: &[Member], mut groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let placed: BTreeSet<usize> = groups.iter().flatten().copied().collect();
    let largest = (0..groups.len()).max_by_key(|&g| groups.get(g).map(Vec::len).unwrap_or(0));
    if let Some(g) = largest.and_then(|g| groups.get_mut(g)) {
        g.extend((0..members.len()).filter(|i| !placed.contains(i)));
        g.sort_unstable();
    }
    groups.sort_by_key(|g| g.first().copied().unwrap_or(usize::MAX));
    groups
}

fn piece_names(
    f: &FileItems,
    members: &[Member],
    parts: &[Vec<usize>],
    stay: usize,
    ty: &str,
) -> Vec<String> {
    let mut bags = Vec::new();
    for part in parts {
        let mut words: Vec<(&str, f64)> = Vec::new();
        for m in part.iter().filter_map(|&i| members.get(i)) {
            words.push((f.syms.name(m.name), 2.0));
            for &fld in &m.self_fields {
                words.push((f.syms.name(fld), 1.0));
            }
        }
        bags.push(naming::bag(words));
    }
    let ty_lower = naming::words(ty).join("_");
    let mut names = naming::choose(&bags, &|n| n == ty_lower, "part");
    if let Some(s) = names.get_mut(stay) {
        *s = ty.to_string();
    }
    names
}

type FieldsOf = Vec<(String, Vec<String>)>;

/// Calls across groups, fields shared by several groups, and fields used by one group only.
fn cut_and_fields(
    f: &FileItems,
    members: &[Member],
    parts: &[Vec<usize>],
    names: &[String],
    fields: &[Sym],
) -> (Vec<CutEntry>, Vec<String>, FieldsOf) {
    let group_of = |i: usize| parts.iter().position(|p| p.contains(&i)).unwrap_or(0);
    let index: HashMap<Sym, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name, i))
        .collect();
    let mut cut: BTreeMap<(String, usize), BTreeSet<usize>> = BTreeMap::new();
    let mut field_groups: BTreeMap<Sym, BTreeSet<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        for c in &m.self_calls {
            if let Some(&j) = index.get(c) {
                if group_of(j) != group_of(i) {
                    cut.entry((f.syms.name(*c).to_string(), group_of(j)))
                        .or_default()
                        .insert(group_of(i));
                }
            }
        }
        for &fld in &m.self_fields {
            if fields.is_empty() || fields.contains(&fld) {
                field_groups.entry(fld).or_default().insert(group_of(i));
            }
        }
    }
    let name = |g: usize| names.get(g).cloned().unwrap_or_default();
    let mut entries: Vec<CutEntry> = cut
        .into_iter()
        .map(|((n, from), to)| CutEntry {
            name: n,
            kind: "method".into(),
            from: name(from),
            to: to.into_iter().map(name).collect(),
            action: "method".into(),
        })
        .collect();
    let mut shared = Vec::new();
    let mut only: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (fld, groups) in &field_groups {
        let n = f.syms.name(*fld).to_string();
        if groups.len() > 1 {
            let mut g = groups.iter();
            let from = g.next().copied().unwrap_or(0);
            entries.push(CutEntry {
                name: n.clone(),
                kind: "field".into(),
                from: name(from),
                to: g.map(|&x| name(x)).collect(),
                action: "field".into(),
            });
            shared.push(n);
        } else if let Some(&g) = groups.iter().next() {
            only.entry(g).or_default().push(n);
        }
    }
    (
        entries,
        shared,
        only.into_iter().map(|(g, v)| (name(g), v)).collect(),
    )
}
