//! Merges what the walker threads found into one sorted [`ScanResult`], and remembers what the
//! next cache file must hold: every file still present with the metadata it was seen with, its
//! facts either fresh (to encode) or the blob it was served from (copied verbatim).

use super::cache::{Body, EntryOut, Loaded, Meta, Summary};
use super::read::{Found, Outcome};
use super::{ScanResult, ScannedFile, SkipReason, Skipped};

/// What a cache entry will hold.
enum What {
    /// The facts of `result.files[file]`, analysed in this scan.
    Fresh {
        file: usize,
        full: bool,
    },
    /// The loaded blob `summary` points at, for `result.files[file]` (whose facts may be only a
    /// lines-only view of it).
    Raw {
        file: usize,
        summary: Summary,
    },
    Binary(String),
}

struct Keep {
    meta: Meta,
    verified_ns: i64,
    what: What,
}

/// A merged scan and the cache entries it implies.
pub struct Collected {
    pub result: ScanResult,
    keep: Vec<Keep>,
    /// True when the cache file on disk no longer matches what it should hold (or there is
    /// none).
    pub changed: bool,
}

impl Collected {
    /// The entries of the cache file to write, borrowing facts from the result and blobs from
    /// `loaded` (the cache the scan was served from).
    pub fn entries<'a>(&'a self, loaded: Option<&'a Loaded>) -> Vec<EntryOut<'a>> {
        let files = &self.result.files;
        self.keep
            .iter()
            .filter_map(|k| {
                let (path, body) = match &k.what {
                    What::Fresh { file, full } => {
                        let f = files.get(*file)?;
                        let body = Body::Fresh {
                            full: *full,
                            facts: &f.facts,
                        };
                        (f.path.as_str(), body)
                    }
                    What::Raw { file, summary } => {
                        let f = files.get(*file)?;
                        let blob = loaded?.blob(summary)?;
                        let body = Body::Raw {
                            summary: *summary,
                            blob,
                        };
                        (f.path.as_str(), body)
                    }
                    What::Binary(path) => (path.as_str(), Body::Binary),
                };
                Some(EntryOut {
                    path,
                    meta: k.meta,
                    verified_ns: k.verified_ns,
                    body,
                })
            })
            .collect()
    }
}

/// Merges `founds`. `loaded_len`: entries in the cache the scan was served from (`None`: no
/// usable cache); `now_ns`: the scan start, the verification time of whatever was read.
pub fn collect(
    founds: Vec<Found>,
    loaded_len: Option<usize>,
    lines_only: bool,
    now_ns: i64,
) -> Collected {
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
    let mut changed = loaded_len.is_none();
    for r in records {
        let file = result.files.len();
        let (verified_ns, what) = match r.outcome {
            Outcome::Analysed(facts) => {
                result.stats.analysed += 1;
                changed = true;
                result.files.push(ScannedFile {
                    path: r.path,
                    facts,
                });
                let full = !lines_only;
                (now_ns, What::Fresh { file, full })
            }
            Outcome::Cached {
                facts,
                summary,
                verified_ns,
                by_hash,
            } => {
                result.stats.cached += 1;
                changed |= by_hash;
                result.files.push(ScannedFile {
                    path: r.path,
                    facts,
                });
                let verified_ns = if by_hash { now_ns } else { verified_ns };
                (verified_ns, What::Raw { file, summary })
            }
            Outcome::Binary { verified_ns } => {
                changed |= verified_ns.is_none();
                result.skipped.push(Skipped {
                    path: r.path.clone(),
                    reason: SkipReason::Binary,
                });
                (verified_ns.unwrap_or(now_ns), What::Binary(r.path))
            }
        };
        keep.push(Keep {
            meta: r.meta,
            verified_ns,
            what,
        });
    }
    changed |= loaded_len != Some(keep.len());
    finish(&mut result);
    Collected {
        result,
        keep,
        changed,
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
