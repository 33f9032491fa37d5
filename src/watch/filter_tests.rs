//! The filter must keep exactly what the scanner lists.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::*;
use crate::scan::{scan, ScanOptions};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// A tree with most kinds of rules: root and nested `.gitignore`, `.ignore`, negation,
/// directory-only patterns, hidden files and directories, an ignored build directory.
fn tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let r = tmp.path();
    write(r, ".gitignore", "/target\n*.log\n!keep.log\nbuild/\n");
    write(r, "src/main.rs", "fn main() {}\n");
    write(r, "src/debug.log", "x\n");
    write(r, "src/keep.log", "x\n");
    write(r, "src/.hidden.rs", "fn h() {}\n");
    write(r, "src/.swp/x.rs", "fn x() {}\n");
    write(r, "src/build/gen.rs", "fn g() {}\n");
    write(r, "src/build.rs", "fn b() {}\n");
    write(r, "target/debug/out.rs", "fn o() {}\n");
    write(r, "lib/.gitignore", "secret.py\n");
    write(r, "lib/secret.py", "x = 1\n");
    write(r, "lib/open.py", "x = 1\n");
    write(r, "lib/deep/secret.py", "x = 1\n");
    write(r, "docs/.ignore", "*.md\n");
    write(r, "docs/guide.md", "# guide\n");
    write(r, "docs/notes.txt", "notes\n");
    write(r, "vendor/dep/a.c", "int a;\n");
    write(r, "app.rs~", "fn main() {}\n");
    fs::create_dir_all(r.join("empty")).unwrap();
    tmp
}

/// Lists the tree with the filter alone: every accepted directory entered, like the walk.
fn filter_listing(filter: &mut PathFilter) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut files, mut dirs) = (BTreeSet::new(), BTreeSet::new());
    let mut stack = vec![String::new()];
    while let Some(dir) = stack.pop() {
        dirs.insert(dir.clone());
        for entry in fs::read_dir(filter.root().join(&dir)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            let ft = entry.file_type().unwrap();
            if ft.is_dir() && filter.accepts(&rel, true) {
                stack.push(rel);
            } else if ft.is_file() && filter.accepts(&rel, false) {
                files.insert(rel);
            }
        }
    }
    (files, dirs)
}

fn scan_listing(root: &Path, rules: &ScanRules) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut opts = ScanOptions::new(root);
    opts.ignore = rules.ignore.clone();
    opts.languages = rules.languages.clone();
    let result = scan(&opts).unwrap();
    let files = result.files.iter().map(|f| f.path.clone()).collect();
    let dirs = result.dirs.iter().cloned().collect();
    (files, dirs)
}

