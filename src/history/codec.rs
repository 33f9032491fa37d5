//! The cache's bulk sections in a fixed little-endian layout (commit ids, commit records and
//! their changes), which decode an order of magnitude faster than a generic serialiser: the
//! incremental update has 50 ms for everything, and a large history holds tens of thousands of
//! records. Decoding checks every length and returns `None` on anything malformed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::record::{Change, ChangeKind, CommitRecord};
use super::record_set::RecordSet;

/// Hashes commit ids by their first 8 bytes (they are SHA-1 digests: already uniform).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        match bytes.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
            Some(head) => self.0 ^= u64::from_le_bytes(head),
            None => {
                for &b in bytes {
                    self.0 = self.0.rotate_left(8) ^ u64::from(b);
                }
            }
        }
    }
    fn write_usize(&mut self, _length_prefix: usize) {}
}

/// A map keyed by commit id.
pub type IdMap<V> = HashMap<[u8; 20], V, BuildHasherDefault<IdHasher>>;

/// Bytes of a sealed file's header: tag, format version, checksum of the body.
pub const SEAL_LEN: usize = 8 + 4 + 8;

/// A buffer with room for the header [`seal`] fills in.
pub fn unsealed() -> Vec<u8> {
    vec![0u8; SEAL_LEN]
}

/// Fills in the header of a buffer from [`unsealed`]: `tag`, `version` and the body's checksum.
pub fn seal(out: &mut [u8], tag: &[u8; 8], version: u32) {
    let checksum = xxhash_rust::xxh3::xxh3_64(out.get(SEAL_LEN..).unwrap_or(&[]));
    if let Some(room) = out.get_mut(..SEAL_LEN) {
        room[..8].copy_from_slice(tag);
        room[8..12].copy_from_slice(&version.to_le_bytes());
        room[12..].copy_from_slice(&checksum.to_le_bytes());
    }
}

/// The body of sealed bytes, or `None` when the tag, the version or the checksum is not right.
pub fn unseal<'a>(data: &'a [u8], tag: &[u8; 8], version: u32) -> Option<&'a [u8]> {
    let header = data.get(..SEAL_LEN)?;
    let found = u32::from_le_bytes(header.get(8..12)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(header.get(12..20)?.try_into().ok()?);
    let body = data.get(SEAL_LEN..)?;
    (header.get(..8)? == tag && found == version && xxhash_rust::xxh3::xxh3_64(body) == checksum)
        .then_some(body)
}

/// A change kind in two bits (the same in every file the history caches write).
pub fn kind_code(kind: ChangeKind) -> u8 {
    match kind {
        ChangeKind::Added => 0,
        ChangeKind::Deleted => 1,
        ChangeKind::Modified => 2,
        ChangeKind::Renamed => 3,
    }
}

/// The change kind of a [`kind_code`].
pub fn kind_of(code: u8) -> Option<ChangeKind> {
    Some(match code {
        0 => ChangeKind::Added,
        1 => ChangeKind::Deleted,
        2 => ChangeKind::Modified,
        3 => ChangeKind::Renamed,
        _ => return None,
    })
}

/// Appends two strings, a name and an email.
pub fn put_names(out: &mut Vec<u8>, name: &str, email: &str) {
    put_str(out, name);
    put_str(out, email);
}

