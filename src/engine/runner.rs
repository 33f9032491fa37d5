//! The engine thread: its loop (events in, batches out), and what one batch does from start to
//! publication. The steps themselves (start-up, incremental update, rescan, config reload) are
//! in `steps`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{select, Receiver, Sender};

use super::history::HeadTracker;
use super::history_jobs;
use super::notice::{Notice, WatchInfo};
use super::session::Session;
use super::{Command, EngineOptions, Published, Shared};
use crate::config::Config;
use crate::model::Model;
use crate::watch::{Backend, Control, Debouncer, FsEvent, PathFilter, Verdict, WatchMode, Watcher};

/// What a batch is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Path(String),
    /// An ignore file changed (its path).
    Rules(String),
    Config,
    Git,
    Rescan,
}

/// After a change seen by polling, the file is looked at again this much later: the poller
/// compares modification times in whole seconds, so a second write within the same second
/// would otherwise go unseen.
pub(super) const RECHECK: Duration = Duration::from_millis(1100);

/// How long the loop sleeps when nothing is pending (it wakes on any event anyway).
const IDLE: Duration = Duration::from_secs(3600);

pub(super) struct Parts {
    pub opts: EngineOptions,
    pub config: Arc<Config>,
    pub filter: PathFilter,
    pub watcher: Watcher,
    pub fs_rx: Receiver<FsEvent>,
    pub cmd_rx: Receiver<Command>,
    pub out: Sender<Notice>,
    pub shared: Arc<Shared>,
}

pub(super) struct Runner {
    pub(super) root: PathBuf,
    pub(super) opts: EngineOptions,
    pub(super) model: Model,
    pub(super) config: Arc<Config>,
    pub(super) filter: PathFilter,
    pub(super) watcher: Watcher,
    pub(super) head: Option<HeadTracker>,
    /// Directories watched for git's sake (kept out of the tree's watch bookkeeping).
    pub(super) git_dirs: HashSet<PathBuf>,
    fs_rx: Receiver<FsEvent>,
    cmd_rx: Receiver<Command>,
    out: Sender<Notice>,
    shared: Arc<Shared>,
    pub(super) debouncer: Debouncer<Key>,
    pub(super) rechecks: Vec<(Instant, String)>,
    /// Files written and not closed yet, with when the first write was seen (inotify only).
    pub(super) writing: HashMap<String, Instant>,
    pub(super) rescan_reason: Option<String>,
    pub(super) generation: u64,
    pub(super) session: Option<Session>,
    /// The background history worker (started once the model is ready, in a repository).
    pub(super) history_tx: Option<Sender<history_jobs::Request>>,
    pub(super) history_rx: Receiver<history_jobs::Done>,
    pub(super) history: Option<Arc<crate::history::HistoryReport>>,
    /// `SEAMLINE_WATCH_TRACE` set: one line per batch on stderr (timings, for benchmarks).
    pub(super) trace: bool,
}

impl Runner {
    pub(super) fn new(p: Parts) -> Runner {
        let debouncer = Debouncer::new(p.opts.debounce, p.opts.max_wait);
        Runner {
            root: p.opts.root.clone(),
            opts: p.opts,
            model: Model::new(),
            config: p.config,
            filter: p.filter,
            watcher: p.watcher,
            head: None,
            git_dirs: HashSet::new(),
            fs_rx: p.fs_rx,
            cmd_rx: p.cmd_rx,
            out: p.out,
            shared: p.shared,
            debouncer,
            rechecks: Vec::new(),
            writing: HashMap::new(),
            rescan_reason: None,
            generation: 0,
            session: None,
            history_tx: None,
            history_rx: crossbeam_channel::never(),
            history: None,
            trace: std::env::var_os("SEAMLINE_WATCH_TRACE").is_some(),
        }
    }

    pub(super) fn notify(&self, n: Notice) {
        let _ = self.out.send(n);
    }

    pub(super) fn watch_info(&self) -> WatchInfo {
        WatchInfo {
            backend: self.watcher.backend().as_str(),
            reason: self.watcher.reason().map(String::from),
            poll_interval_ms: u64::try_from(self.watcher.poll_interval().as_millis()).unwrap_or(0),
            directories: self.watcher.watched().len(),
        }
    }

    pub(super) fn publish(&mut self, complete: bool) {
        self.shared.set(Published {
            generation: self.generation,
            snapshot: self.model.snapshot(),
            complete,
            config: self.config.clone(),
            session: self.session.clone(),
            backend: self.watcher.backend(),
            history: self.history.clone(),
        });
    }

