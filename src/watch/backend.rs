//! The watcher: notify's native backend (inotify on Linux), or polling (`poll::StatPoller`,
//! behind notify's `Watcher` trait) when the native one cannot be trusted or cannot be had,
//! with the reason kept for the user.
//!
//! Directories are watched one by one, non-recursively, and only those the path filter accepts:
//! a recursive watch of the root would also watch `target/`, `node_modules/` and `.git/objects`
//! (1,461 directories for this very repository against the 35 that hold its sources), spending
//! the system's inotify watches and waking on every build. The engine adds a directory's watch
//! *before* it lists the directory, so nothing created in between is missed.
//!
//! Polling is chosen automatically when the root is on a network file system (remote changes
//! never reach inotify), when the native watcher cannot be created, or when adding a watch hits
//! the watch or file limits, at start or later; `WatchMode::Native` and `WatchMode::Poll` force
//! one. After a switch the engine rescans, since events may have been lost.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossbeam_channel::Sender;
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use super::event::{self, FsEvent};
use super::netfs;
use super::poll::StatPoller;

/// Which backend delivers events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Native,
    Poll,
}

impl Backend {
    /// Lowercase name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Native => "native",
            Backend::Poll => "poll",
        }
    }
}

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WatchMode {
    /// Native, falling back to polling when needed.
    #[default]
    Auto,
    Native,
    Poll,
}

/// A watcher that could not be started or could not watch.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WatchError(pub String);

type Boxed = Box<dyn notify::Watcher + Send>;

/// Makes the native watcher; replaced in tests to simulate failures.
pub type NativeFactory = fn(Handler) -> notify::Result<Boxed>;

/// The event handler given to notify: reduces events and sends them on.
pub struct Handler(Sender<FsEvent>);

impl notify::EventHandler for Handler {
    fn handle_event(&mut self, ev: notify::Result<notify::Event>) {
        if let Some(e) = event::reduce(ev) {
            let _ = self.0.send(e);
        }
    }
}

fn native(handler: Handler) -> notify::Result<Boxed> {
    Ok(Box::new(RecommendedWatcher::new(
        handler,
        notify::Config::default(),
    )?))
}

/// The running watcher and the directories it watches.
pub struct Watcher {
    inner: Boxed,
    backend: Backend,
    reason: Option<String>,
    mode: WatchMode,
    poll_interval: Duration,
    tx: Sender<FsEvent>,
    dirs: BTreeSet<PathBuf>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("backend", &self.backend)
            .field("reason", &self.reason)
            .field("dirs", &self.dirs.len())
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// Starts a watcher for a tree rooted at `root` (nothing is watched yet: see `add`).
    pub fn start(
        root: &Path,
        mode: WatchMode,
        poll_interval: Duration,
        tx: Sender<FsEvent>,
    ) -> Result<Watcher, WatchError> {
        Self::start_with(root, mode, poll_interval, tx, native)
    }

    /// `start` with the native watcher made by `factory`.
    pub fn start_with(
        root: &Path,
        mode: WatchMode,
        poll_interval: Duration,
        tx: Sender<FsEvent>,
        factory: NativeFactory,
    ) -> Result<Watcher, WatchError> {
        let poll = |reason: Option<String>| -> Result<Watcher, WatchError> {
            Ok(Watcher {
                inner: poller(&tx, poll_interval)?,
                backend: Backend::Poll,
                reason,
                mode,
                poll_interval,
                tx: tx.clone(),
                dirs: BTreeSet::new(),
            })
        };
        match mode {
            WatchMode::Poll => return poll(Some("polling was asked for (--watch poll)".into())),
            WatchMode::Auto => {
                if let Some((mount, fs_type)) = netfs::network_mount(root) {
                    return poll(Some(format!(
                        "{} is on a network file system ({fs_type} at {mount}): native events \
                         would miss changes made on other machines",
                        root.display()
                    )));
                }
            }
            WatchMode::Native => {}
        }
        match factory(Handler(tx.clone())) {
            Ok(inner) => Ok(Watcher {
                inner,
                backend: Backend::Native,
                reason: None,
                mode,
                poll_interval,
                tx,
                dirs: BTreeSet::new(),
            }),
            Err(e) if mode == WatchMode::Auto => {
                poll(Some(format!("the native watcher could not start: {e}")))
            }
            Err(e) => Err(WatchError(format!(
                "the native watcher could not start: {e}"
            ))),
        }
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Why polling is in use, when it is.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The polling interval (meaningful with `Backend::Poll`).
    pub fn poll_interval(&self) -> Duration {
        self.poll_interval
    }

    /// True when `dir` is watched.
    pub fn watches(&self, dir: &Path) -> bool {
        self.dirs.contains(dir)
    }

    /// The watched directories.
    pub fn watched(&self) -> &BTreeSet<PathBuf> {
        &self.dirs
    }

    /// Watches `dir` (not its subdirectories). A directory gone meanwhile is skipped. When the
    /// native watcher hits a system limit in automatic mode, the watcher switches to polling
    /// (every directory watched so far is carried over) and returns the reason; the caller
    /// should rescan, as events may have been lost.
    pub fn add(&mut self, dir: &Path) -> Result<Option<String>, WatchError> {
        if self.dirs.contains(dir) {
            return Ok(None);
        }
        match self.inner.watch(dir, RecursiveMode::NonRecursive) {
            Ok(()) => {
                self.dirs.insert(dir.to_path_buf());
                Ok(None)
            }
            Err(e) if event::is_limit(&e) && self.mode == WatchMode::Auto => {
                let reason = format!(
                    "the native watcher reached a system limit after {} directories ({e}); on \
                     Linux, raise fs.inotify.max_user_watches",
                    self.dirs.len()
                );
                self.switch_to_poll(reason.clone())?;
                self.add(dir)?;
                Ok(Some(reason))
            }
            Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => Ok(None),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(WatchError(format!("cannot watch {}: {e}", dir.display()))),
        }
    }

    /// Watches `dir` again even if it is known: after a directory moved or was replaced, the
    /// native backend may have dropped its watch by itself. Adding a watch twice is harmless.
    pub fn rewatch(&mut self, dir: &Path) -> Result<Option<String>, WatchError> {
        self.dirs.remove(dir);
        self.add(dir)
    }

    /// Stops watching `dir` (a directory that left the model). Errors are ignored: the native
    /// watcher drops watches of deleted or moved directories by itself.
    pub fn remove(&mut self, dir: &Path) {
        if self.dirs.remove(dir) {
            let _ = self.inner.unwatch(dir);
        }
    }

    /// Replaces the native watcher by a poller over the same directories.
    pub fn switch_to_poll(&mut self, reason: String) -> Result<(), WatchError> {
        if self.backend == Backend::Poll {
            return Ok(());
        }
        let mut inner = poller(&self.tx, self.poll_interval)?;
        for dir in &self.dirs {
            let _ = inner.watch(dir, RecursiveMode::NonRecursive);
        }
        self.inner = inner;
        self.backend = Backend::Poll;
        self.reason = Some(reason);
        Ok(())
    }
}

fn poller(tx: &Sender<FsEvent>, interval: Duration) -> Result<Boxed, WatchError> {
    StatPoller::start(Handler(tx.clone()), interval)
        .map(|w| Box::new(w) as Boxed)
        .map_err(|e| WatchError(format!("the polling watcher could not start: {e}")))
}

fn is_not_found(e: &notify::Error) -> bool {
    matches!(&e.kind, notify::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound)
}

#[cfg(test)]
#[path = "backend_tests.rs"]
mod tests;
