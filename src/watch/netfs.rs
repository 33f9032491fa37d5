//! Network file systems, where native change notification cannot be trusted.
//!
//! inotify reports only changes made through the local kernel: on NFS, SMB, sshfs or 9p, an edit
//! made on the server or another client is never seen. When the watched root lies on such a
//! mount (found in `/proc/self/mountinfo`: the longest mount point that contains the root), the
//! watcher polls instead and says why.

use std::path::Path;

/// File system types whose changes may come from elsewhere than this kernel.
const NETWORK_TYPES: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "coda",
    "glusterfs",
    "lustre",
    "gpfs",
    "ncpfs",
    "davfs",
    "fuse.sshfs",
    "sshfs",
    "fuse.glusterfs",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.gcsfuse",
    "fuse.juicefs",
    "fuse.cephfs",
];

/// True for a file system type on which native notification misses remote changes.
pub fn is_network_type(fs_type: &str) -> bool {
    NETWORK_TYPES.contains(&fs_type)
}

/// The mount point and type of the network file system `path` (absolute, canonical) lies on,
/// or `None` when it is local or the mount table cannot be read.
pub fn network_mount(path: &Path) -> Option<(String, String)> {
    let table = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let (mount, fs_type) = mount_of(&table, path)?;
    is_network_type(&fs_type).then_some((mount, fs_type))
}

/// The mount point and file system type of the mount that contains `path` in a
/// `/proc/self/mountinfo` table: the longest mount point that is a prefix of it (the last one
/// listed wins a tie, as the kernel stacks later mounts on top).
pub fn mount_of(table: &str, path: &Path) -> Option<(String, String)> {
    let mut best: Option<(usize, String, String)> = None;
    for line in table.lines() {
        let Some((mount, fs_type)) = parse_line(line) else {
            continue;
        };
        if !Path::new(&mount).is_absolute() || !path.starts_with(&mount) {
            continue;
        }
        let len = Path::new(&mount).components().count();
        if best.as_ref().is_none_or(|(l, _, _)| len >= *l) {
            best = Some((len, mount, fs_type));
        }
    }
    best.map(|(_, m, t)| (m, t))
}

/// One mountinfo line: `id parent major:minor root mount_point options [optional...] - type
/// source super_options`. Returns the (unescaped) mount point and the type.
fn parse_line(line: &str) -> Option<(String, String)> {
    let mut fields = line.split(' ');
    let mount = fields.nth(4)?;
    let fs_type = fields.skip_while(|f| *f != "-").nth(1)?;
    Some((unescape(mount), fs_type.to_string()))
}

/// Undoes the kernel's octal escapes (`\040` for a space, `\011`, `\012`, `\134`).
fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| b == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match octal {
            Some(d) => {
                let v = d.iter().fold(0u32, |acc, c| acc * 8 + u32::from(c - b'0'));
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i += 4;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
40 27 0:45 / /home rw,relatime shared:20 - nfs4 server:/export/home rw,vers=4.2
41 40 0:46 / /home/me/local\\040disk rw,relatime - ext4 /dev/vdb rw
42 27 0:47 / /mnt/box rw,nosuid - fuse.sshfs me@box:/srv rw,user_id=0
43 27 0:48 / /mnt/win rw - cifs //nas/share rw
";

    #[test]
    fn the_longest_containing_mount_wins() {
        let m = |p: &str| mount_of(TABLE, Path::new(p));
        assert_eq!(m("/work/main"), Some(("/".into(), "ext4".into())));
        assert_eq!(m("/home/me/src"), Some(("/home".into(), "nfs4".into())));
        assert_eq!(
            m("/home/me/local disk/repo"),
            Some(("/home/me/local disk".into(), "ext4".into()))
        );
        assert_eq!(
            m("/mnt/box/x"),
            Some(("/mnt/box".into(), "fuse.sshfs".into()))
        );
        // A prefix of the string is not a prefix of the path.
        assert_eq!(m("/homework"), Some(("/".into(), "ext4".into())));
    }

    #[test]
    fn network_types_are_recognised() {
        for t in ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"] {
            assert!(is_network_type(t), "{t}");
        }
        for t in ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "fuse"] {
            assert!(!is_network_type(t), "{t}");
        }
    }

    #[test]
    fn garbage_lines_are_skipped() {
        let table = "garbage\n\n1 2 3\n27 1 254:0 / / rw - ext4 /dev/vda rw\n";
        assert_eq!(
            mount_of(table, Path::new("/x")),
            Some(("/".into(), "ext4".into()))
        );
        assert_eq!(unescape("a\\040b\\134c\\9"), "a b\\c\\9");
    }
}
