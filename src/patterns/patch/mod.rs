//! Patches that carry out an extract-module plan: for Rust (new module files, `mod`
//! declarations, `use` lines both ways, visibility raised where the cut needs it) and for
//! Python (new modules, imports both ways, placed so that the import cycle a split creates is
//! harmless). A patch is text only: nothing is ever written to the scanned tree. What cannot be
//! made to build is reported as a reason, and the plan is then marked unsafe.

pub mod diff;
pub mod python;
pub mod rust;
mod rust_edit;
#[cfg(test)]
mod tests;

/// Which piece every item goes to.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// Per item index: its piece.
    pub piece_of: Vec<usize>,
    /// Per piece: its module name (the original's stem for the piece that stays).
    pub names: Vec<String>,
    /// The piece that stays in the original file.
    pub stay: usize,
    /// Per piece: an inline module moved to a file of its own, under the same module path
    /// (Rust only). Such a piece is one item and needs no import or visibility change.
    pub detached: Vec<bool>,
}

impl Assignment {
    /// Item indices of piece `p`, in source order.
    pub fn items_of(&self, p: usize) -> Vec<usize> {
        self.piece_of
            .iter()
            .enumerate()
            .filter(|(_, &q)| q == p)
            .map(|(i, _)| i)
            .collect()
    }

    /// True when piece `p` is a detached inline module.
    pub fn is_detached(&self, p: usize) -> bool {
        self.detached.get(p).copied().unwrap_or(false)
    }

    /// The piece an item belongs to for visibility and imports: a detached inline module keeps
    /// its module path, so it counts as staying.
    pub fn logical(&self, item: usize) -> usize {
        let p = self.piece_of.get(item).copied().unwrap_or(self.stay);
        if self.is_detached(p) {
            self.stay
        } else {
            p
        }
    }

    /// The pieces that move, in order.
    pub fn moved(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.names.len()).filter(move |&p| p != self.stay)
    }
}

/// One file of a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    /// The current text (`None` for a new file).
    pub old: Option<String>,
    pub new: String,
    /// The edits on `old` (empty for a new file).
    pub edits: Vec<diff::Edit>,
}

/// A generated patch and anything that keeps it from being safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub changes: Vec<FileChange>,
    /// Why the patch would not build or would change behaviour (empty: believed safe).
    pub problems: Vec<String>,
}

impl Patch {
    /// The unified diff of every change, paths prefixed with `prefix` (`""` or `dir/`).
    pub fn diff(&self, prefix: &str) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let path = format!("{prefix}{}", c.path);
            match &c.old {
                Some(old) => out.push_str(&diff::modified(&path, old, &c.edits)),
                None => out.push_str(&diff::created(&path, &c.new)),
            }
        }
        out
    }

    /// The text a path will have afterwards.
    pub fn text_of(&self, path: &str) -> Option<&str> {
        self.changes
            .iter()
            .find(|c| c.path == path)
            .map(|c| c.new.as_str())
    }
}

/// The directory part of a `/`-separated path (`""` for a top-level file).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// The file name of a `/`-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map(|(_, f)| f).unwrap_or(path)
}

/// `dir/name`, or `name` when `dir` is empty.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}
