//! `ViewData`: one published snapshot with everything the panes read per node, computed once on
//! a worker thread (never in the event loop): each node's band and driving metric, the worst
//! band below it, lines, complexity, churn, hotspot and time to breach, nodes per band, the
//! session delta, and the finder's candidates. The snapshot and its index always travel
//! together, so node ids never meet a tree they do not belong to.

use std::sync::Arc;

use super::finder::Candidate;
use super::history::HistoryView;
use crate::bands::{assess, Band, Measure};
use crate::config::Config;
use crate::engine::Delta;
use crate::model::{NodeBody, NodeId, Snapshot, Tree};

/// What a row shows about one node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Info {
    pub live: bool,
    /// The node's own band.
    pub band: Band,
    /// The worst band of the node and everything below it.
    pub worst: Band,
    pub driver: Option<Measure>,
    /// Lines (total) of the file, component or everything below a directory.
    pub lines: u32,
    /// Sum of cyclomatic complexity of the functions in it.
    pub complexity: u32,
    /// Commits that changed it (files), summed over files (directories).
    pub churn: u32,
    /// Hotspot score in 0..=1 (files; the highest below, directories).
    pub hotspot: Option<f32>,
    /// Weeks until the next band (files; the soonest below, directories).
    pub ttb: Option<f32>,
}

impl Default for Info {
    fn default() -> Self {
        Info {
            live: false,
            band: Band::Ok,
            worst: Band::Ok,
            driver: None,
            lines: 0,
            complexity: 0,
            churn: 0,
            hotspot: None,
            ttb: None,
        }
    }
}

/// A snapshot and everything derived from it for drawing.
#[derive(Debug, Clone)]
pub struct ViewData {
    pub generation: u64,
    pub snapshot: Snapshot,
    /// False while only lines are counted (the first pass).
    pub complete: bool,
    pub config: Arc<Config>,
    /// By `NodeId.0`.
    pub info: Vec<Info>,
    /// Nodes whose own band is each band, in band order.
    pub counts: [usize; 5],
    pub history: HistoryView,
    pub delta: Option<Delta>,
    pub candidates: Arc<Vec<Candidate>>,
    /// Branch (or `HEAD` when detached) and short commit of the repository, when there is one.
    pub git: Option<(String, String)>,
}

impl ViewData {
    /// An empty view (nothing scanned yet).
    pub fn empty(config: Arc<Config>) -> ViewData {
        let snapshot = crate::model::Model::new().snapshot();
        ViewData::build(0, snapshot, false, config, HistoryView::default(), None)
    }

    /// Computes the index of `snapshot`.
    pub fn build(
        generation: u64,
        snapshot: Snapshot,
        complete: bool,
        config: Arc<Config>,
        history: HistoryView,
        delta: Option<Delta>,
    ) -> ViewData {
        let mut info = Vec::new();
        let mut counts = [0usize; 5];
        let mut candidates = Vec::new();
        let root = snapshot.root();
        fill(
            &snapshot,
            root,
            &mut String::new(),
            &Ctx {
                config: &config,
                history: &history,
            },
            &mut info,
            &mut candidates,
            0,
        );
        for i in info.iter().filter(|i| i.live) {
            if let Some(c) = counts.get_mut(i.band as usize) {
                *c += 1;
            }
        }
        ViewData {
            generation,
            snapshot,
            complete,
            config,
            info,
            counts,
            history,
            delta,
            candidates: Arc::new(candidates),
            git: None,
        }
    }

    /// The row facts of `id` (defaults for a node that does not live).
    pub fn info(&self, id: NodeId) -> Info {
        self.info.get(id.0 as usize).copied().unwrap_or_default()
    }

    /// The tree.
    pub fn tree(&self) -> &Tree {
        &self.snapshot
    }
}

struct Ctx<'a> {
    config: &'a Config,
    history: &'a HistoryView,
}

