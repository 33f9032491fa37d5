//! The cockpit's adapter over the pattern engine: the plans for one node, best first, reduced to
//! what the suggestions pane shows (title, score, pieces with their items and predicted bands,
//! the patch). Computed on demand for the selected node on a worker thread and cached per node
//! and snapshot generation. While the pattern engine is not part of the library, the adapter
//! says so and the pane shows that instead of plans.

use crate::bands::{Band, Metric};
use crate::model::{NodeId, Snapshot};

/// One piece of a plan: what stays or moves, and what it measures afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct PieceView {
    pub name: String,
    pub stays: bool,
    /// Where the piece would live.
    pub file: Option<String>,
    /// "kind name (lines a-b)".
    pub items: Vec<String>,
    pub metric: Metric,
    pub predicted: u32,
    pub band: Band,
}

/// One plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanView {
    pub title: String,
    pub pattern: String,
    pub score: f64,
    pub confidence: f64,
    /// The target's measure now: (metric, value, limit, band).
    pub before: Option<(Metric, u32, u32, Band)>,
    pub pieces: Vec<PieceView>,
    pub rationale: String,
    pub steps: Vec<String>,
    /// "safe", "unsafe: reason", or "none".
    pub patch_status: String,
    /// The patch text, when the plan has one.
    pub patch: Option<String>,
}

/// The suggestions for one node, or why there are none.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestResult {
    /// The node's key (see `rows::key_of`) and the generation it was computed for.
    pub key: String,
    pub generation: u64,
    pub outcome: Result<Vec<PlanView>, String>,
    /// Notes from the planners (what they could not do).
    pub notes: Vec<String>,
}

/// Where plans come from. The cockpit uses `PatternEngine`; tests may use their own.
pub trait Planner: Send + Sync {
    /// The plans for `node` of `snapshot`, best first.
    fn plans(
        &self,
        root: &std::path::Path,
        snapshot: &Snapshot,
        node: NodeId,
    ) -> (Result<Vec<PlanView>, String>, Vec<String>);
}

/// The library's pattern engine.
#[derive(Debug, Clone, Copy, Default)]
pub struct PatternEngine;

impl Planner for PatternEngine {
    fn plans(
        &self,
        _root: &std::path::Path,
        _snapshot: &Snapshot,
        _node: NodeId,
    ) -> (Result<Vec<PlanView>, String>, Vec<String>) {
        (
            Err("suggestions: not available yet (the pattern engine is not in this build)".into()),
            Vec::new(),
        )
    }
}

/// Computes the suggestions for `node`.
pub fn suggest(
    planner: &dyn Planner,
    root: &std::path::Path,
    snapshot: &Snapshot,
    node: NodeId,
    key: String,
    generation: u64,
) -> SuggestResult {
    let (outcome, notes) = planner.plans(root, snapshot, node);
    SuggestResult {
        key,
        generation,
        outcome,
        notes,
    }
}
