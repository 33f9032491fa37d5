//! Change coupling as code-maat computes it (`-a coupling`): files that keep changing in the same
//! commits.
//!
//! - Commits that change more than `max_changeset` files are left out entirely (mass edits say
//!   nothing about design), and so are merges (they carry no changes of their own).
//! - `revs(f)`: the commits left that change file `f`. `shared(a, b)`: those changing both.
//! - `degree = shared ÷ ((revs(a) + revs(b)) ÷ 2)`, reported as a whole percentage, truncated,
//!   as code-maat prints it.
//! - A pair is reported when the average of the two revision counts is at least `min_revs`,
//!   `shared ≥ min_shared` and the degree is at least `min_degree`. Since `shared` can exceed
//!   neither count, with the defaults (5 and 5) this also means each file has 5 commits or more.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::aggregate::Changesets;
use crate::history::settings::HistorySettings;

/// Multiplicative hashing of a packed pair of file indices.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Two files that change together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coupling {
    pub a: String,
    pub b: String,
    /// Whole percent, truncated (code-maat's output).
    pub degree: u32,
    pub shared: u32,
    pub revs_a: u32,
    pub revs_b: u32,
    /// The exact degree as a share (0.714 = 71.4 %), for sorting and thresholds.
    #[serde(skip)]
    pub share: f64,
}

type PairCounts = HashMap<u64, u32, BuildHasherDefault<PairHasher>>;

/// Per file, the commits that changed it; per pair of files (`lo << 32 | hi`), the commits
/// that changed both. Changesets larger than `max` are left out. Pairs are counted only when
/// they could pass: among files with at least `min_shared` commits (a pair cannot share more
/// commits than either file has; most files of a long history have only a few), and only when
/// the file with fewer commits has enough of them for the degree (a file changed in 5,000
/// commits cannot reach 30 % with one changed in 20, however often they change together).
fn count(
    files: usize,
    changesets: &Changesets,
    settings: &HistorySettings,
) -> (Vec<u32>, PairCounts) {
    let max = settings.coupling_max_changeset as usize;
    let mut revs: Vec<u32> = vec![0; files];
    let kept = || changesets.iter().filter(|s| s.len() <= max);
    for &f in kept().flatten() {
        if let Some(n) = revs.get_mut(f as usize) {
            *n += 1;
        }
    }
    let mut shared = PairCounts::default();
    let mut set: Vec<(u32, u32)> = Vec::new();
    for s in kept() {
        set.clear();
        set.extend(s.iter().filter_map(|&f| {
            let n = revs.get(f as usize).copied()?;
            (n >= settings.coupling_min_shared).then_some((f, n))
        }));
        count_pairs(&set, settings, &mut shared);
    }
    (revs, shared)
}

/// Counts a commit for each pair of the files of one changeset (file, its commits) that could
/// pass the thresholds.
fn count_pairs(set: &[(u32, u32)], settings: &HistorySettings, shared: &mut PairCounts) {
    for (i, &(a, ra)) in set.iter().enumerate() {
        for &(b, rb) in set.iter().skip(i + 1) {
            if !could_pass(ra, rb, settings) {
                continue;
            }
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            *shared
                .entry(u64::from(lo) << 32 | u64::from(hi))
                .or_insert(0) += 1;
        }
    }
}

/// False when files with `ra` and `rb` commits fail the thresholds even if every commit of the
/// smaller one is shared (checked with more slack than [`Pair::coupling`] allows).
fn could_pass(ra: u32, rb: u32, settings: &HistorySettings) -> bool {
    let average = (f64::from(ra) + f64::from(rb)) / 2.0;
    average >= f64::from(settings.coupling_min_revs)
        && f64::from(ra.min(rb)) / average + 1e-9 >= settings.coupling_min_degree
}

/// What judging one pair needs: the names, the per-file commits and the thresholds.
struct Pair<'a> {
    files: &'a [&'a str],
    revs: &'a [u32],
    settings: &'a HistorySettings,
}

impl Pair<'_> {
    fn name(&self, i: u32) -> &str {
        self.files.get(i as usize).copied().unwrap_or("")
    }

    /// The coupling of files `a` and `b` that changed together `n` times, if it passes the
    /// thresholds; the pair is named in path order.
    fn coupling(&self, a: u32, b: u32, n: u32) -> Option<Coupling> {
        let ra = self.revs.get(a as usize).copied().unwrap_or(0);
        let rb = self.revs.get(b as usize).copied().unwrap_or(0);
        let average = (f64::from(ra) + f64::from(rb)) / 2.0;
        if average <= 0.0 || average < f64::from(self.settings.coupling_min_revs) {
            return None;
        }
        let share = f64::from(n) / average;
        if share + 1e-12 < self.settings.coupling_min_degree {
            return None;
        }
        let (a, b, ra, rb) = if self.name(a) <= self.name(b) {
            (a, b, ra, rb)
        } else {
            (b, a, rb, ra)
        };
        Some(Coupling {
            a: self.name(a).to_string(),
            b: self.name(b).to_string(),
            degree: ((share * 100.0) + 1e-9).floor() as u32,
            shared: n,
            revs_a: ra,
            revs_b: rb,
            share,
        })
    }
}

