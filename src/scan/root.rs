//! The scan root: checked before anything else (a missing or unreadable root is the one error
//! that stops a scan), canonicalised (the cache key, and the walk's base path), and kept apart
//! from the cache directory so that seamline never writes into the tree it scans.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::cache;
use super::read::{self, Ctx, Found};
use super::ScanError;

/// A checked root.
pub struct Root {
    /// Canonical path (symbolic links resolved).
    pub path: PathBuf,
    pub is_dir: bool,
}

/// Checks that `root` exists and can be read: listed if a directory, opened if a file.
pub fn resolve(root: &Path) -> Result<Root, ScanError> {
    let fail = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => ScanError::NotFound {
            path: root.to_path_buf(),
        },
        _ => ScanError::Unreadable {
            path: root.to_path_buf(),
            source: e,
        },
    };
    let md = fs::metadata(root).map_err(fail)?;
    let path = fs::canonicalize(root).map_err(fail)?;
    if md.is_dir() {
        fs::read_dir(&path).map_err(fail)?;
    } else if md.is_file() {
        fs::File::open(&path).map_err(fail)?;
    } else {
        return Err(fail(io::Error::other("not a regular file or directory")));
    }
    Ok(Root {
        path,
        is_dir: md.is_dir(),
    })
}

/// The cache file for `root` in `cache_dir`, or `None` when `cache_dir` lies inside the scanned
/// tree (writing there would change what is scanned).
pub fn cache_file(cache_dir: &Path, root: &Root) -> Option<PathBuf> {
    if root.is_dir && resolved(cache_dir).starts_with(&root.path) {
        return None;
    }
    Some(cache::file_for(cache_dir, &root.path))
}

/// `dir` made absolute with its longest existing ancestor canonicalised (it may not exist yet).
fn resolved(dir: &Path) -> PathBuf {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(mut real) = fs::canonicalize(existing) {
            real.extend(rest.iter().rev());
            return real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Scans a root that is a single file: listed by its name, under the root directory `""`.
pub fn scan_single_file(ctx: &Ctx<'_>, path: &Path) -> Found {
    let mut found = Found::default();
    found.dirs.push(String::new());
    let rel = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match fs::metadata(path) {
        Ok(md) => {
            let entry = read::Entry { rel, path, md: &md };
            read::process(ctx, &mut found, entry, &mut Vec::new())
        }
        Err(e) => found.skip(ctx, rel, read::io_reason(&e)),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_inside_the_tree_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = resolve(dir.path()).unwrap();
        assert!(cache_file(&dir.path().join("not/yet/there"), &root).is_none());
        assert!(cache_file(dir.path(), &root).is_none());
        let outside = tempfile::tempdir().unwrap();
        let file = cache_file(&outside.path().join("c"), &root).unwrap();
        assert!(file.starts_with(outside.path().join("c")));
    }

    #[test]
    fn missing_root_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = resolve(&dir.path().join("nope")).err();
        assert!(matches!(err, Some(ScanError::NotFound { .. })));
    }
}
