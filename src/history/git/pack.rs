//! A reader for blobs in git pack files, with the one thing libgit2's reader lacks for a history
//! walk: a cache of resolved delta bases. Packs store a file's versions as chains of deltas; a
//! walk reads those versions one after another, and without intermediate results in a cache
//! every read re-inflates and re-applies the whole chain (libgit2 keeps only the chain's root).
//! Like git's `core.deltaBaseCacheLimit`, every object resolved here stays in a bounded cache,
//! so reading the next version of a file costs one delta.
//!
//! Only what a walk needs is handled: pack index version 2, offset and reference deltas within
//! the packs of the object directory and its alternates. Anything else (a loose object, an
//! object in no pack, a damaged entry) returns `None`, and the caller asks libgit2, which then
//! also reports the damage. Reading never panics and never trusts a size it has not checked.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::{Decompress, FlushDecompress, Status};

use super::delta;

/// Object type numbers in pack entries.
pub const OBJ_TREE: u8 = 2;
pub const OBJ_BLOB: u8 = 3;
const OBJ_OFS_DELTA: u8 = 6;
const OBJ_REF_DELTA: u8 = 7;
/// Resolved objects kept per reader.
const CACHE_BYTES: usize = 64 * 1024 * 1024;
/// Objects larger than this are not cached (git's cache has the same kind of limit).
const CACHE_MAX_OBJECT: usize = 16 * 1024 * 1024;
/// Longest delta chain followed.
const MAX_CHAIN: usize = 10_000;
/// Largest object inflated.
const MAX_OBJECT: usize = 1 << 30;

/// One pack: its index and data file.
struct Pack {
    idx: Vec<u8>,
    count: usize,
    /// Every entry's offset, sorted: the entry at `o` ends where the next one starts.
    offsets: Vec<u64>,
    file: File,
    size: u64,
}

impl Pack {
    fn open(idx_path: &Path) -> Option<Pack> {
        let idx = std::fs::read(idx_path).ok()?;
        if idx.get(..8)? != b"\xfftOc\0\0\0\x02" {
            return None;
        }
        let count = be32(&idx, 8 + 255 * 4)? as usize;
        let need = 8 + 1024 + count.checked_mul(28)? + 40;
        if idx.len() < need {
            return None;
        }
        let file = File::open(idx_path.with_extension("pack")).ok()?;
        let size = file.metadata().ok()?.len();
        let mut pack = Pack {
            idx,
            count,
            offsets: Vec::new(),
            file,
            size,
        };
        let mut offsets: Vec<u64> = (0..count).filter_map(|i| pack.offset(i)).collect();
        offsets.sort_unstable();
        pack.offsets = offsets;
        Some(pack)
    }

    fn offset(&self, i: usize) -> Option<u64> {
        let base = 8 + 1024 + self.count * 24;
        let small = be32(&self.idx, base + i * 4)?;
        if small & 0x8000_0000 == 0 {
            return Some(u64::from(small));
        }
        let large = base + self.count * 4 + (small & 0x7fff_ffff) as usize * 8;
        let hi = be32(&self.idx, large)?;
        let lo = be32(&self.idx, large + 4)?;
        Some(u64::from(hi) << 32 | u64::from(lo))
    }

    fn find(&self, id: &[u8; 20]) -> Option<u64> {
        let first = id[0] as usize;
        let lo = if first == 0 {
            0
        } else {
            be32(&self.idx, 8 + (first - 1) * 4)? as usize
        };
        let hi = be32(&self.idx, 8 + first * 4)? as usize;
        let names = self.idx.get(8 + 1024..8 + 1024 + self.count * 20)?;
        let (mut lo, mut hi) = (lo, hi.min(self.count));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let name = names.get(mid * 20..mid * 20 + 20)?;
            match name.cmp(id.as_slice()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.offset(mid),
            }
        }
        None
    }

    /// The bytes of the entry at `offset` (header and compressed data).
    fn entry(&self, offset: u64, buf: &mut Vec<u8>) -> Option<()> {
        let next = match self.offsets.binary_search(&offset) {
            Ok(i) => self
                .offsets
                .get(i + 1)
                .copied()
                .unwrap_or(self.size.saturating_sub(20)),
            Err(_) => return None,
        };
        let len = usize::try_from(next.checked_sub(offset)?).ok()?;
        buf.clear();
        buf.resize(len, 0);
        read_at(&self.file, buf, offset)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> Option<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset).ok()
}

