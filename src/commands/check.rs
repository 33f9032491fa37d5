//! `seamline check`: scan, assess every node against its limits, judge (plainly, against a
//! baseline, or against a git revision), report, and exit 0 (pass), 1 (fail) or 2 (error).

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use seamline::bands::findings::collect;
use seamline::bands::Band;
use seamline::check::baseline::Baseline;
use seamline::check::diff::Touched;
use seamline::check::{judge_baseline, judge_diff, judge_plain, Outcome};
use seamline::config::Config;
use seamline::model::Model;
use seamline::report;
use seamline::scan::{self, ScanOptions};

use crate::cli::{CheckArgs, CheckFormat};

/// Runs the check.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let cfg = super::load_config(&args.path, &args.config)?;
    let fail_at = match &args.fail_at {
        Some(b) => Band::parse(b).context("unknown band")?,
        None => cfg.fail_at,
    };
    let model = scan_model(args, &cfg)?;
    let findings = collect(&model, &cfg, Band::Watch);
    let outcome = judge(args, &cfg, findings, fail_at)?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        CheckFormat::Human => {
            report::check_human::write(&mut out, &outcome, color, args.show_suppressed)?
        }
        CheckFormat::Json => report::check_json::write(&mut out, &outcome)?,
        CheckFormat::Sarif => report::check_sarif::write(&mut out, &outcome, &root_uri(args))?,
        CheckFormat::Markdown => report::check_markdown::write(&mut out, &outcome)?,
        CheckFormat::Github => report::check_github::write(&mut out, &outcome)?,
    }
    out.flush()?;
    Ok(if outcome.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn scan_model(args: &CheckArgs, cfg: &Config) -> anyhow::Result<Model> {
    let mut opts = ScanOptions::new(&args.path);
    opts.threads = args.scan.threads;
    opts.max_file_size = cfg.max_file_size;
    opts.ignore = cfg.ignore.clone();
    opts.languages = cfg.languages.clone();
    opts.progress = true;
    opts.cache_dir = super::cache_dir(&args.scan.cache_dir, args.scan.no_cache);
    let mut result = scan::scan(&opts)?;
    Model::take_scan(&mut result).context("building the model")
}

fn judge(
    args: &CheckArgs,
    cfg: &Config,
    findings: seamline::bands::findings::Findings,
    fail_at: Band,
) -> anyhow::Result<Outcome> {
    if let Some(rev) = &args.diff {
        let touched = Touched::compute(&args.path, rev, cfg)?;
        return Ok(judge_diff(findings, &touched, rev, fail_at));
    }
    let Some(path) = &args.baseline else {
        return Ok(judge_plain(findings, fail_at));
    };
    let name = path.display().to_string();
    if args.update_baseline || !path.exists() {
        let base = Baseline::of(&findings.findings);
        base.write(path)?;
        eprintln!(
            "seamline: recorded {} finding{} in the baseline {}",
            base.entries.len(),
            if base.entries.len() == 1 { "" } else { "s" },
            seamline::sanitize::sanitize(&name)
        );
        return Ok(judge_baseline(findings, &base, &name, fail_at));
    }
    let base = Baseline::read(path)?;
    Ok(judge_baseline(findings, &base, &name, fail_at))
}

fn root_uri(args: &CheckArgs) -> String {
    let abs = args
        .path
        .canonicalize()
        .unwrap_or_else(|_| args.path.clone());
    let mut s = report::check_sarif::uri_escape(&abs.to_string_lossy().replace('\\', "/"));
    if !s.ends_with('/') {
        s.push('/');
    }
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
}
