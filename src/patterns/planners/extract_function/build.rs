//! From a candidate block to a scored [`Candidate`]: its signature, escapes, a name from its
//! dominant identifiers, and the function before and after (measured with the block cut out).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::Node;

use super::blocks::Block;
use super::flow::{self, Occurrence};
use super::measure::{measure, Contributions, Measure};
use super::syntax::Syntax;
use crate::bands::{Band, BandLevels, Limits, Metric};
use crate::model::facts::FnMetrics;
use crate::patterns::naming;
use crate::patterns::types::{Candidate, FnPrediction};

/// The function being planned, as measured by the model and by the planner.
pub struct Function<'t, 's> {
    pub syn: &'static Syntax,
    pub node: Node<'t>,
    pub body: Node<'t>,
    pub src: &'s str,
    pub occ: Vec<Occurrence<'s>>,
    /// Lines and metrics from the model.
    pub lines: u32,
    pub metrics: FnMetrics,
    /// The planner's own measure of the whole body (predictions are deltas from it).
    pub own: Measure,
    /// What each node of the body adds to `own`.
    pub parts: Contributions,
    /// Per statement or block node (by id): its measure on its own and its escapes. A run of
    /// statements is many candidates (every window of a list), each the sum of its nodes.
    pub roots: RefCell<HashMap<usize, (Measure, Vec<String>)>>,
    pub limits: Limits,
    pub levels: BandLevels,
}

/// Blocks shorter than this are not worth a function of their own.
pub const MIN_LINES: u32 = 3;

impl Function<'_, '_> {
    /// The function once the byte ranges `cut` (with their line counts) are calls.
    pub fn after(&self, cut: &[Range<usize>], cut_lines: u32) -> FnPrediction {
        let m = self.parts.without(cut);
        let lines = self.lines.saturating_sub(cut_lines) + cut.len() as u32;
        let pred = FnPrediction {
            lines,
            cyclomatic: self
                .metrics
                .cyclomatic
                .saturating_sub(self.own.decisions - m.decisions.min(self.own.decisions)),
            cognitive: self
                .metrics
                .cognitive
                .saturating_sub(self.own.cognitive - m.cognitive.min(self.own.cognitive)),
            nesting: m.nesting.min(self.metrics.nesting),
            params: self.metrics.params,
            band: None,
        };
        self.banded(pred)
    }

    /// The measure of `nodes` taken out as a function, and their escapes: per node, computed
    /// once (a measure of several roots is their sum, its deepest nesting their deepest).
    fn on_their_own(&self, nodes: &[Node<'_>]) -> (Measure, Vec<String>) {
        let mut memo = self.roots.borrow_mut();
        let mut m = Measure::default();
        let mut escapes = Vec::new();
        for n in nodes {
            let (one, esc) = memo.entry(n.id()).or_insert_with(|| {
                let one = measure(self.syn, std::slice::from_ref(n), 0, &[]);
                (one, flow::escapes(self.syn, std::slice::from_ref(n)))
            });
            m.decisions += one.decisions;
            m.cognitive += one.cognitive;
            m.nesting = m.nesting.max(one.nesting);
            escapes.extend(esc.iter().cloned());
        }
        escapes.sort();
        escapes.dedup();
        (m, escapes)
    }

    /// The worst band of a prediction's metrics.
    pub fn banded(&self, mut p: FnPrediction) -> FnPrediction {
        let band = |metric: Metric, v: u32| self.levels.band(v, self.limits.get(metric));
        let worst = [
            band(Metric::FunctionLines, p.lines),
            band(Metric::Cyclomatic, p.cyclomatic),
            band(Metric::Cognitive, p.cognitive),
            band(Metric::Nesting, p.nesting),
            band(Metric::Params, p.params),
        ]
        .into_iter()
        .max()
        .unwrap_or(Band::Ok);
        p.band = Some(worst);
        p
    }

    /// The candidate, or `None` when the block is too small or is most of the function.
    pub fn candidate(&self, b: &Block<'_>) -> Option<Candidate> {
        let (start_line, end_line) = b.lines();
        let lines = end_line.saturating_sub(start_line) + 1;
        if lines < MIN_LINES || lines * 10 > self.lines * 8 {
            return None;
        }
        let bytes = b.bytes();
        let first = *b.nodes.first()?;
        let scope = self
            .loop_around(first)
            .unwrap_or_else(|| self.node.byte_range());
        let (inputs, outputs) = flow::signature(&self.occ, &bytes, &scope);
        let (inner, escapes) = self.on_their_own(&b.nodes);
        let after = self.after(std::slice::from_ref(&bytes), lines);
        let extracted = self.banded(FnPrediction {
            lines: lines + 1,
            cyclomatic: inner.decisions + 1,
            cognitive: inner.cognitive,
            nesting: inner.nesting,
            params: inputs.len() as u32,
            band: None,
        });
        let removed = self.metrics.cognitive.saturating_sub(after.cognitive);
        let score = score(removed, lines, inputs.len() + outputs.len(), escapes.len());
        Some(Candidate {
            kind: b.kind.to_string(),
            start_line,
            end_line,
            name: String::new(),
            inputs,
            outputs,
            escapes,
            after,
            extracted,
            score,
        })
    }

    /// The byte range of the innermost loop around `n` inside the function.
    fn loop_around(&self, n: Node<'_>) -> Option<Range<usize>> {
        let mut cur = n.parent();
        while let Some(p) = cur {
            if p.id() == self.node.id() {
                return None;
            }
            if self.syn.is_loop(p.kind()) {
                return Some(p.byte_range());
            }
            cur = p.parent();
        }
        None
    }

    /// Identifier words of the byte range, weighted by occurrence.
    pub fn bag(&self, bytes: &Range<usize>) -> HashMap<String, f64> {
        naming::bag(
            self.occ
                .iter()
                .filter(|o| bytes.contains(&o.at))
                .map(|o| (o.name, if o.write { 2.0 } else { 1.0 })),
        )
    }
}

/// (cognitive removed + lines removed / 10) / (1 + signature size + 2 × escapes).
pub fn score(removed: u32, lines: u32, signature: usize, escapes: usize) -> f64 {
    let gain = f64::from(removed) + f64::from(lines) / 10.0;
    let cost = 1.0 + signature as f64 + 2.0 * escapes as f64;
    (gain / cost * 100.0).round() / 100.0
}

/// `word1_word2` from the two heaviest words of the bag (ties alphabetical), or `fallback`.
pub fn name_of(bag: &HashMap<String, f64>, fallback: &str) -> String {
    let mut words: Vec<(&String, &f64)> = bag.iter().collect();
    words.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<&str> = words.iter().take(2).map(|(w, _)| w.as_str()).collect();
    if top.is_empty() {
        fallback.to_string()
    } else {
        top.join("_")
    }
}
