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

mod resolve;

pub use resolve::{uses, How, Use};

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
    let pos = positions(f.items.len(), &nodes);
    let node_of = |i: usize| pos.get(i).copied().filter(|p| *p != usize::MAX);
    let mut edges = Edges::default();
    let structural = add_structural(&mut edges, &uses, nodes.len(), &node_of);
    let n = nodes.len().max(1) as f64;
    for users in &by_import(f, &nodes) {
        edges.clique(users, tune("import", IMPORT));
    }
    let by_word = by_vocabulary(f, &nodes);
    let mut words: Vec<(&Sym, &Vec<usize>)> = by_word.iter().collect();
    words.sort_unstable_by_key(|(s, _)| **s);
    for (_, users) in words {
        edges.clique(users, tune("vocab", VOCAB) * idf(n, users.len()));
    }
    let by_name_word = by_name_word(f, &nodes);
    let mut name_words: Vec<(&String, &Vec<usize>)> = by_name_word.iter().collect();
    name_words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, users) in name_words {
        edges.clique(users, tune("name", NAME) * idf(n, users.len()));
    }
    for &(a, b, degree) in cochange {
        if let (Some(x), Some(y)) = (node_of(a), node_of(b)) {
            edges.add(x, y, HISTORY * degree.clamp(0.0, 1.0));
        }
    }
    let evidence_edges = edges.0.clone();
    for p in 1..nodes.len() {
        edges.add(p - 1, p, tune("adj", ADJACENT));
    }
    let sizes = sizes(f, &nodes);
    let structural_total = structural.iter().sum::<f64>() / 2.0;
    DepGraph {
        graph: to_graph(&sizes, edges.0),
        evidence: to_graph(&sizes, evidence_edges),
        nodes,
        structural,
        structural_total,
        uses,
    }
}

/// Undirected edge weights keyed by (smaller node, larger node), summed as evidence arrives.
#[derive(Default)]
struct Edges(HashMap<(usize, usize), f64>);

impl Edges {
    fn add(&mut self, a: usize, b: usize, w: f64) {
        if a != b {
            *self.0.entry((a.min(b), a.max(b))).or_default() += w;
        }
    }

    /// Adds `total / (k - 1)` between every pair of the `k` users, so that each user gains
    /// `total` in all; nothing when one user or too many share it.
    fn clique(&mut self, users: &[usize], total: f64) {
        let k = users.len();
        if !(2..=MAX_SHARERS).contains(&k) || total <= 0.0 {
            return;
        }
        let w = total / (k - 1) as f64;
        for (x, &a) in users.iter().enumerate() {
            for &b in users.iter().skip(x + 1) {
                self.add(a, b, w);
            }
        }
    }
}

/// Node position of each item (`usize::MAX` for items that are not nodes).
fn positions(items: usize, nodes: &[usize]) -> Vec<usize> {
    let mut pos = vec![usize::MAX; items];
    for (p, &i) in nodes.iter().enumerate() {
        if let Some(slot) = pos.get_mut(i) {
            *slot = p;
        }
    }
    pos
}

/// Structural edges: weight per use, split when several items share the name. Returns the
/// structural weight gathered by each node.
fn add_structural(
    edges: &mut Edges,
    uses: &[Use],
    nodes: usize,
    node_of: &impl Fn(usize) -> Option<usize>,
) -> Vec<f64> {
    let mut structural = vec![0.0; nodes];
    let share = resolve::share_counts(uses);
    for u in uses {
        let (Some(a), Some(b)) = (node_of(u.user), node_of(u.owner)) else {
            continue;
        };
        let k = share
            .get(&(u.user, u.name, resolve::how_key(u.how)))
            .copied()
            .unwrap_or(1)
            .max(1) as f64;
        let w = how_weight(u.how) / k;
        edges.add(a, b, w);
        for s in [a, b] {
            if let Some(s) = structural.get_mut(s) {
                *s += w;
            }
        }
    }
    structural
}

fn how_weight(how: How) -> f64 {
    match how {
        How::Name => tune("ref", REF),
        How::SelfType => tune("impl", IMPL),
        How::Method => tune("call", CALL),
        How::Field => tune("field", FIELD),
    }
}

/// Rarity of a word shared by `users` of `n` nodes, in 0..=1.
fn idf(n: f64, users: usize) -> f64 {
    (n / users as f64).ln().max(0.0) / n.ln().max(1.0)
}

/// The nodes using each import.
fn by_import(f: &FileItems, nodes: &[usize]) -> Vec<Vec<usize>> {
    let mut by_import: Vec<Vec<usize>> = vec![Vec::new(); f.imports.len()];
    for (p, &i) in nodes.iter().enumerate() {
        let Some(item) = f.items.get(i) else { continue };
        for imp in f.imports_used_by(item) {
            if let Some(list) = by_import.get_mut(imp) {
                list.push(p);
            }
        }
    }
    by_import
}

/// Which symbols the file defines, declares or imports.
fn defined_here(f: &FileItems) -> Vec<bool> {
    let mut defined = vec![false; f.syms.len()];
    let declared = f
        .items
        .iter()
        .flat_map(|item| item.defines.iter().chain(&item.methods).chain(&item.fields));
    let imported = f.imports.iter().flat_map(|imp| imp.names.iter());
    for &d in declared.chain(imported) {
        if let Some(x) = defined.get_mut(d as usize) {
            *x = true;
        }
    }
    defined
}

/// Shared vocabulary: the nodes using each uncommon outside identifier (neither defined nor
/// imported here).
fn by_vocabulary(f: &FileItems, nodes: &[usize]) -> HashMap<Sym, Vec<usize>> {
    let defined = defined_here(f);
    let outside = |r: Sym| {
        let name = f.syms.name(r);
        !defined.get(r as usize).copied().unwrap_or(true)
            && name.len() >= 3
            && !is_common_word(name)
    };
    let mut by_word: HashMap<Sym, Vec<usize>> = HashMap::new();
    for (p, &i) in nodes.iter().enumerate() {
        let Some(item) = f.items.get(i) else { continue };
        let used = item.refs.iter().chain(&item.calls).chain(&item.field_uses);
        for &r in used.filter(|&&r| outside(r)) {
            let list = by_word.entry(r).or_default();
            if list.last() != Some(&p) {
                list.push(p);
            }
        }
    }
    by_word
}

/// Shared words in the names items define (lexical cohesion: `SendError`, `RecvError`).
fn by_name_word(f: &FileItems, nodes: &[usize]) -> HashMap<String, Vec<usize>> {
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
    by_name_word
}

/// Node sizes: an item's lines plus one.
fn sizes(f: &FileItems, nodes: &[usize]) -> Vec<f64> {
    nodes
        .iter()
        .map(|&i| {
            f.items
                .get(i)
                .map(|it| f64::from(it.lines()) + 1.0)
                .unwrap_or(1.0)
        })
        .collect()
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
