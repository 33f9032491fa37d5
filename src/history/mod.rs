//! The git history engine: joins every file (and, on demand, every component of one file) with
//! its history, so that reports and the cockpit can show where change concentrates and when a
//! file will cross its next band.
//!
//! Layers, each usable on its own:
//! - [`repo`]: which history is available, with plain statements for every special case;
//! - [`walk`]: the chunked, cached, two-core walk of the commits (`numstat`, `treediff`,
//!   `parallel`, `cache`), with coverage for partial results;
//! - [`git`]: pack and object reading; [`diff`]: tree and line diffs that match git's counts;
//! - [`analysis`] ([`aggregate`], [`files`], [`growth`], [`coupling`], [`components`]): the
//!   analyses.
//!
//! Only git2 is used: no `git` process is ever started. Formulas are in `docs/metrics.md`
//! ("History").

pub mod analysis;
pub mod cache;
pub mod codec;
pub mod date;
pub mod diff;
pub mod git;
mod incremental;
pub mod parallel;
pub mod pending;
pub mod record;
pub mod record_set;
pub mod repo;
pub mod settings;
pub mod snapshot;
pub mod walk;

pub use analysis::{aggregate, components, coupling, files, growth};
pub use diff::{myers, numstat, treediff, xdiff};
pub use git::{delta, objects, pack};

use std::path::{Path, PathBuf};

use git2::{Signature, Time};

pub use aggregate::Scope;
pub use components::ComponentChurn;
pub use coupling::Coupling;
pub use files::FileReport;
pub use repo::{Source, Statement, Unavailable};
pub use settings::HistorySettings;
pub use walk::{Coverage, WalkOptions, Walker};

use crate::bands::Policy;
use crate::model::Tree;

/// Commits diffed per step of [`analyze`] (progress is reported more often, per block).
pub const CHUNK: usize = 4096;

/// Why `analyze` could not even start.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{path}: no such file or directory")]
    NoSuchPath { path: PathBuf },
}

/// What to analyse.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions {
    pub walk: WalkOptions,
    pub settings: HistorySettings,
    /// Per-component churn for this file (relative to the analysed path).
    pub file: Option<String>,
}

/// The history of a path: per-file facts, couplings, and what history was available.
#[derive(Debug, Clone, Default)]
pub struct HistoryReport {
    /// Set when there is no history at all (the rest is empty).
    pub unavailable: Option<Unavailable>,
    pub statements: Vec<Statement>,
    pub coverage: Coverage,
    /// The commit HEAD resolved to.
    pub head: Option<String>,
    pub renames: bool,
    pub since: Option<i64>,
    pub max_commits: Option<usize>,
    /// Non-merge commits and merges walked in the window.
    pub commits: usize,
    pub merges: usize,
    pub authors: usize,
    /// Oldest and newest commit time of the window.
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Every file the window touched, by path.
    pub files: Vec<FileReport>,
    /// Strongest first.
    pub couplings: Vec<Coupling>,
    pub components: Option<ComponentChurn>,
    /// `--file` named a file the window never touched.
    pub missing_file: Option<String>,
}

impl HistoryReport {
    /// A report that only says why there is no history.
    pub fn unavailable(why: Unavailable) -> HistoryReport {
        HistoryReport {
            unavailable: Some(why),
            ..HistoryReport::default()
        }
    }
}

/// Walks the history of `path` (to the end) and reports it. `model` is the code model of the
/// same path, for current sizes and complexity; `progress` sees the coverage as the walk goes.
/// Only a path that does not exist is an error; everything else is stated in the report.
pub fn analyze(
    path: &Path,
    opts: &HistoryOptions,
    policy: &dyn Policy,
    model: Option<&Tree>,
    progress: &mut dyn FnMut(Coverage),
) -> Result<HistoryReport, HistoryError> {
    if std::fs::symlink_metadata(path).is_err() {
        return Err(HistoryError::NoSuchPath {
            path: path.to_path_buf(),
        });
    }
    let source = match Source::open(path) {
        Ok(s) => s,
        Err(why) => return Ok(HistoryReport::unavailable(why)),
    };
    let inputs = Inputs {
        opts,
        policy,
        model,
    };
    if let Some(report) = incremental::analyze(&source, &inputs, progress) {
        return Ok(report);
    }
    let mut walker = match Walker::start(source, opts.walk.clone()) {
        Ok(w) => w,
        Err(e) => {
            return Ok(HistoryReport::unavailable(Unavailable::Unreadable {
                message: e.message().to_string(),
            }))
        }
    };
    walker.run(CHUNK, progress);
    walker.prune();
    // The caches are written while the report is built; one that cannot be written only costs
    // time on the next run.
    let walker = &walker;
    Ok(std::thread::scope(|s| {
        let saver = s.spawn(move || walker.write());
        let (out, kept) = build(walker, opts, policy, model, true);
        if let Some((whole, resolved)) = kept {
            incremental::save_after_walk(walker, whole, resolved);
        }
        let _ = saver.join();
        out
    }))
}

/// Builds the report of a walk, finished or not (coverage says how far it got).
pub fn report(
    walker: &Walker,
    opts: &HistoryOptions,
    policy: &dyn Policy,
    model: Option<&Tree>,
) -> HistoryReport {
    build(walker, opts, policy, model, false).0
}

