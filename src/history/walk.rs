//! The walk over a repository's history, in chunks that can run in the background: list the
//! commits of the window (reusing the cached ancestry when HEAD only moved forward), diff the
//! ones the cache does not hold, a chunk at a time, and report coverage after each chunk, so a
//! caller can show partial results ("history: 12,400 of 19,186 commits") while the rest runs.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use git2::{Oid, Repository, Sort};

use super::cache::{self, Store};
use super::numstat::oid_bytes;
use super::parallel;
use super::pending;
use super::record::{CommitRecord, Tables};
use super::repo::{short, Source, Statement};

/// What to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Follow renames (libgit2's similarity detection); off matches `git log --no-renames`.
    pub renames: bool,
    /// Only commits whose committer time is at or after this (seconds since the epoch).
    pub since: Option<i64>,
    /// Only the newest N commits of the window.
    pub max_commits: Option<usize>,
    /// Walker threads (0: one per core).
    pub threads: usize,
    /// The cache directory; `None` for no cache.
    pub cache_dir: Option<PathBuf>,
}

/// How much of the window has been walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Coverage {
    pub walked: usize,
    pub total: usize,
}

impl Coverage {
    /// Every commit of the window is walked.
    pub fn complete(&self) -> bool {
        self.walked >= self.total
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "history: {} of {} commits",
            thousands(self.walked),
            thousands(self.total)
        )
    }
}

/// `19186` → `19,186`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A walk in progress.
pub struct Walker {
    pub source: Source,
    opts: WalkOptions,
    cache_file: Option<PathBuf>,
    store: Store,
    /// The window, newest first.
    window: Vec<[u8; 20]>,
    todo: Vec<Oid>,
    next: usize,
    failed: usize,
    /// What the walk found on its way (rewritten history, unreadable objects).
    pub statements: Vec<Statement>,
    dirty: bool,
}

/// Unreadable commits reported one by one before they are summarised.
const MAX_CORRUPT_STATEMENTS: usize = 20;

impl Walker {
    /// Lists the window and what remains to walk.
    pub fn start(source: Source, opts: WalkOptions) -> Result<Walker, git2::Error> {
        let repo = source.repository()?;
        let cache_file = opts
            .cache_dir
            .as_ref()
            .map(|d| cache::file_for(d, &source.git_dir, opts.renames));
        let mut store = cache_file
            .as_ref()
            .and_then(|f| cache::load(f, &source.git_dir, opts.renames))
            .unwrap_or_default();
        let mut statements = Vec::new();
        let mut dirty = forget_changed_shallow(&mut store, &source);
        if let (Some(file), true) = (&cache_file, source.shallow.is_empty()) {
            dirty |= pending::take_into(&mut store, &pending::file_for(file));
        }
        let head = oid_bytes(source.head);
        if store.tip != Some(head) {
            dirty = true;
            let descends = store.tip.is_some_and(|tip| {
                Oid::from_bytes(&tip)
                    .and_then(|t| repo.graph_descendant_of(source.head, t))
                    .unwrap_or(false)
            });
            let hide = if descends { store.tip } else { None };
            let (listed, error) = list(&repo, source.head, hide);
            let mut order: Vec<[u8; 20]> = listed.iter().map(|&o| oid_bytes(o)).collect();
            if descends {
                order.extend_from_slice(&store.order);
            } else if let Some(tip) = store.tip {
                let reachable: HashSet<[u8; 20]> = order.iter().copied().collect();
                let before = store.records.len();
                store.records.retain(|id, _| reachable.contains(id));
                statements.push(Statement::Rewritten {
                    cached_tip: Oid::from_bytes(&tip).map(short).unwrap_or_default(),
                    dropped: before - store.records.len(),
                });
            }
            store.order = order;
            store.tip = Some(head);
            if let Some(message) = error {
                store.tip = None;
                statements.push(Statement::Truncated { message });
            }
        }
        let window = window(&repo, &store, &opts);
        let todo: Vec<Oid> = window
            .iter()
            .filter(|id| !store.records.contains_key(id))
            .filter_map(|id| Oid::from_bytes(id).ok())
            .collect();
        Ok(Walker {
            source,
            opts,
            cache_file,
            store,
            window,
            todo,
            next: 0,
            failed: 0,
            statements,
            dirty,
        })
    }

    /// How much of the window is walked.
    pub fn coverage(&self) -> Coverage {
        let total = self.window.len();
        let remaining = self.todo.len().saturating_sub(self.next) + self.failed;
        Coverage {
            walked: total.saturating_sub(remaining),
            total,
        }
    }

    /// True when nothing remains to walk.
    pub fn finished(&self) -> bool {
        self.next >= self.todo.len()
    }

    /// Walks up to `max` more commits, reporting coverage as blocks finish. Returns true when
    /// the walk is finished.
    pub fn step(&mut self, max: usize, progress: &mut dyn FnMut(Coverage)) -> bool {
        let end = self.todo.len().min(self.next.saturating_add(max.max(1)));
        let Some(chunk) = self.todo.get(self.next..end) else {
            return true;
        };
        let base = self.coverage();
        let outcomes = parallel::diff_all(
            &self.source,
            chunk,
            self.opts.renames,
            self.opts.threads,
            &mut |done| {
                progress(Coverage {
                    walked: base.walked + done,
                    total: base.total,
                })
            },
        );
        for outcome in outcomes {
            match outcome {
                Ok(raw) => {
                    let rec = raw.intern(&mut self.store.tables);
                    self.store.records.insert(rec.id, rec);
                    self.dirty = true;
                }
                Err((id, message)) => {
                    self.failed += 1;
                    if self.failed <= MAX_CORRUPT_STATEMENTS {
                        self.statements.push(Statement::Corrupt {
                            commit: short(id),
                            message,
                        });
                    }
                }
            }
        }
        self.next = end;
        self.finished()
    }

