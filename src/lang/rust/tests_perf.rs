//! Measurements on real code, ignored by default (run them in release):
//! `cargo test --release --lib lang::rust::tests_perf -- --ignored --nocapture`.
//! They read crate sources from `SEAMLINE_RUST_CORPUS`, or from cargo's registry sources.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{analyze, guard};

fn corpus_root() -> PathBuf {
    if let Ok(dir) = std::env::var("SEAMLINE_RUST_CORPUS") {
        return PathBuf::from(dir);
    }
    let cargo = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    cargo.join("registry").join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn read_all(files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(p).ok()?)))
        .filter(|(_, s)| s.len() <= 2 << 20)
        .collect()
}

fn mb_per_s(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64().max(1e-9)
}

/// Per-file times of the guard, of syn alone (parse, drop, span reset) and of `analyze`, taken
/// back to back so that load from other processes hits all three alike; best of `rounds`.
fn time_three(sources: &[(PathBuf, String)], rounds: usize) -> [Duration; 3] {
    let mut total = [Duration::ZERO; 3];
    for (_, s) in sources {
        let mut best = [Duration::MAX; 3];
        for _ in 0..rounds {
            let t = Instant::now();
            std::hint::black_box(guard::estimate(s));
            best[0] = best[0].min(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(syn::parse_file(s).is_ok());
            proc_macro2::extra::invalidate_current_thread_spans();
            best[1] = best[1].min(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(analyze(s));
            best[2] = best[2].min(t.elapsed());
        }
        for (acc, b) in total.iter_mut().zip(best) {
            *acc += b;
        }
    }
    total
}

#[test]
#[ignore = "measurement on real code; run in release with --nocapture"]
fn throughput() {
    let root = corpus_root();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let syn_files: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("/syn-2.0.119/"))
        .cloned()
        .collect();
    let sets = [
        ("syn 2.0.119 sources", &syn_files, 5),
        ("all registry sources", &files, 1),
    ];
    for (label, files, rounds) in sets {
        let sources = read_all(files);
        let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
        let lines: usize = sources.iter().map(|(_, s)| s.lines().count()).sum();
        let [guard_t, parse_t, full_t] = time_three(&sources, rounds);
        println!(
            "{label}: {} files, {:.1} MB, {lines} lines | guard {:.0} MB/s | syn alone {:.1} MB/s | analyze {:.1} MB/s, {:.0} lines/s, {:.0}% of syn-alone speed",
            sources.len(),
            bytes as f64 / 1e6,
            mb_per_s(bytes, guard_t),
            mb_per_s(bytes, parse_t),
            mb_per_s(bytes, full_t),
            lines as f64 / full_t.as_secs_f64().max(1e-9),
            100.0 * parse_t.as_secs_f64() / full_t.as_secs_f64().max(1e-9),
        );
    }
}

#[test]
#[ignore = "measurement on real code; run in release with --nocapture"]
fn guard_units_on_real_code() {
    let mut files = Vec::new();
    rust_files(&corpus_root(), &mut files);
    let sources = read_all(&files);
    let mut units: Vec<(u32, &Path)> = sources
        .iter()
        .map(|(p, s)| (guard::estimate(s).units, p.as_path()))
        .collect();
    units.sort();
    let at = |q: f64| {
        let i = ((units.len().saturating_sub(1)) as f64 * q) as usize;
        units.get(i).map(|u| u.0).unwrap_or_default()
    };
    let inline = super::INLINE_STACK / super::BYTES_PER_UNIT;
    let own = units.iter().filter(|u| u.0 as usize > inline).count();
    let refused = units.iter().filter(|u| u.0 > super::MAX_UNITS).count();
    println!(
        "{} files: units p50 {} p90 {} p99 {} max {} | on the caller's stack up to {inline}: {} files on their own stack, {} refused",
        units.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0),
        own,
        refused
    );
    for (u, p) in units.iter().rev().take(8) {
        println!("  {u:6} {}", p.display());
    }
}

/// Every component of every parsable registry file has a sane span inside its parent's.
#[test]
#[ignore = "sweep over real code; run in release with --nocapture"]
fn spans_nest_on_real_code() {
    fn check(c: &crate::model::facts::Component, lo: u32, hi: u32, bad: &mut Vec<String>) {
        if c.start_line < lo || c.end_line > hi || c.start_line > c.end_line || c.name.is_empty() {
            bad.push(format!(
                "{} {}..{} in {lo}..{hi}",
                c.qualified_name, c.start_line, c.end_line
            ));
        }
        for child in &c.children {
            check(child, c.start_line, c.end_line, bad);
        }
    }
    let mut files = Vec::new();
    rust_files(&corpus_root(), &mut files);
    let (mut parsed, mut components, mut bad, mut failed) = (0, 0, Vec::new(), Vec::new());
    for (path, src) in read_all(&files) {
        let a = analyze(&src);
        if let Some(issue) = &a.parse_error {
            failed.push(format!(
                "{}:{} {}",
                path.display(),
                issue.line,
                issue.message
            ));
            continue;
        }
        parsed += 1;
        let lines = u32::try_from(src.lines().count())
            .unwrap_or(u32::MAX)
            .max(1);
        for c in &a.components {
            components += c.count();
            let before = bad.len();
            check(c, 1, lines, &mut bad);
            if bad.len() > before {
                bad.push(format!("  in {}", path.display()));
            }
        }
    }
    println!(
        "{parsed} files parsed, {components} components, {} bad spans",
        bad.len()
    );
    for b in bad.iter().take(20) {
        println!("{b}");
    }
    println!("{} files with syntax errors:", failed.len());
    for f in failed.iter().take(30) {
        println!("  {f}");
    }
    assert!(bad.is_empty());
}
