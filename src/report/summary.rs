//! Summaries shared by the scan reports: totals per language, the largest files, the most
//! complex functions.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lang::Language;
use crate::model::facts::{Component, FnMetrics, LineCounts};
use crate::model::Tree;

/// Totals for one language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LanguageTotals {
    pub language: &'static str,
    pub files: u32,
    pub lines: LineCounts,
    pub components: u32,
    /// Files whose parser reported syntax errors.
    pub parse_errors: u32,
}

/// Totals per language, most lines first.
pub fn languages(tree: &Tree) -> Vec<LanguageTotals> {
    let mut by: BTreeMap<Language, LanguageTotals> = BTreeMap::new();
    for (_, _, f) in tree.files() {
        let t = by.entry(f.language).or_insert_with(|| LanguageTotals {
            language: f.language.name(),
            ..LanguageTotals::default()
        });
        t.files += 1;
        t.lines.add(&f.lines);
        t.components += f.component_count() as u32;
        t.parse_errors += u32::from(f.parse_error.is_some());
    }
    let mut out: Vec<_> = by.into_values().collect();
    out.sort_by(|a, b| {
        b.lines
            .total
            .cmp(&a.lines.total)
            .then(a.language.cmp(b.language))
    });
    out
}

/// A file with its size, for "largest files".
#[derive(Debug, Clone)]
pub struct FileSize {
    pub path: String,
    pub lines: LineCounts,
    pub language: &'static str,
}

/// The `n` files with the most lines (ties by path).
pub fn largest_files(tree: &Tree, n: usize) -> Vec<FileSize> {
    let mut files: Vec<FileSize> = tree
        .files()
        .into_iter()
        .map(|(path, _, f)| FileSize {
            path,
            lines: f.lines,
            language: f.language.name(),
        })
        .collect();
    files.sort_by(|a, b| b.lines.total.cmp(&a.lines.total).then(a.path.cmp(&b.path)));
    files.truncate(n);
    files
}

/// A function or method with its metrics, for "most complex functions".
#[derive(Debug, Clone)]
pub struct FnSummary {
    pub path: String,
    pub qualified_name: String,
    pub kind: &'static str,
    pub start_line: u32,
    pub lines: u32,
    pub metrics: FnMetrics,
}

/// The `n` functions with the highest cognitive complexity (then cyclomatic, then lines).
pub fn most_complex(tree: &Tree, n: usize) -> Vec<FnSummary> {
    let mut all = Vec::new();
    for (path, _, f) in tree.files() {
        f.walk_components(&mut |c: &Component| {
            if let Some(m) = c.metrics {
                all.push(FnSummary {
                    path: path.clone(),
                    qualified_name: c.qualified_name.clone(),
                    kind: c.kind.as_str(),
                    start_line: c.start_line,
                    lines: c.lines.total,
                    metrics: m,
                });
            }
        });
    }
    all.sort_by(|a, b| {
        (b.metrics.cognitive, b.metrics.cyclomatic, b.lines)
            .cmp(&(a.metrics.cognitive, a.metrics.cyclomatic, a.lines))
            .then(a.path.cmp(&b.path))
            .then(a.start_line.cmp(&b.start_line))
    });
    all.truncate(n);
    all
}
