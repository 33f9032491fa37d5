//! The incremental update: when a [`snapshot`](super::snapshot) of the folded history is stored
//! for an ancestor of HEAD, only the commits since are walked and folded, and put in front of
//! it ([`prepend`](super::analysis::prepend)); the record cache is not even read. Anything
//! that the snapshot cannot answer exactly (a `--since` or `--max-commits` window, per-component
//! churn, a rewritten history, changed shallow boundaries or `.mailmap`, an unreadable commit)
//! goes the full way, which stores a fresh snapshot for the next run.

use std::collections::HashMap;

/// New commits past the snapshot's tip beyond which it is rewritten.
const REFRESH: usize = 64;

use git2::Oid;

use super::aggregate::{self, Aggregate};
use super::cache;
use super::numstat::oid_bytes;
use super::record::{RawAuthor, RawCommit, Tables};
use super::snapshot::{self, Snapshot};
use super::walk::WalkOptions;
use super::walk::{self, Walker};
use super::{
    assemble, parallel, pending, resolve_author, Coverage, HistoryReport, Inputs, Scope, Source,
    Window,
};

/// The report from the stored snapshot and the commits since, or `None` when it cannot be
/// made exactly that way.
pub(super) fn analyze(
    source: &Source,
    inputs: &Inputs<'_>,
    progress: &mut dyn FnMut(Coverage),
) -> Option<HistoryReport> {
    let walk = &inputs.opts.walk;
    if walk.since.is_some() || walk.max_commits.is_some() || inputs.opts.file.is_some() {
        return None;
    }
    let dir = walk.cache_dir.as_ref()?;
    let repo = source.repository().ok()?;
    let mailmap = repo.mailmap().ok();
    let resolve = |raw: &RawAuthor| resolve_author(mailmap.as_ref(), raw);
    let file = snapshot::file_for(dir, &source.git_dir, walk.renames);
    let snap = snapshot::load(&file, &source.git_dir, walk.renames).filter(|s| {
        s.shallow == shallow_of(source) && snapshot::digest(&s.raw_authors, &resolve) == s.resolved
    })?;
    let new = since_tip(&repo, source.head, snap.tip)?;
    // Commits an earlier update walked are pending; only the others are diffed.
    let kept = if new.is_empty() {
        Vec::new()
    } else {
        pending::load(&pending_file(dir, source, walk))
    };
    let known: ById<'_> = kept.iter().map(|c| (c.id, c)).collect();
    let total = snap.agg.commits + snap.agg.merges + new.len();
    let walked = walk_missing(source, walk, (&new, &known), total, progress)?;
    // The snapshot is rewritten once it lags by more than a few commits (or when the pending
    // list is about to move into the record cache); in between only the pending list grows.
    let refresh = new.len() > REFRESH || kept.len() + walked.len() >= pending::MAX;
    let Snapshot {
        shallow,
        mut raw_authors,
        mut resolved,
        agg,
        ..
    } = snap;
    let (whole, tables) = fold_onto(agg, (&new, &known, &walked), walk.renames, &resolve)?;
    if refresh {
        for a in tables.authors {
            if !raw_authors.contains(&a) {
                raw_authors.push(a);
            }
        }
        resolved = snapshot::digest(&raw_authors, &resolve);
    }
    let store = Store {
        file,
        next: refresh.then(|| Snapshot {
            tip: oid_bytes(source.head),
            shallow,
            raw_authors,
            resolved,
            agg: Aggregate::default(),
        }),
        pending: (!walked.is_empty())
            .then(|| kept.into_iter().chain(walked.into_values()).collect()),
    };
    let window = Window {
        coverage: Coverage {
            walked: total,
            total,
        },
        statements: source.statements.clone(),
        renames: walk.renames,
        since: None,
        max_commits: None,
    };
    Some(report_and_store(
        source,
        &repo,
        (&whole, window),
        inputs,
        store,
    ))
}

/// Pending commits by id.
type ById<'a> = HashMap<[u8; 20], &'a RawCommit>;

/// What the update leaves for the next one.
struct Store {
    file: std::path::PathBuf,
    /// A fresh snapshot (its aggregate is the report's), when the stored one lags too far.
    next: Option<Snapshot>,
    /// The pending list with the commits just walked.
    pending: Option<Vec<RawCommit>>,
}

