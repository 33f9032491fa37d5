//! History refreshes in the background. Walking git history can take seconds on a big
//! repository, so it never runs on the engine thread (file changes are user-visible work and
//! go first): a worker thread takes refresh requests, coalesces them (the newest snapshot wins,
//! HEAD moves queued meanwhile are merged into one), and walks with the history module's cache,
//! so that after a commit or a pull only the new commits are walked. One walker thread: the
//! other core stays with the engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crossbeam_channel::{unbounded, Receiver, Sender};

use super::notice::History;
use crate::config::Config;
use crate::history::{self, HistoryOptions, HistoryReport, Source, WalkOptions, CHUNK};
use crate::model::Snapshot;

/// A refresh to do.
pub struct Request {
    /// The model the report's current sizes come from.
    pub snapshot: Snapshot,
    pub config: Arc<Config>,
    /// The HEAD move behind the request (`initial` for the first history of the session).
    pub head: History,
}

/// A refresh done.
pub struct Done {
    /// `None` when no history could be read (`notice.detail` says why).
    pub report: Option<Arc<HistoryReport>>,
    pub notice: History,
}

/// Starts the worker for the repository around `root`. It ends when the request sender is
/// dropped.
pub fn spawn(root: PathBuf, cache_dir: Option<PathBuf>) -> (Sender<Request>, Receiver<Done>) {
    let (req_tx, req_rx) = unbounded::<Request>();
    let (done_tx, done_rx) = unbounded();
    let spawned = std::thread::Builder::new()
        .name("seamline-history".into())
        .spawn(move || {
            while let Ok(first) = req_rx.recv() {
                let req = req_rx.try_iter().fold(first, merge);
                let done = refresh_history(&root, cache_dir.clone(), req);
                if done_tx.send(done).is_err() {
                    break;
                }
            }
        });
    if spawned.is_err() {
        // Without a worker, requests go nowhere and no history is reported: the watch goes on.
        return (unbounded().0, done_rx);
    }
    (req_tx, done_rx)
}

/// Two queued requests as one: the newer snapshot, HEAD from the older's start to the newer's end.
fn merge(old: Request, new: Request) -> Request {
    let commits = match (old.head.commits, new.head.commits) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    Request {
        head: History {
            from: old.head.from,
            commits,
            initial: old.head.initial,
            ..new.head
        },
        ..new
    }
}

/// THE HOOK into the history model (`src/history/`): refreshes the history of the repository
/// around `root` incrementally (the walk's cache holds every commit walked before; when HEAD
/// moved forward only the new commits are walked, after a rebase the records still reachable
/// are reused) and builds its report against the current model.
pub fn refresh_history(root: &Path, cache_dir: Option<PathBuf>, req: Request) -> Done {
    let started = Instant::now();
    let mut notice = req.head;
    let source = match Source::open(root) {
        Ok(s) => s,
        Err(why) => {
            notice.detail = format!("no history: {why}");
            // Published as a report that says why, so the cockpit stops waiting for one.
            return Done {
                report: Some(Arc::new(HistoryReport::unavailable(why))),
                notice,
            };
        }
    };
    let opts = HistoryOptions {
        walk: WalkOptions {
            renames: true,
            since: None,
            max_commits: None,
            threads: 1,
            cache_dir,
        },
        settings: req.config.history,
        file: None,
    };
    let mut walker = match history::Walker::start(source, opts.walk.clone()) {
        Ok(w) => w,
        Err(e) => {
            notice.detail = format!("history unreadable: {}", e.message());
            let why = history::Unavailable::Unreadable {
                message: e.message().to_string(),
            };
            return Done {
                report: Some(Arc::new(HistoryReport::unavailable(why))),
                notice,
            };
        }
    };
    let before = walker.coverage();
    walker.run(CHUNK, &mut |_| {});
    // A cache that cannot be written costs the next refresh time, not this one its result.
    let _ = walker.save();
    let report = history::report(&walker, &opts, req.config.as_ref(), Some(&req.snapshot));
    notice.refreshed = true;
    notice.detail = format!(
        "{} commits, {} files; {} walked in {} ms",
        report.commits + report.merges,
        report.files.len(),
        before.total.saturating_sub(before.walked),
        started.elapsed().as_millis()
    );
    Done {
        report: Some(Arc::new(report)),
        notice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    fn head(from: Option<&str>, to: &str, commits: usize) -> History {
        History {
            from: from.map(String::from),
            to: Some(to.into()),
            commits: Some(commits),
            initial: false,
            refreshed: false,
            detail: String::new(),
        }
    }

    fn config(dir: &Path) -> Arc<Config> {
        let opts = crate::config::LoadOptions {
            root: dir.to_path_buf(),
            ..Default::default()
        };
        Arc::new(Config::load(&opts).unwrap())
    }

    #[test]
    fn queued_requests_merge_into_one_move() {
        let tmp = tempfile::tempdir().unwrap();
        let cfg = config(tmp.path());
        let req = |h| Request {
            snapshot: Model::new().snapshot(),
            config: cfg.clone(),
            head: h,
        };
        let m = merge(req(head(Some("a"), "b", 2)), req(head(Some("b"), "c", 3)));
        assert_eq!(
            (m.head.from.as_deref(), m.head.to.as_deref(), m.head.commits),
            (Some("a"), Some("c"), Some(5))
        );
    }

    #[test]
    fn a_tree_outside_any_repository_has_no_history() {
        let tmp = tempfile::tempdir().unwrap();
        if git2::Repository::discover(tmp.path()).is_ok() {
            return; // the temp dir lies inside a repository on this machine
        }
        let cfg = config(tmp.path());
        let req = Request {
            snapshot: Model::new().snapshot(),
            config: cfg,
            head: head(None, "x", 0),
        };
        let done = refresh_history(tmp.path(), None, req);
        assert!(!done.notice.refreshed);
        let report = done.report.expect("a report that says why");
        assert!(matches!(
            report.unavailable,
            Some(history::Unavailable::NotARepository { .. })
        ));
        assert!(
            done.notice.detail.starts_with("no history"),
            "{}",
            done.notice.detail
        );
    }
}
