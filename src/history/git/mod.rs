//! Reading git objects without a `git` process: pack files and their deltas read directly, with
//! git2 as the fallback, so that the walk's threads can share the packs without a repository
//! lock. Nothing here knows about commits or diffs.

pub mod delta;
pub mod objects;
pub mod pack;
