//! Finds the repository behind a path and says plainly what history it offers: none (not a
//! repository, no commit yet, unreadable), or some, with what is special about it (a shallow
//! clone and its depth, a detached HEAD, a linked worktree, a bare repository, submodules whose
//! own histories are not followed). Nothing here fails the caller: every case becomes a
//! [`Statement`] the reports print, and the rest of seamline carries on without history.

use std::fmt;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, Oid, Repository};
use serde::Serialize;

/// Why there is no history at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unavailable {
    /// No git repository contains the path.
    NotARepository { path: String },
    /// The repository has no commit yet.
    Empty,
    /// The repository could not be opened or its HEAD could not be read.
    Unreadable { message: String },
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NotARepository { path } => write!(
                f,
                "{path} is not inside a git repository: no history (sizes and bands still work)"
            ),
            Unavailable::Empty => write!(f, "the repository has no commits yet: no history"),
            Unavailable::Unreadable { message } => {
                write!(
                    f,
                    "the repository could not be read ({message}): no history"
                )
            }
        }
    }
}

/// Something worth knowing about the history that is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Statement {
    /// A shallow clone: history stops at `boundaries` grafted commits, `depth` commits deep.
    Shallow { depth: usize, boundaries: usize },
    /// HEAD points at a commit, not a branch.
    DetachedHead { commit: String },
    /// A linked worktree; its history is the shared repository's, from this worktree's HEAD.
    Worktree { common_dir: String },
    /// No working tree: current sizes come from the committed files.
    Bare,
    /// Submodules are separate repositories: only their recorded commit changes count here.
    Submodules { paths: Vec<String> },
    /// The cached walk no longer matched HEAD's ancestry (rebase, reset, amend).
    Rewritten { cached_tip: String, dropped: usize },
    /// An object could not be read; the commit was skipped.
    Corrupt { commit: String, message: String },
    /// The walk stopped early (a commit's parents could not be read).
    Truncated { message: String },
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Shallow { depth, boundaries } => write!(
                f,
                "shallow clone: history is cut {depth} commit{} deep ({boundaries} boundary \
                 commit{}); the oldest commits show every file as added",
                plural(*depth),
                plural(*boundaries)
            ),
            Statement::DetachedHead { commit } => {
                write!(f, "HEAD is detached at {commit}: history of that commit")
            }
            Statement::Worktree { common_dir } => write!(
                f,
                "linked worktree of the repository at {common_dir}: history from this worktree's HEAD"
            ),
            Statement::Bare => write!(
                f,
                "no working tree: current sizes come from the committed files, and hotspots \
                 (which need the code model) are left out"
            ),
            Statement::Submodules { paths } => write!(
                f,
                "{} submodule{} ({}): their own histories are not followed",
                paths.len(),
                plural(paths.len()),
                paths.join(", ")
            ),
            Statement::Rewritten { cached_tip, dropped } => write!(
                f,
                "history was rewritten since the last run (cached tip {cached_tip} is no longer \
                 an ancestor of HEAD): {dropped} cached commit{} dropped, the rest reused",
                plural(*dropped)
            ),
            Statement::Corrupt { commit, message } => {
                write!(f, "commit {commit} skipped: {message}")
            }
            Statement::Truncated { message } => {
                write!(f, "the walk stopped early: {message}")
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// An opened repository and what seamline needs to know about it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The git directory (what each walker thread opens).
    pub git_dir: PathBuf,
    /// The directory shared by all worktrees (holds `objects/`).
    pub common_dir: PathBuf,
    /// The working tree, if any.
    pub workdir: Option<PathBuf>,
    /// The scanned path relative to the working tree (`""` for its root; `/`-separated, with a
    /// trailing `/` otherwise).
    pub prefix: String,
    /// The commit HEAD resolves to.
    pub head: Oid,
    /// Boundary commits of a shallow clone (empty otherwise).
    pub shallow: Vec<Oid>,
    pub statements: Vec<Statement>,
}

