//! Complexity of one Rust function body, measured in a single walk of its syntax tree.
//!
//! Cyclomatic complexity, SonarSource cognitive complexity and nesting depth are counted
//! together; the rules are written down in `docs/metrics.md` ("Rust (syn)"), and this module
//! follows them exactly. Closures and async blocks belong to the function they are written in.
//! Items nested in the body (functions, types, impls) are *not* measured here: they are handed
//! back so the component builder can make them children of the function.

use proc_macro2::Span;
use syn::visit::{self, Visit};
use syn::{
    Attribute, BinOp, Block, Expr, ExprIf, ExprMatch, FnArg, Item, Local, Macro, Pat, Path,
    Signature, Type,
};

use crate::model::facts::FnMetrics;

/// Expressions nested deeper than this are not descended into (the guard in `mod.rs` keeps
/// real files far below it; this only bounds the walk's own recursion).
pub const MAX_DEPTH: u32 = 60_000;

/// Measures a function: `block` is `None` for a trait method without a default body.
/// Returns the metrics and the items declared inside the body, in source order.
pub fn measure<'ast>(sig: &Signature, block: Option<&'ast Block>) -> (FnMetrics, Vec<&'ast Item>) {
    let mut scan = Scan::default();
    if let Some(b) = block {
        scan.visit_block(b);
    }
    let metrics = FnMetrics {
        cyclomatic: scan.decisions.saturating_add(1),
        cognitive: scan.cognitive,
        params: params(sig),
        nesting: scan.max_nesting,
        nesting_line: scan.nesting_line,
    };
    (metrics, scan.items)
}

/// The items declared inside an expression that is not a function body (a `const` or `static`
/// initialiser, such as `const _: () = { impl Trait for T { … } };`).
pub fn items_in(e: &Expr) -> Vec<&Item> {
    let mut scan = Scan::default();
    scan.visit_expr(e);
    scan.items
}

/// Declared parameters, the `self` receiver excluded.
pub fn params(sig: &Signature) -> u32 {
    let n = sig
        .inputs
        .iter()
        .filter(|a| matches!(a, FnArg::Typed(_)))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Default)]
struct Scan<'ast> {
    /// Cyclomatic decision points (the function's own path, +1, is added at the end).
    decisions: u32,
    cognitive: u32,
    /// Current cognitive nesting level.
    nesting: u32,
    max_nesting: u32,
    nesting_line: u32,
    /// Recursion depth of this walk.
    depth: u32,
    items: Vec<&'ast Item>,
}

/// `Some(true)` for `&&`, `Some(false)` for `||`, `None` for every other operator.
fn logical(op: &BinOp) -> Option<bool> {
    match op {
        BinOp::And(_) => Some(true),
        BinOp::Or(_) => Some(false),
        _ => None,
    }
}

/// True when `e`, seen through parentheses, is a `&&` / `||` expression.
fn is_logical(mut e: &Expr) -> bool {
    loop {
        match e {
            Expr::Paren(p) => e = &p.expr,
            Expr::Binary(b) => return logical(&b.op).is_some(),
            _ => return false,
        }
    }
}

fn line(span: Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(u32::MAX)
}

impl<'ast> Scan<'ast> {
    fn add_decisions(&mut self, n: u32) {
        self.decisions = self.decisions.saturating_add(n);
    }

    /// +1, plus the nesting level when `nested` (structures that break the flow).
    fn add_cognitive(&mut self, nested: bool) {
        let n = if nested {
            self.nesting.saturating_add(1)
        } else {
            1
        };
        self.cognitive = self.cognitive.saturating_add(n);
    }

    /// A control structure starts here, at the current nesting level.
    fn structure(&mut self, span: Span) {
        let depth = self.nesting.saturating_add(1);
        if depth > self.max_nesting {
            self.max_nesting = depth;
            self.nesting_line = line(span);
        }
    }

    fn nested_block(&mut self, b: &'ast Block) {
        self.nesting = self.nesting.saturating_add(1);
        self.visit_block(b);
        self.nesting = self.nesting.saturating_sub(1);
    }

    fn nested_expr(&mut self, e: &'ast Expr) {
        self.nesting = self.nesting.saturating_add(1);
        self.visit_expr(e);
        self.nesting = self.nesting.saturating_sub(1);
    }

