//! Growth of a file over time and when it will cross its next band.
//!
//! - **Series**: the file's line count after each change. When the window saw the file being
//!   created the series is summed forward from 0; otherwise it is reconstructed backwards from
//!   its current line count by undoing each change's `added − removed`. Both agree on a linear
//!   history; on merged branches the levels can be off by what a merge resolution changed (merges
//!   carry no churn), which does not affect the rate below.
//! - **Rate**: the Theil–Sen slope (the median of the slopes between every pair of points) over
//!   the last `growth_changes` changes that fall within `growth_weeks` of the newest commit, in
//!   lines per week. A single big commit moves only the pairs that straddle it, so unlike a
//!   least-squares fit or "total growth ÷ time" the median stays on the file's usual pace.
//!   At least 3 changes spread over at least a day are needed.
//! - **Time to breach**: at that rate, the weeks until the line count reaches the threshold of
//!   the next band and of freeze (`BandLevels::threshold` of the file's `file_lines` limit),
//!   counted from the newest commit of the window.

use serde::Serialize;

use super::aggregate::Point;
use crate::bands::{Band, BandLevels};
use crate::history::record::ChangeKind;

/// Seconds in a week.
pub const WEEK: f64 = 7.0 * 24.0 * 3600.0;
/// Fewest changes a rate is fitted on.
pub const MIN_POINTS: usize = 3;
/// The changes must span at least this many seconds.
const MIN_SPAN: i64 = 24 * 3600;

/// `(time, lines after the change)` for each change, oldest first. `current` is the file's
/// line count now (used when the window does not start at the file's creation).
pub fn series(points: &[Point], current: Option<u32>) -> Option<Vec<(i64, i64)>> {
    let delta = |p: &Point| i64::from(p.added) - i64::from(p.removed);
    let mut out = Vec::with_capacity(points.len());
    match current {
        None => {
            let start = points.iter().rposition(|p| p.kind == ChangeKind::Added)?;
            let mut level = 0i64;
            for p in points.get(start..).unwrap_or(&[]) {
                level += delta(p);
                out.push((p.time, level.max(0)));
            }
        }
        Some(now) => {
            let mut level = i64::from(now);
            for p in points.iter().rev() {
                out.push((p.time, level.max(0)));
                level -= delta(p);
            }
            out.reverse();
        }
    }
    Some(out)
}

/// Lines per week over the recent changes (see the module docs), or `None`: the slope of the
/// series reconstructed back from `current` lines, walking back only as far as the recent
/// changes go.
pub fn rate_from(
    points: &[Point],
    current: u32,
    now: i64,
    changes: usize,
    weeks: u32,
) -> Option<f64> {
    let from = since(now, weeks);
    let most = changes.max(MIN_POINTS);
    let mut recent = Vec::with_capacity(most.min(points.len()));
    let mut level = i64::from(current);
    for p in points.iter().rev() {
        if p.time < from || recent.len() >= most {
            break;
        }
        recent.push((p.time, level.max(0)));
        level -= i64::from(p.added) - i64::from(p.removed);
    }
    fit(&recent)
}

/// What `series(points, None)` ends with: the line count summed from the file's latest
/// creation (`None` when the window did not see it created).
pub fn level_after(points: &[Point]) -> Option<i64> {
    let start = points.iter().rposition(|p| p.kind == ChangeKind::Added)?;
    let level: i64 = points
        .get(start..)?
        .iter()
        .map(|p| i64::from(p.added) - i64::from(p.removed))
        .sum();
    Some(level.max(0))
}

fn since(now: i64, weeks: u32) -> i64 {
    now.saturating_sub((f64::from(weeks) * WEEK) as i64)
}

/// The rate of recent `(time, lines)` pairs, newest first, per week.
fn fit(recent: &[(i64, i64)]) -> Option<f64> {
    let first = recent.last()?.0;
    let last = recent.first()?.0;
    if recent.len() < MIN_POINTS || last - first < MIN_SPAN {
        return None;
    }
    theil_sen(recent).map(|per_second| per_second * WEEK)
}

