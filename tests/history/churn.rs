//! Churn, renames, merges, authors and couplings on small repositories with known histories.

use crate::util;

use util::*;

/// a.rs: created with 10 lines, then +3/-1, then deleted lines 1-4; b.txt added with 2 lines
/// and a binary file with a NUL byte.
fn churn_repo() -> Repo {
    let repo = Repo::new();
    repo.write_lines("src/a.rs", "fn a", 10);
    repo.commit("create a", T0);
    // Replace line 5, append 2 lines: +3 -1.
    let mut text: String = (1..=10)
        .map(|i| {
            if i == 5 {
                "changed 5\n".to_string()
            } else {
                format!("fn a {i}\n")
            }
        })
        .collect();
    text.push_str("extra 1\nextra 2\n");
    repo.write("src/a.rs", &text);
    repo.write("b.txt", "one\ntwo");
    repo.write("logo.bin", "PNG\0\x01\x02");
    repo.commit("edit a, add b", T0 + DAY);
    let text: String = text.lines().skip(4).map(|l| format!("{l}\n")).collect();
    repo.write("src/a.rs", &text);
    repo.commit("drop four lines", T0 + 2 * DAY);
    repo
}

#[test]
fn churn_counts_match_hand_and_git() {
    let repo = churn_repo();
    let r = analyze(repo.path(), &options(false));
    let a = file(&r, "src/a.rs");
    assert_eq!((a.commits, a.added, a.removed), (3, 13, 5));
    assert_eq!(a.lines, Some(8), "10 + 3 - 1 - 4");
    let b = file(&r, "b.txt");
    assert_eq!(
        (b.commits, b.added, b.removed),
        (1, 2, 0),
        "a last line without newline counts"
    );
    let bin = file(&r, "logo.bin");
    assert_eq!(
        (bin.commits, bin.added, bin.removed, bin.binary),
        (1, 0, 0, true)
    );
    assert_eq!((r.commits, r.merges), (3, 0));
    assert_eq!(r.coverage.to_string(), "history: 3 of 3 commits");
    assert_eq!(a.first_change, T0);
    assert_eq!(a.last_change, T0 + 2 * DAY);
    assert_eq!(report_numstat(&r), git_numstat(repo.path()));
}

#[test]
fn renames_are_followed_unless_turned_off() {
    let repo = Repo::new();
    repo.write_lines("old/name.rs", "line", 20);
    repo.commit("create", T0);
    repo.write_lines("old/name.rs", "line", 24);
    repo.commit("grow", T0 + DAY);
    std::fs::create_dir_all(repo.path().join("new")).expect("mkdir");
    repo.git(&["mv", "old/name.rs", "new/name.rs"]);
    repo.write_lines("new/name.rs", "line", 25);
    repo.commit("move and grow", T0 + 2 * DAY);
    repo.write_lines("new/name.rs", "line", 26);
    repo.commit("grow again", T0 + 3 * DAY);

    let followed = analyze(repo.path(), &options(true));
    assert_eq!(paths(&followed), vec!["new/name.rs"]);
    let f = file(&followed, "new/name.rs");
    assert_eq!((f.commits, f.added, f.removed), (4, 26, 0));
    assert_eq!(f.renamed_from, vec!["old/name.rs".to_string()]);
    assert_eq!(f.first_change, T0);

    let plain = analyze(repo.path(), &options(false));
    assert_eq!(paths(&plain), vec!["new/name.rs", "old/name.rs"]);
    let new = file(&plain, "new/name.rs");
    assert_eq!((new.commits, new.added, new.removed), (2, 26, 0));
    let old = file(&plain, "old/name.rs");
    assert_eq!(
        (old.commits, old.added, old.removed, old.exists),
        (3, 24, 24, false)
    );
    assert_eq!(report_numstat(&plain), git_numstat(repo.path()));
}

#[test]
fn a_rename_made_on_two_branches_lists_the_former_name_once() {
    let repo = Repo::new();
    repo.write_lines("x.rs", "line", 12);
    repo.commit("create x", T0);
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.git(&["mv", "x.rs", "y.rs"]);
    repo.commit("feature: x to y", T0 + DAY);
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["mv", "x.rs", "y.rs"]);
    repo.commit("main: x to y", T0 + 2 * DAY);
    repo.git_at(
        &["merge", "-q", "--no-ff", "-m", "merge feature", "feature"],
        T0 + 3 * DAY,
    );

    let r = analyze(repo.path(), &options(true));
    assert_eq!(paths(&r), vec!["y.rs"]);
    let y = file(&r, "y.rs");
    assert_eq!(y.commits, 3);
    assert_eq!(y.renamed_from, vec!["x.rs".to_string()]);
}

#[test]
fn merges_add_no_churn_of_their_own() {
    let repo = Repo::new();
    repo.write_lines("a.rs", "a", 5);
    repo.write_lines("b.rs", "b", 5);
    repo.commit("base", T0);
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write_lines("a.rs", "a", 7);
    repo.commit("feature: +2 in a", T0 + DAY);
    repo.git(&["checkout", "-q", "main"]);
    repo.write_lines("b.rs", "b", 6);
    repo.commit("main: +1 in b", T0 + 2 * DAY);
    repo.git_at(
        &["merge", "-q", "--no-ff", "-m", "merge feature", "feature"],
        T0 + 3 * DAY,
    );

    let r = analyze(repo.path(), &options(false));
    assert_eq!((r.commits, r.merges), (3, 1));
    assert_eq!(r.coverage.total, 4);
    let a = file(&r, "a.rs");
    assert_eq!(
        (a.commits, a.added, a.removed),
        (2, 7, 0),
        "base + feature, not the merge"
    );
    let b = file(&r, "b.rs");
    assert_eq!((b.commits, b.added, b.removed), (2, 6, 0));
    assert_eq!(report_numstat(&r), git_numstat(repo.path()));
}

