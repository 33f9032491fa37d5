//! Merges what the walker threads found into one sorted [`ScanResult`], moving cached facts out
//! of the loaded cache (no copies of component trees), and remembers what the next cache file
//! must hold: every file still present with the metadata it was seen with.

use super::cache::{Cached, Entries, EntryRef, Meta, Verdict, VerdictRef};
use super::read::{Found, Outcome};
use super::{ScanResult, ScannedFile, SkipReason, Skipped};
use crate::model::facts::FileFacts;

/// Where a cache entry's verdict comes from when the cache is written.
enum Source {
    /// The facts of `result.files[i]`.
    File(usize),
    /// Full facts kept for the cache while the result holds their lines-only view.
    Owned(String, FileFacts),
    Binary(String),
}

struct Keep {
    meta: Meta,
    verified_ns: i64,
    full: bool,
    source: Source,
}

/// A merged scan and the cache entries it implies.
pub struct Collected {
    pub result: ScanResult,
    keep: Vec<Keep>,
    /// True when the cache file on disk no longer matches `keep` (or there is none).
    pub changed: bool,
}

impl Collected {
    /// The entries of the cache file to write, borrowing the facts from the result.
    pub fn entries(&self) -> Vec<EntryRef<'_>> {
        let files = &self.result.files;
        self.keep
            .iter()
            .filter_map(|k| {
                let (path, verdict) = match &k.source {
                    Source::File(i) => {
                        let f = files.get(*i)?;
                        let verdict = VerdictRef::Facts {
                            full: k.full,
                            facts: &f.facts,
                        };
                        (f.path.as_str(), verdict)
                    }
                    Source::Owned(path, facts) => (
                        path.as_str(),
                        VerdictRef::Facts {
                            full: k.full,
                            facts,
                        },
                    ),
                    Source::Binary(path) => (path.as_str(), VerdictRef::Binary),
                };
                Some(EntryRef {
                    path,
                    meta: k.meta,
                    verified_ns: k.verified_ns,
                    verdict,
                })
            })
            .collect()
    }
}

/// What a lines-only scan reports for a file whose cached facts came from a full scan: exactly
/// what analysing it with `lines_only` would have produced.
pub fn lines_only_view(facts: &FileFacts) -> FileFacts {
    FileFacts {
        language: facts.language,
        bytes: facts.bytes,
        hash: facts.hash,
        lines: facts.lines,
        parse_error: None,
        lines_only: true,
        lossy_utf8: facts.lossy_utf8,
        components: Vec::new(),
        suppressions: facts.suppressions.clone(),
    }
}

/// Merges `founds`; `cache` is the loaded cache (`None`: none usable), `now_ns` the scan start.
pub fn collect(
    founds: Vec<Found>,
    mut cache: Option<Entries>,
    lines_only: bool,
    now_ns: i64,
) -> Collected {
    let loaded = cache.as_ref().map(|c| c.len());
    let mut result = ScanResult::default();
    let mut records = Vec::with_capacity(founds.iter().map(|f| f.records.len()).sum());
    for f in founds {
        records.extend(f.records);
        result.skipped.extend(f.skipped);
        result.dirs.extend(f.dirs);
        result.stats.bytes_read += f.bytes_read;
    }
    records.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    result.files.reserve(records.len());
    let mut keep = Vec::with_capacity(records.len());
    let mut changed = loaded.is_none();
    for r in records {
        let old = cache.as_mut().and_then(|c| c.remove(&r.path));
        match r.outcome {
            Outcome::Analysed(facts) => {
                result.stats.analysed += 1;
                changed = true;
                let k = (r.meta, now_ns, !lines_only);
                keep_file(&mut result.files, &mut keep, r.path, facts, k);
            }
            Outcome::Hit | Outcome::HashHit => {
                let Some(Cached {
                    verdict: Verdict::Facts { full, facts },
                    verified_ns,
                    ..
                }) = old
                else {
                    result.skipped.push(collision(r.path));
                    continue;
                };
                result.stats.cached += 1;
                let verified_ns = if matches!(r.outcome, Outcome::HashHit) {
                    changed = true;
                    now_ns
                } else {
                    verified_ns
                };
                if lines_only && full {
                    result.files.push(ScannedFile {
                        path: r.path.clone(),
                        facts: lines_only_view(&facts),
                    });
                    keep.push(Keep {
                        meta: r.meta,
                        verified_ns,
                        full,
                        source: Source::Owned(r.path, facts),
                    });
                } else {
                    let k = (r.meta, verified_ns, full);
                    keep_file(&mut result.files, &mut keep, r.path, facts, k);
                }
            }
            Outcome::Binary { fresh } => {
                let verified_ns = match old {
                    Some(c) if !fresh => c.verified_ns,
                    _ => {
                        changed = true;
                        now_ns
                    }
                };
                keep.push(Keep {
                    meta: r.meta,
                    verified_ns,
                    full: true,
                    source: Source::Binary(r.path.clone()),
                });
                result.skipped.push(Skipped {
                    path: r.path,
                    reason: SkipReason::Binary,
                });
            }
        }
    }
    changed |= loaded != Some(keep.len());
    finish(&mut result);
    Collected {
        result,
        keep,
        changed,
    }
}

/// Adds a file to the result and its cache entry (metadata, verification time, full facts).
fn keep_file(
    files: &mut Vec<ScannedFile>,
    keep: &mut Vec<Keep>,
    path: String,
    facts: FileFacts,
    (meta, verified_ns, full): (Meta, i64, bool),
) {
    keep.push(Keep {
        meta,
        verified_ns,
        full,
        source: Source::File(files.len()),
    });
    files.push(ScannedFile { path, facts });
}

/// Two names that decode to the same string (invalid UTF-8 decoded lossily) share one cache
/// entry; the second cannot be served from it.
fn collision(path: String) -> Skipped {
    Skipped {
        path,
        reason: SkipReason::WalkError {
            error: "the name collides with another after lossy UTF-8 decoding".into(),
        },
    }
}

/// Sorts skipped paths and directories; a directory that could not be listed is left out of
/// `dirs` (the root always stays).
fn finish(result: &mut ScanResult) {
    result.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    result.dirs.sort_unstable();
    result.dirs.dedup();
    let skipped = &result.skipped;
    result.dirs.retain(|d| {
        d.is_empty()
            || skipped
                .binary_search_by(|s| s.path.as_str().cmp(d.as_str()))
                .is_err()
    });
}
