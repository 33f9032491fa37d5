//! What the panes read, prepared off the event loop: the feed of publications, the per-node
//! index of a snapshot (with its fast band assessment), the tree's rows, the finder's search,
//! the history adapter and the suggestions adapter.

pub mod feed;
pub mod finder;
pub mod history;
pub mod index;
mod quick;
pub mod rows;
pub mod suggest;
