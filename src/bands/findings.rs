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
    let mut out = Findings::default();
    let push = |id: NodeId, base: Finding, out: &mut Findings| {
        if let Some(a) = assess(tree, id, policy) {
            for m in a.measures.iter().filter(|m| m.band >= min_band) {
                let construct = (a.driver.map(|d| d.metric) == Some(m.metric))
                    .then(|| a.construct.clone())
                    .flatten();
                out.findings.push(Finding {
                    metric: m.metric,
                    value: m.value,
                    limit: m.limit,
                    band: m.band,
                    construct,
                    ..base.clone()
                });
            }
        }
    };
    for (path, id, _) in tree.dirs() {
        push(id, base(path, "directory", None, 0, 0, 0), &mut out);
    }
    for (path, file_id, facts) in tree.files() {
        let lines = facts.lines.total;
        let before = out.findings.len();
        push(file_id, base(path.clone(), "file", None, 0, 1, lines), &mut out);
        let mut seen: HashMap<(&'static str, String), u32> = HashMap::new();
        let mut stack: Vec<NodeId> = children(tree, file_id);
        stack.reverse();
        while let Some(id) = stack.pop() {
            let Some(node) = tree.node(id) else { continue };
            let mut kids = node.children.clone();
            kids.reverse();
            stack.extend(kids);
            let Some(c) = node.component() else { continue };
            let kind = c.kind.as_str();
            let n = seen.entry((kind, c.qualified_name.clone())).or_insert(0);
            let occurrence = *n;
            *n += 1;
            let b = base(path.clone(), kind, Some(c.qualified_name.clone()), occurrence, c.start_line, c.end_line);
            push(id, b, &mut out);
        }
        let first_item = tree
            .node(file_id)
            .and_then(|n| n.children.first().copied())
            .and_then(|c| tree.node(c))
            .and_then(|n| n.component())
            .map(|c| c.start_line)
            .unwrap_or(u32::MAX);
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

fn children(tree: &Tree, id: NodeId) -> Vec<NodeId> {
    tree.node(id).map(|n| n.children.clone()).unwrap_or_default()
}

fn base(
    path: String,
    node: &'static str,
    item: Option<String>,
    occurrence: u32,
    start_line: u32,
    end_line: u32,
) -> Finding {
    Finding {
        path,
        node,
        item,
        occurrence,
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
        let problem = |message: String| SuppressionProblem {
            path: path.to_string(),
            line: s.line,
            message,
        };
        for m in &s.metrics {
            if Metric::parse(m).is_none() {
                let hint = crate::config::schema::did_you_mean(m, Metric::ALL.iter().map(|m| m.key()));
                out.suppression_problems
                    .push(problem(format!("unknown metric `{m}` in suppression{hint}")));
            }
        }
        let Some(reason) = &s.reason else {
            out.suppression_problems.push(problem(
                "suppression without a reason is ignored: add reason=\"...\"".into(),
            ));
            continue;
        };
        let file_level = s.line <= HEADER_LINES || s.line < first_item;
        for f in out.findings[from..].iter_mut() {
            if !s.metrics.iter().any(|m| m == f.metric.key()) {
                continue;
            }
            let covers = if f.item.is_none() {
                file_level && f.node == "file"
            } else {
                (s.item_lines.0..=s.item_lines.1).contains(&f.start_line)
            };
            if covers {
                f.suppressed = Some(reason.clone());
            }
        }
    }
}

/// Node kind label of a node, for callers that build findings themselves.
pub fn node_label(body: &NodeBody) -> &'static str {
    match body {
        NodeBody::Dir(_) => "directory",
        NodeBody::File(_) => "file",
        NodeBody::Component(c) => c.kind.as_str(),
    }
}
