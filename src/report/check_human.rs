//! The human report of `seamline check`: findings grouped by band, worst first, with colour on
//! a terminal (never when `NO_COLOR` is set or output is not a terminal).

use std::io::{self, Write};

use super::check_text::{counts_line, message, plural, verdict};
use crate::bands::Band;
use crate::check::{Mode, Outcome};
use crate::sanitize::sanitize;

/// ANSI colour per band (bold red, red, yellow, cyan).
fn colour(b: Band) -> &'static str {
    match b {
        Band::Freeze => "\x1b[1;31m",
        Band::Emergency => "\x1b[31m",
        Band::Review => "\x1b[33m",
        Band::Watch => "\x1b[36m",
        Band::Ok => "",
    }
}

const RESET: &str = "\x1b[0m";

/// Writes the report. `show_suppressed` lists suppressed findings too.
pub fn write(out: &mut dyn Write, o: &Outcome, color: bool, show_suppressed: bool) -> io::Result<()> {
    let paint = |b: Band, s: &str| {
        if color {
            format!("{}{s}{RESET}", colour(b))
        } else {
            s.to_string()
        }
    };
    for band in [Band::Freeze, Band::Emergency, Band::Review, Band::Watch] {
        let rows: Vec<_> = o
            .judged
            .iter()
            .filter(|j| j.finding.band == band)
            .filter(|j| show_suppressed || j.finding.suppressed.is_none())
            .collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "{}", paint(band, &format!("{} ({})", band.as_str().to_uppercase(), rows.len())))?;
        for j in rows {
            let mark = if j.failing { "x" } else { "-" };
            writeln!(
                out,
                "  {mark} {}  {}",
                sanitize(&j.finding.subject()),
                sanitize(&message(j))
            )?;
        }
        writeln!(out)?;
    }
    if !o.suppression_problems.is_empty() {
        writeln!(out, "{}", paint(Band::Freeze, "SUPPRESSION PROBLEMS"))?;
        for p in &o.suppression_problems {
            writeln!(out, "  x {}:{}: {}", sanitize(&p.path), p.line, sanitize(&p.message))?;
        }
        writeln!(out)?;
    }
    let suppressed = o.judged.iter().filter(|j| j.finding.suppressed.is_some()).count();
    let mut notes = Vec::new();
    if suppressed > 0 && !show_suppressed {
        notes.push(format!("{suppressed} suppressed"));
    }
    if let Mode::Diff { .. } = o.mode {
        notes.push(format!("{} untouched left out", o.untouched));
    }
    if !o.fixed.is_empty() {
        notes.push(format!("{} baseline finding{} fixed", o.fixed.len(), plural(o.fixed.len())));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join(", "))
    };
    writeln!(out, "Findings: {}{notes}", counts_line(o))?;
    let v = verdict(o);
    let band = if o.failed() { Band::Freeze } else { Band::Ok };
    writeln!(out, "{}", paint(band, &v))
}
