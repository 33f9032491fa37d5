//! The Python extract-module patch. Moved pieces become sibling modules in the same package
//! (`pkg/big.py` → `pkg/<piece>.py`), imported relatively.
//!
//! Splitting a module creates an import cycle whenever the pieces use each other, so where each
//! import goes matters:
//! - the original re-exports every moved name (`from .piece import ...`), so that its users and
//!   tests keep working; that import goes at the top when the piece needs nothing from the
//!   original, else at the bottom, after every definition of the original;
//! - a piece imports what it needs from the original (or another piece) at its bottom when only
//!   called code uses it, so that either module may be imported first; at its top when it is
//!   needed at import time (a base class, a decorator), which works when the original is
//!   imported first, as all its users do;
//! - when the original needs a piece at import time (a base class, a decorator, a module-level
//!   call) and that piece also needs the original, or when two moved pieces need each other, no
//!   placement works: that is a problem and the plan is unsafe. So is a `global` statement
//!   naming a variable of another piece (the moved code would rebind its own copy), a directory
//!   that is not a package, and names that only exist under `if TYPE_CHECKING:`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::diff::{self, Edit};
use super::rust::join_lines;
use super::{file_name, join, parent, Assignment, FileChange, Patch};
use crate::patterns::depgraph::{self, How};
use crate::patterns::items::python::{PythonFile, ENTRY_POINT};
use crate::patterns::items::{ItemKind, Sym};

