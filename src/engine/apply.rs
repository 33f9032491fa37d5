//! Applying a batch's edits to the model, and saying what they did: files and directories
//! created or removed, files updated, and the band changes along the touched paths.

use std::collections::BTreeSet;

use super::changes;
use super::notice::{BandChange, Entry};
use super::sync::Edit;
use crate::bands::{assess, Policy};
use crate::model::facts::FileFacts;
use crate::model::{Model, ModelError, NodeBody, Tree};

/// What applying a batch did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Files whose facts changed and that existed before.
    pub updated: usize,
    pub created: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub bands: Vec<BandChange>,
    /// Directories that left the model (their watches go).
    pub removed_dirs: Vec<String>,
    /// True when the model changed at all.
    pub changed: bool,
    pub errors: Vec<String>,
}

/// Applies `edits` to `model`; `before` is the model as it was (a snapshot taken first).
/// Removals go first, then directories, then files.
pub fn apply(model: &mut Model, before: &Tree, edits: Vec<Edit>, policy: &dyn Policy) -> Applied {
    let mut out = Applied::default();
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let (mut removes, mut dirs, mut upserts) = (Vec::new(), Vec::new(), Vec::new());
    for e in edits {
        match e {
            Edit::Remove(p) => removes.push(p),
            Edit::Dir(p) => dirs.push(p),
            Edit::Upsert(p, f) => upserts.push((p, f)),
        }
    }
    removes.sort();
    for p in removes {
        if model.remove(&p) {
            touched.insert(p);
        }
    }
    for d in dirs {
        ensure_dir(model, d, &mut touched, &mut out.errors);
    }
    for (p, facts) in upserts {
        upsert(model, p, facts, &mut touched, &mut out.errors);
    }
    out.changed = !touched.is_empty();
    describe(&mut out, model, before, &touched, policy);
    out
}

/// Makes `d` a directory of the model (removing a file in its way) unless it already is one.
fn ensure_dir(
    model: &mut Model,
    d: String,
    touched: &mut BTreeSet<String>,
    errors: &mut Vec<String>,
) {
    if model
        .lookup(&d)
        .and_then(|id| model.node(id))
        .is_some_and(|n| n.dir().is_some())
    {
        return;
    }
    let made = model.ensure_dir(&d).or_else(|e| match e {
        ModelError::FileInTheWay(file) => {
            model.remove(&file);
            touched.insert(file);
            model.ensure_dir(&d)
        }
        e => Err(e),
    });
    match made {
        Ok(_) => {
            touched.insert(d);
        }
        Err(e) => errors.push(e.to_string()),
    }
}

/// Puts file `p` with `facts` in the model, removing a file or directory in its way.
fn upsert(
    model: &mut Model,
    p: String,
    facts: FileFacts,
    touched: &mut BTreeSet<String>,
    errors: &mut Vec<String>,
) {
    let done = match model.upsert_file(&p, facts.clone()) {
        Err(ModelError::DirInTheWay(_)) => {
            model.remove(&p);
            model.upsert_file(&p, facts)
        }
        Err(ModelError::FileInTheWay(file)) => {
            model.remove(&file);
            touched.insert(file);
            model.upsert_file(&p, facts)
        }
        other => other,
    };
    match done {
        Ok(_) => {
            touched.insert(p);
        }
        Err(e) => errors.push(e.to_string()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
}

fn kind(tree: &Tree, path: &str) -> Option<Kind> {
    match tree
        .lookup(path)
        .and_then(|id| tree.node(id))
        .map(|n| &n.body)
    {
        Some(NodeBody::Dir(_)) => Some(Kind::Dir),
        Some(NodeBody::File(_)) => Some(Kind::File),
        _ => None,
    }
}

/// Sorts the touched paths into created, removed and updated, and compares bands along them.
fn describe(
    out: &mut Applied,
    after: &Tree,
    before: &Tree,
    touched: &BTreeSet<String>,
    policy: &dyn Policy,
) {
    let mut updated_files = Vec::new();
    let mut others = Vec::new();
    let (mut created_dirs, mut removed_dirs): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for p in touched {
        let (b, a) = (kind(before, p), kind(after, p));
        if b == Some(Kind::File) && a == Some(Kind::File) {
            out.updated += 1;
            updated_files.push(p.clone());
            continue;
        }
        others.push(super::sync::parent(p).to_string());
        if b.is_some() && a != b {
            let dir = b == Some(Kind::Dir);
            if dir {
                out.removed_dirs.push(p.clone());
            }
            out.removed
                .extend(uncovered_entry(&mut removed_dirs, p, dir, before, policy));
        }
        if a.is_some() && a != b {
            let dir = a == Some(Kind::Dir);
            out.created
                .extend(uncovered_entry(&mut created_dirs, p, dir, after, policy));
        }
    }
    let (b, a) = (
        changes::along(before, &updated_files, &others, policy),
        changes::along(after, &updated_files, &others, policy),
    );
    out.bands = changes::compare(&b, &a);
}

/// The created or removed event of `p` in `tree`, unless it lies within one of `dirs` (whose
/// own event covers it); a directory `p` joins `dirs`.
fn uncovered_entry<'a>(
    dirs: &mut Vec<&'a str>,
    p: &'a str,
    dir: bool,
    tree: &Tree,
    policy: &dyn Policy,
) -> Option<Entry> {
    let covered = dirs.iter().any(|d| crate::watch::filter::within(p, d));
    if dir {
        dirs.push(p);
    }
    if covered {
        return None;
    }
    entry(tree, p, policy)
}

/// The created or removed event of the file or directory at `path`.
pub fn entry(tree: &Tree, path: &str, policy: &dyn Policy) -> Option<Entry> {
    let id = tree.lookup(path)?;
    let node = tree.node(id)?;
    let a = assess(tree, id, policy);
    let (band, driver) = a.map_or((crate::bands::Band::Ok, None), |a| (a.band, a.driver));
    let driver = driver.filter(|_| band > crate::bands::Band::Ok);
    let (kind, lines, files, components) = match &node.body {
        NodeBody::Dir(d) => ("directory", d.lines.total, Some(d.files), d.components),
        NodeBody::File(f) => ("file", f.lines.total, None, f.component_count() as u32),
        NodeBody::Component(_) => return None,
    };
    Some(Entry {
        path: path.to_string(),
        node: kind,
        lines,
        files,
        components,
        band,
        driver,
        why: Vec::new(),
    })
}
