//! `seamline scan`: walk and measure a tree, print tables or JSON.

use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use seamline::model::Model;
use seamline::report;
use seamline::scan::{self, ScanOptions};

use crate::cli::{ScanArgs, ScanFormat};

/// The directory whose `.seamline.toml` applies: the path itself, or a file's directory.
pub fn config_root(path: &std::path::Path) -> std::path::PathBuf {
    if path.is_file() {
        path.parent().map(|p| p.to_path_buf()).unwrap_or_default()
    } else {
        path.to_path_buf()
    }
}

/// Runs the scan described by `args` and writes its report to stdout.
pub fn run(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let cfg = super::load_config(&config_root(&args.path), &args.config)?;
    let mut opts = ScanOptions::new(&args.path);
    opts.lines_only = args.lines_only;
    opts.threads = args.threads;
    opts.max_file_size = args.max_file_size.unwrap_or(cfg.max_file_size);
    opts.ignore = cfg.ignore.clone();
    opts.languages = cfg.languages.clone();
    opts.progress = true;
    opts.cache_dir = super::cache_dir(&args.cache_dir, args.no_cache);
    let started = Instant::now();
    let mut result = scan::scan(&opts)?;
    let model = Model::take_scan(&mut result).context("building the model")?;
    let elapsed = started.elapsed();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let root = args.path.display().to_string();
    let history = match args.history {
        true => Some(super::history::for_scan(
            &args.path,
            &cfg,
            &model,
            args.no_cache,
            &args.cache_dir,
        )?),
        false => None,
    };
    match args.format {
        ScanFormat::Table => {
            {
                let opts = report::scan_table::TableOptions {
                    top: args.top,
                    elapsed,
                };
                report::scan_table::write(&mut out, &root, &model, &result, opts)?
            };
            if let Some(h) = &history {
                writeln!(out)?;
                report::history_table::write(&mut out, &root, h, args.top)?;
            }
        }
        ScanFormat::Json => report::scan_json::write_with_history(
            &mut out,
            &root,
            &model,
            &result,
            history.as_ref().map(report::history_json::value),
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
