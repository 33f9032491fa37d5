//! Per-component churn inside one file, on demand: for each commit that changed the file (newest
//! first, following renames), both versions are analysed like any scanned file, the diff's hunks
//! (no context) are laid over the component spans — removed lines onto the old version's
//! components, added lines onto the new version's — and each line counts for the innermost
//! component that contains it. A component's commits are the commits that touched any of its
//! lines. Lines outside every component count for "(top level)".

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::rc::Rc;

use git2::{Blob, DiffOptions, Oid, Repository};

use crate::history::numstat::{count_lines, is_binary};
use crate::history::record::{Change, ChangeKind, CommitRecord, Tables, NO_PATH};
use crate::history::walk::Walker;
use crate::model::facts::{Component, ComponentKind, FileFacts};
use crate::scan::file::analyze_bytes;

/// Commits of the file looked at, at most (the newest).
pub const MAX_COMMITS: usize = 1000;
/// The name used for lines outside every component.
pub const TOP_LEVEL: &str = "(top level)";

/// Churn of one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentStat {
    /// `None` for lines outside every component.
    pub kind: Option<ComponentKind>,
    pub name: String,
    pub commits: u32,
    pub added: u32,
    pub removed: u32,
    /// The component exists in the current version of the file.
    pub present: bool,
}

/// The churn of every component of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentChurn {
    pub path: String,
    /// Commits of the file that were looked at.
    pub commits: usize,
    /// Most commits first.
    pub items: Vec<ComponentStat>,
}

type Key = (Option<ComponentKind>, String);

/// The innermost component of each line of one version (index into the key table).
struct Owners {
    lines: Vec<u32>,
}

struct State {
    keys: Vec<Key>,
    index: HashMap<Key, u32>,
    stats: Vec<(u32, u32, u32)>,
    analysed: HashMap<Oid, Rc<Owners>>,
}

impl State {
    fn key(&mut self, key: Key) -> u32 {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.index.insert(key, i);
        self.stats.push((0, 0, 0));
        i
    }

    fn owners(&mut self, path: &str, blob: &Blob<'_>) -> Rc<Owners> {
        if let Some(o) = self.analysed.get(&blob.id()) {
            return o.clone();
        }
        let facts = analyze_bytes(Path::new(path), blob.content(), false);
        let top = self.key((None, TOP_LEVEL.to_string()));
        let mut lines = vec![top; count_lines(blob.content()) as usize];
        for c in &facts.components {
            self.paint(c, &mut lines);
        }
        let owners = Rc::new(Owners { lines });
        self.analysed.insert(blob.id(), owners.clone());
        owners
    }

    /// Marks the lines of `c`, then of its children (innermost wins). Depth is bounded by the
    /// analyser (`scan::file::MAX_COMPONENT_DEPTH`).
    fn paint(&mut self, c: &Component, lines: &mut [u32]) {
        let key = self.key((Some(c.kind), c.qualified_name.clone()));
        let start = (c.start_line.max(1) - 1) as usize;
        let end = (c.end_line as usize).min(lines.len());
        for slot in lines.get_mut(start..end).unwrap_or(&mut []) {
            *slot = key;
        }
        for child in &c.children {
            self.paint(child, lines);
        }
    }
}

/// One commit that changed the file: its id, the file's path after and before it, and how.
struct Touch {
    oid: Oid,
    new_path: String,
    old_path: String,
    kind: ChangeKind,
}

impl Touch {
    /// The touch of change `ch` of commit `rec` (`None` for an unusable commit id).
    fn of(tables: &Tables, rec: &CommitRecord, ch: &Change) -> Option<Touch> {
        let new_path = tables.path(ch.path).to_string();
        let old_path = match ch.old_path {
            NO_PATH => new_path.clone(),
            old => tables.path(old).to_string(),
        };
        Some(Touch {
            oid: Oid::from_bytes(&rec.id).ok()?,
            new_path,
            old_path,
            kind: ch.kind,
        })
    }
}

/// Which side of a hunk a line is on.
#[derive(Clone, Copy)]
enum Side {
    Added,
    Removed,
}

/// Computes the component churn of the file whose latest repository path is `repo_path`.
/// `current` is the file's facts now (from the model), used to mark present components.
pub fn churn(
    walker: &Walker,
    repo: &Repository,
    repo_path: &str,
    shown_path: &str,
    current: Option<&FileFacts>,
) -> ComponentChurn {
    let touches = touches(walker, repo_path);
    let mut state = State {
        keys: Vec::new(),
        index: HashMap::new(),
        stats: Vec::new(),
        analysed: HashMap::new(),
    };
    let mut newest: Option<Rc<Owners>> = None;
    for touch in &touches {
        if let Some(new_owners) = state.count(repo, touch) {
            newest = newest.or(new_owners);
        }
    }
    let present = match current {
        Some(facts) => present_in(facts),
        None => state.present_in(newest.as_deref()),
    };
    ComponentChurn {
        path: shown_path.to_string(),
        commits: touches.len(),
        items: state.items(&present),
    }
}

/// The newest commits (at most [`MAX_COMMITS`]) that changed the file, following its renames
/// when the walk did.
fn touches(walker: &Walker, repo_path: &str) -> Vec<Touch> {
    let tables = walker.tables();
    let renames = walker.options().renames;
    let mut name = tables.find_path(repo_path);
    let mut touches = Vec::new();
    for rec in walker.records() {
        let Some(id) = name else { break };
        if touches.len() >= MAX_COMMITS {
            break;
        }
        let Some(ch) = rec.changes.iter().find(|c| c.path == id) else {
            continue;
        };
        touches.extend(Touch::of(tables, rec, ch));
        if renames && ch.old_path != NO_PATH {
            name = Some(ch.old_path);
        }
    }
    touches
}