/// Builds the report of the whole-history aggregate and its window while `store` is written on
/// another thread.
fn report_and_store(
    source: &Source,
    repo: &git2::Repository,
    (whole, window): (&Aggregate, Window),
    inputs: &Inputs<'_>,
    store: Store,
) -> HistoryReport {
    let walk = &inputs.opts.walk;
    std::thread::scope(|s| {
        s.spawn(|| {
            if let (Some(list), Some(dir)) = (store.pending, &walk.cache_dir) {
                let _ = pending::store(dir, source, walk, list);
            }
            if let Some(next) = &store.next {
                let _ =
                    snapshot::save_with(&store.file, &source.git_dir, walk.renames, next, whole);
            }
        });
        let scope = Scope {
            prefix: source.prefix.clone(),
        };
        let scoped = (!scope.prefix.is_empty()).then(|| whole.clone().scoped(&scope));
        let agg = scoped.as_ref().unwrap_or(whole);
        assemble(source, Some(repo), agg, window, inputs)
    })
}

/// The commits since `tip` (children first), or `None` when HEAD does not descend from it or
/// they cannot be listed.
fn since_tip(repo: &git2::Repository, head: Oid, tip: [u8; 20]) -> Option<Vec<Oid>> {
    if tip == oid_bytes(head) {
        return Some(Vec::new());
    }
    let tip_id = Oid::from_bytes(&tip).ok()?;
    if !repo.graph_descendant_of(head, tip_id).ok()? {
        return None;
    }
    match walk::list(repo, head, Some(tip)) {
        (ids, None) => Some(ids),
        (_, Some(_)) => None,
    }
}

fn pending_file(dir: &std::path::Path, source: &Source, walk: &WalkOptions) -> std::path::PathBuf {
    pending::file_for(&cache::file_for(dir, &source.git_dir, walk.renames))
}

/// Diffs the new commits that are not pending (`None` if one cannot be read).
fn walk_missing(
    source: &Source,
    walk: &WalkOptions,
    (new, known): (&[Oid], &ById<'_>),
    total: usize,
    progress: &mut dyn FnMut(Coverage),
) -> Option<HashMap<[u8; 20], RawCommit>> {
    let missing: Vec<Oid> = new
        .iter()
        .filter(|id| !known.contains_key(&oid_bytes(**id)))
        .copied()
        .collect();
    let base = total - missing.len();
    let mut walked = HashMap::with_capacity(missing.len());
    for outcome in parallel::diff_all(source, &missing, walk.renames, walk.threads, &mut |done| {
        progress(Coverage {
            walked: base + done,
            total,
        })
    }) {
        let c = outcome.ok()?;
        walked.insert(c.id, c);
    }
    Some(walked)
}

/// Folds the new commits (from the pending list or just walked) and puts `older` behind them;
/// also returns the tables the new records were interned in.
fn fold_onto(
    older: Aggregate,
    (new, known, walked): (&[Oid], &ById<'_>, &HashMap<[u8; 20], RawCommit>),
    renames: bool,
    resolve: &dyn Fn(&RawAuthor) -> aggregate::Author,
) -> Option<(Aggregate, Tables)> {
    let mut tables = Tables::default();
    if new.is_empty() {
        return Some((older, tables));
    }
    let mut records = Vec::with_capacity(new.len());
    for id in new {
        let id = oid_bytes(*id);
        let c = known.get(&id).copied().or_else(|| walked.get(&id))?;
        records.push(c.clone().intern(&mut tables));
    }
    let (newer, aliases) = aggregate::fold(records.iter(), &tables, renames, resolve);
    let aliases: HashMap<String, u32> = aliases
        .into_iter()
        .map(|(path, file)| (tables.path(path).to_string(), file))
        .collect();
    let whole = super::analysis::prepend::prepend(newer, &aliases, older)?;
    Some((whole, tables))
}

/// After a full walk of the default window: stores the snapshot for the next run. `resolved`
/// is [`snapshot::digest`] of the walk's raw authors.
pub(super) fn save_after_walk(walker: &Walker, whole: Aggregate, resolved: u64) {
    let opts = walker.options();
    let Some(dir) = &opts.cache_dir else {
        return;
    };
    let source = &walker.source;
    let snap = Snapshot {
        tip: oid_bytes(source.head),
        shallow: shallow_of(source),
        resolved,
        raw_authors: walker.tables().authors.clone(),
        agg: whole,
    };
    let file = snapshot::file_for(dir, &source.git_dir, opts.renames);
    let _ = snapshot::save(&file, &source.git_dir, opts.renames, &snap);
}

/// The shallow boundaries, sorted.
fn shallow_of(source: &Source) -> Vec<[u8; 20]> {
    let mut out: Vec<[u8; 20]> = source.shallow.iter().map(|&o| oid_bytes(o)).collect();
    out.sort_unstable();
    out
}
