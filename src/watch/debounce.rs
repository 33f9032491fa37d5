//! Coalescing of change notifications into batches.
//!
//! An editor's save is several events (truncate, write, close, rename, attribute change), and a
//! branch switch is thousands. The debouncer collects keys (paths, or markers such as "the
//! config changed") and says when the batch is ready: after `quiet` without a new key, or at the
//! latest `max_wait` after the first key, so that a never-ending stream of events still makes
//! progress. Each key is kept once (the newest state wins: the engine reads the file when the
//! batch runs, not when the event came), in the order it was first seen.
//!
//! It is pure: time is passed in, so tests drive it with synthetic instants.

use std::collections::HashSet;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Collects keys until a batch is due.
#[derive(Debug)]
pub struct Debouncer<K> {
    quiet: Duration,
    max_wait: Duration,
    seen: HashSet<K>,
    order: Vec<K>,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl<K: Hash + Eq + Clone> Debouncer<K> {
    /// A debouncer that waits for `quiet` without news, but never longer than `max_wait` (which
    /// is raised to `quiet` if it is shorter).
    pub fn new(quiet: Duration, max_wait: Duration) -> Self {
        Debouncer {
            quiet,
            max_wait: max_wait.max(quiet),
            seen: HashSet::new(),
            order: Vec::new(),
            first: None,
            last: None,
        }
    }

    /// Records `key` as changed at `now`.
    pub fn push(&mut self, key: K, now: Instant) {
        if self.first.is_none() {
            self.first = Some(now);
        }
        self.last = Some(self.last.map_or(now, |l| l.max(now)));
        if self.seen.insert(key.clone()) {
            self.order.push(key);
        }
    }

    /// Number of distinct keys waiting.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// When the pending batch becomes ready (`None` when nothing is pending).
    pub fn deadline(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        Some((last + self.quiet).min(first + self.max_wait))
    }

    /// True when a batch is pending and due at `now`.
    pub fn ready(&self, now: Instant) -> bool {
        self.deadline().is_some_and(|d| now >= d)
    }

    /// Takes the pending keys, in the order they were first seen, and starts a new batch.
    pub fn take(&mut self) -> Vec<K> {
        self.first = None;
        self.last = None;
        self.seen.clear();
        std::mem::take(&mut self.order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_save_of_several_events_is_one_batch_after_the_quiet_period() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(ms(50), ms(1000));
        assert_eq!(d.deadline(), None);
        assert!(!d.ready(t0));
        // vim: probe file, backup rename, new file, write, close: all within 3 ms.
        d.push("4913", t0);
        d.push("app.rs", t0 + ms(1));
        d.push("app.rs~", t0 + ms(1));
        d.push("app.rs", t0 + ms(2));
        d.push("app.rs", t0 + ms(3));
        assert_eq!(d.len(), 3);
        assert_eq!(d.deadline(), Some(t0 + ms(53)));
        assert!(!d.ready(t0 + ms(52)));
        assert!(d.ready(t0 + ms(53)));
        assert_eq!(d.take(), vec!["4913", "app.rs", "app.rs~"]);
        assert!(d.is_empty());
        assert_eq!(d.deadline(), None);
    }

    #[test]
    fn each_event_restarts_the_quiet_period() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(ms(50), ms(1000));
        d.push(1, t0);
        d.push(2, t0 + ms(40));
        assert!(!d.ready(t0 + ms(60)));
        assert!(d.ready(t0 + ms(90)));
    }

    #[test]
    fn a_never_ending_stream_is_cut_at_the_max_wait() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(ms(50), ms(300));
        let mut t = t0;
        let mut batches = Vec::new();
        // An event every 10 ms for 1 s: never 50 ms of quiet.
        for i in 0..100u32 {
            if d.ready(t) {
                batches.push((t - t0, d.take().len()));
            }
            d.push(i, t);
            t += ms(10);
        }
        assert_eq!(
            batches,
            vec![(ms(300), 30), (ms(600), 30), (ms(900), 30)],
            "cut every 300 ms after each batch's first event"
        );
    }

    #[test]
    fn a_max_wait_shorter_than_the_quiet_period_is_raised() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(ms(100), ms(10));
        d.push('a', t0);
        assert_eq!(d.deadline(), Some(t0 + ms(100)));
    }

    #[test]
    fn out_of_order_timestamps_do_not_move_the_deadline_back() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(ms(50), ms(1000));
        d.push('a', t0 + ms(20));
        d.push('b', t0);
        assert_eq!(d.deadline(), Some(t0 + ms(70)));
    }
}
