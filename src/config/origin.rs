//! Where a setting came from, and the error type that points at a file and line.

use std::fmt;

/// The layers of configuration, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// `assets/default-config.toml`, embedded in the binary.
    Default,
    /// The user's file in the XDG config directory.
    User,
    /// `.seamline.toml` at the repository root.
    Repo,
    /// The file given with `--config`.
    ConfigFlag,
    /// `--limit` and other flags.
    CommandLine,
}

impl Layer {
    /// A short label for `seamline config`.
    pub fn label(self) -> &'static str {
        match self {
            Layer::Default => "default",
            Layer::User => "user",
            Layer::Repo => "repository",
            Layer::ConfigFlag => "--config",
            Layer::CommandLine => "command line",
        }
    }
}

/// A config source: its layer and a name to print (a path, or `--limit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub layer: Layer,
    pub name: String,
}

/// Where one value was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub layer: Layer,
    pub name: String,
    /// 1-based line in the source (0 when the source has no lines).
    pub line: usize,
}

impl Origin {
    /// The origin at byte `offset` of `text` in `source`.
    pub fn at(source: &Source, text: &str, offset: usize) -> Origin {
        Origin {
            layer: source.layer,
            name: source.name.clone(),
            line: line_of(text, offset),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{} ({}:{})", self.layer.label(), self.name, self.line)
        } else {
            write!(f, "{} ({})", self.layer.label(), self.name)
        }
    }
}

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A configuration problem, with the file and line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl ConfigError {
    /// An error at byte `offset` of `text` in `source`.
    pub fn at(source: &Source, text: &str, offset: usize, message: impl Into<String>) -> Self {
        ConfigError {
            file: source.name.clone(),
            line: line_of(text, offset),
            message: message.into(),
        }
    }
}

/// All the problems found in the configuration; exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "invalid configuration ({n} problem{})",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}
