//! Writers that turn a model into human tables and machine-readable JSON. Every string taken
//! from the scanned tree goes through `sanitize` before it is written for a terminal.

pub mod scan_json;
pub mod scan_table;
pub mod summary;