    /// Walks everything that remains.
    pub fn run(&mut self, chunk: usize, progress: &mut dyn FnMut(Coverage)) {
        while !self.step(chunk, progress) {}
        if self.failed > MAX_CORRUPT_STATEMENTS {
            self.statements.push(Statement::Corrupt {
                commit: format!("and {} more", self.failed - MAX_CORRUPT_STATEMENTS),
                message: "objects could not be read".into(),
            });
        }
    }

    /// Writes the cache (when there is one and something changed). Records no longer reachable
    /// from HEAD are dropped first.
    pub fn save(&mut self) -> std::io::Result<()> {
        self.prune();
        self.write()?;
        self.dirty = false;
        Ok(())
    }

    /// Drops the records no longer reachable from HEAD (before [`Walker::write`]).
    pub fn prune(&mut self) {
        if self.dirty
            && self.store.tip.is_some()
            && self.store.records.len() > self.store.order.len()
        {
            let reachable: HashSet<[u8; 20]> = self.store.order.iter().copied().collect();
            self.store.records.retain(|id, _| reachable.contains(id));
        }
    }

    /// Writes the cache if there is one and something changed; a shared borrow, so it can run
    /// on another thread while the report is built.
    pub fn write(&self) -> std::io::Result<()> {
        match &self.cache_file {
            Some(file) if self.dirty => {
                cache::save(file, &self.source.git_dir, self.opts.renames, &self.store)?;
                pending::clear(&pending::file_for(file));
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The walked records of the window, newest first.
    pub fn records(&self) -> impl Iterator<Item = &CommitRecord> + '_ {
        self.window
            .iter()
            .filter_map(|id| self.store.records.get(id))
    }

    /// The path and author tables the records refer to.
    pub fn tables(&self) -> &Tables {
        &self.store.tables
    }

    /// True when the whole default window (every commit reachable from HEAD) is walked, with
    /// nothing unreadable: what a [`snapshot`](super::snapshot) may be made of.
    pub fn whole_and_clean(&self) -> bool {
        self.opts.since.is_none()
            && self.opts.max_commits.is_none()
            && self.finished()
            && self.failed == 0
            && self.store.tip == Some(oid_bytes(self.source.head))
    }

    /// The options the walk runs with.
    pub fn options(&self) -> &WalkOptions {
        &self.opts
    }
}

/// Drops what a different set of shallow boundaries invalidates (their records were computed
/// as if they had no parents).
fn forget_changed_shallow(store: &mut Store, source: &Source) -> bool {
    let mut now: Vec<[u8; 20]> = source.shallow.iter().map(|&o| oid_bytes(o)).collect();
    now.sort_unstable();
    if store.shallow == now {
        return false;
    }
    for id in store.shallow.iter().chain(&now) {
        store.records.remove(id);
    }
    store.tip = None;
    store.order.clear();
    store.shallow = now;
    true
}

/// Commits reachable from `head` (and not from `hide`), children before parents. A read error
/// stops the listing; what was listed is returned with the error.
pub(super) fn list(
    repo: &Repository,
    head: Oid,
    hide: Option<[u8; 20]>,
) -> (Vec<Oid>, Option<String>) {
    let mut out = Vec::new();
    let walk = (|| {
        let mut walk = repo.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        walk.push(head)?;
        if let Some(h) = hide {
            walk.hide(Oid::from_bytes(&h)?)?;
        }
        Ok::<_, git2::Error>(walk)
    })();
    let walk = match walk {
        Ok(w) => w,
        Err(e) => return (out, Some(e.message().to_string())),
    };
    for id in walk {
        match id {
            Ok(id) => out.push(id),
            Err(e) => return (out, Some(e.message().to_string())),
        }
    }
    (out, None)
}

/// The commits of the window: the listed ancestry, filtered by `since`, cut to `max_commits`.
fn window(repo: &Repository, store: &Store, opts: &WalkOptions) -> Vec<[u8; 20]> {
    let mut out: Vec<[u8; 20]> = match opts.since {
        None => store.order.clone(),
        Some(since) => store
            .order
            .iter()
            .filter(|id| {
                let time = match store.records.get(id) {
                    Some(r) => Some(r.time),
                    None => Oid::from_bytes(*id)
                        .and_then(|o| repo.find_commit(o))
                        .ok()
                        .map(|c| c.committer().when().seconds()),
                };
                time.is_none_or(|t| t >= since)
            })
            .copied()
            .collect(),
    };
    if let Some(n) = opts.max_commits {
        out.truncate(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_reads_like_the_issue() {
        let c = Coverage {
            walked: 12_400,
            total: 19_186,
        };
        assert_eq!(c.to_string(), "history: 12,400 of 19,186 commits");
        assert!(!c.complete());
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
