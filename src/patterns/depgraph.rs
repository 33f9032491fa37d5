//! The dependency graph of a file's top-level items, as the partitioner sees it: one node per
//! movable item (sized by its lines), edges weighted by how strongly two items belong together.
//!
//! Structural evidence: a reference to a name the other item defines (`REF`, split between
//! items defining the same name), an impl block and its self type (`IMPL`), a method call or a
//! field use resolved by name to the items declaring that method or field (`CALL`, `FIELD`,
//! split likewise). Weaker evidence: two items using the same import (`IMPORT`) or the same
//! uncommon outside identifier (`VOCAB`, scaled by its rarity), neighbours in the file
//! (`ADJACENT`), and changing together in the history (`HISTORY` × the co-change degree).
//! `docs/patterns.md` lists the weights.

use std::collections::HashMap;

use crate::patterns::items::{is_common_word, FileItems, Sym};
use crate::patterns::partition::Graph;

pub const REF: f64 = 1.0;
pub const IMPL: f64 = 4.0;
pub const CALL: f64 = 0.5;
pub const FIELD: f64 = 0.5;
pub const IMPORT: f64 = 0.6;
pub const VOCAB: f64 = 0.4;
pub const ADJACENT: f64 = 0.15;
pub const HISTORY: f64 = 2.0;
pub const NAME: f64 = 1.0;

/// Tuning hook (temporary): `SEAMLINE_TUNE=name=1.0,vocab=0.4` overrides weights.
pub fn tune(key: &str, default: f64) -> f64 {
    static TUNE: std::sync::OnceLock<Vec<(String, f64)>> = std::sync::OnceLock::new();
    let list = TUNE.get_or_init(|| {
        std::env::var("SEAMLINE_TUNE")
            .unwrap_or_default()
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .filter_map(|(k, v)| Some((k.trim().to_string(), v.trim().parse().ok()?)))
            .collect()
    });
    list.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| *v)
        .unwrap_or(default)
}
/// Shared names used by more items than this say nothing about a seam.
const MAX_SHARERS: usize = 30;

/// One directed use: item `user` uses `name`, defined (or declared) by item `owner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub user: usize,
    pub owner: usize,
    pub name: Sym,
    pub how: How,
}

/// How a use reaches its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Name,
    SelfType,
    Method,
    Field,
}

/// The graph over the movable items plus every directed use among all items.
#[derive(Debug, Clone)]
pub struct DepGraph {
    /// Item index of each node.
    pub nodes: Vec<usize>,
    pub graph: Graph,
    /// The graph without adjacency edges: what natural seams are judged on.
    pub evidence: Graph,
    /// Structural weight per node (what `confidence` calls evidence).
    pub structural: Vec<f64>,
    /// Total structural weight of the graph.
    pub structural_total: f64,
    pub uses: Vec<Use>,
}

