//! The history engine's integration tests, one test target: churn and the walk over time on
//! small git repositories built by `util`, and the `history` command end to end.

mod util;

mod churn;
mod cli;
mod incremental;
mod walk;
