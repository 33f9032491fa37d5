//! Immutable views of the model, cheap to take and safe to hand to another thread.

use std::ops::Deref;
use std::sync::Arc;

use super::tree::Tree;

/// A frozen copy of the model's tree. Cloning a snapshot is one `Arc` increment; taking one from
/// the model copies only chunk pointers (see `arena`).
#[derive(Debug, Clone)]
pub struct Snapshot(Arc<Tree>);

impl Snapshot {
    pub(super) fn new(tree: Tree) -> Self {
        Snapshot(Arc::new(tree))
    }
}

impl Deref for Snapshot {
    type Target = Tree;
    fn deref(&self) -> &Tree {
        &self.0
    }
}
