//! Dispatch: which patterns apply to the target node (by kind, trigger band, language, paths),
//! running their planners, and ranking the plans.

use crate::bands::{assess, Policy};
use crate::model::{NodeBody, NodeId, Tree};
use crate::patterns::history::History;
use crate::patterns::library::{AppliesTo, Library, Pattern, PlannerKind};
use crate::patterns::planners::{extract_module, FileTarget};
use crate::patterns::rank;
use crate::patterns::source::Sources;
use crate::patterns::types::Suggestions;

/// What to plan for.
pub struct Request<'a> {
    pub tree: &'a Tree,
    /// A directory, file or component node.
    pub target: NodeId,
    pub policy: &'a dyn Policy,
    pub library: &'a Library,
    pub sources: &'a dyn Sources,
    pub history: Option<&'a History>,
    /// Run every applicable planner even when the target is not in the trigger band.
    pub force: bool,
}

/// True when `pattern` is offered for `id`: forced, or one of its metrics is at its band.
fn triggered(req: &Request<'_>, pattern: &Pattern, id: NodeId) -> bool {
    if req.force || pattern.trigger.metrics.is_empty() {
        return true;
    }
    let Some(a) = assess(req.tree, id, req.policy) else {
        return false;
    };
    a.measures
        .iter()
        .any(|m| pattern.trigger.metrics.contains(&m.metric) && m.band >= pattern.trigger.band)
}

/// Plans for the target, best first, with anti-pattern findings.
pub fn suggest(req: &Request<'_>) -> Suggestions {
    let mut out = Suggestions::default();
    let Some(node) = req.tree.node(req.target) else {
        out.notes.push("the target is not in the model".into());
        return out;
    };
    match &node.body {
        NodeBody::File(_) => file(req, req.target, &mut out),
        NodeBody::Dir(_) => {
            for (_, id, _) in files_below(req.tree, req.target) {
                let band = assess(req.tree, id, req.policy)
                    .map(|a| a.band)
                    .unwrap_or(crate::bands::Band::Ok);
                if band >= crate::bands::Band::Watch {
                    file(req, id, &mut out);
                }
            }
        }
        NodeBody::Component(_) => {}
    }
    rank::sort(&mut out.plans);
    out
}

fn files_below(tree: &Tree, dir: NodeId) -> Vec<(String, NodeId, ())> {
    let prefix = tree.path_of(dir);
    tree.files()
        .into_iter()
        .filter(|(p, _, _)| prefix.is_empty() || p.starts_with(&format!("{prefix}/")))
        .map(|(p, id, _)| (p, id, ()))
        .collect()
}

fn file(req: &Request<'_>, id: NodeId, out: &mut Suggestions) {
    let Some(facts) = req.tree.node(id).and_then(|n| n.file()).cloned() else {
        return;
    };
    let path = req.tree.path_of(id);
    let lang = Some(facts.language);
    let applicable: Vec<&Pattern> = req
        .library
        .patterns
        .iter()
        .filter(|p| p.enabled && p.applies_to == AppliesTo::File && p.trigger.admits(&path, lang))
        .collect();
    if applicable.is_empty() {
        return;
    }
    let Some(src) = req.sources.text(&path) else {
        out.notes.push(format!("{path}: cannot read the file"));
        return;
    };
    let hotspot = req.history.map(|h| h.hotspot(&path)).unwrap_or(0.0);
    let empty = Vec::new();
    let cochange = req
        .history
        .and_then(|h| h.cochange.get(&path))
        .unwrap_or(&empty);
    let tree = req.tree;
    let exists = |p: &str| tree.lookup(p).is_some();
    let t = FileTarget {
        path: &path,
        facts: &facts,
        src: &src,
        limits: req.policy.limits(&path),
        levels: req.policy.levels(),
        hotspot,
        cochange,
        exists: &exists,
    };
    for pattern in applicable {
        match pattern.planner {
            PlannerKind::ExtractModule if triggered(req, pattern, id) => {
                if let Some(mut plan) = extract_module::plan(&t, pattern) {
                    rank::score(&mut plan, hotspot);
                    out.plans.push(plan);
                }
            }
            _ => {}
        }
    }
}