/// Couplings among `files` (names by index) given the changesets (file indices per commit).
pub fn couplings(
    files: &[&str],
    changesets: &Changesets,
    settings: &HistorySettings,
) -> Vec<Coupling> {
    let (revs, shared) = count(files.len(), changesets, settings);
    let pair = Pair {
        files,
        revs: &revs,
        settings,
    };
    let mut out: Vec<Coupling> = shared
        .into_iter()
        .filter(|&(_, n)| n >= settings.coupling_min_shared)
        .filter_map(|(key, n)| pair.coupling((key >> 32) as u32, key as u32, n))
        .collect();
    out.sort_by(|x, y| {
        y.share
            .total_cmp(&x.share)
            .then(y.shared.cmp(&x.shared))
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(sets: &[Vec<u32>]) -> Changesets {
        let mut c = Changesets::default();
        for s in sets {
            c.push(s.iter().copied());
        }
        c
    }

    #[test]
    fn changesets_sort_and_dedup() {
        let c = flat(&[vec![3, 1, 3, 2], vec![], vec![5]]);
        let sets: Vec<&[u32]> = c.iter().collect();
        assert_eq!(sets, vec![&[1, 2, 3][..], &[5][..]]);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn degree_is_shared_over_average_revisions() {
        // a: 7 commits, b: 8, c: 5, together: a+b 6 times, a+c 2 times.
        let files = ["a", "b", "c"];
        let mut sets: Vec<Vec<u32>> = Vec::new();
        sets.extend(std::iter::repeat_n(vec![0, 1], 6));
        sets.extend(std::iter::repeat_n(vec![0, 2], 1));
        sets.push(vec![1]);
        sets.push(vec![1, 2]);
        sets.extend(std::iter::repeat_n(vec![2], 3));
        let s = HistorySettings::default();
        let c = couplings(&files, &flat(&sets), &s);
        assert_eq!(c.len(), 1, "{c:?}");
        // shared 6 / ((7 + 8) / 2 = 7.5) = 80 %.
        assert_eq!((c[0].a.as_str(), c[0].b.as_str()), ("a", "b"));
        assert_eq!(
            (c[0].degree, c[0].shared, c[0].revs_a, c[0].revs_b),
            (80, 6, 7, 8)
        );
    }

    #[test]
    fn a_file_with_far_more_commits_is_not_paired() {
        // "hot" changes in 40 commits, "cold" in 6, always with "hot": 6 / 23 = 26 % < 30 %.
        let files = ["hot", "cold"];
        let mut sets: Vec<Vec<u32>> = vec![vec![0, 1]; 6];
        sets.extend(std::iter::repeat_n(vec![0], 34));
        let s = HistorySettings::default();
        assert!(!could_pass(40, 6, &s));
        assert!(couplings(&files, &flat(&sets), &s).is_empty());
        // At 20 % the same pair passes: 26 %.
        let loose = HistorySettings {
            coupling_min_degree: 0.20,
            ..s
        };
        assert!(could_pass(40, 6, &loose));
        assert_eq!(couplings(&files, &flat(&sets), &loose)[0].degree, 26);
    }

    #[test]
    fn thresholds_and_big_changesets() {
        let files = ["x", "y"];
        let together = vec![vec![0u32, 1]; 5];
        let s = HistorySettings::default();
        assert_eq!(couplings(&files, &flat(&together), &s)[0].degree, 100);
        // Four shared commits are below min_shared (5).
        assert!(couplings(&files, &flat(&together[..4]), &s).is_empty());
        // A changeset over the size limit is ignored altogether.
        let tight = HistorySettings {
            coupling_max_changeset: 1,
            ..s
        };
        assert!(couplings(&files, &flat(&together), &tight).is_empty());
        // 5 shared out of 5 and 12 revisions: 5 / 8.5 = 58 %, kept at 30 %, dropped at 60 %.
        let mut sets = together.clone();
        sets.extend(std::iter::repeat_n(vec![1u32], 7));
        assert_eq!(couplings(&files, &flat(&sets), &s)[0].degree, 58);
        let strict = HistorySettings {
            coupling_min_degree: 0.60,
            ..s
        };
        assert!(couplings(&files, &flat(&sets), &strict).is_empty());
    }
}
