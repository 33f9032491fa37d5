//! The human report of `seamline history`: what history was available, then hotspots, the most
//! churned files, the strongest couplings, the nearest times to breach and, with `--file`, the
//! churn of each component of that file. Names from the repository are sanitised.

use std::io::{self, Write};

use crate::history::date::format_date;
use crate::history::walk::thousands;
use crate::history::{FileReport, HistoryReport};
use crate::sanitize::sanitize;

/// Writes the report; each table lists at most `top` rows.
pub fn write(out: &mut dyn Write, root: &str, r: &HistoryReport, top: usize) -> io::Result<()> {
    writeln!(out, "seamline history: {}", sanitize(root))?;
    if let Some(why) = &r.unavailable {
        writeln!(out, "{}", sanitize(&why.to_string()))?;
        return Ok(());
    }
    let span = match (r.first, r.last) {
        (Some(a), Some(b)) => format!(" · {} … {}", format_date(a), format_date(b)),
        _ => String::new(),
    };
    writeln!(
        out,
        "{}{span} · {} author{} · {} · renames {}",
        r.coverage,
        thousands(r.authors),
        if r.authors == 1 { "" } else { "s" },
        if r.merges > 0 {
            format!("{} merges (no churn of their own)", thousands(r.merges))
        } else {
            "no merges".to_string()
        },
        if r.renames {
            "followed"
        } else {
            "not followed"
        },
    )?;
    for s in &r.statements {
        writeln!(out, "note: {}", sanitize(&s.to_string()))?;
    }
    if r.files.is_empty() {
        writeln!(out, "\nNo file under this path changed in the window.")?;
        return Ok(());
    }
    hotspots(out, r, top)?;
    churned(out, r, top)?;
    couplings(out, r, top)?;
    breaches(out, r, top)?;
    components(out, r, top)?;
    if let Some(f) = &r.missing_file {
        writeln!(
            out,
            "\n--file {}: no change to it in the window",
            sanitize(f)
        )?;
    }
    Ok(())
}

fn hotspots(out: &mut dyn Write, r: &HistoryReport, top: usize) -> io::Result<()> {
    let mut rows: Vec<&FileReport> = r.files.iter().filter(|f| f.hotspot.is_some()).collect();
    if rows.is_empty() {
        return writeln!(
            out,
            "\nHotspots: none (they need the code model: complexity of files in the working tree)"
        );
    }
    rows.sort_by(|a, b| {
        b.hotspot
            .unwrap_or(0.0)
            .total_cmp(&a.hotspot.unwrap_or(0.0))
            .then(a.path.cmp(&b.path))
    });
    writeln!(
        out,
        "\nHotspots (change frequency × complexity, normalised)"
    )?;
    writeln!(
        out,
        "  {:>6}  {:>7}  {:>10}  path",
        "score", "commits", "complexity"
    )?;
    for f in rows.iter().take(top) {
        writeln!(
            out,
            "  {:>6.3}  {:>7}  {:>10}  {}",
            f.hotspot.unwrap_or(0.0),
            f.commits,
            f.complexity.unwrap_or(0),
            sanitize(&f.path)
        )?;
    }
    Ok(())
}

fn churned(out: &mut dyn Write, r: &HistoryReport, top: usize) -> io::Result<()> {
    let mut rows: Vec<&FileReport> = r.files.iter().collect();
    rows.sort_by(|a, b| {
        (b.added + b.removed)
            .cmp(&(a.added + a.removed))
            .then(b.commits.cmp(&a.commits))
            .then(a.path.cmp(&b.path))
    });
    writeln!(out, "\nMost churned files")?;
    writeln!(
        out,
        "  {:>7}  {:>8}  {:>8}  {:>7}  {:<28}  path",
        "commits", "added", "removed", "authors", "main author"
    )?;
    for f in rows.iter().take(top) {
        let main = f
            .main_author
            .as_ref()
            .map(|m| format!("{} ({:.0}%)", truncate(&m.name, 20), m.share * 100.0))
            .unwrap_or_default();
        let gone = if f.exists { "" } else { "  (deleted)" };
        writeln!(
            out,
            "  {:>7}  {:>8}  {:>8}  {:>7}  {:<28}  {}{gone}",
            f.commits,
            format!("+{}", f.added),
            format!("-{}", f.removed),
            f.authors,
            sanitize(&main),
            sanitize(&f.path)
        )?;
    }
    Ok(())
}

