//! The scanner's integration tests, one test target: the walk over awkward trees and the scan
//! cache end to end.

mod cache;
mod walk;
