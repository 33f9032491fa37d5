//! Helpers for the watch tests: a temp tree with an engine on it, and waits on conditions with a
//! deadline (never fixed sleeps). Every wait blocks on the engine's next notice, so a slow
//! machine only makes the tests slower, not wrong.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use seamline::engine::notice::{BandChange, Batch, Change};
use seamline::engine::{Engine, EngineOptions, Notice, Published};

/// How long a wait may take before the test fails. Generous: a loaded CI machine is slow, and
/// a wait that succeeds returns as soon as its condition holds.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A temp tree watched by an engine.
pub struct Harness {
    pub dir: tempfile::TempDir,
    /// The canonical root.
    pub root: PathBuf,
    pub engine: Engine,
    /// Every notice received so far.
    pub seen: Vec<Notice>,
}

/// Writes `text` to `root/rel`, creating directories.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A Rust source of exactly `lines` lines: one-line functions.
pub fn rust_lines(lines: usize) -> String {
    (0..lines).map(|i| format!("fn f{i}() {{}}\n")).collect()
}

impl Harness {
    /// Builds a tree with `setup`, starts an engine (tuned by `tune`; debounce 200 ms so that a
    /// loaded machine does not split one save in two) and waits until it is ready.
    pub fn start(setup: impl FnOnce(&Path), tune: impl FnOnce(&mut EngineOptions)) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        setup(&root);
        let mut opts = EngineOptions::new(&root);
        opts.debounce = Duration::from_millis(200);
        opts.max_wait = Duration::from_secs(2);
        tune(&mut opts);
        let engine = Engine::start(opts).expect("engine starts");
        let mut h = Harness {
            dir,
            root,
            engine,
            seen: Vec::new(),
        };
        h.wait_notice("ready", |n| matches!(n, Notice::Ready(_)));
        h
    }

    /// Writes a file under the root.
    pub fn write(&self, rel: &str, text: &str) {
        write(&self.root, rel, text);
    }

    /// Receives notices until one satisfies `pred`; panics after the deadline.
    pub fn wait_notice(&mut self, what: &str, pred: impl Fn(&Notice) -> bool) -> Notice {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.engine.notices().recv_timeout(left) {
                Ok(n) => {
                    self.seen.push(n.clone());
                    if pred(&n) {
                        return n;
                    }
                }
                Err(_) => panic!("waited {DEADLINE:?} for {what}; notices: {:#?}", self.seen),
            }
        }
    }

    /// Waits until the published state satisfies `pred` (checked after each notice).
    pub fn wait_model(&mut self, what: &str, pred: impl Fn(&Published) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if pred(&self.engine.latest()) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.engine.notices().recv_timeout(left) {
                Ok(n) => self.seen.push(n),
                Err(_) => panic!("waited {DEADLINE:?} for {what}; notices: {:#?}", self.seen),
            }
        }
    }

    /// Waits for a batch notice with a band change satisfying `pred`.
    pub fn wait_band(&mut self, what: &str, pred: impl Fn(&BandChange) -> bool) -> BandChange {
        let n = self.wait_notice(what, |n| bands(n).any(&pred));
        let found = bands(&n).find(|b| pred(b)).cloned();
        found.expect("matched")
    }

    /// Lines of the file at `rel` in the latest snapshot.
    pub fn lines(&self, rel: &str) -> Option<u32> {
        let p = self.engine.latest();
        let id = p.snapshot.lookup(rel)?;
        p.snapshot.node(id)?.file().map(|f| f.lines.total)
    }

    /// Every batch notice seen.
    pub fn batches(&self) -> Vec<&Batch> {
        self.seen
            .iter()
            .filter_map(|n| match n {
                Notice::Batch(b) => Some(b),
                _ => None,
            })
            .collect()
    }

    /// Every change seen, in order.
    pub fn changes(&self) -> Vec<&Change> {
        self.batches()
            .into_iter()
            .flat_map(|b| b.changes.iter())
            .collect()
    }

    /// Forgets the notices seen so far.
    pub fn clear(&mut self) {
        self.seen.clear();
    }
}

/// The band changes of a notice.
pub fn bands(n: &Notice) -> impl Iterator<Item = &BandChange> {
    let changes: &[Change] = match n {
        Notice::Batch(b) => &b.changes,
        _ => &[],
    };
    changes.iter().filter_map(|c| match c {
        Change::Band(b) => Some(b),
        _ => None,
    })
}
