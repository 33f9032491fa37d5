//! Which piece every item goes to: the part that stays (the largest that fits with the fixed
//! lines), inline modules detached to files of their own while the staying file is over budget,
//! and the pieces' names.

use std::collections::HashMap;

use super::super::{FileTarget, Parsed};
use super::assemble::{extension, piece_dir, stem};
use crate::patterns::depgraph::DepGraph;
use crate::patterns::items::{FileItems, Item, ItemKind};
use crate::patterns::naming;
use crate::patterns::patch::{self, Assignment};

/// The line budget of a round: lines that stay whatever moves, and the size every file must end
/// below.
#[derive(Debug, Clone, Copy)]
pub struct Sizing {
    pub fixed: f64,
    pub budget: f64,
}

/// Chooses the staying part (the largest that fits with the fixed lines), numbers the pieces
/// and names them.
pub fn assignment(
    t: &FileTarget<'_>,
    parsed: &Parsed,
    dg: &DepGraph,
    parts: &[Vec<usize>],
    sizing: Sizing,
) -> Option<Assignment> {
    let f = parsed.items();
    let stay_part = stay_part(dg, parts, sizing);
    let mut draft = Draft::new(f.items.len(), parts.len(), stay_part);
    // Inline modules that keep the staying file over budget go to files of their own.
    let stay_size = sizing.fixed
        + stay_part
            .and_then(|p| parts.get(p))
            .map(|p| dg.graph.size_of(p))
            .unwrap_or(0.0);
    draft.detach_inline(f, stay_size, sizing.budget);
    draft.place(dg, parts);
    Some(draft.finish(t, parsed))
}

/// The largest part that fits the budget with the fixed lines (the first of equals).
fn stay_part(dg: &DepGraph, parts: &[Vec<usize>], sizing: Sizing) -> Option<usize> {
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| dg.graph.size_of(p) + sizing.fixed < sizing.budget)
        .max_by(|a, b| {
            dg.graph
                .size_of(a.1)
                .total_cmp(&dg.graph.size_of(b.1))
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i)
}

/// An assignment being built.
struct Draft {
    piece_of: Vec<usize>,
    detached: Vec<bool>,
    /// Detached pieces and the inline module each holds (its name is the piece's).
    detached_names: Vec<(usize, String)>,
    pieces: usize,
    stay: usize,
}

impl Draft {
    /// Every item on the staying piece; one piece per part, plus a new staying piece when no
    /// part fits.
    fn new(items: usize, parts: usize, stay_part: Option<usize>) -> Draft {
        let stay = stay_part.unwrap_or(parts);
        let pieces = parts + usize::from(stay_part.is_none());
        Draft {
            piece_of: vec![stay; items],
            detached: vec![false; pieces],
            detached_names: Vec::new(),
            pieces,
            stay,
        }
    }

    /// Detaches inline modules, the largest first, while the staying file is over budget.
    fn detach_inline(&mut self, f: &FileItems, mut stay_size: f64, budget: f64) {
        let mut inline: Vec<usize> = (0..f.items.len())
            .filter(|&i| f.items.get(i).is_some_and(|it| it.detachable))
            .collect();
        inline
            .sort_by_key(|&i| std::cmp::Reverse(f.items.get(i).map(|it| it.lines()).unwrap_or(0)));
        for i in inline {
            if stay_size < budget {
                break;
            }
            let Some(it) = f.items.get(i) else { continue };
            stay_size -= f64::from(it.lines()) + 1.0;
            if let Some(slot) = self.piece_of.get_mut(i) {
                *slot = self.pieces;
            }
            self.detached.push(true);
            self.detached_names.push((self.pieces, it.name.clone()));
            self.pieces += 1;
        }
    }

    /// Puts each part's items on the part's piece.
    fn place(&mut self, dg: &DepGraph, parts: &[Vec<usize>]) {
        for (pi, part) in parts.iter().enumerate() {
            let items = part.iter().filter_map(|&node| dg.nodes.get(node));
            for &item in items {
                if let Some(slot) = self.piece_of.get_mut(item) {
                    *slot = pi;
                }
            }
        }
    }

    /// True when piece `p` is a new module named from its identifiers.
    fn is_named_piece(&self, p: usize) -> bool {
        p != self.stay && !self.detached.get(p).copied().unwrap_or(false)
    }

    /// The identifier bag of each new module, with the piece it names.
    fn bags(&self, f: &FileItems) -> (Vec<HashMap<String, f64>>, Vec<usize>) {
        let mut bags = Vec::new();
        let mut bag_piece = Vec::new();
        for p in (0..self.pieces).filter(|&p| self.is_named_piece(p)) {
            let mut words: Vec<(&str, f64)> = Vec::new();
            let items = f.items.iter().enumerate();
            for (_, it) in items.filter(|(i, _)| self.piece_of.get(*i) == Some(&p)) {
                push_words(f, it, &mut words);
            }
            bags.push(naming::bag(words));
            bag_piece.push(p);
        }
        (bags, bag_piece)
    }

    /// Names the pieces: the staying one after the file, detached ones after their module, the
    /// rest after their identifiers (avoiding names already taken next to the file).
    fn finish(self, t: &FileTarget<'_>, parsed: &Parsed) -> Assignment {
        let f = parsed.items();
        let stem = stem(t.path);
        let (bags, bag_piece) = self.bags(f);
        let dir = piece_dir(t.path, parsed);
        let ext = extension(t.path);
        let exists = t.exists;
        let taken = |n: &str| {
            n == stem
                || self.detached_names.iter().any(|(_, d)| d == n)
                || f.items
                    .iter()
                    .any(|it| it.kind == ItemKind::Module && it.name == n)
                || exists(&patch::join(&dir, &format!("{n}.{ext}")))
                || exists(&patch::join(&dir, n))
                || (ext == "py" && naming::shadows_python(n))
        };
        let chosen = naming::choose(&bags, &taken, "part");
        let mut names = vec![String::new(); self.pieces];
        if let Some(s) = names.get_mut(self.stay) {
            *s = stem.to_string();
        }
        let named = bag_piece.into_iter().zip(chosen);
        for (p, n) in named.chain(self.detached_names) {
            if let Some(slot) = names.get_mut(p) {
                *slot = n;
            }
        }
        Assignment {
            piece_of: self.piece_of,
            names,
            stay: self.stay,
            detached: self.detached,
        }
    }
}

/// The identifiers an item contributes to its piece's name, weighted: what it defines counts
/// most, what it refers to least.
fn push_words<'f>(f: &'f FileItems, it: &Item, words: &mut Vec<(&'f str, f64)>) {
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
