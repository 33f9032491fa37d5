//! The code model: an arena of directories, files and components with aggregates kept up to date
//! incrementally, and cheap immutable snapshots of it.

pub mod facts;
