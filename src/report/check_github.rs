//! GitHub Actions workflow annotations for `seamline check`: `::error` for failing findings,
//! `::warning` for review and emergency, `::notice` for watch.

use std::io::{self, Write};

use super::check_text::{message, verdict};
use crate::bands::Band;
use crate::check::Outcome;
use crate::sanitize::sanitize;

/// Writes one annotation line per finding, then the verdict as a notice.
pub fn write(out: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    for j in o.judged.iter().filter(|j| j.finding.suppressed.is_none()) {
        let f = &j.finding;
        let kind = if j.failing {
            "error"
        } else if f.band >= Band::Review {
            "warning"
        } else {
            "notice"
        };
        let mut props = format!(
            "title={}",
            property(&format!("seamline {}", f.metric.key()))
        );
        if f.node != "directory" {
            props = format!("file={},{props}", property(&f.path));
            if f.start_line > 0 {
                props.push_str(&format!(
                    ",line={},endLine={}",
                    f.start_line,
                    f.end_line.max(f.start_line)
                ));
            }
        }
        let text = format!("{}: {}", f.subject(), message(j));
        writeln!(out, "::{kind} {props}::{}", data(&text))?;
    }
    for p in &o.suppression_problems {
        writeln!(
            out,
            "::error file={},line={},title=seamline suppression::{}",
            property(&p.path),
            p.line,
            data(&p.message)
        )?;
    }
    writeln!(out, "::notice title=seamline::{}", data(&verdict(o)))
}

/// Escapes a message as the workflow command syntax requires.
fn data(s: &str) -> String {
    sanitize(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
