//! Unit tests of the judging rules; the git side is covered end to end in `tests/cli/check.rs`.

use super::*;
use crate::bands::findings::{Finding, Findings};
use crate::bands::{Band, Metric};

fn finding(path: &str, item: Option<&str>, value: u32, band: Band) -> Finding {
    Finding {
        path: path.into(),
        node: if item.is_some() { "function" } else { "file" },
        item: item.map(str::to_string),
        occurrence: 0,
        start_line: 10,
        end_line: 20,
        metric: if item.is_some() {
            Metric::Cognitive
        } else {
            Metric::FileLines
        },
        value,
        limit: 100,
        band,
        construct: None,
        suppressed: None,
    }
}

fn findings(list: Vec<Finding>) -> Findings {
    Findings {
        findings: list,
        suppression_problems: Vec::new(),
    }
}

#[test]
fn plain_fails_at_the_failing_band_unless_suppressed() {
    let mut quiet = finding("b.rs", None, 120, Band::Freeze);
    quiet.suppressed = Some("generated".into());
    let out = judge_plain(
        findings(vec![finding("a.rs", None, 96, Band::Emergency), quiet]),
        Band::Freeze,
    );
    assert!(!out.failed());
    let out = judge_plain(
        findings(vec![finding("a.rs", None, 96, Band::Emergency)]),
        Band::Emergency,
    );
    assert!(out.failed());
    assert_eq!(out.failing(), 1);
}

#[test]
fn baseline_fails_only_new_or_worse() {
    let old = vec![
        finding("a.rs", None, 120, Band::Freeze),
        finding("a.rs", Some("f"), 130, Band::Freeze),
        finding("gone.rs", None, 110, Band::Freeze),
    ];
    let base = baseline::Baseline::of(&old);
    let mut moved = finding("a.rs", Some("f"), 130, Band::Freeze);
    moved.start_line = 300; // moved within the file: same key
    let now = vec![
        finding("a.rs", None, 125, Band::Freeze),   // worse
        moved,                                      // unchanged
        finding("new.rs", None, 101, Band::Freeze), // new
        finding("c.rs", None, 85, Band::Watch),     // new but below the failing band
    ];
    let out = judge_baseline(findings(now), &base, "b.json", Band::Freeze);
    let st: Vec<(Option<Status>, bool)> =
        out.judged.iter().map(|j| (j.status, j.failing)).collect();
    assert_eq!(
        st,
        vec![
            (Some(Status::Worse), true),
            (Some(Status::Unchanged), false),
            (Some(Status::New), true),
            (Some(Status::New), false)
        ]
    );
    assert_eq!(out.fixed.len(), 1);
    assert_eq!(out.fixed[0].path, "gone.rs");
    assert_eq!(out.judged[0].previous, Some(120));
}
