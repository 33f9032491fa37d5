//! Command-line definitions (clap). Parsing only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// seamline: a terminal refactoring cockpit. Measures a repository's directories, files and
/// components against their limits and says what to extract.
#[derive(Debug, Parser)]
#[command(
    name = "seamline",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand: the tree to open in the cockpit (default: the current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub cockpit: CockpitArgs,
}

/// `--watch` of the cockpit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CockpitWatch {
    /// The operating system's notifications, polling when they cannot work.
    #[default]
    Native,
    /// Polling the file system.
    Poll,
    /// No watching: scan once.
    Off,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorArg {
    /// Colours when the terminal has them (and `NO_COLOR` is not set).
    #[default]
    Auto,
    Always,
    Never,
}

/// For benchmarks: quit after the first frame, or after the first frame of the full model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExitAfterArg {
    First,
    Ready,
}

/// The cockpit's options (with no subcommand).
#[derive(Debug, Args, Default, Clone)]
pub struct CockpitArgs {
    /// Keep the model live: native file notifications (polling when they cannot work), polling,
    /// or off (scan once).
    #[arg(long = "watch", value_enum, value_name = "MODE", default_value_t = CockpitWatch::Native)]
    pub watch: CockpitWatch,
    /// Colour theme: dark, light, high-contrast, colour-blind, or a user theme (default: `[ui]
    /// theme` of the config).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// When to use colours (`NO_COLOR` is honoured with auto).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Draw with plain ASCII (for terminals without Unicode box drawing).
    #[arg(long)]
    pub ascii: bool,
    /// On quit, write the refactor session's summary (Markdown) to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Benchmarks: quit after the first frame (or the first frame of the full model) and print
    /// the time to it on stderr.
    #[arg(long, value_enum, hide = true, value_name = "WHEN")]
    pub exit_after: Option<ExitAfterArg>,
    #[command(flatten)]
    pub config: ConfigFlags,
    #[command(flatten)]
    pub scan: ScanTuning,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a tree: languages, line counts, components and their complexity.
    Scan(ScanArgs),
    /// Judge a tree against its limits: exit 0 when nothing is at or past the failing band,
    /// 1 when something is, 2 on an error.
    Check(CheckArgs),
    /// Print the effective configuration and where each value came from.
    Config(ConfigArgs),
    /// Keep the model live while you edit: report bands crossed, files created and removed, and
    /// HEAD moves as they happen; on exit (Ctrl-C, SIGTERM, SIGHUP), the session summary.
    Watch(WatchArgs),
    /// Churn, authors, change coupling, hotspots and time to breach from the git history.
    History(HistoryArgs),
    /// Propose extractions for a file, directory or item (PATH[:ITEM]): which items move where,
    /// what crosses the cut, what every piece will measure; `--patch` prints a diff.
    Suggest(SuggestArgs),
}

/// Where configuration comes from, shared by the commands that read it.
#[derive(Debug, Args, Default, Clone)]
pub struct ConfigFlags {
    /// A config file layered over the user and repository files.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Override a limit, e.g. --limit file_lines=400 (repeatable).
    #[arg(long = "limit", value_name = "METRIC=N")]
    pub limits: Vec<String>,
    /// Ignore the user's config file (~/.config/seamline/config.toml).
    #[arg(long)]
    pub no_user_config: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    /// Findings grouped by band, colours on a terminal.
    #[default]
    Human,
    /// Machine-readable JSON (docs/json.md).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// A summary for a pull request.
    Markdown,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The tree to check.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Fail when a node is at or past this band (default: from config, else freeze).
    #[arg(long, value_name = "BAND", value_parser = ["watch", "review", "emergency", "freeze"])]
    pub fail_at: Option<String>,
    /// Compare with the findings recorded in FILE: only new or worse findings fail. When FILE
    /// does not exist, today's findings are recorded in it.
    #[arg(long, value_name = "FILE", conflicts_with = "diff")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: record today's findings in FILE, replacing what it holds.
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
    /// Judge only nodes touched since the git revision REV.
    #[arg(long, value_name = "REV")]
    pub diff: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// List suppressed findings too (human format).
    #[arg(long)]
    pub show_suppressed: bool,
    #[command(flatten)]
    pub config: ConfigFlags,
    #[command(flatten)]
    pub scan: ScanTuning,
}

