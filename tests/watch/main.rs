//! The watch engine's integration tests, one test target: each module covers one kind of change
//! a watched tree goes through, all driven by the shared harness in `support`.

mod support;

mod bands;
mod burst;
mod cli;
mod edits;
mod git;
mod poll;
mod session;
mod tree;
