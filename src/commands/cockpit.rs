//! `seamline [PATH]`: the cockpit. Turns the command line into the cockpit's options and says,
//! once the terminal is back, where the session summary went (and, for benchmarks, how long the
//! first frames took).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use seamline::tui::color::ColorChoice;
use seamline::tui::{self, ExitAfter, Options, WatchChoice};

use crate::cli::{CockpitArgs, CockpitWatch, ColorArg, ExitAfterArg};

/// Opens the cockpit on `path`.
pub fn run(path: PathBuf, args: &CockpitArgs) -> anyhow::Result<ExitCode> {
    let config_root = super::scan::config_root(&path);
    let mut load = seamline::config::LoadOptions::for_root(&config_root);
    if args.config.no_user_config {
        load.user_file = None;
    }
    load.config_file = args.config.config.clone();
    load.limit_flags = args.config.limits.clone();
    let opts = Options {
        root: path,
        config: load,
        watch: match args.watch {
            CockpitWatch::Native => WatchChoice::Auto,
            CockpitWatch::Poll => WatchChoice::Poll,
            CockpitWatch::Off => WatchChoice::Off,
        },
        theme: args.theme.clone(),
        color: match args.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        },
        ascii: args.ascii,
        summary: args.summary.clone(),
        cache_dir: super::cache_dir(&args.scan.cache_dir, args.scan.no_cache),
        threads: args.scan.threads,
        exit_after: args.exit_after.map(|e| match e {
            ExitAfterArg::First => ExitAfter::First,
            ExitAfterArg::Ready => ExitAfter::Ready,
        }),
        planner: Arc::new(tui::suggest::PatternEngine::new(
            !args.config.no_user_config,
        )),
    };
    let bench = opts.exit_after.is_some();
    let outcome = tui::run(opts)?;
    if let Some(file) = &outcome.summary {
        let shown = seamline::sanitize::sanitize(&file.display().to_string()).into_owned();
        eprintln!("seamline: session summary written to {shown}");
    }
    if bench {
        let ms = |v: Option<u128>| v.map_or("-".to_string(), |m| m.to_string());
        eprintln!(
            "first frame: {} ms, first complete frame: {} ms (model published at {} ms)",
            ms(outcome.first_frame_ms),
            ms(outcome.ready_frame_ms),
            ms(outcome.model_ms)
        );
    }
    Ok(ExitCode::SUCCESS)
}
