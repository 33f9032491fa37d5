//! seamline: a terminal refactoring cockpit. This library is the core: scanning, the code model,
//! metrics and reports. It has no terminal and no async runtime; the shells (`main.rs`, and later
//! the cockpit) are thin consumers of it.

pub mod bands;
pub mod check;
pub mod config;
pub mod engine;
pub mod history;
pub mod lang;
pub mod metrics;
pub mod model;
pub mod patterns;
pub mod report;
pub mod sanitize;
pub mod scan;
pub mod tui;
pub mod watch;
