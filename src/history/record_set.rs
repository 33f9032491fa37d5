//! The walked commit records of a store, kept in one vector in the order they were read or
//! walked, with an index by commit id. Loading tens of thousands of records from the cache then
//! appends to a vector instead of filling a hash table of whole records, and reading them back in
//! ancestry order walks memory mostly in sequence.

use super::codec::IdMap;
use super::record::CommitRecord;

/// Records by commit id (a map's interface over a vector and an index).
#[derive(Debug, Clone, Default)]
pub struct RecordSet {
    list: Vec<CommitRecord>,
    index: IdMap<u32>,
}

impl RecordSet {
    /// An empty set with room for `n` records, and for the next walk's new commits without
    /// moving the whole vector (room that is never written costs no memory).
    pub fn with_capacity(n: usize) -> RecordSet {
        RecordSet {
            list: Vec::with_capacity(n + n / 4 + 1024),
            index: IdMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// The record of commit `id`.
    pub fn get(&self, id: &[u8; 20]) -> Option<&CommitRecord> {
        let at = *self.index.get(id)?;
        self.list.get(at as usize)
    }

    /// True when commit `id` has a record.
    pub fn contains_key(&self, id: &[u8; 20]) -> bool {
        self.index.contains_key(id)
    }

    /// Adds or replaces the record of commit `id`.
    pub fn insert(&mut self, id: [u8; 20], rec: CommitRecord) {
        match self
            .index
            .get(&id)
            .and_then(|&at| self.list.get_mut(at as usize))
        {
            Some(slot) => *slot = rec,
            None => {
                self.index.insert(id, self.list.len() as u32);
                self.list.push(rec);
            }
        }
    }

    /// Drops the record of commit `id`.
    pub fn remove(&mut self, id: &[u8; 20]) {
        if self.contains_key(id) {
            self.retain(|other, _| other != id);
        }
    }

    /// Keeps only the records for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&[u8; 20], &CommitRecord) -> bool) {
        let before = self.list.len();
        self.list.retain(|r| keep(&r.id, r));
        if self.list.len() != before {
            self.index = self
                .list
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i as u32))
                .collect();
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there is no record.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every record with its id, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8; 20], &CommitRecord)> + '_ {
        self.list.iter().map(|r| (&r.id, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(n: u8) -> CommitRecord {
        CommitRecord {
            id: [n; 20],
            time: i64::from(n),
            author: 0,
            parents: 1,
            changes: Vec::new(),
        }
    }

    #[test]
    fn a_map_by_id_over_a_vector() {
        let mut s = RecordSet::with_capacity(4);
        for n in 1..=4 {
            s.insert([n; 20], rec(n));
        }
        s.insert([2; 20], CommitRecord { time: 20, ..rec(2) });
        assert_eq!(s.len(), 4);
        assert_eq!(s.get(&[2; 20]).map(|r| r.time), Some(20));
        s.remove(&[1; 20]);
        s.retain(|id, _| id != &[3; 20]);
        let left: Vec<i64> = s.iter().map(|(_, r)| r.time).collect();
        assert_eq!(left, vec![20, 4]);
        assert!(!s.contains_key(&[1; 20]) && s.contains_key(&[4; 20]));
        assert_eq!(s.get(&[4; 20]).map(|r| r.id), Some([4; 20]));
    }
}
