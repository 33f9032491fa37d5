//! `seamline history`: scan the tree for the code model (sizes, complexity), walk its git
//! history, and print hotspots, churn, couplings and times to breach (tables or JSON).
//! A path with no usable history is not an error: the report says why (exit 0). Only a path
//! that does not exist, or a bad option, exits 2.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use seamline::config::Config;
use seamline::history::{self, date, Coverage, HistoryOptions, Source, WalkOptions};
use seamline::model::Model;
use seamline::report;
use seamline::scan::{self, ScanOptions};

use crate::cli::{HistoryArgs, HistoryFormat};

/// Runs the command.
pub fn run(args: &HistoryArgs) -> anyhow::Result<ExitCode> {
    if std::fs::symlink_metadata(&args.path).is_err() {
        anyhow::bail!("{}: no such file or directory", args.path.display());
    }
    let cfg = super::load_config(&super::scan::config_root(&args.path), &args.config)?;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let since = args
        .since
        .as_deref()
        .map(|s| date::parse_since(s, now))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--since {e}"))?;
    let opts = HistoryOptions {
        walk: WalkOptions {
            renames: !args.no_renames,
            since,
            max_commits: args.max_commits,
            threads: args.scan.threads,
            cache_dir: super::cache_dir(&args.scan.cache_dir, args.scan.no_cache),
        },
        settings: cfg.history,
        file: args.file.clone(),
    };
    let model = model_for(&args.path, args, &cfg)?;
    let mut progress = Progress::new();
    let report = history::analyze(&args.path, &opts, &cfg, model.as_deref(), &mut |c| {
        progress.show(c)
    })?;
    progress.clear();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let root = args.path.display().to_string();
    match args.format {
        HistoryFormat::Table => report::history_table::write(&mut out, &root, &report, args.top)?,
        HistoryFormat::Json => report::history_json::write(&mut out, &root, &report)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The history of a scanned path, for `scan --history` (whole history, renames followed).
pub fn for_scan(
    path: &Path,
    cfg: &Config,
    model: &Model,
    no_cache: bool,
    cache_dir: &Option<std::path::PathBuf>,
) -> anyhow::Result<history::HistoryReport> {
    let opts = HistoryOptions {
        walk: WalkOptions {
            renames: true,
            cache_dir: super::cache_dir(cache_dir, no_cache),
            ..WalkOptions::default()
        },
        settings: cfg.history,
        file: None,
    };
    let mut progress = Progress::new();
    let report = history::analyze(path, &opts, cfg, Some(model), &mut |c| progress.show(c))?;
    progress.clear();
    Ok(report)
}

/// The code model of `path` when it lies in a working tree (a bare repository or a path outside
/// any repository has none worth scanning here).
fn model_for(path: &Path, args: &HistoryArgs, cfg: &Config) -> anyhow::Result<Option<Model>> {
    match Source::open(path) {
        Ok(src) if src.workdir.is_some() => {}
        _ => return Ok(None),
    }
    let mut opts = ScanOptions::new(path);
    opts.threads = args.scan.threads;
    opts.max_file_size = cfg.max_file_size;
    opts.ignore = cfg.ignore.clone();
    opts.languages = cfg.languages.clone();
    opts.progress = true;
    opts.cache_dir = super::cache_dir(&args.scan.cache_dir, args.scan.no_cache);
    let result = scan::scan(&opts)?;
    Ok(Some(
        Model::from_scan(&result).context("building the model")?,
    ))
}

/// "history: 12,400 of 19,186 commits" on stderr, for a terminal, after a short delay.
struct Progress {
    started: Instant,
    last: Option<Instant>,
    terminal: bool,
}

const DELAY: Duration = Duration::from_millis(250);
const TICK: Duration = Duration::from_millis(100);
const CLEAR: &str = "\r\x1b[2K";

impl Progress {
    fn new() -> Self {
        Progress {
            started: Instant::now(),
            last: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, c: Coverage) {
        if !self.terminal || self.started.elapsed() < DELAY {
            return;
        }
        if self.last.is_some_and(|t| t.elapsed() < TICK) {
            return;
        }
        self.last = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{CLEAR}{c}");
        let _ = err.flush();
    }

    fn clear(&mut self) {
        if self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "{CLEAR}");
            let _ = err.flush();
        }
    }
}