/// Builds the graph. `cochange` holds (item, item, degree in 0..=1) pairs from the history.
pub fn build(f: &FileItems, cochange: &[(usize, usize, f64)]) -> DepGraph {
    let uses = uses(f);
    let nodes: Vec<usize> = f.movable().map(|(i, _)| i).collect();
    let mut pos = vec![usize::MAX; f.items.len()];
    for (p, &i) in nodes.iter().enumerate() {
        if let Some(slot) = pos.get_mut(i) {
            *slot = p;
        }
    }
    let node_of = |i: usize| pos.get(i).copied().filter(|p| *p != usize::MAX);
    let mut edges: HashMap<(usize, usize), f64> = HashMap::new();
    let mut structural = vec![0.0; nodes.len()];
    let mut add = |edges: &mut HashMap<(usize, usize), f64>, a: usize, b: usize, w: f64| {
        if a != b {
            *edges.entry((a.min(b), a.max(b))).or_default() += w;
        }
    };
    // Structural: weight per use, split when several items share the name.
    let share = share_counts(&uses);
    for u in &uses {
        let (Some(a), Some(b)) = (node_of(u.user), node_of(u.owner)) else {
            continue;
        };
        let k = share
            .get(&(u.user, u.name, how_key(u.how)))
            .copied()
            .unwrap_or(1)
            .max(1) as f64;
        let w = match u.how {
            How::Name => tune("ref", REF),
            How::SelfType => tune("impl", IMPL),
            How::Method => tune("call", CALL),
            How::Field => tune("field", FIELD),
        } / k;
        add(&mut edges, a, b, w);
        if let Some(s) = structural.get_mut(a) {
            *s += w;
        }
        if let Some(s) = structural.get_mut(b) {
            *s += w;
        }
    }
    // Shared imports.
    let mut by_import: Vec<Vec<usize>> = vec![Vec::new(); f.imports.len()];
    for (p, &i) in nodes.iter().enumerate() {
        if let Some(item) = f.items.get(i) {
            for imp in f.imports_used_by(item) {
                if let Some(list) = by_import.get_mut(imp) {
                    list.push(p);
                }
            }
        }
    }
    let n = nodes.len().max(1) as f64;
    for users in &by_import {
        clique(&mut edges, users, tune("import", IMPORT), &mut add);
    }
    // Shared vocabulary: outside identifiers that are neither defined nor imported here.
    let mut defined = vec![false; f.syms.len()];
    for item in &f.items {
        for &d in item.defines.iter().chain(&item.methods).chain(&item.fields) {
            if let Some(x) = defined.get_mut(d as usize) {
                *x = true;
            }
        }
    }
    for imp in &f.imports {
        for &d in &imp.names {
            if let Some(x) = defined.get_mut(d as usize) {
                *x = true;
            }
        }
    }
    let mut by_word: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (p, &i) in nodes.iter().enumerate() {
        let Some(item) = f.items.get(i) else { continue };
        for &r in item.refs.iter().chain(&item.calls).chain(&item.field_uses) {
            let name = f.syms.name(r);
            if defined.get(r as usize).copied().unwrap_or(true)
                || name.len() < 3
                || is_common_word(name)
            {
                continue;
            }
            let list = by_word.entry(r).or_default();
            if list.last() != Some(&p) {
                list.push(p);
            }
        }
    }
    let mut words: Vec<(&Sym, &Vec<usize>)> = by_word.iter().collect();
    words.sort_unstable_by_key(|(s, _)| **s);
    for (_, users) in words {
        let idf = (n / users.len() as f64).ln().max(0.0) / n.ln().max(1.0);
        clique(&mut edges, users, tune("vocab", VOCAB) * idf, &mut add);
    }
    // Shared words in the names items define (lexical cohesion: `SendError`, `RecvError`).
    let mut by_name_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, &i) in nodes.iter().enumerate() {
        let Some(item) = f.items.get(i) else { continue };
        let mut words: Vec<String> = item
            .defines
            .iter()
            .chain(item.self_type.iter())
            .flat_map(|&d| crate::patterns::naming::words(f.syms.name(d)))
            .filter(|w| !crate::patterns::naming::is_stop(w))
            .collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            by_name_word.entry(w).or_default().push(p);
        }
    }
    let mut name_words: Vec<(&String, &Vec<usize>)> = by_name_word.iter().collect();
    name_words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, users) in name_words {
        let idf = (n / users.len() as f64).ln().max(0.0) / n.ln().max(1.0);
        clique(&mut edges, users, tune("name", NAME) * idf, &mut add);
    }
    for &(a, b, degree) in cochange {
        if let (Some(x), Some(y)) = (node_of(a), node_of(b)) {
            add(&mut edges, x, y, HISTORY * degree.clamp(0.0, 1.0));
        }
    }
    let evidence_edges = edges.clone();
    for p in 1..nodes.len() {
        add(&mut edges, p - 1, p, tune("adj", ADJACENT));
    }

    let sizes: Vec<f64> = nodes
        .iter()
        .map(|&i| {
            f.items
                .get(i)
                .map(|it| f64::from(it.lines()) + 1.0)
                .unwrap_or(1.0)
        })
        .collect();
    let graph = to_graph(&sizes, edges);
    let evidence = to_graph(&sizes, evidence_edges);
    let structural_total = structural.iter().sum::<f64>() / 2.0;
    DepGraph {
        nodes,
        graph,
        evidence,
        structural,
        structural_total,
        uses,
    }
}

