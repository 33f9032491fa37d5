//! The engine's notifications: small values sent after each step, saying what happened. The
//! model itself is never in a notice; consumers read the published snapshot for that.

use std::time::Duration;

use serde::Serialize;

use crate::bands::{Band, Measure, Metric};

/// Most changes a batch notice lists; the rest are counted in `omitted` (a branch switch must
/// not flood the output; the session summary has them all).
pub const MAX_CHANGES: usize = 50;

/// One notification.
#[derive(Debug, Clone)]
pub enum Notice {
    /// Which watcher is in use, and why polling when it is (sent at start and on a switch).
    Watch(WatchInfo),
    /// A snapshot was published before the model was complete (lines only, no components).
    Early { generation: u64, files: usize },
    /// The initial model is built; the session starts here.
    Ready(Ready),
    /// A batch of changes was worked through.
    Batch(Batch),
    /// HEAD moved; history was (or could not be) refreshed.
    History(History),
    /// The configuration was reloaded.
    Config { generation: u64, source: String },
    /// Something went wrong; the engine goes on.
    Error { message: String },
}

/// The watcher in use.
#[derive(Debug, Clone, Serialize)]
pub struct WatchInfo {
    pub backend: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub poll_interval_ms: u64,
    pub directories: usize,
}

/// Counts of the initial model.
#[derive(Debug, Clone, Serialize)]
pub struct Ready {
    pub generation: u64,
    pub files: u32,
    pub dirs: usize,
    pub components: u32,
    pub lines: u32,
    pub skipped: usize,
    #[serde(serialize_with = "ms", rename = "ms")]
    pub elapsed: Duration,
    pub backend: &'static str,
}

/// What one batch did.
#[derive(Debug, Clone, Serialize)]
pub struct Batch {
    pub generation: u64,
    /// Distinct paths that triggered the batch.
    pub paths: usize,
    /// Files whose facts changed.
    pub updated: usize,
    pub created: usize,
    pub removed: usize,
    /// Files read and found unchanged (same content hash).
    pub unchanged: usize,
    #[serde(skip)]
    pub changes: Vec<Change>,
    /// Changes left out of `changes` (beyond `MAX_CHANGES`).
    pub omitted: usize,
    /// True when the whole tree was rescanned (overflow, ignore rules changed).
    pub rescan: bool,
    /// Why it was rescanned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(serialize_with = "ms", rename = "ms")]
    pub elapsed: Duration,
}

/// One change that matters.
#[derive(Debug, Clone)]
pub enum Change {
    Band(BandChange),
    Created(Entry),
    Removed(Entry),
}

/// A node entering or leaving a band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandChange {
    pub path: String,
    pub node: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
    pub from: Band,
    pub to: Band,
    /// The metric that drives the change: the driver of the worse side.
    pub metric: Metric,
    pub value: u32,
    pub limit: u32,
    /// The metric's value before (absent when the node is new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub appeared: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vanished: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub construct: Option<String>,
    /// The paths whose change caused this one.
    #[serde(skip)]
    pub why: Vec<String>,
}

impl BandChange {
    /// True when the node got worse.
    pub fn worse(&self) -> bool {
        self.to > self.from
    }
}

/// A file or directory that entered or left the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub path: String,
    pub node: &'static str,
    pub lines: u32,
    /// Files below (directories).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<u32>,
    pub components: u32,
    pub band: Band,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<Measure>,
    #[serde(skip)]
    pub why: Vec<String>,
}

/// HEAD moved.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Commits reachable from the new HEAD and not from the old one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commits: Option<usize>,
    /// The first history of the session (at start), not a HEAD move.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub initial: bool,
    /// True when the history facts were refreshed (false: `detail` says why not).
    pub refreshed: bool,
    pub detail: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Serialises a duration as whole milliseconds.
pub fn ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
