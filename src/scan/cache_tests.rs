use super::*;
use crate::lang::Language;
use crate::model::facts::{Component, ComponentKind, FnMetrics, LineCounts, ParseIssue};

fn facts(hash: u64) -> FileFacts {
    let mut f = Component::new(ComponentKind::Function, "main", "main", 1, 3);
    f.metrics = Some(FnMetrics {
        cyclomatic: 2,
        cognitive: 1,
        params: 0,
        nesting: 1,
        nesting_line: 2,
    });
    let mut imp = Component::new(ComponentKind::Impl, "S", "S", 5, 9);
    imp.methods = Some(1);
    imp.children
        .push(Component::new(ComponentKind::Method, "m", "S::m", 6, 8));
    FileFacts {
        language: Language::Rust,
        bytes: 120,
        hash,
        lines: LineCounts {
            total: 9,
            code: 7,
            comment: 1,
            blank: 1,
        },
        parse_error: Some(ParseIssue {
            line: 4,
            message: "expected `;`".into(),
        }),
        lines_only: false,
        lossy_utf8: true,
        components: vec![f, imp],
        suppressions: Vec::new(),
    }
}

fn meta(mtime: i64) -> Meta {
    Meta {
        size: 120,
        mtime_ns: Some(mtime),
        ctime_ns: mtime,
        inode: 42,
    }
}

fn sample(version: &str) -> (Vec<u8>, FileFacts) {
    let f = facts(0xfeed);
    let entries = [
        EntryRef {
            path: "src/main.rs",
            meta: meta(1_000),
            verified_ns: 5_000_000_000,
            verdict: VerdictRef::Facts {
                full: true,
                facts: &f,
            },
        },
        EntryRef {
            path: "logo.png",
            meta: meta(2_000),
            verified_ns: 6,
            verdict: VerdictRef::Binary,
        },
    ];
    let data = encode("/repo", version, &entries);
    (data.unwrap_or_default(), f)
}

#[test]
fn round_trip_keeps_every_field() {
    let (data, f) = sample("0.1.0");
    let map = decode(&data, "/repo", "0.1.0").unwrap_or_default();
    assert_eq!(map.len(), 2);
    assert_eq!(
        map.get("src/main.rs"),
        Some(&Cached {
            meta: meta(1_000),
            verified_ns: 5_000_000_000,
            verdict: Verdict::Facts {
                full: true,
                facts: f
            },
        })
    );
    assert_eq!(
        map.get("logo.png").map(|c| &c.verdict),
        Some(&Verdict::Binary)
    );
}

#[test]
fn foreign_version_or_root_is_ignored() {
    let (data, _) = sample("0.0.9");
    assert!(decode(&data, "/repo", "0.1.0").is_none());
    let (data, _) = sample("0.1.0");
    assert!(decode(&data, "/elsewhere", "0.1.0").is_none());
    let mut other_format = data.clone();
    other_format[8] = other_format[8].wrapping_add(1);
    assert!(decode(&other_format, "/repo", "0.1.0").is_none());
}

#[test]
fn every_truncation_and_bit_flip_is_rejected() {
    let (data, _) = sample("0.1.0");
    for len in 0..data.len() {
        assert!(
            decode(&data[..len], "/repo", "0.1.0").is_none(),
            "len {len}"
        );
    }
    for i in 0..data.len() {
        let mut bad = data.clone();
        bad[i] ^= 0x10;
        assert!(decode(&bad, "/repo", "0.1.0").is_none(), "byte {i}");
    }
}

#[test]
fn garbage_with_a_valid_header_does_not_panic_or_allocate_wildly() {
    // A body claiming a huge string length, with a checksum that matches it.
    let mut data = Vec::new();
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let body = [0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, b'x'];
    data.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    data.extend_from_slice(&body);
    assert!(decode(&data, "/repo", "0.1.0").is_none());
}

#[test]
fn metadata_is_trusted_only_outside_the_racy_window() {
    let at = |verified_ns| Cached {
        meta: meta(10_000_000_000),
        verified_ns,
        verdict: Verdict::Binary,
    };
    // Verified 3 s after the last modification: trusted.
    assert!(at(13_000_000_000).trusted(&meta(10_000_000_000)));
    // Verified 1 s after it: the file may have changed again within the same tick.
    assert!(!at(11_000_000_000).trusted(&meta(10_000_000_000)));
    // Any metadata difference: not trusted.
    let mut touched = meta(10_000_000_000);
    touched.ctime_ns += 1;
    assert!(!at(13_000_000_000).trusted(&touched));
    let mut unknown = meta(10_000_000_000);
    unknown.mtime_ns = None;
    let mut e = at(13_000_000_000);
    e.meta = unknown;
    assert!(!e.trusted(&unknown));
}

#[test]
fn full_facts_serve_both_modes_lines_only_facts_only_lines_only() {
    let entry = |full| Cached {
        meta: meta(0),
        verified_ns: 0,
        verdict: Verdict::Facts {
            full,
            facts: facts(1),
        },
    };
    assert!(entry(true).serves(false));
    assert!(entry(true).serves(true));
    assert!(!entry(false).serves(false));
    assert!(entry(false).serves(true));
}

#[test]
fn save_then_load_through_the_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_for(&dir.path().join("nested"), Path::new("/some/root"));
    let f = facts(7);
    let entries = [EntryRef {
        path: "a.rs",
        meta: meta(1),
        verified_ns: 9,
        verdict: VerdictRef::Facts {
            full: false,
            facts: &f,
        },
    }];
    save(&file, "/some/root", &entries).unwrap();
    let map = load(&file, "/some/root").unwrap();
    assert_eq!(map.get("a.rs").map(|c| c.verified_ns), Some(9));
    // Only the cache file is left behind: no temporary files.
    let names: Vec<_> = fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![file.file_name().unwrap().to_owned()]);
}
