//! The scan cache end to end: a warm scan reads nothing, changes are re-analysed, touched but
//! identical files are served by their hash, a corrupt or foreign cache is survived and rebuilt,
//! and the cache never lands inside the scanned tree.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use seamline::model::facts::FileFacts;
use seamline::scan::{scan, ScanOptions, ScanResult, SkipReason};

/// An hour ago: far outside the racy window, so metadata alone can vouch for these files.
fn old() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// Writes `bytes` at `rel` with an old modification time.
fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    set_mtime(&path, old());
}

struct Fixture {
    tree: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            tree: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        };
        put(f.root(), "src/lib.rs", b"pub fn one() -> u32 {\n    1\n}\n");
        put(f.root(), "src/util/mod.rs", b"// util\n\npub fn two() {}\n");
        put(f.root(), "README.md", b"# title\n\ntext\n");
        put(f.root(), "logo.png", b"\x89PNG\0\0");
        f
    }

    fn root(&self) -> &Path {
        self.tree.path()
    }

    fn opts(&self) -> ScanOptions {
        let mut opts = ScanOptions::new(self.root());
        opts.cache_dir = Some(self.cache.path().to_path_buf());
        opts.threads = 2;
        opts
    }

    fn scan(&self) -> ScanResult {
        scan(&self.opts()).unwrap()
    }

    fn cache_file(&self) -> PathBuf {
        let files: Vec<_> = fs::read_dir(self.cache.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "one cache file per root: {files:?}");
        files.into_iter().next().unwrap()
    }
}

fn lines(result: &ScanResult) -> Vec<(String, u32)> {
    result
        .files
        .iter()
        .map(|f| (f.path.clone(), f.facts.lines.total))
        .collect()
}

fn facts(result: &ScanResult) -> Vec<(&str, &FileFacts)> {
    result
        .files
        .iter()
        .map(|f| (f.path.as_str(), &f.facts))
        .collect()
}

#[test]
fn a_warm_scan_with_nothing_changed_reads_no_file() {
    let f = Fixture::new();
    let cold = f.scan();
    assert_eq!(cold.stats.analysed, 3);
    assert_eq!(cold.stats.cached, 0);
    assert!(cold.stats.bytes_read > 0);
    let warm = f.scan();
    assert_eq!(warm.stats.analysed, 0);
    assert_eq!(warm.stats.cached, 3);
    assert_eq!(warm.stats.bytes_read, 0, "the binary verdict is cached too");
    assert_eq!(facts(&warm), facts(&cold));
    // The component trees come back from the cache too.
    let lib = |r: &ScanResult| {
        r.files[1]
            .facts
            .components
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(lib(&cold), vec!["one"]);
    assert_eq!(lib(&warm), vec!["one"]);
    assert_eq!(warm.skipped, cold.skipped);
    assert_eq!(warm.dirs, cold.dirs);
    assert_eq!(
        lines(&warm),
        vec![
            ("README.md".to_string(), 3),
            ("src/lib.rs".to_string(), 3),
            ("src/util/mod.rs".to_string(), 3)
        ]
    );
}

#[test]
fn an_unchanged_scan_does_not_rewrite_the_cache() {
    let f = Fixture::new();
    f.scan();
    let file = f.cache_file();
    set_mtime(&file, old());
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    let warm = f.scan();
    assert_eq!(warm.stats.analysed, 0);
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), before);
    // A change does rewrite it.
    put(f.root(), "README.md", b"# title\n");
    f.scan();
    assert_ne!(fs::metadata(&file).unwrap().modified().unwrap(), before);
}

#[test]
fn a_changed_file_is_analysed_again_and_a_deleted_one_forgotten() {
    let f = Fixture::new();
    f.scan();
    put(
        f.root(),
        "src/lib.rs",
        b"pub fn one() -> u32 {\n    1\n}\n\npub fn three() {}\n",
    );
    fs::remove_file(f.root().join("README.md")).unwrap();
    let r = f.scan();
    assert_eq!(r.stats.analysed, 1);
    assert_eq!(r.stats.cached, 1);
    assert_eq!(
        lines(&r),
        vec![
            ("src/lib.rs".to_string(), 5),
            ("src/util/mod.rs".to_string(), 3)
        ]
    );
    let again = f.scan();
    assert_eq!((again.stats.analysed, again.stats.cached), (0, 2));
    assert_eq!(again.stats.bytes_read, 0);
}

#[cfg(unix)]
#[test]
fn same_size_same_mtime_new_content_is_caught_by_ctime() {
    let f = Fixture::new();
    f.scan();
    let path = f.root().join("README.md");
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, b"# TITLE\nmore\ntext\n").unwrap();
    set_mtime(&path, mtime);
    let r = f.scan();
    assert_eq!(r.stats.analysed, 1);
    assert_eq!(lines(&r).first(), Some(&("README.md".to_string(), 3)));
    assert_eq!(r.files[0].facts.bytes, 18);
}

#[test]
fn a_touched_but_identical_file_is_served_by_its_hash() {
    let f = Fixture::new();
    f.scan();
    let path = f.root().join("src/util/mod.rs");
    set_mtime(&path, old() + Duration::from_secs(60));
    let r = f.scan();
    assert_eq!(r.stats.analysed, 0);
    assert_eq!(r.stats.cached, 3);
    assert_eq!(r.stats.bytes_read, 25, "only the touched file is read");
    // Its new metadata is remembered: the next scan reads nothing.
    let again = f.scan();
    assert_eq!(again.stats.bytes_read, 0);
}

