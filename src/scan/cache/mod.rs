//! The scan cache: the facts of every file of one scanned root, stored outside the tree (in the
//! user's cache directory) so that a second scan re-parses only files whose content changed.
//!
//! Guarantees:
//! - One file per root, named from a hash of the canonical root path, never inside the tree.
//! - A fixed header (magic tag, format version, checksum of the rest) and a head naming the
//!   crate version, the build (see [`meta::build_id`]) and the root. A missing, truncated,
//!   corrupt or foreign file is ignored and rebuilt, never trusted; reading it never panics nor
//!   allocates more than the file's size (every bincode decode runs with a byte limit).
//! - An index (path, metadata, verification time, and for facts their hash, size, line total
//!   and blob range) is decoded up front; each file's facts stay an encoded blob until a walker
//!   thread serves them, so decoding is spread over the threads and a lines-only scan never
//!   decodes component trees. Unchanged blobs are copied back verbatim when the cache is saved.
//! - Trust rules are in [`meta`]: metadata alone vouches for a file only outside the racy
//!   window; otherwise the content is hashed and compared with the cached xxh3.
//! - Writes are atomic (a temporary file in the cache directory, then a rename). No fsync: a
//!   file cut short by a crash fails its checksum and is rebuilt.

pub mod blob;
pub mod meta;

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use bincode::Options;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::model::facts::FileFacts;
pub use meta::{time_ns, Meta, RACY_NS};

/// Bumped whenever the layout of the cache file changes.
pub const FORMAT_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"seamscan";
/// Magic, format version, checksum, length of the head and index.
const HEADER_LEN: usize = 8 + 4 + 8 + 8;

/// The cached facts of a file, minus the facts themselves (they stay in their blob).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Computed by a full scan (a lines-only scan has no components).
    pub full: bool,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    pub bytes: u64,
    /// Total lines, for the progress line.
    pub lines: u32,
    /// The blob's place in the blob section.
    pub offset: u64,
    pub len: u64,
}

/// What the cache knows about a file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Facts(Summary),
    /// A NUL byte in the first 8 KiB.
    Binary,
}

/// One cached file, keyed by its relative path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cached {
    pub meta: Meta,
    /// Start of the scan that last verified this entry against the file's content.
    pub verified_ns: i64,
    pub verdict: Verdict,
}

impl Cached {
    /// True when `now` (the file's current metadata) proves the content unchanged.
    pub fn trusted(&self, now: &Meta) -> bool {
        now.unchanged_since(&self.meta, self.verified_ns)
    }

    /// True when the entry can answer a scan in this mode.
    pub fn serves(&self, lines_only: bool) -> bool {
        match &self.verdict {
            Verdict::Facts(s) => s.full || lines_only,
            Verdict::Binary => true,
        }
    }
}

/// A loaded cache file: the index, and the blobs still encoded.
#[derive(Debug)]
pub struct Loaded {
    data: Vec<u8>,
    blobs_at: usize,
    entries: HashMap<String, Cached>,
}

impl Loaded {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, path: &str) -> Option<&Cached> {
        self.entries.get(path)
    }

    /// The encoded facts `summary` points at; `None` if the range lies outside the file.
    pub fn blob(&self, summary: &Summary) -> Option<&[u8]> {
        let start = self
            .blobs_at
            .checked_add(usize::try_from(summary.offset).ok()?)?;
        let end = start.checked_add(usize::try_from(summary.len).ok()?)?;
        self.data.get(start..end)
    }

    /// Decodes the facts `summary` points at (see [`blob::decode`] for `lines_only`).
    pub fn facts(&self, summary: &Summary, lines_only: bool) -> Option<FileFacts> {
        blob::decode(self.blob(summary)?, lines_only)
    }
}

#[derive(Deserialize)]
struct Head {
    crate_version: String,
    build: u64,
    root: String,
}

#[derive(Serialize)]
struct HeadRef<'a> {
    crate_version: &'a str,
    build: u64,
    root: &'a str,
}

#[derive(Deserialize)]
struct IndexEntry {
    path: String,
    cached: Cached,
}

#[derive(Serialize)]
struct IndexRow<'a> {
    path: &'a str,
    cached: Cached,
}

/// What a saved entry holds.
pub enum Body<'a> {
    /// Facts analysed in this scan, to encode; `full` unless the scan was lines-only.
    Fresh {
        full: bool,
        facts: &'a FileFacts,
    },
    /// Facts kept from the loaded cache, copied as they are.
    Raw {
        summary: Summary,
        blob: &'a [u8],
    },
    Binary,
}

/// One entry of a cache file to write.
pub struct EntryOut<'a> {
    pub path: &'a str,
    pub meta: Meta,
    pub verified_ns: i64,
    pub body: Body<'a>,
}

/// The identity a cache file must carry to be trusted by this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp<'a> {
    pub crate_version: &'a str,
    pub build: u64,
    pub root: &'a str,
}

