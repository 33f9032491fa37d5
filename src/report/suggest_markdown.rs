//! The Markdown report of `seamline suggest`, for a pull request or an issue.

use std::io::{self, Write};

use crate::patterns::{PatchStatus, Suggestions};
use crate::sanitize::sanitize;

fn cell(s: &str) -> String {
    sanitize(s).replace('|', "\\|").replace('`', "'")
}

/// Writes the report.
pub fn write(out: &mut dyn Write, target: &str, s: &Suggestions) -> io::Result<()> {
    writeln!(out, "# Suggestions for `{}`\n", cell(target))?;
    if s.plans.is_empty() {
        writeln!(out, "No plans.\n")?;
    }
    for (i, p) in s.plans.iter().enumerate() {
        writeln!(out, "## {}. {}\n", i + 1, cell(&p.title))?;
        let patch = match &p.patch {
            PatchStatus::None => "none".to_string(),
            PatchStatus::Safe => "safe".to_string(),
            PatchStatus::Unsafe { reason } => format!("unsafe: {}", cell(reason)),
        };
        writeln!(
            out,
            "Pattern `{}`, score {:.2}, confidence {:.2}, patch {patch}.\n",
            p.pattern, p.score, p.confidence
        )?;
        if let Some(b) = p.before {
            writeln!(
                out,
                "Now: {} {}/{} ({}).\n",
                b.metric.key(),
                b.value,
                b.limit,
                b.band
            )?;
        }
        writeln!(
            out,
            "| piece | file | items | predicted | band |\n|---|---|---|---|---|"
        )?;
        for piece in &p.pieces {
            let items: Vec<String> = piece.items.iter().take(10).map(|i| cell(&i.name)).collect();
            let more = piece.items.len().saturating_sub(10);
            writeln!(
                out,
                "| {}{} | {} | {}{} | {} | {} |",
                cell(&piece.name),
                if piece.stays { " (stays)" } else { "" },
                piece.file.as_deref().map(cell).unwrap_or_default(),
                items.join(", "),
                if more > 0 {
                    format!(", +{more}")
                } else {
                    String::new()
                },
                piece.predicted_lines,
                piece.predicted_band
            )?;
        }
        if !p.cut.is_empty() {
            writeln!(
                out,
                "\nCut: {}",
                p.cut
                    .iter()
                    .map(|c| format!(
                        "`{}` ({} → {}, {})",
                        cell(&c.name),
                        cell(&c.from),
                        cell(&c.to.join(", ")),
                        c.action
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            )?;
        }
        writeln!(out)?;
    }
    if !s.findings.is_empty() {
        writeln!(
            out,
            "## Anti-patterns\n\n| where | pattern | message |\n|---|---|---|"
        )?;
        for f in &s.findings {
            writeln!(
                out,
                "| {}:{} | {} | {} |",
                cell(&f.path),
                f.line,
                f.pattern,
                cell(&f.message)
            )?;
        }
    }
    Ok(())
}
