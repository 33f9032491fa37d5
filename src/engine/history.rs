//! HEAD moves: a commit, a checkout, a pull or a rebase changes `HEAD`, a ref under `refs/` or
//! `packed-refs`. The engine watches where git keeps them, and after the batch of file changes
//! (user-visible work first) compares HEAD with what it was; the history refresh itself runs in
//! the background (`history_jobs`).

use std::path::{Path, PathBuf};

use git2::{Oid, Repository};

use super::notice::History;
use crate::watch::GitPaths;

/// Most commits counted for a HEAD move (a checkout of an unrelated branch can reach many).
const COUNT_CAP: usize = 100_000;

/// The repository around the watched root and its last known HEAD.
pub struct HeadTracker {
    repo: Repository,
    paths: GitPaths,
    head: Option<Oid>,
}

impl std::fmt::Debug for HeadTracker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeadTracker")
            .field("paths", &self.paths)
            .field("head", &self.head)
            .finish_non_exhaustive()
    }
}

impl HeadTracker {
    /// The repository containing `root`, if there is one.
    pub fn discover(root: &Path) -> Option<HeadTracker> {
        let repo = Repository::discover(root).ok()?;
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let paths = GitPaths {
            git_dir: canon(repo.path()),
            common_dir: canon(repo.commondir()),
        };
        let head = repo.refname_to_id("HEAD").ok();
        Some(HeadTracker { repo, paths, head })
    }

    /// Where git keeps HEAD and refs.
    pub fn paths(&self) -> &GitPaths {
        &self.paths
    }

    /// The directories to watch: the git directory (HEAD), the common directory (packed-refs)
    /// and every directory under `refs/heads` (branch names may hold slashes).
    pub fn watch_dirs(&self) -> Vec<PathBuf> {
        let mut out = vec![self.paths.git_dir.clone()];
        if self.paths.common_dir != self.paths.git_dir {
            out.push(self.paths.common_dir.clone());
        }
        let mut stack = vec![self.paths.common_dir.join("refs").join("heads")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            out.push(dir);
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(e.path());
                }
            }
        }
        out
    }

    /// The current HEAD commit, short.
    pub fn head(&self) -> Option<String> {
        self.head.map(short)
    }

    /// Reads HEAD again; when it moved, says from where to where and how many commits are new.
    /// The history itself is refreshed in the background (`history_jobs`).
    pub fn check(&mut self) -> Option<History> {
        let now = self.repo.refname_to_id("HEAD").ok();
        if now == self.head {
            return None;
        }
        let from = std::mem::replace(&mut self.head, now);
        let commits = now.and_then(|to| self.count(from, to));
        Some(History {
            from: from.map(short),
            to: now.map(short),
            commits,
            initial: false,
            refreshed: false,
            detail: String::new(),
        })
    }

    /// Commits reachable from `to` and not from `from`.
    fn count(&self, from: Option<Oid>, to: Oid) -> Option<usize> {
        let mut walk = self.repo.revwalk().ok()?;
        walk.push(to).ok()?;
        if let Some(f) = from {
            // An old HEAD that no longer exists (rewritten history) hides nothing.
            let _ = walk.hide(f);
        }
        Some(walk.take(COUNT_CAP).count())
    }
}

fn short(oid: Oid) -> String {
    let s = oid.to_string();
    s.get(..12).unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(repo: &Repository, file: &str, text: &str) -> Oid {
        let root = repo.workdir().unwrap().to_path_buf();
        std::fs::write(root.join(file), text).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new(file)).unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        index.write().unwrap();
        let sig = git2::Signature::now("t", "t@example.com").unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "m", &tree, &parents)
            .unwrap()
    }

    #[test]
    fn a_head_move_is_seen_once_with_its_new_commits() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = Repository::init(tmp.path()).unwrap();
        let mut t = HeadTracker::discover(tmp.path()).unwrap();
        assert_eq!(t.head(), None, "unborn branch");
        let dirs = t.watch_dirs();
        assert!(dirs.contains(&t.paths().git_dir));
        assert!(dirs.iter().any(|d| d.ends_with("refs/heads")));
        commit(&repo, "a.txt", "1\n");
        commit(&repo, "a.txt", "2\n");
        let moved = t.check().unwrap();
        assert_eq!((moved.from, moved.commits), (None, Some(2)));
        assert_eq!(moved.to.as_deref().map(str::len), Some(12));
        assert!(t.check().is_none(), "reported once");
        commit(&repo, "a.txt", "3\n");
        assert_eq!(t.check().unwrap().commits, Some(1));
    }

    #[test]
    fn no_repository_no_tracker() {
        let tmp = tempfile::tempdir().unwrap();
        // A temp dir outside any repository (unless the system's temp dir is inside one).
        if Repository::discover(tmp.path()).is_err() {
            assert!(HeadTracker::discover(tmp.path()).is_none());
        }
    }
}
