//! Shared wording of `check` results: messages, counts per band and the verdict line, so that
//! every output format says the same thing.

use crate::bands::findings::Finding;
use crate::bands::Band;
use crate::check::{Judged, Mode, Outcome, Status};

/// "file_lines 503/500 (101 %)".
pub fn measure(f: &Finding) -> String {
    format!(
        "{} {}/{} ({:.0} %)",
        f.metric.key(),
        f.value,
        f.limit,
        f.share() * 100.0
    )
}

/// The one-line message of a finding: what, how much, and the construct behind it.
pub fn message(j: &Judged) -> String {
    let f = &j.finding;
    let mut text = format!("{}: {}", f.band.as_str().to_uppercase(), measure(f));
    if let Some(c) = &f.construct {
        text.push_str(" — ");
        text.push_str(c);
    }
    if let (Some(st), Some(prev)) = (j.status, j.previous) {
        text.push_str(&format!(" ({}, was {prev})", status_word(st)));
    } else if j.status == Some(Status::New) {
        text.push_str(" (new)");
    }
    if let Some(reason) = &f.suppressed {
        text.push_str(&format!(" [suppressed: {reason}]"));
    }
    text
}

/// Lowercase status name.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::New => "new",
        Status::Worse => "worse",
        Status::Unchanged => "unchanged",
        Status::Better => "better",
    }
}

/// Findings per band (suppressed ones excluded), worst band first.
pub fn counts(out: &Outcome) -> Vec<(Band, usize)> {
    [Band::Freeze, Band::Emergency, Band::Review, Band::Watch]
        .into_iter()
        .map(|b| {
            let n = out
                .judged
                .iter()
                .filter(|j| j.finding.band == b && j.finding.suppressed.is_none())
                .count();
            (b, n)
        })
        .collect()
}

/// "1 freeze, 2 emergency, 0 review, 5 watch".
pub fn counts_line(out: &Outcome) -> String {
    counts(out)
        .into_iter()
        .map(|(b, n)| format!("{n} {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The verdict: "FAIL: 2 findings at or past freeze" or "PASS: nothing at or past freeze".
pub fn verdict(out: &Outcome) -> String {
    let scope = match &out.mode {
        Mode::Plain => String::new(),
        Mode::Baseline { .. } => " (new or worse than the baseline)".into(),
        Mode::Diff { rev } => format!(" (touched since {rev})"),
    };
    let problems = out.suppression_problems.len();
    let extra = if problems > 0 {
        format!(", {problems} suppression problem{}", plural(problems))
    } else {
        String::new()
    };
    if out.failed() {
        let n = out.failing();
        format!(
            "FAIL: {n} finding{} at or past {}{scope}{extra}",
            plural(n),
            out.fail_at
        )
    } else {
        format!("PASS: nothing at or past {}{scope}", out.fail_at)
    }
}

/// "s" unless `n` is 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
