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
use super::walk::{self, Walker};
use super::{
    assemble, parallel, pending, resolve_author, Coverage, HistoryOptions, HistoryReport, Scope,
    Source, Window,
};
use crate::bands::Policy;
use crate::model::Tree;

/// The report from the stored snapshot and the commits since, or `None` when it cannot be
/// made exactly that way.
pub(super) fn analyze(
    source: &Source,
    opts: &HistoryOptions,
    policy: &dyn Policy,
    model: Option<&Tree>,
    progress: &mut dyn FnMut(Coverage),
) -> Option<HistoryReport> {
    let walk = &opts.walk;
    if walk.since.is_some() || walk.max_commits.is_some() || opts.file.is_some() {
        return None;
    }
    let dir = walk.cache_dir.as_ref()?;
    let file = snapshot::file_for(dir, &source.git_dir, walk.renames);
    let snap = snapshot::load(&file, &source.git_dir, walk.renames)?;
    if snap.shallow != shallow_of(source) {
        return None;
    }
    let repo = source.repository().ok()?;
    let mailmap = repo.mailmap().ok();
    let resolve = |raw: &RawAuthor| resolve_author(mailmap.as_ref(), raw);
    if snapshot::digest(&snap.raw_authors, &resolve) != snap.resolved {
        return None;
    }
    let new: Vec<Oid> = if snap.tip == oid_bytes(source.head) {
        Vec::new()
    } else {
        let tip = Oid::from_bytes(&snap.tip).ok()?;
        if !repo.graph_descendant_of(source.head, tip).ok()? {
            return None;
        }
        match walk::list(&repo, source.head, Some(snap.tip)) {
            (ids, None) => ids,
            (_, Some(_)) => return None,
        }
    };
    // Commits an earlier update walked are pending; only the others are diffed.
    let pending_file = pending::file_for(&cache::file_for(dir, &source.git_dir, walk.renames));
    let kept = if new.is_empty() {
        Vec::new()
    } else {
        pending::load(&pending_file)
    };
    let known: HashMap<[u8; 20], &RawCommit> = kept.iter().map(|c| (c.id, c)).collect();
    let missing: Vec<Oid> = new
        .iter()
        .filter(|id| !known.contains_key(&oid_bytes(**id)))
        .copied()
        .collect();
    let total = snap.agg.commits + snap.agg.merges + new.len();
    let base = total - missing.len();
    let mut walked: HashMap<[u8; 20], RawCommit> = HashMap::with_capacity(missing.len());
    for outcome in parallel::diff_all(source, &missing, walk.renames, walk.threads, &mut |done| {
        progress(Coverage {
            walked: base + done,
            total,
        })
    }) {
        let c = outcome.ok()?;
        walked.insert(c.id, c);
    }
    // The snapshot is rewritten once it lags by more than a few commits (or when the pending
    // list is about to move into the record cache); in between only the pending list grows.
    let refresh = new.len() > REFRESH || kept.len() + walked.len() >= pending::MAX;
    let mut tables = Tables::default();
    let mut records = Vec::with_capacity(new.len());
    for id in &new {
        let id = oid_bytes(*id);
        let c = known.get(&id).copied().or_else(|| walked.get(&id))?;
        records.push(c.clone().intern(&mut tables));
    }
    let whole = if records.is_empty() {
        snap.agg
    } else {
        let (newer, aliases) = aggregate::fold(records.iter(), &tables, walk.renames, &resolve);
        let aliases: HashMap<String, u32> = aliases
            .into_iter()
            .map(|(path, file)| (tables.path(path).to_string(), file))
            .collect();
        super::analysis::prepend::prepend(newer, &aliases, snap.agg)?
    };
    let mut raw_authors = snap.raw_authors;
    let mut resolved = snap.resolved;
    if refresh {
        for a in tables.authors {
            if !raw_authors.contains(&a) {
                raw_authors.push(a);
            }
        }
        resolved = snapshot::digest(&raw_authors, &resolve);
    }
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
    let scope = Scope {
        prefix: source.prefix.clone(),
    };
    let report = std::thread::scope(|s| {
        let whole = &whole;
        s.spawn(|| {
            if !walked.is_empty() {
                let mut list = kept.clone();
                list.extend(walked.into_values());
                let _ = pending::store(dir, source, walk, list);
            }
            if refresh {
                let next = Snapshot {
                    tip: oid_bytes(source.head),
                    shallow: snap.shallow,
                    resolved,
                    raw_authors,
                    agg: Aggregate::default(),
                };
                let _ = snapshot::save_with(&file, &source.git_dir, walk.renames, &next, whole);
            }
        });
        let scoped = (!scope.prefix.is_empty()).then(|| whole.clone().scoped(&scope));
        let agg = scoped.as_ref().unwrap_or(whole);
        assemble(source, Some(&repo), agg, window, opts, policy, model)
    });
    Some(report)
}

/// After a full walk of the default window: stores the snapshot for the next run.
pub(super) fn save_after_walk(walker: &Walker, whole: Aggregate) {
    let opts = walker.options();
    let Some(dir) = &opts.cache_dir else {
        return;
    };
    let source = &walker.source;
    let repo = source.repository().ok();
    let mailmap = repo.as_ref().and_then(|r| r.mailmap().ok());
    let resolve = |raw: &RawAuthor| resolve_author(mailmap.as_ref(), raw);
    let raw_authors = walker.tables().authors.clone();
    let snap = Snapshot {
        tip: oid_bytes(source.head),
        shallow: shallow_of(source),
        resolved: snapshot::digest(&raw_authors, &resolve),
        raw_authors,
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
