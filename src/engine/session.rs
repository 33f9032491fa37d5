//! The refactor session: a baseline taken when watching starts, and the delta from it at any
//! time — nodes whose band got better or worse, files created and removed, lines added,
//! removed and moved, and the items that changed files (an extraction in progress).
//!
//! Everything is computed from two immutable snapshots, so any thread can ask for a delta
//! without stopping the engine.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::nodes::{all_states, NodeKey, NodeState, States};
use super::notice::ms;
use crate::bands::{Band, Metric, Policy};
use crate::model::{Snapshot, Tree};

/// Component kinds whose move between files is reported.
const MOVABLE: &[&str] = &[
    "function",
    "method",
    "class",
    "struct",
    "enum",
    "union",
    "trait",
    "interface",
    "impl",
];

/// A refactor session: the baseline and when it was taken. Cheap to clone.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Baseline>,
}

struct Baseline {
    snapshot: Snapshot,
    /// Every node's band at the start, without the detail (measures, constructs) a delta
    /// never shows: the baseline lives as long as the session.
    states: States,
    started: Instant,
}

/// Drops what a session's comparison does not need from node states.
fn slim(mut states: States) -> States {
    for s in states.values_mut() {
        s.measures = Vec::new();
        s.construct = None;
    }
    states.shrink_to_fit();
    states
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("nodes", &self.inner.states.len())
            .finish_non_exhaustive()
    }
}

/// One side of a node's comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub band: Band,
    /// The metric that drives the band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    pub value: u32,
    pub limit: u32,
    pub lines: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Side {
    fn of(s: &NodeState) -> Side {
        Side {
            band: s.band,
            metric: s.driver.map(|d| d.metric),
            value: s.driver.map_or(0, |d| d.value),
            limit: s.driver.map_or(0, |d| d.limit),
            lines: s.lines,
            line: s.line,
        }
    }
}

/// A node whose band changed (`before` absent: it appeared; `after` absent: it vanished).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeDelta {
    #[serde(flatten)]
    pub key: NodeKey,
    pub before: Option<Side>,
    pub after: Option<Side>,
}

/// A file created or removed during the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileDelta {
    pub path: String,
    pub lines: u32,
    pub band: Band,
}

/// An item that left one file and appeared in another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub node: &'static str,
    pub item: String,
    pub from: String,
    pub to: String,
    pub lines: u32,
    /// Moved items nested inside this one (the methods of a moved impl block).
    #[serde(skip_serializing_if = "is_zero")]
    pub nested: u32,
}

/// Tree-wide numbers at one end of the session.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub files: u32,
    pub lines: u32,
    pub components: u32,
    /// Nodes in each warning band.
    pub watch: usize,
    pub review: usize,
    pub emergency: usize,
    pub freeze: usize,
}

/// What changed since the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    #[serde(serialize_with = "ms", rename = "duration_ms")]
    pub elapsed: Duration,
    pub worsened: Vec<NodeDelta>,
    pub improved: Vec<NodeDelta>,
    pub created: Vec<FileDelta>,
    pub removed: Vec<FileDelta>,
    pub moved: Vec<Moved>,
    pub lines_added: u64,
    pub lines_removed: u64,
    /// Lines of the items that changed files (outermost items only).
    pub lines_moved: u64,
    pub before: Totals,
    pub after: Totals,
}

impl Session {
    /// Starts a session with `snapshot` as its baseline, judged by `policy`.
    pub fn start(snapshot: Snapshot, policy: &dyn Policy) -> Session {
        let states = slim(all_states(&snapshot, policy));
        Session {
            inner: Arc::new(Baseline {
                snapshot,
                states,
                started: Instant::now(),
            }),
        }
    }

    /// The baseline snapshot.
    pub fn baseline(&self) -> &Snapshot {
        &self.inner.snapshot
    }

    /// The delta from the baseline to `current`, judged by `policy`.
    pub fn delta(&self, current: &Tree, policy: &dyn Policy) -> Delta {
        let before = &self.inner.states;
        let after = all_states(current, policy);
        let moved = moved(before, &after);
        let moved_keys: BTreeSet<(&str, &str)> =
            moved.iter().map(|m| (m.node, m.item.as_str())).collect();
        let (mut worsened, mut improved) = (Vec::new(), Vec::new());
        let keys: BTreeSet<&NodeKey> = before.keys().chain(after.keys()).collect();
        for key in keys {
            let (b, a) = (before.get(key), after.get(key));
            let delta = |b: Option<&NodeState>, a: Option<&NodeState>| NodeDelta {
                key: key.clone(),
                before: b.map(Side::of),
                after: a.map(Side::of),
            };
            let item_moved = key
                .item
                .as_deref()
                .is_some_and(|i| moved_keys.contains(&(key.node, i)));
            match (b, a) {
                (Some(x), Some(y)) if y.band > x.band => worsened.push(delta(b, a)),
                (Some(x), Some(y)) if y.band < x.band => improved.push(delta(b, a)),
                (None, Some(y)) if key.is_component() && y.band > Band::Ok && !item_moved => {
                    worsened.push(delta(b, a))
                }
                (Some(x), None) if key.is_component() && x.band > Band::Ok && !item_moved => {
                    improved.push(delta(b, a))
                }
                _ => {}
            }
        }
        let (created, removed, added, removed_lines) = files(before, &after);
        let lines_moved = moved.iter().map(|m| u64::from(m.lines)).sum();
        Delta {
            elapsed: self.inner.started.elapsed(),
            worsened,
            improved,
            created,
            removed,
            moved,
            lines_added: added,
            lines_removed: removed_lines,
            lines_moved,
            before: totals(&self.inner.snapshot, before),
            after: totals(current, &after),
        }
    }

