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

mod files;
mod original;
mod split;

use std::collections::BTreeSet;

use super::{Assignment, Patch};
use crate::patterns::items::python::PythonFile;
use split::Split;

/// Generates the patch. `package` is true when the file's directory has an `__init__.py`.
pub fn generate(path: &str, src: &str, pf: &PythonFile, asg: &Assignment, package: bool) -> Patch {
    let split = Split::analyse(path, src, pf, asg, package);
    let mut changes = split.new_files(path);
    changes.insert(0, split.original(path, src));
    let mut problems = split.problems;
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
