//! The folded history at one HEAD, stored next to the record cache so that when HEAD moves
//! forward only the new commits are folded and put in front of it
//! ([`prepend`](super::analysis::prepend)). Loading it costs about what the fold of the whole
//! history saves several times over: the incremental update stays far under 50 ms on
//! repositories with tens of thousands of commits.
//!
//! It holds the whole-history aggregate of the default window (every commit reachable from the
//! tip) over the whole repository, unscoped, with each file's authors in the order met. It is
//! only trusted when everything it was computed from still holds:
//! - the same seamline version, repository, rename setting and shallow boundaries;
//! - the tip is HEAD or an ancestor of it (a rewritten history falls back to the full fold);
//! - `.mailmap` resolves every raw author it met exactly as it did (else the authors differ).
//!
//! The file has the record cache's guarantees: a magic tag, a format version and a checksum,
//! checked lengths (a damaged file is ignored, never trusted), and atomic writes.

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::aggregate::{Aggregate, Author, Changesets, Contribution, FileHistory, Point};
use super::codec::{
    kind_code, kind_of, put_count, put_names, put_signed, put_str, put_var, seal, unseal, unsealed,
    Cursor,
};
use super::record::RawAuthor;

const MAGIC: &[u8; 8] = b"seamsnap";
/// Bumped whenever the layout changes.
const FORMAT_VERSION: u32 = 2;

/// The folded history at `tip`.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub tip: [u8; 20],
    /// Shallow boundaries (sorted) when it was folded.
    pub shallow: Vec<[u8; 20]>,
    /// Every raw author met, and a digest of how `.mailmap` resolved them.
    pub raw_authors: Vec<RawAuthor>,
    pub resolved: u64,
    /// Unscoped; each file's authors in the order met.
    pub agg: Aggregate,
}

/// The snapshot file of a repository (next to its record cache).
pub fn file_for(cache_dir: &Path, git_dir: &Path, renames: bool) -> PathBuf {
    super::cache::file_for(cache_dir, git_dir, renames).with_extension("snapshot")
}

