//! The Python split's edits to the original module: it re-exports every moved name (at the
//! top when that piece needs nothing back, else at the bottom, before a trailing
//! `if __name__ == "__main__":` block), and the moved items are removed with the blank lines
//! after them.

use std::collections::BTreeSet;

use super::super::diff::{self, Edit};
use super::super::rust::join_lines;
use super::super::FileChange;
use super::from_line;
use super::split::Split;
use crate::patterns::items::python::ENTRY_POINT;

impl Split<'_> {
    /// The original module after the split.
    pub fn original(&self, path: &str, src: &str) -> FileChange {
        let (top, bottom) = self.reexports();
        let mut edits = Vec::new();
        let at = self.f.header_end as usize;
        if !top.is_empty() {
            let mut block = top;
            if self.lines.get(at).is_some_and(|l| !l.trim().is_empty()) {
                block.push(String::new());
            }
            edits.push(Edit {
                start: at,
                end: at,
                lines: block,
            });
        }
        edits.extend(self.removals());
        if !bottom.is_empty() {
            edits.push(self.bottom_block(bottom));
        }
        edits.sort_by_key(|e| (e.start, e.end));
        let mut merged: Vec<Edit> = Vec::new();
        for e in edits {
            match merged.last_mut() {
                Some(last) if e.start < last.end => {
                    last.end = last.end.max(e.end);
                    last.lines.extend(e.lines);
                }
                _ => merged.push(e),
            }
        }
        let new_lines = diff::apply(&self.lines, &merged);
        FileChange {
            path: path.to_string(),
            old: Some(src.to_string()),
            new: join_lines(&new_lines, src.ends_with('\n')),
            edits: merged,
        }
    }

    /// The re-export lines: at the top for pieces that need nothing back, else at the bottom.
    fn reexports(&self) -> (Vec<String>, Vec<String>) {
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for &p in &self.moved {
            let mut names = BTreeSet::new();
            for (i, it) in self.f.items.iter().enumerate() {
                if self.piece(i) == p {
                    names.extend(it.defines.iter().map(|&d| self.sym(d)));
                }
            }
            if names.is_empty() {
                continue;
            }
            if self.needs_of(p, self.asg.stay).is_none() {
                top.push(from_line(self.dot, &self.name_of(p), &names, false));
            } else {
                bottom.push(from_line(self.dot, &self.name_of(p), &names, true));
            }
        }
        (top, bottom)
    }

    /// The moved items, each with the blank lines up to the next item.
    fn removals(&self) -> Vec<Edit> {
        let lines = &self.lines;
        let mut edits = Vec::new();
        for (i, it) in self.f.items.iter().enumerate() {
            if self.piece(i) == self.asg.stay {
                continue;
            }
            let start = (it.start_line as usize).saturating_sub(1);
            let mut end = (it.end_line as usize).min(lines.len());
            while end < lines.len()
                && lines.get(end).is_some_and(|l| l.trim().is_empty())
                && end - start < 10_000
            {
                let next_item = self
                    .f
                    .items
                    .iter()
                    .any(|o| o.start_line as usize == end + 1);
                end += 1;
                if next_item {
                    break;
                }
            }
            edits.push(Edit {
                start,
                end,
                lines: Vec::new(),
            });
        }
        edits
    }

    /// The bottom imports: last, but before a trailing `if __name__ == "__main__":` block,
    /// which may use them.
    fn bottom_block(&self, bottom: Vec<String>) -> Edit {
        let main = self
            .f
            .items
            .last()
            .filter(|it| it.pinned == Some(ENTRY_POINT));
        let at = main
            .map(|it| (it.start_line as usize).saturating_sub(1))
            .unwrap_or(self.lines.len());
        let mut block =
            vec!["# Imported last: these modules import names defined above.".to_string()];
        block.extend(bottom);
        block.push(String::new());
        block.push(String::new());
        if main.is_none() {
            block.insert(0, String::new());
            block.insert(0, String::new());
            block.truncate(block.len() - 2);
        }
        Edit {
            start: at,
            end: at,
            lines: block,
        }
    }
}
