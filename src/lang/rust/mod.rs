//! Rust analysis with syn; falls back to tree-sitter-rust when syn cannot (or must not) parse.
//!
//! One parse and one walk per file: `items` builds the component tree and calls `complexity`
//! for every function body on the way down. Guarantees:
//! - never panics (a panic inside syn is caught and treated like a parse failure);
//! - never overflows the stack: `guard` bounds syn's recursion before syn runs; deep files are
//!   parsed on a thread whose stack is sized for them, absurd ones go to tree-sitter;
//! - never leaks: proc-macro2 keeps every parsed source in a thread-local map (that is how
//!   spans know their lines), and it is cleared after each file.

mod complexity;
mod guard;
mod items;
mod lex;
mod names;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_complexity;
#[cfg(test)]
mod tests_guard;
#[cfg(test)]
mod tests_perf;
#[cfg(test)]
mod tests_rules;

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::{treesitter, Analysis, Language};
use crate::model::facts::{Component, ParseIssue};

/// Stack bytes one guard unit may need: syn's parser, its drop glue and our walk together.
/// `tests_guard::calibrate` measures the worst of 26 pathological shapes: about 3.2 KiB in
/// release builds and 31 KiB in debug builds (far larger frames); these leave headroom.
const BYTES_PER_UNIT: usize = if cfg!(debug_assertions) {
    64 << 10
} else {
    5 << 10
};
/// Stack a file may use on the caller's thread (callers are assumed to have 2 MiB threads).
const INLINE_STACK: usize = 1 << 20;
/// Fixed part of a dedicated thread's stack.
const BASE_STACK: usize = 1 << 20;
/// Files deeper than this are not given to syn at all (their stack would pass 250 MiB in
/// release builds; real code stays under 500 units).
const MAX_UNITS: u32 = 50_000;

/// Analyses Rust source. Never fails: on a syn error the tree-sitter fallback recovers components
/// and the error is reported in `parse_error`.
pub fn analyze(src: &str) -> Analysis {
    let risk = guard::estimate(src);
    if risk.units > MAX_UNITS {
        let message = format!(
            "nesting too deep for syn (about {} levels); components recovered with tree-sitter",
            risk.units
        );
        return fallback(src, issue(risk.line, message));
    }
    let needed = (risk.units as usize).saturating_mul(BYTES_PER_UNIT);
    let outcome = if needed <= INLINE_STACK {
        parse_caught(src)
    } else {
        parse_on_own_stack(src, BASE_STACK.saturating_add(needed))
    };
    match outcome {
        Some(Ok(components)) => Analysis {
            components,
            parse_error: None,
        },
        Some(Err(e)) => fallback(src, e),
        None => {
            let message = "syn could not run on this file; components recovered with tree-sitter";
            fallback(src, issue(risk.line, message.to_string()))
        }
    }
}

fn issue(line: u32, message: String) -> ParseIssue {
    ParseIssue {
        line: line.max(1),
        message,
    }
}

/// Components from tree-sitter-rust (none while it is unavailable), with `issue` reported.
fn fallback(src: &str, issue: ParseIssue) -> Analysis {
    let components = treesitter::analyze(Language::Rust, src)
        .map(|a| a.components)
        .unwrap_or_default();
    Analysis {
        components,
        parse_error: Some(issue),
    }
}

/// Parses on the current thread; `None` if syn panicked.
fn parse_caught(src: &str) -> Option<Result<Vec<Component>, ParseIssue>> {
    let outcome = catch_unwind(AssertUnwindSafe(|| parse(src))).ok();
    // After a panic the source map still holds this file.
    proc_macro2::extra::invalidate_current_thread_spans();
    outcome
}

/// Parses on a scoped thread with `stack` bytes of stack; `None` if the thread could not be
/// started or syn panicked.
fn parse_on_own_stack(src: &str, stack: usize) -> Option<Result<Vec<Component>, ParseIssue>> {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("seamline-syn".to_string())
            .stack_size(stack)
            .spawn_scoped(s, || parse(src))
            .ok()?;
        handle.join().ok()
    })
}

/// The one parse and the one walk. The syntax tree is dropped before the spans are invalidated.
fn parse(src: &str) -> Result<Vec<Component>, ParseIssue> {
    let result = match syn::parse_file(src) {
        Ok(file) => Ok(items::file_components(&file.items)),
        Err(e) => Err(syn_issue(&e, src)),
    };
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// The first error syn reported, at its line; errors at the end of input (which carry no
/// position) are put on the last line.
fn syn_issue(e: &syn::Error, src: &str) -> ParseIssue {
    let span = e.span();
    let line = if span.file() == proc_macro2::Span::call_site().file() {
        src.lines().count()
    } else {
        span.start().line
    };
    let mut message = e.to_string();
    if message == "cannot parse string into token stream" {
        // proc-macro2's lexer error: name what it means.
        message = "unbalanced delimiter, or unterminated string, char or comment".to_string();
    }
    issue(u32::try_from(line).unwrap_or(u32::MAX), message)
}