impl<'a> Stamp<'a> {
    /// This build's stamp for `root` (as given by [`root_key`]).
    pub fn current(root: &'a str) -> Self {
        Stamp {
            crate_version: env!("CARGO_PKG_VERSION"),
            build: meta::build_id(),
            root,
        }
    }
}

/// Where the cache of `canonical_root` lives inside `cache_dir`.
pub fn file_for(cache_dir: &Path, canonical_root: &Path) -> PathBuf {
    let key = root_key(canonical_root);
    cache_dir.join(format!("scan-{:016x}.bin", xxh3_64(key.as_bytes())))
}

/// The root as stored in the cache head (and hashed into the file name).
pub fn root_key(canonical_root: &Path) -> String {
    canonical_root.to_string_lossy().into_owned()
}

fn options() -> bincode::DefaultOptions {
    bincode::DefaultOptions::new()
}

/// Loads the cache file. `None` when it is missing, unreadable, corrupt, or stamped otherwise.
pub fn load(file: &Path, stamp: &Stamp<'_>) -> Option<Loaded> {
    decode(fs::read(file).ok()?, stamp)
}

fn decode(data: Vec<u8>, stamp: &Stamp<'_>) -> Option<Loaded> {
    let (header, rest) = data.split_at_checked(HEADER_LEN)?;
    let (magic, header) = header.split_at_checked(8)?;
    let (format, header) = header.split_at_checked(4)?;
    let (checksum, index_len) = header.split_at_checked(8)?;
    if magic != MAGIC || u32::from_le_bytes(format.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    let checked = data.get(HEADER_LEN - 8..)?;
    if u64::from_le_bytes(checksum.try_into().ok()?) != xxh3_64(checked) {
        return None;
    }
    let index_len = usize::try_from(u64::from_le_bytes(index_len.try_into().ok()?)).ok()?;
    let index = rest.get(..index_len)?;
    let opts = options().with_limit(index.len() as u64);
    let (head, rows): (Head, Vec<IndexEntry>) = opts.deserialize(index).ok()?;
    let ours = Stamp {
        crate_version: &head.crate_version,
        build: head.build,
        root: &head.root,
    };
    if ours != *stamp {
        return None;
    }
    let mut entries = HashMap::with_capacity(rows.len());
    for row in rows {
        entries.insert(row.path, row.cached);
    }
    Some(Loaded {
        data,
        blobs_at: HEADER_LEN + index_len,
        entries,
    })
}

/// Writes the cache atomically: a temporary file next to `file`, then a rename.
pub fn save(file: &Path, stamp: &Stamp<'_>, entries: &[EntryOut<'_>]) -> io::Result<()> {
    let (header, index, blobs) = encode(stamp, entries)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nonce = time_ns(SystemTime::now()).unwrap_or(0);
    let tmp = dir.join(format!(".{name}.{}.{nonce}.tmp", std::process::id()));
    let written = fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(&header)?;
            f.write_all(&index)?;
            f.write_all(&blobs)
        })
        .and_then(|()| fs::rename(&tmp, file));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// The three parts of a cache file: header, head and index, blobs.
fn encode(stamp: &Stamp<'_>, entries: &[EntryOut<'_>]) -> io::Result<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let raw_len: usize = entries
        .iter()
        .map(|e| match &e.body {
            Body::Raw { blob, .. } => blob.len(),
            _ => 0,
        })
        .sum();
    let mut blobs = Vec::with_capacity(raw_len + 4096);
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        let offset = blobs.len() as u64;
        let verdict = match &e.body {
            Body::Binary => Verdict::Binary,
            Body::Raw { summary, blob } => {
                blobs.extend_from_slice(blob);
                Verdict::Facts(Summary {
                    offset,
                    len: blob.len() as u64,
                    ..*summary
                })
            }
            Body::Fresh { full, facts } => {
                blob::encode_into(&mut blobs, facts).map_err(io::Error::other)?;
                Verdict::Facts(Summary {
                    full: *full,
                    hash: facts.hash,
                    bytes: facts.bytes,
                    lines: facts.lines.total,
                    offset,
                    len: blobs.len() as u64 - offset,
                })
            }
        };
        let cached = Cached {
            meta: e.meta,
            verified_ns: e.verified_ns,
            verdict,
        };
        rows.push(IndexRow {
            path: e.path,
            cached,
        });
    }
    let head = HeadRef {
        crate_version: stamp.crate_version,
        build: stamp.build,
        root: stamp.root,
    };
    let index = options()
        .serialize(&(head, rows))
        .map_err(io::Error::other)?;
    let index_len = (index.len() as u64).to_le_bytes();
    let mut sum = Xxh3::new();
    sum.update(&index_len);
    sum.update(&index);
    sum.update(&blobs);
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&sum.digest().to_le_bytes());
    header.extend_from_slice(&index_len);
    Ok((header, index, blobs))
}

#[cfg(test)]
mod tests;