/// Short form of a commit id for messages.
pub fn short(id: Oid) -> String {
    let s = id.to_string();
    s.get(..10).unwrap_or(&s).to_string()
}

impl Source {
    /// Opens the repository containing `path` (which must exist).
    pub fn open(path: &Path) -> Result<Source, Unavailable> {
        let repo = match Repository::discover(path) {
            Ok(r) => r,
            Err(e) if e.code() == ErrorCode::NotFound => {
                return Err(Unavailable::NotARepository {
                    path: path.display().to_string(),
                })
            }
            Err(e) => {
                return Err(Unavailable::Unreadable {
                    message: e.message().to_string(),
                })
            }
        };
        let head = match repo.head() {
            Ok(h) => match h.peel_to_commit() {
                Ok(c) => c.id(),
                Err(e) => {
                    return Err(Unavailable::Unreadable {
                        message: e.message().to_string(),
                    })
                }
            },
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Err(Unavailable::Empty)
            }
            Err(e) => {
                return Err(Unavailable::Unreadable {
                    message: e.message().to_string(),
                })
            }
        };
        // Pointed at the git directory itself (a mirror without `core.bare`, say): its
        // history, with no working tree.
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let at_git_dir = canon(path) == canon(repo.path());
        let workdir = repo
            .workdir()
            .filter(|_| !at_git_dir)
            .map(Path::to_path_buf);
        let prefix = prefix_of(path, workdir.as_deref());
        let shallow = shallow_boundaries(repo.path());
        let mut statements = Vec::new();
        if !shallow.is_empty() {
            statements.push(Statement::Shallow {
                depth: depth(&repo, head),
                boundaries: shallow.len(),
            });
        }
        if repo.head_detached().unwrap_or(false) {
            statements.push(Statement::DetachedHead {
                commit: short(head),
            });
        }
        if repo.is_worktree() {
            statements.push(Statement::Worktree {
                common_dir: repo.commondir().display().to_string(),
            });
        }
        if workdir.is_none() {
            statements.push(Statement::Bare);
        }
        let subs: Vec<String> = repo
            .submodules()
            .map(|s| s.iter().map(|m| m.path().display().to_string()).collect())
            .unwrap_or_default();
        if !subs.is_empty() {
            statements.push(Statement::Submodules { paths: subs });
        }
        Ok(Source {
            git_dir: repo.path().to_path_buf(),
            common_dir: repo.commondir().to_path_buf(),
            workdir,
            prefix,
            head,
            shallow,
            statements,
        })
    }

    /// Opens another handle on the repository (one per thread).
    pub fn repository(&self) -> Result<Repository, git2::Error> {
        Repository::open(&self.git_dir)
    }
}

/// The scanned path relative to the working tree, as a path prefix.
fn prefix_of(path: &Path, workdir: Option<&Path>) -> String {
    let (Some(workdir), Ok(abs)) = (workdir, path.canonicalize()) else {
        return String::new();
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let Ok(rel) = abs.strip_prefix(&workdir) else {
        return String::new();
    };
    let mut s: String = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    if !s.is_empty() && !abs.is_file() {
        s.push('/');
    }
    s
}

/// The grafted commits of a shallow clone (`$GIT_DIR/shallow`, one id per line).
fn shallow_boundaries(git_dir: &Path) -> Vec<Oid> {
    std::fs::read_to_string(git_dir.join("shallow"))
        .map(|text| {
            text.lines()
                .filter_map(|l| Oid::from_str(l.trim()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Commits on the first-parent chain from `head` down to where the history is cut.
fn depth(repo: &Repository, head: Oid) -> usize {
    let mut n = 0;
    let mut cur = repo.find_commit(head).ok();
    while let Some(c) = cur {
        n += 1;
        if n >= 1_000_000 {
            break;
        }
        cur = c.parent(0).ok();
    }
    n
}
