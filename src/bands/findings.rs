//! Findings: every metric of every node that is in a warning band, with what drives it, after
//! in-code suppressions are applied. This is what `check`, its reports and baselines work on.

use std::collections::HashMap;

use serde::Serialize;

use super::assess::{assess, Policy};
use super::band::Band;
use super::metric::Metric;
use super::suppress::{Suppression, HEADER_LINES};
use crate::model::{NodeBody, NodeId, Tree};

/// One metric of one node in a warning band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub path: String,
    /// `directory`, `file`, or the component kind (`function`, `method`, `impl`, ...).
    pub node: &'static str,
    /// The component's qualified name (absent for files and directories).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Index among the components of the file with the same kind and qualified name (0 for the
    /// first): keeps baseline keys apart for overloads and repeated impl blocks.
    #[serde(skip_serializing_if = "is_zero")]
    pub occurrence: u32,
    /// Span in the file (0 for directories).
    pub start_line: u32,
    pub end_line: u32,
    pub metric: Metric,
    pub value: u32,
    pub limit: u32,
    pub band: Band,
    /// The construct behind the value ("largest item: ...", "deepest nesting (5) at line 212").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub construct: Option<String>,
    /// The reason of the suppression that covers this finding, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Finding {
    /// The value as a share of the limit.
    pub fn share(&self) -> f64 {
        if self.limit == 0 {
            0.0
        } else {
            f64::from(self.value) / f64::from(self.limit)
        }
    }

    /// A stable identity that survives line shifts and moves within the file.
    pub fn key(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.path,
            self.node,
            self.item.as_deref().unwrap_or(""),
            self.occurrence,
            self.metric.key()
        )
    }

    /// What the finding is about, for messages: `src/a.rs`, `src/a.rs: method Parser::parse`.
    pub fn subject(&self) -> String {
        match &self.item {
            Some(item) => format!("{}:{}: {} {}", self.path, self.start_line, self.node, item),
            None if self.node == "directory" && self.path.is_empty() => "(root)".into(),
            None => self.path.clone(),
        }
    }
}

/// A suppression comment that is itself a problem (no reason, unknown metric).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressionProblem {
    pub path: String,
    pub line: u32,
    pub message: String,
}

/// Everything `check` judges.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Findings {
    /// Sorted by band (worst first), then share of the limit, then path.
    pub findings: Vec<Finding>,
    pub suppression_problems: Vec<SuppressionProblem>,
}

/// Collects the findings at or above `min_band` for every node of `tree` (`Band::Watch` for
/// warnings; `Band::Ok` measures every metric of every node).
pub fn collect(tree: &Tree, policy: &dyn Policy, min_band: Band) -> Findings {
    let c = Collector {
        tree,
        policy,
        min_band,
    };
    let mut out = Findings::default();
    for (path, id, _) in tree.dirs() {
        c.push(id, Finding::at(path, "directory", 0, 0), &mut out);
    }
    for (path, file_id, facts) in tree.files() {
        let before = out.findings.len();
        let file = Finding::at(path.clone(), "file", 1, facts.lines.total);
        c.push(file_id, file, &mut out);
        c.components(&path, file_id, &mut out);
        let first_item = first_item_line(tree, file_id);
        apply_suppressions(&path, &facts.suppressions, first_item, &mut out, before);
    }
    out.findings.sort_by(|a, b| {
        b.band
            .cmp(&a.band)
            .then(b.share().total_cmp(&a.share()))
            .then(a.path.cmp(&b.path))
            .then(a.start_line.cmp(&b.start_line))
            .then(a.metric.cmp(&b.metric))
    });
    out
}

/// What `collect` needs for every node.
struct Collector<'a> {
    tree: &'a Tree,
    policy: &'a dyn Policy,
    min_band: Band,
}

