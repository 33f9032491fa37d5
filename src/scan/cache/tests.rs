use super::*;
use crate::bands::suppress::Suppression;
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
        suppressions: vec![Suppression {
            line: 1,
            metrics: vec!["file_lines".into()],
            reason: Some("generated".into()),
            item_lines: (2, 2),
        }],
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

const STAMP: Stamp<'static> = Stamp {
    crate_version: "0.1.0",
    build: 7,
    root: "/repo",
};

fn bytes(stamp: &Stamp<'_>, entries: &[EntryOut<'_>]) -> Vec<u8> {
    let (mut a, b, c) = encode(stamp, entries).unwrap();
    a.extend_from_slice(&b);
    a.extend_from_slice(&c);
    a
}

fn sample(stamp: &Stamp<'_>) -> (Vec<u8>, FileFacts) {
    let f = facts(0xfeed);
    let entries = [
        EntryOut {
            path: "src/main.rs",
            meta: meta(1_000),
            verified_ns: 5_000_000_000,
            body: Body::Fresh {
                full: true,
                facts: &f,
            },
        },
        EntryOut {
            path: "logo.png",
            meta: meta(2_000),
            verified_ns: 6,
            body: Body::Binary,
        },
    ];
    (bytes(stamp, &entries), f)
}

#[test]
fn round_trip_keeps_every_field() {
    let (data, f) = sample(&STAMP);
    let loaded = decode(data, &STAMP).unwrap();
    assert_eq!(loaded.len(), 2);
    let main = *loaded.get("src/main.rs").unwrap();
    assert_eq!(main.meta, meta(1_000));
    assert_eq!(main.verified_ns, 5_000_000_000);
    let Verdict::Facts(s) = main.verdict else {
        panic!("facts expected")
    };
    assert_eq!((s.full, s.hash, s.bytes, s.lines), (true, 0xfeed, 120, 9));
    assert_eq!(loaded.facts(&s, false), Some(f.clone()));
    assert_eq!(
        loaded.get("logo.png").map(|c| c.verdict),
        Some(Verdict::Binary)
    );
}

#[test]
fn a_lines_only_read_skips_the_components_and_keeps_the_rest() {
    let (data, f) = sample(&STAMP);
    let loaded = decode(data, &STAMP).unwrap();
    let Some(Verdict::Facts(s)) = loaded.get("src/main.rs").map(|c| c.verdict) else {
        panic!("facts expected")
    };
    let view = loaded.facts(&s, true).unwrap();
    assert_eq!(
        view,
        FileFacts {
            components: Vec::new(),
            parse_error: None,
            lines_only: true,
            ..f
        }
    );
}

#[test]
fn raw_blobs_are_copied_back_unchanged() {
    let (data, f) = sample(&STAMP);
    let loaded = decode(data, &STAMP).unwrap();
    let main = *loaded.get("src/main.rs").unwrap();
    let Verdict::Facts(summary) = main.verdict else {
        panic!("facts expected")
    };
    let other = facts(1);
    let entries = [
        EntryOut {
            path: "a.rs",
            meta: meta(3),
            verified_ns: 4,
            body: Body::Fresh {
                full: false,
                facts: &other,
            },
        },
        EntryOut {
            path: "src/main.rs",
            meta: main.meta,
            verified_ns: main.verified_ns,
            body: Body::Raw {
                summary,
                blob: loaded.blob(&summary).unwrap(),
            },
        },
    ];
    let again = decode(bytes(&STAMP, &entries), &STAMP).unwrap();
    let Some(Verdict::Facts(moved)) = again.get("src/main.rs").map(|c| c.verdict) else {
        panic!("facts expected")
    };
    assert_ne!(moved.offset, summary.offset, "the blob moved behind a.rs");
    assert_eq!(again.facts(&moved, false), Some(f));
    let Some(Verdict::Facts(a)) = again.get("a.rs").map(|c| c.verdict) else {
        panic!("facts expected")
    };
    assert!(!a.full);
    assert_eq!(again.facts(&a, false), Some(other));
}

#[test]
fn another_version_build_root_or_format_is_ignored() {
    let (data, _) = sample(&STAMP);
    for stamp in [
        Stamp {
            crate_version: "0.0.9",
            ..STAMP
        },
        Stamp { build: 8, ..STAMP },
        Stamp {
            root: "/elsewhere",
            ..STAMP
        },
    ] {
        assert!(decode(data.clone(), &stamp).is_none(), "{stamp:?}");
    }
    let mut other_format = data.clone();
    other_format[8] = other_format[8].wrapping_add(1);
    assert!(decode(other_format, &STAMP).is_none());
    assert!(decode(data, &STAMP).is_some());
}

#[test]
fn every_truncation_and_bit_flip_is_rejected() {
    let (data, _) = sample(&STAMP);
    for len in 0..data.len() {
        assert!(decode(data[..len].to_vec(), &STAMP).is_none(), "len {len}");
    }
    for i in 0..data.len() {
        let mut bad = data.clone();
        bad[i] ^= 0x10;
        assert!(decode(bad, &STAMP).is_none(), "byte {i}");
    }
}

#[test]
fn garbage_behind_a_valid_checksum_does_not_panic_or_allocate_wildly() {
    // An index claiming a huge string length, with a checksum that matches it.
    let index = [0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, b'x'];
    let index_len = (index.len() as u64).to_le_bytes();
    let mut sum = Xxh3::new();
    sum.update(&index_len);
    sum.update(&index);
    let mut data = Vec::new();
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    data.extend_from_slice(&sum.digest().to_le_bytes());
    data.extend_from_slice(&index_len);
    data.extend_from_slice(&index);
    assert!(decode(data, &STAMP).is_none());
    // A blob range pointing past the end, or a blob of garbage, decodes to nothing.
    let (data, _) = sample(&STAMP);
    let loaded = decode(data, &STAMP).unwrap();
    let s = Summary {
        full: true,
        hash: 0,
        bytes: 0,
        lines: 0,
        offset: u64::MAX - 1,
        len: 5,
    };
    assert!(loaded.blob(&s).is_none());
    assert!(blob::decode(
        &[0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
        false
    )
    .is_none());
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
        verdict: Verdict::Facts(Summary {
            full,
            hash: 0,
            bytes: 0,
            lines: 0,
            offset: 0,
            len: 0,
        }),
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
    let stamp = Stamp::current("/some/root");
    let f = facts(7);
    let entries = [EntryOut {
        path: "a.rs",
        meta: meta(1),
        verified_ns: 9,
        body: Body::Fresh {
            full: true,
            facts: &f,
        },
    }];
    save(&file, &stamp, &entries).unwrap();
    let loaded = load(&file, &stamp).unwrap();
    assert_eq!(loaded.get("a.rs").map(|c| c.verified_ns), Some(9));
    // Only the cache file is left behind: no temporary files.
    let names: Vec<_> = fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![file.file_name().unwrap().to_owned()]);
}
