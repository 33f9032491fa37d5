//! Command-line definitions (clap). Parsing only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// seamline: a terminal refactoring cockpit. Measures a repository's directories, files and
/// components against their limits and says what to extract.
#[derive(Debug, Parser)]
#[command(name = "seamline", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand: the tree to look at (default: the current directory).
    pub path: Option<PathBuf>,
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
    #[command(flatten)]
    pub config: ConfigFlags,
}