#[test]
fn mailmap_merges_an_authors_identities() {
    let repo = Repo::new();
    repo.write(
        ".mailmap",
        "Ann Smith <ann@new.example> <ann@old.example>\n",
    );
    repo.write_lines("x.rs", "x", 3);
    repo.commit_as("one", T0, ("ann", "ann@old.example"));
    repo.write_lines("x.rs", "x", 4);
    repo.commit_as("two", T0 + DAY, ("Ann Smith", "ann@new.example"));
    repo.write_lines("x.rs", "x", 5);
    repo.commit_as("three", T0 + 2 * DAY, ("Bob", "bob@example.com"));

    let r = analyze(repo.path(), &options(true));
    assert_eq!(r.authors, 2);
    let x = file(&r, "x.rs");
    assert_eq!(x.authors, 2);
    let main = x.main_author.as_ref().expect("main author");
    assert_eq!((main.name.as_str(), main.commits), ("Ann Smith", 2));
    assert!((main.share - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn coupling_follows_code_maat() {
    let repo = Repo::new();
    let mut t = T0;
    let mut touch = |files: &[&str], msg: &str| {
        for f in files {
            let path = repo.path().join(f);
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            text.push_str(&format!("{msg}\n"));
            repo.write(f, &text);
        }
        t += 3600;
        repo.commit(msg, t);
    };
    for i in 0..6 {
        touch(&["a.rs", "b.rs"], &format!("ab{i}"));
    }
    touch(&["a.rs"], "a alone");
    touch(&["b.rs"], "b alone 1");
    touch(&["b.rs"], "b alone 2");
    for i in 0..5 {
        touch(&["c.rs", "d.rs"], &format!("cd{i}"));
    }
    touch(&["c.rs"], "c alone");
    // A mass edit of 31 files, a and b among them: ignored (over 30 files).
    let many: Vec<String> = (0..29).map(|i| format!("gen/f{i}.rs")).collect();
    let mut big: Vec<&str> = many.iter().map(String::as_str).collect();
    big.extend(["a.rs", "b.rs"]);
    touch(&big, "mass edit");

    let r = analyze(repo.path(), &options(true));
    let pairs: Vec<(&str, &str, u32, u32, u32, u32)> = r
        .couplings
        .iter()
        .map(|c| {
            (
                c.a.as_str(),
                c.b.as_str(),
                c.degree,
                c.shared,
                c.revs_a,
                c.revs_b,
            )
        })
        .collect();
    // c–d: 5 shared ÷ ((6 + 5) ÷ 2) = 90.9 %; a–b: 6 ÷ ((7 + 8) ÷ 2) = 80 %.
    assert_eq!(
        pairs,
        vec![("c.rs", "d.rs", 90, 5, 6, 5), ("a.rs", "b.rs", 80, 6, 7, 8)]
    );
    // Raising the changeset limit lets the mass edit count: 7 ÷ ((8 + 9) ÷ 2) = 82 %.
    let mut opts = options(true);
    opts.settings.coupling_max_changeset = 40;
    let r = analyze(repo.path(), &opts);
    let ab = r.couplings.iter().find(|c| c.a == "a.rs").expect("a–b");
    assert_eq!((ab.degree, ab.shared, ab.revs_a, ab.revs_b), (82, 7, 8, 9));
}

#[test]
fn packed_and_borrowed_objects_read_the_same() {
    // Delta chains in a pack (read by seamline's own pack reader) and objects borrowed from
    // another repository (alternates) must give git's numbers.
    let repo = Repo::new();
    for i in 0..40 {
        let n = 50 + (i * 7) % 23;
        repo.write_lines("src/big.rs", &format!("v{}", i % 3), n);
        repo.write_lines(&format!("src/m{}.rs", i % 5), "x", 10 + i);
        repo.commit(&format!("c{i}"), T0 + i as i64 * DAY);
    }
    repo.git(&["repack", "-adfq", "--depth=20", "--window=50"]);
    let loose = repo.path().join(".git/objects/pack");
    assert!(
        std::fs::read_dir(&loose).expect("packs").count() >= 2,
        "packed"
    );
    let r = analyze(repo.path(), &options(false));
    assert_eq!(report_numstat(&r), git_numstat(repo.path()));

    let tmp = tempfile::tempdir().expect("tmp");
    let clone = tmp.path().join("shared");
    git_in(
        tmp.path(),
        &[
            "clone",
            "-q",
            "--shared",
            &repo.path().display().to_string(),
            "shared",
        ],
        None,
        ("Test", "test@example.com"),
    );
    assert!(clone.join(".git/objects/info/alternates").exists());
    let r = analyze(&clone, &options(false));
    assert_eq!(report_numstat(&r), git_numstat(&clone));
    assert_eq!(r.coverage.walked, 40);
}
