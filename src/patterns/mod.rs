//! The pattern engine: a library of refactoring patterns (data, in `assets/patterns/`) and the
//! planners that turn a node in a warning band into concrete plans — which items move where,
//! what crosses the cut, what every piece will measure afterwards — ranked by expected gain
//! against cost, plus anti-pattern findings with their fix recipes.
//!
//! `suggest` is a pure function of a snapshot of the model, the text of the files it reads
//! (`Sources`) and optional history facts (`History`): the cockpit calls it for the selected
//! node on demand, the `suggest` command for a path. Nothing here writes to the scanned tree;
//! patches are returned as text.

pub mod depgraph;
pub mod history;
pub mod items;
pub mod library;
pub mod naming;
pub mod partition;
pub mod patch;
pub mod planners;
pub mod rank;
pub mod source;
pub mod suggest;
pub mod ts;
pub mod types;

pub use history::History;
pub use library::{Library, Pattern};
pub use source::{FsSources, MemSources, Sources};
pub use suggest::{suggest, Request};
pub use types::{
    AntiFinding, Candidate, CutEntry, PatchStatus, Piece, Plan, PlanItem, Suggestions,
};
