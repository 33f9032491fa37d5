//! The cockpit's adapter over the history module. `HistoryView` indexes the engine's
//! `HistoryReport` by path (churn, hotspot, growth, time to breach, couplings, coverage);
//! `Timeline` is what the report does not carry and the panes need: each file's change points
//! (its size over time), its authors, and churn per week, read from the history walk's cached
//! records on a worker thread.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::history::aggregate::{Point, Scope};
use crate::history::files::FileReport;
use crate::history::record::NO_PATH;
use crate::history::{HistoryReport, Source, Unavailable, WalkOptions, Walker, CHUNK};

/// Seconds in a week.
pub const WEEK: i64 = 7 * 24 * 3600;

/// The engine's history report, indexed for lookups by path.
#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    pub report: Option<Arc<HistoryReport>>,
    by_path: HashMap<String, usize>,
}

impl HistoryView {
    /// Indexes `report`.
    pub fn new(report: Option<Arc<HistoryReport>>) -> HistoryView {
        let by_path = report
            .as_ref()
            .map(|r| {
                r.files
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.path.clone(), i))
                    .collect()
            })
            .unwrap_or_default();
        HistoryView { report, by_path }
    }

    /// The history facts of the file at `path`.
    pub fn file(&self, path: &str) -> Option<&FileReport> {
        let i = *self.by_path.get(path)?;
        self.report.as_ref()?.files.get(i)
    }

    /// The files most often changed together with `path`: (other file, degree %, shared
    /// commits), strongest first.
    pub fn coupled(&self, path: &str, n: usize) -> Vec<(&str, u32, u32)> {
        let Some(r) = &self.report else {
            return Vec::new();
        };
        r.couplings
            .iter()
            .filter_map(|c| match (c.a == path, c.b == path) {
                (true, _) => Some((c.b.as_str(), c.degree, c.shared)),
                (_, true) => Some((c.a.as_str(), c.degree, c.shared)),
                _ => None,
            })
            .take(n)
            .collect()
    }

    /// The status bar's history word: loading, none (why), or the share of commits walked.
    pub fn coverage_label(&self, live: bool) -> String {
        match &self.report {
            None if live => "history: loading".into(),
            None => "history: none".into(),
            Some(r) => match &r.unavailable {
                Some(Unavailable::NotARepository { .. }) => {
                    "history: none (not a git repository)".into()
                }
                Some(Unavailable::Empty) => "history: none (no commits yet)".into(),
                Some(Unavailable::Unreadable { .. }) => "history: none (unreadable)".into(),
                None => coverage_word(r),
            },
        }
    }
}

/// The status bar's word for an available history: commits walked, or the share so far.
fn coverage_word(r: &HistoryReport) -> String {
    let c = &r.coverage;
    if c.total == 0 {
        "history: 0 commits".into()
    } else if c.complete() {
        format!("history: {} commits", r.commits + r.merges)
    } else {
        let share = c.walked * 100 / c.total.max(1);
        format!("history: {share}% ({} of {})", c.walked, c.total)
    }
}

/// One file's changes over the history window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileLine {
    /// Oldest first.
    pub points: Vec<Point>,
    /// (author name, commits), most commits first.
    pub authors: Vec<(String, u32)>,
    /// (week index from `Timeline::first_week`, lines added + removed), oldest first.
    pub weekly: Vec<(u32, u32)>,
}

/// Per-file change points, authors and weekly churn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// The commit HEAD was at.
    pub head: Option<String>,
    /// Start of the first week (seconds since the epoch, a multiple of `WEEK`).
    pub first_week: i64,
    /// Number of weeks from the first to the last commit.
    pub weeks: u32,
    /// By path relative to the scanned root, renames followed to the current name.
    pub files: BTreeMap<String, FileLine>,
    /// Why there is no timeline, when there is none.
    pub missing: Option<String>,
}

impl Timeline {
    /// Weekly churn of everything at or under `prefix` (a file, or a directory with its
    /// trailing slash; `""` for all), one value per week.
    pub fn weekly_under(&self, prefix: &str) -> Vec<u64> {
        let mut out = vec![0u64; self.weeks as usize];
        let range = self.files.range(prefix.to_string()..);
        for (path, line) in range {
            if !path.starts_with(prefix) {
                break;
            }
            for &(w, churn) in &line.weekly {
                if let Some(slot) = out.get_mut(w as usize) {
                    *slot += u64::from(churn);
                }
            }
        }
        out
    }
}