#[test]
fn the_filter_keeps_exactly_what_the_scanner_lists() {
    let tmp = tree();
    let root = fs::canonicalize(tmp.path()).unwrap();
    let mut filter = PathFilter::new(&root, ScanRules::default(), None).unwrap();
    let (files, dirs) = filter_listing(&mut filter);
    let (scan_files, scan_dirs) = scan_listing(&root, &ScanRules::default());
    assert_eq!(files, scan_files);
    assert_eq!(dirs, scan_dirs);
    let expected: BTreeSet<String> = [
        "app.rs~",
        "docs/notes.txt",
        "lib/open.py",
        "src/build.rs",
        "src/keep.log",
        "src/main.rs",
        "vendor/dep/a.c",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(files, expected);
}

#[test]
fn control_paths_are_told_apart_from_content() {
    let tmp = tree();
    let root = fs::canonicalize(tmp.path()).unwrap();
    let mut filter = PathFilter::new(&root, ScanRules::default(), None).unwrap();
    let mut verdict = |rel: &str| filter.classify(&root.join(rel)).0;
    assert_eq!(verdict("src/main.rs"), Verdict::Source);
    assert_eq!(verdict("src/new_file_not_yet_there.rs"), Verdict::Source);
    assert_eq!(verdict("src/debug.log"), Verdict::Ignored);
    assert_eq!(verdict("src/.main.rs.swp"), Verdict::Ignored);
    assert_eq!(verdict("target/debug/out.rs"), Verdict::Ignored);
    assert_eq!(verdict(".git/index"), Verdict::Ignored);
    assert_eq!(verdict(""), Verdict::Ignored);
    assert_eq!(
        verdict(".gitignore"),
        Verdict::Control(Control::IgnoreRules)
    );
    assert_eq!(
        verdict("lib/.gitignore"),
        Verdict::Control(Control::IgnoreRules)
    );
    assert_eq!(
        verdict("docs/.ignore"),
        Verdict::Control(Control::IgnoreRules)
    );
    // An ignore file inside an ignored directory changes nothing.
    assert_eq!(verdict("target/.gitignore"), Verdict::Ignored);
    assert_eq!(verdict(".seamline.toml"), Verdict::Control(Control::Config));
    assert_eq!(verdict("src/.seamline.toml"), Verdict::Ignored);
    assert_eq!(
        filter.classify(Path::new("/elsewhere/x.rs")).0,
        Verdict::Ignored
    );
}

#[test]
fn git_refs_are_control_paths() {
    let tmp = tree();
    let root = fs::canonicalize(tmp.path()).unwrap();
    let mut filter = PathFilter::new(&root, ScanRules::default(), None).unwrap();
    filter.set_git(Some(GitPaths {
        git_dir: root.join(".git"),
        common_dir: root.join(".git"),
    }));
    let mut verdict = |rel: &str| filter.classify(&root.join(rel)).0;
    assert_eq!(verdict(".git/HEAD"), Verdict::Control(Control::GitRef));
    assert_eq!(
        verdict(".git/refs/heads/feature/x"),
        Verdict::Control(Control::GitRef)
    );
    assert_eq!(
        verdict(".git/packed-refs"),
        Verdict::Control(Control::GitRef)
    );
    assert_eq!(
        verdict(".git/info/exclude"),
        Verdict::Control(Control::IgnoreRules)
    );
    assert_eq!(verdict(".git/index"), Verdict::Ignored);
    assert_eq!(verdict(".git/objects/ab/cdef"), Verdict::Ignored);
}

#[test]
fn config_rules_match_the_scanner_and_the_cache_dir_is_left_out() {
    let tmp = tree();
    write(tmp.path(), "top.py", "x = 1\n");
    write(tmp.path(), "src/lib.go", "package x\n");
    let root = fs::canonicalize(tmp.path()).unwrap();
    let rules = ScanRules {
        ignore: vec!["vendor/**".to_string(), "*.py".to_string()],
        languages: Some(vec![
            crate::lang::Language::Rust,
            crate::lang::Language::Python,
        ]),
    };
    let mut filter = PathFilter::new(&root, rules.clone(), None).unwrap();
    let (mut files, dirs) = filter_listing(&mut filter);
    // Files whose name does not tell their language are judged by content after analysis,
    // as the scanner does (the engine checks `keeps_language` on the facts).
    let opts = ScanOptions::new(&root);
    files.retain(|f| {
        let facts = crate::scan::scan_file(&opts, f).unwrap().facts;
        filter.keeps_language(facts.language)
    });
    let (scan_files, scan_dirs) = scan_listing(&root, &rules);
    assert_eq!(files, scan_files);
    assert_eq!(dirs, scan_dirs);
    // Overrides use gitignore syntax: `*.py` matches at any depth.
    assert!(!filter.accepts("top.py", false));
    assert!(!filter.accepts("lib/open.py", false));
    assert!(!filter.accepts("vendor/dep/a.c", false));
    assert!(!filter.accepts("src/lib.go", false));
    assert!(filter.accepts("src/main.rs", false));
    assert!(filter.keeps_language(crate::lang::Language::Rust));
    assert!(!filter.keeps_language(crate::lang::Language::Go));

    let mut filter =
        PathFilter::new(&root, ScanRules::default(), Some(&root.join("docs"))).unwrap();
    assert!(!filter.accepts("docs/notes.txt", false));
    assert!(!filter.accepts("docs", true));
    assert!(filter.in_cache_dir("docs/x"));
    assert!(!filter.in_cache_dir("src/main.rs"));
    assert!(filter
        .set_rules(ScanRules {
            ignore: vec!["src/**".into()],
            languages: None
        })
        .is_ok());
    assert!(!filter.accepts("src/main.rs", false));
    assert!(filter
        .set_rules(ScanRules {
            ignore: vec!["a[".into()],
            languages: None
        })
        .is_err());
    assert!(
        !filter.accepts("src/main.rs", false),
        "a bad glob keeps the old rules"
    );
}

#[test]
fn reload_sees_a_changed_ignore_file() {
    let tmp = tree();
    let root = fs::canonicalize(tmp.path()).unwrap();
    let mut filter = PathFilter::new(&root, ScanRules::default(), None).unwrap();
    assert!(filter.accepts("src/main.rs", false));
    write(&root, ".gitignore", "src/\n");
    // Cached until told.
    assert!(filter.accepts("src/main.rs", false));
    filter.reload();
    assert!(!filter.accepts("src/main.rs", false));
    assert!(!filter.accepts("src", true));
}

#[test]
fn within_respects_segment_boundaries() {
    assert!(within("a/b", "a"));
    assert!(within("a", "a"));
    assert!(within("x", ""));
    assert!(!within("ab", "a"));
    assert!(!within("a", "a/b"));
}
