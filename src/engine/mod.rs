//! The engine: the one owner of the live model. It builds the model (a lines-only snapshot
//! first, then the full one), then turns the watcher's events into batches (debounced, each
//! path once, the newest state wins), re-measures only what changed (on two workers for big
//! batches), applies the difference, and after each batch publishes an immutable snapshot and
//! a small notice saying what mattered: bands crossed, files created or removed, HEAD moved.
//! The refactor session (a baseline at start, and the delta from it) lives here too.
//!
//! A shell layer, like the commands and the cockpit: it may use the core, the core never uses
//! it. No async runtime: one thread owns the model, crossbeam channels carry events, commands
//! and notices, and consumers read snapshots behind an `Arc` whenever they like.

pub mod apply;
mod batch;
pub mod changes;
pub mod history;
pub mod history_jobs;
pub mod measure;
pub mod nodes;
pub mod notice;
pub mod render;
mod runner;
pub mod session;
mod steps;
pub mod summary;
pub mod sync;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{unbounded, Receiver, Sender};

use crate::config::{Config, ConfigErrors, LoadOptions};
use crate::model::{Model, Snapshot};
use crate::watch::filter::ScanRules;
use crate::watch::{Backend, PathFilter, WatchMode, Watcher};
pub use notice::Notice;
pub use session::{Delta, Session};

/// How the engine runs.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// The tree to watch (a directory).
    pub root: PathBuf,
    /// Where the configuration comes from; its `root` is replaced by the canonical root.
    pub config: LoadOptions,
    pub watch: WatchMode,
    /// Quiet time before a batch runs.
    pub debounce: Duration,
    /// Longest a batch waits for quiet once its first event came.
    pub max_wait: Duration,
    /// Interval of the polling watcher.
    pub poll_interval: Duration,
    /// The scan cache directory (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
    /// Threads that re-measure big batches.
    pub workers: usize,
    /// Threads of full scans (0: one per core).
    pub scan_threads: usize,
}

impl EngineOptions {
    /// Defaults for `root`: automatic watcher, 50 ms debounce, 1 s max wait and poll interval,
    /// two workers, no cache, no user config.
    pub fn new(root: impl Into<PathBuf>) -> EngineOptions {
        let root = root.into();
        EngineOptions {
            config: LoadOptions {
                root: root.clone(),
                ..LoadOptions::default()
            },
            root,
            watch: WatchMode::Auto,
            debounce: Duration::from_millis(50),
            max_wait: Duration::from_secs(1),
            poll_interval: Duration::from_secs(1),
            cache_dir: None,
            workers: 2,
            scan_threads: 0,
        }
    }
}

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{path}: {message}")]
    Root { path: PathBuf, message: String },
    #[error("{0}")]
    Config(#[from] ConfigErrors),
    #[error("{0}")]
    Watch(#[from] crate::watch::WatchError),
    #[error("[scan] ignore: {0}")]
    Rules(String),
}

/// What the engine last published. Immutable; hold it as long as needed.
#[derive(Debug, Clone)]
pub struct Published {
    /// Bumped whenever the model or the configuration changed.
    pub generation: u64,
    pub snapshot: Snapshot,
    /// False until the first full scan is in (before that, lines only: no components).
    pub complete: bool,
    pub config: Arc<Config>,
    /// The refactor session, from the first complete snapshot on.
    pub session: Option<Session>,
    pub backend: Backend,
    /// The git history of the tree, once the background walk is in (refreshed when HEAD
    /// moves).
    pub history: Option<Arc<crate::history::HistoryReport>>,
}

impl Published {
    /// The session's delta to this snapshot.
    pub fn delta(&self) -> Option<Delta> {
        let session = self.session.as_ref()?;
        Some(session.delta(&self.snapshot, self.config.as_ref()))
    }
}

struct Shared {
    latest: RwLock<Arc<Published>>,
}

impl Shared {
    fn get(&self) -> Arc<Published> {
        match self.latest.read() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, p: Published) {
        match self.latest.write() {
            Ok(mut slot) => *slot = Arc::new(p),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(p),
        }
    }
}

enum Command {
    Rescan,
    Stop,
}

/// A running engine. Dropping it stops the engine thread.
pub struct Engine {
    cmd: Sender<Command>,
    notices: Receiver<Notice>,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Engine {
    /// Checks the root and the configuration, starts the watcher and the engine thread. The
    /// initial scan runs on that thread; `Notice::Ready` says when it is done.
    pub fn start(mut opts: EngineOptions) -> Result<Engine, EngineError> {
        let root = canonical_dir(&opts.root)?;
        opts.root = root.clone();
        opts.config.root = root.clone();
        let config = Arc::new(Config::load(&opts.config)?);
        let rules = ScanRules {
            ignore: config.ignore.clone(),
            languages: config.languages.clone(),
        };
        let filter =
            PathFilter::new(&root, rules, opts.cache_dir.as_deref()).map_err(EngineError::Rules)?;
        let (fs_tx, fs_rx) = unbounded();
        let watcher = Watcher::start(&root, opts.watch, opts.poll_interval, fs_tx)?;
        let (cmd_tx, cmd_rx) = unbounded();
        let (out_tx, out_rx) = unbounded();
        let shared = Arc::new(Shared {
            latest: RwLock::new(Arc::new(Published {
                generation: 0,
                snapshot: Model::new().snapshot(),
                complete: false,
                config: config.clone(),
                session: None,
                backend: watcher.backend(),
                history: None,
            })),
        });
        let runner = runner::Runner::new(runner::Parts {
            opts,
            config,
            filter,
            watcher,
            fs_rx,
            cmd_rx,
            out: out_tx,
            shared: shared.clone(),
        });
        let thread = std::thread::Builder::new()
            .name("seamline-engine".into())
            .spawn(move || runner.run())
            .map_err(|e| EngineError::Root {
                path: root,
                message: format!("cannot start the engine thread: {e}"),
            })?;
        Ok(Engine {
            cmd: cmd_tx,
            notices: out_rx,
            shared,
            thread: Some(thread),
        })
    }

    /// The notices, in order. Unbounded: read them, or they accumulate.
    pub fn notices(&self) -> &Receiver<Notice> {
        &self.notices
    }

    /// The last published snapshot.
    pub fn latest(&self) -> Arc<Published> {
        self.shared.get()
    }

    /// Asks for a rescan of the whole tree.
    pub fn rescan(&self) {
        let _ = self.cmd.send(Command::Rescan);
    }

    /// Stops the engine (after the batch in progress, if any) and returns what it last
    /// published. The notices sent before the stop can still be read.
    pub fn stop(&mut self) -> Arc<Published> {
        self.halt();
        self.shared.get()
    }

    fn halt(&mut self) {
        let _ = self.cmd.send(Command::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.halt();
    }
}

fn canonical_dir(root: &Path) -> Result<PathBuf, EngineError> {
    let fail = |message: String| EngineError::Root {
        path: root.to_path_buf(),
        message,
    };
    let canon = std::fs::canonicalize(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => fail("no such file or directory".into()),
        _ => fail(format!("cannot read: {e}")),
    })?;
    if !canon.is_dir() {
        return Err(fail("watch needs a directory".into()));
    }
    std::fs::read_dir(&canon).map_err(|e| fail(format!("cannot read: {e}")))?;
    Ok(canon)
}
