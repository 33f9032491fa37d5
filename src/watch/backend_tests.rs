//! Backend choice and fallback, with fake native watchers that fail the way inotify does.

use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver};
use notify::{EventHandler, RecursiveMode, WatcherKind};

use super::*;

/// A native watcher that accepts two directories, then reports the inotify watch limit.
struct Limited {
    left: usize,
}

impl notify::Watcher for Limited {
    fn new<F: EventHandler>(_: F, _: notify::Config) -> notify::Result<Self> {
        Ok(Limited { left: 2 })
    }
    fn watch(&mut self, _: &Path, _: RecursiveMode) -> notify::Result<()> {
        if self.left == 0 {
            return Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        }
        self.left -= 1;
        Ok(())
    }
    fn unwatch(&mut self, _: &Path) -> notify::Result<()> {
        Ok(())
    }
    fn kind() -> WatcherKind {
        WatcherKind::NullWatcher
    }
}

fn limited(_: Handler) -> notify::Result<Boxed> {
    Ok(Box::new(Limited { left: 2 }))
}

fn broken(_: Handler) -> notify::Result<Boxed> {
    Err(notify::Error::io(std::io::Error::from_raw_os_error(24)))
}

/// Waits (20 s at most) for an event that satisfies `pred`; returns the events seen before it.
fn events_until(rx: &Receiver<FsEvent>, pred: impl Fn(&FsEvent) -> bool) -> Option<Vec<FsEvent>> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(e) if pred(&e) => return Some(seen),
            Ok(e) => seen.push(e),
            Err(_) => return None,
        }
    }
    None
}

fn wait_for(rx: &Receiver<FsEvent>, pred: impl Fn(&FsEvent) -> bool) -> bool {
    events_until(rx, pred).is_some()
}

#[test]
fn a_native_watcher_that_cannot_start_falls_back_to_polling() {
    let tmp = tempfile::tempdir().unwrap();
    let (tx, _rx) = unbounded();
    let w = Watcher::start_with(
        tmp.path(),
        WatchMode::Auto,
        Duration::from_millis(50),
        tx,
        broken,
    )
    .unwrap();
    assert_eq!(w.backend(), Backend::Poll);
    let reason = w.reason().unwrap_or_default();
    assert!(reason.contains("could not start"), "{reason}");
    // Forced native mode reports the failure instead.
    let (tx, _rx) = unbounded();
    let forced = Watcher::start_with(
        tmp.path(),
        WatchMode::Native,
        Duration::from_millis(50),
        tx,
        broken,
    );
    assert!(forced.is_err());
}

#[test]
fn the_watch_limit_switches_to_polling_and_keeps_every_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs: Vec<PathBuf> = (0..4).map(|i| tmp.path().join(format!("d{i}"))).collect();
    for d in &dirs {
        std::fs::create_dir(d).unwrap();
    }
    let (tx, rx) = unbounded();
    let mut w = Watcher::start_with(
        tmp.path(),
        WatchMode::Auto,
        Duration::from_millis(50),
        tx,
        limited,
    )
    .unwrap();
    assert_eq!(w.backend(), Backend::Native);
    assert_eq!(w.add(&dirs[0]).unwrap(), None);
    assert_eq!(w.add(&dirs[1]).unwrap(), None);
    let switched = w.add(&dirs[2]).unwrap();
    assert!(switched
        .unwrap_or_default()
        .contains("system limit after 2 directories"));
    assert_eq!(w.backend(), Backend::Poll);
    assert_eq!(w.add(&dirs[3]).unwrap(), None);
    assert_eq!(w.watched().len(), 4);
    // The poller really watches the directories added before the switch.
    std::fs::write(dirs[0].join("new.rs"), "fn a() {}\n").unwrap();
    let target = dirs[0].join("new.rs");
    assert!(wait_for(&rx, |e| e.paths().contains(&target)));
}

#[test]
fn forced_native_mode_reports_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let (tx, _rx) = unbounded();
    let mut w = Watcher::start_with(
        tmp.path(),
        WatchMode::Native,
        Duration::from_millis(50),
        tx,
        limited,
    )
    .unwrap();
    w.add(tmp.path()).unwrap();
    let sub = tmp.path().join("a");
    std::fs::create_dir(&sub).unwrap();
    w.add(&sub).unwrap();
    let third = tmp.path().join("b");
    std::fs::create_dir(&third).unwrap();
    assert!(w.add(&third).is_err());
    assert_eq!(w.backend(), Backend::Native);
}

#[test]
fn the_native_watcher_reports_writes_and_not_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(tmp.path()).unwrap();
    let file = dir.join("a.rs");
    std::fs::write(&file, "fn a() {}\n").unwrap();
    let (tx, rx) = unbounded();
    let mut w = Watcher::start(&dir, WatchMode::Native, Duration::from_secs(1), tx).unwrap();
    w.add(&dir).unwrap();
    let _ = std::fs::read(&file).unwrap();
    std::fs::write(dir.join("b.rs"), "fn b() {}\n").unwrap();
    let b = dir.join("b.rs");
    let before = events_until(&rx, |e| e.paths().contains(&b));
    // The read of a.rs, which came first, produced nothing: no event names it.
    let before = before.expect("an event for b.rs");
    assert!(
        !before.iter().any(|e| e.paths().contains(&file)),
        "{before:?}"
    );
    w.remove(&dir);
    assert!(w.watched().is_empty());
}
