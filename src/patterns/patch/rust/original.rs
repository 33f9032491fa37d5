//! The Rust cut's edits to the original file: the block of `mod` declarations and `use` lines
//! (imports and re-exports of what moved), inline modules moved out replaced by `mod name;`,
//! the moved items removed, and `use` lines that only moved code needed pruned.

use super::super::diff::{self, Edit};
use super::super::FileChange;
use super::cut::Cut;
use super::traits::NOT_TRAITS;
use super::{join_lines, merge_overlaps, use_line};

use std::collections::{BTreeMap, BTreeSet};

impl Cut<'_> {
    /// The original file after the cut.
    pub fn original(&self, path: &str, src: &str) -> FileChange {
        let mut edits = vec![Edit {
            start: self.insert_after as usize,
            end: self.insert_after as usize,
            lines: self.declarations(),
        }];
        edits.extend(self.detached_declarations());
        edits.extend(self.removals());
        edits.extend(self.prune_uses());
        edits.sort_by_key(|e| (e.start, e.end));
        merge_overlaps(&mut edits);
        let new = join_lines(&diff::apply(&self.lines, &edits), src.ends_with('\n'));
        FileChange {
            path: path.to_string(),
            old: Some(src.to_string()),
            new,
            edits,
        }
    }

    /// The `mod` lines of the moved pieces (macro-defining ones first), then the `use` lines
    /// that import and re-export what moved, with blank lines around them where needed.
    fn declarations(&self) -> Vec<String> {
        let filled = |at: usize| self.lines.get(at).is_some_and(|l| !l.trim().is_empty());
        let mut block = Vec::new();
        if self.insert_after > 0 && filled(self.insert_after as usize - 1) {
            block.push(String::new());
        }
        let mut order: Vec<usize> = self
            .asg
            .moved()
            .filter(|&p| !self.asg.is_detached(p))
            .collect();
        order.sort_by_key(|p| (!self.macro_pieces.contains(p), *p));
        for p in &order {
            if self.macro_pieces.contains(p) {
                block.push("#[macro_use]".into());
            }
            block.push(format!("mod {};", self.name_of(*p)));
        }
        let stay_imports = self.stay_imports();
        if !stay_imports.is_empty() {
            block.push(String::new());
        }
        for ((vis, q), names) in &stay_imports {
            block.push(use_line(vis, self.name_of(*q), names));
        }
        if filled(self.insert_after as usize) {
            block.push(String::new());
        }
        if order.is_empty() && stay_imports.is_empty() {
            block.clear();
        }
        block
    }

    /// The re-exports, and the imports the original needs that they do not already cover.
    fn stay_imports(&self) -> BTreeMap<(String, usize), BTreeSet<String>> {
        let mut out = self.reexports.clone();
        for (q, names) in self.imports.get(self.asg.stay).into_iter().flatten() {
            for n in names {
                let covered = out.iter().any(|((_, qq), set)| qq == q && set.contains(n));
                if !covered {
                    out.entry((String::new(), *q))
                        .or_default()
                        .insert(n.clone());
                }
            }
        }
        out
    }

    /// Inline modules moved to files of their own become `mod name;`.
    fn detached_declarations(&self) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (i, x) in self.rf.extra.iter().enumerate() {
            let detached = self
                .asg
                .piece_of
                .get(i)
                .is_some_and(|&p| self.asg.is_detached(p));
            let (true, Some(m)) = (detached, x.inline) else {
                continue;
            };
            let decl = self
                .lines
                .get(m.decl_line as usize - 1)
                .copied()
                .unwrap_or("");
            let indent: String = decl.chars().take_while(|c| c.is_whitespace()).collect();
            let vis = if x.vis_text.is_empty() {
                String::new()
            } else {
                format!("{} ", x.vis_text)
            };
            let name = self.f.items.get(i).map(|it| it.name.as_str()).unwrap_or("");
            edits.push(Edit {
                start: m.decl_line as usize - 1,
                end: m.close_line as usize,
                lines: vec![format!("{indent}{vis}mod {name};")],
            });
        }
        edits
    }

    /// The moved items, each with one blank line after it when it stood between blank lines.
    fn removals(&self) -> Vec<Edit> {
        let empty = |at: usize| self.lines.get(at).is_some_and(|l| l.trim().is_empty());
        let mut edits = Vec::new();
        for (i, it) in self.f.items.iter().enumerate() {
            if self.piece(i) == self.asg.stay {
                continue;
            }
            let start = (it.start_line as usize).saturating_sub(1);
            let mut end = (it.end_line as usize).min(self.lines.len());
            let before_blank = start == 0 || empty(start - 1);
            if before_blank && empty(end) {
                end += 1;
            }
            edits.push(Edit {
                start,
                end,
                lines: Vec::new(),
            });
        }
        edits
    }

    /// Removes from the original's private `use` lines the names only moved code used: names
    /// starting in lowercase (modules, functions) and well-known types. Other names might be
    /// traits used without being named, so they stay (at worst an unused-import warning).
    fn prune_uses(&self) -> Vec<Edit> {
        let stay_refs = self.refs.get(self.asg.stay).cloned().unwrap_or_default();
        let f = self.f;
        let removable = |b: &str| {
            let certain =
                b.starts_with(|c: char| c.is_ascii_lowercase()) || NOT_TRAITS.contains(&b);
            certain
                && f.syms
                    .get(b)
                    .is_some_and(|s| self.all_refs.contains(&s) && !stay_refs.contains(&s))
        };
        let mut out = Vec::new();
        for d in self.rf.uses.iter().filter(|d| d.vis.is_empty()) {
            if !d.tree.bound().iter().any(|b| removable(b)) {
                continue;
            }
            let lines = match d.tree.prune(&|b| !removable(b)) {
                None => Vec::new(),
                Some(t) => {
                    let mut l: Vec<String> = d.attrs.clone();
                    l.push(format!(
                        "use {}{};",
                        if d.leading_colon { "::" } else { "" },
                        t.render()
                    ));
                    l
                }
            };
            out.push(Edit {
                start: (d.start_line as usize).saturating_sub(1),
                end: d.end_line as usize,
                lines,
            });
        }
        out
    }
}
