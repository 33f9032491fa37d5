//! What the planners take from the git history: hotspot weights per file, change coupling
//! between files, and co-change of a file's components. All optional: without history the plans
//! rest on structure alone (every hotspot weight 0, no co-change edges).

use std::collections::HashMap;

/// History facts in the shape the planners use.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Hotspot score per file path (relative to the scanned root), in [0, 1].
    pub hotspots: HashMap<String, f64>,
    /// Change coupling between two files, degree in [0, 1].
    pub coupling: Vec<(String, String, f64)>,
    /// Per file: co-change of its components by qualified name, degree in [0, 1].
    pub cochange: HashMap<String, Vec<(String, String, f64)>>,
}

impl History {
    /// The facts of a history report: hotspot scores scaled so that the hottest file is 1, and
    /// the file couplings. `None` when the report says no history is available.
    pub fn from_report(report: &crate::history::HistoryReport) -> Option<History> {
        if report.unavailable.is_some() {
            return None;
        }
        let mut h = History::default();
        let max = report
            .files
            .iter()
            .filter_map(|f| f.hotspot)
            .fold(0.0f64, f64::max);
        for f in &report.files {
            if let (Some(score), true) = (f.hotspot, max > 0.0) {
                h.hotspots.insert(f.path.clone(), score / max);
            }
        }
        h.coupling = report
            .couplings
            .iter()
            .map(|c| (c.a.clone(), c.b.clone(), c.share))
            .collect();
        Some(h)
    }

    /// The hotspot score of `path` (0 when unknown).
    pub fn hotspot(&self, path: &str) -> f64 {
        self.hotspots
            .get(path)
            .copied()
            .unwrap_or(0.0)
            .clamp(0.0, 1.0)
    }

    /// The coupling degree between two files (0 when unknown).
    pub fn coupling(&self, a: &str, b: &str) -> f64 {
        self.coupling
            .iter()
            .find(|(x, y, _)| (x == a && y == b) || (x == b && y == a))
            .map(|(_, _, d)| *d)
            .unwrap_or(0.0)
    }
}
