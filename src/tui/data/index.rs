//! `ViewData`: one published snapshot with everything the panes read per node, computed once on
//! a worker thread (never in the event loop): each node's band and driving metric, the worst
//! band below it, lines, complexity, churn, hotspot and time to breach, nodes per band, the
//! session delta, and the finder's candidates. The snapshot and its index always travel
//! together, so node ids never meet a tree they do not belong to.

use std::sync::Arc;

use super::quick::band_of;
use crate::bands::{assess, Band, BandLevels, Limits, Measure, Policy};
use crate::config::Config;
use crate::engine::Delta;
use crate::model::{Node, NodeBody, NodeId, Snapshot, Tree};
use crate::tui::finder::Candidate;
use crate::tui::history::HistoryView;

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

/// What a view is built from: a published snapshot and its context.
pub struct ViewInput {
    /// The generation of the publication the view comes from.
    pub generation: u64,
    /// The tree to index.
    pub snapshot: Snapshot,
    /// Whether the scan behind the snapshot has finished.
    pub complete: bool,
    /// The configuration the tree is judged under.
    pub config: Arc<Config>,
    /// The history facts shown beside the tree.
    pub history: HistoryView,
    /// The session delta, when there is one.
    pub delta: Option<Delta>,
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
        ViewData::build(ViewInput {
            generation: 0,
            snapshot,
            complete: false,
            config,
            history: HistoryView::default(),
            delta: None,
        })
    }

    /// Computes the index of the input's snapshot.
    pub fn build(input: ViewInput) -> ViewData {
        let ViewInput {
            generation,
            snapshot,
            complete,
            config,
            history,
            delta,
        } = input;
        let mut counts = [0usize; 5];
        let mut ix = Indexer {
            tree: &snapshot,
            config: &config,
            levels: config.levels(),
            history: &history,
            path: String::new(),
            info: Vec::with_capacity(snapshot.len() + 1),
            cands: Vec::new(),
        };
        ix.fill(snapshot.root(), 0, &config.limits);
        let Indexer {
            info,
            cands: candidates,
            ..
        } = ix;
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

/// One walk over a tree: the path of the node being filled, and what the walk collects.
struct Indexer<'a> {
    tree: &'a Tree,
    config: &'a Config,
    levels: BandLevels,
    history: &'a HistoryView,
    /// The path of the directory or file being filled (components keep their file's).
    path: String,
    info: Vec<Info>,
    cands: Vec<Candidate>,
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

impl Indexer<'_> {
    /// Fills `id` and everything below it; returns its info.
    fn fill(&mut self, id: NodeId, depth: usize, file_limits: &Limits) -> Info {
        let tree = self.tree;
        let Some(node) = tree.node(id) else {
            return Info::default();
        };
        let own;
        let limits = match &node.body {
            NodeBody::Component(_) => file_limits,
            _ => {
                own = self.config.limits(&self.path);
                &own
            }
        };
        let mut me = self.own_info(id, node, limits);
        match &node.body {
            NodeBody::Dir(d) => me.lines = d.lines.total,
            NodeBody::File(f) => {
                me.lines = f.lines.total;
                self.add_file_history(&mut me);
                self.cands.push(Candidate::file(id, &self.path));
            }
            NodeBody::Component(c) => {
                me.lines = c.lines.total;
                me.complexity = c.metrics.map_or(0, |m| m.cyclomatic);
                self.cands.push(Candidate::component(
                    id,
                    &self.path,
                    &c.qualified_name,
                    c.kind.as_str(),
                    c.start_line,
                ));
            }
        }
        if depth < MAX_DEPTH {
            self.fold_children(&mut me, node, depth, limits);
        }
        if let Some(s) = slot(&mut self.info, id) {
            *s = me;
        }
        me
    }

    /// The node's own band and driver (the root is assessed in full, for top-level domains).
    fn own_info(&self, id: NodeId, node: &Node, limits: &Limits) -> Info {
        let (band, driver) = if node.parent.is_none() {
            let a = assess(self.tree, id, self.config);
            (
                a.as_ref().map_or(Band::Ok, |a| a.band),
                a.and_then(|a| a.driver),
            )
        } else {
            band_of(node, limits, &self.levels)
        };
        Info {
            live: true,
            band,
            worst: band,
            driver,
            ..Info::default()
        }
    }

    /// Churn, hotspot and time to breach of the file at the current path.
    fn add_file_history(&self, me: &mut Info) {
        let Some(h) = self.history.file(&self.path) else {
            return;
        };
        me.churn = h.commits;
        me.hotspot = h.hotspot.map(|x| x as f32);
        me.ttb = h
            .breach
            .and_then(|b| b.next)
            .map(|c| c.weeks as f32)
            .filter(|w| w.is_finite());
    }

    /// Fills the children of `node` and folds them into `me`: the worst band and complexity
    /// always, churn, hotspot and time to breach for a directory's entries.
    fn fold_children(&mut self, me: &mut Info, node: &Node, depth: usize, limits: &Limits) {
        let is_dir = matches!(node.body, NodeBody::Dir(_));
        for &child in &node.children {
            let c = if is_dir {
                self.fill_entry(child, depth + 1, limits)
            } else {
                self.fill(child, depth + 1, limits)
            };
            me.worst = me.worst.max(c.worst);
            me.complexity = me.complexity.saturating_add(c.complexity);
            if is_dir {
                me.churn = me.churn.saturating_add(c.churn);
                me.hotspot = max_opt(me.hotspot, c.hotspot);
                me.ttb = min_opt(me.ttb, c.ttb);
            }
        }
    }

    /// Fills a directory entry with its name pushed onto the path.
    fn fill_entry(&mut self, child: NodeId, depth: usize, limits: &Limits) -> Info {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('/');
        }
        let name = self.tree.node(child).map(|n| n.name.as_str()).unwrap_or("");
        self.path.push_str(name);
        let c = self.fill(child, depth, limits);
        self.path.truncate(len);
        c
    }
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
