//! The JSON report of `seamline check` (documented in `docs/json.md`).

use std::io::{self, Write};

use serde::Serialize;

use super::check_text::counts;
use crate::check::Outcome;

/// Version of the check JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: &'static str,
    version: &'static str,
    failed: bool,
    failing: usize,
    counts: serde_json::Map<String, serde_json::Value>,
    #[serde(flatten)]
    outcome: &'a Outcome,
}

/// Writes the report, followed by a newline.
pub fn write(out: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    let counts = counts(o)
        .into_iter()
        .map(|(b, n)| (b.as_str().to_string(), serde_json::Value::from(n)))
        .collect();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: "seamline",
        version: env!("CARGO_PKG_VERSION"),
        failed: o.failed(),
        failing: o.failing(),
        counts,
        outcome: o,
    };
    serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}