/// Deepest nesting of directories and components followed; anything deeper is left out of the
/// index rather than risking the stack.
const MAX_DEPTH: usize = 256;

fn slot(info: &mut Vec<Info>, id: NodeId) -> Option<&mut Info> {
    let i = id.0 as usize;
    if info.len() <= i {
        info.resize(i + 1, Info::default());
    }
    info.get_mut(i)
}

/// Fills `id` and everything below it; returns its info.
fn fill(
    tree: &Tree,
    id: NodeId,
    path: &mut String,
    ctx: &Ctx<'_>,
    info: &mut Vec<Info>,
    cands: &mut Vec<Candidate>,
    depth: usize,
) -> Info {
    let Some(node) = tree.node(id) else {
        return Info::default();
    };
    let a = assess(tree, id, ctx.config);
    let mut me = Info {
        live: true,
        band: a.as_ref().map_or(Band::Ok, |a| a.band),
        driver: a.and_then(|a| a.driver),
        ..Info::default()
    };
    me.worst = me.band;
    let below = depth < MAX_DEPTH;
    match &node.body {
        NodeBody::Dir(d) => {
            me.lines = d.lines.total;
            let mut hot: Option<f32> = None;
            let mut ttb: Option<f32> = None;
            for &child in node.children.iter().filter(|_| below) {
                let len = path.len();
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(tree.node(child).map(|n| n.name.as_str()).unwrap_or(""));
                let c = fill(tree, child, path, ctx, info, cands, depth + 1);
                path.truncate(len);
                me.worst = me.worst.max(c.worst);
                me.complexity = me.complexity.saturating_add(c.complexity);
                me.churn = me.churn.saturating_add(c.churn);
                hot = max_opt(hot, c.hotspot);
                ttb = min_opt(ttb, c.ttb);
            }
            me.hotspot = hot;
            me.ttb = ttb;
        }
        NodeBody::File(f) => {
            me.lines = f.lines.total;
            if let Some(h) = ctx.history.file(path) {
                me.churn = h.commits;
                me.hotspot = h.hotspot.map(|x| x as f32);
                me.ttb = h
                    .breach
                    .and_then(|b| b.next)
                    .map(|c| c.weeks as f32)
                    .filter(|w| w.is_finite());
            }
            cands.push(Candidate::file(id, path));
            for &child in node.children.iter().filter(|_| below) {
                let c = fill(tree, child, path, ctx, info, cands, depth + 1);
                me.worst = me.worst.max(c.worst);
                me.complexity = me.complexity.saturating_add(c.complexity);
            }
        }
        NodeBody::Component(c) => {
            me.lines = c.lines.total;
            me.complexity = c.metrics.map_or(0, |m| m.cyclomatic);
            cands.push(Candidate::component(
                id,
                path,
                &c.qualified_name,
                c.kind.as_str(),
                c.start_line,
            ));
            for &child in node.children.iter().filter(|_| below) {
                let k = fill(tree, child, path, ctx, info, cands, depth + 1);
                me.worst = me.worst.max(k.worst);
                me.complexity = me.complexity.saturating_add(k.complexity);
            }
        }
    }
    if let Some(s) = slot(info, id) {
        *s = me;
    }
    me
}

fn max_opt(a: Option<f32>, b: Option<f32>) -> Option<f32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn min_opt(a: Option<f32>, b: Option<f32>) -> Option<f32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// The branch and short commit of the repository around `root` (git2; no `git` process).
pub fn git_head(root: &std::path::Path) -> Option<(String, String)> {
    let repo = git2::Repository::discover(root).ok()?;
    let head = repo.head().ok()?;
    let branch = if head.is_branch() {
        head.shorthand().unwrap_or("HEAD").to_string()
    } else {
        "HEAD".to_string()
    };
    let commit = head.peel_to_commit().ok()?.id().to_string();
    Some((branch, commit.get(..7).unwrap_or(&commit).to_string()))
}
