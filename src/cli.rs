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
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = seamline::scan::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Where the content-hash cache lives (default: the user's cache directory).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}
