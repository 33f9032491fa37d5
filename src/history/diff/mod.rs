//! Counting what a commit changed: tree comparison by id, then xdiff's line-diff algorithm
//! (ported, so the counts match `git log --numstat`) on each modified file.

mod edit_box;
pub mod myers;
pub mod numstat;
pub mod treediff;
pub mod xdiff;
