//! Baselines: today's findings written to a file the user names, so that later runs fail only
//! on findings that are new or got worse. Entries are keyed by path, node kind, qualified name,
//! occurrence and metric — never by line — so moving a function within its file, or a line
//! shift above it, does not make it new.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bands::findings::Finding;
use crate::bands::{Band, Metric};

/// Version of the baseline file layout.
pub const BASELINE_VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default)]
    pub occurrence: u32,
    pub metric: Metric,
    pub value: u32,
    pub limit: u32,
    pub band: Band,
}

impl Entry {
    /// The same key as `Finding::key`.
    pub fn key(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.path,
            self.node,
            self.item.as_deref().unwrap_or(""),
            self.occurrence,
            self.metric.key()
        )
    }

    fn of(f: &Finding) -> Entry {
        Entry {
            path: f.path.clone(),
            node: f.node.to_string(),
            item: f.item.clone(),
            occurrence: f.occurrence,
            metric: f.metric,
            value: f.value,
            limit: f.limit,
            band: f.band,
        }
    }
}

/// The file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub schema_version: u32,
    pub tool: String,
    pub entries: Vec<Entry>,
}

/// Why a baseline could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a seamline baseline (line {line}: {message}); write a new one with --update-baseline")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: baseline version {found} is not supported (expected {BASELINE_VERSION}); write a new one with --update-baseline")]
    Version { path: String, found: u32 },
    #[error("{path}: cannot write the baseline: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// A baseline of `findings` (suppressed ones are left out: they never fail).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(Entry::of)
            .collect();
        entries.sort_by_key(Entry::key);
        Baseline {
            schema_version: BASELINE_VERSION,
            tool: format!("seamline {}", env!("CARGO_PKG_VERSION")),
            entries,
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: name.clone(),
            source,
        })?;
        let version: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
                path: name.clone(),
                line: e.line(),
                message: e.to_string(),
            })?;
        let found = version["schema_version"].as_u64().unwrap_or(0) as u32;
        if found != BASELINE_VERSION {
            return Err(BaselineError::Version { path: name, found });
        }
        serde_json::from_value(version).map_err(|e| BaselineError::Parse {
            path: name,
            line: 0,
            message: e.to_string(),
        })
    }

    /// Writes the baseline (pretty JSON, stable order, so that it diffs well in review).
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let err = |source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        };
        let mut text = serde_json::to_string_pretty(self).map_err(|e| err(e.into()))?;
        text.push('\n');
        std::fs::write(path, text).map_err(err)
    }

    /// Entries by key.
    pub fn by_key(&self) -> HashMap<String, &Entry> {
        self.entries.iter().map(|e| (e.key(), e)).collect()
    }
}