/// Reads the timeline of the repository around `root` (the walk's cache makes this cheap after
/// the engine's own history walk).
pub fn read_timeline(root: &Path, cache_dir: Option<PathBuf>) -> Timeline {
    let source = match Source::open(root) {
        Ok(s) => s,
        Err(why) => {
            return Timeline {
                missing: Some(why.to_string()),
                ..Timeline::default()
            }
        }
    };
    let opts = WalkOptions {
        renames: true,
        since: None,
        max_commits: None,
        threads: 1,
        cache_dir,
    };
    let head = Some(crate::history::repo::short(source.head));
    let scope = Scope {
        prefix: source.prefix.clone(),
    };
    let mut walker = match Walker::start(source, opts) {
        Ok(w) => w,
        Err(e) => {
            return Timeline {
                missing: Some(format!("history unreadable: {}", e.message())),
                ..Timeline::default()
            }
        }
    };
    walker.run(CHUNK, &mut |_| {});
    let _ = walker.save();
    let mut t = from_walker(&walker, &scope);
    t.head = head;
    t
}

/// Puts a file's points oldest first, its authors by commits, and sums its churn per week.
fn finish_line(line: &mut FileLine, first_week: i64) {
    line.points.reverse();
    line.authors
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut weekly: BTreeMap<u32, u32> = BTreeMap::new();
    for p in &line.points {
        let w = u32::try_from((p.time - first_week) / WEEK).unwrap_or(0);
        let churn = p.added.saturating_add(p.removed);
        let slot = weekly.entry(w).or_default();
        *slot = slot.saturating_add(churn);
    }
    line.weekly = weekly.into_iter().collect();
}

/// Folds the walk's records (newest first) into per-file lines.
pub fn from_walker(walker: &Walker, scope: &Scope) -> Timeline {
    let tables = walker.tables();
    let mut alias: HashMap<u32, String> = HashMap::new();
    let mut files: BTreeMap<String, FileLine> = BTreeMap::new();
    let mut authors: HashMap<(String, String), u32> = HashMap::new();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for rec in walker.records().filter(|r| !r.is_merge()) {
        first = first.min(rec.time);
        last = last.max(rec.time);
        let author = tables
            .authors
            .get(rec.author as usize)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        for ch in &rec.changes {
            let name = alias
                .get(&ch.path)
                .cloned()
                .unwrap_or_else(|| tables.path(ch.path).to_string());
            if ch.old_path != NO_PATH {
                alias.insert(ch.old_path, name.clone());
            }
            let Some(rel) = scope.relative(&name) else {
                continue;
            };
            let line = files.entry(rel.to_string()).or_default();
            line.points.push(Point {
                time: rec.time,
                added: ch.added,
                removed: ch.removed,
                kind: ch.kind,
            });
            *authors
                .entry((rel.to_string(), author.clone()))
                .or_default() += 1;
        }
    }
    if first > last {
        return Timeline::default();
    }
    let first_week = first.div_euclid(WEEK) * WEEK;
    let weeks = u32::try_from((last - first_week) / WEEK + 1).unwrap_or(0);
    for ((path, name), commits) in authors {
        if let Some(line) = files.get_mut(&path) {
            line.authors.push((name, commits));
        }
    }
    for line in files.values_mut() {
        finish_line(line, first_week);
    }
    Timeline {
        head: None,
        first_week,
        weeks,
        files,
        missing: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(report: Option<HistoryReport>, live: bool) -> String {
        HistoryView::new(report.map(Arc::new)).coverage_label(live)
    }

    #[test]
    fn the_status_word_says_why_there_is_no_history() {
        assert_eq!(label(None, true), "history: loading");
        let outside = Unavailable::NotARepository { path: "/t".into() };
        assert_eq!(
            label(Some(HistoryReport::unavailable(outside)), true),
            "history: none (not a git repository)"
        );
        assert_eq!(
            label(Some(HistoryReport::unavailable(Unavailable::Empty)), true),
            "history: none (no commits yet)"
        );
    }
}