impl Collector<'_> {
    /// Adds a finding for every measure of node `id` at or above the minimum band.
    fn push(&self, id: NodeId, base: Finding, out: &mut Findings) {
        let Some(a) = assess(self.tree, id, self.policy) else {
            return;
        };
        let driver = a.driver.map(|d| d.metric);
        for m in a.measures.iter().filter(|m| m.band >= self.min_band) {
            out.findings.push(Finding {
                metric: m.metric,
                value: m.value,
                limit: m.limit,
                band: m.band,
                construct: a.construct.clone().filter(|_| driver == Some(m.metric)),
                ..base.clone()
            });
        }
    }

    /// The findings of every component of a file, depth first in source order, each with its
    /// occurrence among same-named components of the same kind.
    fn components(&self, path: &str, file: NodeId, out: &mut Findings) {
        let mut seen: HashMap<(&'static str, String), u32> = HashMap::new();
        let mut stack = children(self.tree, file);
        stack.reverse();
        while let Some(id) = stack.pop() {
            let Some(node) = self.tree.node(id) else {
                continue;
            };
            stack.extend(node.children.iter().rev().copied());
            let Some(c) = node.component() else { continue };
            let kind = c.kind.as_str();
            let n = seen.entry((kind, c.qualified_name.clone())).or_insert(0);
            let mut base = Finding::at(path.to_string(), kind, c.start_line, c.end_line);
            base.item = Some(c.qualified_name.clone());
            base.occurrence = *n;
            *n += 1;
            self.push(id, base, out);
        }
    }
}

fn children(tree: &Tree, id: NodeId) -> Vec<NodeId> {
    tree.node(id)
        .map(|n| n.children.clone())
        .unwrap_or_default()
}

/// Start line of a file's first component (`u32::MAX` when it has none).
fn first_item_line(tree: &Tree, file: NodeId) -> u32 {
    tree.node(file)
        .and_then(|n| n.children.first().copied())
        .and_then(|c| tree.node(c))
        .and_then(|n| n.component())
        .map(|c| c.start_line)
        .unwrap_or(u32::MAX)
}

impl Finding {
    /// A finding about `path`'s node of kind `node` spanning `start..=end`, not yet measured.
    fn at(path: String, node: &'static str, start_line: u32, end_line: u32) -> Finding {
        Finding {
            path,
            node,
            item: None,
            occurrence: 0,
            start_line,
            end_line,
            metric: Metric::FileLines,
            value: 0,
            limit: 0,
            band: Band::Ok,
            construct: None,
            suppressed: None,
        }
    }

    /// True when suppression `s` (with `file_level` telling where it stands) covers this.
    fn covered_by(&self, s: &Suppression, file_level: bool) -> bool {
        if !s.metrics.iter().any(|m| m == self.metric.key()) {
            return false;
        }
        match self.item {
            None => file_level && self.node == "file",
            Some(_) => (s.item_lines.0..=s.item_lines.1).contains(&self.start_line),
        }
    }
}

/// Marks the findings of one file (`out.findings[from..]`) that a suppression covers, and
/// reports suppressions without a reason or with unknown metrics.
fn apply_suppressions(
    path: &str,
    sups: &[Suppression],
    first_item: u32,
    out: &mut Findings,
    from: usize,
) {
    for s in sups {
        out.suppression_problems.extend(problems(path, s));
        let Some(reason) = &s.reason else { continue };
        let file_level = s.line <= HEADER_LINES || s.line < first_item;
        for f in out.findings[from..].iter_mut() {
            if f.covered_by(s, file_level) {
                f.suppressed = Some(reason.clone());
            }
        }
    }
}

/// What is wrong with a suppression itself: unknown metrics, a missing reason.
fn problems(path: &str, s: &Suppression) -> Vec<SuppressionProblem> {
    let problem = |message: String| SuppressionProblem {
        path: path.to_string(),
        line: s.line,
        message,
    };
    let keys = || Metric::ALL.iter().map(|m| m.key());
    let mut out: Vec<SuppressionProblem> = s
        .metrics
        .iter()
        .filter(|m| Metric::parse(m).is_none())
        .map(|m| {
            let hint = crate::config::schema::did_you_mean(m, keys());
            problem(format!("unknown metric `{m}` in suppression{hint}"))
        })
        .collect();
    if s.reason.is_none() {
        out.push(problem(
            "suppression without a reason is ignored: add reason=\"...\"".into(),
        ));
    }
    out
}

/// Node kind label of a node, for callers that build findings themselves.
pub fn node_label(body: &NodeBody) -> &'static str {
    match body {
        NodeBody::Dir(_) => "directory",
        NodeBody::File(_) => "file",
        NodeBody::Component(c) => c.kind.as_str(),
    }
}
