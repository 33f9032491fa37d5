//! The polling backend: every interval, each watched directory is listed and its entries'
//! metadata compared with the previous listing (size, modification and change times to the
//! nanosecond, inode, type); what differs is reported as touched.
//!
//! Why not notify's `PollWatcher`: it compares modification times in whole seconds and nothing
//! else, so a file written twice within one second is seen once and its final content missed —
//! `tests/watch/poll.rs` failed that way with it (an edit right after start-up was never seen).
//! Comparing the size and the full-precision times catches those writes; for file systems that
//! store times coarsely, the engine reads a changed file once more a little later.
//!
//! It implements notify's `Watcher` trait, so the rest of the watcher does not know which
//! poller it drives. Directories only, non-recursively, as the rest of the watcher uses them.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crossbeam_channel::{bounded, Sender};
use notify::event::{CreateKind, EventKind};
use notify::{Event, EventHandler, RecursiveMode, WatcherKind};

/// What is compared between two listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    mtime: i128,
    ctime: i128,
    ino: u64,
    dir: bool,
}

fn stamp(md: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: md.len(),
            mtime: i128::from(md.mtime()) * 1_000_000_000 + i128::from(md.mtime_nsec()),
            ctime: i128::from(md.ctime()) * 1_000_000_000 + i128::from(md.ctime_nsec()),
            ino: md.ino(),
            dir: md.is_dir(),
        }
    }
    #[cfg(not(unix))]
    {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stamp {
            len: md.len(),
            mtime: ns(md.modified()),
            ctime: ns(md.created()),
            ino: 0,
            dir: md.is_dir(),
        }
    }
}

/// One directory's entries as last seen (`None`: the directory itself could not be listed).
type Listing = Option<HashMap<OsString, Stamp>>;

fn list(dir: &Path) -> Listing {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut out = HashMap::new();
    for e in entries.flatten() {
        if let Ok(md) = e.metadata() {
            out.insert(e.file_name(), stamp(&md));
        }
    }
    Some(out)
}

/// The paths that differ between two listings of `dir`.
fn diff(dir: &Path, old: &Listing, new: &Listing) -> Vec<PathBuf> {
    match (old, new) {
        (Some(o), Some(n)) => {
            let mut out: Vec<PathBuf> = n
                .iter()
                .filter(|(name, s)| o.get(*name) != Some(s))
                .map(|(name, _)| dir.join(name))
                .collect();
            out.extend(
                o.keys()
                    .filter(|k| !n.contains_key(*k))
                    .map(|k| dir.join(k)),
            );
            out
        }
        (None, None) => Vec::new(),
        _ => vec![dir.to_path_buf()],
    }
}

struct State {
    dirs: BTreeMap<PathBuf, Listing>,
}

/// A poller over directories, on its own thread.
pub struct StatPoller {
    state: Arc<Mutex<State>>,
    /// Dropped to stop the thread.
    _stop: Sender<()>,
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Lists every watched directory once; the paths that changed since the last listing.
fn poll_once(shared: &Mutex<State>) -> Vec<PathBuf> {
    // The directory list is copied, not the listings: each directory is listed without the
    // lock, then compared and replaced under it.
    let dirs: Vec<PathBuf> = lock(shared).dirs.keys().cloned().collect();
    let mut touched = Vec::new();
    for dir in dirs {
        let new = list(&dir);
        if let Some(slot) = lock(shared).dirs.get_mut(&dir) {
            touched.extend(diff(&dir, slot, &new));
            *slot = new;
        }
    }
    touched
}

/// The one event reporting `paths`, each as `Create(Any)`.
fn created(paths: Vec<PathBuf>) -> Event {
    Event {
        kind: EventKind::Create(CreateKind::Any),
        paths,
        attrs: Default::default(),
    }
}

impl StatPoller {
    /// Starts polling every `interval`; events go to `handler`.
    pub fn start<F: EventHandler>(
        mut handler: F,
        interval: Duration,
    ) -> notify::Result<StatPoller> {
        let state = Arc::new(Mutex::new(State {
            dirs: BTreeMap::new(),
        }));
        let (stop_tx, stop_rx) = bounded::<()>(0);
        let shared = state.clone();
        std::thread::Builder::new()
            .name("seamline-poll".into())
            .spawn(move || {
                // Ends when the poller is dropped (the channel disconnects).
                while let Err(crossbeam_channel::RecvTimeoutError::Timeout) =
                    stop_rx.recv_timeout(interval)
                {
                    let touched = poll_once(&shared);
                    if !touched.is_empty() {
                        handler.handle_event(Ok(created(touched)));
                    }
                }
            })
            .map_err(notify::Error::io)?;
        Ok(StatPoller {
            state,
            _stop: stop_tx,
        })
    }
}

impl notify::Watcher for StatPoller {
    fn new<F: EventHandler>(event_handler: F, config: notify::Config) -> notify::Result<Self> {
        let interval = config.poll_interval().unwrap_or(Duration::from_secs(1));
        StatPoller::start(event_handler, interval)
    }

    fn watch(&mut self, path: &Path, _: RecursiveMode) -> notify::Result<()> {
        let listing = list(path);
        if listing.is_none() && !path.exists() {
            return Err(notify::Error::path_not_found().add_path(path.to_path_buf()));
        }
        lock(&self.state).dirs.insert(path.to_path_buf(), listing);
        Ok(())
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match lock(&self.state).dirs.remove(path) {
            Some(_) => Ok(()),
            None => Err(notify::Error::watch_not_found()),
        }
    }

    fn kind() -> WatcherKind {
        WatcherKind::PollWatcher
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::Watcher;
    use std::time::Instant;

    #[test]
    fn a_same_second_rewrite_of_another_size_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let file = dir.join("a.rs");
        std::fs::write(&file, "fn a() {}\n").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut p = StatPoller::start(tx, Duration::from_millis(20)).unwrap();
        p.watch(&dir, RecursiveMode::NonRecursive).unwrap();
        std::fs::write(&file, "fn a() {}\nfn b() {}\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = false;
        while !seen && Instant::now() < deadline {
            if let Ok(Ok(ev)) = rx.recv_timeout(Duration::from_millis(500)) {
                seen = ev.paths.contains(&file);
            }
        }
        assert!(seen);
    }

    #[test]
    fn listings_differ_by_entry() {
        let d = Path::new("/r");
        let s = |len| Stamp {
            len,
            mtime: 1,
            ctime: 1,
            ino: 1,
            dir: false,
        };
        let old: Listing = Some(
            [("a".into(), s(1)), ("b".into(), s(1))]
                .into_iter()
                .collect(),
        );
        let new: Listing = Some(
            [("a".into(), s(2)), ("c".into(), s(1))]
                .into_iter()
                .collect(),
        );
        let mut got = diff(d, &old, &new);
        got.sort();
        assert_eq!(got, [d.join("a"), d.join("b"), d.join("c")]);
        assert_eq!(diff(d, &old, &None), [d.to_path_buf()]);
        assert!(diff(d, &old, &old).is_empty());
    }
}
