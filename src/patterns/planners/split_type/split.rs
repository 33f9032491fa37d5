//! A type split into groups of methods: the groups' names, the pieces they become, the calls
//! that cross between groups, and which fields are shared or belong to one group.

use std::collections::{BTreeMap, BTreeSet};

use super::super::{FileTarget, Parsed};
use super::methods::index;
use crate::bands::Metric;
use crate::patterns::items::{FileItems, Member, Sym};
use crate::patterns::naming;
use crate::patterns::patch;
use crate::patterns::types::{CutEntry, Piece, PlanItem};

/// Fields used by one group only, by group name.
pub type FieldsOf = Vec<(String, Vec<String>)>;

/// The groups of a type's methods, with the one that stays and every group's name.
pub struct Split<'a> {
    pub f: &'a FileItems,
    pub members: &'a [Member],
    pub parts: &'a [Vec<usize>],
    pub stay: usize,
    pub names: Vec<String>,
}

impl<'a> Split<'a> {
    /// Names the groups after their methods and fields; the staying group keeps the type's name.
    pub fn new(
        f: &'a FileItems,
        members: &'a [Member],
        parts: &'a [Vec<usize>],
        stay: usize,
        ty: &str,
    ) -> Split<'a> {
        let bags: Vec<_> = parts
            .iter()
            .map(|part| naming::bag(group_words(f, members, part)))
            .collect();
        let ty_lower = naming::words(ty).join("_");
        let mut names = naming::choose(&bags, &|n| n == ty_lower, "part");
        if let Some(s) = names.get_mut(stay) {
            *s = ty.to_string();
        }
        Split {
            f,
            members,
            parts,
            stay,
            names,
        }
    }

    fn name(&self, g: usize) -> String {
        self.names.get(g).cloned().unwrap_or_default()
    }

    fn group_of(&self, i: usize) -> usize {
        self.parts.iter().position(|p| p.contains(&i)).unwrap_or(0)
    }

    /// The pieces, the staying group first; each predicted at its method count.
    pub fn pieces(&self, t: &FileTarget<'_>, parsed: &Parsed, limit: u32) -> Vec<Piece> {
        let dir = match parsed {
            Parsed::Rust(_) => patch::rust::child_dir(t.path),
            _ => patch::parent(t.path).to_string(),
        };
        let ext = patch::file_name(t.path)
            .rsplit_once('.')
            .map(|(_, e)| e)
            .unwrap_or("rs");
        let mut order: Vec<usize> = vec![self.stay];
        order.extend((0..self.parts.len()).filter(|&p| p != self.stay));
        order
            .into_iter()
            .map(|p| {
                let file = if p == self.stay {
                    t.path.to_string()
                } else {
                    let name = self.names.get(p).map(String::as_str).unwrap_or("");
                    patch::join(&dir, &format!("{name}.{ext}"))
                };
                self.piece(t, p, file, limit)
            })
            .collect()
    }

    fn piece(&self, t: &FileTarget<'_>, p: usize, file: String, limit: u32) -> Piece {
        let part = self.parts.get(p).cloned().unwrap_or_default();
        let count = part.len() as u32;
        Piece {
            name: self.name(p),
            stays: p == self.stay,
            file: Some(file),
            items: part
                .iter()
                .filter_map(|&m| self.members.get(m))
                .map(|m| PlanItem {
                    name: self.f.syms.name(m.name).to_string(),
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
        }
    }

    /// Calls across groups, fields shared by several groups, and fields used by one group only.
    pub fn cut_and_fields(&self, fields: &[Sym]) -> (Vec<CutEntry>, Vec<String>, FieldsOf) {
        let mut entries: Vec<CutEntry> = self
            .calls_across()
            .into_iter()
            .map(|((n, from), to)| CutEntry {
                name: n,
                kind: "method".into(),
                from: self.name(from),
                to: to.into_iter().map(|g| self.name(g)).collect(),
                action: "method".into(),
            })
            .collect();
        let mut shared = Vec::new();
        let mut only: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (fld, groups) in &self.field_groups(fields) {
            let n = self.f.syms.name(*fld).to_string();
            if groups.len() > 1 {
                entries.push(self.shared_field(n.clone(), groups));
                shared.push(n);
            } else if let Some(&g) = groups.iter().next() {
                only.entry(g).or_default().push(n);
            }
        }
        let only = only.into_iter().map(|(g, v)| (self.name(g), v)).collect();
        (entries, shared, only)
    }

    /// (called method, its group) → the groups calling it from elsewhere.
    fn calls_across(&self) -> BTreeMap<(String, usize), BTreeSet<usize>> {
        let index = index(self.members);
        let mut cut: BTreeMap<(String, usize), BTreeSet<usize>> = BTreeMap::new();
        for (i, m) in self.members.iter().enumerate() {
            let gi = self.group_of(i);
            for c in &m.self_calls {
                let Some(gj) = index.get(c).map(|&j| self.group_of(j)) else {
                    continue;
                };
                if gj != gi {
                    let name = self.f.syms.name(*c).to_string();
                    cut.entry((name, gj)).or_default().insert(gi);
                }
            }
        }
        cut
    }

    /// The groups using each of the type's fields (every `self` field when they are unknown).
    fn field_groups(&self, fields: &[Sym]) -> BTreeMap<Sym, BTreeSet<usize>> {
        let mut field_groups: BTreeMap<Sym, BTreeSet<usize>> = BTreeMap::new();
        for (i, m) in self.members.iter().enumerate() {
            let known = m
                .self_fields
                .iter()
                .filter(|fld| fields.is_empty() || fields.contains(fld));
            for &fld in known {
                field_groups
                    .entry(fld)
                    .or_default()
                    .insert(self.group_of(i));
            }
        }
        field_groups
    }

    /// A field several groups use: it crosses from the first group to the others.
    fn shared_field(&self, name: String, groups: &BTreeSet<usize>) -> CutEntry {
        let mut g = groups.iter();
        let from = g.next().copied().unwrap_or(0);
        CutEntry {
            name,
            kind: "field".into(),
            from: self.name(from),
            to: g.map(|&x| self.name(x)).collect(),
            action: "field".into(),
        }
    }
}

/// The identifiers that name a group: its methods' names, then the fields they use.
fn group_words<'f>(f: &'f FileItems, members: &[Member], part: &[usize]) -> Vec<(&'f str, f64)> {
    let mut words: Vec<(&str, f64)> = Vec::new();
    for m in part.iter().filter_map(|&i| members.get(i)) {
        words.push((f.syms.name(m.name), 2.0));
        for &fld in &m.self_fields {
            words.push((f.syms.name(fld), 1.0));
        }
    }
    words
}
