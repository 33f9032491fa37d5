//! Turns per-file histories into the per-file facts the reports show: current size, growth rate,
//! time to breach against the file's own limit, and the hotspot score.
//!
//! **Hotspot score** (Tornhill's "change frequency × complexity", normalised across the
//! repository): `score = (commits ÷ max commits) × (complexity ÷ max complexity)`, where a file's
//! complexity is the sum of the cyclomatic complexity of its functions and methods (from the
//! code model) and both maxima are taken over the files that have a score. A score is in 0..=1;
//! 1 means the most changed file is also the most complex one. Files the model cannot measure
//! (no parser, not in the working tree, deleted) have none.

use serde::Serialize;

use super::aggregate::{Aggregate, Author, FileHistory};
use super::growth::{self, Breach};
use crate::bands::{Metric, Policy};
use crate::history::settings::HistorySettings;
use crate::lang::Language;
use crate::model::facts::FileFacts;
use crate::model::Tree;

/// The author with the most commits on a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MainAuthor {
    pub name: String,
    pub commits: u32,
    /// Their commits ÷ the file's commits.
    pub share: f64,
}

/// Everything reported about one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub path: String,
    pub commits: u32,
    pub added: u64,
    pub removed: u64,
    pub authors: u32,
    pub main_author: Option<MainAuthor>,
    pub first_change: i64,
    pub last_change: i64,
    /// The file exists at HEAD (its latest change did not delete it).
    pub exists: bool,
    /// Current line count, when known.
    pub lines: Option<u32>,
    pub growth_per_week: Option<f64>,
    pub breach: Option<Breach>,
    pub hotspot: Option<f64>,
    /// Sum of cyclomatic complexity of the file's functions (from the model).
    pub complexity: Option<u32>,
    /// Earlier names, newest first.
    pub renamed_from: Vec<String>,
    pub binary: bool,
}

/// What the per-file facts are computed against.
pub struct Context<'a> {
    pub policy: &'a dyn Policy,
    pub model: Option<&'a Tree>,
    pub settings: &'a HistorySettings,
    /// The newest commit time of the window: "now" for growth and breach.
    pub now: i64,
    /// Line count of a file at HEAD (repository-relative path), for files the model lacks.
    pub head_lines: &'a mut dyn FnMut(&str) -> Option<u32>,
}

/// Builds the reports of every file in `agg`, sorted by path.
pub fn build(agg: &Aggregate, ctx: &mut Context<'_>) -> Vec<FileReport> {
    // Built in path order: sorting the small indices moves less than sorting the reports.
    let mut order: Vec<&FileHistory> = agg.files.iter().collect();
    order.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut out: Vec<FileReport> = order
        .into_iter()
        .map(|f| one(f, &agg.authors, ctx))
        .collect();
    score_hotspots(&mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn facts_of<'t>(model: Option<&'t Tree>, path: &str) -> Option<&'t FileFacts> {
    let tree = model?;
    let id = tree.lookup(path)?;
    tree.node(id)?.file().map(|f| f.as_ref())
}

fn one(f: &FileHistory, authors: &[Author], ctx: &mut Context<'_>) -> FileReport {
    let facts = facts_of(ctx.model, &f.path);
    let exists = !f.deleted;
    let lines = match facts {
        Some(facts) => Some(facts.lines.total),
        None if !exists || f.binary => None,
        None => growth::level_after(&f.points)
            .map(|n| n.clamp(0, i64::from(u32::MAX)) as u32)
            .or_else(|| (ctx.head_lines)(&f.repo_path)),
    };
    // Without a line count there is no series to fit (the window did not see the file created).
    let growth = match (f.binary, exists, lines) {
        (false, true, Some(n)) => growth::rate_from(
            &f.points,
            n,
            ctx.now,
            ctx.settings.growth_changes as usize,
            ctx.settings.growth_weeks,
        ),
        _ => None,
    };
    let is_code = match facts {
        Some(facts) => facts.language.is_code(),
        None => crate::lang::detect(std::path::Path::new(&f.path), "")
            .unwrap_or(Language::Text)
            .is_code(),
    };
    let breach = match (lines, is_code) {
        (Some(n), true) => {
            let limit = ctx.policy.limits(&f.path).get(Metric::FileLines);
            growth::breach(n, limit, &ctx.policy.levels(), growth, ctx.now)
        }
        _ => None,
    };
    let complexity = facts.filter(|f| !f.lines_only).map(|facts| {
        let mut sum = 0u32;
        facts.walk_components(&mut |c| {
            if let Some(m) = c.metrics {
                sum = sum.saturating_add(m.cyclomatic);
            }
        });
        sum
    });
    let main_author = f.main_author().map(|c| MainAuthor {
        name: authors
            .get(c.author as usize)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        commits: c.commits,
        share: if f.commits == 0 {
            0.0
        } else {
            f64::from(c.commits) / f64::from(f.commits)
        },
    });
    FileReport {
        path: f.path.clone(),
        commits: f.commits,
        added: f.added,
        removed: f.removed,
        authors: f.authors.len() as u32,
        main_author,
        first_change: f.first_change,
        last_change: f.last_change,
        exists,
        lines,
        growth_per_week: growth,
        breach,
        hotspot: None,
        complexity,
        renamed_from: f.former_paths.clone(),
        binary: f.binary,
    }
}

fn score_hotspots(files: &mut [FileReport]) {
    let scored = |f: &FileReport| f.exists && f.complexity.is_some_and(|c| c > 0);
    let max_commits = files
        .iter()
        .filter(|f| scored(f))
        .map(|f| f.commits)
        .max()
        .unwrap_or(0);
    let max_cx = files
        .iter()
        .filter(|f| scored(f))
        .filter_map(|f| f.complexity)
        .max()
        .unwrap_or(0);
    if max_commits == 0 || max_cx == 0 {
        return;
    }
    for f in files.iter_mut().filter(|f| scored(f)) {
        let cx = f64::from(f.complexity.unwrap_or(0)) / f64::from(max_cx);
        let freq = f64::from(f.commits) / f64::from(max_commits);
        f.hotspot = Some((cx * freq * 1000.0).round() / 1000.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &str, commits: u32, complexity: Option<u32>) -> FileReport {
        FileReport {
            path: path.into(),
            commits,
            added: 0,
            removed: 0,
            authors: 1,
            main_author: None,
            first_change: 0,
            last_change: 0,
            exists: true,
            lines: None,
            growth_per_week: None,
            breach: None,
            hotspot: None,
            complexity,
            renamed_from: Vec::new(),
            binary: false,
        }
    }

    #[test]
    fn hotspot_is_normalised_frequency_times_complexity() {
        let mut files = vec![
            report("a.rs", 40, Some(10)),
            report("b.rs", 10, Some(50)),
            report("c.rs", 20, Some(25)),
            report("README.md", 90, None),
        ];
        score_hotspots(&mut files);
        // max commits among scored files 40, max complexity 50.
        assert_eq!(files[0].hotspot, Some(0.2)); // 1.0 × 0.2
        assert_eq!(files[1].hotspot, Some(0.25)); // 0.25 × 1.0
        assert_eq!(files[2].hotspot, Some(0.25)); // 0.5 × 0.5
        assert_eq!(files[3].hotspot, None);
    }
}
