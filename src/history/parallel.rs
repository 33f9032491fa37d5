//! Runs the per-commit diffs on every core. Commits are handed out in blocks of consecutive
//! commits (so that a thread's tree and blob caches keep hitting), each thread on its own
//! repository handle, and results come back in the order asked for.

use std::sync::atomic::{AtomicUsize, Ordering};

use crossbeam_channel::unbounded;
use git2::Oid;

use std::sync::Arc;

use super::numstat::CommitDiffer;
use super::pack::{Packs, Reader};
use super::record::RawCommit;
use super::repo::Source;

/// Consecutive commits per unit of work.
const BLOCK: usize = 64;
/// Commits to walk before seamline's own pack reader is worth opening.
const PACK_READER_MIN: usize = 256;

/// The outcome for one commit: its record, or why it could not be read.
pub type Outcome = Result<RawCommit, (Oid, String)>;

/// Diffs `ids` with `threads` threads (0: one per core), calling `progress(done)` as blocks
/// finish. The results are in the order of `ids`.
pub fn diff_all(
    source: &Source,
    ids: &[Oid],
    renames: bool,
    threads: usize,
    progress: &mut dyn FnMut(usize),
) -> Vec<Outcome> {
    // git does not verify object hashes on read; libgit2 does by default, at a high cost.
    git2::opts::strict_hash_verification(false);
    let blocks: Vec<&[Oid]> = ids.chunks(BLOCK).collect();
    let threads = match threads {
        0 => num_cpus::get(),
        n => n,
    }
    .clamp(1, blocks.len().max(1));
    // Opening the pack indexes costs more than a few commits' worth of reads through libgit2.
    let packs = (ids.len() >= PACK_READER_MIN)
        .then(|| Arc::new(Packs::open(&source.common_dir.join("objects"))));
    let next = AtomicUsize::new(0);
    let queue = Queue {
        blocks: &blocks,
        next: &next,
    };
    let (tx, rx) = unbounded::<(usize, Vec<Outcome>)>();
    let mut slots: Vec<Option<Vec<Outcome>>> = (0..blocks.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (queue, packs) = (&queue, packs.clone());
            scope.spawn(move || worker(source, queue, renames, packs, &tx));
        }
        drop(tx);
        let mut done = 0;
        for (index, outcomes) in rx.iter() {
            done += outcomes.len();
            if let Some(slot) = slots.get_mut(index) {
                *slot = Some(outcomes);
            }
            progress(done);
        }
    });
    slots
        .into_iter()
        .zip(&blocks)
        .flat_map(|(slot, block)| {
            slot.unwrap_or_else(|| {
                block
                    .iter()
                    .map(|id| Err((*id, "the walker thread stopped".to_string())))
                    .collect()
            })
        })
        .collect()
}

/// The blocks of commits, handed out to the threads in order.
struct Queue<'a> {
    blocks: &'a [&'a [Oid]],
    next: &'a AtomicUsize,
}

impl<'a> Queue<'a> {
    /// The next block not yet taken, with its index.
    fn take(&self) -> Option<(usize, &'a [Oid])> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.blocks.get(i).map(|b| (i, *b))
    }
}

type Results = crossbeam_channel::Sender<(usize, Vec<Outcome>)>;

fn worker(
    source: &Source,
    queue: &Queue<'_>,
    renames: bool,
    packs: Option<Arc<Packs>>,
    tx: &Results,
) {
    let repo = match source.repository() {
        Ok(r) => r,
        // Without a handle this thread cannot help; report its blocks as failed.
        Err(e) => return fail_all(queue, tx, e.message()),
    };
    let mut differ = CommitDiffer::new(&repo, renames, packs.map(Reader::new));
    while let Some((index, block)) = queue.take() {
        let outcomes = block
            .iter()
            .map(|&id| differ.commit(id).map_err(|e| (id, e.message().to_string())))
            .collect();
        if tx.send((index, outcomes)).is_err() {
            return;
        }
    }
}

/// Reports every block still in the queue as failed with `message`.
fn fail_all(queue: &Queue<'_>, tx: &Results, message: &str) {
    while let Some((index, block)) = queue.take() {
        let failed = block
            .iter()
            .map(|id| Err((*id, message.to_string())))
            .collect();
        if tx.send((index, failed)).is_err() {
            return;
        }
    }
}
