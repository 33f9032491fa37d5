//! Puts the history folded up to an older HEAD behind the fold of the commits that came after
//! it, giving exactly what one fold of the whole history gives. This is what makes the
//! incremental update cost the new commits, not the whole history: the older part is the
//! stored [`snapshot`](crate::history::snapshot), the newer part is a few commits.
//!
//! Why it is exact. The fold reads commits newest first; the state it carries from the newer
//! part into the older one is the alias table (which file a path's older changes count for).
//! Every file of the older part is named by its latest path, and each path names at most one
//! of them, so a file whose latest path the newer part aliases belongs to that file, and any
//! other file stays on its own, after the newer part's files (the order a whole fold creates
//! them in). Two older files that become one are not merged here (see [`prepend`]). Authors are merged by the same key the fold uses, newer ones first. Each file's
//! authors are still in the order met (they are sorted only when scoped), so ties sort as
//! they would after one fold.

use std::collections::HashMap;

use super::aggregate::{Aggregate, FileHistory};
use super::fold::author_key;

/// The whole-history aggregate from `newer` (the fold of the new commits, with its alias table
/// by repository path) and `older` (the fold of everything before them). Both unscoped.
///
/// `None` when two older files become one (say a file renamed onto the path of one deleted
/// before): their changes would have to be interleaved commit by commit, and a commit that
/// touched both would count once. The caller then folds the whole history.
pub fn prepend(
    mut newer: Aggregate,
    aliases: &HashMap<String, u32>,
    older: Aggregate,
) -> Option<Aggregate> {
    let mut keys: HashMap<String, u32> = newer
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| (author_key(a), i as u32))
        .collect();
    let authors = &mut newer.authors;
    let author_of: Vec<u32> = older
        .authors
        .into_iter()
        .map(|a| {
            *keys.entry(author_key(&a)).or_insert_with(|| {
                authors.push(a);
                (authors.len() - 1) as u32
            })
        })
        .collect();
    let mut index_of: Vec<u32> = Vec::with_capacity(older.files.len());
    let mut joined = vec![false; newer.files.len()];
    newer.files.reserve(older.files.len());
    for mut f in older.files {
        for c in &mut f.authors {
            c.author = author_of
                .get(c.author as usize)
                .copied()
                .unwrap_or(c.author);
        }
        let target = aliases
            .get(&f.repo_path)
            .copied()
            .filter(|&t| (t as usize) < newer.files.len());
        match target.and_then(|t| newer.files.get_mut(t as usize).map(|x| (t, x))) {
            Some((t, x)) => {
                let seen = joined.get_mut(t as usize)?;
                if *seen {
                    return None;
                }
                *seen = true;
                behind(x, f);
                index_of.push(t);
            }
            None => {
                index_of.push(newer.files.len() as u32);
                newer.files.push(f);
            }
        }
    }
    for set in older.changesets.iter() {
        newer.changesets.push(
            set.iter()
                .filter_map(|&id| index_of.get(id as usize).copied()),
        );
    }
    newer.commits += older.commits;
    newer.merges += older.merges;
    newer.first_time = combine(newer.first_time, older.first_time, i64::min);
    newer.last_time = combine(newer.last_time, older.last_time, i64::max);
    Some(newer)
}

/// Puts `old` (the same file's older history) behind `x`.
fn behind(x: &mut FileHistory, old: FileHistory) {
    x.commits += old.commits;
    x.added += old.added;
    x.removed += old.removed;
    x.binary |= old.binary;
    x.first_change = x.first_change.min(old.first_change);
    x.last_change = x.last_change.max(old.last_change);
    for c in old.authors {
        match x.authors.iter_mut().find(|d| d.author == c.author) {
            Some(d) => {
                d.commits += c.commits;
                d.added += c.added;
            }
            None => x.authors.push(c),
        }
    }
    for p in old.former_paths {
        if p != x.repo_path && !x.former_paths.contains(&p) {
            x.former_paths.push(p);
        }
    }
    let mut points = old.points;
    points.append(&mut x.points);
    super::fold::sort_by_time(&mut points);
    x.points = points;
}

fn combine(a: Option<i64>, b: Option<i64>, pick: fn(i64, i64) -> i64) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, None) => a,
        (None, b) => b,
    }
}
