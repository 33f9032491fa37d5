//! From changed paths to edits of the model. Each path is looked at as it is now (the newest
//! state wins): a file is re-measured, a directory is synchronised with the disk, a path that is
//! gone leaves the model. A directory's watch is added before it is listed, so a file created
//! in it meanwhile is either listed or reported by the watcher.
//!
//! Directory synchronisation is deep (every file below re-measured, every subdirectory watched
//! again) when the directory is new to the model, or when the native watcher is in use: inotify
//! only names a directory itself when it was created, moved, replaced or deleted, and drops the
//! watches of a moved tree. With the poller, a directory is also named whenever an entry comes
//! or goes (its modification time changes), so a known directory is synchronised shallowly:
//! its entries compared with the model, new ones measured, gone ones removed.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use crate::model::facts::FileFacts;
use crate::model::{Model, NodeBody};
use crate::watch::{PathFilter, Watcher};

/// One change to make to the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Remove the file or directory (with everything below) at this path.
    Remove(String),
    /// Make sure this directory exists.
    Dir(String),
    /// Add or replace a file's facts.
    Upsert(String, FileFacts),
}

/// What the planner found to do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to measure: relative path and the hash of the facts the model holds.
    pub measure: Vec<(String, Option<u64>)>,
    pub edits: Vec<Edit>,
    /// The watcher switched to polling while adding watches (the reason).
    pub switched: Option<String>,
    pub errors: Vec<String>,
    queued: HashSet<String>,
    dirs: BTreeSet<String>,
}

/// Plans the edits for changed paths.
pub struct Planner<'a> {
    pub root: &'a Path,
    pub model: &'a Model,
    pub filter: &'a mut PathFilter,
    pub watcher: &'a mut Watcher,
    /// Deep synchronisation of known directories (the native backend).
    pub deep: bool,
}

impl Planner<'_> {
    /// Plans for every path in `paths` (relative, already accepted by the filter when seen).
    pub fn plan(mut self, paths: &[String]) -> Plan {
        let mut plan = Plan::default();
        for rel in paths {
            self.path(rel, &mut plan);
        }
        let dirs = std::mem::take(&mut plan.dirs);
        plan.edits.extend(dirs.into_iter().map(Edit::Dir));
        plan
    }

    fn path(&mut self, rel: &str, plan: &mut Plan) {
        let abs = self.root.join(rel);
        match std::fs::symlink_metadata(&abs) {
            Ok(md) if md.is_file() && self.filter.accepts(rel, false) => {
                match self.highest_missing_dir(parent(rel)) {
                    Some(top) => self.sync_dir(&top, true, plan),
                    None => self.queue(rel, plan),
                }
            }
            Ok(md) if md.is_dir() && self.filter.accepts(rel, true) => {
                let known = self.is_dir(rel);
                self.sync_dir(rel, self.deep || !known, plan);
            }
            _ => self.remove_if_known(rel, plan),
        }
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.model
            .lookup(rel)
            .and_then(|id| self.model.node(id))
            .is_some_and(|n| n.dir().is_some())
    }

    /// The shallowest directory on the way to `dir` that the model lacks.
    fn highest_missing_dir(&self, dir: &str) -> Option<String> {
        let mut end = 0;
        loop {
            let next = dir[end..].find('/').map_or(dir.len(), |i| end + i);
            let prefix = &dir[..next];
            if !prefix.is_empty() && !self.is_dir(prefix) {
                return Some(prefix.to_string());
            }
            if next >= dir.len() {
                return None;
            }
            end = next + 1;
        }
    }

    fn queue(&mut self, rel: &str, plan: &mut Plan) {
        if !plan.queued.insert(rel.to_string()) {
            return;
        }
        let known = self
            .model
            .lookup(rel)
            .and_then(|id| self.model.node(id))
            .and_then(|n| n.file())
            .map(|f| f.hash);
        plan.measure.push((rel.to_string(), known));
    }

    fn remove_if_known(&mut self, rel: &str, plan: &mut Plan) {
        if self.model.lookup(rel).is_some() {
            plan.edits.push(Edit::Remove(rel.to_string()));
        }
    }

    /// Synchronises directory `rel` with the disk (see the module docs for deep and shallow).
    fn sync_dir(&mut self, rel: &str, deep: bool, plan: &mut Plan) {
        let mut stack = vec![(rel.to_string(), deep)];
        while let Some((dir, deep)) = stack.pop() {
            let abs = self.root.join(&dir);
            self.watch_dir(&abs, deep, plan);
            let Ok(entries) = std::fs::read_dir(&abs) else {
                self.remove_if_known(&dir, plan);
                continue;
            };
            plan.dirs.insert(dir.clone());
            let mut on_disk = HashSet::new();
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if self.visit_entry(&entry, &dir, deep, &mut stack, plan) {
                    on_disk.insert(name);
                }
            }
            self.remove_vanished(&dir, &on_disk, plan);
        }
    }

    /// Makes sure directory `abs` is watched (re-watched when `deep`), noting what happened.
    fn watch_dir(&mut self, abs: &Path, deep: bool, plan: &mut Plan) {
        let watched = if deep || !self.watcher.watches(abs) {
            self.watcher.rewatch(abs)
        } else {
            Ok(None)
        };
        match watched {
            Ok(Some(reason)) => plan.switched = Some(reason),
            Ok(None) => {}
            Err(e) => plan.errors.push(e.to_string()),
        }
    }

    /// One entry of directory `dir`: an accepted subdirectory goes on `stack` (when it needs a
    /// walk), an accepted file is queued (when it needs analysis). Returns whether the entry is
    /// accepted, that is, still belongs in the model.
    fn visit_entry(
        &mut self,
        entry: &std::fs::DirEntry,
        dir: &str,
        deep: bool,
        stack: &mut Vec<(String, bool)>,
        plan: &mut Plan,
    ) -> bool {
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = join(dir, &name);
        let Ok(ft) = entry.file_type() else {
            return false;
        };
        if ft.is_dir() && self.filter.accepts(&child, true) {
            if deep || !self.is_dir(&child) {
                stack.push((child, true));
            }
            return true;
        }
        if ft.is_file() && self.filter.accepts(&child, false) {
            let known = self.model.lookup(&child).is_some();
            if deep || !known {
                self.queue(&child, plan);
            }
            return true;
        }
        false
    }

    /// Removes the model's entries of `dir` that are not on disk (or no longer accepted).
    fn remove_vanished(&mut self, dir: &str, on_disk: &HashSet<String>, plan: &mut Plan) {
        let Some(node) = self.model.lookup(dir).and_then(|id| self.model.node(id)) else {
            return;
        };
        if node.dir().is_none() {
            return;
        }
        for &child in &node.children {
            let Some(c) = self.model.node(child) else {
                continue;
            };
            if matches!(c.body, NodeBody::Component(_)) || on_disk.contains(&c.name) {
                continue;
            }
            plan.edits.push(Edit::Remove(join(dir, &c.name)));
        }
    }
}

/// The directory part of a relative path (`""` for a top-level entry).
pub fn parent(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// `dir/name`, or `name` at the root.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_and_join() {
        assert_eq!(parent("a/b/c.rs"), "a/b");
        assert_eq!(parent("c.rs"), "");
        assert_eq!(join("", "c.rs"), "c.rs");
        assert_eq!(join("a", "c.rs"), "a/c.rs");
    }
}
