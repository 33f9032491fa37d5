//! Imports between sibling files, read line by line: Rust `mod x;` / `use crate::…::x` /
//! `use super::x`, Python `import x` / `from .x import` / `from . import x`, JS/TS
//! `import … from './x'` and `require('./x')`. Only names of files in the same directory count;
//! a line-based reading is enough to see which siblings a file leans on and never fails.

use std::collections::BTreeSet;

/// The sibling stems (from `siblings`) that `src` imports, other than `own`.
pub fn sibling_imports(src: &str, own: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in src.lines() {
        for word in imported_words(line.trim()) {
            if word != own && siblings.contains(word) {
                out.insert(word.to_string());
            }
        }
    }
    out
}

/// The path segments and names an import line mentions (empty for any other line).
fn imported_words(line: &str) -> Vec<&str> {
    let is_import = [
        "mod ", "pub mod ", "use ", "pub use ", "import ", "from ", "export ",
    ]
    .iter()
    .any(|k| line.starts_with(k))
        || line.contains("require(");
    if !is_import {
        return Vec::new();
    }
    let body = js_module(line).unwrap_or(line);
    body.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// For a JS/TS line, the module string (`./x`) only, so imported names do not count as files.
fn js_module(line: &str) -> Option<&str> {
    let q = line.find(['\'', '"', '`'])?;
    let rest = line.get(q + 1..)?;
    let end = rest.find(['\'', '"', '`'])?;
    let module = rest.get(..end)?;
    module.starts_with('.').then_some(module)
}
