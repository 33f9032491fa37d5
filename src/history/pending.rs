//! Commits walked by the incremental update, kept beside the record cache until it is next
//! written. The incremental update does not read or write the record cache (that is its
//! point), but the full walk (other windows, per-component churn, the cockpit) reads it: the
//! commits listed here are taken into it instead of being diffed again. Records are facts of
//! their commit id, so taking one in is always right; once there are [`MAX`] of them they are
//! moved into the record cache in the background.
//!
//! Same guarantees as the record cache: a tag, a version and a checksum; a damaged file is
//! ignored; writes are atomic.

use std::path::{Path, PathBuf};

use super::cache;
use super::codec::{
    kind_code, kind_of, put_count, put_names, put_str, seal, unseal, unsealed, Cursor,
};
use super::record::{RawAuthor, RawChange, RawCommit};
use super::repo::Source;
use super::walk::WalkOptions;

const MAGIC: &[u8; 8] = b"seampend";
const FORMAT_VERSION: u32 = 1;
/// Pending commits that are moved into the record cache.
pub const MAX: usize = 512;

/// The pending file of a record cache file.
pub fn file_for(cache_file: &Path) -> PathBuf {
    cache_file.with_extension("pending")
}

/// Stores the pending list of the repository; moves it into the record cache instead when it
/// has [`MAX`] commits.
pub fn store(
    dir: &Path,
    source: &Source,
    walk: &WalkOptions,
    list: Vec<RawCommit>,
) -> std::io::Result<()> {
    let cache_file = cache::file_for(dir, &source.git_dir, walk.renames);
    let file = file_for(&cache_file);
    if list.len() < MAX {
        return cache::write_atomic(&file, &encode(&list));
    }
    let mut store = cache::load(&cache_file, &source.git_dir, walk.renames).unwrap_or_default();
    absorb(&mut store, list);
    // The ancestry is listed again by the next full walk (the tip is not moved here).
    cache::save(&cache_file, &source.git_dir, walk.renames, &store)?;
    clear(&file);
    Ok(())
}

/// Takes in the commits the incremental update walked since the cache was written; true when
/// one was new to it.
pub fn take_into(store: &mut cache::Store, file: &Path) -> bool {
    absorb(store, load(file))
}

/// Adds the commits the store has no record of; true when there was one.
fn absorb(store: &mut cache::Store, list: Vec<RawCommit>) -> bool {
    let mut taken = false;
    for c in list {
        if !store.records.contains_key(&c.id) {
            let rec = c.intern(&mut store.tables);
            store.records.insert(rec.id, rec);
            taken = true;
        }
    }
    taken
}

/// The pending commits (none when the file is missing or damaged).
pub fn load(file: &Path) -> Vec<RawCommit> {
    std::fs::read(file)
        .ok()
        .and_then(|data| decode(&data))
        .unwrap_or_default()
}

/// Forgets the pending commits (after they went into the record cache).
pub fn clear(file: &Path) {
    let _ = std::fs::remove_file(file);
}

fn encode(list: &[RawCommit]) -> Vec<u8> {
    let mut out = unsealed();
    put_count(&mut out, list.len());
    for c in list {
        out.extend_from_slice(&c.id);
        out.extend_from_slice(&c.time.to_le_bytes());
        put_names(&mut out, &c.author.name, &c.author.email);
        out.extend_from_slice(&c.parents.to_le_bytes());
        put_count(&mut out, c.changes.len());
        for ch in &c.changes {
            put_str(&mut out, &ch.path);
            out.push(u8::from(ch.old_path.is_some()));
            put_str(&mut out, ch.old_path.as_deref().unwrap_or(""));
            out.push(kind_code(ch.kind));
            out.extend_from_slice(&ch.added.to_le_bytes());
            out.extend_from_slice(&ch.removed.to_le_bytes());
            out.push(u8::from(ch.binary));
        }
    }
    seal(&mut out, MAGIC, FORMAT_VERSION);
    out
}

fn decode(data: &[u8]) -> Option<Vec<RawCommit>> {
    let body = unseal(data, MAGIC, FORMAT_VERSION)?;
    let mut c = Cursor::new(body);
    let n = c.count(48)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let id = c.id()?;
        let time = c.i64()?;
        let (name, email) = c.names()?;
        let author = RawAuthor { name, email };
        let parents = c.u32()?;
        let k = c.count(19)?;
        let mut changes = Vec::with_capacity(k);
        for _ in 0..k {
            let path = c.str()?;
            let renamed = c.u8()? != 0;
            let old = c.str()?;
            let kind = kind_of(c.u8()?)?;
            changes.push(RawChange {
                path,
                old_path: renamed.then_some(old),
                kind,
                added: c.u32()?,
                removed: c.u32()?,
                binary: c.u8()? != 0,
            });
        }
        out.push(RawCommit {
            id,
            time,
            author,
            parents,
            changes,
        });
    }
    c.rest().is_empty().then_some(out)
}
