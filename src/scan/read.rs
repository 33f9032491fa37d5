//! One file's way through the scan: metadata first (size limit, cache trusted by metadata), then
//! the read (binary sniff on the first 8 KiB, a hard cap at the size limit even if the file grew
//! since it was listed), then the content hash against the cache, and only then the analyser.
//!
//! Every failure becomes a [`Skipped`] entry for this path; nothing here stops the scan, not
//! even a panic in an analyser (a bug): it is contained to its file.

use std::fs::{self, File};
use std::io::{self, Read};
use std::panic::AssertUnwindSafe;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use super::cache::{Cached, Loaded, Meta, Summary, Verdict};
use super::progress::Counters;
use super::{file, ScanOptions, SkipReason, Skipped};
use crate::model::facts::FileFacts;

/// How many leading bytes are searched for a NUL to call a file binary.
pub const SNIFF_LEN: usize = 8 * 1024;

/// What the scan decided about one regular file.
#[derive(Debug)]
pub enum Outcome {
    /// Read and analysed in this scan.
    Analysed(FileFacts),
    /// Served from the cache: unchanged by metadata (nothing read), or, with `by_hash`, read
    /// and found identical by its content hash. `summary` locates the blob to keep.
    Cached {
        facts: FileFacts,
        summary: Summary,
        verified_ns: i64,
        by_hash: bool,
    },
    /// A NUL byte in the first 8 KiB; `verified_ns` is the cached verdict's, `None` when
    /// sniffed in this scan.
    Binary { verified_ns: Option<i64> },
}

/// A regular file with its outcome and the metadata the cache will remember.
#[derive(Debug)]
pub struct Record {
    pub path: String,
    pub meta: Meta,
    pub outcome: Outcome,
}

/// Everything shared by the walker threads.
pub struct Ctx<'a> {
    pub opts: &'a ScanOptions,
    pub cache: Option<&'a Loaded>,
    pub counters: Option<&'a Counters>,
}

/// What one walker thread found; merged with the others at the end.
#[derive(Debug, Default)]
pub struct Found {
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
    pub dirs: Vec<String>,
    pub bytes_read: u64,
}

impl Found {
    /// Records a skipped path.
    pub fn skip(&mut self, ctx: &Ctx<'_>, path: String, reason: SkipReason) {
        if let Some(c) = ctx.counters {
            c.add_skipped();
        }
        self.skipped.push(Skipped { path, reason });
    }

    fn record(&mut self, ctx: &Ctx<'_>, path: String, meta: Meta, outcome: Outcome) {
        if let Some(c) = ctx.counters {
            match &outcome {
                Outcome::Binary { .. } => c.add_skipped(),
                Outcome::Analysed(facts) | Outcome::Cached { facts, .. } => {
                    c.add_file(facts.lines.total)
                }
            }
        }
        self.records.push(Record {
            path,
            meta,
            outcome,
        });
    }
}

/// The skip reason for an I/O error on a listed path.
pub fn io_reason(err: &io::Error) -> SkipReason {
    match err.kind() {
        io::ErrorKind::NotFound => SkipReason::Vanished,
        _ => SkipReason::Unreadable {
            error: err.to_string(),
        },
    }
}

/// A regular file to process: its path relative to the root, its full path, its metadata.
pub struct Entry<'a> {
    pub rel: String,
    pub path: &'a Path,
    pub md: &'a fs::Metadata,
}

/// Processes one regular file. `buf` is the thread's reusable read buffer.
pub fn process(ctx: &Ctx<'_>, found: &mut Found, entry: Entry<'_>, buf: &mut Vec<u8>) {
    let Entry { rel, path, md } = entry;
    let limit = ctx.opts.max_file_size;
    let lines_only = ctx.opts.lines_only;
    let meta = Meta::of(md);
    if meta.size > limit {
        let reason = SkipReason::TooLarge {
            bytes: meta.size,
            limit,
        };
        return found.skip(ctx, rel, reason);
    }
    let cached = ctx
        .cache
        .and_then(|c| Some((c, *c.get(&rel)?)))
        .filter(|(_, e)| e.serves(lines_only));
    if let Some((cache, e)) = cached.filter(|(_, e)| e.trusted(&meta)) {
        let outcome = match e.verdict {
            Verdict::Binary => Some(Outcome::Binary {
                verified_ns: Some(e.verified_ns),
            }),
            Verdict::Facts(summary) => {
                cache
                    .facts(&summary, lines_only)
                    .map(|facts| Outcome::Cached {
                        facts,
                        summary,
                        verified_ns: e.verified_ns,
                        by_hash: false,
                    })
            }
        };
        // A blob that does not decode is a miss: the file is read and analysed below.
        if let Some(outcome) = outcome {
            return found.record(ctx, rel, meta, outcome);
        }
    }
    match read(path, limit, buf, &mut found.bytes_read) {
        Err(err) => found.skip(ctx, rel, io_reason(&err)),
        Ok(Content::Binary) => {
            found.record(ctx, rel, meta, Outcome::Binary { verified_ns: None });
        }
        Ok(Content::TooLarge(bytes)) => {
            found.skip(ctx, rel, SkipReason::TooLarge { bytes, limit });
        }
        Ok(Content::Text) => match hash_hit(cached, buf, lines_only) {
            Some(hit) => found.record(ctx, rel, meta, hit),
            None => match analyse(path, buf, lines_only) {
                Some(facts) => found.record(ctx, rel, meta, Outcome::Analysed(facts)),
                None => found.skip(ctx, rel, analyser_failed()),
            },
        },
    }
}

