//! The `seamline` binary: parses the command line and dispatches to the commands; with no
//! subcommand it opens the cockpit on PATH (default: the current directory).
//! Exit codes: 0 ok, 1 findings (from `check`, later), 2 error.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Scan(args)) => commands::scan::run(&args),
        Some(Command::Check(args)) => commands::check::run(&args),
        Some(Command::Config(args)) => commands::config::run(&args),
        Some(Command::Watch(args)) => commands::watch::run(&args),
        Some(Command::History(args)) => commands::history::run(&args),
        Some(Command::Suggest(args)) => commands::suggest::run(&args),
        None => commands::cockpit::run(cli.path.unwrap_or_else(|| ".".into()), &cli.cockpit),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if commands::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let text = format!("{err:#}");
            let lines: Vec<_> = text.lines().map(seamline::sanitize::sanitize).collect();
            eprintln!("seamline: error: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}
