//! The scanner: a parallel walk of a tree (the `ignore` crate, so `.gitignore`, `.ignore` and
//! global git excludes are honoured), skip rules for binary, huge, unreadable and vanished files,
//! and the content-hash cache that lets a second scan re-parse only what changed.
//!
//! The pieces: `walk` (which entries, on which threads; its docs state the ignore, hidden-file
//! and symlink rules), `read` (one file: size limit, cache by metadata, binary sniff, content
//! hash, analysis), `cache` (the on-disk format and its trust rules), `collect` (merging the
//! threads' results, sorted by path) and `progress` (the stderr line).
//!
//! Result invariants: paths are relative to the root with `/` separators; `dirs` holds every
//! directory entered, `""` for the root, so every file's parent directory is listed; when the
//! root is a single file, it is scanned alone (gitignore rules do not apply to it), listed by
//! its file name under the root directory `""`. A failure to write the cache never fails the
//! scan: the next scan just analyses again.

pub mod cache;
pub mod collect;
pub mod file;
pub mod progress;
pub mod read;
mod root;
pub mod walk;

use std::path::PathBuf;
use std::time::SystemTime;

use serde::Serialize;

use crate::model::facts::FileFacts;

/// Default size above which a file is skipped (2 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// How a scan runs.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub root: PathBuf,
    /// Files larger than this are skipped with `SkipReason::TooLarge`.
    pub max_file_size: u64,
    /// Count lines only; no parsing.
    pub lines_only: bool,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Where the content-hash cache lives; `None` disables it.
    pub cache_dir: Option<PathBuf>,
    /// Report progress on stderr when it is a terminal and the scan takes more than a moment.
    pub progress: bool,
    /// Extra globs to leave out (relative to the root, gitignore syntax), on top of the ignore
    /// files: the config's `[scan] ignore`.
    pub ignore: Vec<String>,
    /// Only files of these languages enter the result (`None`: all): `[scan] languages`.
    pub languages: Option<Vec<crate::lang::Language>>,
}

impl ScanOptions {
    /// Options with the defaults for `root`: all cores, no cache, no progress.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ScanOptions {
            root: root.into(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            lines_only: false,
            threads: 0,
            cache_dir: None,
            progress: false,
            ignore: Vec::new(),
            languages: None,
        }
    }
}

/// Why a path was left out of the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// A NUL byte in the first 8 KiB.
    Binary,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Unreadable {
        error: String,
    },
    /// Listed by the walk but gone when read.
    Vanished,
    /// A symbolic link that leads back into its own ancestry.
    SymlinkLoop,
    /// Any other error the walk reported for this path.
    WalkError {
        error: String,
    },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Binary => write!(f, "binary file"),
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "too large ({bytes} bytes, limit {limit})")
            }
            SkipReason::Unreadable { error } => write!(f, "unreadable: {error}"),
            SkipReason::Vanished => write!(f, "vanished during the scan"),
            SkipReason::SymlinkLoop => write!(f, "symbolic link loop"),
            SkipReason::WalkError { error } => write!(f, "walk error: {error}"),
        }
    }
}

/// A path the scan left out, relative to the root with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// One scanned file: its path relative to the root (with `/` separators) and its facts.
#[derive(Debug, Clone)]
pub struct ScannedFile {
    pub path: String,
    pub facts: FileFacts,
}

/// Counters about how the scan went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScanStats {
    /// Files analysed from their content in this scan.
    pub analysed: u64,
    /// Files whose facts came from the cache.
    pub cached: u64,
    /// Bytes read from disk.
    pub bytes_read: u64,
}

/// Everything a scan found. Files and directories are sorted by path.
#[derive(Debug, Clone, Default)]
pub struct ScanResult {
    pub files: Vec<ScannedFile>,
    /// Every directory the walk entered, relative, `""` for the root, sorted.
    pub dirs: Vec<String>,
    pub skipped: Vec<Skipped>,
    pub stats: ScanStats,
}

/// Errors that stop a scan before it starts (the root itself is missing or unreadable).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Scans the tree described by `opts`. Fails only when the root itself is missing or cannot be
/// read; every problem below it is recorded in `skipped` and the scan goes on.
pub fn scan(opts: &ScanOptions) -> Result<ScanResult, ScanError> {
    let root = root::resolve(&opts.root)?;
    let now_ns = cache::time_ns(SystemTime::now()).unwrap_or(0);
    let root_key = cache::root_key(&root.path);
    let stamp = cache::Stamp::current(&root_key);
    let cache_file = opts
        .cache_dir
        .as_deref()
        .and_then(|dir| root::cache_file(dir, &root));
    let loaded = cache_file
        .as_deref()
        .and_then(|file| cache::load(file, &stamp));
    let threads = match opts.threads {
        0 => num_cpus::get().max(1),
        n => n,
    };
    let founds = progress::with_progress(opts.progress, |counters| {
        let ctx = read::Ctx {
            opts,
            cache: loaded.as_ref(),
            counters,
        };
        if root.is_dir {
            walk::walk(&root.path, threads, &ctx)
        } else {
            vec![root::scan_single_file(&ctx, &root.path)]
        }
    });
    let loaded_len = loaded.as_ref().map(cache::Loaded::len);
    let collected = collect::collect(founds, loaded_len, opts.lines_only, now_ns);
    if let Some(file) = cache_file.filter(|_| collected.changed) {
        // Best effort: an unwritable cache costs the next scan time, never this one its result.
        let _ = cache::save(&file, &stamp, &collected.entries(loaded.as_ref()));
    }
    let mut result = collected.result;
    if let Some(langs) = &opts.languages {
        // Files whose language only their content tells (a shebang) are filtered here; the
        // walk already left out those whose name tells.
        result.files.retain(|f| langs.contains(&f.facts.language));
    }
    Ok(result)
}

/// Measures one file under `opts.root` (`rel` relative to it, `/`-separated) with the scan's
/// rules (size limit, binary sniff, lossy UTF-8, `lines_only`), without walking or caching:
/// for callers that learn about single changed files, such as watch mode. Ignore rules are not
/// consulted here; the caller's path filter decides what to measure.
pub fn scan_file(opts: &ScanOptions, rel: &str) -> Result<ScannedFile, Skipped> {
    let path = opts.root.join(rel);
    let ctx = read::Ctx {
        opts,
        cache: None,
        counters: None,
    };
    let mut found = read::Found::default();
    match std::fs::symlink_metadata(&path) {
        Ok(md) if md.is_file() => {
            let entry = read::Entry {
                rel: rel.to_string(),
                path: &path,
                md: &md,
            };
            read::process(&ctx, &mut found, entry, &mut Vec::new())
        }
        Ok(_) => found.skip(
            &ctx,
            rel.to_string(),
            SkipReason::WalkError {
                error: "not a regular file".into(),
            },
        ),
        Err(e) => found.skip(&ctx, rel.to_string(), read::io_reason(&e)),
    }
    if let Some(skipped) = found.skipped.pop() {
        return Err(skipped);
    }
    match found.records.pop().map(|r| (r.path, r.outcome)) {
        Some((path, read::Outcome::Analysed(facts))) => Ok(ScannedFile { path, facts }),
        Some((path, _)) => Err(Skipped {
            path,
            reason: SkipReason::Binary,
        }),
        None => Err(Skipped {
            path: rel.to_string(),
            reason: SkipReason::Vanished,
        }),
    }
}
