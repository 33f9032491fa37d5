//! The new modules of a Python split: per moved piece, a docstring, the original's imports it
//! needs (future imports first), the imports from the other pieces it needs while it is
//! imported, its items, and last the imports that only called code needs.

use std::collections::HashSet;

use super::super::{file_name, join, FileChange};
use super::split::Split;
use super::{from_line, render};
use crate::patterns::items::{ItemKind, Sym};

impl Split<'_> {
    /// The file of every moved piece.
    pub fn new_files(&self, path: &str) -> Vec<FileChange> {
        let future: Vec<String> = self
            .pf
            .imports
            .iter()
            .filter(|i| i.future)
            .map(|i| render(i, &|_| true))
            .collect();
        let mut changes = Vec::new();
        for &p in &self.moved {
            let mut out = format!(
                "\"\"\"`{}`: moved out of `{}` by `seamline suggest` (extract module).\"\"\"\n\n",
                self.name_of(p),
                file_name(path)
            );
            let (head, tail) = self.imports_of(p, &future);
            for l in &head {
                out.push_str(l);
                out.push('\n');
            }
            if !head.is_empty() {
                out.push_str("\n\n");
            }
            self.push_items(p, &mut out);
            if !tail.is_empty() {
                out.push_str(
                    "\n\n# Imported last: only called code uses these, and they import this module.\n",
                );
                for l in tail {
                    out.push_str(&l);
                    out.push('\n');
                }
            }
            changes.push(FileChange {
                path: join(self.dir, &format!("{}.py", self.name_of(p))),
                old: None,
                new: out,
                edits: Vec::new(),
            });
        }
        changes
    }

    /// The import lines at the top of piece `p`'s module, and those at its bottom.
    fn imports_of(&self, p: usize, future: &[String]) -> (Vec<String>, Vec<String>) {
        let f = self.f;
        let mut refs: HashSet<Sym> = HashSet::new();
        for (i, it) in f.items.iter().enumerate() {
            if self.piece(i) == p {
                refs.extend(it.refs.iter().copied());
            }
        }
        let mut head: Vec<String> = future.to_vec();
        for imp in self.pf.imports.iter().filter(|i| !i.future) {
            let keep = |b: &str| b == "*" || f.syms.get(b).is_some_and(|s| refs.contains(&s));
            if imp.glob || imp.names.iter().any(|e| keep(&imp.bound(e))) {
                head.push(render(imp, &keep));
            }
        }
        let mut tail = Vec::new();
        for (q, (names, at_import)) in self.needs.get(p).into_iter().flatten() {
            if *at_import {
                head.push(from_line(self.dot, &self.name_of(*q), names, false));
            } else {
                tail.push(from_line(self.dot, &self.name_of(*q), names, true));
            }
        }
        (head, tail)
    }

    /// Appends piece `p`'s items: two blank lines between them, none between variables.
    fn push_items(&self, p: usize, out: &mut String) {
        let mut prev: Option<ItemKind> = None;
        for (i, it) in self.f.items.iter().enumerate() {
            if self.piece(i) != p {
                continue;
            }
            match prev {
                Some(ItemKind::Variable) if it.kind == ItemKind::Variable => {}
                Some(_) => out.push_str("\n\n"),
                None => {}
            }
            prev = Some(it.kind);
            let from = (it.start_line as usize).saturating_sub(1);
            let to = (it.end_line as usize).min(self.lines.len());
            for l in self.lines.get(from..to).unwrap_or_default() {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
}