    /// The delta as Markdown, for a pull request description.
    pub fn summary_markdown(&self, current: &Tree, policy: &dyn Policy) -> String {
        super::summary::markdown(&self.delta(current, policy))
    }
}

type FileChanges = (Vec<FileDelta>, Vec<FileDelta>, u64, u64);

/// Files created and removed, and lines added and removed over all files.
fn files(before: &States, after: &States) -> FileChanges {
    let file_lines = |s: &States| -> BTreeMap<String, (u32, Band)> {
        s.iter()
            .filter(|(k, _)| k.node == "file")
            .map(|(k, v)| (k.path.clone(), (v.lines, v.band)))
            .collect()
    };
    let (b, a) = (file_lines(before), file_lines(after));
    let (mut created, mut removed, mut added, mut gone) = (Vec::new(), Vec::new(), 0u64, 0u64);
    for (path, &(lines, band)) in &a {
        match b.get(path) {
            None => {
                added += u64::from(lines);
                created.push(FileDelta {
                    path: path.clone(),
                    lines,
                    band,
                });
            }
            Some(&(old, _)) if lines >= old => added += u64::from(lines - old),
            Some(&(old, _)) => gone += u64::from(old - lines),
        }
    }
    for (path, &(lines, band)) in &b {
        if !a.contains_key(path) {
            gone += u64::from(lines);
            removed.push(FileDelta {
                path: path.clone(),
                lines,
                band,
            });
        }
    }
    (created, removed, added, gone)
}

/// Items (same kind and qualified name) gone from one file and present in another that did
/// not have them before, paired in path order; items nested in another moved item (the methods
/// of a moved impl block) are counted in its `nested` instead of listed.
fn moved(before: &States, after: &States) -> Vec<Moved> {
    let (b, a) = (places(before), places(after));
    let mut found: Vec<(Moved, (u32, u32))> = Vec::new();
    for ((node, item), now) in &a {
        let Some(then) = b.get(&(*node, item.clone())) else {
            continue;
        };
        let from = then.difference(now);
        let to = now.difference(then);
        for (f, t) in from.zip(to) {
            let key = NodeKey {
                path: t.clone(),
                node,
                item: Some(item.clone()),
                occurrence: 0,
            };
            let (lines, span) = after.get(&key).map_or((0, (0, 0)), |s| {
                (s.lines, (s.line, s.line + s.lines.saturating_sub(1)))
            });
            let m = Moved {
                node,
                item: item.clone(),
                from: f.clone(),
                to: t.clone(),
                lines,
                nested: 0,
            };
            found.push((m, span));
        }
    }
    // `outer` contains `inner` (a tie in span goes to the earlier one).
    let contains = |(o, (om, os)): (usize, &(Moved, (u32, u32))),
                    (i, (im, is)): (usize, &(Moved, (u32, u32)))| {
        o != i
            && om.to == im.to
            && om.from == im.from
            && os.0 <= is.0
            && is.1 <= os.1
            && (os != is || o < i)
    };
    let mut out: Vec<Moved> = found
        .iter()
        .enumerate()
        .filter(|inner| {
            !found
                .iter()
                .enumerate()
                .any(|outer| contains(outer, *inner))
        })
        .map(|outer| {
            let nested = found
                .iter()
                .enumerate()
                .filter(|inner| contains(outer, *inner))
                .count();
            Moved {
                nested: u32::try_from(nested).unwrap_or(u32::MAX),
                ..outer.1 .0.clone()
            }
        })
        .collect();
    out.sort_by(|x, y| (&x.to, &x.item).cmp(&(&y.to, &y.item)));
    out
}

/// The files each movable item (kind, qualified name) is in.
fn places(states: &States) -> HashMap<(&'static str, String), BTreeSet<String>> {
    let mut m: HashMap<(&'static str, String), BTreeSet<String>> = HashMap::new();
    for k in states.keys().filter(|k| MOVABLE.contains(&k.node)) {
        if let Some(item) = &k.item {
            m.entry((k.node, item.clone()))
                .or_default()
                .insert(k.path.clone());
        }
    }
    m
}

fn totals(tree: &Tree, states: &States) -> Totals {
    let t = tree.totals();
    let count = |band: Band| states.values().filter(|s| s.band == band).count();
    Totals {
        files: t.files,
        lines: t.lines.total,
        components: t.components,
        watch: count(Band::Watch),
        review: count(Band::Review),
        emergency: count(Band::Emergency),
        freeze: count(Band::Freeze),
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