#[cfg(not(unix))]
fn read_at(_file: &File, _buf: &mut [u8], _offset: u64) -> Option<()> {
    None
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The packs of an object directory and its alternates; shared by the walker threads.
pub struct Packs {
    packs: Vec<Pack>,
}

impl Packs {
    /// Opens every pack under `objects` and the object directories it borrows from.
    pub fn open(objects: &Path) -> Packs {
        let mut packs = Vec::new();
        for dir in object_dirs(objects) {
            packs.extend(pack_indexes(&dir).iter().filter_map(|p| Pack::open(p)));
        }
        Packs { packs }
    }

    fn find(&self, id: &[u8; 20]) -> Option<(usize, u64)> {
        self.packs
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.find(id).map(|o| (i, o)))
    }
}

/// At most this many object directories are read (`objects` and its alternates).
const MAX_OBJECT_DIRS: usize = 16;

/// `objects` and, transitively, the object directories listed in `info/alternates` files.
fn object_dirs(objects: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![objects.to_path_buf()];
    let mut i = 0;
    while let Some(dir) = dirs.get(i).cloned() {
        i += 1;
        let Ok(text) = std::fs::read_to_string(dir.join("info/alternates")) else {
            continue;
        };
        for alt in alternates(&dir, &text) {
            if dirs.len() < MAX_OBJECT_DIRS && !dirs.contains(&alt) {
                dirs.push(alt);
            }
        }
    }
    dirs
}

/// The directories an `info/alternates` file of `dir` names (relative ones resolved).
fn alternates<'t>(dir: &'t Path, text: &'t str) -> impl Iterator<Item = PathBuf> + 't {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(move |line| {
            if Path::new(line).is_absolute() {
                PathBuf::from(line)
            } else {
                dir.join(line)
            }
        })
}

/// The pack index files of one object directory, sorted by name.
fn pack_indexes(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("pack")) else {
        return Vec::new();
    };
    let mut idxs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect();
    idxs.sort();
    idxs
}

/// A resolved object in the reader's cache: (object kind, content, last use).
type CachedObject = (u8, Arc<Vec<u8>>, u64);

/// Reads blobs through the packs with a cache of resolved objects (one per thread).
pub struct Reader {
    packs: Arc<Packs>,
    /// (pack, offset) → (object kind, content, last use).
    cache: HashMap<(usize, u64), CachedObject>,
    cached: usize,
    tick: u64,
    buf: Vec<u8>,
    inflater: Decompress,
}

/// A parsed entry header.
struct Entry {
    kind: u8,
    size: usize,
    /// Where the zlib data starts in the entry.
    data: usize,
    base: Option<(usize, u64)>,
}

impl Reader {
    pub fn new(packs: Arc<Packs>) -> Reader {
        Reader {
            packs,
            cache: HashMap::new(),
            cached: 0,
            tick: 0,
            buf: Vec::new(),
            inflater: Decompress::new(true),
        }
    }

    /// The content of blob `id`, or `None` when it is not (readably) in a pack.
    pub fn blob(&mut self, id: &[u8; 20]) -> Option<Arc<Vec<u8>>> {
        self.object(id)
            .and_then(|(kind, data)| (kind == OBJ_BLOB).then_some(data))
    }

    /// The kind and content of object `id`, or `None` when it is not (readably) in a pack.
    pub fn object(&mut self, id: &[u8; 20]) -> Option<(u8, Arc<Vec<u8>>)> {
        let (pack, offset) = self.packs.find(id)?;
        self.resolve(pack, offset)
    }

