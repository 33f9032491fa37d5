//! The headless commands. Each turns parsed arguments into library calls and output, and returns
//! the process exit code; errors carry context for the message `main` prints.

pub mod check;
pub mod cockpit;
pub mod config;
pub mod history;
pub mod scan;
pub mod suggest;
pub mod watch;

/// True when writing stopped because the reader went away (`seamline scan | head`): not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Loads the layered configuration for `root`; errors carry every problem with file and line.
pub fn load_config(
    root: &std::path::Path,
    flags: &crate::cli::ConfigFlags,
) -> anyhow::Result<seamline::config::Config> {
    let mut opts = seamline::config::LoadOptions::for_root(root);
    if flags.no_user_config {
        opts.user_file = None;
    }
    opts.config_file = flags.config.clone();
    opts.limit_flags = flags.limits.clone();
    Ok(seamline::config::Config::load(&opts)?)
}

/// The cache directory from `--cache-dir` / `--no-cache`, else the user's cache directory.
pub fn cache_dir(dir: &Option<std::path::PathBuf>, none: bool) -> Option<std::path::PathBuf> {
    if none {
        return None;
    }
    dir.clone()
        .or_else(|| dirs::cache_dir().map(|d| d.join("seamline")))
}
