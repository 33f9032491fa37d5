//! Planning alone, as the cockpit runs it for the selected node: the model of the file is
//! already there (a snapshot), so only `patterns::suggest` is timed: reading the file's text,
//! parsing it for the planners, and every planner the library applies. `bench/suggest_latency.sh`
//! times the whole `seamline suggest FILE` command (process start and the scan as well).
//!
//! Each file is scanned once, alone in a scratch directory; planning then runs `PLAN_RUNS`
//! times (default 30) after 3 warm-up runs, and the median, the fastest and the slowest are
//! printed with the number of plans.
//!
//! Run: `cargo bench --bench suggest_plan -- FILE...` (by default the four files of
//! `bench/suggest_latency.sh`, from the corpus of `bench/corpus.sh`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use seamline::config::{Config, LoadOptions};
use seamline::model::Model;
use seamline::patterns::{self, FsSources, Library, Request};
use seamline::scan::{self, ScanOptions};

/// The files of `bench/suggest_latency.sh`, under the corpus directory.
const DEFAULT: &[&str] = &[
    "django-5.1/django/db/models/query.py",
    "crates/serde-1.0.215/src/private/de.rs",
    "crates/regex-1.11.1/src/regex/bytes.rs",
    "crates/gimli-0.31.1/src/read/cfi.rs",
];

fn corpus() -> PathBuf {
    if let Some(c) = std::env::var_os("SEAMLINE_CORPUS") {
        return PathBuf::from(c);
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    Path::new(&home).join(".cache/seamline-bench/corpus")
}

/// Median, fastest and slowest of `runs` plannings of `file`, and the number of plans.
fn time_planning(file: &Path, runs: usize) -> Option<(Duration, Duration, Duration, usize)> {
    let dir = tempfile::tempdir().ok()?;
    let name = file.file_name()?;
    std::fs::copy(file, dir.path().join(name)).ok()?;
    let root = dir.path().to_path_buf();
    let cfg = Config::load(&LoadOptions {
        root: root.clone(),
        ..LoadOptions::default()
    })
    .ok()?;
    let mut opts = ScanOptions::new(&root);
    opts.cache_dir = None;
    let result = scan::scan(&opts).ok()?;
    let model = Model::from_scan(&result).ok()?;
    let snapshot = model.snapshot();
    let target = snapshot.lookup(&name.to_string_lossy())?;
    let library = Library::load(&root, None);
    let sources = FsSources::new(&root, cfg.max_file_size);
    let req = Request {
        tree: &snapshot,
        target,
        policy: &cfg,
        library: &library,
        sources: &sources,
        history: None,
        force: false,
    };
    let mut plans = 0;
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs + 3 {
        let t = Instant::now();
        let s = patterns::suggest(&req);
        let took = t.elapsed();
        plans = s.plans.len();
        if i >= 3 {
            times.push(took);
        }
    }
    times.sort();
    let median = times.get(times.len() / 2).copied()?;
    Some((median, *times.first()?, *times.last()?, plans))
}

fn main() {
    let runs: usize = std::env::var("PLAN_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let files: Vec<PathBuf> = if args.is_empty() {
        DEFAULT.iter().map(|f| corpus().join(f)).collect()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    println!("| file | lines | planning, median | fastest | slowest | plans |");
    println!("|---|---:|---:|---:|---:|---:|");
    for f in &files {
        let lines = std::fs::read_to_string(f)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        match time_planning(f, runs) {
            Some((median, min, max, plans)) => println!(
                "| {} | {lines} | {:.1} ms | {:.1} ms | {:.1} ms | {plans} |",
                f.display(),
                median.as_secs_f64() * 1e3,
                min.as_secs_f64() * 1e3,
                max.as_secs_f64() * 1e3
            ),
            None => println!(
                "| {} | {lines} | cannot be planned (missing?) | | | |",
                f.display()
            ),
        }
    }
}
