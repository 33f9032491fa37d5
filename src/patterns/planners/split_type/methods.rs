//! The method graph of a type: methods joined by the `self` fields they share and the calls
//! between them, its LCOM4 groups (connected components), and where loose methods go.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::patterns::items::{Member, Sym};
use crate::patterns::partition::Graph;

/// Edges between methods: shared `self` fields, and calls.
fn edges(members: &[Member]) -> BTreeMap<(usize, usize), f64> {
    let index = index(members);
    let mut out: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let mut by_field: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for &fld in &m.self_fields {
            by_field.entry(fld).or_default().push(i);
        }
        let callees = m.self_calls.iter().filter_map(|c| index.get(c).copied());
        for j in callees.filter(|&j| j != i) {
            *out.entry((i.min(j), i.max(j))).or_default() += 1.0;
        }
    }
    for users in by_field.values() {
        share_field(&mut out, users);
    }
    out
}

/// Joins every pair of the methods using one field, each method gaining 1 in all.
fn share_field(out: &mut BTreeMap<(usize, usize), f64>, users: &[usize]) {
    let w = 1.0 / (users.len().max(2) - 1) as f64;
    for (x, &a) in users.iter().enumerate() {
        for &b in users.iter().skip(x + 1) {
            *out.entry((a.min(b), a.max(b))).or_default() += w;
        }
    }
}

/// Each method's position by name.
pub(super) fn index(members: &[Member]) -> HashMap<Sym, usize> {
    members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name, i))
        .collect()
}

pub(super) fn method_graph(members: &[Member]) -> Graph {
    let mut g = Graph::new(vec![1.0; members.len()]);
    for ((a, b), w) in edges(members) {
        g.add(a, b, w);
    }
    g
}

/// Number of edges inside `part`.
pub(super) fn links(members: &[Member], part: &[usize]) -> usize {
    let set: BTreeSet<usize> = part.iter().copied().collect();
    edges(members)
        .keys()
        .filter(|(a, b)| set.contains(a) && set.contains(b))
        .count()
}

/// Connected components of the method graph (LCOM4), methods touching nothing left out.
pub(super) fn lcom4(members: &[Member]) -> Vec<Vec<usize>> {
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
pub(super) fn attach_loose(members: &[Member], mut groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let placed: BTreeSet<usize> = groups.iter().flatten().copied().collect();
    let largest = (0..groups.len()).max_by_key(|&g| groups.get(g).map(Vec::len).unwrap_or(0));
    if let Some(g) = largest.and_then(|g| groups.get_mut(g)) {
        g.extend((0..members.len()).filter(|i| !placed.contains(i)));
        g.sort_unstable();
    }
    groups.sort_by_key(|g| g.first().copied().unwrap_or(usize::MAX));
    groups
}
