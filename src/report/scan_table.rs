//! The human report of `seamline scan`: totals per language, the largest files, the most
//! complex functions, and what was skipped or could not be parsed.

use std::io::{self, Write};
use std::time::Duration;

use super::summary::{languages, largest_files, most_complex};
use crate::model::Tree;
use crate::sanitize::sanitize;
use crate::scan::ScanResult;

/// How many skipped files and parse errors are listed before "... and N more".
const LIST_LIMIT: usize = 20;

/// What the table shows beyond the model: how many top rows, and how long the scan took.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    pub top: usize,
    pub elapsed: Duration,
}

/// Writes the table report.
pub fn write(
    out: &mut dyn Write,
    root: &str,
    tree: &Tree,
    scan: &ScanResult,
    opts: TableOptions,
) -> io::Result<()> {
    let TableOptions { top, elapsed } = opts;
    let totals = tree.totals();
    writeln!(
        out,
        "{}: {} files, {} lines ({} code), {} components, {} skipped, {:.2} s",
        sanitize(root),
        totals.files,
        totals.lines.total,
        totals.lines.code,
        totals.components,
        scan.skipped.len(),
        elapsed.as_secs_f64()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<18} {:>7} {:>10} {:>10} {:>9} {:>8} {:>10}",
        "Language", "Files", "Lines", "Code", "Comments", "Blanks", "Components"
    )?;
    for l in languages(tree) {
        writeln!(
            out,
            "{:<18} {:>7} {:>10} {:>10} {:>9} {:>8} {:>10}",
            l.language,
            l.files,
            l.lines.total,
            l.lines.code,
            l.lines.comment,
            l.lines.blank,
            l.components
        )?;
    }
    writeln!(
        out,
        "{:<18} {:>7} {:>10} {:>10} {:>9} {:>8} {:>10}",
        "Total",
        totals.files,
        totals.lines.total,
        totals.lines.code,
        totals.lines.comment,
        totals.lines.blank,
        totals.components
    )?;
    if top > 0 {
        write_top(out, tree, top)?;
    }
    write_problems(out, tree, scan)
}

fn write_top(out: &mut dyn Write, tree: &Tree, top: usize) -> io::Result<()> {
    let files = largest_files(tree, top);
    if !files.is_empty() {
        writeln!(out, "\nLargest files")?;
        writeln!(out, "{:>7} {:>7}  Path", "Lines", "Code")?;
        for f in files {
            writeln!(
                out,
                "{:>7} {:>7}  {}",
                f.lines.total,
                f.lines.code,
                sanitize(&f.path)
            )?;
        }
    }
    let fns = most_complex(tree, top);
    if !fns.is_empty() {
        writeln!(out, "\nMost complex functions")?;
        writeln!(
            out,
            "{:>5} {:>5} {:>6} {:>6} {:>7}  Function  (path:line)",
            "Cogn", "Cyclo", "Lines", "Params", "Nesting"
        )?;
        for f in fns {
            writeln!(
                out,
                "{:>5} {:>5} {:>6} {:>6} {:>7}  {}  ({}:{})",
                f.metrics.cognitive,
                f.metrics.cyclomatic,
                f.lines,
                f.metrics.params,
                f.metrics.nesting,
                sanitize(&f.qualified_name),
                sanitize(&f.path),
                f.start_line
            )?;
        }
    }
    Ok(())
}

fn write_problems(out: &mut dyn Write, tree: &Tree, scan: &ScanResult) -> io::Result<()> {
    let errors: Vec<_> = tree
        .files()
        .into_iter()
        .filter_map(|(path, _, f)| f.parse_error.as_ref().map(|e| (path, e.clone())))
        .collect();
    if !errors.is_empty() {
        writeln!(
            out,
            "\nParse errors ({}; components recovered where possible)",
            errors.len()
        )?;
        for (path, e) in errors.iter().take(LIST_LIMIT) {
            writeln!(
                out,
                "  {}:{}: {}",
                sanitize(path),
                e.line,
                sanitize(&e.message)
            )?;
        }
        more(out, errors.len())?;
    }
    if !scan.skipped.is_empty() {
        writeln!(out, "\nSkipped ({})", scan.skipped.len())?;
        for s in scan.skipped.iter().take(LIST_LIMIT) {
            writeln!(
                out,
                "  {}: {}",
                sanitize(&s.path),
                sanitize(&s.reason.to_string())
            )?;
        }
        more(out, scan.skipped.len())?;
    }
    Ok(())
}

fn more(out: &mut dyn Write, total: usize) -> io::Result<()> {
    if total > LIST_LIMIT {
        writeln!(
            out,
            "  ... and {} more (see --format json)",
            total - LIST_LIMIT
        )?;
    }
    Ok(())
}
