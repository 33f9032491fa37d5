//! The values the planners produce: plans with their pieces and cut, planner-specific details,
//! and anti-pattern findings. Plain serialisable data, so the cockpit, the reports and the JSON
//! output all read the same thing.

use serde::Serialize;

use crate::bands::{Band, Metric};

/// One item of a plan's piece: a top-level item, a method, a block, a file or a code region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    pub name: String,
    /// `function`, `struct`, `impl`, `class`, `method`, `const`, `file`, `block`, `region`...
    pub kind: String,
    /// For a file or region in another file: its path. Absent for items of the target itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based, inclusive (0 for files).
    pub start_line: u32,
    pub end_line: u32,
    /// Why the item cannot move (it stays with the original), when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<String>,
}

/// One piece of a plan: what stays in place, or what goes into one new module, type, directory
/// or function.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece {
    /// The new module / type / directory / function name (the original's name when it stays).
    pub name: String,
    /// True for the piece that stays where the target is.
    pub stays: bool,
    /// Where the piece would live (a path relative to the scanned root), when that is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub items: Vec<PlanItem>,
    /// The metric the prediction is about (`file_lines`, `type_methods`, `dir_entries`...).
    pub metric: Metric,
    /// Predicted value of `metric` for this piece afterwards.
    pub predicted_lines: u32,
    pub predicted_band: Band,
}

/// What the cut does to one name: it is defined in one piece and used by others, so it must be
/// made visible (`raise_visibility`) and/or imported (`import`) there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CutEntry {
    pub name: String,
    pub kind: String,
    /// The piece that defines it.
    pub from: String,
    /// The pieces that use it.
    pub to: Vec<String>,
    /// `import`, or `raise_visibility` (which needs an import too), or `field` (a field whose
    /// visibility is raised), or `method`.
    pub action: String,
}

/// The target's measure before the plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Before {
    pub metric: Metric,
    pub value: u32,
    pub limit: u32,
    pub band: Band,
}

/// A candidate block of an extract-function plan, with the function's metrics after extracting
/// it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// `loop body`, `branch`, `match arm`, `else branch`, `try body`, `with body`.
    pub kind: String,
    pub start_line: u32,
    pub end_line: u32,
    /// A proposed name for the new function.
    pub name: String,
    /// Variables the block reads that are bound before it (the new function's parameters).
    pub inputs: Vec<String>,
    /// Variables the block changes (or binds) that are used after it (returned, or `&mut`).
    pub outputs: Vec<String>,
    /// Control flow that leaves the block (`return`, `break`, `continue`, `yield`, `?`).
    pub escapes: Vec<String>,
    /// The function after the extraction.
    pub after: FnPrediction,
    /// The extracted function itself.
    pub extracted: FnPrediction,
    /// Higher is better: complexity removed, less what the new signature costs.
    pub score: f64,
}

/// Predicted metrics of a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct FnPrediction {
    pub lines: u32,
    pub cyclomatic: u32,
    pub cognitive: u32,
    pub nesting: u32,
    pub params: u32,
    pub band: Option<Band>,
}

/// Planner-specific facts shown next to the pieces.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Details {
    /// Extract function: candidate blocks, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// Split type: fields used only by each new piece (piece name, fields).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, Vec<String>)>,
    /// Split type: the LCOM4 value (connected groups of methods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lcom4: Option<u32>,
    /// Subdirectory organisation: entries of the directory afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entries_after: Option<u32>,
    /// Consolidate duplicates: shared tokens / lines of the clone class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicated_lines: Option<u32>,
    /// Free-text notes (why a piece is shaped so, what the planner could not see).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A proposed refactoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The pattern id (`extract-module`, `split-type`...).
    pub pattern: String,
    pub pattern_name: String,
    pub planner: String,
    /// Path of the target, with `:item` for a component.
    pub target: String,
    /// One line saying what the plan does.
    pub title: String,
    /// In [0, 1]; see `docs/patterns.md` for each planner's definition.
    pub confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Before>,
    /// Every item of the target appears in exactly one piece; the piece that stays is one of them.
    pub pieces: Vec<Piece>,
    pub cut: Vec<CutEntry>,
    /// Ranking: expected gain (band relief × hotspot weight) over cost (edges cut).
    pub gain: f64,
    pub cost: f64,
    pub score: f64,
    /// Whether `--patch` can carry the plan out (Rust and Python extract module).
    pub patch: PatchStatus,
    pub rationale: String,
    pub steps: Vec<String>,
    pub details: Details,
    /// The files the patch changes (Rust and Python extract module); see `Patch::diff`.
    #[serde(skip)]
    pub changes: Option<crate::patterns::patch::Patch>,
}

/// Whether a plan comes with a patch, and whether that patch is believed to build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum PatchStatus {
    /// No patch for this planner or language.
    None,
    /// A patch that applies and is expected to build.
    Safe,
    /// A patch exists but would not build (or would change behaviour) as generated.
    Unsafe { reason: String },
}

/// An anti-pattern found in a file, with its fix recipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AntiFinding {
    /// The pattern id (`python-bare-except`...).
    pub pattern: String,
    pub path: String,
    pub line: u32,
    /// The code on that line, trimmed.
    pub snippet: String,
    pub message: String,
    pub recipe: Vec<String>,
}

/// Everything `suggest` returns for one target.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Suggestions {
    /// Best first.
    pub plans: Vec<Plan>,
    pub findings: Vec<AntiFinding>,
    /// Things the planners could not do (an unreadable file, a language without a planner).
    pub notes: Vec<String>,
}
