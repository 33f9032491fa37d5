//! The new files of a Rust extract-module patch: one module per moved piece (a header, the
//! `use` lines it needs, re-rooted one module down, and `use super::...` for what it takes from
//! the original and the other pieces, then its items with their edits), and the file of an
//! inline module moved out as it is.

use super::super::rust_edit;
use super::super::{file_name, join, FileChange};
use super::cut::Cut;
use super::traits::IMPLICIT_TRAITS;
use super::use_line;
use crate::patterns::items::rust::uses::render_for_child;

impl Cut<'_> {
    /// The file of every moved piece.
    pub fn new_files(&mut self, path: &str) -> Vec<FileChange> {
        let mut changes = Vec::new();
        for p in self.asg.moved() {
            let file = join(&self.dir, &format!("{}.rs", self.name_of(p)));
            if self.asg.is_detached(p) {
                changes.extend(self.detached_file(file, p));
                continue;
            }
            let mut out = format!(
                "//! `{}`: moved out of `{}` by `seamline suggest` (extract module).\n\n",
                self.name_of(p),
                file_name(path)
            );
            let use_lines = self.use_lines(p);
            for l in &use_lines {
                out.push_str(l);
                out.push('\n');
            }
            if !use_lines.is_empty() {
                out.push('\n');
            }
            self.push_items(p, &mut out);
            changes.push(FileChange {
                path: file,
                old: None,
                new: out,
                edits: Vec::new(),
            });
        }
        changes
    }

    /// The `use` lines of piece `p`'s module: the original's it needs, then the other pieces'.
    fn use_lines(&self, p: usize) -> Vec<String> {
        let f = self.f;
        let file_defines = |seg: &str| {
            f.syms
                .get(seg)
                .is_some_and(|s| self.definers.contains_key(&s))
        };
        let piece_refs = self.refs.get(p).cloned().unwrap_or_default();
        let any_calls = f
            .items
            .iter()
            .enumerate()
            .any(|(i, it)| self.piece(i) == p && !it.calls.is_empty());
        let keep = |b: &str| {
            b == "*"
                || b == "_"
                || f.syms
                    .get(b)
                    .is_some_and(|s| piece_refs.contains(&s) || !self.all_refs.contains(&s))
                || (any_calls && IMPLICIT_TRAITS.contains(&b))
        };
        let mut lines: Vec<String> = self
            .rf
            .uses
            .iter()
            .filter_map(|d| render_for_child(d, &keep, &file_defines))
            .collect();
        for (q, names) in self.imports.get(p).into_iter().flatten() {
            let prefix = if *q == self.asg.stay {
                "super".to_string()
            } else {
                format!("super::{}", self.name_of(*q))
            };
            lines.push(use_line("", &prefix, names));
        }
        lines
    }

    /// Appends piece `p`'s items, with their edits, separated by blank lines.
    fn push_items(&mut self, p: usize, out: &mut String) {
        let mut first = true;
        for (i, it) in self.f.items.iter().enumerate() {
            if self.piece(i) != p {
                continue;
            }
            let from = (it.start_line as usize).saturating_sub(1);
            let to = (it.end_line as usize).min(self.lines.len());
            let mut text: Vec<String> = self
                .lines
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .map(|s| s.to_string())
                .collect();
            let edits = self.pos_edits.get(i).cloned().unwrap_or_default();
            if !rust_edit::apply(&mut text, it.start_line, edits) {
                let problem = format!("`{}`: a visibility spans several lines", it.name);
                self.problems.push(problem);
            }
            if !first {
                out.push('\n');
            }
            first = false;
            for l in text {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }

    /// The file (at `path`) of a detached inline module: its body, dedented when no literal
    /// spans lines.
    fn detached_file(&self, path: String, p: usize) -> Option<FileChange> {
        let i = self.asg.items_of(p).into_iter().next()?;
        let m = self.rf.extra.get(i)?.inline?;
        let body: Vec<&str> = self
            .lines
            .get(m.open_line as usize..(m.close_line as usize).saturating_sub(1))
            .unwrap_or_default()
            .to_vec();
        let indent = if m.dedent {
            body.iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        let mut out = String::new();
        for l in body {
            let cut = if l.trim().is_empty() {
                l.len()
            } else {
                indent.min(l.len())
            };
            out.push_str(l.get(cut..).unwrap_or(l));
            out.push('\n');
        }
        Some(FileChange {
            path,
            old: None,
            new: out,
            edits: Vec::new(),
        })
    }
}
