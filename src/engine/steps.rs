//! The engine's steps: start-up (watches first, then a lines-only model, then the full one),
//! an incremental batch (plan, measure, apply), a rescan of the whole tree (after lost events
//! or changed ignore rules) and a configuration reload.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::apply::{apply, Applied};
use super::history::HeadTracker;
use super::measure::{measure_all, Measured};
use super::notice::{Notice, Ready};
use super::runner::Runner;
use super::session::Session;
use super::sync::{join, Edit, Planner};
use crate::config::Config;
use crate::model::{Model, Tree};
use crate::scan::{scan, ScanOptions, ScanResult};
use crate::watch::filter::ScanRules;
use crate::watch::Backend;

impl Runner {
    /// Watches the tree, builds the model, starts the session, says `Ready`.
    pub(super) fn start_up(&mut self) {
        let t0 = Instant::now();
        if let Some(head) = HeadTracker::discover(&self.root) {
            self.filter.set_git(Some(head.paths().clone()));
            for d in head.watch_dirs() {
                self.add_watch(&d);
                self.git_dirs.insert(d);
            }
            self.head = Some(head);
        }
        self.watch_tree();
        self.notify(Notice::Watch(self.watch_info()));
        if let Some(mut early) = self.scan_tree(true) {
            let files = early.files.len();
            if let Ok(model) = Model::take_scan(&mut early) {
                self.model = model;
                self.generation += 1;
                self.publish(false);
                self.notify(Notice::Early {
                    generation: self.generation,
                    files,
                });
            }
        }
        let mut full = self.scan_tree(false).unwrap_or_default();
        match Model::take_scan(&mut full) {
            Ok(model) => self.model = model,
            Err(e) => self.notify(Notice::Error {
                message: format!("building the model: {e}"),
            }),
        }
        self.reconcile_watches(&full.dirs);
        if self.head.is_none() {
            // Not in a repository: the first full model already says so, so nobody waits for
            // a history and no second generation follows the ready notice.
            let why = crate::history::Unavailable::NotARepository {
                path: self.root.display().to_string(),
            };
            let report = crate::history::HistoryReport::unavailable(why);
            self.history = Some(std::sync::Arc::new(report));
        }
        self.generation += 1;
        self.session = Some(Session::start(self.model.snapshot(), self.config.as_ref()));
        self.publish(true);
        let totals = self.model.totals();
        let ready = Ready {
            generation: self.generation,
            files: totals.files,
            dirs: full.dirs.len(),
            components: totals.components,
            lines: totals.lines.total,
            skipped: full.skipped.len(),
            elapsed: t0.elapsed(),
            backend: self.watcher.backend().as_str(),
        };
        self.notify(Notice::Ready(ready));
        self.start_history();
    }

    /// Starts the background history worker and its first walk (a repository only).
    fn start_history(&mut self) {
        let Some(head) = &self.head else {
            return;
        };
        let first = crate::engine::notice::History {
            from: None,
            to: head.head(),
            commits: None,
            initial: true,
            refreshed: false,
            detail: String::new(),
        };
        let (tx, rx) = super::history_jobs::spawn(self.root.clone(), self.opts.cache_dir.clone());
        self.history_tx = Some(tx);
        self.history_rx = rx;
        self.request_history(first);
    }

    fn add_watch(&mut self, dir: &std::path::Path) {
        match self.watcher.add(dir) {
            Ok(Some(reason)) => self.on_switched(reason),
            Ok(None) => {}
            Err(e) => self.notify(Notice::Error {
                message: e.to_string(),
            }),
        }
    }

    /// Watches every directory the filter accepts, before anything is read: a change made
    /// while the model is being built is then seen, and worked through after.
    fn watch_tree(&mut self) {
        let mut stack = vec![String::new()];
        while let Some(dir) = stack.pop() {
            let abs = self.root.join(&dir);
            self.add_watch(&abs);
            let Ok(entries) = std::fs::read_dir(&abs) else {
                continue;
            };
            for e in entries.flatten() {
                if !e.file_type().is_ok_and(|t| t.is_dir()) {
                    continue;
                }
                let child = join(&dir, &e.file_name().to_string_lossy());
                if self.filter.accepts(&child, true) {
                    stack.push(child);
                }
            }
        }
    }

    /// Makes the watched set the scanned directories (plus git's).
    fn reconcile_watches(&mut self, dirs: &[String]) {
        let want: BTreeSet<PathBuf> = dirs.iter().map(|d| self.root.join(d)).collect();
        let extra: Vec<PathBuf> = self
            .watcher
            .watched()
            .iter()
            .filter(|p| !want.contains(*p) && !self.git_dirs.contains(*p))
            .cloned()
            .collect();
        for p in extra {
            self.watcher.remove(&p);
        }
        for p in want {
            if !self.watcher.watches(&p) {
                self.add_watch(&p);
            }
        }
    }

    fn scan_options(&self, lines_only: bool) -> ScanOptions {
        let mut opts = ScanOptions::new(&self.root);
        opts.lines_only = lines_only;
        opts.threads = self.opts.scan_threads;
        opts.cache_dir = self.opts.cache_dir.clone();
        opts.max_file_size = self.config.max_file_size;
        opts.ignore = self.config.ignore.clone();
        opts.languages = self.config.languages.clone();
        opts
    }