/// The median of the pairwise slopes (pairs at the same instant are skipped).
pub fn theil_sen(points: &[(i64, i64)]) -> Option<f64> {
    let mut slopes = Vec::with_capacity(points.len() * points.len() / 2);
    for (i, a) in points.iter().enumerate() {
        for b in points.iter().skip(i + 1) {
            let dt = b.0 - a.0;
            if dt != 0 {
                slopes.push((b.1 - a.1) as f64 / dt as f64);
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    slopes.sort_by(f64::total_cmp);
    let mid = slopes.len() / 2;
    let upper = *slopes.get(mid)?;
    Some(if slopes.len() % 2 == 0 {
        (slopes.get(mid - 1)? + upper) / 2.0
    } else {
        upper
    })
}

/// When a band is reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Crossing {
    pub band: Band,
    /// The line count at which the band starts.
    pub lines: u32,
    /// Weeks from the newest commit at the current rate.
    pub weeks: f64,
    /// Seconds since the epoch.
    #[serde(skip)]
    pub at: i64,
}

/// The file's position against its line limit and the projected crossings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Breach {
    pub lines: u32,
    pub limit: u32,
    pub band: Band,
    /// The next band up (absent when already at freeze or not growing).
    pub next: Option<Crossing>,
    /// Freeze (absent when already there or not growing).
    pub freeze: Option<Crossing>,
}

/// Projects the crossings of a file with `lines` now, growing at `per_week`.
pub fn breach(
    lines: u32,
    limit: u32,
    levels: &BandLevels,
    per_week: Option<f64>,
    now: i64,
) -> Option<Breach> {
    if limit == 0 {
        return None;
    }
    let band = levels.band(lines, limit);
    let crossing = |target: Band| -> Option<Crossing> {
        let rate = per_week.filter(|r| *r > 0.0 && r.is_finite())?;
        let at_lines = levels.threshold(target, limit);
        let weeks = f64::from(at_lines.saturating_sub(lines)) / rate;
        Some(Crossing {
            band: target,
            lines: at_lines,
            weeks,
            at: now.saturating_add((weeks * WEEK).min(1e15) as i64),
        })
    };
    let next = Band::ALL
        .iter()
        .copied()
        .find(|b| *b > band)
        .and_then(crossing);
    let freeze = if band < Band::Freeze {
        crossing(Band::Freeze)
    } else {
        None
    };
    Some(Breach {
        lines,
        limit,
        band,
        next,
        freeze,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 3600;

    /// The rate over a whole series, the reference [`rate_from`] must agree with.
    fn rate(series: &[(i64, i64)], now: i64, changes: usize, weeks: u32) -> Option<f64> {
        let from = since(now, weeks);
        let recent: Vec<(i64, i64)> = series
            .iter()
            .rev()
            .take_while(|(t, _)| *t >= from)
            .take(changes.max(MIN_POINTS))
            .copied()
            .collect();
        fit(&recent)
    }

    fn p(day: i64, added: u32, removed: u32, kind: ChangeKind) -> Point {
        Point {
            time: day * DAY,
            added,
            removed,
            kind,
        }
    }

    #[test]
    fn the_direct_forms_agree_with_the_series() {
        use ChangeKind::*;
        // Deleted and re-created, shrinking below zero on the way, big and small steps, two
        // changes at one instant, one older than the change before it (a merged branch).
        let pts: Vec<Point> = [
            (0, 50, 0, Added),
            (3, 0, 60, Modified),
            (9, 0, 0, Deleted),
            (20, 30, 0, Added),
            (27, 12, 2, Modified),
            (27, 1, 0, Modified),
            (25, 3, 0, Modified),
            (40, 200, 1, Modified),
            (47, 5, 9, Modified),
            (54, 7, 0, Modified),
        ]
        .iter()
        .map(|&(d, a, r, k)| p(d, a, r, k))
        .collect();
        for n in 0..pts.len() {
            let part = &pts[n..];
            let fwd = series(part, None).and_then(|s| s.last().map(|x| x.1));
            assert_eq!(level_after(part), fwd, "from {n}");
            for current in [0u32, 40, 300] {
                for (changes, weeks) in [(20, 26), (3, 26), (4, 2), (20, 1)] {
                    let now = 54 * DAY;
                    let via =
                        series(part, Some(current)).and_then(|s| rate(&s, now, changes, weeks));
                    let direct = rate_from(part, current, now, changes, weeks);
                    assert_eq!(via, direct, "from {n}, {current} lines, {changes}/{weeks}");
                }
            }
        }
        assert!(rate_from(&pts, 300, 54 * DAY, 20, 26).is_some());
    }

    #[test]
    fn series_forward_from_creation_and_backward_from_now() {
        let pts = [
            p(0, 100, 0, ChangeKind::Added),
            p(7, 20, 5, ChangeKind::Modified),
            p(14, 10, 0, ChangeKind::Modified),
        ];
        let fwd = series(&pts, None).expect("series");
        assert_eq!(fwd, vec![(0, 100), (7 * DAY, 115), (14 * DAY, 125)]);
        // Without the creation, anchored on the current count: same levels.
        let back = series(&pts[1..], Some(125)).expect("series");
        assert_eq!(back, vec![(7 * DAY, 115), (14 * DAY, 125)]);
        assert_eq!(series(&pts[1..], None), None);
    }

    #[test]
    fn theil_sen_ignores_one_big_commit() {
        // 10 lines a week for 10 weeks, with one 300-line paste in week 8.
        let mut pts: Vec<(i64, i64)> = (0..10).map(|w| (w * 7 * DAY, 200 + w * 10)).collect();
        for pt in pts.iter_mut().skip(8) {
            pt.1 += 300;
        }
        let per_week = theil_sen(&pts).expect("slope") * WEEK;
        assert!((per_week - 10.0).abs() < 1e-9, "{per_week}");
        // Least squares would say about 33 lines a week here.
    }

    #[test]
    fn rate_needs_recent_spread_points() {
        let s: Vec<(i64, i64)> = (0..5).map(|w| (w * 7 * DAY, 100 + w * 20)).collect();
        let now = 4 * 7 * DAY;
        let r = rate(&s, now, 20, 26).expect("rate");
        assert!((r - 20.0).abs() < 1e-9);
        assert_eq!(rate(&s[..2], now, 20, 26), None, "two points");
        assert_eq!(rate(&s, now + 30 * 7 * DAY, 20, 26), None, "all too old");
        let same_day = [(0, 1), (10, 2), (20, 3)];
        assert_eq!(rate(&same_day, 20, 20, 26), None, "under a day");
    }

    #[test]
    fn breach_projects_next_band_and_freeze() {
        let levels = BandLevels::default();
        // 380 of 500 lines, growing 10 a week: watch (400) in 2 weeks, freeze (500) in 12.
        let b = breach(380, 500, &levels, Some(10.0), 0).expect("breach");
        assert_eq!(b.band, Band::Ok);
        let next = b.next.expect("next");
        assert_eq!((next.band, next.lines), (Band::Watch, 400));
        assert!((next.weeks - 2.0).abs() < 1e-9);
        assert_eq!(next.at, (2.0 * WEEK) as i64);
        let freeze = b.freeze.expect("freeze");
        assert_eq!(freeze.lines, 500);
        assert!((freeze.weeks - 12.0).abs() < 1e-9);
        // Already frozen, shrinking, or no limit.
        let frozen = breach(520, 500, &levels, Some(10.0), 0).expect("breach");
        assert_eq!(
            (frozen.band, frozen.next, frozen.freeze),
            (Band::Freeze, None, None)
        );
        assert_eq!(
            breach(380, 500, &levels, Some(-3.0), 0).and_then(|b| b.next),
            None
        );
        assert_eq!(breach(380, 0, &levels, Some(10.0), 0), None);
    }
}
