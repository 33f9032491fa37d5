//! Watching a tree for changes, as the scanner sees it: which paths changed (through notify's
//! native watcher, or by polling when that cannot be trusted), which of them matter (the
//! scanner's own ignore rules, applied per path) and when a burst of them is ready to be worked
//! through (a debouncer). Part of the core: plain values and threads, no terminal. The engine
//! turns what comes out of here into model updates.

pub mod backend;
pub mod debounce;
pub mod event;
pub mod filter;
pub mod netfs;
pub mod poll;

pub use backend::{Backend, WatchError, WatchMode, Watcher};
pub use debounce::Debouncer;
pub use event::FsEvent;
pub use filter::{Control, GitPaths, PathFilter, Verdict};