/// Scan settings shared by the commands that scan.
#[derive(Debug, Args, Default, Clone)]
pub struct ScanTuning {
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Where the content-hash cache lives (default: the user's cache directory).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The repository whose configuration to show.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[command(flatten)]
    pub config: ConfigFlags,
}

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ScanFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// Machine-readable JSON (documented in docs/json.md).
    Json,
}

#[derive(Debug, Args, Default)]
pub struct ScanArgs {
    /// The tree (or single file) to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
    pub format: ScanFormat,
    /// How many of the largest files and most complex functions to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Count lines only: no parsing, no components (fast first pass).
    #[arg(long)]
    pub lines_only: bool,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Skip files larger than this many bytes (default: `[scan] max_file_size`, 2 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Where the content-hash cache lives (default: the user's cache directory).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// With --format json: add each file's git history (the `history` object of docs/json.md).
    #[arg(long)]
    pub history: bool,
    #[command(flatten)]
    pub config: ConfigFlags,
}

/// Output formats of `watch --headless`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum WatchFormat {
    /// One line per event, for people.
    #[default]
    Human,
    /// JSON Lines (docs/json.md).
    Json,
}

/// Which file watcher `watch` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchBackendArg {
    /// The operating system's notifications (inotify, FSEvents, ...).
    Native,
    /// Polling the file system.
    Poll,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The tree to watch.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// No cockpit: one line per event on stdout, for build servers and scripts.
    #[arg(long)]
    pub headless: bool,
    /// Output format of the event lines.
    #[arg(long, value_enum, default_value_t = WatchFormat::Human)]
    pub format: WatchFormat,
    /// Add the paths that triggered each change.
    #[arg(long)]
    pub why: bool,
    /// Write the session summary (Markdown) to FILE on exit instead of printing it; SIGUSR1
    /// writes it at any time.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Force a watcher (default: native, polling when the native one cannot work).
    #[arg(long = "watch", value_enum, value_name = "MODE")]
    pub watch_mode: Option<WatchBackendArg>,
    /// Quiet time in milliseconds before changes are worked through.
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub debounce: u64,
    /// Polling interval in milliseconds, when polling.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub poll_interval: u64,
    #[command(flatten)]
    pub config: ConfigFlags,
    #[command(flatten)]
    pub scan: ScanTuning,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum HistoryFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// Machine-readable JSON (documented in docs/json.md).
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The tree whose history to read (a repository or a directory inside one).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
    /// How many entries each table lists.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Only commits since DATE: 2024-03-01, 2024-03-01T12:00:00, @EPOCH or "6 months ago".
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only the newest N commits.
    #[arg(long, value_name = "N")]
    pub max_commits: Option<usize>,
    /// Do not follow renames (counts then match `git log --numstat --no-renames`).
    #[arg(long)]
    pub no_renames: bool,
    /// Per-component churn of this file (path relative to PATH).
    #[arg(long, value_name = "FILE")]
    pub file: Option<String>,
    #[command(flatten)]
    pub scan: ScanTuning,
    #[command(flatten)]
    pub config: ConfigFlags,
}

/// Output formats of `suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SuggestFormat {
    /// Plans best first, for people.
    #[default]
    Human,
    /// Machine-readable JSON (docs/json.md).
    Json,
    /// A Markdown report.
    Markdown,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// A file, a directory, or FILE:ITEM (an item's qualified name, e.g. src/a.rs:Parser::parse).
    #[arg(default_value = ".")]
    pub target: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Human)]
    pub format: SuggestFormat,
    /// Print the unified diff of the best extract-module plan (Rust, Python) instead of the
    /// report. Nothing is written; apply it with `git apply`.
    #[arg(long)]
    pub patch: bool,
    /// With --patch: the plan to print (1 = the first plan of the report).
    #[arg(long, value_name = "N", requires = "patch")]
    pub plan: Option<usize>,
    /// With --patch: print the patch even when the plan is marked unsafe.
    #[arg(long, requires = "patch")]
    pub allow_unsafe: bool,
    /// Plan even when the target is below the patterns' trigger bands.
    #[arg(long)]
    pub force: bool,
    /// How many plans to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Use the git history (co-change and hotspot weights).
    #[arg(long)]
    pub history: bool,
    #[command(flatten)]
    pub config: ConfigFlags,
    #[command(flatten)]
    pub scan: ScanTuning,
}
