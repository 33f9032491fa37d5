//! Dispatch: which patterns apply to the target node (by kind, trigger band, language, paths),
//! running their planners, and ranking the plans.

use crate::bands::{assess, Band, Policy};
use crate::model::facts::ComponentKind;
use crate::model::{ComponentNode, NodeBody, NodeId, Tree};
use crate::patterns::history::History;
use crate::patterns::library::{AppliesTo, Library, Pattern, PlannerKind};
use crate::patterns::planners::split_type::TypeTarget;
use crate::patterns::planners::{
    antipatterns, directory, extract_function, extract_module, split_type, FileTarget,
};
use crate::patterns::rank;
use crate::patterns::source::Sources;
use crate::patterns::types::{Plan, Suggestions};

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
pub(crate) fn triggered(req: &Request<'_>, pattern: &Pattern, id: NodeId) -> bool {
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
        NodeBody::File(_) => file(req, req.target, None, &mut out),
        NodeBody::Dir(_) => {
            directory::plans(req, req.target, &mut out);
            for id in files_below(req.tree, req.target) {
                let band = assess(req.tree, id, req.policy)
                    .map(|a| a.band)
                    .unwrap_or(Band::Ok);
                if band >= Band::Watch || req.force {
                    file(req, id, None, &mut out);
                }
            }
        }
        NodeBody::Component(c) => {
            // `FILE:Type` may name the impl block of a type defined next to it (they share the
            // qualified name); the type's own plans cover the impl, so plan for the type.
            let only = if c.kind == ComponentKind::Impl {
                sibling_type(req.tree, req.target, &c.qualified_name).unwrap_or(req.target)
            } else {
                req.target
            };
            file(req, c.file, Some(only), &mut out)
        }
    }
    rank::sort(&mut out.plans);
    out
}

/// Every file node below a directory.
pub fn files_below(tree: &Tree, dir: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(id) = stack.pop() {
        let Some(n) = tree.node(id) else { continue };
        match &n.body {
            NodeBody::File(_) => out.push(id),
            NodeBody::Dir(_) => stack.extend(n.children.iter().rev().copied()),
            NodeBody::Component(_) => {}
        }
    }
    out
}

/// Plans for a file (`only` = None: the file and its components) or for one of its components.
fn file(req: &Request<'_>, id: NodeId, only: Option<NodeId>, out: &mut Suggestions) {
    let Some(facts) = req.tree.node(id).and_then(|n| n.file()).cloned() else {
        return;
    };
    let path = req.tree.path_of(id);
    let lang = Some(facts.language);
    let admitted = |p: &&Pattern| p.enabled && p.trigger.admits(&path, lang);
    let patterns: Vec<&Pattern> = req.library.patterns.iter().filter(admitted).collect();
    if patterns.is_empty() || !facts.language.has_parser() {
        return;
    }
    let Some(src) = req.sources.text(&path) else {
        out.notes.push(format!("{path}: cannot read the file"));
        return;
    };
    let hotspot = req.history.map(|h| h.hotspot(&path)).unwrap_or(0.0);
    let cochange = req
        .history
        .and_then(|h| h.cochange.get(&path))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let tree = req.tree;
    let exists = |p: &str| tree.lookup(p).is_some();
    let target = FileTarget {
        path: &path,
        facts: &facts,
        src: &src,
        limits: req.policy.limits(&path),
        levels: req.policy.levels(),
        hotspot,
        cochange,
        exists: &exists,
        cache: Default::default(),
    };
    let planning = FilePlanning {
        req,
        target: &target,
        patterns: &patterns,
    };
    let comps = match only {
        Some(c) => vec![c],
        None => {
            planning.whole_file(id, out);
            components_below(req.tree, id)
        }
    };
    for cid in comps {
        planning.component(cid, out);
    }
}

/// One file being planned: the request, the file's target and the patterns admitted for it.
struct FilePlanning<'r, 'a> {
    req: &'r Request<'a>,
    target: &'r FileTarget<'r>,
    patterns: &'r [&'a Pattern],
}

