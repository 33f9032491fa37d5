//! The JSON report of `seamline suggest` (documented in `docs/json.md`).

use std::io::{self, Write};

use serde::Serialize;

use crate::patterns::library::{Library, PatternError};
use crate::patterns::Suggestions;

/// Version of the suggest JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: &'static str,
    version: &'static str,
    target: &'a str,
    #[serde(flatten)]
    suggestions: &'a Suggestions,
    pattern_errors: &'a [PatternError],
}

/// Writes the report, followed by a newline.
pub fn write(out: &mut dyn Write, target: &str, s: &Suggestions, lib: &Library) -> io::Result<()> {
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: "seamline",
        version: env!("CARGO_PKG_VERSION"),
        target,
        suggestions: s,
        pattern_errors: &lib.errors,
    };
    serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}
