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
            let kind = match c.kind {
                ChangeKind::Added => 0u8,
                ChangeKind::Deleted => 1,
                ChangeKind::Modified => 2,
                ChangeKind::Renamed => 3,
            };
            out.push(kind | u8::from(c.binary) << 2);
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

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn id(&mut self) -> Option<[u8; 20]> {
        self.take(20)?.try_into().ok()
    }

    /// A count, checked against the bytes left (each item takes at least `min` bytes).
    fn count(&mut self, min: usize) -> Option<usize> {
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
            let kind = match flags & 3 {
                0 => ChangeKind::Added,
                1 => ChangeKind::Deleted,
                2 => ChangeKind::Modified,
                _ => ChangeKind::Renamed,
            };
            changes.push(Change {
                path,
                old_path,
                kind,
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
