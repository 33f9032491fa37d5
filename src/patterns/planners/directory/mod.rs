//! Directory planners: subdirectory organisation (`split_directory`), consolidate duplicates
//! (`consolidate_duplicates`) and parallel files with the same role (`parallel_files`). They
//! read one directory's direct files (texts from the request's sources) and the optional
//! history, and are pure functions of those.

mod clones;
mod group;
mod imports;
mod parallel;
#[cfg(test)]
mod tests;
mod tokens;

use crate::bands::{BandLevels, Limits};
use crate::model::{NodeBody, NodeId};
use crate::patterns::library::{AppliesTo, Pattern, PlannerKind};
use crate::patterns::rank;
use crate::patterns::suggest::{triggered, Request};
use crate::patterns::types::{Plan, Suggestions};

/// One direct file of the directory.
pub struct DirFile {
    /// The file name (`geometry_01.py`).
    pub name: String,
    /// Relative to the scanned root.
    pub path: String,
    pub src: String,
    /// What the scan measured (absent for a file it only counted lines of).
    pub facts: Option<std::sync::Arc<crate::model::facts::FileFacts>>,
}

/// The directory as its planners see it.
pub struct DirTarget<'a> {
    /// Relative to the scanned root (`""` for the root).
    pub path: String,
    pub files: Vec<DirFile>,
    /// Names of the direct subdirectories.
    pub subdirs: Vec<String>,
    pub limits: Limits,
    pub levels: BandLevels,
    /// File coupling from the history (path, path, degree).
    pub coupling: &'a [(String, String, f64)],
}

impl DirTarget<'_> {
    /// Direct entries (files and subdirectories).
    pub fn entries(&self) -> u32 {
        u32::try_from(self.files.len() + self.subdirs.len()).unwrap_or(u32::MAX)
    }

    /// The directory's own name (`.` for the root).
    pub fn name(&self) -> String {
        match self.path.rsplit('/').next() {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => ".".to_string(),
        }
    }

    /// `name` joined to the directory's path.
    pub fn join(&self, name: &str) -> String {
        if self.path.is_empty() || self.path == "." {
            name.to_string()
        } else {
            format!("{}/{}", self.path, name)
        }
    }
}

/// Plans of every directory pattern that applies to `dir`.
pub fn plans(req: &Request<'_>, dir: NodeId, out: &mut Suggestions) {
    let patterns: Vec<&Pattern> = req
        .library
        .patterns
        .iter()
        .filter(|p| p.enabled && p.applies_to == AppliesTo::Directory)
        .collect();
    if patterns.is_empty() {
        return;
    }
    let target = load(req, dir);
    let hotspot = hotspot(req, &target);
    for p in patterns {
        if !p.trigger.admits(&target.path, None) || !triggered(req, p, dir) {
            continue;
        }
        for mut plan in run(&target, p) {
            rank::score(&mut plan, hotspot);
            out.plans.push(plan);
        }
    }
}

/// The planner of one pattern on the directory.
pub fn run(target: &DirTarget<'_>, p: &Pattern) -> Vec<Plan> {
    match p.planner {
        PlannerKind::SplitDirectory => group::plan(target, p).into_iter().collect(),
        PlannerKind::ConsolidateDuplicates => clones::plan(target, p).into_iter().collect(),
        PlannerKind::ParallelFiles => parallel::plans(target, p),
        _ => Vec::new(),
    }
}

/// The directory's direct files with their texts, and its subdirectories.
fn load<'a>(req: &Request<'a>, dir: NodeId) -> DirTarget<'a> {
    let path = req.tree.path_of(dir);
    let mut files = Vec::new();
    let mut subdirs = Vec::new();
    let children = req
        .tree
        .node(dir)
        .map(|n| n.children.clone())
        .unwrap_or_default();
    for id in children {
        let Some(n) = req.tree.node(id) else { continue };
        match &n.body {
            NodeBody::Dir(_) => subdirs.push(n.name.clone()),
            NodeBody::File(facts) => {
                let p = req.tree.path_of(id);
                let src = req
                    .sources
                    .text(&p)
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                files.push(DirFile {
                    name: n.name.clone(),
                    path: p,
                    src,
                    facts: (!facts.lines_only).then(|| facts.clone()),
                });
            }
            NodeBody::Component(_) => {}
        }
    }
    DirTarget {
        limits: req.policy.limits(&path),
        levels: req.policy.levels(),
        coupling: req.history.map(|h| h.coupling.as_slice()).unwrap_or(&[]),
        path,
        files,
        subdirs,
    }
}

/// The hottest file's hotspot score (0 without history).
fn hotspot(req: &Request<'_>, t: &DirTarget<'_>) -> f64 {
    let Some(h) = req.history else { return 0.0 };
    t.files
        .iter()
        .map(|f| h.hotspot(&f.path))
        .fold(0.0, f64::max)
}

/// The stem of a file name: the name without its extension.
pub fn file_stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(0) | None => name,
        Some(i) => &name[..i],
    }
}
