//! The engine thread: its loop (events in, batches out), and what one batch does from start to
//! publication. The steps themselves (start-up, incremental update, rescan, config reload) are
//! in `steps`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{select, Receiver, Sender};

use super::apply::Applied;
use super::changes;
use super::history::HeadTracker;
use super::history_jobs;
use super::nodes::all_states;
use super::notice::{Batch, Change, Notice, WatchInfo, MAX_CHANGES};
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
const RECHECK: Duration = Duration::from_millis(1100);

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
    debouncer: Debouncer<Key>,
    rechecks: Vec<(Instant, String)>,
    /// Files written and not closed yet, with when the first write was seen (inotify only).
    writing: HashMap<String, Instant>,
    rescan_reason: Option<String>,
    pub(super) generation: u64,
    pub(super) session: Option<Session>,
    /// The background history worker (started once the model is ready, in a repository).
    pub(super) history_tx: Option<Sender<history_jobs::Request>>,
    pub(super) history_rx: Receiver<history_jobs::Done>,
    history: Option<Arc<crate::history::HistoryReport>>,
    /// `SEAMLINE_WATCH_TRACE` set: one line per batch on stderr (timings, for benchmarks).
    trace: bool,
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
                    Ok(Command::Rescan) => self.debouncer.push(Key::Rescan, Instant::now()),
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

    /// Puts back the files still open for writing (for at most `max_wait` after their first
    /// write), so that a half-written file is not measured; returns the rest.
    fn defer_writing(&mut self, keys: Vec<Key>, now: Instant) -> Vec<Key> {
        if self.writing.is_empty() {
            return keys;
        }
        let max_wait = self.opts.max_wait;
        let root = self.root.clone();
        self.writing
            .retain(|rel, since| now.duration_since(*since) < max_wait && root.join(rel).exists());
        let (later, now_keys): (Vec<Key>, Vec<Key>) = keys
            .into_iter()
            .partition(|k| matches!(k, Key::Path(p) if self.writing.contains_key(p)));
        for k in later {
            self.debouncer.push(k, now);
        }
        now_keys
    }

    /// One batch: from the pending keys to a published snapshot and a notice.
    fn batch(&mut self) {
        let started = Instant::now();
        let due = self.debouncer.deadline();
        let taken = self.debouncer.take();
        let keys = self.defer_writing(taken, started);
        if keys.is_empty() {
            return;
        }
        let mut paths = Vec::new();
        let (mut rules, mut config, mut git, mut rescan) = (Vec::new(), false, false, false);
        for k in keys {
            match k {
                Key::Path(p) => paths.push(p),
                Key::Rules(p) => rules.push(p),
                Key::Config => config = true,
                Key::Git => git = true,
                Key::Rescan => rescan = true,
            }
        }
        let before = self.model.snapshot();
        let before_config = self.config.clone();
        let mut resync = rescan || !rules.is_empty();
        let mut triggers = paths.clone();
        triggers.extend(rules.iter().cloned());
        if config {
            triggers.push(crate::config::REPO_FILE.to_string());
            resync |= self.reload_config();
        }
        if !rules.is_empty() {
            self.filter.reload();
        }
        let (mut applied, unchanged, measured) = if resync {
            let reason = self.rescan_reason.take();
            (self.resync(&before, reason), 0, Vec::new())
        } else {
            self.incremental(&before, &paths)
        };
        let config_changed = !Arc::ptr_eq(&before_config, &self.config);
        if config_changed {
            applied.bands = changes::compare(
                &all_states(&before, before_config.as_ref()),
                &all_states(&self.model, self.config.as_ref()),
            );
        }
        for dir in &applied.removed_dirs {
            self.unwatch_under(dir);
        }
        if applied.changed || config_changed {
            self.generation += 1;
            self.publish(true);
        }
        if self.watcher.backend() == Backend::Poll {
            let at = Instant::now() + RECHECK;
            self.rechecks.extend(measured.into_iter().map(|p| (at, p)));
        }
        if config_changed {
            for b in &mut applied.bands {
                b.why = vec![crate::config::REPO_FILE.to_string()];
            }
        }
        let batch = self.describe(applied, &triggers, unchanged, resync, started);
        if self.trace {
            eprintln!(
                "seamline-trace: batch of {} paths, started {:?} after its deadline, took {:?}",
                batch.paths,
                due.map(|d| started.saturating_duration_since(d)),
                batch.elapsed
            );
        }
        self.notify(Notice::Batch(batch));
        if git {
            self.check_head();
        }
    }

    /// Removes the watches of `dir` (relative) and everything below it.
    fn unwatch_under(&mut self, dir: &str) {
        let base = self.root.join(dir);
        let gone: Vec<PathBuf> = self
            .watcher
            .watched()
            .iter()
            .filter(|p| p.starts_with(&base) && !self.git_dirs.contains(*p))
            .cloned()
            .collect();
        for p in gone {
            self.watcher.remove(&p);
        }
    }

    fn describe(
        &self,
        applied: Applied,
        triggers: &[String],
        unchanged: usize,
        rescan: bool,
        started: Instant,
    ) -> Batch {
        let mut all: Vec<Change> = Vec::new();
        let (created, removed) = (applied.created.len(), applied.removed.len());
        for mut b in applied.bands {
            if b.why.is_empty() {
                b.why = changes::why(&b.path, triggers);
            }
            all.push(Change::Band(b));
        }
        for mut e in applied.created {
            e.why = changes::why(&e.path, triggers);
            all.push(Change::Created(e));
        }
        for mut e in applied.removed {
            e.why = changes::why(&e.path, triggers);
            all.push(Change::Removed(e));
        }
        changes::sort(&mut all);
        let omitted = all.len().saturating_sub(MAX_CHANGES);
        all.truncate(MAX_CHANGES);
        for message in applied.errors {
            self.notify(Notice::Error { message });
        }
        Batch {
            generation: self.generation,
            paths: triggers.len(),
            updated: applied.updated,
            created,
            removed,
            unchanged,
            changes: all,
            omitted,
            rescan,
            elapsed: started.elapsed(),
        }
    }

    fn check_head(&mut self) {
        let Some(head) = self.head.as_mut() else {
            return;
        };
        let moved = head.check();
        let dirs = head.watch_dirs();
        for d in dirs {
            if !self.watcher.watches(&d) {
                if let Ok(Some(reason)) = self.watcher.add(&d) {
                    self.on_switched(reason);
                }
                self.git_dirs.insert(d);
            }
        }
        if let Some(h) = moved {
            self.request_history(h);
        }
    }

    /// Asks the background worker for a history refresh.
    pub(super) fn request_history(&mut self, head: crate::engine::notice::History) {
        if let Some(tx) = &self.history_tx {
            let _ = tx.send(history_jobs::Request {
                snapshot: self.model.snapshot(),
                config: self.config.clone(),
                head,
            });
        }
    }

    /// A history refresh is done: publish it and say so.
    fn on_history(&mut self, done: history_jobs::Done) {
        if let Some(report) = done.report {
            self.history = Some(report);
            self.generation += 1;
            self.publish(true);
        }
        self.notify(Notice::History(done.notice));
    }

    /// The watcher switched to polling while adding a watch: say so, and rescan soon.
    pub(super) fn on_switched(&mut self, reason: String) {
        let _ = reason;
        self.notify(Notice::Watch(self.watch_info()));
        self.rescan_reason = Some("switched to polling".into());
        self.debouncer.push(Key::Rescan, Instant::now());
    }
}