fn to_graph(sizes: &[f64], edges: HashMap<(usize, usize), f64>) -> Graph {
    let mut graph = Graph::new(sizes.to_vec());
    let mut list: Vec<((usize, usize), f64)> = edges.into_iter().collect();
    list.sort_unstable_by_key(|a| a.0);
    for ((a, b), w) in list {
        push_edge(&mut graph, a, b, w);
    }
    graph
}

fn push_edge(g: &mut Graph, a: usize, b: usize, w: f64) {
    if let Some(l) = g.adj.get_mut(a) {
        l.push((b, w));
    }
    if let Some(l) = g.adj.get_mut(b) {
        l.push((a, w));
    }
}

fn how_key(h: How) -> u8 {
    h as u8
}

/// For each (user, name, how): how many owners the name resolves to.
fn share_counts(uses: &[Use]) -> HashMap<(usize, Sym, u8), usize> {
    let mut m = HashMap::new();
    for u in uses {
        *m.entry((u.user, u.name, how_key(u.how))).or_insert(0) += 1;
    }
    m
}

/// Adds `total / (k - 1)` between every pair of the `k` users, so that each user gains `total`
/// in all; nothing when one user or too many share it.
fn clique(
    edges: &mut HashMap<(usize, usize), f64>,
    users: &[usize],
    total: f64,
    add: &mut impl FnMut(&mut HashMap<(usize, usize), f64>, usize, usize, f64),
) {
    let k = users.len();
    if !(2..=MAX_SHARERS).contains(&k) || total <= 0.0 {
        return;
    }
    let w = total / (k - 1) as f64;
    for (x, &a) in users.iter().enumerate() {
        for &b in users.iter().skip(x + 1) {
            add(edges, a, b, w);
        }
    }
}

/// Every directed use between items: names, impl self types, methods and fields.
pub fn uses(f: &FileItems) -> Vec<Use> {
    let mut by_name: HashMap<Sym, Vec<usize>> = HashMap::new();
    let mut by_method: HashMap<Sym, Vec<usize>> = HashMap::new();
    let mut by_field: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (i, it) in f.items.iter().enumerate() {
        for &d in &it.defines {
            by_name.entry(d).or_default().push(i);
        }
        // A trait impl's methods are the trait's: a call by that name says nothing about
        // which impl it reaches, so calls resolve to inherent impls, classes and traits only.
        if it.trait_name.is_none() {
            for &m in &it.methods {
                by_method.entry(m).or_default().push(i);
            }
        }
        for &x in &it.fields {
            by_field.entry(x).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    let empty = Vec::new();
    for (i, it) in f.items.iter().enumerate() {
        let mut push = |owners: &Vec<usize>, name: Sym, how: How| {
            for &o in owners {
                if o != i {
                    out.push(Use {
                        user: i,
                        owner: o,
                        name,
                        how,
                    });
                }
            }
        };
        if let Some(t) = it.self_type {
            push(by_name.get(&t).unwrap_or(&empty), t, How::SelfType);
        }
        for &r in &it.refs {
            if Some(r) != it.self_type {
                push(by_name.get(&r).unwrap_or(&empty), r, How::Name);
            }
        }
        // Dunder methods (`__init__`, `__str__`) are defined everywhere and called through
        // `super()` or the language: they say nothing about which class is meant.
        let dunder = |s: Sym| {
            let n = f.syms.name(s);
            n.starts_with("__") && n.ends_with("__")
        };
        for &c in it.calls.iter().filter(|&&c| !dunder(c)) {
            push(by_method.get(&c).unwrap_or(&empty), c, How::Method);
        }
        for &x in it.field_uses.iter().filter(|&&x| !dunder(x)) {
            push(by_field.get(&x).unwrap_or(&empty), x, How::Field);
        }
    }
    out
}
