//! The Markdown summary of `seamline check`, for a pull request description or comment.

use std::io::{self, Write};

use super::check_text::{counts, measure, status_word, verdict};
use crate::check::Outcome;
use crate::sanitize::sanitize;

/// Most findings listed in the table; the rest are counted.
const MAX_ROWS: usize = 50;

/// Writes the summary.
pub fn write(out: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    let icon = if o.failed() { "❌" } else { "✅" };
    writeln!(out, "### seamline check {icon} {}", cell(&verdict(o)))?;
    writeln!(out)?;
    writeln!(out, "| band | findings |")?;
    writeln!(out, "|---|---:|")?;
    for (b, n) in counts(o) {
        writeln!(out, "| {b} | {n} |")?;
    }
    let rows: Vec<_> = o
        .judged
        .iter()
        .filter(|j| j.finding.suppressed.is_none())
        .collect();
    if !rows.is_empty() {
        writeln!(out)?;
        writeln!(out, "| | band | where | measure | status | behind it |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for j in rows.iter().take(MAX_ROWS) {
            let f = &j.finding;
            let status = match (j.status, j.previous) {
                (Some(s), Some(p)) => format!("{} (was {p})", status_word(s)),
                (Some(s), None) => status_word(s).to_string(),
                _ => String::new(),
            };
            writeln!(
                out,
                "| {} | {} | `{}` | {} | {} | {} |",
                if j.failing { "❌" } else { "" },
                f.band,
                cell(&f.subject()).replace('`', "'"),
                measure(f),
                status,
                cell(f.construct.as_deref().unwrap_or(""))
            )?;
        }
        if rows.len() > MAX_ROWS {
            writeln!(out, "\n…and {} more.", rows.len() - MAX_ROWS)?;
        }
    }
    if !o.suppression_problems.is_empty() {
        writeln!(out, "\n**Suppression problems**\n")?;
        for p in &o.suppression_problems {
            writeln!(
                out,
                "- `{}:{}`: {}",
                cell(&p.path).replace('`', "'"),
                p.line,
                cell(&p.message)
            )?;
        }
    }
    Ok(())
}

/// Sanitises text for a table cell: no pipes, no newlines, no control characters.
fn cell(s: &str) -> String {
    sanitize(s).replace('|', "\\|")
}
