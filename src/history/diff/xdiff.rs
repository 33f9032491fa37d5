//! Line counts of a diff, computed exactly as git's xdiff computes them for `git log --numstat`
//! (Myers' algorithm with xdiff's heuristics, default flags), without building a patch.
//!
//! This is a port of the parts of xdiff (`xprepare.c`, `xdiffi.c`, as vendored by libgit2 1.9)
//! that decide which lines change: records are lines (with their newline); identical leading and
//! trailing lines are set aside; every other line is classified by how often it occurs in the
//! *whole* other file (`nm`): no occurrence → changed for sure, at least `mlim` occurrences → a
//! "multimatch" line, discarded when it sits inside a run of discarded lines
//! (`xdl_clean_mmatch`); the rest go through the divide-and-conquer middle-snake search with
//! xdiff's cost limits. Sliding changes afterwards (`xdl_change_compact`) moves changed lines
//! but never changes how many there are, so it is not needed for counts.
//!
//! What is faster than calling xdiff: a version's line index (boundaries and hashes) is computed
//! once and reused for both diffs the version takes part in (as the newer side of one commit and
//! the older side of the next); the identical leading and trailing lines, which are most of a
//! file in most commits, are only counted for the classes that occur in the changed middle, never
//! classified one by one. The result is the same: the class counts include them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::myers::Myers;

const MAX_EQLIMIT: i64 = 1024;
const SIMSCAN_WINDOW: i64 = 100;
const KPDIS_RUN: i64 = 4;

/// Line boundaries and hashes of one version of a file.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// Start of each line, then the end of the content.
    starts: Vec<u32>,
    hashes: Vec<u64>,
}

impl Lines {
    /// Indexes `bytes` (at most 4 GiB; larger contents are binary for git anyway).
    pub fn new(bytes: &[u8]) -> Lines {
        let mut starts = Vec::with_capacity(bytes.len() / 16 + 2);
        starts.push(0u32);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
        if starts.last().is_some_and(|&s| (s as usize) < bytes.len()) {
            starts.push(bytes.len() as u32);
        }
        let hashes = starts
            .windows(2)
            .map(|w| match w {
                [a, b] => {
                    xxhash_rust::xxh3::xxh3_64(bytes.get(*a as usize..*b as usize).unwrap_or(&[]))
                }
                _ => 0,
            })
            .collect();
        Lines { starts, hashes }
    }

    /// Number of lines (a last line without a newline counts).
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// True for empty content.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Heap bytes held.
    pub fn heap_size(&self) -> usize {
        self.starts.capacity() * 4 + self.hashes.capacity() * 8
    }

    fn line<'a>(&self, bytes: &'a [u8], i: usize) -> &'a [u8] {
        let (Some(&s), Some(&e)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return &[];
        };
        bytes.get(s as usize..e as usize).unwrap_or(&[])
    }

    fn hash(&self, i: usize) -> u64 {
        self.hashes.get(i).copied().unwrap_or(0)
    }
}

/// One version: its bytes and line index.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub bytes: &'a [u8],
    pub lines: &'a Lines,
}

impl Side<'_> {
    fn same(&self, i: usize, other: &Side<'_>, j: usize) -> bool {
        self.lines.hash(i) == other.lines.hash(j)
            && self.lines.line(self.bytes, i) == other.lines.line(other.bytes, j)
    }
}

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Table = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Distinct line contents of the changed middle, with their counts in each whole file.
struct Classes<'a> {
    table: Table,
    /// Per class: a representative line, the next class with the same hash, counts.
    line: Vec<&'a [u8]>,
    next: Vec<u32>,
    len1: Vec<i64>,
    len2: Vec<i64>,
}

const NONE: u32 = u32::MAX;

impl<'a> Classes<'a> {
    fn find(&self, hash: u64, text: &[u8]) -> Option<u32> {
        let mut c = *self.table.get(&hash)?;
        while c != NONE {
            if self.line.get(c as usize).is_some_and(|l| *l == text) {
                return Some(c);
            }
            c = self.next.get(c as usize).copied().unwrap_or(NONE);
        }
        None
    }

    fn classify(&mut self, hash: u64, text: &'a [u8]) -> u32 {
        if let Some(c) = self.find(hash, text) {
            return c;
        }
        let c = self.line.len() as u32;
        let head = self.table.insert(hash, c).unwrap_or(NONE);
        self.line.push(text);
        self.next.push(head);
        self.len1.push(0);
        self.len2.push(0);
        c
    }
}