/// Runs the analyser, containing a panic (a bug) to this one file so the scan goes on.
fn analyse(path: &Path, bytes: &[u8], lines_only: bool) -> Option<FileFacts> {
    let run = AssertUnwindSafe(|| file::analyze_bytes(path, bytes, lines_only));
    std::panic::catch_unwind(run).ok()
}

fn analyser_failed() -> SkipReason {
    SkipReason::WalkError {
        error: "internal error: the analyser failed on this file".into(),
    }
}

/// The cached facts when they were made from exactly these bytes.
fn hash_hit(cached: Option<(&Loaded, Cached)>, bytes: &[u8], lines_only: bool) -> Option<Outcome> {
    let (cache, e) = cached?;
    let Verdict::Facts(summary) = e.verdict else {
        return None;
    };
    if summary.bytes != bytes.len() as u64 || summary.hash != xxh3_64(bytes) {
        return None;
    }
    Some(Outcome::Cached {
        facts: cache.facts(&summary, lines_only)?,
        summary,
        verified_ns: e.verified_ns,
        by_hash: true,
    })
}

/// What reading a file produced; the bytes are in the caller's buffer.
#[derive(Debug, PartialEq, Eq)]
pub enum Content {
    Text,
    Binary,
    /// The file grew past the limit after it was listed; the count is the bytes seen.
    TooLarge(u64),
}

/// Reads `path` into `buf` (cleared first): at most `limit + 1` bytes, stopping after the first
/// 8 KiB if they hold a NUL. Adds what was read to `bytes_read`.
pub fn read(
    path: &Path,
    limit: u64,
    buf: &mut Vec<u8>,
    bytes_read: &mut u64,
) -> io::Result<Content> {
    buf.clear();
    let mut file = File::open(path)?;
    let cap = limit.saturating_add(1);
    let head = (&mut file).take(cap.min(SNIFF_LEN as u64)).read_to_end(buf);
    *bytes_read += buf.len() as u64;
    head?;
    if buf.contains(&0) {
        return Ok(Content::Binary);
    }
    let before = buf.len();
    let rest = file
        .take(cap.saturating_sub(before as u64))
        .read_to_end(buf);
    *bytes_read += (buf.len() - before) as u64;
    rest?;
    let len = buf.len() as u64;
    Ok(if len > limit {
        Content::TooLarge(len)
    } else {
        Content::Text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(opts: &ScanOptions) -> Ctx<'_> {
        Ctx {
            opts,
            cache: None,
            counters: None,
        }
    }

    #[test]
    fn a_file_gone_between_listing_and_reading_is_vanished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.txt");
        fs::write(&path, "x\n").unwrap();
        let md = fs::metadata(&path).unwrap();
        fs::remove_file(&path).unwrap();
        let opts = ScanOptions::new(dir.path());
        let mut found = Found::default();
        let entry = Entry {
            rel: "gone.txt".into(),
            path: &path,
            md: &md,
        };
        process(&ctx(&opts), &mut found, entry, &mut Vec::new());
        assert!(found.records.is_empty());
        assert_eq!(
            found.skipped,
            vec![Skipped {
                path: "gone.txt".into(),
                reason: SkipReason::Vanished
            }]
        );
    }

    #[test]
    fn a_file_that_grew_past_the_limit_after_listing_is_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grows.txt");
        fs::write(&path, "short\n").unwrap();
        let md = fs::metadata(&path).unwrap();
        fs::write(&path, "a much longer line than the limit allows\n").unwrap();
        let mut opts = ScanOptions::new(dir.path());
        opts.max_file_size = 10;
        let mut found = Found::default();
        let entry = Entry {
            rel: "grows.txt".into(),
            path: &path,
            md: &md,
        };
        process(&ctx(&opts), &mut found, entry, &mut Vec::new());
        // Reading stops one byte past the limit.
        assert_eq!(
            found.skipped.first().map(|s| &s.reason),
            Some(&SkipReason::TooLarge {
                bytes: 11,
                limit: 10
            })
        );
        assert_eq!(found.bytes_read, 11);
    }

    #[test]
    fn only_a_nul_in_the_first_8_kib_makes_a_file_binary() {
        let dir = tempfile::tempdir().unwrap();
        let late = dir.path().join("late.txt");
        let mut bytes = vec![b'a'; SNIFF_LEN];
        bytes.extend_from_slice(b"\0tail\n");
        fs::write(&late, &bytes).unwrap();
        let early = dir.path().join("early.dat");
        let mut bytes = vec![b'a'; SNIFF_LEN - 1];
        bytes.extend_from_slice(b"\0");
        bytes.extend_from_slice(&[b'b'; 20_000]);
        fs::write(&early, &bytes).unwrap();

        let (mut buf, mut read_total) = (Vec::new(), 0);
        let content = read(&late, 1 << 20, &mut buf, &mut read_total).unwrap();
        assert_eq!(content, Content::Text);
        assert_eq!(buf.len(), SNIFF_LEN + 6);
        let content = read(&early, 1 << 20, &mut buf, &mut read_total).unwrap();
        assert_eq!(content, Content::Binary);
        // The binary file was read no further than the sniffed head.
        assert_eq!(read_total, (SNIFF_LEN + 6 + SNIFF_LEN) as u64);
    }
}
