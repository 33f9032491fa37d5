//! The cockpit's adapter over the pattern engine: the plans for one node, best first, reduced to
//! what the suggestions pane shows (title, score, pieces with their items and predicted bands,
//! the patch). Computed on demand for the selected node on a worker thread and cached per node
//! and snapshot generation.

use std::path::Path;
use std::sync::OnceLock;

use crate::bands::{Band, Metric};
use crate::config::Config;
use crate::history::HistoryReport;
use crate::model::{NodeId, Snapshot};
use crate::patterns::{self, FsSources, History, Library, PatchStatus, Plan, Request};

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

/// What a planner is given.
pub struct PlanInput<'a> {
    /// The scanned root (files are read from here).
    pub root: &'a Path,
    pub snapshot: &'a Snapshot,
    pub node: NodeId,
    pub config: &'a Config,
    pub history: Option<&'a HistoryReport>,
}

/// Where plans come from. The cockpit uses `PatternEngine`; tests may use their own.
pub trait Planner: Send + Sync {
    /// The plans for the input's node, best first, and the planners' notes.
    fn plans(&self, input: &PlanInput<'_>) -> (Result<Vec<PlanView>, String>, Vec<String>);
}

/// The library's pattern engine (`patterns::suggest`), with the pattern library loaded once.
#[derive(Debug, Default)]
pub struct PatternEngine {
    library: OnceLock<Library>,
    /// Read user patterns from `$XDG_CONFIG_HOME/seamline/patterns/` too.
    pub user_patterns: bool,
}

impl PatternEngine {
    /// An engine that reads the embedded, user and repository patterns.
    pub fn new(user_patterns: bool) -> PatternEngine {
        PatternEngine {
            library: OnceLock::new(),
            user_patterns,
        }
    }
}

impl Planner for PatternEngine {
    fn plans(&self, input: &PlanInput<'_>) -> (Result<Vec<PlanView>, String>, Vec<String>) {
        let library = self.library.get_or_init(|| {
            let user = if self.user_patterns {
                patterns::library::user_dir()
            } else {
                None
            };
            Library::load(input.root, user.as_deref())
        });
        let mut notes: Vec<String> = library
            .errors
            .iter()
            .map(|e| format!("pattern library: {e}"))
            .collect();
        let history = input.history.and_then(history_facts);
        let sources = FsSources::new(input.root, input.config.max_file_size);
        let req = Request {
            tree: input.snapshot,
            target: input.node,
            policy: input.config,
            library,
            sources: &sources,
            history: history.as_ref(),
            force: false,
        };
        let s = patterns::suggest(&req);
        let prefix = patch_prefix(input.root);
        notes.extend(s.notes.iter().cloned());
        notes.extend(
            s.findings
                .iter()
                .map(|f| format!("{}:{}: {}", f.path, f.line, f.message)),
        );
        let plans = s.plans.iter().map(|p| view(p, &prefix)).collect();
        (Ok(plans), notes)
    }
}

/// The history facts the planners take, from the engine's report.
fn history_facts(report: &HistoryReport) -> Option<History> {
    History::from_report(report)
}

/// The prefix that makes the patch's paths apply with `git apply` from the work tree's top.
fn patch_prefix(root: &Path) -> String {
    let top = root.ancestors().find(|a| a.join(".git").exists());
    match top.and_then(|t| root.strip_prefix(t).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => format!("{}/", rel.display()),
        _ => String::new(),
    }
}

fn view(p: &Plan, prefix: &str) -> PlanView {
    PlanView {
        title: p.title.clone(),
        pattern: p.pattern.clone(),
        score: p.score,
        confidence: p.confidence,
        before: p.before.map(|b| (b.metric, b.value, b.limit, b.band)),
        pieces: p
            .pieces
            .iter()
            .map(|pc| PieceView {
                name: pc.name.clone(),
                stays: pc.stays,
                file: pc.file.clone(),
                items: pc
                    .items
                    .iter()
                    .map(|i| match (&i.path, i.start_line) {
                        (Some(path), 0) => format!("{} {} ({path})", i.kind, i.name),
                        (_, 0) => format!("{} {}", i.kind, i.name),
                        _ => format!("{} {} ({}-{})", i.kind, i.name, i.start_line, i.end_line),
                    })
                    .collect(),
                metric: pc.metric,
                predicted: pc.predicted_lines,
                band: pc.predicted_band,
            })
            .collect(),
        rationale: p.rationale.clone(),
        steps: p.steps.clone(),
        patch_status: match &p.patch {
            PatchStatus::None => "none".into(),
            PatchStatus::Safe => "safe".into(),
            PatchStatus::Unsafe { reason } => format!("unsafe: {reason}"),
        },
        patch: p.changes.as_ref().map(|c| c.diff(prefix)),
    }
}

/// Computes the suggestions for the input's node.
pub fn suggest(
    planner: &dyn Planner,
    input: &PlanInput<'_>,
    key: String,
    generation: u64,
) -> SuggestResult {
    let (outcome, notes) = planner.plans(input);
    SuggestResult {
        key,
        generation,
        outcome,
        notes,
    }
}
