//! The JSON report of `seamline scan` (schema documented in `docs/json.md`). Serialised from
//! borrowed views, streamed to the writer: no second copy of the model is built.

use std::io::{self, Write};

use serde::Serialize;

use super::summary::{languages, LanguageTotals};
use crate::lang::Language;
use crate::model::facts::{Component, FileFacts, LineCounts, ParseIssue};
use crate::model::Tree;
use crate::scan::{ScanResult, ScanStats};

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    root: &'a str,
    totals: Totals,
    languages: Vec<LanguageTotals>,
    files: Vec<FileOut<'a>>,
    dirs: Vec<DirOut>,
    skipped: Vec<SkippedOut<'a>>,
    stats: ScanStats,
    /// With `scan --history`: the history object of `docs/json.md`.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Totals {
    files: u32,
    dirs: usize,
    lines: LineCounts,
    components: u32,
    skipped: usize,
    parse_errors: usize,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: String,
    language: Language,
    bytes: u64,
    lines: LineCounts,
    parse_errors: Vec<&'a ParseIssue>,
    lines_only: bool,
    lossy_utf8: bool,
    components: Vec<ComponentOut<'a>>,
}

#[derive(Serialize)]
struct ComponentOut<'a> {
    kind: &'static str,
    name: &'a str,
    qualified_name: &'a str,
    start_line: u32,
    end_line: u32,
    lines: u32,
    line_counts: LineCounts,
    #[serde(skip_serializing_if = "Option::is_none")]
    cyclomatic: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cognitive: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nesting: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nesting_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    methods: Option<u32>,
    children: Vec<ComponentOut<'a>>,
}

#[derive(Serialize)]
struct DirOut {
    path: String,
    entries: u32,
    files: u32,
    lines: LineCounts,
    components: u32,
}

#[derive(Serialize)]
struct SkippedOut<'a> {
    path: &'a str,
    reason: &'static str,
    detail: String,
}

/// Writes the JSON report, followed by a newline.
pub fn write(out: &mut dyn Write, root: &str, tree: &Tree, scan: &ScanResult) -> io::Result<()> {
    write_with_history(out, root, tree, scan, None)
}

/// Writes the JSON report with an optional `history` object (`scan --history`).
pub fn write_with_history(
    out: &mut dyn Write,
    root: &str,
    tree: &Tree,
    scan: &ScanResult,
    history: Option<serde_json::Value>,
) -> io::Result<()> {
    let files: Vec<FileOut> = tree
        .files()
        .into_iter()
        .map(|(path, _, f)| file_out(path, f))
        .collect();
    let dirs: Vec<DirOut> = tree
        .dirs()
        .into_iter()
        .map(|(path, _, d)| DirOut {
            path,
            entries: d.entries,
            files: d.files,
            lines: d.lines,
            components: d.components,
        })
        .collect();
    let totals = tree.totals();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "seamline",
            version: env!("CARGO_PKG_VERSION"),
        },
        root,
        totals: Totals {
            files: totals.files,
            dirs: dirs.len(),
            lines: totals.lines,
            components: totals.components,
            skipped: scan.skipped.len(),
            parse_errors: files.iter().filter(|f| !f.parse_errors.is_empty()).count(),
        },
        languages: languages(tree),
        files,
        dirs,
        skipped: scan
            .skipped
            .iter()
            .map(|s| SkippedOut {
                path: &s.path,
                reason: reason_code(&s.reason),
                detail: s.reason.to_string(),
            })
            .collect(),
        stats: scan.stats,
        history,
    };
    serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}

fn reason_code(r: &crate::scan::SkipReason) -> &'static str {
    use crate::scan::SkipReason::*;
    match r {
        Binary => "binary",
        TooLarge { .. } => "too_large",
        Unreadable { .. } => "unreadable",
        Vanished => "vanished",
        SymlinkLoop => "symlink_loop",
        WalkError { .. } => "walk_error",
    }
}

fn file_out(path: String, f: &FileFacts) -> FileOut<'_> {
    FileOut {
        path,
        language: f.language,
        bytes: f.bytes,
        lines: f.lines,
        parse_errors: f.parse_error.iter().collect(),
        lines_only: f.lines_only,
        lossy_utf8: f.lossy_utf8,
        components: f.components.iter().map(component_out).collect(),
    }
}

fn component_out(c: &Component) -> ComponentOut<'_> {
    let m = c.metrics;
    ComponentOut {
        kind: c.kind.as_str(),
        name: &c.name,
        qualified_name: &c.qualified_name,
        start_line: c.start_line,
        end_line: c.end_line,
        lines: c.lines.total,
        line_counts: c.lines,
        cyclomatic: m.map(|m| m.cyclomatic),
        cognitive: m.map(|m| m.cognitive),
        params: m.map(|m| m.params),
        nesting: m.map(|m| m.nesting),
        nesting_line: m.map(|m| m.nesting_line),
        methods: c.methods,
        children: c.children.iter().map(component_out).collect(),
    }
}
