//! `seamline suggest PATH[:ITEM]`: scan the target's tree, run the pattern library's planners on
//! the target, and print the plans best first (human, JSON, Markdown), or with `--patch` the
//! unified diff of one extract-module plan. Nothing is ever written to the tree.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use seamline::model::{Model, NodeBody, NodeId, Tree};
use seamline::patterns::{self, FsSources, History, Library, PatchStatus, Request};
use seamline::report;
use seamline::scan::{self, ScanOptions};

use crate::cli::{SuggestArgs, SuggestFormat};

/// Runs the command.
pub fn run(args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let (path, item) = split_target(&args.target)?;
    let mut scan_root = super::scan::config_root(&path);
    if scan_root.as_os_str().is_empty() {
        scan_root = PathBuf::from(".");
    }
    let cfg = super::load_config(&scan_root, &args.config)?;
    let mut opts = ScanOptions::new(&scan_root);
    opts.threads = args.scan.threads;
    opts.max_file_size = cfg.max_file_size;
    opts.ignore = cfg.ignore.clone();
    opts.languages = cfg.languages.clone();
    opts.progress = true;
    opts.cache_dir = super::cache_dir(&args.scan.cache_dir, args.scan.no_cache);
    let result = scan::scan(&opts)?;
    let model = Model::from_scan(&result).context("building the model")?;
    let snapshot = model.snapshot();
    let rel = if path.is_file() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let Some(file_id) = snapshot.lookup(&rel) else {
        bail!(
            "{}: not in the scanned tree (ignored, too large, or binary)",
            path.display()
        );
    };
    let target = match &item {
        Some(name) => find_item(&snapshot, file_id, name)
            .with_context(|| format!("{}: no item named `{name}`", path.display()))?,
        None => file_id,
    };
    let user_dir = if args.config.no_user_config {
        None
    } else {
        patterns::library::user_dir()
    };
    let library = Library::load(&project_root(&scan_root), user_dir.as_deref());
    for e in &library.errors {
        eprintln!(
            "seamline: warning: pattern library: {}",
            seamline::sanitize::sanitize(&e.to_string())
        );
    }
    let history = if args.history {
        history_facts(&scan_root, &cfg, &snapshot)
    } else {
        None
    };
    let sources = FsSources::new(&scan_root, cfg.max_file_size);
    let req = Request {
        tree: &snapshot,
        target,
        policy: &cfg,
        library: &library,
        sources: &sources,
        history: history.as_ref(),
        force: args.force,
    };
    let mut suggestions = patterns::suggest(&req);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.patch {
        return print_patch(&mut out, &suggestions, args, &scan_root);
    }
    suggestions.plans.truncate(args.top);
    let shown = match &item {
        Some(i) => format!(
            "{}:{i}",
            args.target
                .split_once(':')
                .map(|(p, _)| p)
                .unwrap_or(&args.target)
        ),
        None => args.target.clone(),
    };
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match args.format {
        SuggestFormat::Human => {
            report::suggest_human::write(&mut out, &shown, &suggestions, &library, color)?
        }
        SuggestFormat::Json => {
            report::suggest_json::write(&mut out, &shown, &suggestions, &library)?
        }
        SuggestFormat::Markdown => report::suggest_markdown::write(&mut out, &shown, &suggestions)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `PATH` or `PATH:ITEM`: the longest prefix before a `:` that exists is the path.
fn split_target(target: &str) -> anyhow::Result<(PathBuf, Option<String>)> {
    if Path::new(target).exists() {
        return Ok((PathBuf::from(target), None));
    }
    for (i, _) in target.match_indices(':') {
        let (p, rest) = target.split_at(i);
        let item = rest.trim_start_matches(':');
        if !p.is_empty() && Path::new(p).is_file() && !item.is_empty() {
            return Ok((PathBuf::from(p), Some(item.to_string())));
        }
    }
    bail!("{target}: no such file or directory")
}

/// The component of file `file` whose qualified name (or name) is `name`.
fn find_item(tree: &Tree, file: NodeId, name: &str) -> Option<NodeId> {
    let mut stack: Vec<NodeId> = tree.node(file)?.children.clone();
    let mut by_name = None;
    while let Some(id) = stack.pop() {
        let node = tree.node(id)?;
        if let NodeBody::Component(c) = &node.body {
            if c.qualified_name == name {
                return Some(id);
            }
            if node.name == name && by_name.is_none() {
                by_name = Some(id);
            }
        }
        stack.extend(node.children.iter().copied());
    }
    by_name
}

fn print_patch(
    out: &mut dyn Write,
    s: &patterns::Suggestions,
    args: &SuggestArgs,
    scan_root: &Path,
) -> anyhow::Result<ExitCode> {
    let plan = match args.plan {
        Some(n) => s
            .plans
            .get(n.saturating_sub(1))
            .with_context(|| format!("there is no plan {n} ({} plans)", s.plans.len()))?,
        None => s
            .plans
            .iter()
            .find(|p| p.changes.is_some())
            .context("no plan with a patch (patches exist for extract-module plans of Rust and Python files)")?,
    };
    let Some(changes) = &plan.changes else {
        bail!("plan `{}` has no patch (patches exist for extract-module plans of Rust and Python files)", plan.title);
    };
    if let PatchStatus::Unsafe { reason } = &plan.patch {
        if !args.allow_unsafe {
            bail!(
                "the patch of `{}` would not build: {}; use --allow-unsafe to print it anyway",
                plan.title,
                seamline::sanitize::sanitize(reason)
            );
        }
        eprintln!(
            "seamline: warning: this patch is not safe: {}",
            seamline::sanitize::sanitize(reason)
        );
    }
    out.write_all(changes.diff(&patch_prefix(scan_root)).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The prefix that makes the patch's paths apply with `git apply`: relative to the enclosing
/// git work tree, else to the current directory.
fn patch_prefix(scan_root: &Path) -> String {
    let abs = scan_root
        .canonicalize()
        .unwrap_or_else(|_| scan_root.to_path_buf());
    let git_top = abs
        .ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf);
    let base = git_top.or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|c| c.canonicalize().ok())
    });
    let rel = base
        .as_deref()
        .and_then(|b| abs.strip_prefix(b).ok())
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    if rel.is_empty() {
        rel
    } else {
        format!("{rel}/")
    }
}

/// Hotspot and coupling weights from the git history of `root`, when there is one.
fn history_facts(root: &Path, cfg: &seamline::config::Config, tree: &Tree) -> Option<History> {
    let opts = seamline::history::HistoryOptions {
        settings: cfg.history,
        ..Default::default()
    };
    let report = seamline::history::analyze(root, &opts, cfg, Some(tree), &mut |_| {}).ok()?;
    History::from_report(&report)
}

/// Where the repository's `.seamline/patterns/` is looked for: the nearest directory at or
/// above `start` that holds `.seamline/` (or, failing that, `.git` or `.seamline.toml`), so
/// that `suggest src/a.rs` reads the same library as `suggest .` at the top. `start` itself
/// when there is none.
fn project_root(start: &Path) -> PathBuf {
    let abs = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    let has = |d: &Path, name: &str| d.join(name).exists();
    let found = abs.ancestors().find(|d| has(d, ".seamline")).or_else(|| {
        abs.ancestors()
            .find(|d| has(d, ".git") || has(d, ".seamline.toml"))
    });
    found.map_or_else(|| start.to_path_buf(), Path::to_path_buf)
}
