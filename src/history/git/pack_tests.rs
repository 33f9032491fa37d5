//! The pack reader against libgit2 on a repository packed with deep delta chains.

use std::process::Command;

use super::*;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_packed_blob_reads_as_libgit2_reads_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    git(dir, &["init", "-q"]);
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&format!("line {i} of a file that keeps growing\n"));
        if i % 7 == 0 {
            text = text.replace("keeps", "still keeps");
        }
        std::fs::write(dir.join("grow.txt"), &text).expect("write");
        std::fs::write(
            dir.join(format!("f{}.txt", i % 4)),
            format!("{i}\n").repeat(i + 1),
        )
        .expect("write");
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-qm", &format!("c{i}")]);
    }
    git(dir, &["repack", "-adfq", "--depth=50", "--window=250"]);
    let repo = git2::Repository::open(dir).expect("repo");
    let packs = Arc::new(Packs::open(&dir.join(".git/objects")));
    let mut reader = Reader::new(packs);
    let listing = git(dir, &["rev-list", "--objects", "--all"]);
    let mut blobs = 0;
    for line in listing.lines() {
        let Some(id) = line
            .split(' ')
            .next()
            .and_then(|h| git2::Oid::from_str(h).ok())
        else {
            continue;
        };
        let Ok(blob) = repo.find_blob(id) else {
            continue;
        };
        let bytes: [u8; 20] = id.as_bytes().try_into().expect("sha-1");
        let ours = reader.blob(&bytes).expect("blob in a pack");
        assert_eq!(&ours[..], blob.content(), "{id}");
        blobs += 1;
    }
    assert!(blobs >= 100, "{blobs}");
    // An id in no pack is left to libgit2.
    assert!(reader.blob(&[0x42; 20]).is_none());
}
