//! The CI gate: judges findings against the failing band, optionally against a baseline (only
//! new or worse findings fail) or against a git revision (only nodes touched since then are
//! judged, and only if they entered the failing band or got worse within it).

pub mod baseline;
pub mod diff;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::bands::findings::{Finding, Findings, SuppressionProblem};
use crate::bands::Band;
use baseline::{Baseline, Entry};
use diff::Touched;

/// A finding's state relative to the baseline or the revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not in the baseline / not there at the revision.
    New,
    /// There before, with a higher value now.
    Worse,
    /// There before, with the same value.
    Unchanged,
    /// There before, with a lower value now.
    Better,
}

/// One judged finding.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    #[serde(flatten)]
    pub finding: Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The value before (baseline or revision), when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<u32>,
    pub failing: bool,
}

/// What the findings were judged against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Mode {
    /// Every finding at or past the failing band fails.
    Plain,
    /// Only new or worse findings fail.
    Baseline { path: String },
    /// Only touched nodes are judged.
    Diff { rev: String },
}

/// The result of `check`.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub mode: Mode,
    pub fail_at: Band,
    pub judged: Vec<Judged>,
    /// Baseline entries that no longer occur (fixed, or their node is gone).
    pub fixed: Vec<Entry>,
    pub suppression_problems: Vec<SuppressionProblem>,
    /// Findings left out because their node was not touched (`Diff` mode).
    pub untouched: usize,
}

impl Outcome {
    /// True when the check fails (exit code 1).
    pub fn failed(&self) -> bool {
        self.judged.iter().any(|j| j.failing) || !self.suppression_problems.is_empty()
    }

    /// Number of failing findings.
    pub fn failing(&self) -> usize {
        self.judged.iter().filter(|j| j.failing).count()
    }
}

fn at_failing_band(f: &Finding, fail_at: Band) -> bool {
    f.band >= fail_at && f.suppressed.is_none()
}

fn status(now: u32, before: Option<u32>) -> Status {
    match before {
        None => Status::New,
        Some(b) if now > b => Status::Worse,
        Some(b) if now < b => Status::Better,
        Some(_) => Status::Unchanged,
    }
}

/// Every finding at or past `fail_at` fails.
pub fn judge_plain(f: Findings, fail_at: Band) -> Outcome {
    let judged = f
        .findings
        .into_iter()
        .map(|finding| Judged {
            failing: at_failing_band(&finding, fail_at),
            finding,
            status: None,
            previous: None,
        })
        .collect();
    Outcome {
        mode: Mode::Plain,
        fail_at,
        judged,
        fixed: Vec::new(),
        suppression_problems: f.suppression_problems,
        untouched: 0,
    }
}

/// Only findings that are new, or worse than in the baseline, fail.
pub fn judge_baseline(f: Findings, base: &Baseline, path: &str, fail_at: Band) -> Outcome {
    let mut by_key = base.by_key();
    let judged = f
        .findings
        .into_iter()
        .map(|finding| {
            let before = by_key.remove(&finding.key()).map(|e| e.value);
            let st = status(finding.value, before);
            Judged {
                failing: at_failing_band(&finding, fail_at)
                    && matches!(st, Status::New | Status::Worse),
                finding,
                status: Some(st),
                previous: before,
            }
        })
        .collect();
    let mut fixed: Vec<Entry> = by_key.into_values().cloned().collect();
    fixed.sort_by_key(|e| e.key());
    Outcome {
        mode: Mode::Baseline {
            path: path.to_string(),
        },
        fail_at,
        judged,
        fixed,
        suppression_problems: f.suppression_problems,
        untouched: 0,
    }
}

/// Only findings of nodes touched since the revision are judged; one fails when it entered the
/// failing band or got worse within it.
pub fn judge_diff(f: Findings, touched: &Touched, rev: &str, fail_at: Band) -> Outcome {
    let mut untouched = 0;
    let mut judged = Vec::new();
    for finding in f.findings {
        if !touched.touches(&finding) {
            untouched += 1;
            continue;
        }
        let before = touched.before(&finding);
        let st = status(finding.value, before.map(|b| b.0));
        let entered = before.is_none_or(|(_, band)| band < fail_at);
        judged.push(Judged {
            failing: at_failing_band(&finding, fail_at) && (entered || st == Status::Worse),
            finding,
            status: Some(st),
            previous: before.map(|b| b.0),
        });
    }
    let problems = f
        .suppression_problems
        .into_iter()
        .filter(|p| touched.touches_line(&p.path, p.line))
        .collect();
    Outcome {
        mode: Mode::Diff {
            rev: rev.to_string(),
        },
        fail_at,
        judged,
        fixed: Vec::new(),
        suppression_problems: problems,
        untouched,
    }
}
