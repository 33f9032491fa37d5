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

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bincode::Options;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::record::{CommitRecord, Tables};

/// Bumped whenever the layout changes.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"seamhist";
const HEADER_LEN: usize = 8 + 4 + 8;

/// The records of one repository, in memory.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub tables: Tables,
    pub records: HashMap<[u8; 20], CommitRecord>,
    /// The HEAD whose whole ancestry `order` lists.
    pub tip: Option<[u8; 20]>,
    /// Commits reachable from `tip`, children before parents.
    pub order: Vec<[u8; 20]>,
    /// Boundary commits of a shallow clone when `order` was listed.
    pub shallow: Vec<[u8; 20]>,
}

#[derive(Serialize, Deserialize)]
struct Body {
    crate_version: String,
    git_dir: String,
    renames: bool,
    tip: Option<[u8; 20]>,
    order: Vec<[u8; 20]>,
    shallow: Vec<[u8; 20]>,
    tables: Tables,
    records: Vec<CommitRecord>,
}

/// [`Body`] by reference, for writing (the same encoding).
#[derive(Serialize)]
struct BodyOut<'a> {
    crate_version: &'a str,
    git_dir: &'a str,
    renames: bool,
    tip: Option<[u8; 20]>,
    order: &'a [[u8; 20]],
    shallow: &'a [[u8; 20]],
    tables: &'a Tables,
    records: Vec<&'a CommitRecord>,
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
    let header = data.get(..HEADER_LEN)?;
    if header.get(..8)? != MAGIC {
        return None;
    }
    let version = u32::from_le_bytes(header.get(8..12)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(header.get(12..20)?.try_into().ok()?);
    let body = data.get(HEADER_LEN..)?;
    if version != FORMAT_VERSION || xxh3_64(body) != checksum {
        return None;
    }
    let body: Body = options()
        .with_limit(body.len() as u64)
        .deserialize(body)
        .ok()?;
    if body.crate_version != env!("CARGO_PKG_VERSION")
        || body.git_dir != git_dir
        || body.renames != renames
    {
        return None;
    }
    let mut tables = body.tables;
    tables.reindex();
    let records = body.records.into_iter().map(|r| (r.id, r)).collect();
    Some(Store {
        tables,
        records,
        tip: body.tip,
        order: body.order,
        shallow: body.shallow,
    })
}

/// Writes the store atomically.
pub fn save(file: &Path, git_dir: &Path, renames: bool, store: &Store) -> io::Result<()> {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let bytes = encode(store, &git_dir.to_string_lossy(), renames)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "history.bin".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
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
    let mut seen = std::collections::HashSet::new();
    for id in &store.order {
        if let Some(r) = store.records.get(id) {
            if seen.insert(*id) {
                records.push(r);
            }
        }
    }
    for (id, r) in &store.records {
        if !seen.contains(id) {
            records.push(r);
        }
    }
    let body = BodyOut {
        crate_version: env!("CARGO_PKG_VERSION"),
        git_dir,
        renames,
        tip: store.tip,
        order: &store.order,
        shallow: &store.shallow,
        tables: &store.tables,
        records,
    };
    let body = options().serialize(&body).map_err(io::Error::other)?;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    out.extend_from_slice(&body);
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