/// A digest of how `resolve` maps each of `raw`.
pub fn digest(raw: &[RawAuthor], resolve: &dyn Fn(&RawAuthor) -> Author) -> u64 {
    let mut h = Xxh3::new();
    for a in raw {
        let r = resolve(a);
        for part in [&r.name, &r.email] {
            h.update(&(part.len() as u32).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    h.digest()
}

/// Loads the snapshot, or `None` when it is missing, damaged or made for something else.
pub fn load(file: &Path, git_dir: &Path, renames: bool) -> Option<Snapshot> {
    let data = std::fs::read(file).ok()?;
    let body = unseal(&data, MAGIC, FORMAT_VERSION)?;
    let mut c = Cursor::new(body);
    if c.str()? != env!("CARGO_PKG_VERSION")
        || c.str()? != git_dir.to_string_lossy()
        || c.u8()? != u8::from(renames)
    {
        return None;
    }
    let tip = c.id()?;
    let n = c.count(20)?;
    let shallow = (0..n).map(|_| c.id()).collect::<Option<Vec<_>>>()?;
    let n = c.count(8)?;
    let raw_authors = (0..n)
        .map(|_| c.names().map(|(name, email)| RawAuthor { name, email }))
        .collect::<Option<Vec<_>>>()?;
    let resolved = c.u64()?;
    let agg = get_aggregate(&mut c)?;
    c.rest().is_empty().then_some(Snapshot {
        tip,
        shallow,
        raw_authors,
        resolved,
        agg,
    })
}

/// Writes the snapshot atomically.
pub fn save(file: &Path, git_dir: &Path, renames: bool, snap: &Snapshot) -> std::io::Result<()> {
    save_with(file, git_dir, renames, snap, &snap.agg)
}

/// Writes `snap` with `agg` in place of its own aggregate (which is then not read).
pub fn save_with(
    file: &Path,
    git_dir: &Path,
    renames: bool,
    snap: &Snapshot,
    agg: &Aggregate,
) -> std::io::Result<()> {
    let mut out = unsealed();
    put_str(&mut out, env!("CARGO_PKG_VERSION"));
    put_str(&mut out, &git_dir.to_string_lossy());
    out.push(u8::from(renames));
    out.extend_from_slice(&snap.tip);
    put_count(&mut out, snap.shallow.len());
    for id in &snap.shallow {
        out.extend_from_slice(id);
    }
    put_count(&mut out, snap.raw_authors.len());
    for a in &snap.raw_authors {
        put_names(&mut out, &a.name, &a.email);
    }
    out.extend_from_slice(&snap.resolved.to_le_bytes());
    put_aggregate(&mut out, agg);
    seal(&mut out, MAGIC, FORMAT_VERSION);
    super::cache::write_atomic(file, &out)
}

fn put_aggregate(out: &mut Vec<u8>, agg: &Aggregate) {
    put_count(out, agg.commits);
    put_count(out, agg.merges);
    for t in [agg.first_time, agg.last_time] {
        out.push(u8::from(t.is_some()));
        out.extend_from_slice(&t.unwrap_or(0).to_le_bytes());
    }
    put_count(out, agg.authors.len());
    for a in &agg.authors {
        put_names(out, &a.name, &a.email);
    }
    put_count(out, agg.files.len());
    for f in &agg.files {
        put_str(out, &f.repo_path);
        out.extend_from_slice(&f.commits.to_le_bytes());
        out.extend_from_slice(&f.added.to_le_bytes());
        out.extend_from_slice(&f.removed.to_le_bytes());
        out.extend_from_slice(&f.first_change.to_le_bytes());
        out.extend_from_slice(&f.last_change.to_le_bytes());
        out.push(u8::from(f.deleted) | u8::from(f.binary) << 1);
        put_count(out, f.authors.len());
        for c in &f.authors {
            put_var(out, u64::from(c.author));
            put_var(out, u64::from(c.commits));
            put_var(out, c.added);
        }
        put_count(out, f.former_paths.len());
        for p in &f.former_paths {
            put_str(out, p);
        }
        // Points as the change from the previous one: a few bytes each instead of 17.
        put_count(out, f.points.len());
        let mut time = 0i64;
        for p in &f.points {
            put_signed(out, p.time.wrapping_sub(time));
            time = p.time;
            put_var(out, u64::from(p.added) << 2 | u64::from(kind_code(p.kind)));
            put_var(out, u64::from(p.removed));
        }
    }
    // Each commit's files ascending, as the step from the previous one.
    let (files, ends) = agg.changesets.raw();
    put_count(out, ends.len());
    let mut start = 0usize;
    for &end in ends {
        let set = files.get(start..end as usize).unwrap_or(&[]);
        put_var(out, set.len() as u64);
        let mut last = 0u32;
        for &f in set {
            put_var(out, u64::from(f.wrapping_sub(last)));
            last = f;
        }
        start = end as usize;
    }
}

fn get_aggregate(c: &mut Cursor<'_>) -> Option<Aggregate> {
    let commits = c.count(0)?;
    let merges = c.count(0)?;
    let mut times = [None, None];
    for t in &mut times {
        let some = c.u8()? != 0;
        let v = c.i64()?;
        *t = some.then_some(v);
    }
    let n = c.count(8)?;
    let authors = (0..n)
        .map(|_| c.names().map(|(name, email)| Author { name, email }))
        .collect::<Option<Vec<_>>>()?;
    let n = c.count(60)?;
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        files.push(get_file(c)?);
    }
    let n = c.count(2)?;
    let mut sets = Vec::with_capacity(c.rest().len() / 2);
    let mut ends = Vec::with_capacity(n);
    for _ in 0..n {
        let k = c.var32()? as usize;
        if k > c.rest().len() {
            return None;
        }
        let mut last = 0u32;
        for _ in 0..k {
            last = last.wrapping_add(c.var32()?);
            sets.push(last);
        }
        ends.push(u32::try_from(sets.len()).ok()?);
    }
    Some(Aggregate {
        files,
        authors,
        changesets: Changesets::from_raw(sets, ends)?,
        commits,
        merges,
        first_time: times[0],
        last_time: times[1],
    })
}

fn get_file(c: &mut Cursor<'_>) -> Option<FileHistory> {
    let repo_path = c.str()?;
    let commits = c.u32()?;
    let added = c.u64()?;
    let removed = c.u64()?;
    let first_change = c.i64()?;
    let last_change = c.i64()?;
    let flags = c.u8()?;
    let n = c.count(3)?;
    let mut authors = Vec::with_capacity(n);
    for _ in 0..n {
        authors.push(Contribution {
            author: c.var32()?,
            commits: c.var32()?,
            added: c.var()?,
        });
    }
    let n = c.count(4)?;
    let mut former_paths = Vec::with_capacity(n);
    for _ in 0..n {
        former_paths.push(c.str()?);
    }
    let n = c.count(3)?;
    let mut points = Vec::with_capacity(n);
    let mut time = 0i64;
    for _ in 0..n {
        time = time.wrapping_add(c.signed()?);
        let added = c.var()?;
        points.push(Point {
            time,
            added: u32::try_from(added >> 2).ok()?,
            removed: c.var32()?,
            kind: kind_of((added & 3) as u8)?,
        });
    }
    Some(FileHistory {
        path: repo_path.clone(),
        repo_path,
        commits,
        added,
        removed,
        authors,
        first_change,
        last_change,
        former_paths,
        deleted: flags & 1 != 0,
        binary: flags & 2 != 0,
        points,
    })
}