#[test]
fn a_file_modified_just_now_is_not_trusted_by_its_metadata() {
    let f = Fixture::new();
    let fresh = f.root().join("fresh.txt");
    fs::write(&fresh, b"new\n").unwrap();
    // For the racy rule a modification time ahead of the scan is as recent as "just now", and it
    // keeps the test independent of how long the machine takes between writing and scanning.
    set_mtime(&fresh, SystemTime::now() + Duration::from_secs(30));
    f.scan();
    let r = f.scan();
    // Within the racy window the content is hashed, but it still is not re-analysed.
    assert_eq!((r.stats.analysed, r.stats.cached), (0, 4));
    assert_eq!(r.stats.bytes_read, 4);
}

#[test]
fn a_corrupt_or_truncated_cache_is_survived_and_rebuilt() {
    let f = Fixture::new();
    let cold = f.scan();
    let file = f.cache_file();
    let good = fs::read(&file).unwrap();
    let damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        b"not a cache at all".to_vec(),
        good.iter().map(|b| b ^ 0x5a).collect(),
    ];
    for bad in damaged {
        fs::write(&file, &bad).unwrap();
        let r = f.scan();
        assert_eq!(r.stats.analysed, 3, "a damaged cache is not trusted");
        assert_eq!(lines(&r), lines(&cold));
        let rebuilt = f.scan();
        assert_eq!((rebuilt.stats.analysed, rebuilt.stats.cached), (0, 3));
    }
}

/// Rewrites the cache file with another crate version in its header, checksum fixed up, so that
/// only the version differs.
fn with_crate_version(file: &Path, version: &str) {
    let data = fs::read(file).unwrap();
    let ours = env!("CARGO_PKG_VERSION");
    assert_eq!(ours.len(), version.len());
    let at = data
        .windows(ours.len())
        .position(|w| w == ours.as_bytes())
        .unwrap();
    let mut data = data;
    data[at..at + ours.len()].copy_from_slice(version.as_bytes());
    let sum = xxhash_rust::xxh3::xxh3_64(&data[20..]);
    data[12..20].copy_from_slice(&sum.to_le_bytes());
    fs::write(file, data).unwrap();
}

#[test]
fn a_cache_from_another_version_is_ignored() {
    let f = Fixture::new();
    f.scan();
    let file = f.cache_file();
    // Same version through the rewrite: still trusted (the rewrite itself is sound).
    with_crate_version(&file, env!("CARGO_PKG_VERSION"));
    assert_eq!(f.scan().stats.analysed, 0);
    let other: String = env!("CARGO_PKG_VERSION")
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    with_crate_version(&file, &other);
    assert_eq!(f.scan().stats.analysed, 3);
    // And another format version.
    let mut data = fs::read(&file).unwrap();
    data[8] = data[8].wrapping_add(1);
    fs::write(&file, data).unwrap();
    assert_eq!(f.scan().stats.analysed, 3);
    assert_eq!(f.scan().stats.analysed, 0);
}

#[test]
fn lines_only_and_full_scans_share_the_cache_one_way() {
    let f = Fixture::new();
    let mut lines_only = f.opts();
    lines_only.lines_only = true;
    let first = scan(&lines_only).unwrap();
    assert_eq!(first.stats.analysed, 3);
    // Facts without components cannot serve a full scan.
    let full = f.scan();
    assert_eq!(full.stats.analysed, 3);
    // Full facts serve a lines-only scan, reported as a lines-only analysis would be.
    let again = scan(&lines_only).unwrap();
    assert_eq!((again.stats.analysed, again.stats.cached), (0, 3));
    assert_eq!(lines(&again), lines(&full));
    let mut uncached = lines_only.clone();
    uncached.cache_dir = None;
    let fresh = scan(&uncached).unwrap();
    assert_eq!(facts(&again), facts(&fresh));
    for file in &again.files {
        assert!(file.facts.lines_only && file.facts.components.is_empty());
    }
    // ...and the lines-only scan kept the full facts in the cache.
    assert_eq!(f.scan().stats.analysed, 0);
}

#[test]
fn a_cache_directory_inside_the_tree_is_never_written() {
    let f = Fixture::new();
    let mut opts = f.opts();
    opts.cache_dir = Some(f.root().join("cache-here"));
    let r = scan(&opts).unwrap();
    assert_eq!(r.stats.analysed, 3);
    assert!(!f.root().join("cache-here").exists());
    assert_eq!(scan(&opts).unwrap().stats.analysed, 3);
}

#[test]
fn no_cache_dir_means_no_cache() {
    let f = Fixture::new();
    let mut opts = f.opts();
    opts.cache_dir = None;
    scan(&opts).unwrap();
    assert_eq!(scan(&opts).unwrap().stats.analysed, 3);
    assert_eq!(fs::read_dir(f.cache.path()).unwrap().count(), 0);
}

#[test]
fn a_binary_file_that_becomes_text_is_analysed() {
    let f = Fixture::new();
    f.scan();
    put(f.root(), "logo.png", b"now text\n");
    let r = f.scan();
    assert_eq!(r.stats.analysed, 1);
    assert!(r.skipped.iter().all(|s| s.reason != SkipReason::Binary));
    assert!(r.files.iter().any(|x| x.path == "logo.png"));
}