/// Appends a string (length, then bytes).
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Appends an unsigned number in LEB128 (7 bits a byte): small numbers take one byte.
pub fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a signed number (zigzag, then [`put_var`]).
pub fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_var(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends a count (read back by [`Cursor::count`]).
pub fn put_count(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

/// Appends commit ids.
pub fn put_ids(out: &mut Vec<u8>, ids: &[[u8; 20]]) {
    out.extend_from_slice(&(ids.len() as u64).to_le_bytes());
    for id in ids {
        out.extend_from_slice(id);
    }
}

/// Appends records.
pub fn put_records<'a>(
    out: &mut Vec<u8>,
    records: impl ExactSizeIterator<Item = &'a CommitRecord>,
) {
    out.extend_from_slice(&(records.len() as u64).to_le_bytes());
    for r in records {
        out.extend_from_slice(&r.id);
        out.extend_from_slice(&r.time.to_le_bytes());
        out.extend_from_slice(&r.author.to_le_bytes());
        out.extend_from_slice(&r.parents.to_le_bytes());
        out.extend_from_slice(&(r.changes.len() as u32).to_le_bytes());
        for c in &r.changes {
            out.extend_from_slice(&c.path.to_le_bytes());
            out.extend_from_slice(&c.old_path.to_le_bytes());
            out.extend_from_slice(&c.added.to_le_bytes());
            out.extend_from_slice(&c.removed.to_le_bytes());
            out.push(kind_code(c.kind) | u8::from(c.binary) << 2);
        }
    }
}

/// A cursor over bytes being decoded.
pub struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Cursor { data, at: 0 }
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.at..).unwrap_or(&[])
    }

    #[inline]
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn i64(&mut self) -> Option<i64> {
        Some(self.u64()? as i64)
    }

    /// An unsigned LEB128 number written by [`put_var`].
    #[inline]
    pub fn var(&mut self) -> Option<u64> {
        let b = *self.data.get(self.at)?;
        self.at += 1;
        if b < 0x80 {
            return Some(u64::from(b));
        }
        let mut out = u64::from(b & 0x7f);
        let mut shift = 7;
        while shift < 64 {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            out |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(out);
            }
            shift += 7;
        }
        None
    }

    /// A [`Cursor::var`] that fits in 32 bits.
    #[inline]
    pub fn var32(&mut self) -> Option<u32> {
        u32::try_from(self.var()?).ok()
    }

    /// A signed number written by [`put_signed`].
    #[inline]
    pub fn signed(&mut self) -> Option<i64> {
        let v = self.var()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A name and an email written by [`put_names`].
    pub fn names(&mut self) -> Option<(String, String)> {
        Some((self.str()?, self.str()?))
    }

    /// A string written by [`put_str`].
    pub fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn id(&mut self) -> Option<[u8; 20]> {
        self.take(20)?.try_into().ok()
    }

    /// A count, checked against the bytes left (each item takes at least `min` bytes).
    pub fn count(&mut self, min: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(min)? <= self.data.len().saturating_sub(self.at)).then_some(n)
    }
}

/// Reads commit ids.
pub fn get_ids(c: &mut Cursor<'_>) -> Option<Vec<[u8; 20]>> {
    let n = c.count(20)?;
    (0..n).map(|_| c.id()).collect()
}

/// Reads records into a map by id.
pub fn get_records(c: &mut Cursor<'_>) -> Option<RecordSet> {
    let n = c.count(40)?;
    let mut map = RecordSet::with_capacity(n);
    for _ in 0..n {
        let id = c.id()?;
        let time = c.u64()? as i64;
        let author = c.u32()?;
        let parents = c.u32()?;
        let k = c.u32()? as usize;
        if k.checked_mul(17)? > c.rest().len() {
            return None;
        }
        let mut changes = Vec::with_capacity(k);
        for _ in 0..k {
            let path = c.u32()?;
            let old_path = c.u32()?;
            let added = c.u32()?;
            let removed = c.u32()?;
            let flags = *c.take(1)?.first()?;
            changes.push(Change {
                path,
                old_path,
                kind: kind_of(flags & 3)?,
                added,
                removed,
                binary: flags & 4 != 0,
            });
        }
        map.insert(
            id,
            CommitRecord {
                id,
                time,
                author,
                parents,
                changes,
            },
        );
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_truncation_is_rejected() {
        let rec = CommitRecord {
            id: [3; 20],
            time: -5,
            author: 7,
            parents: 1,
            changes: vec![Change {
                path: 1,
                old_path: 2,
                kind: ChangeKind::Renamed,
                added: 10,
                removed: 4,
                binary: true,
            }],
        };
        let mut out = Vec::new();
        put_ids(&mut out, &[[1; 20], [2; 20]]);
        put_records(&mut out, [&rec].into_iter());
        let mut c = Cursor::new(&out);
        assert_eq!(get_ids(&mut c), Some(vec![[1; 20], [2; 20]]));
        let map = get_records(&mut c).expect("records");
        assert_eq!(map.get(&[3; 20]), Some(&rec));
        for cut in [1, 10, out.len() - 1] {
            let mut c = Cursor::new(&out[..cut]);
            let ok = get_ids(&mut c).and_then(|_| get_records(&mut c));
            assert!(ok.is_none(), "cut at {cut}");
        }
        // A huge count cannot make it allocate.
        let mut huge = u64::MAX.to_le_bytes().to_vec();
        huge.extend([0u8; 40]);
        assert!(get_records(&mut Cursor::new(&huge)).is_none());
    }
}
