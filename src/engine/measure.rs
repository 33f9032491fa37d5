//! Re-measuring changed files: read, compare the content hash with what the model holds, and
//! parse only when the content really changed (a `touch`, a save without edits, a checkout that
//! rewrites identical files cost a read and a hash, not a parse). The scanner's rules apply: the
//! size limit, the binary sniff, lossy UTF-8; an analyser panic is contained to its file.
//! Big batches are spread over worker threads.

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use xxhash_rust::xxh3::xxh3_64;

use crate::model::facts::FileFacts;
use crate::scan::read::{self, Content};
use crate::scan::{file, SkipReason};

/// What re-measuring a file found.
#[derive(Debug, Clone, PartialEq)]
pub enum Measured {
    /// New facts: the content differs from what the model holds (or the file is new).
    Changed(FileFacts),
    /// Same content hash as the model's facts.
    Same,
    /// Not there (any more), or not a regular file: it leaves the model.
    Gone,
    /// Left out by the scanner's rules (binary, too large, unreadable): it leaves the model.
    Skipped(SkipReason),
}

/// Below this many files a batch is measured on the engine thread alone.
const PARALLEL_FROM: usize = 8;

/// Measures `items` (relative path, hash the model holds) under `root`, on up to `workers`
/// threads. Results are in the order of `items`.
pub fn measure_all(
    root: &Path,
    items: &[(String, Option<u64>)],
    limit: u64,
    workers: usize,
) -> Vec<Measured> {
    let workers = workers.clamp(1, items.len().max(1));
    if workers == 1 || items.len() < PARALLEL_FROM {
        let mut buf = Vec::new();
        return items
            .iter()
            .map(|(rel, known)| measure(root, rel, *known, limit, &mut buf))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Measured)>> = Mutex::new(Vec::with_capacity(items.len()));
    let share = Share {
        root,
        items,
        limit,
        next: &next,
        results: &results,
    };
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| share.work());
        }
    });
    let mut results = match results.into_inner() {
        Ok(r) => r,
        Err(poisoned) => poisoned.into_inner(),
    };
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, m)| m).collect()
}

/// What the worker threads of [`measure_all`] share: the items, the index of the next one to
/// take, and the results so far.
struct Share<'a> {
    root: &'a Path,
    items: &'a [(String, Option<u64>)],
    limit: u64,
    next: &'a AtomicUsize,
    results: &'a Mutex<Vec<(usize, Measured)>>,
}

impl Share<'_> {
    /// One worker: takes items until none are left, then adds what it measured.
    fn work(&self) {
        let mut buf = Vec::new();
        let mut mine = Vec::new();
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some((rel, known)) = self.items.get(i) else {
                break;
            };
            mine.push((i, measure(self.root, rel, *known, self.limit, &mut buf)));
        }
        match self.results.lock() {
            Ok(mut r) => r.extend(mine),
            Err(poisoned) => poisoned.into_inner().extend(mine),
        }
    }
}

/// Measures one file. `known`: the content hash of the facts the model holds for it.
pub fn measure(
    root: &Path,
    rel: &str,
    known: Option<u64>,
    limit: u64,
    buf: &mut Vec<u8>,
) -> Measured {
    let path = root.join(rel);
    let md = match std::fs::symlink_metadata(&path) {
        Ok(md) if md.is_file() => md,
        Ok(_) => return Measured::Gone,
        Err(e) => return from_io(&e),
    };
    if md.len() > limit {
        return Measured::Skipped(SkipReason::TooLarge {
            bytes: md.len(),
            limit,
        });
    }
    let mut bytes_read = 0;
    match read::read(&path, limit, buf, &mut bytes_read) {
        Err(e) => from_io(&e),
        Ok(Content::Binary) => Measured::Skipped(SkipReason::Binary),
        Ok(Content::TooLarge(bytes)) => Measured::Skipped(SkipReason::TooLarge { bytes, limit }),
        Ok(Content::Text) => {
            if known == Some(xxh3_64(buf)) {
                return Measured::Same;
            }
            let run = AssertUnwindSafe(|| file::analyze_bytes(&path, buf, false));
            match std::panic::catch_unwind(run) {
                Ok(facts) => Measured::Changed(facts),
                Err(_) => Measured::Skipped(SkipReason::WalkError {
                    error: "internal error: the analyser failed on this file".into(),
                }),
            }
        }
    }
}

fn from_io(e: &std::io::Error) -> Measured {
    match read::io_reason(e) {
        SkipReason::Vanished => Measured::Gone,
        reason => Measured::Skipped(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_content_is_parsed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("a.rs"), "fn a() {}\nfn b() {}\n").unwrap();
        let mut buf = Vec::new();
        let Measured::Changed(facts) = measure(root, "a.rs", None, 1 << 20, &mut buf) else {
            panic!("a new file is measured");
        };
        assert_eq!((facts.lines.total, facts.component_count()), (2, 2));
        assert_eq!(
            measure(root, "a.rs", Some(facts.hash), 1 << 20, &mut buf),
            Measured::Same
        );
        assert!(matches!(
            measure(root, "a.rs", Some(facts.hash ^ 1), 1 << 20, &mut buf),
            Measured::Changed(_)
        ));
        assert_eq!(
            measure(root, "gone.rs", None, 1 << 20, &mut buf),
            Measured::Gone
        );
        std::fs::write(root.join("bin.dat"), b"a\0b").unwrap();
        assert_eq!(
            measure(root, "bin.dat", None, 1 << 20, &mut buf),
            Measured::Skipped(SkipReason::Binary)
        );
        assert!(matches!(
            measure(root, "a.rs", None, 5, &mut buf),
            Measured::Skipped(SkipReason::TooLarge {
                bytes: 20,
                limit: 5
            })
        ));
    }

    #[test]
    fn parallel_results_keep_the_order_of_the_items() {
        let tmp = tempfile::tempdir().unwrap();
        let mut items = Vec::new();
        for i in 0..40 {
            let name = format!("f{i}.py");
            std::fs::write(tmp.path().join(&name), "x = 1\n".repeat(i + 1)).unwrap();
            items.push((name, None));
        }
        items.push(("missing.py".into(), None));
        let out = measure_all(tmp.path(), &items, 1 << 20, 2);
        assert_eq!(out.len(), 41);
        for (i, m) in out.iter().take(40).enumerate() {
            match m {
                Measured::Changed(f) => assert_eq!(f.lines.total as usize, i + 1),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(out[40], Measured::Gone);
    }
}
