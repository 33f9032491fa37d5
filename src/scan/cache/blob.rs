//! One file's facts as stored in the cache: the fields a lines-only scan needs come first and
//! the component tree last, so a lines-only scan decodes a prefix and never builds the tree.
//!
//! The field lists are written out (no `..`), so adding a field to `FileFacts` fails to compile
//! here instead of being silently dropped by the cache; bump `FORMAT_VERSION` with it.

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::bands::suppress::Suppression;
use crate::lang::Language;
use crate::model::facts::{Component, FileFacts, LineCounts, ParseIssue};

#[derive(Serialize)]
struct BlobRef<'a> {
    language: Language,
    bytes: u64,
    hash: u64,
    lines: LineCounts,
    parse_error: &'a Option<ParseIssue>,
    lines_only: bool,
    lossy_utf8: bool,
    suppressions: &'a [Suppression],
    components: &'a [Component],
}

/// Everything but the components (same layout as the start of `BlobRef`).
#[derive(Deserialize)]
struct Head {
    language: Language,
    bytes: u64,
    hash: u64,
    lines: LineCounts,
    parse_error: Option<ParseIssue>,
    lines_only: bool,
    lossy_utf8: bool,
    suppressions: Vec<Suppression>,
}

#[derive(Deserialize)]
struct Blob {
    head: Head,
    components: Vec<Component>,
}

/// Appends the encoding of `facts` to `out`.
pub fn encode_into(out: &mut Vec<u8>, facts: &FileFacts) -> bincode::Result<()> {
    let FileFacts {
        language,
        bytes,
        hash,
        lines,
        parse_error,
        lines_only,
        lossy_utf8,
        components,
        suppressions,
    } = facts;
    let blob = BlobRef {
        language: *language,
        bytes: *bytes,
        hash: *hash,
        lines: *lines,
        parse_error,
        lines_only: *lines_only,
        lossy_utf8: *lossy_utf8,
        suppressions,
        components,
    };
    super::options().serialize_into(out, &blob)
}

/// Decodes a blob. With `lines_only`, the facts are what a lines-only analysis reports (no
/// components, no parse error) and the component tree is not decoded at all.
pub fn decode(blob: &[u8], lines_only: bool) -> Option<FileFacts> {
    let limit = blob.len() as u64;
    if lines_only {
        let head: Head = super::options()
            .with_limit(limit)
            .allow_trailing_bytes()
            .deserialize(blob)
            .ok()?;
        return Some(FileFacts {
            parse_error: None,
            lines_only: true,
            ..facts(head, Vec::new())
        });
    }
    let blob: Blob = super::options().with_limit(limit).deserialize(blob).ok()?;
    Some(facts(blob.head, blob.components))
}

fn facts(head: Head, components: Vec<Component>) -> FileFacts {
    let Head {
        language,
        bytes,
        hash,
        lines,
        parse_error,
        lines_only,
        lossy_utf8,
        suppressions,
    } = head;
    FileFacts {
        language,
        bytes,
        hash,
        lines,
        parse_error,
        lines_only,
        lossy_utf8,
        components,
        suppressions,
    }
}
