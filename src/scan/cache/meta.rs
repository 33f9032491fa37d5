//! What the cache compares before it trusts an entry without reading the file: the file's
//! metadata (size, mtime, ctime, inode), the time the entry was last verified against the
//! content (the "racy git" rule), and the identity of the seamline build that wrote it.

use std::fs;
use std::sync::OnceLock;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

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

    /// True when a file seen with this metadata now is proven unchanged since an entry recorded
    /// with `then` was verified at `verified_ns`: same metadata, and the modification lies
    /// clearly before that verification (a change within the same timestamp tick could
    /// otherwise have kept the metadata).
    pub fn unchanged_since(&self, then: &Meta, verified_ns: i64) -> bool {
        self == then
            && self
                .mtime_ns
                .is_some_and(|m| m.saturating_add(RACY_NS) < verified_ns)
    }
}

/// `t` as nanoseconds since the Unix epoch (negative before it); `None` if out of range.
pub fn time_ns(t: SystemTime) -> Option<i64> {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(e) => i64::try_from(e.duration().as_nanos()).ok().map(|n| -n),
    }
}

/// Identifies the running build of seamline (a hash of its executable's size and mtime), so
/// that a rebuilt analyser never trusts facts an older one cached, even within one crate
/// version. 0 when the executable cannot be found.
pub fn build_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let Ok(md) = std::env::current_exe().and_then(fs::metadata) else {
            return 0;
        };
        let mtime = md.modified().ok().and_then(time_ns).unwrap_or(0);
        let mut key = [0u8; 16];
        let (size_part, time_part) = key.split_at_mut(8);
        size_part.copy_from_slice(&md.len().to_le_bytes());
        time_part.copy_from_slice(&mtime.to_le_bytes());
        xxh3_64(&key)
    })
}