    fn resolve(&mut self, pack: usize, offset: u64) -> Option<(u8, Arc<Vec<u8>>)> {
        let mut chain: Vec<((usize, u64), Vec<u8>)> = Vec::new();
        let mut at = (pack, offset);
        let (kind, mut data) = loop {
            if let Some(hit) = self.hit(at) {
                break hit;
            }
            if chain.len() > MAX_CHAIN {
                return None;
            }
            let entry = self.read_entry(at)?;
            let body = self.inflate(entry.data, entry.size)?;
            match entry.base {
                None => {
                    let data = Arc::new(body);
                    self.put(at, entry.kind, data.clone());
                    break (entry.kind, data);
                }
                Some(base) => {
                    chain.push((at, body));
                    at = base;
                }
            }
        };
        while let Some((at, delta)) = chain.pop() {
            data = Arc::new(delta::apply(&data, &delta)?);
            self.put(at, kind, data.clone());
        }
        Some((kind, data))
    }

    fn read_entry(&mut self, (pack, offset): (usize, u64)) -> Option<Entry> {
        let p = self.packs.packs.get(pack)?;
        p.entry(offset, &mut self.buf)?;
        let b = &self.buf;
        let mut i = 0;
        let mut c = *b.get(i)?;
        let kind = (c >> 4) & 7;
        let mut size = u64::from(c & 15);
        let mut shift = 4;
        while c & 0x80 != 0 {
            i += 1;
            c = *b.get(i)?;
            size |= u64::from(c & 0x7f).checked_shl(shift)?;
            shift += 7;
        }
        i += 1;
        let base = match kind {
            OBJ_OFS_DELTA => {
                let mut c = *b.get(i)?;
                let mut back = u64::from(c & 0x7f);
                while c & 0x80 != 0 {
                    i += 1;
                    c = *b.get(i)?;
                    back = (back + 1).checked_mul(128)? | u64::from(c & 0x7f);
                }
                i += 1;
                Some((pack, offset.checked_sub(back)?))
            }
            OBJ_REF_DELTA => {
                let id: [u8; 20] = b.get(i..i + 20)?.try_into().ok()?;
                i += 20;
                Some(self.packs.find(&id)?)
            }
            1..=4 => None,
            _ => return None,
        };
        let size = usize::try_from(size).ok().filter(|&s| s <= MAX_OBJECT)?;
        Some(Entry {
            kind,
            size,
            data: i,
            base,
        })
    }

    fn inflate(&mut self, from: usize, size: usize) -> Option<Vec<u8>> {
        let input = self.buf.get(from..)?;
        let mut out = Vec::with_capacity(size);
        self.inflater.reset(true);
        let status = self
            .inflater
            .decompress_vec(input, &mut out, FlushDecompress::Finish)
            .ok()?;
        (out.len() == size && (status == Status::StreamEnd || size == 0)).then_some(out)
    }

    fn hit(&mut self, at: (usize, u64)) -> Option<(u8, Arc<Vec<u8>>)> {
        self.tick += 1;
        let tick = self.tick;
        let slot = self.cache.get_mut(&at)?;
        slot.2 = tick;
        Some((slot.0, slot.1.clone()))
    }

    /// Caches a resolved object; past the budget, the least recently used half goes.
    fn put(&mut self, at: (usize, u64), kind: u8, data: Arc<Vec<u8>>) {
        if data.len() > CACHE_MAX_OBJECT {
            return;
        }
        if self.cached + data.len() > CACHE_BYTES {
            let mut ticks: Vec<u64> = self.cache.values().map(|v| v.2).collect();
            ticks.sort_unstable();
            let cut = ticks.get(ticks.len() / 2).copied().unwrap_or(u64::MAX);
            self.cache.retain(|_, v| v.2 > cut);
            self.cached = self.cache.values().map(|v| v.1.len()).sum();
        }
        self.tick += 1;
        self.cached += data.len();
        if let Some(old) = self.cache.insert(at, (kind, data, self.tick)) {
            self.cached = self.cached.saturating_sub(old.1.len());
        }
    }
}

#[cfg(test)]
#[path = "pack_tests.rs"]
mod tests;
