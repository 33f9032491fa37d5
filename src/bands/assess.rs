//! Assessment of every node of a model against its limits: a band per metric, an overall band,
//! and the driving metric with the construct behind it.

use serde::Serialize;

use super::band::{Band, BandLevels};
use super::metric::{Limits, Metric};
use crate::model::{ComponentNode, Node, NodeBody, NodeId, Tree};

/// Where limits come from: per path (globs in the config), with one set of band levels.
pub trait Policy {
    /// The limits that apply to the file or directory at `path`.
    fn limits(&self, path: &str) -> Limits;
    /// The band levels.
    fn levels(&self) -> BandLevels;
}

/// The defaults: the same limits everywhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultPolicy {
    pub limits: Limits,
    pub levels: BandLevels,
}

impl Policy for DefaultPolicy {
    fn limits(&self, _path: &str) -> Limits {
        self.limits
    }
    fn levels(&self) -> BandLevels {
        self.levels
    }
}

/// One metric of one node against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measure {
    pub metric: Metric,
    pub value: u32,
    pub limit: u32,
    pub band: Band,
}

impl Measure {
    /// The value as a share of the limit (1.0 = at the limit).
    pub fn share(&self) -> f64 {
        if self.limit == 0 {
            0.0
        } else {
            f64::from(self.value) / f64::from(self.limit)
        }
    }
}

/// A node's bands: every measured metric, the overall band and what drives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    #[serde(skip)]
    pub node: NodeId,
    pub measures: Vec<Measure>,
    /// The highest band of any measure.
    pub band: Band,
    /// The measure with the highest share of its limit.
    pub driver: Option<Measure>,
    /// The construct behind the driver ("largest item: `impl Parser` 180 lines at line 40").
    pub construct: Option<String>,
}

/// Assesses one node. `path` is the file or directory path (a component's file path).
pub fn assess(tree: &Tree, id: NodeId, policy: &dyn Policy) -> Option<Assessment> {
    let node = tree.node(id)?;
    let path = tree.path_of(id);
    let limits = policy.limits(&path);
    let levels = policy.levels();
    let measure = |metric: Metric, value: u32| {
        let limit = limits.get(metric);
        Measure {
            metric,
            value,
            limit,
            band: levels.band(value, limit),
        }
    };
    let mut measures = Vec::new();
    match &node.body {
        NodeBody::Dir(d) => {
            measures.push(measure(Metric::DirEntries, d.entries));
            if node.parent.is_none() {
                measures.push(measure(
                    Metric::TopLevelDomains,
                    domains(tree, node).len() as u32,
                ));
            }
        }
        NodeBody::File(f) if f.language.is_code() => {
            measures.push(measure(Metric::FileLines, f.lines.total))
        }
        NodeBody::File(_) => {}
        NodeBody::Component(c) => {
            if let Some(m) = c.metrics {
                measures.push(measure(Metric::FunctionLines, c.lines.total));
                measures.push(measure(Metric::Cyclomatic, m.cyclomatic));
                measures.push(measure(Metric::Cognitive, m.cognitive));
                measures.push(measure(Metric::Params, m.params));
                measures.push(measure(Metric::Nesting, m.nesting));
            }
            if let Some(methods) = c.methods {
                measures.push(measure(Metric::TypeMethods, methods));
            }
        }
    }
    measures.retain(|m| m.limit > 0);
    let driver = measures.iter().copied().max_by(|a, b| {
        a.share()
            .total_cmp(&b.share())
            .then(b.metric.cmp(&a.metric))
    });
    let band = measures.iter().map(|m| m.band).max().unwrap_or(Band::Ok);
    let construct = driver.and_then(|d| construct(tree, node, d.metric));
    Some(Assessment {
        node: id,
        measures,
        band,
        driver,
        construct,
    })
}

/// Root folders that hold code (a file with a parsed language anywhere below), by name.
pub fn domains(tree: &Tree, root: &Node) -> Vec<String> {
    root.children
        .iter()
        .filter_map(|&c| tree.node(c))
        .filter(|n| matches!(n.body, NodeBody::Dir(_)) && holds_code(tree, n))
        .map(|n| n.name.clone())
        .collect()
}

fn holds_code(tree: &Tree, dir: &Node) -> bool {
    let mut stack: Vec<NodeId> = dir.children.clone();
    while let Some(id) = stack.pop() {
        match tree.node(id).map(|n| (&n.body, n)) {
            Some((NodeBody::File(f), _)) if f.language.has_parser() => return true,
            Some((NodeBody::Dir(_), n)) => stack.extend(n.children.iter().copied()),
            _ => {}
        }
    }
    false
}

fn construct(tree: &Tree, node: &Node, metric: Metric) -> Option<String> {
    let comp = |id: NodeId| tree.node(id).and_then(|n| n.component().map(|c| (n, c)));
    let largest = |kids: &[NodeId]| {
        kids.iter()
            .filter_map(|&k| comp(k))
            .max_by_key(|(_, c)| (c.lines.total, std::cmp::Reverse(c.start_line)))
            .map(|(n, c)| describe(n, c))
    };
    match (metric, &node.body) {
        (Metric::FileLines, NodeBody::File(_)) => {
            largest(&node.children).map(|d| format!("largest item: {d}"))
        }
        (Metric::TypeMethods, NodeBody::Component(_)) => {
            largest(&node.children).map(|d| format!("largest method: {d}"))
        }
        (Metric::DirEntries, NodeBody::Dir(_)) => {
            let dirs = node
                .children
                .iter()
                .filter(|&&c| tree.node(c).is_some_and(|n| n.dir().is_some()))
                .count();
            let files = node.children.len() - dirs;
            Some(format!("{files} files, {dirs} subdirectories"))
        }
        (Metric::TopLevelDomains, NodeBody::Dir(_)) => {
            Some(format!("domains: {}", domains(tree, node).join(", ")))
        }
        (Metric::Cognitive | Metric::Nesting | Metric::Cyclomatic, NodeBody::Component(c)) => c
            .metrics
            .filter(|m| m.nesting > 0)
            .map(|m| format!("deepest nesting ({}) at line {}", m.nesting, m.nesting_line)),
        (Metric::FunctionLines, NodeBody::Component(c)) => {
            Some(format!("spans lines {}-{}", c.start_line, c.end_line))
        }
        _ => None,
    }
}

fn describe(node: &Node, c: &ComponentNode) -> String {
    let label = match c.kind {
        crate::model::facts::ComponentKind::Impl => node.name.clone(),
        kind => format!("{} {}", kind.as_str(), c.qualified_name),
    };
    format!("`{label}` {} lines at line {}", c.lines.total, c.start_line)
}