/// `(added, removed)`: the lines of `new` and of `old` that xdiff marks as changed.
pub fn count(old: Side<'_>, new: Side<'_>) -> (u32, u32) {
    let (n1, n2) = (old.lines.len(), new.lines.len());
    // xdl_trim_ends.
    let lim = n1.min(n2);
    let start = common_run(&old, &new, (0..lim).map(|i| (i, i)));
    let tail = common_run(
        &old,
        &new,
        (0..lim - start).map(|k| (n1 - 1 - k, n2 - 1 - k)),
    );
    let (end1, end2) = (n1 - tail, n2 - tail);
    // Classes of the middle, counted over both whole files.
    let middle = (end1 - start) + (end2 - start);
    let mut cl = Classes {
        table: Table::with_capacity_and_hasher(middle, Default::default()),
        line: Vec::new(),
        next: Vec::new(),
        len1: Vec::new(),
        len2: Vec::new(),
    };
    let mut ha1 = Vec::with_capacity(end1 - start);
    for i in start..end1 {
        let c = cl.classify(old.lines.hash(i), old.lines.line(old.bytes, i));
        bump(&mut cl.len1, c);
        ha1.push(c);
    }
    let mut ha2 = Vec::with_capacity(end2 - start);
    for i in start..end2 {
        let c = cl.classify(new.lines.hash(i), new.lines.line(new.bytes, i));
        bump(&mut cl.len2, c);
        ha2.push(c);
    }
    if !cl.line.is_empty() {
        for i in (0..start).chain(end1..n1) {
            if let Some(c) = cl.find(old.lines.hash(i), old.lines.line(old.bytes, i)) {
                bump(&mut cl.len1, c);
                bump(&mut cl.len2, c);
            }
        }
    }
    // xdl_cleanup_records.
    let dis1 = discards(&ha1, &cl.len2, n1 as i64);
    let dis2 = discards(&ha2, &cl.len1, n2 as i64);
    let mut rchg1 = vec![false; ha1.len()];
    let mut rchg2 = vec![false; ha2.len()];
    let (kept1, rindex1) = keep(&ha1, &dis1, &mut rchg1);
    let (kept2, rindex2) = keep(&ha2, &dis2, &mut rchg2);
    // xdl_do_diff.
    let mut m = Myers::new(&kept1, &kept2);
    m.compare(&mut |side, k| {
        let (rindex, rchg) = if side == 1 {
            (&rindex1, &mut rchg1)
        } else {
            (&rindex2, &mut rchg2)
        };
        if let Some(slot) = rindex.get(k).and_then(|&i| rchg.get_mut(i)) {
            *slot = true;
        }
    });
    let changed = |v: &[bool]| v.iter().filter(|&&c| c).count() as u32;
    (changed(&rchg2), changed(&rchg1))
}

/// How many of the line pairs `(i, j)`, in order, are identical: hashes and lengths first, then
/// the whole run's bytes at once (a hash collision falls back to comparing line by line).
fn common_run(
    a: &Side<'_>,
    b: &Side<'_>,
    pairs: impl Iterator<Item = (usize, usize)> + Clone,
) -> usize {
    let same_shape = |&(i, j): &(usize, usize)| {
        a.lines.hash(i) == b.lines.hash(j)
            && a.lines.line(a.bytes, i).len() == b.lines.line(b.bytes, j).len()
    };
    let n = pairs.clone().take_while(same_shape).count();
    let (Some(first), Some(last)) = (pairs.clone().next(), pairs.clone().nth(n.wrapping_sub(1)))
    else {
        return 0;
    };
    if n > 0 && span(a, first.0, last.0) == span(b, first.1, last.1) {
        return n;
    }
    pairs.take_while(|&(i, j)| a.same(i, b, j)).count()
}

/// The bytes of lines `x..=y` (or `y..=x`).
fn span<'a>(s: &Side<'a>, x: usize, y: usize) -> &'a [u8] {
    let (lo, hi) = (x.min(y), x.max(y));
    let start = s.lines.starts.get(lo).copied().unwrap_or(0) as usize;
    let end = s.lines.starts.get(hi + 1).copied().unwrap_or(0) as usize;
    s.bytes.get(start..end).unwrap_or(&[])
}

fn bump(v: &mut [i64], c: u32) {
    if let Some(n) = v.get_mut(c as usize) {
        *n += 1;
    }
}

/// 0: no match in the other file, 1: some, 2: many (at least `mlim`).
fn discards(ha: &[u32], other_len: &[i64], nrec: i64) -> Vec<u8> {
    let mlim = super::myers::bogosqrt(nrec).min(MAX_EQLIMIT);
    ha.iter()
        .map(|&c| {
            let nm = other_len.get(c as usize).copied().unwrap_or(0);
            match nm {
                0 => 0,
                n if n >= mlim => 2,
                _ => 1,
            }
        })
        .collect()
}

/// The records kept for the search (class ids) and their indices; the rest are changed.
fn keep(ha: &[u32], dis: &[u8], rchg: &mut [bool]) -> (Vec<u32>, Vec<usize>) {
    let e = dis.len() as i64 - 1;
    let mut kept = Vec::with_capacity(ha.len());
    let mut index = Vec::with_capacity(ha.len());
    for (i, (&c, &d)) in ha.iter().zip(dis).enumerate() {
        if d == 1 || (d == 2 && !clean_mmatch(dis, i as i64, 0, e)) {
            kept.push(c);
            index.push(i);
        } else if let Some(slot) = rchg.get_mut(i) {
            *slot = true;
        }
    }
    (kept, index)
}

/// xdl_clean_mmatch: discard a multimatch line inside a run of unmatched lines.
fn clean_mmatch(dis: &[u8], i: i64, mut s: i64, mut e: i64) -> bool {
    let at = |j: i64| dis.get(j as usize).copied().unwrap_or(1);
    if i - s > SIMSCAN_WINDOW {
        s = i - SIMSCAN_WINDOW;
    }
    if e - i > SIMSCAN_WINDOW {
        e = i + SIMSCAN_WINDOW;
    }
    let (mut rdis0, mut rpdis0) = (0i64, 1i64);
    let mut r = 1;
    while i - r >= s {
        match at(i - r) {
            0 => rdis0 += 1,
            2 => rpdis0 += 1,
            _ => break,
        }
        r += 1;
    }
    if rdis0 == 0 {
        return false;
    }
    let (mut rdis1, mut rpdis1) = (0i64, 1i64);
    let mut r = 1;
    while i + r <= e {
        match at(i + r) {
            0 => rdis1 += 1,
            2 => rpdis1 += 1,
            _ => break,
        }
        r += 1;
    }
    if rdis1 == 0 {
        return false;
    }
    rdis1 += rdis0;
    rpdis1 += rpdis0;
    rpdis1 * KPDIS_RUN < rpdis1 + rdis1
}

#[cfg(test)]
#[path = "xdiff_tests.rs"]
mod tests;