    /// A full scan with the scanner, minus the cache directory (the watcher's own rule).
    fn scan_tree(&mut self, lines_only: bool) -> Option<ScanResult> {
        match scan(&self.scan_options(lines_only)) {
            Ok(mut r) => {
                let filter = &self.filter;
                r.files.retain(|f| !filter.in_cache_dir(&f.path));
                r.dirs.retain(|d| !filter.in_cache_dir(d));
                Some(r)
            }
            Err(e) => {
                self.notify(Notice::Error {
                    message: e.to_string(),
                });
                None
            }
        }
    }

    /// Plans, measures and applies the changes at `paths`. Returns what was applied, how many
    /// files were read and found unchanged, and the files that were re-measured.
    pub(super) fn incremental(
        &mut self,
        before: &Tree,
        paths: &[String],
    ) -> (Applied, usize, Vec<String>) {
        let deep = self.watcher.backend() == Backend::Native;
        let plan = Planner {
            root: &self.root,
            model: &self.model,
            filter: &mut self.filter,
            watcher: &mut self.watcher,
            deep,
        }
        .plan(paths);
        if let Some(reason) = plan.switched {
            self.on_switched(reason);
        }
        for message in plan.errors {
            self.notify(Notice::Error { message });
        }
        let limit = self.config.max_file_size;
        let measured = measure_all(&self.root, &plan.measure, limit, self.opts.workers);
        let mut edits = plan.edits;
        let (mut unchanged, mut changed) = (0, Vec::new());
        for ((rel, _), m) in plan.measure.into_iter().zip(measured) {
            match m {
                Measured::Changed(facts) if self.filter.keeps_language(facts.language) => {
                    changed.push(rel.clone());
                    edits.push(Edit::Upsert(rel, facts));
                }
                Measured::Same => unchanged += 1,
                _ => edits.push(Edit::Remove(rel)),
            }
        }
        let applied = apply(&mut self.model, before, edits, self.config.as_ref());
        (applied, unchanged, changed)
    }

    /// Rescans the whole tree with the scanner and applies the difference to the model; the
    /// watches follow the scanned directories.
    pub(super) fn resync(&mut self, before: &Tree) -> Applied {
        let Some(result) = self.scan_tree(false) else {
            return Applied::default();
        };
        let scanned: HashMap<&str, u64> = result
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.facts.hash))
            .collect();
        let dirs: BTreeSet<&str> = result.dirs.iter().map(String::as_str).collect();
        let mut edits = Vec::new();
        for (path, _, _) in self.model.files() {
            if !scanned.contains_key(path.as_str()) {
                edits.push(Edit::Remove(path));
            }
        }
        for (path, _, _) in self.model.dirs() {
            if !path.is_empty() && !dirs.contains(path.as_str()) {
                edits.push(Edit::Remove(path));
            }
        }
        let known: HashMap<String, u64> = self
            .model
            .files()
            .into_iter()
            .map(|(p, _, f)| (p, f.hash))
            .collect();
        edits.extend(result.dirs.iter().map(|d| Edit::Dir(d.clone())));
        for f in result.files {
            if known.get(&f.path) != Some(&f.facts.hash) {
                edits.push(Edit::Upsert(f.path, f.facts));
            }
        }
        // Watches may have been lost with the events: add them all again.
        for d in &result.dirs {
            let abs = self.root.join(d);
            match self.watcher.rewatch(&abs) {
                Ok(Some(reason)) => self.on_switched(reason),
                Ok(None) => {}
                Err(e) => self.notify(Notice::Error {
                    message: e.to_string(),
                }),
            }
        }
        self.reconcile_watches(&result.dirs);
        apply(&mut self.model, before, edits, self.config.as_ref())
    }

    /// Reloads the configuration. On errors they are reported and the last good configuration
    /// stays. Returns true when the set of scanned files may have changed (ignore globs,
    /// languages, size limit): the tree must be rescanned.
    pub(super) fn reload_config(&mut self) -> bool {
        let cfg = match Config::load(&self.opts.config) {
            Ok(c) => c,
            Err(errors) => {
                self.notify(Notice::Error {
                    message: format!(
                        "configuration not reloaded, keeping the last good one: {errors}"
                    ),
                });
                return false;
            }
        };
        let rules = ScanRules {
            ignore: cfg.ignore.clone(),
            languages: cfg.languages.clone(),
        };
        let rules_changed = &rules != self.filter.rules();
        if rules_changed {
            if let Err(e) = self.filter.set_rules(rules) {
                self.notify(Notice::Error {
                    message: format!(
                        "configuration not reloaded, keeping the last good one: [scan] ignore: {e}"
                    ),
                });
                return false;
            }
        }
        let size_changed = cfg.max_file_size != self.config.max_file_size;
        self.config = Arc::new(cfg);
        self.notify(Notice::Config {
            generation: self.generation + 1,
            source: crate::config::REPO_FILE.into(),
        });
        rules_changed || size_changed
    }
}
