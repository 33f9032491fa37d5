//! The scan cache: the facts of every file of one scanned root, stored outside the tree (in the
//! user's cache directory) so that a second scan re-parses only files whose content changed.
//!
//! Guarantees:
//! - One file per root, named from a hash of the canonical root path, never inside the tree.
//! - A header carries a magic tag, the format version and a checksum of the body; the body
//!   starts with the crate version and the root. A missing, truncated, corrupt or foreign file
//!   (other format, other crate version, other root) is ignored and rebuilt, never trusted, and
//!   reading it never panics nor allocates more than the file's size (bincode runs with a limit).
//! - An entry is trusted by metadata alone (size, mtime, ctime, inode) only when its mtime is
//!   older than [`RACY_NS`] before the scan that verified it ("racy git": a file changed within
//!   the timestamp granularity right after it was read keeps its metadata). Otherwise the
//!   content is hashed and compared with the cached xxh3.
//! - Writes are atomic (a temporary file in the cache directory, then a rename). No fsync: a
//!   file cut short by a crash fails its checksum and is rebuilt.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use bincode::Options;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::model::facts::FileFacts;

/// Bumped whenever the layout of the cache body changes.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"seamscan";
const HEADER_LEN: usize = 8 + 4 + 8;
/// Metadata is not trusted for a file modified less than this before its facts were verified.
pub const RACY_NS: i64 = 2_000_000_000;

/// What the cache remembers of a file's metadata. Equal metadata (outside the racy window)
/// means unchanged content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` when the platform does not tell.
    pub mtime_ns: Option<i64>,
    /// Status-change time in nanoseconds (Unix); 0 elsewhere.
    pub ctime_ns: i64,
    /// Inode number (Unix); 0 elsewhere.
    pub inode: u64,
}

impl Meta {
    /// The cache-relevant part of `md`.
    pub fn of(md: &fs::Metadata) -> Meta {
        let mtime_ns = md.modified().ok().and_then(time_ns);
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                md.ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(md.ctime_nsec()),
                md.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (0, 0);
        Meta {
            size: md.len(),
            mtime_ns,
            ctime_ns,
            inode,
        }
    }
}

/// `t` as nanoseconds since the Unix epoch (negative before it); `None` if out of range.
pub fn time_ns(t: SystemTime) -> Option<i64> {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(e) => i64::try_from(e.duration().as_nanos()).ok().map(|n| -n),
    }
}

/// What the cache knows about a file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Facts; `full` when computed by a full scan (a lines-only scan has no components).
    Facts { full: bool, facts: FileFacts },
    /// A NUL byte in the first 8 KiB.
    Binary,
}

/// One cached file, keyed by its relative path in [`Entries`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cached {
    pub meta: Meta,
    /// Start of the scan that last verified this entry against the file's content.
    pub verified_ns: i64,
    pub verdict: Verdict,
}

impl Cached {
    /// True when `now` (the file's current metadata) proves the content unchanged.
    pub fn trusted(&self, now: &Meta) -> bool {
        self.meta == *now
            && now
                .mtime_ns
                .is_some_and(|m| m.saturating_add(RACY_NS) < self.verified_ns)
    }

    /// True when the entry can answer a scan in this mode.
    pub fn serves(&self, lines_only: bool) -> bool {
        match &self.verdict {
            Verdict::Facts { full, .. } => *full || lines_only,
            Verdict::Binary => true,
        }
    }
}

/// The loaded cache: relative path → entry.
pub type Entries = HashMap<String, Cached>;

#[derive(Deserialize)]
struct Header {
    crate_version: String,
    root: String,
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    cached: Cached,
}

/// The write-side twin of [`Verdict`], borrowing the facts (same serialised form).
#[derive(Serialize)]
pub enum VerdictRef<'a> {
    Facts { full: bool, facts: &'a FileFacts },
    Binary,
}

/// The write-side twin of [`Cached`] with its path (same serialised form as the loaded entry).
#[derive(Serialize)]
pub struct EntryRef<'a> {
    pub path: &'a str,
    pub meta: Meta,
    pub verified_ns: i64,
    pub verdict: VerdictRef<'a>,
}

#[derive(Serialize)]
struct HeaderRef<'a> {
    crate_version: &'a str,
    root: &'a str,
}

/// Where the cache of `canonical_root` lives inside `cache_dir`.
pub fn file_for(cache_dir: &Path, canonical_root: &Path) -> PathBuf {
    let key = root_key(canonical_root);
    cache_dir.join(format!("scan-{:016x}.bin", xxh3_64(key.as_bytes())))
}

/// The root as stored in the cache body (and hashed into the file name).
pub fn root_key(canonical_root: &Path) -> String {
    canonical_root.to_string_lossy().into_owned()
}

fn options() -> impl Options {
    bincode::DefaultOptions::new()
}

/// Loads the cache file for `root`. `None` when it is missing, unreadable, corrupt, or written
/// by another format or crate version or for another root.
pub fn load(file: &Path, root: &str) -> Option<Entries> {
    let data = fs::read(file).ok()?;
    decode(&data, root, env!("CARGO_PKG_VERSION"))
}

fn decode(data: &[u8], root: &str, crate_version: &str) -> Option<Entries> {
    let (header, body) = data.split_at_checked(HEADER_LEN)?;
    let (magic, rest) = header.split_at_checked(8)?;
    let (format, checksum) = rest.split_at_checked(4)?;
    if magic != MAGIC || u32::from_le_bytes(format.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    if u64::from_le_bytes(checksum.try_into().ok()?) != xxh3_64(body) {
        return None;
    }
    let opts = options().with_limit(body.len() as u64);
    let mut de = bincode::Deserializer::from_slice(body, opts);
    let head = Header::deserialize(&mut de).ok()?;
    if head.crate_version != crate_version || head.root != root {
        return None;
    }
    let entries = Vec::<Entry>::deserialize(&mut de).ok()?;
    let mut map = Entries::with_capacity(entries.len());
    for e in entries {
        map.insert(e.path, e.cached);
    }
    Some(map)
}

/// Writes the cache for `root` atomically: a temporary file next to `file`, then a rename.
pub fn save(file: &Path, root: &str, entries: &[EntryRef<'_>]) -> io::Result<()> {
    let data = encode(root, env!("CARGO_PKG_VERSION"), entries)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nonce = time_ns(SystemTime::now()).unwrap_or(0);
    let tmp = dir.join(format!(".{name}.{}.{nonce}.tmp", std::process::id()));
    let written = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(&data))
        .and_then(|()| fs::rename(&tmp, file));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

fn encode(root: &str, crate_version: &str, entries: &[EntryRef<'_>]) -> io::Result<Vec<u8>> {
    let mut data = Vec::with_capacity(HEADER_LEN + 64 * entries.len());
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    data.extend_from_slice(&0u64.to_le_bytes());
    let head = HeaderRef {
        crate_version,
        root,
    };
    options()
        .serialize_into(&mut data, &head)
        .map_err(io::Error::other)?;
    options()
        .serialize_into(&mut data, entries)
        .map_err(io::Error::other)?;
    let sum = xxh3_64(data.get(HEADER_LEN..).unwrap_or_default());
    if let Some(slot) = data.get_mut(HEADER_LEN - 8..HEADER_LEN) {
        slot.copy_from_slice(&sum.to_le_bytes());
    }
    Ok(data)
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
