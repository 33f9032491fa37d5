//! Band changes: the states of the nodes a batch touched, before and after, compared.
//!
//! Only nodes along the changed paths are assessed: the changed files, their components, and
//! the directories above every touched path (their entry counts and the root's domains). A
//! component that appears or vanishes in a file that stays is reported when it is in a band;
//! files and directories that appear or vanish are reported as created or removed instead.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::nodes::{ancestors, dir_state, file_states, NodeKey, NodeState, States};
use super::notice::{BandChange, Change};
use crate::bands::{Band, Policy};
use crate::model::Tree;

/// The states of the nodes along the touched paths in `tree`: each of `files` with its
/// components, and every directory on the way from each of `files` and `dirs` to the root.
pub fn along(tree: &Tree, files: &[String], dirs: &[String], policy: &dyn Policy) -> States {
    let mut out = States::new();
    let mut above: BTreeSet<&str> = BTreeSet::new();
    for path in files {
        file_states(tree, path, policy, &mut out);
    }
    for path in files.iter().chain(dirs) {
        for dir in ancestors(path) {
            if !above.insert(dir) {
                break;
            }
        }
    }
    let dirs = above;
    for dir in dirs {
        dir_state(tree, dir, policy, &mut out);
    }
    out
}

/// Every band change between two sets of states.
pub fn compare(before: &States, after: &States) -> Vec<BandChange> {
    let keys: BTreeSet<&NodeKey> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter_map(|k| compare_one(k, before.get(k), after.get(k)))
        .collect()
}

fn compare_one(key: &NodeKey, b: Option<&NodeState>, a: Option<&NodeState>) -> Option<BandChange> {
    let change = |s: &NodeState, from: Band, to: Band| BandChange {
        path: key.path.clone(),
        node: key.node,
        item: key.item.clone(),
        line: s.line,
        from,
        to,
        metric: crate::bands::Metric::FileLines,
        value: 0,
        limit: 0,
        previous: None,
        appeared: false,
        vanished: false,
        construct: s.construct.clone(),
        why: Vec::new(),
    };
    match (b, a) {
        (Some(b), Some(a)) if b.band != a.band => {
            // The metric that drives the worse side; its value now and before.
            let m = if a.band > b.band {
                a.driver?
            } else {
                let d = b.driver?;
                a.measure(d.metric).unwrap_or(d)
            };
            Some(BandChange {
                metric: m.metric,
                value: m.value,
                limit: m.limit,
                previous: b.measure(m.metric).map(|p| p.value),
                ..change(a, b.band, a.band)
            })
        }
        (None, Some(a)) if key.is_component() && a.band >= Band::Watch => {
            let m = a.driver?;
            Some(BandChange {
                metric: m.metric,
                value: m.value,
                limit: m.limit,
                appeared: true,
                ..change(a, Band::Ok, a.band)
            })
        }
        (Some(b), None) if key.is_component() && b.band >= Band::Watch => {
            let m = b.driver?;
            Some(BandChange {
                metric: m.metric,
                value: m.value,
                limit: m.limit,
                previous: Some(m.value),
                vanished: true,
                construct: None,
                ..change(b, b.band, Band::Ok)
            })
        }
        _ => None,
    }
}

/// Orders changes for reading: nodes that got worse first (worst band first), then those that
/// got better, then files and directories created, then removed; by path within each.
pub fn sort(changes: &mut [Change]) {
    changes.sort_by_key(|c| match c {
        Change::Band(b) if b.worse() => (0, Reverse(b.to), b.path.clone(), b.line),
        Change::Band(b) => (1, Reverse(b.from), b.path.clone(), b.line),
        Change::Created(e) => (2, Reverse(Band::Ok), e.path.clone(), 0),
        Change::Removed(e) => (3, Reverse(Band::Ok), e.path.clone(), 0),
    });
}

/// The triggering paths behind a change at `path`: itself, what lies below it (a directory),
/// and the directories above it that were synchronised (at most five).
pub fn why(path: &str, triggers: &[String]) -> Vec<String> {
    use crate::watch::filter::within;
    triggers
        .iter()
        .filter(|t| within(t, path) || within(path, t))
        .take(5)
        .cloned()
        .collect()
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
