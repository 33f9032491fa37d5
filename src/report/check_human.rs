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
pub fn write(
    out: &mut dyn Write,
    o: &Outcome,
    color: bool,
    show_suppressed: bool,
) -> io::Result<()> {
    let paint = Painter(color);
    for band in [Band::Freeze, Band::Emergency, Band::Review, Band::Watch] {
        write_band(out, o, band, show_suppressed, paint)?;
    }
    if !o.suppression_problems.is_empty() {
        writeln!(out, "{}", paint.band(Band::Freeze, "SUPPRESSION PROBLEMS"))?;
        for p in &o.suppression_problems {
            writeln!(
                out,
                "  x {}:{}: {}",
                sanitize(&p.path),
                p.line,
                sanitize(&p.message)
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "Findings: {}{}",
        counts_line(o),
        notes(o, show_suppressed)
    )?;
    let band = if o.failed() { Band::Freeze } else { Band::Ok };
    writeln!(out, "{}", paint.band(band, &verdict(o)))
}

/// Colours text by band when colour is on.
#[derive(Clone, Copy)]
struct Painter(bool);

impl Painter {
    fn band(self, b: Band, s: &str) -> String {
        if self.0 {
            format!("{}{s}{RESET}", colour(b))
        } else {
            s.to_string()
        }
    }
}

/// One band's group: its heading and one line per finding.
fn write_band(
    out: &mut dyn Write,
    o: &Outcome,
    band: Band,
    show_suppressed: bool,
    paint: Painter,
) -> io::Result<()> {
    let rows: Vec<_> = o
        .judged
        .iter()
        .filter(|j| j.finding.band == band && (show_suppressed || j.finding.suppressed.is_none()))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let heading = format!("{} ({})", band.as_str().to_uppercase(), rows.len());
    writeln!(out, "{}", paint.band(band, &heading))?;
    for j in rows {
        let mark = if j.failing { "x" } else { "-" };
        let subject = sanitize(&j.finding.subject()).into_owned();
        writeln!(out, "  {mark} {subject}  {}", sanitize(&message(j)))?;
    }
    writeln!(out)
}

/// "; 2 suppressed, 14 untouched left out, 1 baseline finding fixed" (or nothing).
fn notes(o: &Outcome, show_suppressed: bool) -> String {
    let suppressed = o
        .judged
        .iter()
        .filter(|j| j.finding.suppressed.is_some())
        .count();
    let mut notes = Vec::new();
    if suppressed > 0 && !show_suppressed {
        notes.push(format!("{suppressed} suppressed"));
    }
    if let Mode::Diff { .. } = o.mode {
        notes.push(format!("{} untouched left out", o.untouched));
    }
    if !o.fixed.is_empty() {
        let n = o.fixed.len();
        notes.push(format!("{n} baseline finding{} fixed", plural(n)));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join(", "))
    }
}
