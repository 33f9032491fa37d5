//! The Rust extract-module patch. Moved pieces become child modules of the original file
//! (`src/big.rs` → `src/big/<piece>.rs`; for `lib.rs`, `main.rs` and `mod.rs`, siblings), so
//! moved code keeps seeing the original's private items through `super::`. What the cut needs:
//! - moved items used from elsewhere become `pub(super)` (a `pub(super)` item becomes
//!   `pub(in super::super)`, so it stays visible exactly where it was), likewise their private
//!   methods and fields used from elsewhere;
//! - the original declares `mod <piece>;` and imports (or re-exports, with the item's original
//!   visibility) the moved items it or its users need;
//! - each new module gets the original's `use` lines it needs (re-rooted one module down), and
//!   `use super::...` for what it uses from the original and the other pieces;
//! - `super::` paths inside moved code get one more `super` (`self::` paths still resolve:
//!   every name the piece uses is defined or imported in its new module).
//!
//! Macros defined with `macro_rules!` follow textual order: a moved piece using one defined in
//! the original is declared after it; a piece defining one used elsewhere gets `#[macro_use]`
//! and is declared first. What cannot be fixed this way is returned as a problem.

mod cut;
mod files;
mod original;
mod traits;
mod visibility;

use std::collections::BTreeSet;

use super::diff::Edit;
use super::rust_edit::PosEdit;
use super::{file_name, join, parent, Assignment, Patch};
use crate::patterns::items::rust::{RustFile, VisSite};
use crate::patterns::items::Vis;
use cut::Cut;

/// The directory that holds the child modules of the file at `path`.
pub fn child_dir(path: &str) -> String {
    let name = file_name(path);
    let dir = parent(path);
    if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
        dir.to_string()
    } else {
        join(dir, name.strip_suffix(".rs").unwrap_or(name))
    }
}

/// Generates the patch for `asg` over the parsed file.
pub fn generate(path: &str, src: &str, rf: &RustFile, asg: &Assignment) -> Patch {
    let mut cut = Cut::analyse(src, child_dir(path), rf, asg);
    cut.visibility();
    cut.macros();
    let mut changes = cut.new_files(path);
    changes.insert(0, cut.original(path, src));
    Patch {
        changes,
        problems: cut.problems,
    }
}

/// The visibility an item needs to be seen from the original module, as text to write;
/// `None` when it already is.
fn raised(vis: Vis, text: &str) -> Result<Option<String>, String> {
    match vis {
        Vis::Private => Ok(Some("pub(super) ".into())),
        Vis::Super => Ok(Some("pub(in super::super)".into())),
        Vis::Restricted if text.starts_with("pub(in crate") => Ok(None),
        Vis::Restricted => Err(format!("`{text}` is relative to the original module")),
        Vis::Public | Vis::Crate => Ok(None),
    }
}

fn site_edit(site: VisSite, text: &str) -> PosEdit {
    let p = |l: usize| u32::try_from(l).unwrap_or(0);
    match site {
        VisSite::Insert(at) => PosEdit {
            line: p(at.line),
            col: p(at.column),
            end: None,
            text: text.to_string(),
        },
        VisSite::Replace(a, b) => PosEdit {
            line: p(a.line),
            col: p(a.column),
            end: Some((p(b.line), p(b.column))),
            text: text.trim_end().to_string(),
        },
    }
}

fn use_line(vis: &str, prefix: &str, names: &BTreeSet<String>) -> String {
    let vis = if vis.is_empty() {
        String::new()
    } else {
        format!("{vis} ")
    };
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    match list.as_slice() {
        [one] => format!("{vis}use {prefix}::{one};"),
        _ => format!("{vis}use {prefix}::{{{}}};", list.join(", ")),
    }
}

fn merge_overlaps(edits: &mut Vec<Edit>) {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits.drain(..) {
        match out.last_mut() {
            Some(last) if e.start < last.end => {
                last.end = last.end.max(e.end);
                last.lines.extend(e.lines);
            }
            _ => out.push(e),
        }
    }
    *edits = out;
}

/// Joins lines back into text.
pub fn join_lines(lines: &[String], final_newline: bool) -> String {
    let mut s = lines.join("\n");
    if final_newline && !lines.is_empty() {
        s.push('\n');
    }
    s
}
