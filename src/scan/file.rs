//! Turns one file's bytes into its facts: decode (lossily when needed), detect the language,
//! classify lines, run the analyser, and give every component its line counts.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use crate::lang::{self, Language};
use crate::metrics::lines::{classify, LineTable};
use crate::model::facts::{Component, FileFacts};

/// Analyses a file's bytes. `lines_only` skips the parser.
pub fn analyze_bytes(path: &Path, bytes: &[u8], lines_only: bool) -> FileFacts {
    let hash = xxh3_64(bytes);
    let (src, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    };
    let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
    let first_line = src.lines().next().unwrap_or("");
    let language = lang::detect(path, first_line).unwrap_or(Language::Text);
    let origin = Origin {
        hash,
        bytes: bytes.len() as u64,
        lossy_utf8: lossy,
    };
    analyze_text(language, src, origin, lines_only)
}

/// Where decoded text came from: the raw bytes' hash and size, and whether decoding was lossy.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin {
    pub hash: u64,
    pub bytes: u64,
    pub lossy_utf8: bool,
}

/// Measures text that exists only in memory (a planned module, an old version): hashed and
/// sized from the text itself.
pub fn measure_text(language: Language, src: &str, lines_only: bool) -> FileFacts {
    let origin = Origin {
        hash: xxh3_64(src.as_bytes()),
        bytes: src.len() as u64,
        lossy_utf8: false,
    };
    analyze_text(language, src, origin, lines_only)
}

/// Analyses decoded text as `language`.
pub fn analyze_text(language: Language, src: &str, origin: Origin, lines_only: bool) -> FileFacts {
    let Origin {
        hash,
        bytes,
        lossy_utf8,
    } = origin;
    let classes = classify(language, src);
    let table = LineTable::new(&classes);
    let suppressions = crate::bands::suppress::find(src, &classes);
    let analysis = if lines_only {
        None
    } else {
        lang::analyze(language, src)
    };
    let lines_only = analysis.is_none();
    let (mut components, parse_error) = match analysis {
        Some(a) => (a.components, a.parse_error),
        None => (Vec::new(), None),
    };
    for c in &mut components {
        fill_lines(c, &table, 1);
    }
    FileFacts {
        language,
        bytes,
        hash,
        lines: table.total(),
        parse_error,
        lines_only,
        lossy_utf8,
        components,
        suppressions,
    }
}

/// Components nested deeper than this are dropped: no real code nests that far, and every
/// later consumer (reports, cache, model) can then recurse without risk.
pub const MAX_COMPONENT_DEPTH: usize = 64;

fn fill_lines(c: &mut Component, table: &LineTable, depth: usize) {
    c.lines = table.range(c.start_line, c.end_line);
    if depth >= MAX_COMPONENT_DEPTH {
        c.children.clear();
    }
    for child in &mut c.children {
        fill_lines(child, table, depth + 1);
    }
}
