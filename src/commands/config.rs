//! `seamline config`: prints the effective configuration with the origin of every value.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ConfigArgs;

/// Loads the configuration for the path and prints it.
pub fn run(args: &ConfigArgs) -> anyhow::Result<ExitCode> {
    let cfg = super::load_config(&args.path, &args.config)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    seamline::config::show::write(&mut out, &cfg)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