    /// The thread's body: start up, then batches until told to stop.
    pub(super) fn run(mut self) {
        self.start_up();
        loop {
            let now = Instant::now();
            let wake = [
                self.debouncer.deadline(),
                self.rechecks.iter().map(|r| r.0).min(),
            ]
            .into_iter()
            .flatten()
            .min();
            let timeout = wake.map_or(IDLE, |w| w.saturating_duration_since(now));
            select! {
                recv(self.fs_rx) -> ev => {
                    if let Ok(ev) = ev {
                        self.on_fs(ev);
                    }
                }
                recv(self.history_rx) -> done => {
                    if let Ok(done) = done {
                        self.on_history(done);
                    }
                }
                recv(self.cmd_rx) -> cmd => match cmd {
                    Ok(Command::Rescan) => {
                        self.rescan_reason = Some("a rescan was asked for".into());
                        self.debouncer.push(Key::Rescan, Instant::now());
                    }
                    Ok(Command::Stop) | Err(_) => return,
                },
                default(timeout) => {}
            }
            // Take whatever else is queued, so that a burst is seen as one.
            while let Ok(ev) = self.fs_rx.try_recv() {
                self.on_fs(ev);
            }
            let now = Instant::now();
            self.due_rechecks(now);
            if self.debouncer.ready(now) {
                self.batch();
            }
        }
    }

    /// True when the backend reports closes after writes (inotify), so that files still open
    /// for writing can wait for their close.
    fn close_aware(&self) -> bool {
        cfg!(any(target_os = "linux", target_os = "android"))
            && self.watcher.backend() == Backend::Native
    }

    fn on_fs(&mut self, ev: FsEvent) {
        let now = Instant::now();
        let (paths, writing) = match ev {
            FsEvent::Touched(p) => (p, None),
            FsEvent::Writing(p) => (p, Some(true)),
            FsEvent::Closed(p) => (p, Some(false)),
            FsEvent::Rescan(reason) => {
                self.rescan_reason = Some(reason);
                self.debouncer.push(Key::Rescan, now);
                return;
            }
            FsEvent::Limit(reason) => return self.on_limit(reason),
        };
        for p in paths {
            let key = match self.filter.classify(&p) {
                (Verdict::Source, rel) => {
                    match writing {
                        Some(true) if self.close_aware() => {
                            self.writing.entry(rel.clone()).or_insert(now);
                        }
                        Some(false) => {
                            self.writing.remove(&rel);
                        }
                        _ => {}
                    }
                    Key::Path(rel)
                }
                (Verdict::Control(Control::IgnoreRules), rel) => Key::Rules(rel),
                (Verdict::Control(Control::Config), _) => Key::Config,
                (Verdict::Control(Control::GitRef), _) => Key::Git,
                (Verdict::Ignored, _) => continue,
            };
            self.debouncer.push(key, now);
        }
    }

    pub(super) fn on_limit(&mut self, reason: String) {
        if self.opts.watch != WatchMode::Auto || self.watcher.backend() == Backend::Poll {
            self.notify(Notice::Error {
                message: format!("the native watcher reached a system limit: {reason}"),
            });
            return;
        }
        match self.watcher.switch_to_poll(format!(
            "the native watcher reached a system limit ({reason}); on Linux, raise \
             fs.inotify.max_user_watches"
        )) {
            Ok(()) => {
                self.notify(Notice::Watch(self.watch_info()));
                self.rescan_reason = Some("switched to polling".into());
                self.debouncer.push(Key::Rescan, Instant::now());
            }
            Err(e) => self.notify(Notice::Error {
                message: e.to_string(),
            }),
        }
    }

    fn due_rechecks(&mut self, now: Instant) {
        if self.rechecks.is_empty() {
            return;
        }
        let (due, later): (Vec<_>, Vec<_>) = self.rechecks.drain(..).partition(|r| r.0 <= now);
        self.rechecks = later;
        for (_, rel) in due {
            self.debouncer.push(Key::Path(rel), now);
        }
    }

    /// The watcher switched to polling while adding a watch: say so, and rescan soon.
    pub(super) fn on_switched(&mut self, reason: String) {
        self.notify(Notice::Watch(self.watch_info()));
        self.rescan_reason = Some(format!("switched to polling: {reason}"));
        self.debouncer.push(Key::Rescan, Instant::now());
    }
}