/// Generates the patch. `package` is true when the file's directory has an `__init__.py`.
pub fn generate(path: &str, src: &str, pf: &PythonFile, asg: &Assignment, package: bool) -> Patch {
    let f = &pf.items;
    let mut problems = Vec::new();
    let (lines, _) = diff::split(src);
    let dir = parent(path);
    let stem = file_name(path)
        .strip_suffix(".py")
        .unwrap_or(file_name(path))
        .to_string();
    let dot = if package { "." } else { "" };
    if !package {
        problems.push(format!(
            "`{dir}` has no __init__.py: the new imports would depend on sys.path"
        ));
    }
    let piece = |i: usize| asg.piece_of.get(i).copied().unwrap_or(asg.stay);
    let name_of = |p: usize| {
        if p == asg.stay {
            stem.clone()
        } else {
            asg.names.get(p).cloned().unwrap_or_default()
        }
    };
    let sym = |s: Sym| f.syms.name(s).to_string();
    let pieces = asg.names.len();
    // needs[p][q] = (names, any at import time)
    let mut needs: Vec<BTreeMap<usize, (BTreeSet<String>, bool)>> = vec![BTreeMap::new(); pieces];
    for u in depgraph::uses(f).iter().filter(|u| u.how == How::Name) {
        let (pu, po) = (piece(u.user), piece(u.owner));
        if pu == po {
            continue;
        }
        let at_import = f
            .items
            .get(u.user)
            .is_some_and(|it| it.import_time.binary_search(&u.name).is_ok());
        if let Some(owner) = f.items.get(u.owner) {
            if owner.pinned.is_some() && owner.name.starts_with("if TYPE_CHECKING") {
                problems.push(format!(
                    "`{}` only exists under `if TYPE_CHECKING:`",
                    sym(u.name)
                ));
            }
        }
        if let Some(m) = needs.get_mut(pu) {
            let e = m.entry(po).or_default();
            e.0.insert(sym(u.name));
            e.1 |= at_import;
        }
    }
    for (i, it) in f.items.iter().enumerate() {
        for &g in &it.globals {
            let elsewhere = f
                .items
                .iter()
                .enumerate()
                .any(|(j, o)| piece(j) != piece(i) && o.defines.contains(&g));
            if elsewhere {
                problems.push(format!(
                    "`{}` declares `global {}`, which another piece defines",
                    it.name,
                    sym(g)
                ));
            }
        }
    }
    let moved: Vec<usize> = asg.moved().collect();
    let needs_of = |p: usize, q: usize| needs.get(p).and_then(|m| m.get(&q));
    for &p in &moved {
        if needs_of(asg.stay, p).is_some_and(|n| n.1) && needs_of(p, asg.stay).is_some() {
            problems.push(format!("`{stem}` needs `{}` while it is imported, and `{}` needs `{stem}`: an import cycle", name_of(p), name_of(p)));
        }
        for &q in &moved {
            if p < q && needs_of(p, q).is_some() && needs_of(q, p).is_some() {
                problems.push(format!(
                    "`{}` and `{}` need each other: an import cycle",
                    name_of(p),
                    name_of(q)
                ));
            }
        }
    }
    let future: Vec<String> = pf
        .imports
        .iter()
        .filter(|i| i.future)
        .map(|i| render(i, &|_| true))
        .collect();
    let mut changes = Vec::new();
    for &p in &moved {
        let mut refs: HashSet<Sym> = HashSet::new();
        for (i, it) in f.items.iter().enumerate() {
            if piece(i) == p {
                refs.extend(it.refs.iter().copied());
            }
        }
        let mut out = format!(
            "\"\"\"`{}`: moved out of `{}` by `seamline suggest` (extract module).\"\"\"\n\n",
            name_of(p),
            file_name(path)
        );
        let mut head: Vec<String> = future.clone();
        for imp in pf.imports.iter().filter(|i| !i.future) {
            let keep = |b: &str| b == "*" || f.syms.get(b).is_some_and(|s| refs.contains(&s));
            if imp.glob || imp.names.iter().any(|e| keep(&imp.bound(e))) {
                head.push(render(imp, &keep));
            }
        }
        let mut tail = Vec::new();
        for (q, (names, at_import)) in needs.get(p).into_iter().flatten() {
            if *at_import {
                head.push(from_line(dot, &name_of(*q), names, false));
            } else {
                tail.push(from_line(dot, &name_of(*q), names, true));
            }
        }
        for l in &head {
            out.push_str(l);
            out.push('\n');
        }
        if !head.is_empty() {
            out.push_str("\n\n");
        }
        let mut prev: Option<ItemKind> = None;
        for (i, it) in f.items.iter().enumerate() {
            if piece(i) != p {
                continue;
            }
            match prev {
                Some(ItemKind::Variable) if it.kind == ItemKind::Variable => {}
                Some(_) => out.push_str("\n\n"),
                None => {}
            }
            prev = Some(it.kind);
            let from = (it.start_line as usize).saturating_sub(1);
            let to = (it.end_line as usize).min(lines.len());
            for l in lines.get(from..to).unwrap_or_default() {
                out.push_str(l);
                out.push('\n');
            }
        }
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
            path: join(dir, &format!("{}.py", name_of(p))),
            old: None,
            new: out,
            edits: Vec::new(),
        });
    }
    // The original: re-export every moved name; top when the piece needs nothing back.
    let (mut top, mut bottom) = (Vec::new(), Vec::new());
    for &p in &moved {
        let mut names = BTreeSet::new();
        for (i, it) in f.items.iter().enumerate() {
            if piece(i) == p {
                names.extend(it.defines.iter().map(|&d| sym(d)));
            }
        }
        if names.is_empty() {
            continue;
        }
        if needs_of(p, asg.stay).is_none() {
            top.push(from_line(dot, &name_of(p), &names, false));
        } else {
            bottom.push(from_line(dot, &name_of(p), &names, true));
        }
    }
    let at = f.header_end as usize;
    let mut edits = Vec::new();
    if !top.is_empty() {
        let mut block = top;
        if lines.get(at).is_some_and(|l| !l.trim().is_empty()) {
            block.push(String::new());
        }
        edits.push(Edit {
            start: at,
            end: at,
            lines: block,
        });
    }
    for (i, it) in f.items.iter().enumerate() {
        if piece(i) == asg.stay {
            continue;
        }
        let start = (it.start_line as usize).saturating_sub(1);
        let mut end = (it.end_line as usize).min(lines.len());
        while end < lines.len()
            && lines.get(end).is_some_and(|l| l.trim().is_empty())
            && end - start < 10_000
        {
            let next_item = f.items.iter().any(|o| o.start_line as usize == end + 1);
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
    if !bottom.is_empty() {
        // Last, but before a trailing `if __name__ == "__main__":` block, which may use them.
        let main = f.items.last().filter(|it| it.pinned == Some(ENTRY_POINT));
        let at = main
            .map(|it| (it.start_line as usize).saturating_sub(1))
            .unwrap_or(lines.len());
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
        edits.push(Edit {
            start: at,
            end: at,
            lines: block,
        });
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
    let new_lines = diff::apply(&lines, &merged);
    let new_text = join_lines(&new_lines, src.ends_with('\n'));
    changes.insert(
        0,
        FileChange {
            path: path.to_string(),
            old: Some(src.to_string()),
            new: new_text,
            edits: merged,
        },
    );
    problems.sort();
    problems.dedup();
    Patch { changes, problems }
}

fn from_line(dot: &str, module: &str, names: &BTreeSet<String>, last: bool) -> String {
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    let noqa = if last {
        "  # noqa: E402,F401"
    } else {
        "  # noqa: F401"
    };
    format!("from {dot}{module} import {}{noqa}", list.join(", "))
}

fn render(imp: &crate::patterns::items::python::PyImport, keep: &dyn Fn(&str) -> bool) -> String {
    if imp.glob {
        return format!("from {} import *", imp.from.as_deref().unwrap_or(""));
    }
    let names: Vec<String> = imp
        .names
        .iter()
        .filter(|e| keep(&imp.bound(e)))
        .map(|(n, a)| match a {
            Some(a) => format!("{n} as {a}"),
            None => n.clone(),
        })
        .collect();
    match &imp.from {
        Some(m) => format!("from {m} import {}", names.join(", ")),
        None => format!("import {}", names.join(", ")),
    }
}