/// The components of the file now, by kind and qualified name.
fn present_in(facts: &FileFacts) -> HashSet<Key> {
    let mut set = HashSet::new();
    facts.walk_components(&mut |c| {
        set.insert((Some(c.kind), c.qualified_name.clone()));
    });
    set
}

impl State {
    /// Lays one commit's hunks over the components of both versions. `None` when the commit
    /// was skipped (unreadable or binary); else the owners of the version after it, if any.
    fn count(&mut self, repo: &Repository, t: &Touch) -> Option<Option<Rc<Owners>>> {
        let (old, new) = versions(repo, t.oid, &t.old_path, &t.new_path, t.kind)?;
        let binary = |b: &Option<Blob<'_>>| b.as_ref().is_some_and(|b| is_binary(b.content()));
        if binary(&old) || binary(&new) {
            return None;
        }
        let old_owners = old.as_ref().map(|b| self.owners(&t.old_path, b));
        let new_owners = new.as_ref().map(|b| self.owners(&t.new_path, b));
        let mut touched: Vec<u32> = Vec::new();
        for (old_start, old_lines, new_start, new_lines) in hunks(repo, old.as_ref(), new.as_ref())
        {
            let removed = old_start..old_start.saturating_add(old_lines);
            self.attribute(old_owners.as_deref(), removed, Side::Removed, &mut touched);
            let added = new_start..new_start.saturating_add(new_lines);
            self.attribute(new_owners.as_deref(), added, Side::Added, &mut touched);
        }
        touched.sort_unstable();
        touched.dedup();
        for k in touched {
            if let Some(s) = self.stats.get_mut(k as usize) {
                s.0 += 1;
            }
        }
        Some(new_owners)
    }

    /// Adds the lines `lines` (1-based) of one version to their owners.
    fn attribute(
        &mut self,
        owners: Option<&Owners>,
        lines: Range<u32>,
        side: Side,
        touched: &mut Vec<u32>,
    ) {
        let Some(owners) = owners else { return };
        for line in lines {
            let Some(&k) = owners.lines.get(line.saturating_sub(1) as usize) else {
                continue;
            };
            let Some(s) = self.stats.get_mut(k as usize) else {
                continue;
            };
            match side {
                Side::Added => s.1 += 1,
                Side::Removed => s.2 += 1,
            }
            touched.push(k);
        }
    }

    /// The components of the newest version looked at (none when there is none).
    fn present_in(&self, newest: Option<&Owners>) -> HashSet<Key> {
        newest
            .map(|o| {
                o.lines
                    .iter()
                    .filter_map(|&k| self.keys.get(k as usize).cloned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every component touched at least once, most commits first.
    fn items(&self, present: &HashSet<Key>) -> Vec<ComponentStat> {
        let mut items: Vec<ComponentStat> = self
            .keys
            .iter()
            .zip(&self.stats)
            .filter(|(_, s)| s.0 > 0)
            .map(|((kind, name), s)| ComponentStat {
                kind: *kind,
                name: name.clone(),
                commits: s.0,
                added: s.1,
                removed: s.2,
                present: kind.is_none() || present.contains(&(*kind, name.clone())),
            })
            .collect();
        items.sort_by(|a, b| {
            b.commits
                .cmp(&a.commits)
                .then((b.added + b.removed).cmp(&(a.added + a.removed)))
                .then(a.name.cmp(&b.name))
        });
        items
    }
}

type Versions<'r> = (Option<Blob<'r>>, Option<Blob<'r>>);

/// The file before and after the commit.
fn versions<'r>(
    repo: &'r Repository,
    id: Oid,
    old_path: &str,
    new_path: &str,
    kind: ChangeKind,
) -> Option<Versions<'r>> {
    let commit = repo.find_commit(id).ok()?;
    let blob_at = |tree: &git2::Tree<'_>, path: &str| -> Option<Blob<'r>> {
        let entry = tree.get_path(Path::new(path)).ok()?;
        repo.find_blob(entry.id()).ok()
    };
    let new = match kind {
        ChangeKind::Deleted => None,
        _ => blob_at(&commit.tree().ok()?, new_path),
    };
    let old = match (kind, commit.parent(0)) {
        (ChangeKind::Added, _) | (_, Err(_)) => None,
        (_, Ok(parent)) => blob_at(&parent.tree().ok()?, old_path),
    };
    Some((old, new))
}

/// Hunks `(old_start, old_lines, new_start, new_lines)` with no context; a missing side is empty.
fn hunks(
    repo: &Repository,
    old: Option<&Blob<'_>>,
    new: Option<&Blob<'_>>,
) -> Vec<(u32, u32, u32, u32)> {
    match (old, new) {
        (None, Some(b)) => return vec![(0, 0, 1, count_lines(b.content()))],
        (Some(b), None) => return vec![(1, count_lines(b.content()), 0, 0)],
        (None, None) => return Vec::new(),
        _ => {}
    }
    let mut opts = DiffOptions::new();
    opts.context_lines(0).interhunk_lines(0).force_text(true);
    let mut out = Vec::new();
    let _ = repo.diff_blobs(
        old,
        Some(""),
        new,
        Some(""),
        Some(&mut opts),
        None,
        None,
        Some(&mut |_, h| {
            out.push((h.old_start(), h.old_lines(), h.new_start(), h.new_lines()));
            true
        }),
        None,
    );
    out
}