/// [`report`], also returning the unscoped aggregate and the digest of its authors'
/// resolution when `keep` is set and the walk may be kept as a snapshot.
fn build(
    walker: &Walker,
    opts: &HistoryOptions,
    policy: &dyn Policy,
    model: Option<&Tree>,
    keep: bool,
) -> (HistoryReport, Option<(aggregate::Aggregate, u64)>) {
    let source = &walker.source;
    let repo = source.repository().ok();
    let mailmap = repo.as_ref().and_then(|r| r.mailmap().ok());
    let resolve = |raw: &record::RawAuthor| resolve_author(mailmap.as_ref(), raw);
    let renames = walker.options().renames;
    let (whole, _) = aggregate::fold(walker.records(), walker.tables(), renames, &resolve);
    let kept = (keep && walker.whole_and_clean()).then(|| {
        let resolved = snapshot::digest(&walker.tables().authors, &resolve);
        (whole.clone(), resolved)
    });
    let scope = Scope {
        prefix: source.prefix.clone(),
    };
    let mut statements = source.statements.clone();
    statements.extend(walker.statements.iter().cloned());
    let window = Window {
        coverage: walker.coverage(),
        statements,
        renames,
        since: walker.options().since,
        max_commits: walker.options().max_commits,
    };
    let agg = whole.scoped(&scope);
    let inputs = Inputs {
        opts,
        policy,
        model,
    };
    let mut out = assemble(source, repo.as_ref(), &agg, window, &inputs);
    if let (Some(file), Some(repo)) = (&opts.file, &repo) {
        let wanted = file.trim_start_matches("./");
        match agg.files.iter().find(|f| f.path == wanted) {
            Some(f) => {
                let current = model
                    .and_then(|t| t.lookup(&f.path))
                    .and_then(|id| model.and_then(|t| t.node(id)))
                    .and_then(|n| n.file().cloned());
                out.components = Some(components::churn(
                    walker,
                    repo,
                    &f.repo_path,
                    &f.path,
                    current.as_deref(),
                ));
            }
            None => out.missing_file = Some(wanted.to_string()),
        }
    }
    (out, kept)
}

/// What a report says about the window beside the aggregate.
struct Window {
    coverage: Coverage,
    statements: Vec<Statement>,
    renames: bool,
    since: Option<i64>,
    max_commits: Option<usize>,
}

/// What a report is made for: the options, the limits and the code model.
struct Inputs<'a> {
    opts: &'a HistoryOptions,
    policy: &'a dyn Policy,
    model: Option<&'a Tree>,
}

/// The report of a scoped aggregate: per-file reports and couplings (on the second core).
fn assemble(
    source: &Source,
    repo: Option<&git2::Repository>,
    agg: &aggregate::Aggregate,
    window: Window,
    inputs: &Inputs<'_>,
) -> HistoryReport {
    let Inputs {
        opts,
        policy,
        model,
    } = *inputs;
    let now = agg.last_time.unwrap_or(0);
    let head_tree = repo
        .and_then(|r| r.find_commit(source.head).ok())
        .and_then(|c| c.tree().ok());
    let mut head_lines = |p: &str| -> Option<u32> {
        let (repo, tree) = (repo?, head_tree.as_ref()?);
        let blob = repo
            .find_blob(tree.get_path(Path::new(p)).ok()?.id())
            .ok()?;
        (!numstat::is_binary(blob.content())).then(|| numstat::count_lines(blob.content()))
    };
    let mut ctx = files::Context {
        policy,
        model,
        settings: &opts.settings,
        now,
        head_lines: &mut head_lines,
    };
    // Couplings on the second core while the file reports are built.
    let (files, couplings) = std::thread::scope(|s| {
        let pairs = s.spawn(move || {
            let names: Vec<&str> = agg.files.iter().map(|f| f.path.as_str()).collect();
            coupling::couplings(&names, &agg.changesets, &opts.settings)
        });
        let files = files::build(agg, &mut ctx);
        (files, pairs.join().unwrap_or_default())
    });
    HistoryReport {
        unavailable: None,
        statements: window.statements,
        coverage: window.coverage,
        head: Some(source.head.to_string()),
        renames: window.renames,
        since: window.since,
        max_commits: window.max_commits,
        commits: agg.commits,
        merges: agg.merges,
        authors: agg.authors.len(),
        first: agg.first_time,
        last: agg.last_time,
        files,
        couplings,
        components: None,
        missing_file: None,
    }
}

/// The author after `.mailmap` (the raw one when it has no entry or cannot be resolved).
pub(crate) fn resolve_author(
    mailmap: Option<&git2::Mailmap>,
    raw: &record::RawAuthor,
) -> aggregate::Author {
    let fallback = || aggregate::Author {
        name: raw.name.clone(),
        email: raw.email.clone(),
    };
    let Some(map) = mailmap else {
        return fallback();
    };
    let Ok(sig) = Signature::new(&raw.name, &raw.email, &Time::new(0, 0)) else {
        return fallback();
    };
    match map.resolve_signature(&sig) {
        Ok(r) => aggregate::Author {
            name: String::from_utf8_lossy(r.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(r.email_bytes()).into_owned(),
        },
        Err(_) => fallback(),
    }
}