fn couplings(out: &mut dyn Write, r: &HistoryReport, top: usize) -> io::Result<()> {
    if r.couplings.is_empty() {
        return writeln!(
            out,
            "\nCouplings: none above the thresholds ([history] coupling_*)"
        );
    }
    writeln!(
        out,
        "\nStrongest couplings (shared commits ÷ average commits)"
    )?;
    writeln!(out, "  {:>6}  {:>6}  files", "degree", "shared")?;
    for c in r.couplings.iter().take(top) {
        writeln!(
            out,
            "  {:>5}%  {:>6}  {} ↔ {}",
            c.degree,
            c.shared,
            sanitize(&c.a),
            sanitize(&c.b)
        )?;
    }
    Ok(())
}

fn breaches(out: &mut dyn Write, r: &HistoryReport, top: usize) -> io::Result<()> {
    let mut rows: Vec<&FileReport> = r
        .files
        .iter()
        .filter(|f| f.breach.is_some_and(|b| b.next.is_some()))
        .collect();
    if rows.is_empty() {
        return writeln!(
            out,
            "\nTime to breach: no file is growing toward its next band"
        );
    }
    let weeks = |f: &FileReport| f.breach.and_then(|b| b.next).map_or(f64::MAX, |c| c.weeks);
    rows.sort_by(|a, b| weeks(a).total_cmp(&weeks(b)).then(a.path.cmp(&b.path)));
    writeln!(out, "\nNearest time to breach (at the recent growth rate)")?;
    writeln!(
        out,
        "  {:>11}  {:>9}  {:<34}  {:<24}  path",
        "lines/limit", "lines/wk", "next band", "freeze"
    )?;
    for f in rows.iter().take(top) {
        let Some(b) = f.breach else { continue };
        let when = |c: Option<crate::history::growth::Crossing>| match c {
            Some(c) => format!(
                "{} in {} ({})",
                c.lines,
                weeks_text(c.weeks),
                format_date(c.at)
            ),
            None => "-".to_string(),
        };
        let next = b
            .next
            .map(|c| format!("{} {}", c.band, when(Some(c))))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>11}  {:>+9.1}  {:<34}  {:<24}  {}",
            format!("{}/{}", b.lines, b.limit),
            f.growth_per_week.unwrap_or(0.0),
            next,
            when(b.freeze),
            sanitize(&f.path)
        )?;
    }
    Ok(())
}

/// "3 days", "about 3 weeks", "about 14 months".
pub fn weeks_text(weeks: f64) -> String {
    if weeks < 1.0 {
        let days = (weeks * 7.0).ceil().max(1.0) as u64;
        format!("{days} day{}", if days == 1 { "" } else { "s" })
    } else if weeks < 9.0 {
        format!(
            "about {:.0} week{}",
            weeks,
            if weeks.round() == 1.0 { "" } else { "s" }
        )
    } else {
        format!("about {:.0} months", weeks / 4.345)
    }
}

fn components(out: &mut dyn Write, r: &HistoryReport, top: usize) -> io::Result<()> {
    let Some(c) = &r.components else {
        return Ok(());
    };
    writeln!(
        out,
        "\nComponents of {} (churn over its last {} commit{})",
        sanitize(&c.path),
        c.commits,
        if c.commits == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "  {:>7}  {:>7}  {:>7}  component",
        "commits", "added", "removed"
    )?;
    for i in c.items.iter().take(top.max(20)) {
        let kind = i
            .kind
            .map(|k| format!("{} ", k.as_str()))
            .unwrap_or_default();
        let gone = if i.present { "" } else { "  (gone)" };
        writeln!(
            out,
            "  {:>7}  {:>7}  {:>7}  {}{}{gone}",
            i.commits,
            format!("+{}", i.added),
            format!("-{}", i.removed),
            kind,
            sanitize(&i.name)
        )?;
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(weeks_text(0.1), "1 day");
        assert_eq!(weeks_text(0.5), "4 days");
        assert_eq!(weeks_text(1.0), "about 1 week");
        assert_eq!(weeks_text(3.2), "about 3 weeks");
        assert_eq!(weeks_text(26.0), "about 6 months");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
