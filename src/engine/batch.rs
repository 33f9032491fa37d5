//! One batch from start to publication: the pending keys sorted out, files still being
//! written put back, the incremental update or the rescan, band changes (all of them after a
//! configuration change), the snapshot and the notice; then HEAD, and the history refresh it
//! asks the background worker for.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::apply::Applied;
use super::changes;
use super::history_jobs;
use super::nodes::all_states;
use super::notice::{Batch, Change, Notice, MAX_CHANGES};
use super::runner::{Key, Runner, RECHECK};
use crate::watch::Backend;

impl Runner {
    /// Puts back the files still open for writing (for at most `max_wait` after their first
    /// write), so that a half-written file is not measured; returns the rest.
    pub(super) fn defer_writing(&mut self, keys: Vec<Key>, now: Instant) -> Vec<Key> {
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
    pub(super) fn batch(&mut self) {
        let started = Instant::now();
        let due = self.debouncer.deadline();
        let taken = self.debouncer.take();
        let keys = self.defer_writing(taken, started);
        if keys.is_empty() {
            return;
        }
        let keys = Sorted::of(keys);
        let before = self.model.snapshot();
        let before_config = self.config.clone();
        let (triggers, reason) = self.reload_rules(&keys);
        let (mut applied, unchanged, measured) = if reason.is_some() {
            (self.resync(&before), 0, Vec::new())
        } else {
            self.incremental(&before, &keys.paths)
        };
        let config_changed = !Arc::ptr_eq(&before_config, &self.config);
        if config_changed {
            applied.bands = changes::compare(
                &all_states(&before, before_config.as_ref()),
                &all_states(&self.model, self.config.as_ref()),
            );
            for b in &mut applied.bands {
                b.why = vec![crate::config::REPO_FILE.to_string()];
            }
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
        let batch = self.describe(applied, &triggers, unchanged, reason, started);
        if self.trace {
            eprintln!(
                "seamline-trace: batch of {} paths, started {:?} after its deadline, took {:?}",
                batch.paths,
                due.map(|d| started.saturating_duration_since(d)),
                batch.elapsed
            );
        }
        self.notify(Notice::Batch(batch));
        if keys.git {
            self.check_head();
        }
    }

    /// Reloads the configuration and the ignore rules the batch changed. Returns the paths
    /// that triggered the batch, and why the whole tree must be resynchronised (`None`: an
    /// incremental update will do).
    fn reload_rules(&mut self, keys: &Sorted) -> (Vec<String>, Option<String>) {
        let mut resync = keys.rescan || !keys.rules.is_empty();
        let mut triggers = keys.paths.clone();
        triggers.extend(keys.rules.iter().cloned());
        if keys.config {
            triggers.push(crate::config::REPO_FILE.to_string());
            resync |= self.reload_config();
        }
        if !keys.rules.is_empty() {
            self.filter.reload();
        }
        let reason = resync.then(|| {
            let lost = self.rescan_reason.take();
            match (lost, keys.rules.is_empty()) {
                (Some(lost), _) => lost,
                (None, false) => format!("ignore rules changed ({})", keys.rules.join(", ")),
                (None, true) => "the scan rules of the configuration changed".to_string(),
            }
        });
        (triggers, reason)
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
        reason: Option<String>,
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
            rescan: reason.is_some(),
            reason,
            elapsed: started.elapsed(),
        }
    }

    pub(super) fn check_head(&mut self) {
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
    pub(super) fn on_history(&mut self, done: history_jobs::Done) {
        if let Some(report) = done.report {
            self.history = Some(report);
            self.generation += 1;
            self.publish(true);
        }
        self.notify(Notice::History(done.notice));
    }
}

/// A batch's keys sorted by kind.
#[derive(Default)]
struct Sorted {
    paths: Vec<String>,
    rules: Vec<String>,
    config: bool,
    git: bool,
    rescan: bool,
}

impl Sorted {
    fn of(keys: Vec<Key>) -> Sorted {
        let mut s = Sorted::default();
        for k in keys {
            match k {
                Key::Path(p) => s.paths.push(p),
                Key::Rules(p) => s.rules.push(p),
                Key::Config => s.config = true,
                Key::Git => s.git = true,
                Key::Rescan => s.rescan = true,
            }
        }
        s
    }
}
