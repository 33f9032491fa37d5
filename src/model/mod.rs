//! The code model: an arena of directories, files and components with stable ids, aggregates
//! kept up to date incrementally, and cheap immutable snapshots of it.

pub mod arena;
pub mod facts;
pub mod node;
pub mod snapshot;
pub mod tree;
pub mod update;

#[cfg(test)]
mod tests;

pub use arena::NodeId;
pub use node::{ComponentNode, DirStats, Node, NodeBody};
pub use snapshot::Snapshot;
pub use tree::Tree;
pub use update::{Model, ModelError};

use crate::scan::ScanResult;

impl Model {
    /// Builds the model of a finished scan: every directory the walk entered (empty ones too)
    /// and every scanned file.
    pub fn from_scan(scan: &ScanResult) -> Result<Model, ModelError> {
        let mut model = Model::new();
        for dir in &scan.dirs {
            model.ensure_dir(dir)?;
        }
        for file in &scan.files {
            model.upsert_file(&file.path, file.facts.clone())?;
        }
        Ok(model)
    }

    /// Like `from_scan`, but moves the files' facts out of `scan` instead of copying them
    /// (`scan.files` is left empty; `dirs`, `skipped` and `stats` stay).
    pub fn take_scan(scan: &mut ScanResult) -> Result<Model, ModelError> {
        let mut model = Model::new();
        for dir in &scan.dirs {
            model.ensure_dir(dir)?;
        }
        for file in std::mem::take(&mut scan.files) {
            model.upsert_file(&file.path, file.facts)?;
        }
        Ok(model)
    }
}
