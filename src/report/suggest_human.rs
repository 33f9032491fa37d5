//! The human report of `seamline suggest`: plans best first with their pieces, predicted sizes
//! and bands, the cut, and the anti-pattern findings with their recipes.

use std::io::{self, Write};

use crate::bands::Band;
use crate::patterns::library::Library;
use crate::patterns::{Candidate, CutEntry, PatchStatus, Piece, Plan, Suggestions};
use crate::sanitize::sanitize;

/// Items listed per piece before "+N more".
const ITEMS_SHOWN: usize = 8;
/// Cut entries listed before "+N more".
const CUT_SHOWN: usize = 12;

fn paint(text: &str, band: Band, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match band {
        Band::Ok => "32",
        Band::Watch => "36",
        Band::Review => "33",
        Band::Emergency => "35",
        Band::Freeze => "31;1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Writes the report.
pub fn write(
    out: &mut dyn Write,
    target: &str,
    s: &Suggestions,
    lib: &Library,
    color: bool,
) -> io::Result<()> {
    writeln!(out, "seamline suggest {}", sanitize(target))?;
    for e in &lib.errors {
        writeln!(out, "  pattern library: {}", sanitize(&e.to_string()))?;
    }
    if s.plans.is_empty() {
        writeln!(
            out,
            "\nNo plans: nothing here is in a band its patterns trigger on (--force plans anyway)."
        )?;
    }
    for (i, p) in s.plans.iter().enumerate() {
        plan(out, i + 1, p, color)?;
    }
    findings(out, s)?;
    for n in &s.notes {
        writeln!(out, "note: {}", sanitize(n))?;
    }
    Ok(())
}

fn findings(out: &mut dyn Write, s: &Suggestions) -> io::Result<()> {
    if s.findings.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nAnti-patterns ({}):", s.findings.len())?;
    for f in &s.findings {
        writeln!(
            out,
            "  {}:{}  {}  {}",
            sanitize(&f.path),
            f.line,
            f.pattern,
            sanitize(&f.message)
        )?;
        if !f.snippet.is_empty() {
            writeln!(out, "      {}", sanitize(&f.snippet))?;
        }
        if let Some(first) = f.recipe.first() {
            writeln!(out, "      fix: {}", sanitize(first))?;
        }
    }
    Ok(())
}

fn plan(out: &mut dyn Write, n: usize, p: &Plan, color: bool) -> io::Result<()> {
    header(out, n, p, color)?;
    for piece in &p.pieces {
        piece_lines(out, piece, color)?;
    }
    for c in &p.details.candidates {
        candidate(out, c)?;
    }
    cut(out, &p.cut)?;
    for note in &p.details.notes {
        writeln!(out, "   note: {}", sanitize(note))?;
    }
    Ok(())
}

/// The plan's title line, its target's current measure and why its patch is not safe.
fn header(out: &mut dyn Write, n: usize, p: &Plan, color: bool) -> io::Result<()> {
    let patch = match &p.patch {
        PatchStatus::None => String::new(),
        PatchStatus::Safe => "  patch: safe (--patch)".into(),
        PatchStatus::Unsafe { .. } => "  patch: unsafe".into(),
    };
    writeln!(
        out,
        "\n{n}. {}  [{}]  score {:.2}  confidence {:.2}{patch}",
        sanitize(&p.title),
        p.pattern,
        p.score,
        p.confidence
    )?;
    if let Some(b) = p.before {
        let label = format!("{}/{} {}", b.value, b.limit, b.band);
        writeln!(
            out,
            "   now: {} {}",
            b.metric.key(),
            paint(&label, b.band, color)
        )?;
    }
    if let PatchStatus::Unsafe { reason } = &p.patch {
        writeln!(out, "   patch not safe: {}", sanitize(reason))?;
    }
    Ok(())
}

/// A piece: its name, file and predicted band, then its first items.
fn piece_lines(out: &mut dyn Write, piece: &Piece, color: bool) -> io::Result<()> {
    let label = format!("{} {}", piece.predicted_lines, piece.predicted_band);
    writeln!(
        out,
        "   {} {}{}  →  {} ({})",
        if piece.stays { "=" } else { "+" },
        sanitize(&piece.name),
        piece
            .file
            .as_deref()
            .map(|f| format!("  {}", sanitize(f)))
            .unwrap_or_default(),
        paint(&label, piece.predicted_band, color),
        piece.metric.key()
    )?;
    let shown: Vec<String> = piece
        .items
        .iter()
        .take(ITEMS_SHOWN)
        .map(|it| match it.start_line {
            0 => sanitize(&it.name).into_owned(),
            s => format!(
                "{} ({s}-{})",
                kind_and_name(&it.kind.to_string(), &it.name),
                it.end_line
            ),
        })
        .collect();
    let more = piece.items.len().saturating_sub(ITEMS_SHOWN);
    let tail = if more > 0 {
        format!(", +{more} more")
    } else {
        String::new()
    };
    writeln!(out, "       {}{tail}", shown.join(", "))
}

/// `kind name`, or the name alone when it already starts with the kind (`impl Parser`).
fn kind_and_name(kind: &str, name: &str) -> String {
    let name = sanitize(name);
    let has_kind = name
        .strip_prefix(kind)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '<']));
    if has_kind {
        name.into_owned()
    } else {
        format!("{kind} {name}")
    }
}

/// An extract-function candidate: its span, inputs and outputs, and the function it would be.
fn candidate(out: &mut dyn Write, c: &Candidate) -> io::Result<()> {
    let escapes = if c.escapes.is_empty() {
        String::new()
    } else {
        format!(", escapes: {}", c.escapes.join(", "))
    };
    writeln!(
        out,
        "   - {} lines {}-{} as `{}`: in ({}), out ({}){escapes}  →  function cyclomatic {}, cognitive {}, {} lines",
        c.kind,
        c.start_line,
        c.end_line,
        sanitize(&c.name),
        sanitize(&c.inputs.join(", ")),
        sanitize(&c.outputs.join(", ")),
        c.after.cyclomatic,
        c.after.cognitive,
        c.after.lines
    )
}

/// The first entries of the cut on one line.
fn cut(out: &mut dyn Write, entries: &[CutEntry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let cut: Vec<String> = entries
        .iter()
        .take(CUT_SHOWN)
        .map(|c| {
            format!(
                "{} {} → {} [{}]",
                sanitize(&c.name),
                sanitize(&c.from),
                sanitize(&c.to.join(", ")),
                c.action
            )
        })
        .collect();
    let more = entries.len().saturating_sub(CUT_SHOWN);
    let tail = if more > 0 {
        format!("; +{more} more")
    } else {
        String::new()
    };
    writeln!(out, "   cut ({}): {}{tail}", entries.len(), cut.join("; "))
}