    /// `if` / `else if` / `else`, walked as one chain so long ladders do not recurse.
    fn if_chain(&mut self, first: &'ast ExprIf) {
        self.add_cognitive(true);
        self.structure(first.if_token.span);
        let mut current = first;
        loop {
            self.add_decisions(1);
            self.visit_expr(&current.cond);
            self.nested_block(&current.then_branch);
            let Some((_, alternative)) = &current.else_branch else {
                break;
            };
            self.add_cognitive(false);
            match &**alternative {
                Expr::If(next) => current = next,
                other => {
                    self.nested_expr(other);
                    break;
                }
            }
        }
    }

    fn match_expr(&mut self, m: &'ast ExprMatch) {
        self.visit_expr(&m.expr);
        self.add_cognitive(true);
        self.structure(m.match_token.span);
        let arms = u32::try_from(m.arms.len()).unwrap_or(u32::MAX);
        self.add_decisions(arms.saturating_sub(1));
        self.nesting = self.nesting.saturating_add(1);
        for arm in &m.arms {
            if let Some((_, guard)) = &arm.guard {
                self.add_decisions(1);
                self.visit_expr(guard);
            }
            self.visit_expr(&arm.body);
        }
        self.nesting = self.nesting.saturating_sub(1);
    }

    /// A loop: its header is read at the current level, its body one level deeper.
    fn looping(&mut self, keyword: Span, header: Option<&'ast Expr>, body: &'ast Block) {
        if let Some(h) = header {
            self.visit_expr(h);
        }
        self.add_cognitive(true);
        self.add_decisions(1);
        self.structure(keyword);
        self.nested_block(body);
    }

    /// A maximal tree of `&&` / `||` (parentheses see-through): one cognitive increment per run
    /// of like operators in source order, one decision per operator.
    fn logic(&mut self, e: &'ast Expr, previous: &mut Option<bool>) {
        match e {
            Expr::Binary(b) => match logical(&b.op) {
                Some(and) if self.depth < MAX_DEPTH => {
                    self.depth += 1;
                    self.logic(&b.left, previous);
                    if *previous != Some(and) {
                        self.add_cognitive(false);
                    }
                    *previous = Some(and);
                    self.add_decisions(1);
                    self.logic(&b.right, previous);
                    self.depth -= 1;
                }
                _ => self.visit_expr(e),
            },
            Expr::Paren(p) if is_logical(&p.expr) => self.logic(&p.expr, previous),
            _ => self.visit_expr(e),
        }
    }

    fn dispatch(&mut self, e: &'ast Expr) {
        match e {
            Expr::If(x) => self.if_chain(x),
            Expr::Match(x) => self.match_expr(x),
            Expr::ForLoop(x) => self.looping(x.for_token.span, Some(&x.expr), &x.body),
            Expr::While(x) => self.looping(x.while_token.span, Some(&x.cond), &x.body),
            Expr::Loop(x) => self.looping(x.loop_token.span, None, &x.body),
            Expr::Closure(x) => self.nested_expr(&x.body),
            Expr::Async(x) => self.nested_block(&x.block),
            Expr::Binary(b) if logical(&b.op).is_some() => self.logic(e, &mut None),
            Expr::Break(x) => {
                self.jump(x.label.is_some());
                if let Some(value) = &x.expr {
                    self.visit_expr(value);
                }
            }
            Expr::Continue(x) => self.jump(x.label.is_some()),
            _ => visit::visit_expr(self, e),
        }
    }

    /// `break` / `continue`: +1 flat when they name a label.
    fn jump(&mut self, labelled: bool) {
        if labelled {
            self.add_cognitive(false);
        }
    }
}

impl<'ast> Visit<'ast> for Scan<'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.dispatch(e);
        self.depth -= 1;
    }

    /// `let … else { … }` is a conditional like `if let`: its `else` block diverges.
    fn visit_local(&mut self, local: &'ast Local) {
        let Some(init) = &local.init else {
            return;
        };
        self.visit_expr(&init.expr);
        if let Some((_, diverge)) = &init.diverge {
            self.add_cognitive(true);
            self.add_decisions(1);
            self.structure(local.let_token.span);
            self.nested_expr(diverge);
        }
    }

    fn visit_item(&mut self, item: &'ast Item) {
        self.items.push(item);
    }

    // Nothing below can hold control flow worth measuring; skipping them keeps the walk cheap.
    fn visit_attribute(&mut self, _: &'ast Attribute) {}
    fn visit_type(&mut self, _: &'ast Type) {}
    fn visit_pat(&mut self, _: &'ast Pat) {}
    fn visit_path(&mut self, _: &'ast Path) {}
    fn visit_macro(&mut self, _: &'ast Macro) {}
}