impl FilePlanning<'_, '_> {
    /// Extract-module plans for the file and its anti-pattern findings.
    fn whole_file(&self, id: NodeId, out: &mut Suggestions) {
        let t = self.target;
        let module_patterns = self.patterns.iter().filter(|p| {
            p.applies_to == AppliesTo::File
                && p.planner == PlannerKind::ExtractModule
                && triggered(self.req, p, id)
        });
        for p in module_patterns {
            self.push(extract_module::plan(t, p), out);
        }
        let anti: Vec<&Pattern> = self
            .patterns
            .iter()
            .copied()
            .filter(|p| p.planner == PlannerKind::AntiPattern)
            .collect();
        if anti.is_empty() {
            return;
        }
        let tree = match t.facts.language {
            crate::lang::Language::Python => t.syntax_tree(),
            _ => None,
        };
        out.findings.extend(antipatterns::find(
            t.path,
            t.facts.language,
            t.src,
            tree,
            &anti,
        ));
    }

    /// Split-type and extract-function plans for one component.
    fn component(&self, cid: NodeId, out: &mut Suggestions) {
        let Some(node) = self.req.tree.node(cid) else {
            return;
        };
        let Some(c) = node.component() else { return };
        let type_like = is_type_like(self.req.tree, cid, c);
        for p in self.patterns {
            if !fits(p, type_like, c) || !triggered(self.req, p, cid) {
                continue;
            }
            let plan = match p.planner {
                PlannerKind::SplitType => {
                    let ty = TypeTarget {
                        name: &node.name,
                        qualified: &c.qualified_name,
                        start_line: c.start_line,
                        end_line: c.end_line,
                        methods: c.methods.unwrap_or(0),
                    };
                    split_type::plan(self.target, &ty, p)
                }
                _ => extract_function::plan(self.target, c, p),
            };
            self.push(plan, out);
        }
    }

    /// Scores a plan by the file's hotspot and keeps it.
    fn push(&self, plan: Option<Plan>, out: &mut Suggestions) {
        if let Some(mut plan) = plan {
            rank::score(&mut plan, self.target.hotspot);
            out.plans.push(plan);
        }
    }
}

/// True when the component is a type a split-type plan can take: a struct, enum, union or
/// class, or an impl block whose type is not defined next to it.
fn is_type_like(tree: &Tree, cid: NodeId, c: &ComponentNode) -> bool {
    let type_kind = matches!(
        c.kind,
        ComponentKind::Struct | ComponentKind::Enum | ComponentKind::Union | ComponentKind::Class
    );
    type_kind
        || (c.kind == ComponentKind::Impl
            && !c.qualified_name.starts_with('<')
            && !has_sibling_type(tree, cid, &c.qualified_name))
}

/// True when the pattern's planner suits the component.
fn fits(p: &Pattern, type_like: bool, c: &ComponentNode) -> bool {
    match p.applies_to {
        AppliesTo::Type => type_like && p.planner == PlannerKind::SplitType,
        AppliesTo::Function => c.kind.is_callable() && p.planner == PlannerKind::ExtractFunction,
        _ => false,
    }
}

fn components_below(tree: &Tree, file: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeId> = tree
        .node(file)
        .map(|n| n.children.iter().rev().copied().collect())
        .unwrap_or_default();
    while let Some(id) = stack.pop() {
        out.push(id);
        if let Some(n) = tree.node(id) {
            stack.extend(n.children.iter().rev().copied());
        }
    }
    out
}

/// True when an impl block's type is defined next to it (the type's own plan covers the impl).
fn has_sibling_type(tree: &Tree, impl_id: NodeId, qualified: &str) -> bool {
    sibling_type(tree, impl_id, qualified).is_some()
}

/// The struct, enum or union an impl block implements, when it is defined next to the impl.
fn sibling_type(tree: &Tree, impl_id: NodeId, qualified: &str) -> Option<NodeId> {
    let parent = tree.node(impl_id).and_then(|n| n.parent)?;
    let p = tree.node(parent)?;
    let base = qualified
        .rsplit("::")
        .next()
        .unwrap_or(qualified)
        .split('<')
        .next()
        .unwrap_or("");
    p.children.iter().copied().find(|&k| {
        tree.node(k).is_some_and(|n| {
            n.component().is_some_and(|c| {
                matches!(
                    c.kind,
                    ComponentKind::Struct | ComponentKind::Enum | ComponentKind::Union
                )
            }) && n.name == base
        })
    })
}
