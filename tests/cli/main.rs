//! The `check` and `scan` commands end to end, one test target sharing the fixture helpers of
//! `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod check_diff;
mod scan;
