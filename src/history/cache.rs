//! The history cache: every commit record walked so far for one repository, keyed by commit id,
//! with the ordered ancestry of the HEAD it was last walked from. Stored in the user's cache
//! directory (never in the repository), one file per repository and rename setting.
//!
//! Guarantees:
//! - Records are facts of their commit id and are reused as long as HEAD still reaches them:
//!   when HEAD moves forward, only the new commits are listed and walked; when the cached tip is
//!   no longer an ancestor of HEAD (rebase, reset, amend), the ancestry is listed again, the
//!   records still reachable are reused and the rest are dropped.
//! - A shallow clone's boundary commits have no parents in their records; if the set of
//!   boundaries changes (deepened, unshallowed), those records are dropped and walked again.
//! - A header carries a magic tag, the format version and a checksum of the body; a missing,
//!   truncated, corrupt or foreign file is ignored and rebuilt, never trusted. Decoding runs with
//!   a byte limit, so a damaged file cannot make it allocate more than the file's size.
//! - Writes are atomic: a temporary file in the cache directory, then a rename.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bincode::Options;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::codec::{self, Cursor};
use super::record::{CommitRecord, Tables};
use super::record_set::RecordSet;

/// Bumped whenever the layout changes.
pub const FORMAT_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"seamhist";

/// The records of one repository, in memory.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub tables: Tables,
    pub records: RecordSet,
    /// The HEAD whose whole ancestry `order` lists.
    pub tip: Option<[u8; 20]>,
    /// Commits reachable from `tip`, children before parents.
    pub order: Vec<[u8; 20]>,
    /// Boundary commits of a shallow clone when `order` was listed.
    pub shallow: Vec<[u8; 20]>,
}

/// The small part of the file: what it belongs to, and the tables (bincode). The commit ids and
/// records follow in [`codec`]'s layout.
#[derive(Serialize, Deserialize)]
struct Head {
    crate_version: String,
    git_dir: String,
    renames: bool,
    tip: Option<[u8; 20]>,
    shallow: Vec<[u8; 20]>,
    tables: Tables,
}

/// [`Head`] by reference, for writing (the same encoding).
#[derive(Serialize)]
struct HeadOut<'a> {
    crate_version: &'a str,
    git_dir: &'a str,
    renames: bool,
    tip: Option<[u8; 20]>,
    shallow: &'a [[u8; 20]],
    tables: &'a Tables,
}

/// The cache file of the repository at `git_dir` (canonical path) for a rename setting.
pub fn file_for(cache_dir: &Path, git_dir: &Path, renames: bool) -> PathBuf {
    let key = git_dir
        .canonicalize()
        .unwrap_or_else(|_| git_dir.to_path_buf());
    let hash = xxh3_64(key.to_string_lossy().as_bytes());
    let tag = if renames { "renames" } else { "no-renames" };
    cache_dir.join(format!("history-{hash:016x}-{tag}.bin"))
}

fn options() -> bincode::DefaultOptions {
    bincode::DefaultOptions::new()
}

/// Loads the store, or `None` when the file is missing or cannot be trusted.
pub fn load(file: &Path, git_dir: &Path, renames: bool) -> Option<Store> {
    let data = fs::read(file).ok()?;
    decode(&data, &git_dir.to_string_lossy(), renames)
}

fn decode(data: &[u8], git_dir: &str, renames: bool) -> Option<Store> {
    let body = codec::unseal(data, MAGIC, FORMAT_VERSION)?;
    let mut c = Cursor::new(body);
    let head_len = usize::try_from(c.u64()?).ok()?;
    let head = c.take(head_len)?;
    let head: Head = options()
        .with_limit(head.len() as u64)
        .deserialize(head)
        .ok()?;
    if head.crate_version != env!("CARGO_PKG_VERSION")
        || head.git_dir != git_dir
        || head.renames != renames
    {
        return None;
    }
    let order = codec::get_ids(&mut c)?;
    let records = codec::get_records(&mut c)?;
    let mut tables = head.tables;
    tables.reindex();
    Some(Store {
        tables,
        records,
        tip: head.tip,
        order,
        shallow: head.shallow,
    })
}

/// Writes the store atomically.
pub fn save(file: &Path, git_dir: &Path, renames: bool, store: &Store) -> io::Result<()> {
    let bytes = encode(store, &git_dir.to_string_lossy(), renames)?;
    write_atomic(file, &bytes)
}

/// Writes `bytes` to `file` atomically: a temporary file in the same directory, then a rename
/// (the directory is created when missing).
pub fn write_atomic(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "history.bin".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn encode(store: &Store, git_dir: &str, renames: bool) -> io::Result<Vec<u8>> {
    // Records in ancestry order first, then any others (walked for a window, not yet ordered).
    let mut records: Vec<&CommitRecord> = Vec::with_capacity(store.records.len());
    records.extend(store.order.iter().filter_map(|id| store.records.get(id)));
    if records.len() < store.records.len() {
        let ordered: std::collections::HashSet<&[u8; 20]> = store.order.iter().collect();
        records.extend(
            store
                .records
                .iter()
                .filter(|&(id, _)| !ordered.contains(id))
                .map(|(_, r)| r),
        );
    }
    let head = HeadOut {
        crate_version: env!("CARGO_PKG_VERSION"),
        git_dir,
        renames,
        tip: store.tip,
        shallow: &store.shallow,
        tables: &store.tables,
    };
    let head = options().serialize(&head).map_err(io::Error::other)?;
    // One buffer: the header's room first, filled in once the body's checksum is known.
    let mut out = codec::unsealed();
    out.reserve(8 + head.len() + store.order.len() * 20 + records.len() * 64);
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    codec::put_ids(&mut out, &store.order);
    codec::put_records(&mut out, records.into_iter());
    codec::seal(&mut out, MAGIC, FORMAT_VERSION);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::{Change, ChangeKind};

    fn store() -> Store {
        let mut s = Store::default();
        let p = s.tables.path_id("src/a.rs");
        let rec = CommitRecord {
            id: [7; 20],
            time: 1_700_000_000,
            author: 0,
            parents: 1,
            changes: vec![Change {
                path: p,
                old_path: crate::history::record::NO_PATH,
                kind: ChangeKind::Modified,
                added: 3,
                removed: 1,
                binary: false,
            }],
        };
        s.records.insert(rec.id, rec);
        s.tip = Some([7; 20]);
        s.order = vec![[7; 20]];
        s
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("h.bin");
        let git = Path::new("/repo/.git");
        save(&file, git, true, &store()).expect("save");
        let back = load(&file, git, true).expect("load");
        assert_eq!(back.records.len(), 1);
        assert_eq!(back.tables.path(0), "src/a.rs");
        assert_eq!(back.tip, Some([7; 20]));
        assert!(load(&file, git, false).is_none(), "other rename setting");
        assert!(
            load(&file, Path::new("/other/.git"), true).is_none(),
            "other repo"
        );
        let mut bytes = fs::read(&file).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        fs::write(&file, &bytes).expect("write");
        assert!(load(&file, git, true).is_none(), "checksum");
        fs::write(&file, b"seamhist\x01\0\0\0garbage").expect("write");
        assert!(load(&file, git, true).is_none(), "truncated");
        fs::write(&file, b"").expect("write");
        assert!(load(&file, git, true).is_none(), "empty");
    }
}
